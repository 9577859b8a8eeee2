#!/usr/bin/env python3
"""Side-by-side reference for `aftershock-bench churn`: scikit-learn's LogisticRegression
(C=1, lbfgs) after one-hot encoding (categorical columns) and standardisation (numeric
columns), 5-fold stratified cross-validation; prints AUC and fitting times (median of 5).

Usage (from the repo root, venv in .venv):
  python3 -m venv .venv && .venv/bin/pip install scikit-learn pandas
  .venv/bin/python Scripts/churn_sklearn.py --data bank_churn.csv --label Exited \
      --drop RowNumber,CustomerId,Surname
"""
import argparse
import statistics
import time

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, brier_score_loss, log_loss, roc_auc_score
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--label", required=True)
    parser.add_argument("--drop", default="")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    frame = pd.read_csv(args.data)
    drop = [name for name in args.drop.split(",") if name]
    y = frame[args.label].astype(int).to_numpy()
    x = frame.drop(columns=drop + [args.label])
    categorical = [c for c in x.columns if not pd.api.types.is_numeric_dtype(x[c])]
    numeric = [c for c in x.columns if c not in categorical]

    def pipeline():
        encode = ColumnTransformer([
            ("numeric", StandardScaler(), numeric),
            ("categorical", OneHotEncoder(handle_unknown="ignore"), categorical),
        ])
        return make_pipeline(encode, LogisticRegression(C=1.0, max_iter=1000))

    folds = StratifiedKFold(n_splits=args.folds, shuffle=True, random_state=42)
    cv_seconds, fit_seconds = [], []
    for _ in range(args.repeats):
        start = time.perf_counter()
        out_of_fold = np.zeros(len(y))
        fold_auc = []
        for train, test in folds.split(x, y):
            model = pipeline().fit(x.iloc[train], y[train])
            out_of_fold[test] = model.predict_proba(x.iloc[test])[:, 1]
            fold_auc.append(roc_auc_score(y[test], out_of_fold[test]))
        cv_seconds.append(time.perf_counter() - start)
        start = time.perf_counter()
        full = pipeline().fit(x, y)
        fit_seconds.append(time.perf_counter() - start)

    print(f"data: {args.data} rows {len(y)} numeric {len(numeric)} categorical {len(categorical)}")
    print(f"cv: {args.folds}-fold stratified (shuffle, random_state 42)")
    print(f"  roc auc (pooled) {roc_auc_score(y, out_of_fold):.4f}   per fold "
          f"{statistics.mean(fold_auc):.4f} ± {statistics.stdev(fold_auc):.4f}")
    print(f"  average precision {average_precision_score(y, out_of_fold):.4f}   log-loss "
          f"{log_loss(y, out_of_fold):.4f}   brier {brier_score_loss(y, out_of_fold):.4f}   "
          f"accuracy {np.mean((out_of_fold >= 0.5) == y):.4f}")
    print(f"time (median of {args.repeats}): {args.folds}-fold cv "
          f"{statistics.median(cv_seconds) * 1000:.1f} ms, fit on all rows "
          f"{statistics.median(fit_seconds) * 1000:.1f} ms")
    print(f"full fit: {full[-1].n_iter_[0]} lbfgs iterations")


if __name__ == "__main__":
    main()
