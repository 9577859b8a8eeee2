"""Reads a callgrind output file made with --dump-instr=yes: the self cost lines of the functions
whose name holds a substring, for Scripts/callgrind_asm.py and Scripts/callgrind_branches.py.
Standard library only."""
import re


def self_costs(path, want):
    """Yields (address, source line, {event: count}) for each self cost line of a function whose
    (mangled) name contains `want`; the costs of calls made from it are left out."""
    names = {}
    events = []
    cur = None
    addr = 0
    line = 0
    skip = False

    def val(tok, prev):
        # Callgrind's compressed positions: '*' the same, '+N'/'-N' relative, else absolute.
        if tok == '*':
            return prev
        if tok[0] == '+':
            return prev + int(tok[1:], 0)
        if tok[0] == '-':
            return prev - int(tok[1:], 0)
        return int(tok, 0)

    for raw in open(path):
        raw = raw.rstrip('\n')
        if raw.startswith('events:'):
            events = raw.split()[1:]
            continue
        if raw.startswith('fn='):
            m = re.match(r'fn=\((\d+)\)(?: (.*))?', raw)
            if m:
                if m.group(2):
                    names[m.group(1)] = m.group(2)
                cur = names.get(m.group(1), '')
            else:
                cur = raw[3:]
            continue
        if raw.startswith('calls='):
            # The next cost line is the call's inclusive cost, not this function's own.
            skip = True
            continue
        if not raw or not (raw[0].isdigit() or raw[0] in '+-*'):
            m = re.match(r'cfn=\((\d+)\) (.*)', raw)
            if m:
                names[m.group(1)] = m.group(2)
            continue
        parts = raw.split()
        addr = val(parts[0], addr)
        if len(parts) > 1:
            line = val(parts[1], line)
        if skip:
            skip = False
            continue
        if cur and want in cur and len(parts) > 2:
            yield addr, line, dict(zip(events, (int(v) for v in parts[2:])))
