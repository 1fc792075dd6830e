"""Augmentation of one utterance with sox and ffmpeg, keeping word timings exact.

plan(rng) draws a list of augmentation steps; apply(...) runs them and returns 16 kHz audio and the times
mapped through every step that changes time (speed, tempo, padding). Steps are recorded as strings in the
manifest ("speed=1.08", "noise=pink@12dB", ...).
"""
import glob
import os
import subprocess
import tempfile

import numpy as np

import engines

SR = 16000
MUSIC_GLOB = "/usr/share/asterisk/moh/*.wav"
_music_cache = {}


def plan(rng, clean_share=0.15):
    steps = []
    if rng.random() < clean_share:
        steps.append(("gain", rng.uniform(-20, -1)))
        return steps
    c = rng.random()
    if c < 0.35:
        steps.append(("speed", rng.uniform(0.85, 1.18)))
    elif c < 0.6:
        steps.append(("tempo", rng.uniform(0.8, 1.25)))
    if rng.random() < 0.3:
        steps.append(("pitch", rng.uniform(-350, 350)))
    if rng.random() < 0.45:
        steps.append(("eq", (rng.choice([150, 300, 600, 1200, 2500, 4000]), rng.uniform(0.5, 2.0), rng.uniform(-12, 10))))
    if rng.random() < 0.2:
        steps.append(("bass", rng.uniform(-10, 10)))
    if rng.random() < 0.2:
        steps.append(("treble", rng.uniform(-12, 8)))
    if rng.random() < 0.12:
        steps.append(("telephone", 1))
    if rng.random() < 0.3:
        steps.append(("reverb", (rng.uniform(10, 90), rng.uniform(20, 100), rng.uniform(-10, 0))))
    if rng.random() < 0.55:
        kind = rng.choice(["white", "pink", "brown", "music", "hum"])
        steps.append(("noise", (kind, rng.uniform(0, 30) if rng.random() < 0.8 else rng.uniform(-3, 5))))
    steps.append(("gain", rng.uniform(-30, -1)))
    if rng.random() < 0.1:
        steps.append(("dcshift", rng.uniform(-0.05, 0.05)))
    if rng.random() < 0.15:
        steps.append(("mp3", rng.choice([24, 32, 48, 64, 96, 128])) if rng.random() < 0.6 else ("aac", rng.choice([32, 48, 64, 96])))
    return steps


def describe(steps):
    out = []
    for name, v in steps:
        if isinstance(v, tuple):
            out.append(name + "=" + ",".join(f"{x:.3g}" if isinstance(x, float) else str(x) for x in v))
        else:
            out.append(f"{name}={v:.4g}" if isinstance(v, float) else f"{name}={v}")
    return out


def _music(rng, n):
    files = sorted(glob.glob(MUSIC_GLOB))
    if not files:
        return None
    path = files[rng.randrange(len(files))]
    if path not in _music_cache:
        a, sr = _decode(path)
        _music_cache.clear()
        _music_cache[path] = a
    a = _music_cache[path]
    if len(a) < n:
        a = np.tile(a, n // max(1, len(a)) + 1)
    k = rng.randrange(0, len(a) - n + 1)
    return a[k:k + n].copy()


def _decode(path, sr=SR):
    """Any audio file -> float32 mono at sr, through ffmpeg."""
    r = subprocess.run(["ffmpeg", "-v", "error", "-nostdin", "-i", path, "-ac", "1", "-ar", str(sr), "-f", "s16le", "-"],
                       capture_output=True, check=True)
    return np.frombuffer(r.stdout, dtype="<i2").astype(np.float32) / 32768.0, sr


def noise(kind, n, rng):
    nrng = np.random.default_rng(rng.randrange(2 ** 31))
    if kind == "white":
        return nrng.standard_normal(n).astype(np.float32)
    if kind in ("pink", "brown"):
        spec = np.fft.rfft(nrng.standard_normal(n))
        f = np.arange(len(spec), dtype=np.float64)
        f[0] = 1
        spec /= np.sqrt(f) if kind == "pink" else f
        return np.fft.irfft(spec, n).astype(np.float32)
    if kind == "hum":
        t = np.arange(n) / SR
        base = rng.choice([50, 60])
        return sum(np.sin(2 * np.pi * base * k * t + rng.uniform(0, 6)) / k for k in range(1, 6)).astype(np.float32) \
            + 0.1 * nrng.standard_normal(n).astype(np.float32)
    m = _music(rng, n)
    return m if m is not None else nrng.standard_normal(n).astype(np.float32)


def _rms_active(a):
    e = a.astype(np.float64) ** 2
    k = 160
    n = len(e) // k
    if n == 0:
        return float(np.sqrt(e.mean() + 1e-12))
    fr = e[: n * k].reshape(n, k).mean(axis=1)
    thr = fr.max() * 10 ** (-4)
    return float(np.sqrt(fr[fr > thr].mean() + 1e-12))


def _codec_roundtrip(a, codec, kbps):
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, "a.wav")
        enc = os.path.join(d, "a." + ("mp3" if codec == "mp3" else "m4a"))
        engines.write_wav(src, a, SR)
        args = ["-c:a", "libmp3lame"] if codec == "mp3" else ["-c:a", "aac"]
        subprocess.run(["ffmpeg", "-v", "error", "-nostdin", "-y", "-i", src] + args + ["-b:a", f"{kbps}k", enc],
                       check=True, capture_output=True)
        b, _ = _decode(enc)
    # the codec may shift the signal by its priming delay: find the lag and undo it
    n = min(len(a), len(b), SR * 4)
    fa = np.fft.rfft(a[:n], 2 * n)
    fb = np.fft.rfft(b[:n], 2 * n)
    cc = np.fft.irfft(fb * np.conj(fa), 2 * n)
    window = np.concatenate([cc[:1201], cc[-1200:]])
    k = int(np.argmax(window))
    lag = k if k <= 1200 else k - 2401
    if lag > 0:
        b = b[lag:]
    elif lag < 0:
        b = np.concatenate([np.zeros(-lag, np.float32), b])
    out = np.zeros(len(a), np.float32)
    out[: min(len(a), len(b))] = b[: len(a)]
    return out


