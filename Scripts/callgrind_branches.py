#!/usr/bin/env python3
"""The conditional branches of one function that callgrind's branch simulation mispredicts most,
with their source line and address: callgrind_branches.py CALLGRIND_OUT FUNCTION_SUBSTRING, on a file
made with --branch-sim=yes --dump-instr=yes, e.g.
  valgrind --tool=callgrind --branch-sim=yes --dump-instr=yes --collect-atstart=no \
    --toggle-collect='*AnalyzerC7analyze4utf8*' --callgrind-out-file=F \
    .build/release/aftershock-bench text --runs 1 --megabytes 8 --only rules
  python3 Scripts/callgrind_branches.py F AnalyzerC8runRules
Columns: mispredicts, executions, rate, source line, address. Standard library only."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from callgrind_costs import self_costs
out, want = sys.argv[1], sys.argv[2]
costs = {}
for addr, line, d in self_costs(out, want):
    c = costs.setdefault((addr, line), [0, 0])
    c[0] += d.get('Bc', 0); c[1] += d.get('Bcm', 0)
tot=sum(v[1] for v in costs.values())
print('total Bcm',tot)
for (a,l),(bc,bcm) in sorted(costs.items(), key=lambda kv:-kv[1][1])[:30]:
    print('%8d %8d %5.1f%%  line %d  %#x'%(bcm,bc,100*bcm/max(bc,1),l,a))
