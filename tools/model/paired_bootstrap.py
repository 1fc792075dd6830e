#!/usr/bin/python3
"""Is a change of the model README's standard evaluations more than noise? A paired bootstrap for each of them.

  /usr/bin/python3 tools/model/paired_bootstrap.py --a models/default/model.onnx --b models/adapted/model.onnx \
      [more.onnx ...] --corpus ~/.cache/ctcalign/corpus --max-utterances 200 --real ../shared/data/real-speech \
      [--measure all|cer|boundary-mae|real-speech-cer] [--resamples 10000] [--seed 1]

The three figures exactly as tools/model/evaluate.py computes them, for model a and each model b:
- cer: greedy CER on the first --max-utterances of <corpus>/heldout (character edits / reference characters,
  pooled); paired over utterances.
- boundary-mae: word-boundary MAE after the boundary rules, each model with its own rules (start_shift, end_pad,
  gap_limit tuned on the even-numbered of those utterances, evaluate.py's grid), measured on the odd-numbered ones;
  paired over those test utterances, each utterance's boundary errors kept together, MAE pooled over boundaries.
- real-speech-cer: greedy CER on the clips of <real>/transcripts.tsv (68 in shared/data/real-speech); paired over
  clips.
Each: --resamples resamplings with replacement of the same items for both models; prints JSON per model b and
measure: both values, their difference (b - a) and its 2.5% and 97.5% quantiles, and the share of resamples in
which b is worse (higher). CER in fractions, MAE in ms.
"""
import argparse
import json
import os
import random
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import evaluate  # noqa: E402

MEASURES = ("cer", "boundary-mae", "real-speech-cer")


def paired_bootstrap(edits_a, edits_b, chars, resamples=10000, seed=1, chars_b=None):
    """Difference of pooled ratios (b - a; a = sum of edits_a / sum of chars, b = sum of edits_b / sum of chars_b,
    chars_b = chars unless given) on the given items and over `resamples` resamplings with replacement of the same
    item indices for both: {"a", "b", "diff", "lo", "hi", "share_b_worse"} (lo, hi: the 2.5% and 97.5% quantiles of
    the resampled differences). For CER the items are utterances (edits, characters); for the boundary MAE they are
    utterances (sum of absolute boundary errors, number of boundaries), which may differ between the models."""
    n = len(chars)
    chars_b = chars if chars_b is None else chars_b
    if n == 0 or len(edits_a) != n or len(edits_b) != n or len(chars_b) != n:
        raise ValueError("paired_bootstrap: edits and chars must be lists of the same, non-zero length")
    rng = random.Random(seed)
    diffs = []
    for _ in range(resamples):
        idx = [rng.randrange(n) for _ in range(n)]
        diffs.append(sum(edits_b[i] for i in idx) / max(1, sum(chars_b[i] for i in idx))
                     - sum(edits_a[i] for i in idx) / max(1, sum(chars[i] for i in idx)))
    diffs.sort()
    a = sum(edits_a) / max(1, sum(chars))
    b = sum(edits_b) / max(1, sum(chars_b))
    q = lambda p: diffs[min(len(diffs) - 1, int(p * len(diffs)))]
    return {"a": a, "b": b, "diff": b - a, "lo": q(0.025), "hi": q(0.975),
            "share_b_worse": sum(d > 0 for d in diffs) / len(diffs)}


def boundary_pairs(items, rules):
    """[(predicted, true)] boundary times (start and end of every word whose truth is not an estimate) of the
    items [(index, manifest row, raw spans)] under the boundary rules (start_shift, end_pad, gap_limit), as
    evaluate.py's pairs_for."""
    out = []
    for _, r, sp in items:
        for (s, e), w in zip(evaluate.apply_rules(sp, rules[0], rules[1], rules[2]), r["words"]):
            if not w.get("approx"):
                out.append((s, w["start"]))
                out.append((e, w["end"]))
    return out


def tune_rules(tune):
    """evaluate.py's grid search for the boundary rules on the tune items: (start_shift, end_pad, gap_limit) with
    the lowest MAE (in 0.1 ms, as evaluate.py rounds it; the first of equals)."""
    best = None
    for gap in (0.0, 0.1, 0.2, 0.3):
        for shift in np.arange(-0.06, 0.031, 0.01):
            for pad in np.arange(0.0, 0.141, 0.01):
                st = evaluate.boundary_stats(boundary_pairs(tune, (shift, pad, gap)))
                if st and (best is None or st["mae_ms"] < best[0]):
                    best = (st["mae_ms"], round(float(shift), 3), round(float(pad), 3), gap)
    return best[1:]