def apply(audio, sr, words, steps, rng, pad=(0.0, 0.0)):
    """Returns (audio16k, words) after the steps. words: [(w, start, end)] in seconds."""
    scale = 1.0
    effects = []
    for name, v in steps:
        if name == "speed":
            effects += ["speed", f"{v:.5f}"]
            scale /= v
        elif name == "tempo":
            effects += ["tempo", "-s", f"{v:.5f}"]
            scale /= v
        elif name == "pitch":
            effects += ["pitch", f"{v:.1f}"]
        elif name == "eq":
            effects += ["equalizer", str(v[0]), f"{v[1]:.2f}q", f"{v[2]:.1f}"]
        elif name == "bass":
            effects += ["bass", f"{v:.1f}"]
        elif name == "treble":
            effects += ["treble", f"{v:.1f}"]
        elif name == "telephone":
            effects += ["sinc", "300-3400", "rate", "8000"]
        elif name == "reverb":
            effects += ["reverb", f"{v[0]:.0f}", "50", f"{v[1]:.0f}", "100", "0", f"{v[2]:.1f}"]
    effects = ["rate", "-h", str(SR)] + effects + ["rate", "-h", str(SR), "channels", "1"]
    with tempfile.TemporaryDirectory() as d:
        src, dst = os.path.join(d, "in.wav"), os.path.join(d, "out.wav")
        engines.write_wav(src, audio * 0.5 / max(1e-6, float(np.abs(audio).max())), sr)
        r = subprocess.run(["sox", "-V1", "-R", src, "-b", "16", dst] + effects, capture_output=True)
        if r.returncode != 0:
            raise RuntimeError("sox failed: " + r.stderr.decode(errors="replace")[:200])
        a, sr2 = engines.read_wav(dst)
    assert sr2 == SR
    expected = int(round(len(audio) / sr * scale * SR))
    if not any(n == "reverb" for n, _ in steps):
        a = a[:expected] if len(a) >= expected else np.concatenate([a, np.zeros(expected - len(a), np.float32)])
    lead, tail = int(pad[0] * SR), int(pad[1] * SR)
    a = np.concatenate([np.zeros(lead, np.float32), a, np.zeros(tail, np.float32)])
    words = [(w, s * scale + lead / SR, e * scale + lead / SR) for w, s, e in words]
    for name, v in steps:
        if name == "noise":
            kind, snr = v
            nz = noise(kind, len(a), rng)
            sig = _rms_active(a)
            nz *= sig / (np.sqrt(np.mean(nz.astype(np.float64) ** 2)) + 1e-9) / (10 ** (snr / 20))
            a = a + nz
        elif name == "gain":
            peak = float(np.abs(a).max()) + 1e-9
            a = a * (10 ** (v / 20) / peak)
        elif name == "dcshift":
            a = a + v
        elif name in ("mp3", "aac"):
            a = np.clip(a, -1, 1)
            a = _codec_roundtrip(a, name, v)
    return np.clip(a, -1, 1).astype(np.float32), words
