#!/usr/bin/env python3
"""Reference Kaplan-Meier and log-rank figures from lifelines for the Swift tests.

Run:  python3 -m venv .venv && .venv/bin/pip install lifelines
      .venv/bin/python Scripts/km_lifelines.py [Tests/Fixtures/forecast-km-accounts.csv]
      .venv/bin/python Scripts/km_lifelines.py --entry [Tests/Fixtures/forecast-km-entry.csv]
Prints, for all accounts and for each offer group, every timeline point of lifelines'
KaplanMeierFitter (survival, exponential-Greenwood "log(-log)" 95% bounds, at risk, events),
the median survival time, and logrank_test between the two offer groups. The Swift tests pin
these numbers (Tests/AftershockForecastTests/KaplanMeierTests.swift).

--entry fits with delayed entry (left truncation), `fit(durations, events, entry=entry_days)`,
for all histories and for each segment. Its at_risk column is the risk set the estimate uses,
entry < t <= duration (lifelines' event_table["at_risk"] minus its "entrance", except at the
first time, whose entrants lifelines counts as at risk): the Swift curve's `atRisk`.
"""
import sys

import lifelines
import pandas as pd
from lifelines import KaplanMeierFitter
from lifelines.statistics import logrank_test

arguments = [argument for argument in sys.argv[1:] if argument != "--entry"]
with_entry = "--entry" in sys.argv[1:]
default = "Tests/Fixtures/forecast-km-entry.csv" if with_entry else "Tests/Fixtures/forecast-km-accounts.csv"
path = arguments[0] if arguments else default
frame = pd.read_csv(path, comment="#")
print(f"# lifelines {lifelines.__version__}, {len(frame)} rows from {path}")


def report(name, data):
    entry = data["entry_days"] if with_entry else None
    kmf = KaplanMeierFitter(alpha=0.05).fit(data["duration_days"], data["event"], entry=entry)
    table = kmf.event_table
    ci = kmf.confidence_interval_survival_function_
    print(f"## {name}: n={len(data)} median={float(kmf.median_survival_time_)!r}")
    print("time,at_risk,events,survival,lower,upper")
    first = kmf.survival_function_.index[0]
    for time in kmf.survival_function_.index:
        at_risk = int(table.loc[time, "at_risk"])
        if with_entry and time != first:
            at_risk -= int(table.loc[time, "entrance"])
        print(f"{time:g},{at_risk},{int(table.loc[time, 'observed'])},"
              f"{float(kmf.survival_function_.loc[time].iloc[0])!r},{float(ci.loc[time].iloc[0])!r},{float(ci.loc[time].iloc[1])!r}")


report("all", frame)
column = "segment" if with_entry else "offer"
groups = sorted(frame[column].unique())
for group in groups:
    report(group, frame[frame[column] == group])
if not with_entry:
    a = frame[frame["offer"] == groups[0]]
    b = frame[frame["offer"] == groups[1]]
    result = logrank_test(a["duration_days"], b["duration_days"], a["event"], b["event"])
    print(f"## logrank {groups[0]} vs {groups[1]}: statistic={float(result.test_statistic)!r} p={float(result.p_value)!r}")
