#!/usr/bin/env python3
"""Rebuild Data/corpora/uci_sentences.csv from the UCI "Sentiment Labelled Sentences" files.

Usage (from the repository root): python3 Scripts/convert_uci.py [DIR_WITH_THE_THREE_TXT_FILES]
The source files are `sentence<TAB>0|1` per line; imdb contains U+0085 inside lines, so we
split on "\\n" only.
"""
import csv, sys

src = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/sentiment/uci"
rows = []
for name, stem in (("amazon", "amazon_cells"), ("imdb", "imdb"), ("yelp", "yelp")):
    with open(f"{src}/{stem}_labelled.txt", encoding="utf-8") as f:
        for line in f.read().split("\n"):
            if not line.strip():
                continue
            text, _, label = line.rpartition("\t")
            rows.append((text.strip(), label.strip(), name))
with open("Data/corpora/uci_sentences.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["text", "label", "source"])
    w.writerows(rows)
print(f"{len(rows)} sentences")
