#!/usr/bin/env python3
"""Per-instruction self cost of one function from a callgrind file made with --dump-instr=yes,
printed beside its disassembly: callgrind_asm.py CALLGRIND_OUT BINARY FUNCTION_SUBSTRING [MIN_IR]"""
import os, re, subprocess, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from callgrind_costs import self_costs
out, binary, want = sys.argv[1], sys.argv[2], sys.argv[3]
minir = int(sys.argv[4]) if len(sys.argv) > 4 else 0
costs = {}
for addr, _, d in self_costs(out, want):
    costs[addr] = costs.get(addr, 0) + d.get('Ir', 0)
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
