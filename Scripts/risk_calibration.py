#!/usr/bin/env python3
"""Calibration and week-to-week stability of the run's churn tiers against the generator's truth.

For each as-of day, runs `aftershock run --as-of DAY` on a generated sample (default: the
committed `Data/sample`) and compares the open accounts' churn probabilities and tiers
(`accounts_risk.csv`) with what became of them (`truth/accounts_truth.csv`, `churned_outcome`):
per tier (high / medium / low) the count of open accounts and their mean predicted churn against
the share that churned; expected calibration error over 10 equal-width bins (ECE, the count-
weighted mean gap between mean prediction and churned share in each bin); ROC AUC, log-loss and
Brier score. Then, across consecutive days given, how many accounts open on both days changed
tier, and the high-tier count per day.

  swift build -c release
  python3 Scripts/risk_calibration.py [--sample DIR] [--binary B] 2024-07-26 2024-08-15 2024-09-15
  python3 Scripts/risk_calibration.py --weekly 2024-07-26 2024-09-30   # every 7 days

`--csv FILE` appends one line per day (sample, binary, day, figures) for tables. Standard library
only (`risk_against_truth.py` beside it gives the forecast against the truth).
"""
import argparse
import csv
import datetime
import math
import os
import subprocess
import sys
import tempfile

from risk_against_truth import auc  # the same ROC AUC by ranks, from the script beside this one

TIERS = ("high", "medium", "low")


def ece(probabilities, outcomes, bins=10):
    """Expected calibration error over equal-width bins: sum over bins of n_b/n * |mean p - share churned|."""
    totals = [[0, 0.0, 0] for _ in range(bins)]
    for p, y in zip(probabilities, outcomes):
        b = totals[min(int(p * bins), bins - 1)]
        b[0] += 1
        b[1] += p
        b[2] += 1 if y else 0
    n = len(probabilities)
    return sum(c / n * abs(s / c - k / c) for c, s, k in totals if c)


def run_day(binary, sample, day):
    """Open accounts of one run: {account_id: (probability, tier)}, and the run's model line."""
    with tempfile.TemporaryDirectory() as out:
        run = subprocess.run(
            [binary, "run", "--data", sample, "--as-of", day, "--out", out,
             "--db", os.path.join(out, "history.sqlite")], capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(f"{day}: aftershock run failed:\n{run.stderr}")
        model = next((line.split(":", 1)[1].strip() for line in run.stdout.splitlines()
                      if line.strip().startswith("churn model:")), "?")
        rows = {r["account_id"]: (float(r["churn_probability"]), r["tier"])
                for r in csv.DictReader(open(os.path.join(out, "accounts_risk.csv"))) if r["status"] == "open"}
    return rows, model


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("days", nargs="*", help="as-of days, YYYY-MM-DD")
    parser.add_argument("--weekly", nargs=2, metavar=("FIRST", "LAST"), help="every 7th day from FIRST to LAST")
    parser.add_argument("--sample", default=os.path.join(root, "Data", "sample"))
    parser.add_argument("--binary", default=os.path.join(root, ".build", "release", "aftershock"))
    parser.add_argument("--csv", help="append one line per day to this file")
    args = parser.parse_args()
    days = list(args.days)
    if args.weekly:
        day = datetime.date.fromisoformat(args.weekly[0])
        last = datetime.date.fromisoformat(args.weekly[1])
        while day <= last:
            days.append(day.isoformat())
            day += datetime.timedelta(days=7)
    if not days:
        parser.error("give as-of days or --weekly FIRST LAST")
    truth = {r["account_id"]: r["churned_outcome"] == "true"
             for r in csv.DictReader(open(os.path.join(args.sample, "truth", "accounts_truth.csv")))}
    print(f"sample {args.sample}, binary {args.binary}")
    print("as-of        open  learned        | high: n  pred  real | medium: n  pred  real | low: n  pred  real"
          " |  ECE    AUC    log-loss  Brier | changed tier")
    previous = None
    writer = None
    if args.csv:
        fresh = not os.path.exists(args.csv)
        handle = open(args.csv, "a", newline="")
        writer = csv.writer(handle)
        if fresh:
            writer.writerow(["sample", "binary", "as_of", "open", "learned_from"]
                            + [f"{t}_{k}" for t in TIERS for k in ("count", "predicted", "realised")]
                            + ["ece", "auc", "log_loss", "brier", "changed_tier", "both_open"])
    high_counts = []
    high_gaps = []
    total_changed = 0
    for day in days:
        rows, model = run_day(args.binary, args.sample, day)
        ids = sorted(rows)
        p = [rows[i][0] for i in ids]
        y = [truth[i] for i in ids]
        n = len(ids)
        loss = -sum(math.log(max(q, 1e-12)) if t else math.log(max(1 - q, 1e-12)) for q, t in zip(p, y)) / n
        brier = sum((q - (1 if t else 0)) ** 2 for q, t in zip(p, y)) / n
        per_tier = {}
        for tier in TIERS:
            members = [i for i in ids if rows[i][1] == tier]
            if members:
                per_tier[tier] = (len(members), sum(rows[i][0] for i in members) / len(members),
                                  sum(truth[i] for i in members) / len(members))
            else:
                per_tier[tier] = (0, float("nan"), float("nan"))
        changed = both = 0
        if previous is not None:
            for i in ids:
                if i in previous:
                    both += 1
                    changed += rows[i][1] != previous[i][1]
        learned = model.replace("logistic fitted in this run on ", "").split(" labelled")[0]
        if not model.startswith("logistic fitted"):
            learned = "shipped"
        elif "L2 strength " in model:
            learned += " L2=" + model.split("L2 strength ")[1].split(" ")[0]
        cells = " | ".join(f"{per_tier[t][0]:5d} {per_tier[t][1]:5.3f} {per_tier[t][2]:5.3f}" for t in TIERS)
        change = f"{changed} of {both}" if previous is not None else "-"
        print(f"{day}  {n:5d}  {learned:13s}  | {cells} | {ece(p, y):.3f}  {auc(p, y):.4f}  {loss:.4f}  "
              f"{brier:.4f} | {change}")
        if writer:
            writer.writerow([args.sample, args.binary, day, n, learned]
                            + [f"{v:.4f}" if isinstance(v, float) else v for t in TIERS for v in per_tier[t]]
                            + [f"{ece(p, y):.4f}", f"{auc(p, y):.4f}", f"{loss:.4f}", f"{brier:.4f}",
                               changed if previous is not None else "", both if previous is not None else ""])
        high_counts.append(per_tier["high"][0])
        if per_tier["high"][0]:
            high_gaps.append(per_tier["high"][1] - per_tier["high"][2])
        total_changed += changed
        previous = rows
    if len(days) > 1:
        print("high-tier count per day: " + " -> ".join(str(c) for c in high_counts))
        moves = [abs(b - a) for a, b in zip(high_counts, high_counts[1:])]
        print(f"high tier predicted minus realised, mean over the days: {sum(high_gaps) / len(high_gaps):.3f}; "
              f"accounts changing tier from one day to the next: {total_changed}; "
              f"high-tier count moves by {sum(moves) / len(moves):.1f} a day on average")


if __name__ == "__main__":
    main()
