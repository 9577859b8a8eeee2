#!/usr/bin/env python3
"""The run's churn risk and retention forecast against the generator's truth, at several as-of days.

For each as-of day, runs `aftershock run --as-of DAY` on a generated sample (default: the
committed `Data/sample`) into a temporary folder, then compares the open accounts' churn
probabilities (`accounts_risk.csv`) with what the truth file says became of them
(`truth/accounts_truth.csv`, `churned_outcome`): mean predicted churn against the share that
churned, ROC AUC, log-loss, and the forecast's 90% interval against the accounts truly retained,
at the horizon of the open accounts' last renewal (at most 365 days).

The generator decides one renewal an account (the next after the outage); the forecast also
counts, past it, the following year's renewal, whose notice may fall inside the horizon. At 365
days that takes the accounts renewing within a notice lead of the as-of day a second time, which
the truth file cannot know: the horizon of the last first renewal counts every renewal the truth
decides and (up to a few accounts on the earliest days, when the last renewal lies within a
notice lead of 365 days) none it does not.

  swift build -c release
  python3 Scripts/risk_against_truth.py [--sample DIR] [--binary B] 2024-07-26 2024-08-15 2024-11-13

With --arr, each day is followed by the open accounts' ARR at risk (the report's headline) against
ARR x the truth's churn probability and the ARR that truly churned.

With --by-days, each day is followed by its open accounts grouped by days to their renewal: the
mean churn probability shown (`churn_probability`), the model's own (`model_probability`, which
differs for an account renewing within the notice lead) and the share that churned.

Standard library only.
"""
import argparse
import csv
import math
import os
import subprocess
import sys
import tempfile


def auc(scores, outcomes):
    """ROC AUC by ranks (ties share their mean rank)."""
    pairs = sorted(zip(scores, outcomes))
    ranks = [0.0] * len(pairs)
    i = 0
    while i < len(pairs):
        j = i
        while j < len(pairs) and pairs[j][0] == pairs[i][0]:
            j += 1
        for k in range(i, j):
            ranks[k] = (i + j + 1) / 2
        i = j
    positives = sum(1 for _, y in pairs if y)
    negatives = len(pairs) - positives
    if positives == 0 or negatives == 0:
        return float("nan")
    rank_sum = sum(r for r, (_, y) in zip(ranks, pairs) if y)
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def by_days(rows, truth):
    """Open accounts by days to renewal: mean shown and model probability against the churned share."""
    print("    days to renewal  accounts  shown  model's own  churned")
    for low, high in [(-100000, 0), (1, 10), (11, 20), (21, 30), (31, 60), (61, 100000)]:
        group = [r for r in rows if low <= int(r["days_to_renewal"]) <= high]
        if not group:
            continue
        label = "due" if high == 0 else (f"{low}+" if high == 100000 else f"{low}-{high}")
        shown = sum(float(r["churn_probability"]) for r in group) / len(group)
        model = sum(float(r.get("model_probability") or r["churn_probability"]) for r in group) / len(group)
        share = sum(truth[r["account_id"]] for r in group) / len(group)
        print(f"    {label:>15s}  {len(group):8d}  {shown:.3f}  {model:11.3f}  {share:.3f}")


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("days", nargs="+", help="as-of days, YYYY-MM-DD")
    parser.add_argument("--sample", default=os.path.join(root, "Data", "sample"))
    parser.add_argument("--binary", default=os.path.join(root, ".build", "release", "aftershock"))
    parser.add_argument("--by-days", action="store_true",
                        help="also the open accounts by days to renewal: shown, model's own, churned")
    parser.add_argument("--arr", action="store_true",
                        help="also the open accounts' ARR at risk (ARR x churn probability, the report's headline) "
                             "against ARR x the truth's probability and the ARR that truly churned")
    args = parser.parse_args()
    truth_rows = list(csv.DictReader(open(os.path.join(args.sample, "truth", "accounts_truth.csv"))))
    truth = {r["account_id"]: r["churned_outcome"] == "true" for r in truth_rows}
    true_probability = {r["account_id"]: float(r["churn_probability"]) for r in truth_rows}
    print("as-of       open  model (labelled, churned)   mean risk  churned  ROC AUC  log-loss"
          "  days  retained by then: forecast [90%]  truly")
    for day in args.days:
        with tempfile.TemporaryDirectory() as out:
            run = subprocess.run(
                [args.binary, "run", "--data", args.sample, "--as-of", day, "--out", out,
                 "--db", os.path.join(out, "history.sqlite")], capture_output=True, text=True)
            if run.returncode != 0:
                sys.exit(f"{day}: aftershock run failed:\n{run.stderr}")
            model = next((line.split(":", 1)[1].strip() for line in run.stdout.splitlines()
                          if line.strip().startswith("churn model:")), "?")
            rows = [r for r in csv.DictReader(open(os.path.join(out, "accounts_risk.csv"))) if r["status"] == "open"]
            horizon = min(365, max(int(r["days_to_renewal"]) for r in rows))
            forecast = subprocess.run(
                [args.binary, "forecast", "--db", os.path.join(out, "history.sqlite"), "--horizon", str(horizon),
                 "--out", os.path.join(out, "h")], capture_output=True, text=True)
            if forecast.returncode != 0:
                sys.exit(f"{day}: aftershock forecast failed:\n{forecast.stderr}")
            year = next(r for r in csv.DictReader(open(os.path.join(out, "h", "forecast.csv")))
                        if r["segment"] == "all")
        risk = [float(r["churn_probability"]) for r in rows]
        churned = [truth[r["account_id"]] for r in rows]
        loss = -sum(math.log(max(p, 1e-12)) if y else math.log(max(1 - p, 1e-12))
                    for p, y in zip(risk, churned)) / len(rows)
        fitted = model.replace("logistic fitted in this run on ", "").replace(" labelled accounts", "").split(", L2")[0]
        print(f"{day}  {len(rows):5d}  {fitted[:26]:26s}  {sum(risk) / len(rows):9.3f}  "
              f"{sum(churned) / len(rows):7.3f}  {auc(risk, churned):7.4f}  {loss:8.4f}  "
              f"{horizon:4d}  {float(year['expected_retained']):8.1f} [{year['low90']}, {year['high90']}]  "
              f"{sum(1 for y in churned if not y):5d}")
        if args.by_days:
            by_days(rows, truth)
        if args.arr:
            shown = sum(float(r["arr_at_risk"] or 0) for r in rows)
            expected = sum(float(r["arr"] or 0) * true_probability[r["account_id"]] for r in rows)
            realised = sum(float(r["arr"] or 0) for r in rows if truth[r["account_id"]])
            print(f"    ARR at risk shown {shown:,.0f}; ARR x true probability {expected:,.0f} "
                  f"(shown / true {shown / expected:.2f}); ARR that churned {realised:,.0f}")


if __name__ == "__main__":
    main()
