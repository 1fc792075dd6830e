#!/usr/bin/python3
"""Fits the p_correct calibrator (logistic regression with L2, by IRLS in numpy) on composed programmes with known
truth, writes it into a model package and evaluates it (tools/calibrate/fit.sh runs the whole recipe).

  /usr/bin/python3 tools/calibrate/fit.py --model models/default --out DIR \\
      --programme NAME=TRUTH.json=ALIGNMENT.json [...]

Each alignment is `ctcalign align --evidence --no-calibration` JSON output of the programme (every placed line has
"evidence": {feature: value}). Programmes named eval-* evaluate, the others train. A line's label is 1 when it was
spoken and its start and end are both within 0.5 s of the truth (tools/synth/score.py's rule), else 0 (a line that was
never spoken is always 0; a leading speaker label the synthetic voice read aloud is not part of the span: see
scored_span). The default --min-p is chosen on leave-one-programme-out predictions of the training
programmes: the lowest p at and above which every threshold keeps at least 99% of the accepted lines right.
Writes DIR/report.md (with precision/recall at thresholds), DIR/report.json, DIR/reliability.png (when matplotlib is
installed) and DIR/wrong-above-0.9.md (the held-out lines with p_correct >= 0.9 that are wrong, to read), and the
"calibration" block of MODEL/ctcalign-model.json, and DIR/lines.jsonl (every placed line: its features, label, rule
status, veto and p_correct, leave-one-programme-out for the training programmes), to study the data behind the fit.
"""
import argparse
import datetime
import difflib
import hashlib
import json
import os
import re
import sys

import numpy as np

TOLERANCE = 0.5
L2 = 1.0
TARGET_PRECISION = 0.99
THRESHOLDS = (0.5, 0.8, 0.9, 0.93, 0.95, 0.96, 0.97, 0.98, 0.99)  # the precision/recall table of the report
# The rule checks that keep a line from `aligned` whatever its p_correct (the block's "vetoes", LineCalibrator.WithStatus).
# Only the pause: "words not heard" (mean word log-probability below -1) fires on about a fifth of the right lines of the
# composed programmes and on every never-spoken one; as a feature (check_not_heard, word_logp_mean) the regression keeps
# the never-spoken lines out by itself, and the veto would cap recall near 84%. Packages without "vetoes" keep both.
VETOES = ("pause",)
CHECKS = {"not_heard": "check_not_heard", "pause": "check_pause"}
DIFFERS = "caption differs from the audio"  # CaptionDifferenceCheck.Reason: the check after the statuses, on by default


# CaptionText.LeadingSpeaker (src/CtcAlign/Formats/CaptionText.cs): the upper-case speaker label the caption reader drops
LEADING_LABEL = re.compile(r"^\s*(?:>>+\s*)?(?:[-\u2013\u2014]\s*)?((?:Ma?c)?[A-Z][A-Z\d .'\u2019&-]{0,30}?)\s*:(?=\s|$)")
ROMAN = re.compile(r"^[IVXLC]+$")


def scored_span(ln):
    """(start, end) a spoken line is scored against: its first and last spoken word, except that a leading speaker label
    ("Q:", "QOTD:") the synthetic voice read aloud is left out. The caption reader drops such a label as not speech (the
    caption convention: nobody on air says the label), so the aligner is asked to place the words after it; the composer
    speaks it only because its texts are fed to the voices as written. Only when the label's letters are exactly the
    first spoken words' letters; real speech (no word times) and everything else keep the line's true span."""
    words = ln.get("words") or []
    m = LEADING_LABEL.match(ln["text"])
    if not words or not m or ROMAN.match(m.group(1).strip()):
        return ln["start"], ln["end"]
    label = _norm(m.group(1))
    said = ""
    for k, w in enumerate(words):
        said += _norm(w["word"])
        if said == label:
            return (words[k + 1]["start"], ln["end"]) if k + 1 < len(words) else (ln["start"], ln["end"])
        if not label.startswith(said):
            break
    return ln["start"], ln["end"]


