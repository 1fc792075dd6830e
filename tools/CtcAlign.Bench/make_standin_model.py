#!/usr/bin/python3
"""Writes a RANDOM-WEIGHT stand-in of the default model's architecture, for timing inference only.

It recognises nothing. The architecture follows shared/design/MODEL-NOTES.md (the one the default model is
trained with): log-mel front end as a Conv1d with fixed Hann-windowed cos/sin kernels (n_fft 400, hop 160),
80 mel-like bands, log, per-utterance normalisation, a stride-2 conv to 20 ms frames, 12 residual
depthwise-separable conv blocks of 512 channels (kernel 11), 29 outputs, log-softmax.

  /usr/bin/python3 tools/CtcAlign.Bench/make_standin_model.py OUT_DIR
  dotnet run -c Release --project tools/CtcAlign.Bench -- inference --model OUT_DIR
Needs Debian's python3-torch and python3-numpy.
"""
import json
import os
import sys

import numpy as np
import torch
import torch.nn as nn

N_FFT, HOP, MELS, CH, BLOCKS, VOCAB = 400, 160, 80, 512, 12, 29


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.dw = nn.Conv1d(CH, CH, 11, padding=5, groups=CH)
        self.pw = nn.Conv1d(CH, CH, 1)
        self.act = nn.ReLU()

    def forward(self, x):
        return x + self.act(self.pw(self.dw(x)))


class StandIn(nn.Module):
    def __init__(self):
        super().__init__()
        n = torch.arange(N_FFT, dtype=torch.float32)
        window = 0.5 - 0.5 * torch.cos(2 * np.pi * n / N_FFT)
        k = torch.arange(N_FFT // 2 + 1, dtype=torch.float32)[:, None]
        cos = torch.cos(2 * np.pi * k * n / N_FFT) * window
        sin = -torch.sin(2 * np.pi * k * n / N_FFT) * window
        self.stft = nn.Conv1d(1, 2 * (N_FFT // 2 + 1), N_FFT, stride=HOP, padding=N_FFT // 2, bias=False)
        self.stft.weight.data = torch.cat([cos, sin])[:, None, :]
        self.stft.weight.requires_grad_(False)
        self.mel = nn.Parameter(torch.rand(N_FFT // 2 + 1, MELS) / 10, requires_grad=False)
        self.inp = nn.Conv1d(MELS, CH, 5, stride=2, padding=2)
        self.blocks = nn.Sequential(*[Block() for _ in range(BLOCKS)])
        self.out = nn.Conv1d(CH, VOCAB, 1)

    def forward(self, audio):                      # [B, N]
        spec = self.stft(audio.unsqueeze(1))       # [B, 402, N/160+1]
        re, im = spec[:, : N_FFT // 2 + 1], spec[:, N_FFT // 2 + 1:]
        power = (re * re + im * im).transpose(1, 2)
        mel = torch.log(torch.matmul(power, self.mel) + 1e-6).transpose(1, 2)  # [B, 80, T]
        mel = (mel - mel.mean(dim=2, keepdim=True)) / (mel.std(dim=2, keepdim=True) + 1e-5)
        x = self.blocks(self.inp(mel))
        return torch.log_softmax(self.out(x), dim=1).transpose(1, 2)  # [B, T/2, 29]


def main(out_dir):
    torch.manual_seed(0)
    os.makedirs(out_dir, exist_ok=True)
    model = StandIn().eval()
    dummy = torch.randn(2, 16000 * 4)
    torch.onnx.export(model, dummy, os.path.join(out_dir, "model.onnx"), opset_version=13,
                      input_names=["audio"], output_names=["log_probs"],
                      dynamic_axes={"audio": {0: "batch", 1: "samples"}, "log_probs": {0: "batch", 1: "frames"}})
    vocab = ["<blank>", "|", "'"] + [chr(c) for c in range(ord("a"), ord("z") + 1)]
    with open(os.path.join(out_dir, "ctcalign-model.json"), "w") as f:
        json.dump({
            "name": "standin-random-weights", "version": "0",
            "license": "CC0-1.0", "language": "en",
            "provenance": "tools/CtcAlign.Bench/make_standin_model.py: random weights, for timing only",
            "sample_rate": 16000, "frame_stride_samples": 320,
            "input_name": "audio", "output_name": "log_probs", "output_kind": "log_probs",
            "normalization": "none", "vocabulary": vocab, "blank": "<blank>", "word_delimiter": "|",
        }, f, indent=2)
    params = sum(p.numel() for p in model.parameters())
    print(f"wrote {out_dir}: {params / 1e6:.1f} M parameters")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "standin-model")