def heldout_items(model, corpus, max_utterances):
    """Per held-out utterance: greedy edits and reference characters; and per odd-numbered (test) utterance the
    sum of absolute boundary errors (ms) and their number under the model's own tuned rules ({index: (sum, n)},
    utterances whose forced alignment failed are absent, as in evaluate.py)."""
    run = evaluate.Runner(model)
    rows = [json.loads(l) for l in open(os.path.join(corpus, "heldout", "manifest.jsonl"))][:max_utterances]
    edits, chars, per = [], [], []
    for i, r in enumerate(rows):
        lp = run(evaluate.read_wav(os.path.join(corpus, "heldout", r["audio"])))
        edits.append(evaluate.edit_distance(evaluate.greedy(lp), r["spoken"]))
        chars.append(len(r["spoken"]))
        spans = evaluate.word_spans(lp, [w["word"] for w in r["words"]])
        if spans is not None:
            per.append((i, r, spans))
    rules = tune_rules([p for p in per if p[0] % 2 == 0])
    boundary = {}
    for p in per:
        if p[0] % 2 == 1:
            err = [abs(a - t) * 1000 for a, t in boundary_pairs([p], rules)]
            boundary[p[0]] = (sum(err), len(err))
    return edits, chars, boundary, rules


def real_speech_items(model, real):
    """Per clip of <real>/transcripts.tsv: greedy edits and reference characters, as evaluate.py counts them."""
    run = evaluate.Runner(model)
    edits, chars = [], []
    for line in open(os.path.join(real, "transcripts.tsv")):
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 3:
            continue
        text = " ".join(parts[2].lower().split())
        edits.append(evaluate.edit_distance(evaluate.greedy(run(evaluate.read_wav(os.path.join(real, parts[1])))), text))
        chars.append(len(text))
    return edits, chars


def measure_items(model, measures, corpus, max_utterances, real):
    out = {}
    if "cer" in measures or "boundary-mae" in measures:
        edits, chars, boundary, rules = heldout_items(model, corpus, max_utterances)
        out["cer"] = (edits, chars)
        out["boundary"] = boundary
        out["rules"] = rules
    if "real-speech-cer" in measures:
        out["real-speech-cer"] = real_speech_items(model, real)
    return out


def compare(ia, ib, measures, resamples, seed):
    """The paired bootstraps of model b against model a, from measure_items of both."""
    res = {}
    if "cer" in measures:
        (ea, chars), (eb, _) = ia["cer"], ib["cer"]
        res["cer"] = {"items": len(chars), **paired_bootstrap(ea, eb, chars, resamples, seed)}
    if "boundary-mae" in measures:
        keys = sorted(set(ia["boundary"]) | set(ib["boundary"]))
        ga = [ia["boundary"].get(k, (0.0, 0)) for k in keys]
        gb = [ib["boundary"].get(k, (0.0, 0)) for k in keys]
        r = paired_bootstrap([g[0] for g in ga], [g[0] for g in gb], [g[1] for g in ga], resamples, seed,
                             chars_b=[g[1] for g in gb])
        res["boundary-mae"] = {"items": len(keys), "boundaries_a": sum(g[1] for g in ga),
                               "boundaries_b": sum(g[1] for g in gb), "rules_a": ia["rules"], "rules_b": ib["rules"], **r}
    if "real-speech-cer" in measures:
        (ea, chars), (eb, _) = ia["real-speech-cer"], ib["real-speech-cer"]
        res["real-speech-cer"] = {"items": len(chars), **paired_bootstrap(ea, eb, chars, resamples, seed)}
    return res


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--a", required=True, help="model.onnx of the reference model")
    ap.add_argument("--b", required=True, nargs="+", help="model.onnx of the changed model(s), each compared with a")
    ap.add_argument("--corpus", default=os.environ.get("CTCALIGN_CACHE", os.path.expanduser("~/.cache/ctcalign")) + "/corpus")
    ap.add_argument("--max-utterances", type=int, default=200)
    ap.add_argument("--real", default=os.path.join(root, "..", "shared", "data", "real-speech"),
                    help="folder with transcripts.tsv (id, file, text) of real speech (for real-speech-cer)")
    ap.add_argument("--measure", choices=("all",) + MEASURES, default="all")
    ap.add_argument("--resamples", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    measures = MEASURES if a.measure == "all" else (a.measure,)
    if a.resamples < 1 or a.max_utterances < 1:
        sys.exit("paired_bootstrap.py: --resamples and --max-utterances must be at least 1")
    for m in [a.a] + a.b:
        if not os.path.isfile(m):
            sys.exit(f"paired_bootstrap.py: {m} not found")
    if ("cer" in measures or "boundary-mae" in measures) and not os.path.isfile(os.path.join(a.corpus, "heldout", "manifest.jsonl")):
        sys.exit(f"paired_bootstrap.py: {a.corpus}/heldout/manifest.jsonl not found")
    if "real-speech-cer" in measures and not os.path.isfile(os.path.join(a.real, "transcripts.tsv")):
        sys.exit(f"paired_bootstrap.py: {a.real}/transcripts.tsv not found (give --real)")
    ia = measure_items(a.a, measures, a.corpus, a.max_utterances, a.real)
    out = {"a": a.a, "resamples": a.resamples, "seed": a.seed, "max_utterances": a.max_utterances, "comparisons": []}
    for b in a.b:
        res = compare(ia, measure_items(b, measures, a.corpus, a.max_utterances, a.real), measures, a.resamples, a.seed)
        out["comparisons"].append({"b": b, **{m: {k: round(v, 5) if isinstance(v, float) else v for k, v in r.items()}
                                              for m, r in res.items()}})
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
