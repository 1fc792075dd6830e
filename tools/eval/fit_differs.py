#!/usr/bin/python3
"""Fits the caption-differs score (src/CtcAlign/LongForm/CaptionDifferenceScore.cs) on the tuning programmes of
tools/eval/caption-errors.sh and chooses its two cuts, the way the shipped constants were made:

  TUNE=1 FIT_DIFFERS=1 tools/eval/caption-errors.sh         # aligns with --evidence, reports, then runs this

or by hand, on alignments made with `ctcalign align --evidence` (the edge speech is only in the evidence):

  /usr/bin/python3 tools/eval/fit_differs.py --programme real:tr1=tr1-8.truth.json=tr1-8.KEY.json [...] [--check]
      [--compare-models]

Each --programme is GROUP:NAME=TRUTH=ALIGNMENT_JSON (further =... fields, as caption_errors.py takes them, are
ignored). The lines fitted on: spoken caption lines of the truth placed by the aligner the way CaptionDifferenceCheck
scores them (not `not_aligned`, with times, two words or more, median word confidence at least 0.1), labelled changed
(the captioner added, removed or replaced words: caption_errors.change_kinds) or right. For each line the eight
features of CaptionDifferenceScore.Features, computed here from the JSON as the C# computes them from the segment:

  misfit_contrast      worst word's misfit (nats a letter) minus the line's lower-median word's (no misfit: 0)
  unexplained          the most unexplained_before of a word after the first (none: 0)
  confidence_contrast  ln(max(weakest word confidence, 1e-4) / max(lower-median word confidence, 1e-4))
  shortest_word        min over words of ln(max(s/letter, 1e-3) / max(lower-median s/letter, 1e-3))
  longest_word         the same, max over words (its weight is negative: a right line has a drawn-out word, text
                       that does not fit its audio is spread over it evenly)
  speech_before/after  the evidence's speech_before / speech_after (LineFacts, clamped to 0-5 s)
  caption_wer          the line's caption_wer (not measured: 0)

Prints: the number of lines; the logistic regression (scikit-learn, C = 1, raw features) fitted on all of them, as
the C# constants (Coefficients, Intercept, RightMeans: each feature's mean over the right lines, what the reason's
"strongest evidence" is measured against), and with --check whether they equal CaptionDifferenceScore.cs's to its
three decimals; then, with each programme scored by a model fitted on the others (leave one programme out), the
lines told "caption differs" (score at the aligned cut or more for a line `aligned` before the check, at the
low_confidence cut for one already low_confidence, or a first or last word more than 1 s apart from the rest of a
line of three words or more: the stray-edge test), false alarms (right lines told) and right lines demoted (told
and `aligned` before the check) at the shipped cuts, per group; and the cut grid (aligned 0.30-0.98, low_confidence
0.20-0.60, steps of 0.02) with the cells that meet the limits (at most --max-demoted-share of the right captions
demoted, at most --max-false-alarms false alarms: 40 is what the sixth session's letter tests gave on these
programmes), best first: most told, then fewest false alarms, fewest demoted, the higher cuts.

With --compare-models, also the best cell of the same grid and limits for other forms of the score over the same
eight features, each scored leave one programme out: the shipped logistic regression; one with each feature's
square too; gradient-boosted trees (sklearn, 100 trees of depth 2, learning rate 0.05, subsample 0.8); and the
highest of three logistic regressions, one for each kind of change (words added, removed, replaced: each fitted on
the right lines and the changed lines of its kind). Where none tells many more changed lines, the limit is in the
features (what the model hears), not in the form of the score.
"""
import argparse
import json
import os
import re
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import caption_errors as ce  # noqa: E402

FEATURE_NAMES = ["misfit_contrast", "unexplained", "confidence_contrast", "shortest_word", "longest_word",
                 "speech_before", "speech_after", "caption_wer"]
MIN_CONFIDENCE = 1e-4
MIN_SECONDS_PER_LETTER = 1e-3
MEDIAN_CONFIDENCE = 0.1      # IpfaOptions.DiffersMedianConfidence
STRAY_EDGE_GAP_S = 1.0       # IpfaOptions.StrayEdgeWordGapSeconds
GRID_ALIGNED = np.round(np.arange(0.30, 0.991, 0.02), 2)
GRID_LOW = np.round(np.arange(0.20, 0.61, 0.02), 2)
CSHARP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src", "CtcAlign", "LongForm",
                      "CaptionDifferenceScore.cs")
