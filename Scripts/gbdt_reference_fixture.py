#!/usr/bin/env python3
"""Writes Tests/Fixtures/boost-sklearn-reference.csv: a small synthetic table (integer-valued
numeric column, a 5-level categorical column, a numeric column with missing values) and the
probabilities scikit-learn's HistGradientBoostingClassifier gives every row after fitting on it
(max_iter=20 and max_iter=1, native categorical, no early stopping). BoostTreeTests compares our fit to them.

  .venv/bin/python Scripts/gbdt_reference_fixture.py
"""
import numpy as np
import sklearn
from sklearn.ensemble import HistGradientBoostingClassifier

rng = np.random.RandomState(7)
n = 400
age = rng.randint(18, 80, size=n).astype(float)
plan = rng.randint(0, 5, size=n).astype(float)
usage = np.round(rng.uniform(0, 10, size=n), 1)
usage[rng.uniform(size=n) < 0.1] = np.nan
logit = 0.06 * (age - 50) + np.where(np.isin(plan, [1, 3]), 1.0, -0.5) + np.where(np.isnan(usage), 0.8, -0.15 * np.nan_to_num(usage - 5))
label = (rng.uniform(size=n) < 1 / (1 + np.exp(-logit))).astype(int)
x = np.column_stack([age, plan, usage])
def fitted(iterations):
    model = HistGradientBoostingClassifier(
        max_iter=iterations, categorical_features=[1], early_stopping=False, random_state=0)
    return model.fit(x, label).predict_proba(x)[:, 1]


probability = fitted(20)
first_tree = fitted(1)
with open("Tests/Fixtures/boost-sklearn-reference.csv", "w") as out:
    out.write(f"# scikit-learn {sklearn.__version__} HistGradientBoostingClassifier(max_iter=20, categorical_features=[1], early_stopping=False)\n")
    out.write("age,plan,usage,label,sklearn_probability,sklearn_probability_one_tree\n")
    for row in range(n):
        u = "" if np.isnan(usage[row]) else f"{usage[row]:.1f}"
        out.write(f"{int(age[row])},{int(plan[row])},{u},{label[row]},{float(probability[row])!r},{float(first_tree[row])!r}\n")
