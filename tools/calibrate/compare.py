#!/usr/bin/python3
"""Compares calibrators on the lines fit.py wrote (DIR/lines.jsonl of tools/calibrate/fit.sh), the way fit.py chooses:
leave one training programme out, on the training programmes only. For each candidate: the leave-one-programme-out
log-loss and ECE, the --min-p fit.choose_min_p would take from that curve (99% precision, no never-spoken training
line accepted) and the training recall there, precision / recall at 0.9; then, for information only (never used to
choose), the same figures on the eval-* programmes with the candidate fitted on all training programmes.

  /usr/bin/python3 tools/calibrate/compare.py DIR/lines.jsonl [--trees] [--programme-features]

Candidates: the logistic regression fit.py ships, with the block's vetoes (the pause) and with words not heard as a
veto too (the blocks before it was a feature); with --trees also gradient-boosted trees (sklearn, depth 2 and 3, 100
trees, learning rate 0.1, at least 20 lines a leaf) with a Platt step fitted on their leave-one-programme-out scores;
with --programme-features also the logistic regression with how well the model hears the whole programme as extra
features, the same value on every line of a programme (PROGRAMME_FEATURES: the median over the programme's lines of
rho, of word_logp_mean, and the share of its lines on which words not heard fired), each alone and all together: does
p_correct become truer on real speech when it knows the programme is hard to hear?
"""
import argparse
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fit  # noqa: E402


def load(path):
    """{programme: (x, y, spoken, vetoed, not_heard, repeats, speech)} in file order, and the feature names. repeats: a
    never-spoken line that repeats words said there (fit.repeats_speech), left out of the never-spoken rule as fit.py
    does; speech: "real" or "synthetic" (fit.py's per-kind precision rule; "unknown" in files written before it)."""
    recs = [json.loads(line) for line in open(path)]
    names = list(recs[0]["features"])
    progs = {}
    for r in recs:
        progs.setdefault(r["programme"], []).append(r)
    out = {}
    for k, rs in progs.items():
        out[k] = (np.array([[r["features"][n] for n in names] for r in rs], float),
                  np.array([r["label"] for r in rs], float), np.array([r["spoken"] for r in rs], bool),
                  np.array([r["vetoed"] for r in rs], bool),
                  np.array([r["features"]["check_not_heard"] > 0.5 for r in rs], bool),
                  np.array([r.get("repeats", False) for r in rs], bool),
                  np.array([r.get("speech", "unknown") for r in rs]))
    return out, names


# programme-level features for --programme-features: (name, the line feature, how its values over a programme combine)
PROGRAMME_FEATURES = [("programme_rho_median", "rho", np.median), ("programme_word_logp_median", "word_logp_mean", np.median),
                      ("programme_not_heard_share", "check_not_heard", np.mean)]


def with_programme_features(progs, names, chosen):
    """progs with, for each (name, feature, combine) of chosen, one more column: combine(the feature over the
    programme's lines), the same on each of its lines."""
    out = {}
    for k, (x, *rest) in progs.items():
        extra = [np.full(len(x), float(combine(x[:, names.index(feature)]))) for _, feature, combine in chosen]
        out[k] = (np.column_stack([x, *extra]) if extra else x, *rest)
    return out


def logistic_score(xt, yt, xo):
    p = np.clip(fit.predict(fit.fit_logistic(xt, yt), xo), 1e-12, 1 - 1e-12)
    return np.log(p / (1 - p))


def trees_score(depth):
    def score(xt, yt, xo):
        from sklearn.ensemble import GradientBoostingClassifier
        m = GradientBoostingClassifier(n_estimators=100, max_depth=depth, learning_rate=0.1, min_samples_leaf=20,
                                       random_state=0).fit(xt, yt)
        return m.decision_function(xo)
    return score


def platt(score, y):
    """(a, b) of p = 1 / (1 + exp(-(a * score + b))), by Newton steps."""
    a = np.stack([score, np.ones_like(score)], 1)
    w = np.array([1.0, 0.0])
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(a @ w, -35, 35)))
        step = np.linalg.solve((a * (p * (1 - p))[:, None]).T @ a + 1e-9 * np.eye(2), a.T @ (p - y))
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return w


def log_loss(p, y):
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def figures(p, y, spoken, veto, t):
    acc = (p >= t) & ~veto
    n = int(acc.sum())
    return (100 * y[acc].mean() if n else float("nan"), 100 * y[acc].sum() / max(1, y.sum()), int((acc & ~spoken).sum()))


