#!/usr/bin/env python3
"""What each offer would truly have done, on a generated sample: the generator's own equations replayed.

For the accounts of a run (by status in its `accounts_risk.csv`: `open` for the what-if, or
`renewed,churned` for the offer comparison's renewals due), every account is given each offer in
turn and its churn probability is recomputed through the generator's chain (Data/sample/README.md,
`AccountSimulator`): offer sentiment = tanh(offer base + 0.45 * outage sentiment + the account's own
noise, recovered from its truth row), then NPS (its noise drawn within what the observed score
allows), stated intent (kept, or switched on as the offer's sentiment makes it likelier) and the
churn logit. Prints per offer the expected retained accounts, the change against the offers the
accounts received, and the mean change per account against no offer (the true effect that the
report's offer comparison and what-if estimate).

  aftershock generate --accounts 20000 --seed 201 --as-of 2025-08-01 --out S   # every outcome known
  aftershock run --data S --as-of 2024-11-16 --out R --db R/h.sqlite
  .venv/bin/python Scripts/offer_truth.py S R                      # the open accounts (what-if)
  .venv/bin/python Scripts/offer_truth.py S R --status renewed,churned   # the renewals due

Needs numpy, pandas and scipy (a venv; never a product dependency). Written from an outside
audit's replay (session 36); the offer bases and coefficients are the generator's
(`Offer.sentimentBase`, `ChurnMechanism`) and must follow them if those change.
"""
import argparse

import numpy as np
import pandas as pd
from scipy.stats import truncnorm

OFFER_BASE = {"none": -0.45, "voucher_10": -0.75, "service_credit": 0.45, "extended_service": 0.60}


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sample", help="a generated sample folder (with truth/)")
    parser.add_argument("run", help="a run's output folder (accounts_risk.csv)")
    parser.add_argument("--status", default="open", help="statuses to take, comma-separated (default: open)")
    parser.add_argument("--draws", type=int, default=400, help="NPS noise draws per account (default 400)")
    args = parser.parse_args()
    statuses = args.status.split(",")

    truth = pd.read_csv(args.sample + "/truth/accounts_truth.csv")
    accounts = pd.read_csv(args.sample + "/accounts.csv")
    truth = truth.merge(accounts[["account_id", "offer", "arr", "segment"]], on="account_id")
    tickets = pd.read_csv(args.sample + "/tickets.csv", usecols=["account_id", "body"])
    surveys = pd.read_csv(args.sample + "/surveys.csv", usecols=["account_id", "comment"])
    writers = set(tickets[tickets.body.notna()].account_id) | set(
        surveys[surveys.comment.notna() & (surveys.comment.astype(str) != "")].account_id)
    truth["writer"] = truth.account_id.isin(writers)
    risk = pd.read_csv(args.run + "/accounts_risk.csv")
    chosen = set(risk[risk.status.isin(statuses)].account_id)
    t = truth[truth.account_id.isin(chosen)].copy()

    log_arr_ratio = np.log(t.arr / 50000).values
    outage = t.outage_sentiment.values
    offer_sentiment = t.offer_sentiment.values
    nps = t.nps_latent.values
    stated = t.stated_intent.values
    # The account's own offer noise: what its offer sentiment holds beyond its offer and outage.
    own_base = np.array([OFFER_BASE[o] for o in t.offer]) - 0.2 * log_arr_ratio * (t.offer == "voucher_10").values
    noise = np.arctanh(np.clip(offer_sentiment, -0.999999, 0.999999)) - own_base - 0.45 * outage
    # NPS noise within what the observed (rounded, clamped) score allows.
    mean_nps = 7 + 2.4 * outage + 1.3 * offer_sentiment
    low = np.where(nps <= 0, -np.inf, nps - 0.5 - mean_nps)
    high = np.where(nps >= 10, np.inf, nps + 0.5 - mean_nps)
    nps_noise = truncnorm.rvs(
        low[:, None] / 1.4, high[:, None] / 1.4, scale=1.4, size=(len(t), args.draws), random_state=1)
    smb_shift = (t.segment == "smb").values * 0.25
    intent_before = sigmoid(-2.5 - 1.5 * outage - 1.3 * offer_sentiment + smb_shift)
    logit = t.linear_predictor.values
    own_retained = (1 - t.churn_probability).sum()

    print(f"accounts {len(t)} ({args.status}); truly expected retained with their own offers {own_retained:.1f}")
    retained = {}
    for offer, base in OFFER_BASE.items():
        sentiment = np.tanh(base - (0.2 * log_arr_ratio if offer == "voucher_10" else 0) + 0.45 * outage + noise)
        nps_then = np.clip(np.round(7 + 2.4 * outage[:, None] + 1.3 * sentiment[:, None] + nps_noise), 0, 10)
        intent_then = sigmoid(-2.5 - 1.5 * outage - 1.3 * sentiment + smb_shift)
        # Stated intent under the offer: kept in proportion when it was stated, switched on when the
        # offer makes it likelier for an account that writes.
        p_intent = np.where(
            stated == 1, np.minimum(1, intent_then / intent_before),
            np.where(t.writer.values, np.maximum(0, (intent_then - intent_before) / (1 - intent_before)), 0))
        shifted = logit[:, None] - 0.90 * (sentiment - offer_sentiment)[:, None] - 0.20 * (nps_then - nps[:, None])
        churn = p_intent[:, None] * sigmoid(shifted + 1.40 * (1 - stated)[:, None]) + (
            1 - p_intent[:, None]) * sigmoid(shifted - 1.40 * stated[:, None])
        retained[offer] = (1 - churn.mean(1)).sum()
    for offer in OFFER_BASE:
        print(f"{offer:17s} retained {retained[offer]:9.1f}  vs own offers {retained[offer] - own_retained:+8.1f}  "
              f"vs none, per account {(retained[offer] - retained['none']) / len(t):+.3f}")


if __name__ == "__main__":
    main()
