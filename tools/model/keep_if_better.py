#!/usr/bin/python3
"""Evaluates a candidate model package beside the current one and replaces the current one only when it is better.

  /usr/bin/python3 tools/model/keep_if_better.py --candidate ~/.cache/ctcalign/candidate --current models/default \
      --checkpoint ~/.cache/ctcalign/train/step004000.pt [--force]

Both packages are evaluated on the same data: greedy CER on the held-out real speakers (eval_real.py), and the
synthetic held-out voices + ../shared/data/real-speech clips (evaluate.py, which also fits the candidate's boundary
rules into its ctcalign-model.json). "Better" = lower held-out real-speaker CER without the real-speech clips' CER
getting worse by more than 1 point. When kept, model.onnx, ctcalign-model.json and the checkpoint (checkpoint.pt, so
the next run continues from it) replace the current package's; the package README is left for a person to update
with the printed figures. Writes <candidate>/comparison.json either way.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PY = sys.executable


def evaluate(package, real, corpus, real_speech, update):
    out_real = os.path.join(package, "eval-real.json.tmp")
    out_syn = os.path.join(package, "eval.json.tmp")
    model = os.path.join(package, "model.onnx")
    subprocess.run([PY, os.path.join(HERE, "eval_real.py"), "--model", model, "--real", real, "--out", out_real],
                   check=True, stdout=subprocess.DEVNULL)
    cmd = [PY, os.path.join(HERE, "evaluate.py"), "--model", model, "--corpus", corpus, "--real", real_speech,
           "--out", out_syn]
    if update:
        cmd += ["--update-package", os.path.join(package, "ctcalign-model.json")]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    r, s = json.load(open(out_real)), json.load(open(out_syn))
    os.remove(out_real)
    os.remove(out_syn)
    return {"heldout_real_cer": r["all"]["greedy_cer"], "heldout_real_wer": r["all"]["greedy_wer"],
            "heldout_real_by_source": {k: {"cer": v["greedy_cer"], "wer": v["greedy_wer"], "clips": v["clips"]}
                                       for k, v in r["by_source"].items()},
            "real_speech_cer": s.get("real_speech", {}).get("greedy_cer"),
            "synthetic_cer": s["heldout_synthetic"]["greedy_cer"],
            "synthetic_boundary_mae_ms": s["word_boundaries_rules"]["mae_ms"]}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--candidate", required=True, help="a package folder written by export.py")
    ap.add_argument("--current", default="models/default")
    ap.add_argument("--checkpoint", default=None, help="the candidate's training checkpoint, kept with it")
    cache = os.environ.get("CTCALIGN_CACHE", os.path.expanduser("~/.cache/ctcalign"))
    ap.add_argument("--real", default=os.path.join(cache, "real"))
    ap.add_argument("--corpus", default=os.path.join(cache, "corpus"))
    ap.add_argument("--real-speech", default="../shared/data/real-speech")
    ap.add_argument("--force", action="store_true", help="keep the candidate even if it is not better")
    a = ap.parse_args()
    cur = evaluate(a.current, a.real, a.corpus, a.real_speech, update=False)
    cand = evaluate(a.candidate, a.real, a.corpus, a.real_speech, update=True)
    better = cand["heldout_real_cer"] < cur["heldout_real_cer"] and \
        (cand["real_speech_cer"] or 0) <= (cur["real_speech_cer"] or 0) + 0.01
    res = {"current": cur, "candidate": cand, "better": better, "kept": better or a.force}
    json.dump(res, open(os.path.join(a.candidate, "comparison.json"), "w"), indent=1)
    print(json.dumps(res, indent=1))
    if res["kept"]:
        for name in ("model.onnx", "ctcalign-model.json"):
            tmp = os.path.join(a.current, name + ".tmp")
            shutil.copyfile(os.path.join(a.candidate, name), tmp)
            os.replace(tmp, os.path.join(a.current, name))
        if a.checkpoint:
            shutil.copyfile(a.checkpoint, os.path.join(a.current, "checkpoint.pt"))
        # the int8 graph is made again from the new float graph (an old one would not match it)
        subprocess.run([sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "quantize.py"),
                        "--model", a.current], check=True)
        print(f"kept: {a.candidate} replaces {a.current} (update {a.current}/README.md with the figures above)")
    else:
        print(f"not kept: {a.current} is unchanged")


if __name__ == "__main__":
    main()