REPEAT_SECONDS = 20  # a never-spoken caption whose words are said within this of its caption time repeats them


def repeats_speech(line, truth):
    """True for a never-spoken caption (an inserted line) whose words, in order, are said within REPEAT_SECONDS of its
    caption time: the composer drew it from the same texts the voices speak, and by chance it is (the start of) a
    sentence spoken there ("Prices rose by 4.4% in 2013, reported" inserted before the spoken line with those words).
    Placed on that speech, its times are those of its words; it is still wrong (label 0), but not a line nobody said,
    so the never-spoken rule of the default --min-p leaves it out (it is reported apart)."""
    if line["spoken"] or not line.get("text") or line.get("caption_start") is None:
        return False
    words = " ".join(_norm(w) for w in line["text"].split() if _norm(w))
    near = " ".join(_norm(w) for ln in truth["lines"] if ln["spoken"] and ln.get("start") is not None
                    and abs(ln["start"] - line["caption_start"]) <= REPEAT_SECONDS
                    for w in (ln.get("spoken_text") or "").split() if _norm(w))
    return bool(words) and f" {words} " in f" {near} "


def load_programme(truth_path, alignment_path):
    """Rows per caption line: dict(features or None, label, spoken, rule_aligned, vetoed (by VETOES), checks (which of
    CHECKS fired), differs (the caption-differs check marked it), repeats (a never-spoken line that repeats words said
    there: repeats_speech), speech ("real" when the programme is real recorded speech, else "synthetic"))."""
    truth = json.load(open(truth_path))
    real = any(str(v).startswith("real:") for v in (truth.get("speakers") or {}).values())
    alignment = json.load(open(alignment_path))
    segs = match_captions(truth, alignment["media"][0]["segments"])
    names = None
    rows = []
    for ln in truth["lines"]:
        ci = ln["caption_index"]
        if ci is None:
            continue  # spoken but not captioned: nothing to align
        s = segs.get(ci)
        if s is None:  # the caption reader left the cue out (only a sound description, say): never placed
            s = {"status": "not_aligned", "start": None, "end": None}
        ev = s.get("evidence")
        ok = False
        if ln["spoken"] and s.get("start") is not None and s.get("end") is not None and s["status"] != "not_aligned":
            start, end = scored_span(ln)
            ok = abs(s["start"] - start) <= TOLERANCE and abs(s["end"] - end) <= TOLERANCE
        if ev is not None:
            if names is None:
                names = list(ev)
            elif list(ev) != names:
                raise SystemExit(f"{alignment_path}: lines with different features")
        detail = {"caption_index": ci, "text": ln["text"], "spoken_text": ln.get("spoken_text"),
                  "truth": scored_span(ln) if ln["spoken"] else None, "got": (s.get("start"), s.get("end")),
                  "speech_before": (ev or {}).get("speech_before"), "speech_after": (ev or {}).get("speech_after"),
                  "changed_words": ln.get("changed_words", 0),
                  "first_words": [(w["word"], w["confidence"]) for w in s.get("words", [])[:1]],
                  "last_words": [(w["word"], w["confidence"]) for w in s.get("words", [])[-1:]]}
        rows.append({"detail": detail, "x": None if ev is None else [ev[n] for n in names], "label": 1 if ok else 0,
                     "spoken": bool(ln["spoken"]), "rule_aligned": s["status"] == "aligned",
                     # the vetoes of LineCalibrator.WithStatus (VETOES), and which of the vetoable checks fired
                     "vetoed": bool(ev and any(ev.get(CHECKS[v], 0) > 0.5 for v in VETOES)),
                     "checks": {c: bool(ev and ev.get(f, 0) > 0.5) for c, f in CHECKS.items()},
                     "differs": (s.get("reason") or "").startswith(DIFFERS), "repeats": repeats_speech(ln, truth),
                     "speech": "real" if real else "synthetic"})
    return names, rows


