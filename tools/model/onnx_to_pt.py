#!/usr/bin/python3
"""Turns a shipped model package (model.onnx exported by export.py) back into a training checkpoint for --init.

  /usr/bin/python3 tools/model/onnx_to_pt.py --onnx models/default/model.onnx --out ~/.cache/ctcalign/shipped.pt \
      --calib ~/.cache/ctcalign/real

The ONNX export folded each batch norm into the conv before it (ONNX names onnx::Conv_N, in graph order: the
input conv, then the 12 depthwise convs). The folded weights are loaded into the convs and each batch norm is
made an exact identity in eval mode whose running statistics (and so its train-mode behaviour) match the conv
output on a few calibration clips: mean mu, variance v, weight sqrt(v + eps), bias mu. The converted model is
checked against ONNX Runtime (or onnx's reference evaluator) on one input.
"""
import argparse
import glob
import json
import os
import sys

import numpy as np
import onnx
from onnx import numpy_helper
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ctcmodel  # noqa: E402


def convert(onnx_path):
    g = onnx.load(onnx_path).graph
    inits = {i.name: torch.from_numpy(numpy_helper.to_array(i).copy()) for i in g.initializer}
    blocks = sum(1 for n in inits if n.endswith(".pw.weight"))
    channels = inits["out.weight"].shape[1]
    # folded convs in the order the graph uses them
    folded = []
    for node in g.node:
        if node.op_type == "Conv" and len(node.input) > 1 and node.input[1].startswith("onnx::"):
            folded.append((node.input[1], node.input[2] if len(node.input) > 2 else None))
    assert len(folded) == blocks + 1, folded
    kernel = inits[folded[1][0]].shape[2]
    model = ctcmodel.CtcModel(channels, blocks, kernel)
    sd = model.state_dict()
    for name, t in inits.items():
        if not name.startswith("onnx::"):
            assert sd[name].shape == t.shape, name
            sd[name] = t
    targets = ["inp"] + [f"blocks.{i}.dw" for i in range(blocks)]
    for tgt, (w, b) in zip(targets, folded):
        assert sd[tgt + ".weight"].shape == inits[w].shape, (tgt, w)
        sd[tgt + ".weight"] = inits[w]
        sd[tgt + ".bias"] = inits[b]
    eps = 1e-5
    for bn in ["inp_bn"] + [f"blocks.{i}.bn" for i in range(blocks)]:
        sd[bn + ".running_mean"] = torch.zeros(channels)
        sd[bn + ".running_var"] = torch.ones(channels)
        sd[bn + ".weight"] = torch.full((channels,), float(np.sqrt(1 + eps)))
        sd[bn + ".bias"] = torch.zeros(channels)
    model.load_state_dict(sd)
    model.eval()
    return model, {"channels": channels, "blocks": blocks, "kernel": kernel}


def calibrate(model, clips):
    """Sets each batch norm's running statistics to its input's statistics on the clips (eval output unchanged)."""
    bns = [model.inp_bn] + [b.bn for b in model.blocks]
    acc = {id(bn): [0.0, 0.0, 0] for bn in bns}

    def hook(mod, inp, out):
        x = inp[0].detach().double()
        a = acc[id(mod)]
        a[0] = a[0] + x.sum(dim=(0, 2))
        a[1] = a[1] + (x ** 2).sum(dim=(0, 2))
        a[2] += x.shape[0] * x.shape[2]

    hs = [bn.register_forward_hook(hook) for bn in bns]
    with torch.no_grad():
        for c in clips:
            model(torch.from_numpy(c).unsqueeze(0))
    for h in hs:
        h.remove()
    eps = 1e-5
    for bn in bns:
        s, s2, n = acc[id(bn)]
        mu = s / n
        var = (s2 / n - mu ** 2).clamp(min=1e-4)
        bn.running_mean.copy_(mu.float())
        bn.running_var.copy_(var.float())
        bn.weight.data.copy_(torch.sqrt(var + eps).float())
        bn.bias.data.copy_(mu.float())


def onnx_output(onnx_path, wav):
    try:
        import onnxruntime as ort
        s = ort.InferenceSession(onnx_path, providers=["CPUExecutionProvider"])
        return s.run(None, {"waveform": wav})[0]
    except ImportError:
        import onnx_eval  # the project's small ONNX interpreter (Debian has no onnxruntime for Python)
        return onnx_eval.OnnxModel(onnx_path)(wav)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--onnx", default="models/default/model.onnx")
    ap.add_argument("--out", required=True)
    ap.add_argument("--calib", default=None, help="folder of int16 .npy clips (decode_real.py) for the batch norm statistics")
    ap.add_argument("--minutes", type=float, default=None, help="training minutes behind the shipped model (default: from its JSON)")
    a = ap.parse_args()
    model, arch = convert(a.onnx)
    rng = np.random.default_rng(0)
    wav = (rng.standard_normal((1, 16000 * 2)) * 0.05).astype(np.float32)
    clips = []
    if a.calib:
        files = sorted(glob.glob(os.path.join(a.calib, "*.npy")))
        for f in [files[i] for i in rng.choice(len(files), min(64, len(files)), replace=False)]:
            clips.append(np.load(f).astype(np.float32) / 32768.0)
        wav = clips[0][None, :]
    with torch.no_grad():
        before = model(torch.from_numpy(wav)).numpy()
    if clips:
        calibrate(model, clips)
        with torch.no_grad():
            after = model(torch.from_numpy(wav)).numpy()
        print(f"calibration changed eval output by at most {np.abs(after - before).max():.2e}")
        before = after
    ref = onnx_output(a.onnx, wav)
    if ref is not None:
        d = float(np.abs(ref - before).max())
        print(f"max |torch - onnx| log-prob difference on a {wav.shape[1]}-sample input: {d:.2e}")
        assert d < 1e-3, "converted model does not match the ONNX model"
    desc = json.load(open(os.path.join(os.path.dirname(a.onnx), "ctcalign-model.json")))
    tr = desc.get("training", {})
    minutes = a.minutes if a.minutes is not None else tr.get("training_minutes", 0.0)
    torch.save({"model": model.state_dict(), "args": dict(arch, prior_minutes=0.0), "step": tr.get("step", 0),
                "minutes": minutes, "hours": tr.get("hours_of_audio", 0.0), "utterances": tr.get("utterances", 0),
                "aux_on": True, "converted_from": a.onnx}, a.out)
    print(f"wrote {a.out} ({arch}, {minutes} min of training behind it)")


if __name__ == "__main__":
    main()
