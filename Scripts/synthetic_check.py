#!/usr/bin/env python3
"""Side-by-side check of a generated sample (not a product dependency).

Fits scikit-learn's logistic regression on the churn features of truth/accounts_truth.csv and
reports, next to the generating coefficients, whether each sign is recovered and how the
fitted model's ROC AUC compares with the AUC of the true probabilities. Also prints the
sample's mix (segments, offers, reactions, labels).

Usage: .venv/bin/python Scripts/synthetic_check.py Data/sample [--labelled-only]
"""
import csv
import sys
from collections import Counter

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

COEFFICIENTS = {  # Sources/AftershockSynthetic/ChurnMechanism.swift
    "outage_sentiment": -1.10, "offer_sentiment": -0.90, "stated_intent": 1.40, "nps_latent": -0.20,
    "log1p_impact_hours": 0.30, "renewal_years": -1.20, "segment_enterprise": -1.00, "segment_smb": 0.80,
    "tenure_years": -0.20, "log_arr_ratio": -0.40,
}


def read(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def main():
    folder = sys.argv[1]
    labelled_only = "--labelled-only" in sys.argv
    accounts = read(f"{folder}/accounts.csv")
    truth = read(f"{folder}/truth/accounts_truth.csv")
    print(f"accounts {len(accounts)}")
    for column in ("segment", "region", "offer", "plan"):
        counts = Counter(row[column] for row in accounts)
        print(column, {k: round(v / len(accounts), 3) for k, v in sorted(counts.items())})
    labelled = [row for row in accounts if row["churned"] != ""]
    print(f"labelled share {len(labelled) / len(accounts):.3f}; churn rate among labelled "
          f"{sum(row['churned'] == 'true' for row in labelled) / max(1, len(labelled)):.3f}; "
          f"drawn churn rate (all) {sum(row['churned_outcome'] == 'true' for row in truth) / len(truth):.3f}")
    by_offer = {}
    for account, row in zip(accounts, truth):
        by_offer.setdefault(account["offer"], Counter())[row["offer_reaction"]] += 1
    for offer, counts in sorted(by_offer.items()):
        total = sum(counts.values())
        print("reaction |", offer, {k: round(v / total, 2) for k, v in sorted(counts.items())})

    rows = [row for row in truth if row["labelled"] == "true"] if labelled_only else truth
    features = list(COEFFICIENTS)
    x = np.array([[float(row[name]) for name in features] for row in rows])
    y = np.array([row["churned_outcome"] == "true" for row in rows], dtype=int)
    p = np.array([float(row["churn_probability"]) for row in rows])
    x_train, x_test, y_train, y_test, _, p_test = train_test_split(x, y, p, test_size=0.3, random_state=0, stratify=y)
    model = LogisticRegression(C=1e6, max_iter=5000).fit(x_train, y_train)
    fitted_auc = roc_auc_score(y_test, model.predict_proba(x_test)[:, 1])
    true_auc = roc_auc_score(y_test, p_test)
    print(f"rows {len(rows)} (test {len(y_test)}); ROC AUC fitted {fitted_auc:.4f} vs true probabilities "
          f"{true_auc:.4f} (gap {true_auc - fitted_auc:+.4f})")
    full = LogisticRegression(C=1e6, max_iter=5000).fit(x, y)
    print(f"{'feature':22} {'true':>7} {'fitted':>8}  sign")
    print(f"{'intercept':22} {-2.35:7.2f} {full.intercept_[0]:8.3f}")
    for name, fitted in zip(features, full.coef_[0]):
        same = np.sign(fitted) == np.sign(COEFFICIENTS[name])
        print(f"{name:22} {COEFFICIENTS[name]:7.2f} {fitted:8.3f}  {'ok' if same else 'WRONG'}")


if __name__ == "__main__":
    main()