def _norm(text):
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def match_captions(truth, segments):
    """{caption_index: segment}. The aligner numbers the lines it read; the caption reader may leave out a cue (only a
    sound description) or change its text (drops "(binary only)"), so cues and segments are matched in order by text."""
    caps = sorted((ln["caption_index"], ln["text"]) for ln in truth["lines"] if ln["caption_index"] is not None)
    a = [_norm(t) for _, t in caps]
    b = [_norm(s["text"]) for s in segments]
    out = {}
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal" or (op == "replace" and i2 - i1 == j2 - j1):
            for k in range(i2 - i1):
                out[caps[i1 + k][0]] = segments[j1 + k]
    return out


def fit_logistic(x, y, l2=L2, iterations=50):
    """Standardised logistic regression by IRLS (Newton) with an L2 penalty on the weights (not the intercept).
    Returns (means, scales, weights, intercept)."""
    means = x.mean(axis=0)
    scales = x.std(axis=0)
    scales[scales < 1e-6] = 1.0
    z = (x - means) / scales
    a = np.hstack([np.ones((len(z), 1)), z])
    w = np.zeros(a.shape[1])
    penalty = np.full(a.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-np.clip(a @ w, -35, 35)))
        grad = a.T @ (p - y) + penalty * w
        hess = (a * (p * (1 - p))[:, None]).T @ a + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return means, scales, w[1:], w[0]


def predict(model, x):
    means, scales, weights, intercept = model
    return 1 / (1 + np.exp(-(intercept + ((x - means) / scales) @ weights)))


def accepted_after(p, vetoed, min_p):
    return (p >= min_p) & ~vetoed


def choose_min_p(p, y, vetoed, rule_precision=None, never=None, never_allowed=0, kinds=None):
    """(min_p, how): the lowest threshold at which the accepted lines are at least TARGET_PRECISION right (cumulative:
    every line at or above it counts), accepting at least a fifth of the right lines; with kinds (an array naming each
    line's kind of speech, "real" or "synthetic"), the accepted lines of each kind must be that precise too, so the
    synthetic lines, most of the training lines, cannot hide a less precise real-speech curve. When the curve never gets there,
    the lowest threshold that is at least as precise as the rule statuses were on the same lines (rule_precision), so
    `aligned` is as trustworthy as before with more lines; the 99% target is then missed, and said so. Either way the
    threshold accepts at most never_allowed of the never-spoken lines (never: a mask of them; the default 0):
    a line that was never said must not reach the screen because a threshold was chosen for recall."""
    grid = np.round(np.arange(0.995, 0.0, -0.005), 3)
    right = max(1.0, y.sum())

    def lowest(target):
        best = None
        for t in grid:
            acc = accepted_after(p, vetoed, t)
            if never is not None and int((acc & never).sum()) > never_allowed:
                continue
            if kinds is not None and any((acc & (kinds == k)).sum() and y[acc & (kinds == k)].mean() < target
                                         for k in np.unique(kinds)):
                continue
            if acc.sum() and y[acc].mean() >= target and y[acc].sum() / right >= 0.2:
                best = float(t)
        return best

    best = lowest(TARGET_PRECISION)
    if best is not None:
        return best, f"precision >= {TARGET_PRECISION:.0%} on the training curve" + (
            ", real and synthetic speech each" if kinds is not None and len(np.unique(kinds)) > 1 else "")
    if rule_precision is not None:
        best = lowest(rule_precision)
        if best is not None:
            return best, (f"precision {TARGET_PRECISION:.0%} not reached on the training curve: the lowest p as precise as "
                          f"the rule statuses there ({rule_precision:.1%})")
    return 0.995, f"precision {TARGET_PRECISION:.0%} not reached on the training curve: the highest threshold"


