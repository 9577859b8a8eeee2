#!/usr/bin/env python3
"""Churn-intent precision and recall of `aftershock score` against the sample's truth file.

  swift run -c release aftershock score Data/sample/tickets.csv > /tmp/scored_tickets.csv
  swift run -c release aftershock score Data/sample/surveys.csv > /tmp/scored_surveys.csv
  python3 Scripts/intent_eval.py /tmp/scored_tickets.csv /tmp/scored_surveys.csv [--show N]

A text counts as intent in the truth when its `churn_intent` is `stated` (not `negated` or
`absent`). `--show N` prints up to N missed and N false texts. Also prints, per `offer_reaction`
of the truth, how the texts' offer aspect came out (negative, neutral, positive, not found).
Standard library only.
"""
import argparse
import csv

parser = argparse.ArgumentParser()
parser.add_argument("scored", nargs="+", help="CSV files written by `aftershock score`")
parser.add_argument("--truth", default="Data/sample/truth/texts_truth.csv")
parser.add_argument("--show", type=int, default=0)
args = parser.parse_args()

records = {r["text_id"]: r for r in csv.DictReader(open(args.truth, newline=""))}
truth = {k: r["churn_intent"] for k, r in records.items()}
tp = fp = fn = tn = 0
offer = {}  # truth's offer_reaction -> counts of the offer aspect's sign
missed, false = [], []
for path in args.scored:
    rows = csv.DictReader(open(path, newline=""))
    id_column = "ticket_id" if "ticket_id" in rows.fieldnames else "response_id"
    text_column = "body" if "body" in rows.fieldnames else "comment"
    for r in rows:
        expected = truth.get(r[id_column])
        if expected is None:
            continue
        value = r.get("aspect_offer", "")
        shown = "not found" if value == "" else "negative" if float(value) <= -0.05 else "positive" if float(value) >= 0.05 else "neutral"
        counts = offer.setdefault(records[r[id_column]]["offer_reaction"], {})
        counts[shown] = counts.get(shown, 0) + 1
        stated = expected == "stated"
        found = r["churn_intent"] == "true"
        text = r[text_column].replace("\n", " ")[:160]
        if stated and found:
            tp += 1
        elif stated:
            fn += 1
            missed.append(text)
        elif found:
            fp += 1
            false.append(f"{r['churn_intent_evidence']!r} in: {text}")
        else:
            tn += 1
precision = tp / max(1, tp + fp)
recall = tp / max(1, tp + fn)
print(f"texts {tp + fp + fn + tn}: stated intent {tp + fn}, found {tp + fp}; "
      f"precision {precision:.4f}, recall {recall:.4f} (tp {tp}, fp {fp}, fn {fn}, tn {tn})")
for reaction, counts in sorted(offer.items()):
    shown = ", ".join(f"{k} {counts.get(k, 0)}" for k in ("negative", "neutral", "positive", "not found"))
    print(f"offer aspect where the truth's reaction is {reaction} ({sum(counts.values())}): {shown}")
for text in missed[: args.show]:
    print("missed:", text)
for text in false[: args.show]:
    print("false: ", text)
