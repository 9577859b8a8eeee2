#!/usr/bin/env python3
"""Split a CSV export into shards by record, for a sharded run (`aftershock run --partial`, then `merge`).

Usage: python3 Scripts/split_records.py FILE N PREFIX [--round-robin]
Writes PREFIX-1.csv ... PREFIX-N.csv, each with the header: contiguous runs of records (merged in
name order they keep the file's order), or records dealt in turn with --round-robin. Records are
read with the csv module, so quoted fields holding newlines (ticket bodies) stay whole; `split -l`
would cut them. Standard library only.
"""
import csv, sys

args = [a for a in sys.argv[1:] if not a.startswith("--")]
if len(args) != 3 or not args[1].isdigit() or int(args[1]) < 1:
    sys.exit(__doc__)
path, count, prefix = args[0], int(args[1]), args[2]
round_robin = "--round-robin" in sys.argv
with open(path, newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
header, records = rows[0], rows[1:]
size = -(-len(records) // count)
for shard in range(count):
    part = records[shard::count] if round_robin else records[shard * size:(shard + 1) * size]
    with open(f"{prefix}-{shard + 1}.csv", "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(part)
    print(f"{prefix}-{shard + 1}.csv: {len(part)} records")