def reliability(p, y, bins=10):
    rows = []
    ece = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        m = (p >= lo) & ((p < hi) if b < bins - 1 else (p <= hi))
        n = int(m.sum())
        if n:
            ece += n / len(p) * abs(p[m].mean() - y[m].mean())
        rows.append({"bin": f"{lo:.1f}-{hi:.1f}", "lines": n, "mean_p": float(p[m].mean()) if n else None,
                     "share_correct": float(y[m].mean()) if n else None})
    return rows, float(ece)


def evaluate(rows, model, min_p, p=None):
    """Figures for one set of caption lines (placed or not); p: the placed lines' p_correct when not the model's (the
    leave-one-programme-out predictions)."""
    placed = [r for r in rows if r["x"] is not None]
    x = np.array([r["x"] for r in placed], float)
    y = np.array([r["label"] for r in placed], float)
    vetoed = np.array([r["vetoed"] for r in placed], bool)
    differs = np.array([r["differs"] for r in placed], bool)
    if p is None:
        p = predict(model, x) if len(placed) else np.zeros(0)
    acc = accepted_after(p, vetoed, min_p)
    correct_total = sum(r["label"] for r in rows)  # lines within 0.5 s (placed by construction)
    rule_acc = np.array([r["rule_aligned"] for r in placed], bool)
    spoken = np.array([r["spoken"] for r in placed], bool)
    repeats = np.array([r.get("repeats", False) for r in placed], bool)
    inserted = sum(1 for r in rows if not r["spoken"])
    # the caption's words are not what was said (the composer changed them): what the caption-differs check looks for
    text_differs = np.array([bool(r["detail"].get("changed_words")) or (
        r["detail"].get("spoken_text") is not None and _norm(r["detail"]["spoken_text"]) != _norm(r["detail"]["text"]))
        for r in placed], bool)
    as_said_total = int(((y == 1) & ~text_differs).sum())

    def pr(mask):
        n = int(mask.sum())
        return {"aligned": n, "precision": float(y[mask].mean()) if n else None,
                "recall": float(y[mask].sum() / correct_total) if correct_total else None,
                # recall over the right lines whose caption is what was said (the caption-differs check holds the
                # others back by design)
                "recall_caption_as_said": float((mask & (y == 1) & ~text_differs).sum() / as_said_total) if as_said_total else None,
                "never_spoken_accepted": int((mask & ~spoken).sum()),
                "never_spoken_repeats_accepted": int((mask & ~spoken & repeats).sum())}

    curve = []
    for t in THRESHOLDS:
        m = accepted_after(p, vetoed, t)
        curve.append({"min_p": t, **pr(m)})

    def held_back(mask):
        """What a check that keeps these lines from `aligned` costs and stops: the lines it marks, the right ones among
        them (and of those, the ones whose caption text differs from what was said), the never-spoken ones, the spoken
        wrong ones, and of each how many p_correct alone would accept."""
        out = {}
        for name, group in (("lines", mask), ("right", mask & (y == 1)), ("right_text_differs", mask & (y == 1) & text_differs),
                            ("never_spoken", mask & ~spoken), ("wrong_spoken", mask & spoken & (y == 0))):
            out[name] = int(group.sum())
            out[name + "_at_min_p"] = int((group & (p >= min_p)).sum())
        return out

    checks = {c: held_back(np.array([r["checks"][c] for r in placed], bool)) for c in CHECKS}
    checks["caption_differs"] = held_back(differs)
    table, ece = reliability(p, y)
    errors = (y == 0)
    below = p < 0.9
    return {"caption_lines": len(rows), "placed_lines": len(placed), "within_0_5s": int(correct_total),
            "never_spoken_lines": inserted, "never_spoken_repeats": int(sum(1 for r in rows if r.get("repeats"))), "ece": ece, "reliability": table,
            "before": pr(rule_acc), "after": pr(acc), "after_with_differs_check": pr(acc & ~differs), "checks": checks,
            "min_p": min_p, "curve": curve,
            "review_below_0_9": {"lines": int(below.sum()), "share_of_placed": float(below.mean()) if len(p) else None,
                                 "errors_held": float((errors & below).sum() / max(1, errors.sum()))},
            "_p": p, "_y": y, "_placed": placed}


