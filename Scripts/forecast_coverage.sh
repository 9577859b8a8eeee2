#!/usr/bin/env bash
# Coverage of the retention interval on generated samples with known outcomes: for each seed, a
# run with the logistic model fitted in the run, and a run with boosted trees trained on that
# run's account_features.csv (their error by the jackknife over the averaged members). Prints, per
# seed, the realised retention of the run's open accounts (from the truth file) and each model's
# expected value and 90% interval, at the horizon of the open accounts' last renewal (the
# generator decides one renewal an account; at 365 days the forecast would also count the next
# year's renewals of accounts renewing within a notice lead, which the truth cannot know: see
# Scripts/risk_against_truth.py).
#   Scripts/forecast_coverage.sh [SEED...]     (default: 11 12 13 14 15 16; after swift build -c release)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$root/.build/release/aftershock
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
seeds=("$@")
[ ${#seeds[@]} -gt 0 ] || seeds=(11 12 13 14 15 16)
quiet() { "$@" > "$tmp/log" 2>&1 || { cat "$tmp/log" >&2; exit 1; }; }
# The forecast of run folder $1 at horizon $2: expected retained [low90, high90].
row() {
  quiet "$bin" forecast --db "$1/aftershock.sqlite" --horizon "$2" --out "$1/h"
  awk -F, '$1=="all" { printf "%s [%s, %s]", $4, $5, $6 }' "$1/h/forecast.csv"
}
for seed in "${seeds[@]}"; do
  d=$tmp/$seed
  quiet "$bin" generate --accounts 3000 --seed "$seed" --out "$d/sample"
  quiet "$bin" run --data "$d/sample" --out "$d/logistic" --data-dir "$root/Data"
  quiet "$bin" churn train --data "$d/logistic/account_features.csv" --label churned --id account_id --model gbdt \
    --model-file "$d/gbdt.json"
  quiet "$bin" run --data "$d/sample" --out "$d/gbdt" --data-dir "$root/Data" --model-file "$d/gbdt.json"
  read -r realised horizon < <(python3 - "$d/sample" "$d/logistic" <<'PY'
import csv, sys
sample, run = sys.argv[1], sys.argv[2]
truth = {r["account_id"]: r for r in csv.DictReader(open(sample + "/truth/accounts_truth.csv"))}
rows = [r for r in csv.DictReader(open(run + "/accounts_risk.csv")) if r["status"] == "open"]
print(sum(truth[r["account_id"]]["churned_outcome"] == "false" for r in rows),
      min(365, max(int(r["days_to_renewal"]) for r in rows)))
PY
)
  echo "seed $seed: $horizon days: realised $realised | logistic $(row "$d/logistic" "$horizon") | gbdt $(row "$d/gbdt" "$horizon")"
done
