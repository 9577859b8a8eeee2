#!/usr/bin/env python3
"""Writes the texts a speed or lexicon change to the text path is checked on, one a line, for
`aftershock-bench text --check FILE` before and after the change (then `cmp`):

  python3 Scripts/text_check_corpus.py /tmp/check.txt
  swift run -c release aftershock-bench text --check /tmp/check.txt > before.txt   (old build)
  swift run -c release aftershock-bench text --check /tmp/check.txt > after.txt    (new build)

In order: the sample's ticket bodies and survey comments, every readers' case set
(Scripts/ticket_cases*.csv, the never-read holdouts included: compare their lines' outputs, never
read their texts), VADER's human-rated snippets and the UCI sentences. With the bench's own
texts (`aftershock-bench text --runs 1 --megabytes 2 --only reference --dump FILE`) these are the
44,321 check lines `Benchmarks/README-text.md` quotes for session 22. Line breaks inside a text become spaces.
Standard library only.
"""
import csv
import glob
import sys

if len(sys.argv) != 2:
    sys.exit("usage: Scripts/text_check_corpus.py OUT")
root = __file__.rsplit("/Scripts/", 1)[0] if "/Scripts/" in __file__ else "."
lines = []


def add(text):
    lines.append(text.replace("\r", " ").replace("\n", " "))


for row in csv.DictReader(open(f"{root}/Data/sample/tickets.csv", newline="", encoding="utf-8")):
    add(row["body"])
for row in csv.DictReader(open(f"{root}/Data/sample/surveys.csv", newline="", encoding="utf-8")):
    add(row.get("comment", ""))
for path in sorted(glob.glob(f"{root}/Scripts/ticket_cases*.csv")):
    for row in csv.DictReader(open(path, newline="", encoding="utf-8")):
        add(row["text"])
for path in sorted(glob.glob(f"{root}/Data/corpora/vader_icwsm2014/*_GroundTruth.txt")):
    for line in open(path, encoding="utf-8", errors="replace"):
        fields = line.rstrip("\n").split("\t", 2)
        if len(fields) == 3:
            add(fields[2])
for row in csv.DictReader(open(f"{root}/Data/corpora/uci_sentences.csv", newline="", encoding="utf-8")):
    add(row["text"])
with open(sys.argv[1], "w", encoding="utf-8") as out:
    out.write("\n".join(lines) + "\n")
print(f"{len(lines)} texts -> {sys.argv[1]}")