def plot(results, path):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("fit.py: matplotlib missing (apt-get install python3-matplotlib): no reliability plot", file=sys.stderr)
        return False
    fig, ax = plt.subplots(figsize=(5.5, 5))
    ax.plot([0, 1], [0, 1], color="grey", linestyle="--", linewidth=1, label="perfect calibration")
    for name, r in results.items():
        pts = [(b["mean_p"], b["share_correct"], b["lines"]) for b in r["reliability"] if b["lines"]]
        line, = ax.plot([a for a, _, _ in pts], [b for _, b, _ in pts], linewidth=1, alpha=0.6,
                        label=f"{name} (ECE {r['ece']:.3f}, {r['placed_lines']} lines)")
        # marker area in proportion to the lines in the bin: a bin of 3 lines says little
        ax.scatter([a for a, _, _ in pts], [b for _, b, _ in pts], s=[8 + 400 * n / r["placed_lines"] for _, _, n in pts],
                   color=line.get_color(), zorder=3)
    ax.set_xlabel("predicted p_correct (bin mean)")
    ax.set_ylabel("observed share within 0.5 s")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_title("p_correct reliability, held-out programmes\n(marker area: lines in the bin)")
    ax.legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    return True


def pct(v):
    return "-" if v is None else f"{100 * v:.1f}%"


def markdown(results, min_p, min_p_how, model_name, sha):
    out = [f"p_correct calibration for {model_name}, model.onnx sha256 {sha[:16]}, default --min-p {min_p:.3f} ({min_p_how})", ""]
    out.append("before: the rule statuses (`align --no-calibration`, the caption-differs check included); after: p_correct "
               f">= {min_p:.3f} and no veto ({', '.join(VETOES)}); after + differs: and not marked by the caption-differs check "
               "(on by default)")
    out.append("")
    out.append("recall (as said): over the right lines whose caption is what was said. Never-spoken: inserted lines; in "
               "brackets those that repeat words said there (repeats_speech), accepted / in the programme")
    out.append("")
    out.append("| programme | lines (placed) | within 0.5 s | ECE | aligned before: precision / recall | "
               "aligned after: precision / recall / recall (as said) | after + differs: precision / recall / recall (as said) | "
               "never-spoken accepted before / after | below 0.9: lines / errors held |")
    out.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, r in results.items():
        b, a, ad, rv = r["before"], r["after"], r["after_with_differs_check"], r["review_below_0_9"]
        rep = (f" ({b['never_spoken_repeats_accepted']} / {a['never_spoken_repeats_accepted']} of {r['never_spoken_repeats']})"
               if r["never_spoken_repeats"] else "")
        out.append(f"| {name} | {r['caption_lines']} ({r['placed_lines']}) | {r['within_0_5s']} | {r['ece']:.3f} "
                   f"| {pct(b['precision'])} / {pct(b['recall'])} "
                   f"| {pct(a['precision'])} / {pct(a['recall'])} / {pct(a['recall_caption_as_said'])} "
                   f"| {pct(ad['precision'])} / {pct(ad['recall'])} / {pct(ad['recall_caption_as_said'])} "
                   f"| {b['never_spoken_accepted']} / {a['never_spoken_accepted']} of {r['never_spoken_lines']}{rep} "
                   f"| {pct(rv['share_of_placed'])} / {pct(rv['errors_held'])} |")
    out.append("")
    out.append("What each check marks on the held-out programmes (all together), and of that how much p_correct >= min_p "
               "alone would accept: a veto (" + ", ".join(VETOES) + ") or the caption-differs check keeps those lines from `aligned`")
    out.append("")
    out.append("| check | lines | right (within 0.5 s) | of them, caption text not what was said | never spoken | spoken, wrong "
               "| at p >= min_p: right / never spoken / spoken wrong |")
    out.append("| --- | --- | --- | --- | --- | --- | --- |")
    for c, h in results["all held-out"]["checks"].items():
        out.append(f"| {c}{' (veto)' if c in VETOES else ''} | {h['lines']} | {h['right']} | {h['right_text_differs']} "
                   f"| {h['never_spoken']} | {h['wrong_spoken']} "
                   f"| {h['right_at_min_p']} / {h['never_spoken_at_min_p']} / {h['wrong_spoken_at_min_p']} |")
    out.append("")
    out.append("Reliability (all held-out programmes together): predicted vs observed share within 0.5 s")
    out.append("")
    out.append("| p_correct bin | lines | mean p_correct | observed share correct |")
    out.append("| --- | --- | --- | --- |")
    for b in results["all held-out"]["reliability"]:
        mean_p = "-" if b["mean_p"] is None else f"{b['mean_p']:.3f}"
        out.append(f"| {b['bin']} | {b['lines']} | {mean_p} | {pct(b['share_correct'])} |")
    out.append("")
    out.append("Precision / recall of `aligned` at --min-p thresholds (all held-out programmes; the vetoes apply)")
    out.append("")
    for group in ("all held-out", "held-out real speech", "training (leave-one-programme-out)"):
        if group not in results:
            continue
        if group != "all held-out":
            out.append("")
            out.append(f"The same for {group}" + (" (the curve the default --min-p is chosen on)" if group.startswith("training") else ""))
        out.append("")
        out.append("| --min-p | aligned | precision | recall | recall (as said) | never-spoken accepted (repeats) |")
        out.append("| --- | --- | --- | --- | --- | --- |")
        for c in results[group]["curve"]:
            out.append(f"| {c['min_p']:.2f} | {c['aligned']} | {pct(c['precision'])} | {pct(c['recall'])} "
                       f"| {pct(c['recall_caption_as_said'])} | {c['never_spoken_accepted']} ({c['never_spoken_repeats_accepted']}) |")
    return "\n".join(out) + "\n"


