#!/usr/bin/env python3
"""Per-instruction self cost of one function from a callgrind file made with --dump-instr=yes,
printed beside its disassembly: cgasm.py CALLGRIND_OUT BINARY FUNCTION_SUBSTRING [MIN_IR]"""
import re, subprocess, sys
out, binary, want = sys.argv[1], sys.argv[2], sys.argv[3]
minir = int(sys.argv[4]) if len(sys.argv) > 4 else 0
names = {}
costs = {}
cur = None
addr = 0
line = 0
skip = False
def val(tok, prev):
    if tok == '*': return prev
    if tok[0] in '+-': return prev + int(tok, 0) if tok[0] == '+' else prev - int(tok[1:], 0)
    return int(tok, 0)
for raw in open(out):
    raw = raw.rstrip('\n')
    if raw.startswith('fn='):
        m = re.match(r'fn=\((\d+)\)(?: (.*))?', raw)
        if m:
            if m.group(2): names[m.group(1)] = m.group(2)
            cur = names.get(m.group(1), '')
        else:
            cur = raw[3:]
        continue
    if raw.startswith('calls='):
        skip = True
        continue
    if not raw or not (raw[0].isdigit() or raw[0] in '+-*'):
        if raw.startswith(('cfn=', 'cfi=', 'cob=')):
            m = re.match(r'cfn=\((\d+)\) (.*)', raw)
            if m: names[m.group(1)] = m.group(2)
        continue
    parts = raw.split()
    addr = val(parts[0], addr)
    if len(parts) > 1: line = val(parts[1], line)
    if skip:
        skip = False
        continue
    if cur and want in cur and len(parts) > 2:
        costs[addr] = costs.get(addr, 0) + int(parts[2])
if not costs: sys.exit('no costs for ' + want)
lo, hi = min(costs), max(costs)
dis = subprocess.run(['objdump', '-d', '--no-show-raw-insn', '-M', 'intel', '--start-address=%#x' % lo,
                      '--stop-address=%#x' % (hi + 16), binary], capture_output=True, text=True).stdout
total = sum(costs.values())
print('total self Ir', total)
for l in dis.splitlines():
    m = re.match(r'\s*([0-9a-f]+):\s+(.*)', l)
    if not m: continue
    a = int(m.group(1), 16)
    c = costs.get(a, 0)
    if c >= minir: print('%11d  %s' % (c, l.strip()[:110]))
