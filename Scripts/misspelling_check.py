#!/usr/bin/env python3
"""The misspellings the lexicon reads as words of leaving (`TextLexicon.misspellings(of:)` over
`RuleWords.misspelledWords`), checked against an English word list: prints how many forms the
words give and every form that is an English word, so that `RuleWords.misspellingsThatAreWords`
can be reviewed. Needs the PyPI package english-words (web2 and GCIDE) in a venv, never the product:

  python3 -m venv .venv && .venv/bin/pip install english-words
  .venv/bin/python Scripts/misspelling_check.py
"""
import re
from english_words import get_english_words_set

root = __file__.rsplit("/Scripts/", 1)[0] if "/Scripts/" in __file__ else "."
source = open(f"{root}/Sources/AftershockText/RuleWords.swift", encoding="utf-8").read()


def swift_list(name):
    body = re.search(r"static let " + name + r": \[String\] = \[(.*?)\]", source, re.S).group(1)
    return re.findall(r'"([^"]*)"', body)


def misspellings(word):
    """As TextLexicon.misspellings(of:): a letter dropped (after the first, five letters or more),
    doubled (after the first), two distinct neighbours swapped; in order, without repeats."""
    out, seen = [], {word}
    n = len(word)
    forms = []
    if n >= 5:
        forms += [word[:i] + word[i + 1:] for i in range(1, n)]
    forms += [word[:i] + word[i] + word[i:] for i in range(1, n)]
    forms += [word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(n - 1) if word[i] != word[i + 1]]
    for v in forms:
        if v not in seen:
            seen.add(v)
            out.append(v)
    return out


english = get_english_words_set(["web2", "gcide"], lower=True)
words = swift_list("misspelledWords")
excluded = set(swift_list("misspellingsThatAreWords"))
total = 0
print(f"{len(english)} English words (web2, GCIDE); {len(words)} words of leaving")
for word in words:
    forms = misspellings(word)
    total += len(forms)
    hits = [v for v in forms if v in english]
    if hits:
        print(f"  {word}: English words among its forms: {', '.join(hits)}"
              + "".join(f" ({v} excluded)" for v in hits if v in excluded))
print(f"{total} forms in all (before those the lexicon already holds or two words share are left out)")