def wrong_lines(results, above=0.9):
    """Markdown: every held-out line with p_correct >= above whose timing is wrong (more than 0.5 s off, or never
    spoken), with what tells them apart (start and end error, speech no word accounts for at the edges, edge words)."""
    out = [f"Held-out lines with p_correct >= {above} that are wrong (start or end more than {TOLERANCE} s off, or never spoken)", "",
           "| programme | line | p | start error | end error | speech before / after (s) | first / last word (confidence) | text (spoken, when it differs) |",
           "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for name, r in results.items():
        if not name.startswith("eval"):
            continue
        for row, p, y in zip(r["_placed"], r["_p"], r["_y"]):
            if p < above or y == 1 or row["vetoed"]:
                continue
            d = row["detail"]
            if d["truth"] is None:
                ds = de = "never spoken"
            else:
                ds = f"{d['got'][0] - d['truth'][0]:+.2f}"
                de = f"{d['got'][1] - d['truth'][1]:+.2f}"
            words = " / ".join(f"{w} ({c:.2f})" for w, c in d["first_words"] + d["last_words"])
            text = d["text"] if not d["spoken_text"] or d["spoken_text"] == d["text"] else f"{d['text']} ({d['spoken_text']})"
            sb = "-" if d["speech_before"] is None else f"{d['speech_before']:.2f}"
            sa = "-" if d["speech_after"] is None else f"{d['speech_after']:.2f}"
            out.append(f"| {name} | {d['caption_index']} | {p:.3f} | {ds} | {de} | {sb} / {sa} | {words} | {text.replace('|', '/')} |")
    return "\n".join(out) + "\n"


def line_table(programmes, names, p_of):
    """One record a placed line (features by name, label, spoken, rule status, veto, p_correct and where p came from),
    for reading the data behind the fit: programmes {name: rows}; p_of(name, x matrix) -> (p array, source)."""
    out = []
    for name, rows in programmes.items():
        placed = [r for r in rows if r["x"] is not None]
        if not placed:
            continue
        p, source = p_of(name, np.array([r["x"] for r in placed], float))
        for r, pr in zip(placed, p):
            d = r["detail"]
            out.append({"programme": name, "caption_index": d["caption_index"], "text": d["text"],
                        "truth": d["truth"], "got": list(d["got"]), "label": r["label"], "spoken": r["spoken"],
                        "rule_aligned": r["rule_aligned"], "vetoed": r["vetoed"], "differs": r["differs"], "repeats": r.get("repeats", False),
                        "speech": r.get("speech"),
                        "p_correct": round(float(pr), 6),
                        "p_from": source, "features": dict(zip(names, r["x"]))})
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", required=True, help="model folder whose ctcalign-model.json receives the calibration")
    ap.add_argument("--out", required=True, help="folder for report.md, report.json, reliability.png")
    ap.add_argument("--programme", action="append", required=True, help="NAME=TRUTH.json=ALIGNMENT.json")
    ap.add_argument("--no-write", action="store_true", help="evaluate only; leave the model package alone")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    names, train, held = None, {}, {}
    for spec in a.programme:
        name, truth, alignment = spec.split("=", 2)
        n, rows = load_programme(truth, alignment)
        if names is None:
            names = n
        elif n is not None and n != names:
            raise SystemExit(f"{alignment}: other features than the first programme")
        (held if name.startswith("eval") else train)[name] = rows
    if not train or not held:
        raise SystemExit("fit.py: needs training programmes and eval-* programmes")

    def matrix(progs):
        rows = [r for rs in progs for r in rs if r["x"] is not None]
        return (np.array([r["x"] for r in rows], float), np.array([r["label"] for r in rows], float),
                np.array([r["vetoed"] for r in rows], bool))

    def never_spoken(progs):
        """The never-spoken lines the default --min-p must not accept: all but those that repeat words said there."""
        return np.array([not r["spoken"] and not r.get("repeats") for rs in progs for r in rs if r["x"] is not None], bool)

    # leave one training programme out: predictions the fit never saw, for choosing min_p
    oof_p, oof_y, oof_nh, oof_never, oof_kind, oof_by = [], [], [], [], [], {}
    for name in train:
        x, y, _ = matrix([rs for k, rs in train.items() if k != name])
        xo, yo, nho = matrix([train[name]])
        if len(xo) == 0:
            continue
        oof_p.append(predict(fit_logistic(x, y), xo))
        oof_by[name] = oof_p[-1]
        oof_y.append(yo)
        oof_nh.append(nho)
        oof_never.append(never_spoken([train[name]]))
        oof_kind.append(np.array([r["speech"] for r in train[name] if r["x"] is not None]))
    rule = [r for rs in train.values() for r in rs if r["x"] is not None and r["rule_aligned"]]
    rule_precision = sum(r["label"] for r in rule) / max(1, len(rule))
    # never-spoken lines: none accepted on the training curve (issue 15 keeps "no never-spoken line accepted")
    min_p, min_p_how = choose_min_p(np.concatenate(oof_p), np.concatenate(oof_y), np.concatenate(oof_nh), rule_precision,
                                    np.concatenate(oof_never), 0, np.concatenate(oof_kind))
    x, y, _ = matrix(train.values())
    model = fit_logistic(x, y)
    print(f"fit.py: {len(y)} training lines ({int(y.sum())} within 0.5 s) from {len(train)} programmes; min_p {min_p:.3f} "
          f"({min_p_how})", file=sys.stderr)

    results = {k: evaluate(rs, model, min_p) for k, rs in held.items()}
    results["all held-out"] = evaluate([r for rs in held.values() for r in rs], model, min_p)
    # real speech apart (eval-r*): the synthetic programmes are most of the held-out lines
    for group, kind in (("held-out synthetic", "eval-s"), ("held-out real speech", "eval-r")):
        if sum(1 for k in held if k.startswith(kind)) > 1:
            results[group] = evaluate([r for k, rs in held.items() if k.startswith(kind) for r in rs], model, min_p)
    results["training (in-sample)"] = evaluate([r for rs in train.values() for r in rs], model, min_p)
    lopo = [k for k in train if k in oof_by]
    results["training (leave-one-programme-out)"] = evaluate([r for k in lopo for r in train[k]], model, min_p,
                                                             np.concatenate([oof_by[k] for k in lopo]))

    desc_path = os.path.join(a.model, "ctcalign-model.json")
    desc = json.load(open(desc_path))
    sha = hashlib.sha256(open(os.path.join(a.model, "model.onnx"), "rb").read()).hexdigest()
    md = markdown(results, min_p, min_p_how, f"{desc.get('name')} {desc.get('version')}", sha)
    # the real-speech programmes together when there are several (one line a programme is hard to read)
    shown = [k for k in results if k.startswith("eval-s") or k == "all held-out"
             or (k.startswith("eval-r") if "held-out real speech" not in results else k == "held-out real speech")]
    plotted = plot({k: results[k] for k in shown},
                   os.path.join(a.out, "reliability.png"))
    report = {k: {kk: vv for kk, vv in v.items() if not kk.startswith("_")} for k, v in results.items()}
    json.dump({"model": desc.get("name"), "version": desc.get("version"), "model_sha256": sha, "min_p": min_p,
               "min_p_chosen": min_p_how,
               "features": names, "results": report}, open(os.path.join(a.out, "report.json"), "w"), indent=1)
    open(os.path.join(a.out, "report.md"), "w").write(md)
    open(os.path.join(a.out, "wrong-above-0.9.md"), "w").write(wrong_lines(results))
    # every placed line with its features: training lines with their leave-one-out p, held-out lines with the fit's
    table = line_table({**train, **held}, names,
                       lambda n, xs: (oof_by[n], "leave-one-programme-out") if n in oof_by
                       else (predict(model, xs), "final fit (training rows in-sample)" if n in train else "final fit"))
    with open(os.path.join(a.out, "lines.jsonl"), "w") as f:
        for rec in table:
            f.write(json.dumps(rec) + "\n")
    print(md)
    if plotted:
        print(f"reliability plot: {os.path.join(a.out, 'reliability.png')}")

    if not a.no_write:
        means, scales, weights, intercept = model
        allr = report["all held-out"]
        desc["calibration"] = {
            "kind": "logistic regression over standardised features: p = 1 / (1 + exp(-(intercept + sum(weights * (x - means) / scales))))",
            "target": "start and end both within 0.5 s of the truth",
            "features": names,
            "means": [round(float(v), 6) for v in means],
            "scales": [round(float(v), 6) for v in scales],
            "weights": [round(float(v), 6) for v in weights],
            "intercept": round(float(intercept), 6),
            "min_p": min_p,
            "min_p_chosen": min_p_how,
            "vetoes": list(VETOES),
            "model_sha256": sha,
            "fitted": f"tools/calibrate/fit.sh on {datetime.date.today().isoformat()}: {len(y)} lines of "
                      f"{', '.join(train)}; evaluated on {', '.join(held)}",
            "evaluation": {"ece": round(allr["ece"], 4), "precision": allr["after"]["precision"],
                           "recall": allr["after"]["recall"],
                           "never_spoken_accepted": allr["after"]["never_spoken_accepted"],
                           "never_spoken_lines": allr["never_spoken_lines"],
                           "with_differs_check": {"precision": allr["after_with_differs_check"]["precision"],
                                                  "recall": allr["after_with_differs_check"]["recall"]}},
        }
        tmp = desc_path + ".tmp"
        with open(tmp, "w") as f:
            json.dump(desc, f, indent=2)
            f.write("\n")
        os.replace(tmp, desc_path)
        print(f"fit.py: calibration written to {desc_path}", file=sys.stderr)


if __name__ == "__main__":
    main()
