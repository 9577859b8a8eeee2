#!/usr/bin/env python3
"""Write random word soups, one text per line, for pinning the text rules while tuning them.

Usage: python3 Scripts/text_soup.py OUT [--lines N] [--seed S]
Each line draws up to 45 tokens from a vocabulary of the rules' own material (negators,
boosters, contrast words, idioms, intents, competitors, emoji, emoticons, money, punctuation,
URLs), so orders no real ticket has put every rule next to every other. Compare two builds:

  python3 Scripts/text_soup.py /tmp/soup.txt
  OLD/aftershock-bench text --check /tmp/soup.txt > /tmp/old.check
  .build/release/aftershock-bench text --check /tmp/soup.txt > /tmp/new.check
  cmp /tmp/old.check /tmp/new.check

Standard library only; the same seed writes the same file.
"""
import random
import sys

VOCABULARY = """not no never but however great terrible outage voucher a joke slap in the face switch to
SentinelOne Palo Alto Networks renew cancel help please like $10 10 dollars !!! ? ??? , . ; :( :-) 😡
🤦🏽‍♂️ 👍 #WorstSupportEver @x don't didn't could would have been worse é kind of least at very pretty
think only just thanks thank you we will are moving another vendor evaluating alternatives customer
service gift card credit root cause status page incredibly good bad worst problems without issues
support was is BAD GREAT NOT HAPPY so really extremely stay with replace it go going pull plug walk
away end our contract insulting bricked downtime refund and while because asap need love hate fine
ok okay sorry apology compensation - ( ) ... https://x.com/a a@b.co""".split() + ["\n"]


def main():
    args = sys.argv[1:]
    if not args or args[0].startswith("--"):
        sys.exit(__doc__)
    out, lines, seed = args[0], 60000, 7
    rest = args[1:]
    while rest:
        flag = rest.pop(0)
        if flag == "--lines" and rest:
            lines = int(rest.pop(0))
        elif flag == "--seed" and rest:
            seed = int(rest.pop(0))
        else:
            sys.exit(__doc__)
    rng = random.Random(seed)
    with open(out, "w", encoding="utf-8") as f:
        for _ in range(lines):
            words = [rng.choice(VOCABULARY) for _ in range(rng.randint(0, 45))]
            # A line break inside a text would split it: it stands for a sentence end.
            f.write(" ".join(words).replace("\n", ".") + "\n")


if __name__ == "__main__":
    main()
