#!/usr/bin/env python3
"""The conditional branches of one function that callgrind's branch simulation mispredicts most,
with their source line and address: callgrind_branches.py CALLGRIND_OUT FUNCTION_SUBSTRING, on a file
made with --branch-sim=yes --dump-instr=yes, e.g.
  valgrind --tool=callgrind --branch-sim=yes --dump-instr=yes --collect-atstart=no \
    --toggle-collect='*AnalyzerC7analyze4utf8*' --callgrind-out-file=F \
    .build/release/aftershock-bench text --runs 1 --megabytes 8 --only rules
  python3 Scripts/callgrind_branches.py F AnalyzerC8runRules
Columns: mispredicts, executions, rate, source line, address. Standard library only."""
import re, sys
out, want = sys.argv[1], sys.argv[2]
names={}; cur=None; addr=0; line=0; skip=False; fl=None; files={}
ev=None
costs={}
def val(tok, prev):
    if tok == '*': return prev
    if tok[0] in '+-': return prev + int(tok, 0) if tok[0] == '+' else prev - int(tok[1:], 0)
    return int(tok, 0)
for raw in open(out):
    raw=raw.rstrip('\n')
    if raw.startswith('events:'): ev=raw.split()[1:]; continue
    if raw.startswith('fn='):
        m=re.match(r'fn=\((\d+)\)(?: (.*))?', raw)
        if m:
            if m.group(2): names[m.group(1)]=m.group(2)
            cur=names.get(m.group(1),'')
        continue
    if raw.startswith('calls='): skip=True; continue
    if not raw or not (raw[0].isdigit() or raw[0] in '+-*'):
        if raw.startswith('cfn='):
            m=re.match(r'cfn=\((\d+)\) (.*)', raw)
            if m: names[m.group(1)]=m.group(2)
        continue
    parts=raw.split()
    addr=val(parts[0],addr)
    if len(parts)>1: line=val(parts[1],line)
    if skip: skip=False; continue
    if cur and want in cur:
        vals=parts[2:]
        d=dict(zip(ev,[int(v) for v in vals]))
        c=costs.setdefault((addr,line),[0,0])
        c[0]+=d.get('Bc',0); c[1]+=d.get('Bcm',0)
tot=sum(v[1] for v in costs.values())
print('total Bcm',tot)
for (a,l),(bc,bcm) in sorted(costs.items(), key=lambda kv:-kv[1][1])[:30]:
    print('%8d %8d %5.1f%%  line %d  %#x'%(bcm,bc,100*bcm/max(bc,1),l,a))
