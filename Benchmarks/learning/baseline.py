"""The data scientist's baseline for `themis train`: scikit-learn logistic regression
on tf-idf word 1-2-grams of the answer, tf-idf words of the question it answers and
the rules' codes, one classifier per code, each code's threshold chosen on
document-grouped folds as Themis chooses it. Writes long codings of the test units.

    baseline.py TRAIN_UNITS TRAIN_GOLD TRAIN_RULES TEST_UNITS TEST_RULES OUT_CSV
"""
import csv
import json
import sys

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, cross_val_predict

train_units, train_gold, train_rules, test_units, test_rules, out_path = sys.argv[1:7]
CODES = ["musiq-ar/qi-project-team", "musiq-ar/infrastructure", "musiq-ar/microsystem", "musiq-ar/organisational",
         "musiq-ar/external", "rho/naming-racism", "rho/understand-and-acknowledge", "rho/involving-communities",
         "rho/ethnicity-data", "rho/workforce-equity", "rho/leadership-accountability", "rho/debiasing-systems"]


def rolled(code):
    return "/".join(code.split("/")[:2])


def units(path):
    """Participant units in file order, each with the interviewer turn right before it."""
    rows, previous = [], None
    for line in open(path, encoding="utf-8"):
        if not line.strip():
            continue
        unit = json.loads(line)
        if unit["role"] == "participant":
            question = previous["text"] if previous is not None and previous["role"] == "interviewer" \
                and previous["document"] == unit["document"] else ""
            rows.append({"segment": unit["segment"], "document": unit["document"], "speaker": unit.get("speaker") or "",
                         "text": unit["text"], "question": question})
        previous = unit
    return rows


def coded(path):
    by_segment = {}
    for row in csv.DictReader(open(path, encoding="utf-8")):
        by_segment.setdefault(row["segment"], set()).add(rolled(row["code"]))
    return by_segment


train, test = units(train_units), units(test_units)
gold, rules_train, rules_test = coded(train_gold), coded(train_rules), coded(test_rules)
words = dict(ngram_range=(1, 2), token_pattern=r"(?u)\b\w+\b", sublinear_tf=True, min_df=2)
answer = TfidfVectorizer(**words).fit([u["text"] for u in train])
question = TfidfVectorizer(token_pattern=r"(?u)\b\w+\b", sublinear_tf=True, min_df=2).fit([u["question"] for u in train])


def features(rows, rules):
    hits = csr_matrix(np.array([[1.0 if c in rules.get(u["segment"], set()) else 0.0 for c in CODES] for u in rows]))
    return hstack([answer.transform([u["text"] for u in rows]), question.transform([u["question"] for u in rows]), hits]).tocsr()


X, X_test = features(train, rules_train), features(test, rules_test)
groups = [u["document"] for u in train]


def best_threshold(scores, truth):
    order = np.argsort(-scores, kind="stable")
    positives, best, tp, predicted = truth.sum(), (-1.0, 0.5), 0, 0
    if positives == 0:
        return 0.5
    for k in order:
        predicted += 1
        tp += truth[k]
        f1 = 2 * tp / (predicted + positives)
        if f1 > best[0]:
            best = (f1, scores[k])
    return best[1]


with open(out_path, "w", newline="", encoding="utf-8") as out:
    writer = csv.writer(out)
    writer.writerow(["document", "segment", "code", "coder", "valence", "speaker", "matched"])
    rows = []
    for code in CODES:
        y = np.array([1 if code in gold.get(u["segment"], set()) else 0 for u in train])
        model = LogisticRegression(C=1.0, max_iter=2000)
        folds = GroupKFold(n_splits=5)
        scores = cross_val_predict(model, X, y, groups=groups, cv=folds, method="predict_proba")[:, 1]
        threshold = best_threshold(scores, y)
        model.fit(X, y)
        for u, p in zip(test, model.predict_proba(X_test)[:, 1]):
            if p >= threshold:
                rows.append([u["document"], u["segment"], code, "baseline", "", u["speaker"], ""])
    rows.sort(key=lambda r: (r[0], int(r[1].rsplit("#", 1)[1]), r[2]))
    writer.writerows(rows)
