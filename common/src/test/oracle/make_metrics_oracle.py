#!/usr/bin/env python3
"""Oracle for io.modelwatch.common.metrics: writes ../resources/oracle/metrics_cases.json.

scikit-learn cannot be installed here, so this script implements scikit-learn's *documented*
definitions with NumPy, directly from the labels and values (not from our Java code):
  - labels: sorted union of y_true and y_pred (sklearn.utils.multiclass.unique_labels);
  - accuracy_score: mean(y_true == y_pred);
  - precision_recall_fscore_support: per label tp / (tp + fp), tp / (tp + fn) and
    F1 = 2 * P * R / (P + R); zero_division=0 turns 0/0 into 0 (F1 too when P + R = 0);
    average='macro' is the unweighted mean over labels, average='weighted' the mean weighted
    by support (weighted F1 averages the per-class F1s);
  - confusion_matrix: C[i, j] = outcomes with true label i predicted as label j;
  - mean_absolute_error, root_mean_squared_error, and mean_absolute_percentage_error =
    mean(|y - y_hat| / max(|y|, np.finfo(np.float64).eps)).
Java cross-checks a few cases against values printed in scikit-learn's own documentation.

Run from this directory: python3 make_metrics_oracle.py
"""
import json
import pathlib

import numpy as np

OUT = pathlib.Path(__file__).resolve().parent.parent / "resources" / "oracle" / "metrics_cases.json"


def classification(name, y_true, y_pred):
    y_true = np.asarray(y_true, dtype=str)
    y_pred = np.asarray(y_pred, dtype=str)
    labels = sorted(set(y_true.tolist()) | set(y_pred.tolist()))
    cm = np.array([[np.sum((y_true == a) & (y_pred == p)) for p in labels] for a in labels], dtype=np.int64)
    tp = np.array([np.sum((y_true == l) & (y_pred == l)) for l in labels], dtype=float)
    predicted = np.array([np.sum(y_pred == l) for l in labels], dtype=float)
    support = np.array([np.sum(y_true == l) for l in labels], dtype=float)
    precision = np.divide(tp, predicted, out=np.zeros_like(tp), where=predicted > 0)
    recall = np.divide(tp, support, out=np.zeros_like(tp), where=support > 0)
    denominator = precision + recall
    f1 = np.divide(2 * precision * recall, denominator, out=np.zeros_like(tp), where=denominator > 0)
    return {
        "name": name,
        "actual": y_true.tolist(),
        "predicted": y_pred.tolist(),
        "expected": {
            "labels": labels,
            "accuracy": float(np.mean(y_true == y_pred)),
            "precision_macro": float(np.mean(precision)),
            "recall_macro": float(np.mean(recall)),
            "f1_macro": float(np.mean(f1)),
            "precision_weighted": float(np.average(precision, weights=support)),
            "recall_weighted": float(np.average(recall, weights=support)),
            "f1_weighted": float(np.average(f1, weights=support)),
            "per_class": {
                l: {"precision": float(precision[i]), "recall": float(recall[i]), "f1": float(f1[i]),
                    "support": int(support[i])}
                for i, l in enumerate(labels)
            },
            "confusion_matrix": cm.tolist(),
        },
    }


def regression(name, y_true, y_pred):
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    error = y_true - y_pred
    eps = np.finfo(np.float64).eps
    return {
        "name": name,
        "actual": y_true.tolist(),
        "predicted": y_pred.tolist(),
        "expected": {
            "mae": float(np.mean(np.abs(error))),
            "rmse": float(np.sqrt(np.mean(error ** 2))),
            "mape": float(np.mean(np.abs(error) / np.maximum(np.abs(y_true), eps))),
        },
    }


def noisy_classifier(rng, classes, n, accuracy, class_weights=None):
    y_true = rng.choice(classes, size=n, p=class_weights)
    wrong = rng.random(n) >= accuracy
    y_pred = np.where(wrong, rng.choice(classes, size=n), y_true)
    return y_true, y_pred


def main():
    rng = np.random.default_rng(20261128)
    cases = []
    cases.append(classification("binary", *noisy_classifier(rng, ["0", "1"], 400, 0.8, [0.85, 0.15])))
    cases.append(classification(
        "multiclass", *noisy_classifier(rng, ["bird", "cat", "dog", "fish"], 1000, 0.7, [0.1, 0.4, 0.3, 0.2])))
    cases.append(classification(
        "numeric labels sort as strings", *noisy_classifier(rng, ["2", "9", "10"], 300, 0.6)))
    y_true = rng.choice(["a", "b"], size=200)
    y_pred = np.where(rng.random(200) < 0.2, "c", y_true)
    cases.append(classification("label only in predictions", y_true, y_pred))
    y_true = rng.choice(["a", "b", "c"], size=200)
    y_pred = np.where(y_true == "c", rng.choice(["a", "b"], size=200), y_true)
    y_pred = np.where(rng.random(200) < 0.1, "a", y_pred)
    cases.append(classification("class never predicted", y_true, y_pred))
    y_true = rng.choice(["x", "y", "z"], size=50)
    cases.append(classification("all correct", y_true, y_true.copy()))
    shift = {"x": "y", "y": "z", "z": "x"}
    cases.append(classification("all wrong", y_true, [shift[v] for v in y_true]))
    cases.append(classification("single outcome", ["1"], ["0"]))

    regressions = []
    y = rng.normal(100.0, 30.0, size=500)
    regressions.append(regression("gaussian errors", y, y + rng.normal(0.0, 5.0, size=500)))
    y = rng.uniform(-3.0, 3.0, size=200)
    y[[3, 50, 199]] = 0.0
    regressions.append(regression("actual zeros make MAPE huge", y, y + rng.normal(0.0, 0.5, size=200)))
    y = rng.uniform(1.0, 10.0, size=40)
    regressions.append(regression("perfect predictions", y, y.copy()))

    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"classification": cases, "regression": regressions}, indent=1) + "\n")


if __name__ == "__main__":
    main()
