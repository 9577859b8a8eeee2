#!/usr/bin/env python3
"""VADER (PyPI vaderSentiment) side by side with `aftershock-bench text --quality`.

Setup (once, in the repository root):
    python3 -m venv .venv && .venv/bin/pip install vaderSentiment
Quality on the shipped corpora:
    .venv/bin/python Scripts/vader_compare.py --data Data
Speed on the benchmark's synthetic tickets (one text per line):
    swift run -c release aftershock-bench text --runs 5 --dump /tmp/tickets.txt
    .venv/bin/python Scripts/vader_compare.py --speed /tmp/tickets.txt --runs 3 --limit 50000
Metrics are computed here with plain Python (no scikit-learn needed) exactly as the Swift
side does: accuracy, macro-F1 over the classes present; UCI positive if compound > 0.05;
VADER's Amazon, movie and NYT ground truth in 3 classes at +-0.05 of rating/4.
"""
import argparse
import csv
import statistics
import time

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer


def metrics(true, pred):
    labels = sorted(set(true) | set(pred))
    correct = sum(t == p for t, p in zip(true, pred))
    f1s = []
    for label in labels:
        tp = sum(t == label and p == label for t, p in zip(true, pred))
        predicted = sum(p == label for p in pred)
        actual = sum(t == label for t in true)
        precision = tp / predicted if predicted else 0.0
        recall = tp / actual if actual else 0.0
        f1s.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return correct / len(true), sum(f1s) / len(f1s)


def label3(score):
    return "positive" if score >= 0.05 else "negative" if score <= -0.05 else "neutral"


def quality(data):
    analyzer = SentimentIntensityAnalyzer()
    with open(f"{data}/corpora/uci_sentences.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    pred = ["1" if analyzer.polarity_scores(r["text"])["compound"] > 0.05 else "0" for r in rows]
    acc, f1 = metrics([r["label"] for r in rows], pred)
    print(f"UCI VADER (positive if compound > 0.05): accuracy {acc:.4f}  macro-F1 {f1:.4f}  (n={len(rows)})")

    for name, stem in [("Amazon", "amazonReviewSnippets"), ("Movie", "movieReviewSnippets"), ("NYT", "nytEditorialSnippets")]:
        texts, truth = [], []
        with open(f"{data}/corpora/vader_icwsm2014/{stem}_GroundTruth.txt", encoding="utf-8") as f:
            for line in f.read().splitlines():
                if not line:
                    continue
                _, rating, text = line.split("\t", 2)
                texts.append(text)
                truth.append(label3(float(rating) / 4))
        pred = [label3(analyzer.polarity_scores(t)["compound"]) for t in texts]
        acc, f1 = metrics(truth, pred)
        print(f"{name} (3 classes) VADER: accuracy {acc:.4f}  macro-F1 {f1:.4f}  (n={len(texts)})")
        pairs = [(t, p) for t, p in zip(truth, pred) if t != "neutral"]
        acc, f1 = metrics([t for t, _ in pairs], ["positive" if p == "positive" else "negative" for _, p in pairs])
        print(f"{name} non-neutral (2 classes) VADER: accuracy {acc:.4f}  macro-F1 {f1:.4f}  (n={len(pairs)})")


def speed(path, runs, limit):
    analyzer = SentimentIntensityAnalyzer()
    with open(path, encoding="utf-8") as f:
        texts = f.read().splitlines()
    if limit:
        texts = texts[:limit]
    size = sum(len(t.encode("utf-8")) for t in texts) / 1048576
    walls, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        for t in texts:
            analyzer.polarity_scores(t)
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    wall, cpu = statistics.median(walls), statistics.median(cpus)
    print(f"VADER python: {len(texts)} texts, {size:.1f} MB, median over {runs} runs: "
          f"wall {wall:.2f} s {size / wall:.2f} MB/s {len(texts) / wall:.0f} texts/s | "
          f"CPU {cpu:.2f} s {size / cpu:.2f} MB/s {len(texts) / cpu:.0f} texts/s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", help="the repository's Data directory: run the quality comparison")
    parser.add_argument("--speed", help="a file of texts, one per line: time VADER on it")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--limit", type=int, default=0, help="time only the first N texts")
    args = parser.parse_args()
    if args.data:
        quality(args.data)
    if args.speed:
        speed(args.speed, args.runs, args.limit)
    if not args.data and not args.speed:
        parser.print_help()
