#!/usr/bin/env python3
"""Reference Kaplan-Meier and log-rank figures from lifelines for the Swift tests.

Run:  python3 -m venv .venv && .venv/bin/pip install lifelines
      .venv/bin/python Scripts/km_lifelines.py [Tests/Fixtures/forecast-km-accounts.csv]
Prints, for all accounts and for each offer group, every timeline point of lifelines'
KaplanMeierFitter (survival, exponential-Greenwood "log(-log)" 95% bounds, at risk, events),
the median survival time, and logrank_test between the two offer groups. The Swift tests pin
these numbers (Tests/AftershockForecastTests/KaplanMeierTests.swift).
"""
import sys

import lifelines
import pandas as pd
from lifelines import KaplanMeierFitter
from lifelines.statistics import logrank_test

path = sys.argv[1] if len(sys.argv) > 1 else "Tests/Fixtures/forecast-km-accounts.csv"
frame = pd.read_csv(path, comment="#")
print(f"# lifelines {lifelines.__version__}, {len(frame)} rows from {path}")


def report(name, data):
    kmf = KaplanMeierFitter(alpha=0.05).fit(data["duration_days"], data["event"])
    table = kmf.event_table
    ci = kmf.confidence_interval_survival_function_
    print(f"## {name}: n={len(data)} median={float(kmf.median_survival_time_)!r}")
    print("time,at_risk,events,survival,lower,upper")
    for time in kmf.survival_function_.index:
        print(f"{time:g},{int(table.loc[time, 'at_risk'])},{int(table.loc[time, 'observed'])},"
              f"{float(kmf.survival_function_.loc[time].iloc[0])!r},{float(ci.loc[time].iloc[0])!r},{float(ci.loc[time].iloc[1])!r}")


report("all", frame)
groups = sorted(frame["offer"].unique())
for group in groups:
    report(group, frame[frame["offer"] == group])
a = frame[frame["offer"] == groups[0]]
b = frame[frame["offer"] == groups[1]]
result = logrank_test(a["duration_days"], b["duration_days"], a["event"], b["event"])
print(f"## logrank {groups[0]} vs {groups[1]}: statistic={float(result.test_statistic)!r} p={float(result.p_value)!r}")
