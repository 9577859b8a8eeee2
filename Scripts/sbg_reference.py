#!/usr/bin/env python3
"""Independent sBG fit (scipy) of the Fader & Hardie (2007) cohorts, for ShiftedBetaGeometricTests.

Run:  .venv/bin/python Scripts/sbg_reference.py   (scipy comes with lifelines)
Fits years 1-7 by maximum likelihood (eq. 8 of the paper) and prints alpha, beta, the
log-likelihood and projected survivors for years 8-12 next to the actual counts.
"""
import csv
import math

from scipy.optimize import minimize

rows = [r for r in csv.reader(open("Tests/Fixtures/forecast-fader-hardie-2007.csv")) if r and not r[0].startswith("#")][1:]
for name, column in (("regular", 1), ("high_end", 2)):
    survivors = [float(r[column]) for r in rows]
    fit_on = survivors[:8]

    def churn(alpha, beta, periods):
        p = [alpha / (alpha + beta)]
        for t in range(2, periods + 1):
            p.append(p[-1] * (beta + t - 2) / (alpha + beta + t - 1))
        return p

    def negative_ll(x):
        alpha, beta = math.exp(x[0]), math.exp(x[1])
        p = churn(alpha, beta, 7)
        ll = sum((fit_on[t - 1] - fit_on[t]) * math.log(p[t - 1]) for t in range(1, 8))
        return -(ll + fit_on[7] * math.log(1 - sum(p)))

    result = minimize(negative_ll, [0.0, 0.0], method="Nelder-Mead", options={"xatol": 1e-10, "fatol": 1e-10, "maxiter": 10000})
    alpha, beta = math.exp(result.x[0]), math.exp(result.x[1])
    p = churn(alpha, beta, 12)
    projected = [1000 * (1 - sum(p[:t])) for t in range(8, 13)]
    print(f"{name}: alpha={alpha:.4f} beta={beta:.4f} LL={-result.fun:.2f} "
          f"projected 8-12={[round(v, 1) for v in projected]} actual={survivors[8:]}")
