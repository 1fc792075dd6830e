#!/usr/bin/python3
"""Weight-space interpolation of a fine-tuned model with the model it started from (WiSE-FT: Wortsman et al. 2022,
"Robust fine-tuning of zero-shot models"): theta(a) = (1 - a) * theta_start + a * theta_tuned, a in [0, 1].
A remedy for forgetting: a fine-tune that learned a lot on a few minutes of clips can be kept in part.

  /usr/bin/python3 tools/model/interpolate.py --start from.pt --tuned step000466.pt --alpha auto \
      --val VAL_DIR --forget-val FORGET_DIR --tolerance 0.5 --out interpolated.pt [--report grid.json]

--alpha A uses that a. --alpha auto measures greedy CER on --val (the held-back harvest clips, finetune.sh
--val-share) and on --forget-val (original-data clips, finetune.sh --forget-val) at every a of --grid (default
0, 0.1, ..., 1) and keeps the lowest held-back CER among the a whose original-data CER is no worse than the start's
(a = 0) plus --tolerance points; a = 0 always qualifies, ties go to the smaller a. Never give it a standard
evaluation set or the TEST clips.
Every floating-point tensor of the state dict is interpolated, the batch-norm running statistics included (with
train.py --freeze-bn they are the start's in both models, so they stay the start's); integer buffers
(num_batches_tracked) are the start's. The output is the tuned checkpoint with its "model" replaced and an
"interpolation" entry (a, the rule, the grid with its CERs).
"""
import argparse
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ctcmodel  # noqa: E402
import train  # noqa: E402

DEFAULT_GRID = [k / 10 for k in range(11)]


def interpolate(start, tuned, a):
    """(1 - a) * start + a * tuned for every floating-point tensor of two state dicts with the same keys and shapes
    (torch.lerp: a = 0 gives start and a = 1 gives tuned exactly, and a state with itself is itself); other tensors
    (integer counters) are the start's. Raises ValueError with a one-line message on mismatched dicts or a outside
    [0, 1]."""
    if not 0.0 <= a <= 1.0:
        raise ValueError(f"interpolation weight {a} is outside [0, 1]")
    if set(start) != set(tuned):
        only_s, only_t = sorted(set(start) - set(tuned)), sorted(set(tuned) - set(start))
        raise ValueError(f"the two models have different parameters (only in the start: {only_s[:3]}"
                         f"{'...' if len(only_s) > 3 else ''}; only in the tuned one: {only_t[:3]}{'...' if len(only_t) > 3 else ''})")
    out = {}
    for k, s in start.items():
        t = tuned[k]
        if s.shape != t.shape:
            raise ValueError(f"parameter {k} has shape {tuple(s.shape)} in the start and {tuple(t.shape)} in the tuned model")
        out[k] = torch.lerp(s, t.to(s.dtype), float(a)) if s.is_floating_point() else s.clone()
    return out


def select_alpha(points, tolerance):
    """The index of the point to keep among [{"alpha", "cer", "orig_cer"?}, ...]: the lowest held-back CER among the
    points whose original-data CER is no worse than the a = 0 point's plus `tolerance` (a fraction: 0.005 is half a
    point; train.qualifies), the smallest a on ties. The a = 0 point must be present; it always qualifies."""
    starts = [i for i, p in enumerate(points) if p["alpha"] == 0]
    if not starts:
        raise ValueError("the grid must contain a = 0 (the starting model)")
    start = points[starts[0]]
    best = starts[0]
    for i, p in enumerate(points):
        if train.qualifies(p, start, tolerance) and (p["cer"], p["alpha"]) < (points[best]["cer"], points[best]["alpha"]):
            best = i
    return best


def parse_grid(text):
    grid = sorted({float(x) for x in text.split(",") if x.strip()})
    if not grid or grid[0] < 0 or grid[-1] > 1:
        raise ValueError(f"--grid {text}: values in [0, 1] expected")
    if grid[0] != 0:
        grid = [0.0] + grid
    return grid


def load_clips(folder):
    rows = [json.loads(l) for l in open(os.path.join(folder, "manifest.jsonl"))]
    return [(np.load(os.path.join(folder, r["npy"])), r["text"]) for r in rows]


def measure_grid(start_sd, tuned_sd, grid, model, clips, orig_clips, log=None):
    """Greedy CER on the held-back clips (and the original-data clips) of the model interpolated at every a."""
    points = []
    for a in grid:
        model.load_state_dict(interpolate(start_sd, tuned_sd, a))
        p = {"alpha": a, "cer": round(train.val_cer(model, clips, torch.device("cpu")), 4)}
        if orig_clips:
            p["orig_cer"] = round(train.val_cer(model, orig_clips, torch.device("cpu")), 4)
        points.append(p)
        if log:
            log(p)
    return points


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--start", required=True, help="checkpoint the fine-tune started from")
    ap.add_argument("--tuned", required=True, help="the fine-tuned checkpoint")
    ap.add_argument("--alpha", default="auto", help="auto or a number in [0, 1]")
    ap.add_argument("--grid", default=",".join(str(a) for a in DEFAULT_GRID))
    ap.add_argument("--val", help="held-back harvest clips (decode_real.py format); needed by --alpha auto")
    ap.add_argument("--forget-val", help="original-data clips (import_corpus.py --forget-val-out)")
    ap.add_argument("--tolerance", type=float, default=0.5, help="points of original-data CER a kept a may lose")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--out", required=True)
    ap.add_argument("--report", help="also write the grid and the choice as JSON here")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    try:
        start_ck = torch.load(a.start, map_location="cpu")
        tuned_ck = torch.load(a.tuned, map_location="cpu")
        start_sd, tuned_sd = start_ck["model"], tuned_ck["model"]
        interpolate(start_sd, tuned_sd, 0.0)  # the one-line error on mismatched models, before any measuring
        if a.alpha == "auto":
            if not a.val:
                raise ValueError("--alpha auto needs --val (the held-back harvest clips)")
            grid = parse_grid(a.grid)
            targs = tuned_ck["args"]
            model = ctcmodel.CtcModel(targs["channels"], targs["blocks"], targs["kernel"])
            clips = load_clips(a.val)
            orig = load_clips(a.forget_val) if a.forget_val else []
            if not clips:
                raise ValueError(f"{a.val} has no clips")
            points = measure_grid(start_sd, tuned_sd, grid, model, clips, orig,
                                  lambda p: print("interpolate: " + json.dumps(p), flush=True))
            alpha = points[select_alpha(points, a.tolerance / 100)]["alpha"]
            info = {"alpha": alpha, "rule": "auto", "tolerance": a.tolerance / 100, "clips": len(clips),
                    "orig_clips": len(orig), "grid": points}
        else:
            alpha = float(a.alpha)
            interpolate(start_sd, start_sd, alpha)  # range check
            info = {"alpha": alpha, "rule": "given", "grid": []}
    except (OSError, KeyError, ValueError, RuntimeError) as ex:
        msg = str(ex).splitlines()[0] if str(ex) else type(ex).__name__
        print(f"interpolate.py: {msg}", file=sys.stderr)
        sys.exit(2)
    info.update({"start": a.start, "tuned": a.tuned, "tuned_step": tuned_ck.get("step")})
    out = dict(tuned_ck, model=interpolate(start_sd, tuned_sd, alpha), interpolation=info)
    torch.save(out, a.out)
    if a.report:
        with open(a.report, "w") as f:
            json.dump(info, f, indent=1)
    print(f"interpolate: a = {alpha} ({info['rule']}) -> {a.out}", flush=True)


if __name__ == "__main__":
    main()
