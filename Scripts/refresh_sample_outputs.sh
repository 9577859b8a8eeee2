#!/usr/bin/env bash
# Re-makes what the repository commits from the bundled sample's default run, after a change that
# moves the run's figures: the leadership report in Notebooks-export/ (report.md, charts, summary
# CSVs, aftershock_report.ipynb), and prints what the README's "What a run looks like" quotes (the
# run, `at-risk --manager "Maria Gonzalez" --top 3`, `forecast`) and the sample's churn and
# forecast figures against the generator's truth (`Scripts/risk_against_truth.py`).
#
#   Scripts/refresh_sample_outputs.sh            # writes out/ (removed first) and Notebooks-export/
#   Scripts/refresh_sample_outputs.sh --retrain  # also retrains Data/models/churn.json on the run's
#                                                # account_features.csv (after a feature or label change)
#
# The notebook is checked with Scripts/check_notebook.py when .venv/ has pandas (it runs every
# cell). Needs a release build; it makes one.
set -euo pipefail
cd "$(dirname "$0")/.."
retrain=no
[ "${1:-}" = "--retrain" ] && retrain=yes
swift build -c release --product aftershock >/dev/null
bin=.build/release/aftershock
rm -rf out
echo '$ swift run -c release aftershock run'
"$bin" run
if [ "$retrain" = yes ]; then
  "$bin" churn train --data out/account_features.csv --label churned --id account_id \
    --model-file Data/models/churn.json
fi
echo
echo '$ swift run -c release aftershock at-risk --manager "Maria Gonzalez" --top 3'
"$bin" at-risk --manager "Maria Gonzalez" --top 3
echo
echo '$ swift run -c release aftershock forecast'
"$bin" forecast
"$bin" report --format ipynb --out Notebooks-export >/dev/null
if [ -x .venv/bin/python ] && .venv/bin/python -c 'import pandas' 2>/dev/null; then
  .venv/bin/python Scripts/check_notebook.py Notebooks-export/aftershock_report.ipynb
fi
echo
echo '$ python3 Scripts/risk_against_truth.py 2024-07-26 2024-08-15 2024-09-15 2024-10-15 2024-11-13 2024-11-16'
python3 Scripts/risk_against_truth.py 2024-07-26 2024-08-15 2024-09-15 2024-10-15 2024-11-13 2024-11-16