OPTIONS = os.path.join(os.path.dirname(CSHARP), "IpfaOptions.cs")


def letters(word):
    """Letters of a caption word (a-z and the apostrophe, case ignored; at least 1): CaptionDifferenceScore.Letters."""
    return max(1, len(re.sub(r"[^a-z']", "", word.lower())))


def lower_median(values):
    """The middle value of an odd count, the lower of the two middle values of an even one."""
    s = sorted(values)
    if not s:
        raise ValueError("no values")
    return s[(len(s) - 1) // 2]


def scored(seg, median_confidence=MEDIAN_CONFIDENCE):
    """Whether CaptionDifferenceCheck looks at the line: placed, two words or more, its median word heard."""
    words = seg.get("words") or []
    return (seg.get("status") != "not_aligned" and seg.get("start") is not None and len(words) >= 2
            and lower_median([w["confidence"] for w in words]) >= median_confidence)


def line_features(seg):
    """CaptionDifferenceScore.Features of a JSON segment (written with --evidence), in FEATURE_NAMES order; None for a
    line of fewer than two words or without times."""
    words = seg.get("words") or []
    if seg.get("start") is None or len(words) < 2:
        return None
    misfits = [w.get("misfit") or 0.0 for w in words]
    unexplained = max(w.get("unexplained_before") or 0.0 for w in words[1:])
    confidences = [w["confidence"] for w in words]
    per_letter = [(w["end"] - w["start"]) / letters(w["word"]) for w in words]
    median_per_letter = max(lower_median(per_letter), MIN_SECONDS_PER_LETTER)
    evidence = seg.get("evidence") or {}
    wer = seg.get("caption_wer")
    return [
        max(misfits) - lower_median(misfits),
        unexplained,
        np.log(max(min(confidences), MIN_CONFIDENCE) / max(lower_median(confidences), MIN_CONFIDENCE)),
        min(np.log(max(p, MIN_SECONDS_PER_LETTER) / median_per_letter) for p in per_letter),
        max(np.log(max(p, MIN_SECONDS_PER_LETTER) / median_per_letter) for p in per_letter),
        min(max(evidence.get("speech_before", 0.0), 0.0), 5.0),
        min(max(evidence.get("speech_after", 0.0), 0.0), 5.0),
        0.0 if wer is None else wer,
    ]


def stray_edge(words, gap=STRAY_EDGE_GAP_S):
    """LineTimingCheck.WithoutStrayEdgeWords cuts a word: a line of three words or more whose first or last word stands
    more than gap seconds apart from the next or previous one."""
    return len(words) >= 3 and (words[1]["start"] - words[0]["end"] > gap or words[-1]["start"] - words[-2]["end"] > gap)


def aligned_before_check(seg):
    """The line was `aligned` before CaptionDifferenceCheck: it still is, or the check's clause is its whole reason."""
    return seg.get("status") == "aligned" or ce.demoted_by_differs(seg.get("reason"))


def programme_rows(group, name, truth, alignment):
    """Rows of the spoken caption lines the check scores: features, changed (bool), aligned before, stray-edge."""
    segs = {s["index"]: s for s in alignment["media"][0]["segments"]}
    rows = []
    for ln in truth["lines"]:
        seg = segs.get(ln["caption_index"]) if ln["caption_index"] is not None else None
        if seg is None or not ln["spoken"]:
            continue
        kinds = sorted(ce.change_kinds(ln["text"], ln["spoken_text"])) if ln.get("changed_words") else []
        row = {"group": group, "programme": name, "changed": bool(kinds), "kinds": kinds, "scored": scored(seg)}
        if row["scored"]:
            row.update(features=line_features(seg), aligned_before=aligned_before_check(seg),
                       stray=stray_edge(seg["words"]))
        rows.append(row)
    return rows


def fit(x, y):
    from sklearn.linear_model import LogisticRegression
    return LogisticRegression(C=1.0, max_iter=5000).fit(x, y)


def probability(model, x):
    return 1 / (1 + np.exp(-model.decision_function(x)))


def leave_one_programme_out(x, y, programmes, scorer=None):
    """Each line's probability from a model fitted on the other programmes' lines (scorer(x_fit, y_fit, x_out, fit_mask,
    out_mask) -> probabilities; the shipped logistic regression when None)."""
    p = np.zeros(len(y))
    for name in sorted(set(programmes)):
        out = programmes == name
        p[out] = (scorer(x[~out], y[~out], x[out], ~out, out) if scorer is not None
                  else probability(fit(x[~out], y[~out]), x[out]))
    return p


def squares_scorer(xf, yf, xo, *_):
    """The logistic regression over the features and their squares."""
    return probability(fit(np.hstack([xf, xf ** 2]), yf), np.hstack([xo, xo ** 2]))


def trees_scorer(xf, yf, xo, *_):
    from sklearn.ensemble import GradientBoostingClassifier
    m = GradientBoostingClassifier(n_estimators=100, max_depth=2, learning_rate=0.05, subsample=0.8,
                                   random_state=0).fit(xf, yf)
    return m.predict_proba(xo)[:, 1]


def per_kind_scorer(kinds):
    """The highest of one logistic regression per kind of change, each fitted on the right lines and the changed lines
    of its kind (kinds: each line's list of change kinds, empty for a right line)."""
    def score(xf, yf, xo, fit_mask, _):
        fit_kinds = [k for k, m in zip(kinds, fit_mask) if m]
        ps = []
        for kind in ("added", "removed", "replaced"):
            yk = np.array([kind in k for k in fit_kinds], bool)
            sel = yk | ~yf
            if yk.any():
                ps.append(probability(fit(xf[sel], yk[sel]), xo))
        return np.max(ps, axis=0)
    return score


def told(p, aligned_before, stray, cut_aligned, cut_low):
    """CaptionDifferenceCheck.Differs with the score's two cuts and the stray-edge test."""
    return np.where(aligned_before, p >= cut_aligned, p >= cut_low) | stray


def counts(flag, changed, aligned_before):
    """(changed told, false alarms, right lines demoted)."""
    return int((flag & changed).sum()), int((flag & ~changed).sum()), int((flag & ~changed & aligned_before).sum())


def grid(p, changed, aligned_before, stray):
    """[(told, false alarms, demoted, aligned cut, low_confidence cut)] over the cut grid."""
    return [(*counts(told(p, aligned_before, stray, a, lo), changed, aligned_before), float(a), float(lo))
            for a in GRID_ALIGNED for lo in GRID_LOW]


def best_first(cells, max_demoted, max_false_alarms):
    """The cells within the limits, best first: most told, fewest false alarms, fewest demoted, higher cuts."""
    ok = [c for c in cells if c[2] <= max_demoted and c[1] <= max_false_alarms]
    return sorted(ok, key=lambda c: (-c[0], c[1], c[2], -c[3], -c[4]))


def agreement(alignments, coefficients, intercept, cut_aligned, cut_low):
    """(lines where the score with these constants, cuts and the stray-edge test tells what the aligner's reason says,
    lines the check scores), over every line of the alignments the check scores (never-spoken ones too)."""
    same = lines = 0
    for alignment in alignments:
        for seg in alignment["media"][0]["segments"]:
            if not scored(seg):
                continue
            p = 1 / (1 + np.exp(-(intercept + float(np.dot(coefficients, line_features(seg))))))
            mine = p >= (cut_aligned if aligned_before_check(seg) else cut_low) or stray_edge(seg["words"])
            same += mine == (ce.DIFFERS in (seg.get("reason") or ""))
            lines += 1
    return same, lines


def csharp_constants(path=CSHARP):
    """Coefficients, Intercept and RightMeans as CaptionDifferenceScore.cs has them."""
    text = open(path).read()

    def array(name):
        m = re.search(name + r"\s*=\s*\[([^\]]*)\]", text)
        return [float(v) for v in m.group(1).split(",")]
    return (array("Coefficients"), float(re.search(r"Intercept\s*=\s*(-?[\d.]+)", text).group(1)), array("RightMeans"))


def shipped_cut(name, path=OPTIONS):
    """The default of IpfaOptions.NAME (DiffersScore, DiffersScoreLowConfidence): the cuts align uses."""
    with open(path) as f:
        return float(re.search(r"public double " + name + r" \{ get; init; \} = ([\d.]+);", f.read()).group(1))


def csharp_array(values):
    return "[" + ", ".join(f"{v:.3f}" for v in values) + "]"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--programme", action="append", default=[], metavar="GROUP:NAME=TRUTH=ALIGNMENT_JSON[=...]")
    ap.add_argument("--cut-aligned", type=float, default=shipped_cut("DiffersScore"),
                    help="the cut for aligned lines (default: the shipped --differs-score, IpfaOptions.cs)")
    ap.add_argument("--cut-low", type=float, default=shipped_cut("DiffersScoreLowConfidence"),
                    help="the cut for low_confidence lines (default: the shipped --differs-score-low)")
    ap.add_argument("--max-demoted-share", type=float, default=0.01,
                    help="at most this share of the right captions demoted in the grid (default 0.01)")
    ap.add_argument("--max-false-alarms", type=int, default=40, help="at most this many false alarms in the grid (default 40)")
    ap.add_argument("--top", type=int, default=8, help="grid cells to print (default 8; 0: all within the limits)")
    ap.add_argument("--compare-models", action="store_true",
                    help="also the best grid cell for other forms of the score (squares, trees, one per change kind)")
    ap.add_argument("--check", action="store_true",
                    help="exit 1 unless the fitted constants equal CaptionDifferenceScore.cs's (3 decimals)")
    a = ap.parse_args()
    if not a.programme:
        sys.exit("fit_differs.py: no --programme given")
    rows, alignments = [], []
    for spec in a.programme:
        parts = spec.split("=")
        if len(parts) < 3 or ":" not in parts[0]:
            sys.exit(f"fit_differs.py: --programme {spec}: expected GROUP:NAME=TRUTH=ALIGNMENT_JSON")
        group, name = parts[0].split(":", 1)
        try:
            truth, alignment = (json.load(open(p)) for p in parts[1:3])
        except (OSError, ValueError) as e:
            sys.exit(f"fit_differs.py: --programme {spec}: {e}")
        placed = [s for s in alignment["media"][0]["segments"] if s.get("status") != "not_aligned" and s.get("start") is not None]
        if placed and not any("evidence" in s for s in placed):
            sys.exit(f"fit_differs.py: {parts[2]} has no evidence (align with --evidence: TUNE=1 FIT_DIFFERS=1 tools/eval/caption-errors.sh)")
        rows += programme_rows(group, name, truth, alignment)
        alignments.append(alignment)

    used = [r for r in rows if r["scored"]]
    x = np.array([r["features"] for r in used], float)
    y = np.array([r["changed"] for r in used], bool)
    wa = np.array([r["aligned_before"] for r in used], bool)
    st = np.array([r["stray"] for r in used], bool)
    progs = np.array([r["programme"] for r in used])
    groups = np.array([r["group"] for r in used])
    right_all = sum(not r["changed"] for r in rows)
    print(f"{len(set(progs))} programmes; lines scored (placed, two words or more, median word heard): "
          f"{int(y.sum())} changed and {int((~y).sum())} right captions "
          f"(of {sum(r['changed'] for r in rows)} changed and {right_all} right captions placed)")

    model = fit(x, y)
    coef, intercept = model.coef_[0], model.intercept_[0]
    means = x[~y].mean(axis=0)
    print("\nLogistic regression (scikit-learn, C = 1) on all of them, as CaptionDifferenceScore.cs's constants:")
    print("  features:     " + ", ".join(FEATURE_NAMES))
    print(f"  private static readonly double[] Coefficients = {csharp_array(coef)};")
    print(f"  private const double Intercept = {intercept:.3f};")
    print(f"  private static readonly double[] RightMeans = {csharp_array(means)};")
    mismatch = None
    try:
        cs_coef, cs_intercept, cs_means = csharp_constants()
        fitted = [round(v, 3) for v in [*coef, intercept, *means]]
        shipped = [*cs_coef, cs_intercept, *cs_means]
        mismatch = [i for i, (f, s) in enumerate(zip(fitted, shipped)) if abs(f - s) > 5e-4] + \
            ([-1] if len(fitted) != len(shipped) else [])
        print("  CaptionDifferenceScore.cs: " + ("the same constants" if not mismatch else
              f"DIFFERENT: Coefficients {cs_coef}, Intercept {cs_intercept}, RightMeans {cs_means}"))
        same, lines = agreement(alignments, cs_coef, cs_intercept, a.cut_aligned, a.cut_low)
        print(f"  these features with the C# constants and the shipped cuts tell the same as the alignments' reasons "
              f"on {same} of {lines} lines the check scores (all of them when the alignments were made by a build "
              f"with these constants and cuts)")
    except (OSError, AttributeError, ValueError) as e:
        print(f"  CaptionDifferenceScore.cs not read: {e}")

    p = leave_one_programme_out(x, y, progs)
    max_demoted = int(np.floor(a.max_demoted_share * right_all + 1e-9))
    print(f"\nLeave one programme out (each programme scored by a model fitted on the others), told = score at "
          f"{a.cut_aligned:.2f} or more (aligned before the check) / {a.cut_low:.2f} or more (low_confidence), "
          f"or the stray-edge test:")
    print("| lines | changed told | false alarms | right lines demoted |")
    print("| --- | --- | --- | --- |")
    for g in [*sorted(set(groups)), None]:
        m = np.ones(len(y), bool) if g is None else groups == g
        t, fa, d = counts(told(p[m], wa[m], st[m], a.cut_aligned, a.cut_low), y[m], wa[m])
        n_right = sum(not r["changed"] for r in rows if g is None or r["group"] == g)
        print(f"| {g or 'all'} | {t} of {int(y[m].sum())} ({100 * t / max(1, y[m].sum()):.1f}%) "
              f"| {fa} ({100 * fa / max(1, n_right):.1f}% of {n_right}) | {d} ({100 * d / max(1, n_right):.1f}%) |")
    t0 = counts(st, y, wa)
    print(f"(the stray-edge test alone: {t0[0]} told, {t0[1]} false alarms, {t0[2]} demoted)")

    cells = best_first(grid(p, y, wa, st), max_demoted, a.max_false_alarms)
    print(f"\nCut grid (aligned {GRID_ALIGNED[0]:.2f}-{GRID_ALIGNED[-1]:.2f}, low_confidence {GRID_LOW[0]:.2f}-"
          f"{GRID_LOW[-1]:.2f}, steps of 0.02), leave one programme out, with at most {max_demoted} right lines demoted "
          f"({a.max_demoted_share:.1%} of {right_all}) and at most {a.max_false_alarms} false alarms, best first:")
    print("| aligned cut | low_confidence cut | changed told | false alarms | demoted |")
    print("| --- | --- | --- | --- | --- |")
    for c in cells[:a.top or None]:
        print(f"| {c[3]:.2f} | {c[4]:.2f} | {c[0]} | {c[1]} | {c[2]} |")
    if cells:
        chosen = cells[0]
        same = abs(chosen[3] - a.cut_aligned) < 1e-9 and abs(chosen[4] - a.cut_low) < 1e-9
        print(f"chosen: {chosen[3]:.2f} / {chosen[4]:.2f} ({'the shipped cuts' if same else 'NOT the shipped cuts'} "
              f"{a.cut_aligned:.2f} / {a.cut_low:.2f})")
    else:
        print("no cell within the limits")
    if a.compare_models:
        kinds = [r["kinds"] for r in used]
        print(f"\nOther forms of the score, same features, leave one programme out, the best cell of the same grid and "
              f"limits (of {int(y.sum())} changed lines):")
        print("| score | changed told | false alarms | demoted | aligned cut | low_confidence cut |")
        print("| --- | --- | --- | --- | --- | --- |")
        for label, scorer in [("logistic regression (shipped)", None), ("logistic regression with squares", squares_scorer),
                              ("gradient-boosted trees", trees_scorer), ("highest of one per kind of change", per_kind_scorer(kinds))]:
            best = best_first(grid(leave_one_programme_out(x, y, progs, scorer), y, wa, st), max_demoted, a.max_false_alarms)
            print(f"| {label} | " + (f"{best[0][0]} | {best[0][1]} | {best[0][2]} | {best[0][3]:.2f} | {best[0][4]:.2f} |"
                                     if best else "no cell within the limits | | | | |"))
    if a.check and mismatch:
        sys.exit(1)


if __name__ == "__main__":
    main()
