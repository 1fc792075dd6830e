#!/usr/bin/python3
"""Exports a CtcModel to the CtcAlign model package: <dir>/model.onnx (opset 13) + <dir>/ctcalign-model.json.

  /usr/bin/python3 tools/model/export.py --checkpoint ~/.cache/ctcalign/train/step001234.pt --out models/default
"""
import argparse
import json
import os
import subprocess
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ctcmodel  # noqa: E402


def recipe_revision():
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                              cwd=os.path.dirname(os.path.abspath(__file__))).stdout.strip() or "unknown"
    except OSError:
        return "unknown"


def export(model, out_dir, training_info):
    os.makedirs(out_dir, exist_ok=True)
    import copy
    model = copy.deepcopy(model)
    model.eval()
    # the 1x1 convs train with dilation 2 (a PyTorch CPU speed trick, same result); export them plain
    for m in model.modules():
        if isinstance(m, torch.nn.Conv1d) and m.kernel_size == (1,):
            m.dilation = (1,)
    tmp = os.path.join(out_dir, "model.onnx.tmp")
    dummy = torch.zeros(1, 16000 * 3)
    torch.onnx.export(model, dummy, tmp, input_names=["waveform"], output_names=["log_probs"],
                      dynamic_axes={"waveform": {0: "batch", 1: "samples"}, "log_probs": {0: "batch", 1: "frames"}},
                      opset_version=13, do_constant_folding=True)
    os.replace(tmp, os.path.join(out_dir, "model.onnx"))
    real = bool(training_info.get("real_speech"))
    desc = {
        "name": "ctcalign-en-conv-real" if real else "ctcalign-en-conv-synth",
        "version": f"0.{2 if real else 1}.{training_info.get('step', 0)}",
        "language": "en",
        "license": ("CC-BY-SA-4.0 (trained by the CtcAlign project on its own synthesized speech, the Asterisk prompts "
                    "(CC BY-SA 3.0) and the real-speech corpus: speechocean762 (Apache-2.0), Rhasspy Kathleen (CC0), "
                    "Free Spoken Digit Dataset (CC BY-SA 4.0), Common Voice (CC0); see README.md)") if real else
                   "CC-BY-SA-3.0 (trained by the CtcAlign project on its own synthesized speech and on the Asterisk prompts, CC BY-SA 3.0; see README.md)",
        "provenance": f"tools/model/recipe.sh at recipe revision {recipe_revision()}; " + json.dumps(training_info),
        "sample_rate": 16000,
        "frame_stride_samples": ctcmodel.STRIDE,
        "frame_seconds": 0.02,
        "frames_for_samples": "floor(samples / 320)",
        "min_samples": 320,
        "input_name": "waveform",
        "input_shape": ["batch", "samples"],
        "output_name": "log_probs",
        "output_shape": ["batch", "frames", len(ctcmodel.VOCAB)],
        "output_kind": "log_probs",
        "input_normalization": "none",
        "input_scale": "float32 samples in [-1, 1]; the graph normalises each input (per mel channel over the whole input)",
        "vocabulary": ctcmodel.VOCAB,
        "blank": "<blank>",
        "word_delimiter": "|",
        "uppercase": False,
        "training": training_info,
    }
    with open(os.path.join(out_dir, "ctcalign-model.json"), "w") as f:
        json.dump(desc, f, indent=2)
        f.write("\n")


def load_checkpoint(path):
    ck = torch.load(path, map_location="cpu")
    a = ck["args"]
    m = ctcmodel.CtcModel(a["channels"], a["blocks"], a["kernel"])
    m.load_state_dict(ck["model"])
    m.eval()
    return m, ck


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--checkpoint", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    m, ck = load_checkpoint(args.checkpoint)
    export(m, args.out, {"step": ck["step"], "training_minutes": round(ck["minutes"] + ck["args"].get("prior_minutes", 0.0), 1),
                         "hours_of_audio": round(ck["hours"], 2), "utterances": ck["utterances"], "stage": "final",
                         "real_speech": bool(ck["args"].get("real") or ck["args"].get("packed"))})


if __name__ == "__main__":
    main()
