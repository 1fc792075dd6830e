"""The default CtcAlign acoustic model: 16 kHz waveform in, [batch, frames, 29] CTC log-probabilities out at
20 ms frames (frames = floor(samples / 320)).

Front end inside the graph (exports to ONNX opset 13 with Debian's torch 1.13, which cannot export stft):
a Conv1d with fixed Hann-windowed cos/sin kernels (n_fft 400, hop 160, 'centre' padding of 120 samples on
each side), power spectrum, 80 HTK mel filters, log, then per-utterance mean/variance normalisation per mel
channel. Encoder: a stride-2 conv to 20 ms, residual depthwise-separable conv blocks, a 1x1 output conv.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

VOCAB = ["<blank>", "|"] + [chr(c) for c in range(ord("a"), ord("z") + 1)] + ["'"]
BLANK, DELIM = 0, 1
SAMPLE_RATE, HOP, N_FFT, N_MELS, STRIDE = 16000, 160, 400, 80, 320


def mel_filters(n_freqs, n_mels, sr):
    """HTK mel filterbank [n_freqs, n_mels] (same as torchaudio.functional.melscale_fbanks(norm=None, htk))."""
    def hz_to_mel(f):
        return 2595.0 * math.log10(1.0 + f / 700.0)
    all_freqs = torch.linspace(0, sr // 2, n_freqs)
    m_pts = torch.linspace(hz_to_mel(0.0), hz_to_mel(sr / 2), n_mels + 2)
    f_pts = 700.0 * (10 ** (m_pts / 2595.0) - 1.0)
    f_diff = f_pts[1:] - f_pts[:-1]
    slopes = f_pts.unsqueeze(0) - all_freqs.unsqueeze(1)
    down = -slopes[:, :-2] / f_diff[:-1]
    up = slopes[:, 2:] / f_diff[1:]
    return torch.clamp(torch.min(down, up), min=0.0)


class LogMel(nn.Module):
    def __init__(self):
        super().__init__()
        n = torch.arange(N_FFT, dtype=torch.float64)
        window = 0.5 - 0.5 * torch.cos(2 * math.pi * n / N_FFT)  # periodic Hann
        k = torch.arange(N_FFT // 2 + 1, dtype=torch.float64).unsqueeze(1)
        ang = 2 * math.pi * k * n.unsqueeze(0) / N_FFT
        kernels = torch.cat([torch.cos(ang) * window, -torch.sin(ang) * window], 0).float().unsqueeze(1)
        self.register_buffer("kernels", kernels)  # [402, 1, 400]
        self.register_buffer("fb", mel_filters(N_FFT // 2 + 1, N_MELS, SAMPLE_RATE).t().contiguous())  # [80, 201]

    def forward(self, wav):  # wav [B, N] -> [B, 80, N // 160]
        x = F.pad(wav.unsqueeze(1), ((N_FFT - HOP) // 2, (N_FFT - HOP) // 2))
        spec = F.conv1d(x, self.kernels, stride=HOP)
        nf = N_FFT // 2 + 1
        power = spec[:, :nf] ** 2 + spec[:, nf:] ** 2
        mel = torch.matmul(self.fb, power)
        return torch.log(mel + 1e-6)


class Block(nn.Module):
    def __init__(self, c, k, dropout):
        super().__init__()
        self.dw = nn.Conv1d(c, c, k, padding=k // 2, groups=c)
        self.bn = nn.BatchNorm1d(c)
        # dilation 2 changes nothing for a 1-wide kernel, but makes PyTorch's CPU conv take the fast oneDNN path
        # with one thread (its 1x1 heuristic otherwise uses a slow im2col+BLAS path): ~7x less CPU per step
        self.pw = nn.Conv1d(c, c, 1, dilation=2)
        self.drop = nn.Dropout(dropout)

    def forward(self, x):
        return x + self.drop(F.gelu(self.pw(self.bn(self.dw(x)))))


class CtcModel(nn.Module):
    def __init__(self, channels=384, blocks=12, kernel=15, dropout=0.1):
        super().__init__()
        self.logmel = LogMel()
        self.inp = nn.Conv1d(N_MELS, channels, 4, stride=2, padding=1)
        self.inp_bn = nn.BatchNorm1d(channels)
        self.blocks = nn.ModuleList([Block(channels, kernel, dropout) for _ in range(blocks)])
        self.out = nn.Conv1d(channels, len(VOCAB), 1, dilation=2)

    def features(self, wav, lengths=None):
        """Normalised log-mel [B, 80, M]; lengths (samples) restrict the statistics to each utterance."""
        x = self.logmel(wav)
        if lengths is None:
            mean = x.mean(dim=2, keepdim=True)
            var = ((x - mean) ** 2).mean(dim=2, keepdim=True)
        else:
            m = (lengths // HOP).clamp(min=1)
            mask = (torch.arange(x.shape[2], device=x.device).unsqueeze(0) < m.unsqueeze(1)).unsqueeze(1).float()
            cnt = mask.sum(dim=2, keepdim=True)
            mean = (x * mask).sum(dim=2, keepdim=True) / cnt
            var = (((x - mean) ** 2) * mask).sum(dim=2, keepdim=True) / cnt
            x = x * mask + mean * (1 - mask)
        return (x - mean) / torch.sqrt(var + 1e-5)

    def encode(self, feats):
        x = F.gelu(self.inp_bn(self.inp(feats)))
        for b in self.blocks:
            x = b(x)
        return torch.log_softmax(self.out(x), dim=1).transpose(1, 2)  # [B, T, V]

    def forward(self, wav):
        return self.encode(self.features(wav))


def frames_for(samples):
    return samples // STRIDE
