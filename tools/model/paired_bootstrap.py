#!/usr/bin/python3
"""Is a change of greedy CER on the held-out synthetic set more than noise? A paired bootstrap over utterances.

  /usr/bin/python3 tools/model/paired_bootstrap.py --a models/default/model.onnx --b models/adapted/model.onnx \
      --corpus ~/.cache/ctcalign/corpus --max-utterances 200 [--resamples 10000] [--seed 1]

Greedy CER of both models on the first --max-utterances of <corpus>/heldout (as tools/model/evaluate.py counts it:
character edits / reference characters, pooled), then --resamples resamplings of the utterances with replacement,
the same utterances for both models; prints JSON: both CERs, their difference (b - a) and its 2.5% and 97.5%
quantiles, and the share of resamples in which b is worse.
"""
import argparse
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import evaluate  # noqa: E402


def paired_bootstrap(edits_a, edits_b, chars, resamples=10000, seed=1):
    """CER difference (b - a, pooled: sum of edits / sum of chars) on the given utterances and over `resamples`
    resamplings with replacement of the same utterance indices for both: {"a", "b", "diff", "lo", "hi",
    "share_b_worse"} (lo, hi: the 2.5% and 97.5% quantiles of the resampled differences)."""
    n = len(chars)
    if n == 0 or len(edits_a) != n or len(edits_b) != n:
        raise ValueError("paired_bootstrap: edits and chars must be lists of the same, non-zero length")
    rng = random.Random(seed)
    diffs = []
    for _ in range(resamples):
        idx = [rng.randrange(n) for _ in range(n)]
        c = sum(chars[i] for i in idx)
        diffs.append((sum(edits_b[i] for i in idx) - sum(edits_a[i] for i in idx)) / max(1, c))
    diffs.sort()
    total = max(1, sum(chars))
    q = lambda p: diffs[min(len(diffs) - 1, int(p * len(diffs)))]
    return {"a": sum(edits_a) / total, "b": sum(edits_b) / total, "diff": (sum(edits_b) - sum(edits_a)) / total,
            "lo": q(0.025), "hi": q(0.975), "share_b_worse": sum(d > 0 for d in diffs) / len(diffs)}


def edits_on_heldout(model, corpus, max_utterances):
    run = evaluate.Runner(model)
    rows = [json.loads(l) for l in open(os.path.join(corpus, "heldout", "manifest.jsonl"))][:max_utterances]
    edits, chars = [], []
    for r in rows:
        hyp = evaluate.greedy(run(evaluate.read_wav(os.path.join(corpus, "heldout", r["audio"]))))
        edits.append(evaluate.edit_distance(hyp, r["spoken"]))
        chars.append(len(r["spoken"]))
    return edits, chars


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--a", required=True, help="model.onnx of the reference model")
    ap.add_argument("--b", required=True, help="model.onnx of the changed model")
    ap.add_argument("--corpus", default=os.environ.get("CTCALIGN_CACHE", os.path.expanduser("~/.cache/ctcalign")) + "/corpus")
    ap.add_argument("--max-utterances", type=int, default=200)
    ap.add_argument("--resamples", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    for m in (a.a, a.b):
        if not os.path.isfile(m):
            sys.exit(f"paired_bootstrap.py: {m} not found")
    if not os.path.isfile(os.path.join(a.corpus, "heldout", "manifest.jsonl")):
        sys.exit(f"paired_bootstrap.py: {a.corpus}/heldout/manifest.jsonl not found")
    ea, chars = edits_on_heldout(a.a, a.corpus, a.max_utterances)
    eb, _ = edits_on_heldout(a.b, a.corpus, a.max_utterances)
    r = paired_bootstrap(ea, eb, chars, a.resamples, a.seed)
    print(json.dumps({"utterances": len(chars), "resamples": a.resamples,
                      **{k: round(v, 5) for k, v in r.items()}}, indent=1))


if __name__ == "__main__":
    main()
