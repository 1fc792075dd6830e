#!/usr/bin/python3
"""Greedy CER and WER of a model package (or checkpoint) on the held-out speakers of the real corpus, per source.

  /usr/bin/python3 tools/model/decode_real.py            # once: decodes ../shared/data/real-corpus to the cache
  /usr/bin/python3 tools/model/eval_real.py --model models/default/model.onnx --real ~/.cache/ctcalign/real

Held-out clips are those in the corpus's heldout.txt (12 speakers never trained on; decode_real.py marks them).
CER = character edit distance / reference characters (spaces count); WER = word edit distance / reference words.
"""
import argparse
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import evaluate  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="models/default/model.onnx")
    ap.add_argument("--checkpoint", default=None)
    ap.add_argument("--real", default=os.path.expanduser("~/.cache/ctcalign/real"))
    ap.add_argument("--out", default=None)
    ap.add_argument("--examples", type=int, default=3, help="hypotheses printed per source")
    a = ap.parse_args()
    run = evaluate.Runner(a.model, a.checkpoint)
    rows = [json.loads(l) for l in open(os.path.join(a.real, "manifest.jsonl"))]
    rows = [r for r in rows if r.get("heldout")]
    per = {}
    for r in rows:
        wav = np.load(os.path.join(a.real, r["npy"])).astype(np.float32) / 32768.0
        hyp = evaluate.greedy(run(wav))
        ref = r["text"]
        g = per.setdefault(r["source"], {"clips": 0, "speakers": set(), "ce": 0, "c": 0, "we": 0, "w": 0, "examples": []})
        g["clips"] += 1
        g["speakers"].add(r["speaker"])
        g["ce"] += evaluate.edit_distance(hyp, ref)
        g["c"] += len(ref)
        g["we"] += evaluate.edit_distance(hyp.split(), ref.split())
        g["w"] += len(ref.split())
        if len(g["examples"]) < a.examples:
            g["examples"].append({"id": r["id"], "ref": ref, "hyp": hyp})
    res = {"model": a.checkpoint or a.model, "by_source": {}}
    tot = {"clips": 0, "ce": 0, "c": 0, "we": 0, "w": 0}
    for s, g in sorted(per.items()):
        res["by_source"][s] = {"clips": g["clips"], "speakers": len(g["speakers"]),
                               "greedy_cer": round(g["ce"] / max(1, g["c"]), 4), "greedy_wer": round(g["we"] / max(1, g["w"]), 4),
                               "examples": g["examples"]}
        for k in tot:
            tot[k] += g[k]
    res["all"] = {"clips": tot["clips"], "greedy_cer": round(tot["ce"] / max(1, tot["c"]), 4),
                  "greedy_wer": round(tot["we"] / max(1, tot["w"]), 4)}
    print(json.dumps(res, indent=1))
    if a.out:
        with open(a.out, "w") as f:
            json.dump(res, f, indent=1)


if __name__ == "__main__":
    main()
