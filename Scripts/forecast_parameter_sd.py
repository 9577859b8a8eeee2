#!/usr/bin/env python3
"""How much of the retention forecast's uncertainty is the churn model's own estimation error.

Refits the run's logistic churn model with scikit-learn on a run's `account_features.csv`
(one-hot categoricals, standardised numbers but days_to_renewal in years, L2 of the strength the
run chose, `--strength`, with days_to_renewal keeping the penalty of strength 1, as `aftershock`
fits it), then for the
open accounts renewing within each horizon compares the standard deviation of churned accounts
from outcome randomness alone (what the forecast's Poisson-binomial interval shows) with the
delta-method standard deviation from the coefficients' covariance (inverse Hessian of the
penalised log-likelihood):

  .venv/bin/python Scripts/forecast_parameter_sd.py out/account_features.csv [--strength N] [--horizons 90,180,365]

Needs pandas, numpy and scikit-learn in a venv (never a product dependency).
"""
import argparse
import os

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression


# Columns aftershock's encoder reads in a fixed unit (TabularEncoder.Configuration.unitScales).
UNITS = {"days_to_renewal": 365.0}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("features")
    parser.add_argument("--horizons", default="90,180,365")
    parser.add_argument("--categorical", default="segment,plan,offer")
    parser.add_argument(
        "--strength", type=float, default=1.0,
        help="the L2 strength the run chose (its summary line: 'L2 strength N chosen by ...'); C = 1/N")
    args = parser.parse_args()
    categorical = [c for c in args.categorical.split(",") if c]
    table = pd.read_csv(args.features, dtype={c: str for c in categorical})
    labels = table["churned"]
    labelled = labels.notna().values
    x = table.drop(columns=["account_id", "churned"])
    numeric = [c for c in x.columns if c not in categorical]
    for column in numeric:
        x[column] = pd.to_numeric(x[column], errors="coerce")
        train = x.loc[labelled, column]
        # As aftershock's encoder: a near-constant column is no feature (fewer than 1 in 100
        # present values off the most common), and a value outside the training range reads as
        # the end it passed.
        counts = train.value_counts()
        off_mode = train.notna().sum() - (counts.iloc[0] if len(counts) else 0)
        if off_mode > 0 and off_mode * 100 < train.notna().sum():
            x = x.drop(columns=[column])
            continue
        if column not in UNITS:
            x[column] = x[column].clip(train.min(), train.max())
    x = pd.get_dummies(x, columns=[c for c in categorical if c in x.columns]).astype(float)
    x = x.fillna(x[labelled].mean())
    # A column read in a fixed unit (days_to_renewal in years) is centred and divided by it,
    # and not held to its training range (AccountFeatureAccumulator.unitScales).
    scale = x[labelled].std(ddof=0).replace(0, 1)
    for column, unit in UNITS.items():
        if column in scale.index:
            # It keeps the penalty of strength 1 whatever the strength (RegularizationSearch).
            scale[column] = unit / args.strength ** 0.5
    z = ((x - x[labelled].mean()) / scale).values
    y = labels[labelled].astype(int).values
    model = LogisticRegression(C=1.0 / args.strength, max_iter=5000).fit(z[labelled], y)
    design = np.hstack([np.ones((len(z), 1)), z])
    beta = np.concatenate([model.intercept_, model.coef_[0]])
    p = 1 / (1 + np.exp(-design @ beta))
    w = p[labelled] * (1 - p[labelled])
    hessian = (design[labelled].T * w) @ design[labelled]
    hessian[1:, 1:] += args.strength * np.eye(z.shape[1])  # L2 on the coefficients, not the intercept
    covariance = np.linalg.inv(hessian)
    days = table["days_to_renewal"].values
    # The open accounts are those of accounts_risk.csv beside the features (a blank label is
    # also an account that churned before a renewal still ahead, which no model learns from).
    risk = os.path.join(os.path.dirname(os.path.abspath(args.features)), "accounts_risk.csv")
    if os.path.exists(risk):
        status = pd.read_csv(risk, usecols=["account_id", "status"]).set_index("account_id")["status"]
        open_rows = (table["account_id"].map(status) == "open").values
    else:
        open_rows = ~labelled
    print(f"open accounts {open_rows.sum()}, mean churn probability {p[open_rows].mean():.3f}")
    for horizon in [int(h) for h in args.horizons.split(",")]:
        rows = open_rows & (days <= horizon)
        gradient = (design[rows].T * (p[rows] * (1 - p[rows]))).sum(axis=1)
        parameter = float(gradient @ covariance @ gradient)
        outcome = float((p[rows] * (1 - p[rows])).sum())
        print(
            f"{horizon:>4} days: {rows.sum()} renewing, expected churned {p[rows].sum():.1f}; "
            f"SD from outcomes {outcome ** 0.5:.1f}, from the model's coefficients {parameter ** 0.5:.1f}, "
            f"together {(outcome + parameter) ** 0.5:.1f}")


if __name__ == "__main__":
    main()
