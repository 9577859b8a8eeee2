#!/usr/bin/env python3
"""scikit-learn's HistGradientBoostingClassifier (defaults) on a churn table, for side-by-side
comparison with `aftershock-bench gbdt`.

Protocol: StratifiedKFold(5, shuffle=True, random_state=0); string columns one-hot encoded and
numbers standardised (as in the task's reference figure), or `--native` to pass string columns
as categorical codes (HGB's native categorical support). Prints the pooled out-of-fold AUC, the
mean per-fold AUC and the fit time of the 5 folds (median over --runs runs).

  .venv/bin/python Scripts/gbdt_sklearn.py --data /work/shared/data/churn/bank_churn.csv \
      --label Exited --drop RowNumber,CustomerId,Surname --runs 5 [--write-folds out/folds.csv]

`--seeds 0,1,...,9` instead scores the folds of each random_state (and HGB's own random_state)
once and prints the mean pooled AUC, like `aftershock-bench gbdt --seeds`. `--write-table NAME
FILE` writes one of the scikit-learn tables the README's defaults comparison uses (breast_cancer,
label `malignant`; hastie, make_classification, label `y`) as CSV and exits.
"""
import argparse
import statistics
import time

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, StandardScaler


def write_table(name, path):
    """One of the built-in or generated scikit-learn tables (no download), as CSV."""
    from sklearn.datasets import load_breast_cancer, make_classification, make_hastie_10_2
    if name == "breast_cancer":
        frame = load_breast_cancer(as_frame=True).frame
        frame.columns = [c.replace(" ", "_") for c in frame.columns]
        frame["malignant"] = (frame.pop("target") == 0).astype(int)
    elif name == "hastie":
        x, y = make_hastie_10_2(n_samples=6000, random_state=1)
        frame = pd.DataFrame(x, columns=[f"x{i}" for i in range(10)])
        frame["y"] = (y > 0).astype(int)
    elif name == "make_classification":
        x, y = make_classification(n_samples=5000, n_features=20, n_informative=6, n_redundant=4,
                                   flip_y=0.08, weights=[0.8], random_state=3)
        frame = pd.DataFrame(x, columns=[f"f{i}" for i in range(20)])
        frame["y"] = y
    else:
        raise SystemExit(f"unknown table {name}: breast_cancer, hastie or make_classification")
    frame.to_csv(path, index=False)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data")
    parser.add_argument("--label")
    parser.add_argument("--seeds", help="comma-separated random_states: mean pooled AUC over them")
    parser.add_argument("--write-table", nargs=2, metavar=("NAME", "FILE"))
    parser.add_argument("--drop", default="")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0, help="random_state of StratifiedKFold")
    parser.add_argument("--native", action="store_true", help="native categorical instead of one-hot")
    parser.add_argument("--write-folds", help="write the fold number of every row (one per line)")
    args = parser.parse_args()
    if args.write_table:
        write_table(*args.write_table)
        return
    if not args.data or not args.label:
        parser.error("--data and --label are required")

    table = pd.read_csv(args.data)
    table = table[table[args.label].notna()]  # unlabelled rows (open renewals) are not scored, as in churn cv
    drop = [c for c in args.drop.split(",") if c]
    y = table[args.label].astype(int).to_numpy()
    x = table.drop(columns=drop + [args.label])
    text = [c for c in x.columns if not pd.api.types.is_numeric_dtype(x[c])]
    numbers = [c for c in x.columns if c not in text]

    folds = list(StratifiedKFold(n_splits=5, shuffle=True, random_state=args.seed).split(x, y))
    if args.write_folds:
        fold_of = np.zeros(len(y), dtype=int)
        for k, (_, test) in enumerate(folds):
            fold_of[test] = k
        with open(args.write_folds, "w") as handle:
            handle.write("\n".join(str(v) for v in fold_of) + "\n")

    def model():
        if args.native:
            pre = ColumnTransformer(
                [("cat", OrdinalEncoder(), text), ("num", "passthrough", numbers)])
            hgb = HistGradientBoostingClassifier(
                categorical_features=list(range(len(text))))
        else:
            pre = ColumnTransformer(
                [("cat", OneHotEncoder(handle_unknown="ignore"), text), ("num", StandardScaler(), numbers)])
            hgb = HistGradientBoostingClassifier()
        return make_pipeline(pre, hgb)

    if args.seeds:
        aucs = []
        for seed in [int(v) for v in args.seeds.split(",")]:
            oof = np.zeros(len(y))
            for train, test in StratifiedKFold(n_splits=5, shuffle=True, random_state=seed).split(x, y):
                estimator = model()
                estimator[-1].set_params(random_state=seed)
                estimator.fit(x.iloc[train], y[train])
                oof[test] = estimator.predict_proba(x.iloc[test])[:, 1]
            aucs.append(roc_auc_score(y, oof))
            print(f"seed {seed}: pooled AUC {aucs[-1]:.4f}")
        print(f"mean pooled AUC over {len(aucs)} seeds {statistics.mean(aucs):.4f} "
              f"(min {min(aucs):.4f}, max {max(aucs):.4f})")
        return

    times = []
    cpu_times = []
    for _ in range(args.runs):
        oof = np.zeros(len(y))
        fold_aucs = []
        elapsed = 0.0
        cpu = 0.0
        for train, test in folds:
            estimator = model()
            start = time.perf_counter()
            cpu_start = time.process_time()
            estimator.fit(x.iloc[train], y[train])
            elapsed += time.perf_counter() - start
            cpu += time.process_time() - cpu_start
            oof[test] = estimator.predict_proba(x.iloc[test])[:, 1]
            fold_aucs.append(roc_auc_score(y[test], oof[test]))
        times.append(elapsed)
        cpu_times.append(cpu)
    mode = "native categorical" if args.native else "one-hot + standardised"
    print(f"sklearn HistGradientBoostingClassifier (defaults, {mode}), 5-fold stratified, random_state={args.seed}")
    print(f"pooled AUC {roc_auc_score(y, oof):.4f}  mean fold AUC {statistics.mean(fold_aucs):.4f}")
    print(f"fit time for 5 folds: median {statistics.median(times):.3f} s over {args.runs} runs "
          f"(min {min(times):.3f}, max {max(times):.3f})")
    print(f"CPU time (all threads) for 5 folds: median {statistics.median(cpu_times):.3f} s")


if __name__ == "__main__":
    main()