def compare(progs, score, with_platt, not_heard_veto):
    train = [k for k in progs if not k.startswith("eval")]
    held = [k for k in progs if k.startswith("eval")]

    def stack(keys):
        parts = [progs[k] for k in keys]
        x, y, sp, vet, nh, rep, kind = (np.concatenate([p[i] for p in parts]) for i in range(7))
        return x, y, sp, (vet | nh) if not_heard_veto else vet, rep, kind

    raw, ys, sps, vets, reps, kinds = [], [], [], [], [], []
    for k in train:
        x, y = stack([kk for kk in train if kk != k])[:2]
        xo, yo, so, vo, ro, ko = stack([k])
        raw.append(score(x, y, xo))
        ys.append(yo)
        sps.append(so)
        vets.append(vo)
        reps.append(ro)
        kinds.append(ko)
    raw, y, spoken, veto, repeats, kind = map(np.concatenate, (raw, ys, sps, vets, reps, kinds))
    a, b = platt(raw, y) if with_platt else (1.0, 0.0)
    p = 1 / (1 + np.exp(-(a * raw + b)))
    min_p, _ = fit.choose_min_p(p, y, veto, None, ~spoken & ~repeats, 0, kind)
    x, yt = stack(train)[:2]
    xh, yh, sh, vh, _, kh = stack(held)
    ph = 1 / (1 + np.exp(-(a * score(x, yt, xh) + b)))
    real = kh == "real"
    return {"lopo_log_loss": log_loss(p, y), "lopo_ece": fit.reliability(p, y)[1], "min_p": min_p,
            "lopo_at_min_p": figures(p, y, spoken, veto, min_p), "lopo_at_0_9": figures(p, y, spoken, veto, 0.9),
            "held_ece": fit.reliability(ph, yh)[1],
            "held_real_ece": fit.reliability(ph[real], yh[real])[1] if real.any() else float("nan"), "held_at_min_p": figures(ph, yh, sh, vh, min_p),
            "held_at_0_9": figures(ph, yh, sh, vh, 0.9), "held_at_0_95": figures(ph, yh, sh, vh, 0.95)}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("lines", help="lines.jsonl of fit.py")
    ap.add_argument("--trees", action="store_true", help="also gradient-boosted trees (sklearn; slower)")
    ap.add_argument("--programme-features", action="store_true",
                    help="also the logistic regression with programme-level features (PROGRAMME_FEATURES)")
    a = ap.parse_args()
    progs, names = load(a.lines)
    candidates = [("logistic, pause veto (shipped)", logistic_score, False, False, progs),
                  ("logistic, pause + not-heard vetoes", logistic_score, False, True, progs)]
    if a.trees:
        candidates += [(f"trees depth {d} + Platt, pause veto", trees_score(d), True, False, progs) for d in (2, 3)]
    if a.programme_features:
        for chosen in [[f] for f in PROGRAMME_FEATURES] + [PROGRAMME_FEATURES]:
            label = "logistic + " + (chosen[0][0] if len(chosen) == 1 else "all three programme features")
            candidates.append((label, logistic_score, False, False, with_programme_features(progs, names, chosen)))

    def f3(v):
        return f"{v[0]:.1f}% / {v[1]:.1f}% / {v[2]}"

    print("leave-one-programme-out on the training programmes (what fit.py chooses by), then held-out eval-* (information)")
    print()
    print("| calibrator | LOPO log-loss | LOPO ECE | min_p from LOPO | LOPO at min_p: precision / recall / never-spoken "
          "| LOPO at 0.9 | held-out ECE: all / real speech | held-out at min_p | held-out at 0.9 | held-out at 0.95 |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for label, score, with_platt, nh, lines in candidates:
        r = compare(lines, score, with_platt, nh)
        print(f"| {label} | {r['lopo_log_loss']:.4f} | {r['lopo_ece']:.3f} | {r['min_p']:.3f} | {f3(r['lopo_at_min_p'])} "
              f"| {f3(r['lopo_at_0_9'])} | {r['held_ece']:.3f} / {r['held_real_ece']:.3f} | {f3(r['held_at_min_p'])} | {f3(r['held_at_0_9'])} "
              f"| {f3(r['held_at_0_95'])} |", flush=True)


if __name__ == "__main__":
    main()
