#!/usr/bin/env python3
"""How often a candidate aspect phrase stands in the read case sets' texts whose reader named that
aspect, and in those whose reader did not: a phrase for aspects.txt is worth trying when the first
count outweighs the second. The never-read holdouts (ticket_cases_holdout*.csv) are left out.
Standard library only.

  python3 Scripts/aspect_phrase_counts.py communication email letter "apology email"
"""
import csv
import glob
import re
import sys

if len(sys.argv) < 3:
    sys.exit("usage: Scripts/aspect_phrase_counts.py ASPECT PHRASE [PHRASE...]")
aspect, phrases = sys.argv[1], sys.argv[2:]
root = __file__.rsplit("/Scripts/", 1)[0] if "/Scripts/" in __file__ else "."
rows = []
for path in sorted(glob.glob(f"{root}/Scripts/ticket_cases*.csv")):
    if "holdout3" in path or "holdout4" in path:
        continue
    rows += [r for r in csv.DictReader(open(path, newline="", encoding="utf-8")) if r["polarity"]]
for phrase in phrases:
    pattern = re.compile(r"(?<![\w'])" + re.escape(phrase) + r"(?![\w'])", re.I)
    named = unnamed = 0
    for r in rows:
        if pattern.search(r["text"]):
            aspects = {item[:-1] for item in r["aspects"].split(";") if item}
            if aspect in aspects:
                named += 1
            else:
                unnamed += 1
    print(f"{phrase!r}: in {named} texts naming {aspect}, {unnamed} not")
