#!/usr/bin/env python3
"""Reference Wilson and Newcombe intervals from statsmodels for OfferAnalysisTests.

Run:  .venv/bin/pip install statsmodels && .venv/bin/python Scripts/offer_intervals_statsmodels.py
"""
import statsmodels
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

print(f"# statsmodels {statsmodels.__version__}")
for successes, trials in [(56, 70), (48, 80), (81, 263), (0, 10), (10, 10)]:
    low, high = proportion_confint(successes, trials, alpha=0.05, method="wilson")
    print(f"wilson {successes}/{trials}: {low!r} {high!r}")
for (a, n1), (b, n2) in [((56, 70), (48, 80)), ((9, 10), (3, 10)), ((5, 56), (0, 29))]:
    low, high = confint_proportions_2indep(a, n1, b, n2, method="newcomb", compare="diff", alpha=0.05)
    print(f"newcombe {a}/{n1} - {b}/{n2}: {float(low)!r} {float(high)!r}")
