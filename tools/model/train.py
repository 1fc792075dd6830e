#!/usr/bin/python3
"""Trains the default CTC model on the synthetic corpus (+ real recorded prompts) for a fixed wall-clock budget.

  /usr/bin/python3 tools/model/train.py --corpus ~/.cache/ctcalign/corpus --work ~/.cache/ctcalign/train \
      --minutes 80 --export-dir models/default

Losses: CTC over "w o r d | w o r d" targets, plus (after --aux-after minutes) two frame-level losses that use
the TTS engines' exact word timings:
  span loss:  each 20 ms frame may only put probability on blank, "|" and the letters of the word(s) whose
              true span (+-20 ms) covers it: -log(sum of the allowed probabilities), averaged over frames;
  edge loss:  a word's first letter must be emitted within [-20, +60] ms of its true start and its last letter
              within [-60, +20] ms of its true end: -min(0, log sum over those frames of p(letter)).
Augmentation on the fly, on top of the corpus's own: --crop-share of the utterances are cut down to 1-3 of their
words (words said with little context), --narrowband-share are low-passed at 3.4-4 kHz, --vtlp-share have their
mel axis warped (vocal tract length), plus light noise, gain and SpecAugment-style masks.
The manifest is re-read at every epoch, so the run can start while the corpus is still being generated.
With --val DIR (clips in decode_real.py's format, e.g. the share of an adaptation corpus import_corpus.py held back),
the greedy CER on those clips is measured before the first step and every --val-every steps; the best state (the
starting one included) is saved as best.pt with the curve in its "val" entry, so a fine-tuning run that only
over-fits ends where it started.
Every --export-every minutes the model is exported (ONNX opset 13 + ctcalign-model.json) to --export-dir.
"""
import argparse
import json
import math
import os
import random
import sys
import time
import wave

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ctcmodel  # noqa: E402
import evaluate  # noqa: E402
import export  # noqa: E402

CHAR = {c: i for i, c in enumerate(ctcmodel.VOCAB)}
FRAME = 0.02


def read_pcm(path):
    with wave.open(path, "rb") as w:
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").copy()


class Corpus:
    def __init__(self, manifests, max_seconds=22.0):
        self.manifests = manifests
        self.items = {}
        self.max_seconds = max_seconds
        self.exclude = set()  # ids held out for --forget-val

    def refresh(self):
        added = 0
        for path, split in self.manifests:
            if not os.path.exists(path):
                continue
            base = os.path.dirname(path)
            with open(path) as f:
                lines = f.readlines()
            for line in lines:
                if not line.endswith("\n"):
                    break  # a line still being written
                r = json.loads(line)
                if r["id"] in self.items or r["id"] in self.exclude or r.get("split") != split or r["duration"] > self.max_seconds:
                    continue
                try:
                    pcm = read_pcm(os.path.join(base, r["audio"]))
                except (OSError, EOFError, wave.Error):
                    continue
                target = [CHAR[c] for c in "|".join(r["spoken"].split()) if c in CHAR]
                if not target or len(pcm) // ctcmodel.STRIDE < len(target) * 1.2 + 2:
                    continue
                self.items[r["id"]] = (pcm, target, r.get("words"))
                added += 1
        return added

    def batches(self, rng, max_batch_seconds):
        ids = list(self.items)
        rng.shuffle(ids)
        ids.sort(key=lambda i: len(self.items[i][0]) * rng.uniform(0.9, 1.1))
        batches, cur, longest = [], [], 0
        for i in ids:
            n = len(self.items[i][0]) / 16000
            if cur and max(longest, n) * (len(cur) + 1) > max_batch_seconds:
                batches.append(cur)
                cur, longest = [], 0
            cur.append(i)
            longest = max(longest, n)
        if cur:
            batches.append(cur)
        rng.shuffle(batches)
        return batches


class PackedCorpus(Corpus):
    """One kind ("real" or "synthetic") of an opus_pack.py corpus (the GPU machine's compact copy), decoded into
    memory once by `jobs` processes. Held-out clips were never packed."""
    def __init__(self, folder, kind, jobs=8):
        super().__init__([])
        self.folder, self.kind, self.jobs = folder, kind, jobs

    def refresh(self):
        if self.items:
            return 0
        import opus_pack
        for r, pcm in opus_pack.read_packed_parallel(self.folder, (self.kind,), self.jobs):
            target = [CHAR[c] for c in "|".join(r["text"].split()) if c in CHAR]
            if not target or len(pcm) // ctcmodel.STRIDE < len(target) * 1.2 + 2:
                continue
            self.items[r["id"]] = (pcm, target, r.get("words"))
        return len(self.items)


class RealCorpus(Corpus):
    """Real human speech decoded by decode_real.py (<dir>/manifest.jsonl + int16 .npy); held-out clips skipped.
    No word timings: CTC only."""
    def __init__(self, folder, max_seconds=22.0):
        super().__init__([], max_seconds)
        self.folder = folder

    def refresh(self):
        if self.items or not self.folder:
            return 0
        with open(os.path.join(self.folder, "manifest.jsonl")) as f:
            for line in f:
                r = json.loads(line)
                if r.get("heldout") or r["id"] in self.exclude or r["duration"] > self.max_seconds:
                    continue
                pcm = np.load(os.path.join(self.folder, r["npy"]))
                target = [CHAR[c] for c in "|".join(r["text"].split()) if c in CHAR]
                if not target or len(pcm) // ctcmodel.STRIDE < len(target) * 1.2 + 2:
                    continue
                self.items[r["id"]] = (pcm, target, None)
        return len(self.items)


def val_cer(model, clips, dev):
    """Greedy CER (character edits / reference characters) of the model in eval mode on clips [(pcm int16, text)],
    one clip at a time, as the aligner runs it."""
    was_training = model.training
    model.eval()
    edits = chars = 0
    with torch.no_grad():
        for pcm, text in clips:
            wav = torch.from_numpy(pcm.astype(np.float32) / 32768.0).view(1, -1).to(dev)
            ref = " ".join("".join(c if c in CHAR and c != "|" else " " for c in text.lower()).split())
            edits += evaluate.edit_distance(evaluate.greedy(model(wav)[0].cpu().numpy()), ref)
            chars += len(ref)
    if was_training:
        model.train()
    return edits / max(1, chars)


def qualifies(point, start, tolerance):
    """Whether a validation point may be kept: its CER on the original-data set (--forget-val) is no worse than the
    starting model's plus `tolerance` (a fraction: 0.005 is half a point); always when there is no such set."""
    return point.get("orig_cer") is None or start.get("orig_cer") is None or \
        point["orig_cer"] <= start["orig_cer"] + tolerance + 1e-12


def select_step(curve, tolerance):
    """The index of the point to keep in a validation curve [{"cer", "orig_cer"?}, ...] (curve[0] the start): the
    lowest --val CER among the points that qualify() (the start always does), the earliest on ties."""
    best = 0
    for i, p in enumerate(curve):
        if qualifies(p, curve[0], tolerance) and p["cer"] < curve[best]["cer"]:
            best = i
    return best


class BestByVal:
    """The validation curve of a run and the model state that select_step() keeps so far: the lowest CER on the
    held-back clips (the earliest on ties, so the starting state wins unless a step does better), among the steps
    whose CER on the original-data clips (when given) is no worse than the start's plus `tolerance`."""
    def __init__(self, clips, every, orig_clips=None, tolerance=0.005):
        self.clips, self.every = clips, every
        self.orig_clips, self.tolerance = orig_clips or [], tolerance
        self.curve, self.best_state, self.best = [], None, None

    def observe(self, step, minutes, cer, model, orig_cer=None):
        point = {"step": step, "min": round(minutes, 2), "cer": round(cer, 4)}
        if orig_cer is not None:
            point["orig_cer"] = round(orig_cer, 4)
        self.curve.append(point)
        if self.best is None or (qualifies(point, self.curve[0], self.tolerance) and point["cer"] < self.best["cer"]):
            self.best = point
            self.best_state = {k: v.detach().cpu().clone() for k, v in model.state_dict().items()}

    def summary(self):
        s = {"clips": len(self.clips), "every": self.every, "start_cer": self.curve[0]["cer"],
             "best_step": self.best["step"], "best_cer": self.best["cer"], "best_min": self.best["min"],
             "final_cer": self.curve[-1]["cer"], "curve": self.curve}
        if self.orig_clips:
            s.update({"orig_clips": len(self.orig_clips), "tolerance": self.tolerance,
                      "start_orig_cer": self.curve[0]["orig_cer"], "best_orig_cer": self.best["orig_cer"],
                      "final_orig_cer": self.curve[-1]["orig_cer"]})
        return s


def augment_real(a, rng):
    """Cheap broadcast-like degradations of a clean real clip (float tensor): speed, reverberation, noise,
    telephone band, gain (applied later with the rest)."""
    if rng.random() < 0.5:  # speed (pitch and tempo together) 0.85-1.15
        f = rng.uniform(0.85, 1.15)
        n = max(400, int(a.shape[0] / f))
        a = F.interpolate(a.view(1, 1, -1), size=n, mode="linear", align_corners=False).view(-1)
    if rng.random() < 0.3:  # reverberation: exponentially decaying noise impulse response, RT60 0.2-0.8 s
        rt = rng.uniform(0.2, 0.8)
        L = int(16000 * rt / 2)
        t = torch.arange(L) / 16000.0
        ir = torch.randn(L) * torch.exp(-6.9 * t / rt)
        ir[0] = 1.0 / max(1e-3, rng.uniform(0.3, 1.0))
        ir = ir / ir.norm()
        n = a.shape[0] + L
        y = torch.fft.irfft(torch.fft.rfft(a, n=n) * torch.fft.rfft(ir, n=n), n=n)[: a.shape[0]]
        a = y * (a.abs().max() / (y.abs().max() + 1e-6))
    if rng.random() < 0.15:  # telephone band 300-3400 Hz
        spec = torch.fft.rfft(a)
        k = spec.shape[0] - 1
        spec[: int(rng.uniform(200, 400) / 8000 * k)] = 0
        spec[int(rng.uniform(3200, 3600) / 8000 * k):] = 0
        a = torch.fft.irfft(spec, n=a.shape[0])
    if rng.random() < 0.4:  # white or brown-ish noise, 5-30 dB SNR
        rms = a.pow(2).mean().sqrt() + 1e-5
        z = torch.randn_like(a)
        if rng.random() < 0.5:
            z = torch.cumsum(z, 0)
            z = z - F.avg_pool1d(z.view(1, 1, -1), 401, 1, 200, count_include_pad=False).view(-1)
        z = z / (z.pow(2).mean().sqrt() + 1e-5)
        a = a + z * rms / (10 ** (rng.uniform(5, 30) / 20))
    return a


def crop_to_words(pcm, words, rng, max_words=3):
    """A random run of 1..max_words consecutive words cut out of an utterance, with up to 0.4 s of the audio
    around it but never reaching into a neighbouring word: (pcm, target, words retimed) or None.
    Teaches the model words said with little or no context (sentence-only training leaves it silent there)."""
    if not words or any(w.get("approx") for w in words):
        return None
    k = rng.randint(1, min(max_words, len(words)))
    i = rng.randrange(len(words) - k + 1)
    first, last = words[i], words[i + k - 1]
    left = max(words[i - 1]["end"] if i > 0 else 0.0, first["start"] - rng.uniform(0.02, 0.4))
    right = min(words[i + k]["start"] if i + k < len(words) else len(pcm) / 16000, last["end"] + rng.uniform(0.02, 0.4))
    a, b = int(left * 16000), int(right * 16000)
    chosen = [dict(w, start=w["start"] - a / 16000, end=w["end"] - a / 16000) for w in words[i:i + k]]
    target = [CHAR[c] for c in "|".join(w["word"] for w in chosen) if c in CHAR]
    if not target or (b - a) // ctcmodel.STRIDE < len(target) * 1.2 + 2:
        return None
    return pcm[a:b], target, chosen


def narrowband(a, rng):
    """Removes everything above a cut-off between 3.4 and 4 kHz, like 8 kHz audio played at 16 kHz."""
    spec = torch.fft.rfft(a)
    cut = int(rng.uniform(3400, 4000) / 8000 * (spec.shape[0] - 1))
    spec[cut:] = 0
    return torch.fft.irfft(spec, n=a.shape[0])


def make_batch(corpus, ids, rng, train=True, crop_share=0.0, narrowband_share=0.0, real=None):
    """ids may also name clips of the RealCorpus `real` (prefix "real:"); those are augmented with augment_real."""
    items = [real.items[i[5:]] if i.startswith("real:") else corpus.items[i] for i in ids]
    is_real = [i.startswith("real:") for i in ids]
    if train and crop_share > 0:
        items = [(crop_to_words(it[0], it[2], rng) or it) if rng.random() < crop_share else it for it in items]
    n = max(len(p) for p, _, _ in items)
    wav = torch.zeros(len(items), n)
    lengths = torch.zeros(len(items), dtype=torch.long)
    wavs = []
    for b, (pcm, _, _) in enumerate(items):
        a = torch.from_numpy(pcm.astype(np.float32) / 32768.0)
        if train and is_real[b]:
            a = augment_real(a, rng)
        wavs.append(a)
    n = max(len(a) for a in wavs)
    wav = torch.zeros(len(items), n)
    for b, a in enumerate(wavs):
        if train and rng.random() < narrowband_share:
            a = narrowband(a, rng)
        if train and rng.random() < 0.25:  # light extra noise on the fly
            rms = a.pow(2).mean().sqrt() + 1e-5
            a = a + torch.randn_like(a) * rms / (10 ** (rng.uniform(10, 40) / 20))
        if train:
            a = a * (10 ** (rng.uniform(-10, 10) / 20))
            if is_real[b]:
                a = a.clamp(-1.0, 1.0)
        wav[b, : len(a)] = a
        lengths[b] = len(a)
    targets = torch.tensor([t for _, tg, _ in items for t in tg], dtype=torch.long)
    target_lengths = torch.tensor([len(tg) for _, tg, _ in items], dtype=torch.long)
    frames = lengths // ctcmodel.STRIDE
    T = n // ctcmodel.STRIDE
    V = len(ctcmodel.VOCAB)
    allowed = torch.ones(len(items), T, V, dtype=torch.bool)
    timed = torch.zeros(len(items), T, dtype=torch.bool)
    edge_b, edge_t, edge_v = [], [], []
    for b, (_, _, words) in enumerate(items):
        if not words:
            continue
        nf = int(frames[b])
        allowed[b, :nf] = False
        allowed[b, :nf, ctcmodel.BLANK] = True
        allowed[b, :nf, ctcmodel.DELIM] = True
        timed[b, :nf] = True
        for w in words:
            letters = [CHAR[c] for c in w["word"] if c in CHAR]
            if not letters:
                continue
            t0 = max(0, int(math.floor((w["start"] - 0.02) / FRAME)))
            t1 = min(nf, int(math.ceil((w["end"] + 0.02) / FRAME)))
            if t1 <= t0:
                continue
            allowed[b, t0:t1, letters] = True
            if w.get("approx"):
                continue
            ts = int(w["start"] / FRAME)
            te = int(max(w["start"], w["end"] - 0.001) / FRAME)
            for base, tok in ((ts, letters[0]), (te, letters[-1])):
                window = [base + k for k in ((-1, 0, 1, 2) if tok is letters[0] and base == ts else (-2, -1, 0, 1))]
                window = [min(max(t, 0), nf - 1) for t in window]
                edge_b.append([b] * 4)
                edge_t.append(window)
                edge_v.append([tok] * 4)
    edges = (torch.tensor(edge_b), torch.tensor(edge_t), torch.tensor(edge_v)) if edge_b else None
    return wav, lengths, targets, target_lengths, frames, allowed, timed, edges


def warp_mel(feats, alpha):
    """Vocal tract length perturbation on [.., mels, frames] features: mel band m takes the value of band
    m * alpha (linear interpolation, clamped to the top band), so alpha > 1 moves formants down."""
    n = feats.shape[-2]
    pos = (torch.arange(n, dtype=feats.dtype, device=feats.device) * alpha).clamp(max=n - 1)
    lo = pos.floor().long()
    hi = (lo + 1).clamp(max=n - 1)
    w = (pos - lo.to(feats.dtype)).unsqueeze(-1)
    return feats[..., lo, :] * (1 - w) + feats[..., hi, :] * w


def losses(model, batch, spec_augment, rng, vtlp_share=0.0):
    wav, lengths, targets, target_lengths, frames, allowed, timed, edges = batch
    feats = model.features(wav, lengths)
    if spec_augment:
        for b in range(feats.shape[0]):
            if rng.random() < vtlp_share:
                feats[b] = warp_mel(feats[b], rng.uniform(0.9, 1.1))
        for b in range(feats.shape[0]):
            for _ in range(2):
                f = rng.randrange(0, 10)
                f0 = rng.randrange(0, ctcmodel.N_MELS - f)
                feats[b, f0:f0 + f, :] = 0
            m = int(lengths[b]) // ctcmodel.HOP
            for _ in range(max(1, m // 300)):
                t = rng.randrange(0, 8)
                t0 = rng.randrange(0, max(1, m - t))
                feats[b, :, t0:t0 + t] = 0
    lp = model.encode(feats)  # [B, T, V]
    T = lp.shape[1]
    frames = frames.clamp(max=T)
    ctc = F.ctc_loss(lp.transpose(0, 1), targets, frames, target_lengths, blank=ctcmodel.BLANK,
                     reduction="mean", zero_infinity=True)
    span = lp.new_zeros(())
    edge = lp.new_zeros(())
    if timed.any():
        a = allowed[:, :T]
        inside = lp.masked_fill(~a, float("-inf")).logsumexp(-1)
        span = -(inside * timed[:, :T]).sum() / timed[:, :T].sum()
    if edges is not None:
        eb, et, ev = edges
        et = et.clamp(max=T - 1)
        g = lp[eb, et, ev].logsumexp(-1).clamp(max=0.0)
        edge = -g.mean()
    return ctc, span, edge


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=os.environ.get("CTCALIGN_CACHE", os.path.expanduser("~/.cache/ctcalign")) + "/corpus")
    ap.add_argument("--work", default=os.environ.get("CTCALIGN_CACHE", os.path.expanduser("~/.cache/ctcalign")) + "/train")
    ap.add_argument("--minutes", type=float, default=80)
    ap.add_argument("--aux-after", type=float, default=20, help="minutes of CTC only before the timing losses start")
    ap.add_argument("--span-weight", type=float, default=0.3)
    ap.add_argument("--edge-weight", type=float, default=0.2)
    ap.add_argument("--batch-seconds", type=float, default=60)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--threads", type=int, default=1,
                    help="1 is fastest on a shared 2-core machine (OpenMP threads spin while they wait)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--warmup", type=int, default=300, help="learning-rate warm-up steps (use fewer with --init)")
    ap.add_argument("--export-dir", default=None)
    ap.add_argument("--export-every", type=float, default=15)
    ap.add_argument("--channels", type=int, default=384)
    ap.add_argument("--blocks", type=int, default=12)
    ap.add_argument("--kernel", type=int, default=15)
    ap.add_argument("--crop-share", type=float, default=0.15,
                    help="share of training utterances cut down on the fly to 1-3 of their words")
    ap.add_argument("--narrowband-share", type=float, default=0.1,
                    help="share of training utterances low-passed at 3.4-4 kHz on the fly (8 kHz recordings)")
    ap.add_argument("--vtlp-share", type=float, default=0.3,
                    help="share of training utterances whose mel axis is warped by 0.9-1.1 (other vocal tracts)")
    ap.add_argument("--real", default=None,
                    help="folder of real speech decoded by decode_real.py (held-out clips are skipped)")
    ap.add_argument("--real-share", type=float, default=0.65,
                    help="share of every batch's seconds that is real speech (when --real is given)")
    ap.add_argument("--packed", default=None,
                    help="train on an opus_pack.py corpus (real + synthetic) instead of --corpus/--real")
    ap.add_argument("--device", default="cpu", help="cpu or cuda (the GPU machine: tools/model/gpu-train.sh)")
    ap.add_argument("--freeze-blocks", type=int, default=0,
                    help="fine-tuning: keep the input conv and the first N residual blocks fixed (weights and batch-norm statistics)")
    ap.add_argument("--freeze-bn", action="store_true",
                    help="keep every batch-norm layer's running statistics as they are (fine-tuning on little data); "
                         "their scale and shift still train unless frozen by --freeze-blocks")
    ap.add_argument("--val", default=None,
                    help="folder of clips (decode_real.py format) whose greedy CER picks the best step: best.pt")
    ap.add_argument("--val-every", type=int, default=25, help="steps between --val measurements")
    ap.add_argument("--forget-val", default=None,
                    help="folder of original-data clips (decode_real.py format, import_corpus.py --forget-val-out), "
                         "measured with --val: a step is kept only when its CER on them is no worse than the start's "
                         "plus --forget-tolerance; their ids are left out of training")
    ap.add_argument("--forget-tolerance", type=float, default=0.5,
                    help="points of CER on --forget-val a kept step may lose against the start (default 0.5)")
    ap.add_argument("--init", default=None,
                    help="start from this checkpoint's weights (continued training; its architecture wins over "
                         "--channels/--blocks/--kernel); the optimizer and schedule start afresh")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    os.makedirs(args.work, exist_ok=True)
    corpus = Corpus([(os.path.join(args.corpus, "train", "manifest.jsonl"), "train"),
                     (os.path.join(args.corpus, "short", "manifest.jsonl"), "train"),
                     (os.path.join(args.corpus, "prompts", "manifest.jsonl"), "train")])
    real = RealCorpus(args.real) if args.real else None
    if args.packed:
        corpus = PackedCorpus(args.packed, "synthetic", max(1, os.cpu_count() or 1))
        real = PackedCorpus(args.packed, "real", max(1, os.cpu_count() or 1))
    dev = torch.device(args.device)
    if dev.type == "cuda":
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
        torch.backends.cudnn.benchmark = False  # every batch has another length
    prior_minutes = 0.0
    if args.init:
        init = torch.load(args.init, map_location="cpu")
        args.channels, args.blocks, args.kernel = (init["args"][k] for k in ("channels", "blocks", "kernel"))
        prior_minutes = init["minutes"] + init["args"].get("prior_minutes", 0.0)
    args.prior_minutes = prior_minutes
    model = ctcmodel.CtcModel(args.channels, args.blocks, args.kernel)
    if args.init:
        model.load_state_dict(init["model"])
    model.to(dev)
    if args.init:
        print(f"continuing from {args.init} (step {init['step']}, {prior_minutes:.1f} min of training before)", flush=True)
    # fine-tuning: the front end and the first blocks can stay as they are (weights and batch-norm statistics)
    frozen = [model.inp, model.inp_bn, *model.blocks[:args.freeze_blocks]] if args.freeze_blocks > 0 else []
    for m in frozen:
        for p in m.parameters():
            p.requires_grad_(False)
    if frozen:
        print(f"frozen: the input conv and the first {args.freeze_blocks} of {len(model.blocks)} blocks", flush=True)
    if args.freeze_bn:
        print("frozen: the running statistics of every batch-norm layer", flush=True)
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=args.lr, weight_decay=1e-2)
    val = None
    if args.val:
        rows = [json.loads(l) for l in open(os.path.join(args.val, "manifest.jsonl"))]
        if rows:
            orig = []
            if args.forget_val:
                frows = [json.loads(l) for l in open(os.path.join(args.forget_val, "manifest.jsonl"))]
                orig = [(np.load(os.path.join(args.forget_val, r["npy"])), r["text"]) for r in frows]
                held = {r["id"] for r in frows}
                corpus.exclude |= held
                if real is not None:
                    real.exclude |= held
            val = BestByVal([(np.load(os.path.join(args.val, r["npy"])), r["text"]) for r in rows], args.val_every,
                            orig, args.forget_tolerance / 100)
    budget = args.minutes * 60
    t0 = time.time()
    last_export = t0
    step, epoch = 0, 0
    aux_was_on = args.aux_after <= 0
    def measure(at_step):
        orig_cer = val_cer(model, val.orig_clips, dev) if val.orig_clips else None
        val.observe(at_step, (time.time() - t0) / 60, val_cer(model, val.clips, dev), model, orig_cer)

    if val:
        measure(0)
        print(f"val: greedy CER {100 * val.curve[0]['cer']:.1f}% on {len(val.clips)} held-back clips before training"
              + (f", {100 * val.curve[0]['orig_cer']:.1f}% on {len(val.orig_clips)} original-data clips" if val.orig_clips else ""),
              flush=True)
    log = open(os.path.join(args.work, "log.jsonl"), "a")
    hist = []
    config = vars(args)
    while True:
        added = corpus.refresh()
        hours = sum(len(p) for p, _, _ in corpus.items.values()) / 16000 / 3600
        print(f"epoch {epoch}: +{added} utterances, {len(corpus.items)} in all, {hours:.2f} h", flush=True)
        if real is not None:
            real.refresh()
            real_hours = sum(len(p) for p, _, _ in real.items.values()) / 16000 / 3600
            print(f"epoch {epoch}: {len(real.items)} real clips, {real_hours:.2f} h", flush=True)
            hours += real_hours
            share = args.real_share if corpus.items else 1.0
            rb = real.batches(rng, args.batch_seconds * share)
            sb = corpus.batches(rng, args.batch_seconds * (1 - share)) if corpus.items else []
            # an epoch is one pass over the real speech; each real batch is joined by the synthetic batch of the
            # same length rank (padding to the longest clip of the pair is what costs CPU), then shuffled
            def longest(b, c):
                return max(len(c.items[i][0]) for i in b)
            rb.sort(key=lambda b: longest(b, real))
            sb.sort(key=lambda b: longest(b, corpus))
            epoch_batches = [["real:" + i for i in r] + (sb[k * len(sb) // len(rb)] if sb else []) for k, r in enumerate(rb)]
            rng.shuffle(epoch_batches)
        else:
            epoch_batches = corpus.batches(rng, args.batch_seconds)
        for ids in epoch_batches:
            elapsed = time.time() - t0
            if elapsed > budget:
                break
            frac = elapsed / budget
            warm = min(1.0, (step + 1) / args.warmup)
            lr = args.lr * warm * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * frac)))
            for g in opt.param_groups:
                g["lr"] = lr
            aux_on = elapsed > args.aux_after * 60
            if aux_on and not aux_was_on:
                save(model, args, step, elapsed, hours, len(corpus.items), "before-timing-losses", False)
            aux_was_on = aux_on
            set_train_mode(model, frozen, args.freeze_bn)
            batch = to_device(make_batch(corpus, ids, rng, crop_share=args.crop_share,
                                         narrowband_share=args.narrowband_share, real=real), dev)
            ctc, span, edge = losses(model, batch, True, rng, args.vtlp_share)
            loss = ctc + (args.span_weight * span + args.edge_weight * edge if aux_on else 0.0)
            opt.zero_grad()
            loss.backward()
            gn = torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            if torch.isfinite(gn):
                opt.step()
            step += 1
            hist.append((float(ctc), float(span), float(edge)))
            if step % 25 == 0:
                h = np.mean(hist, axis=0)
                hist = []
                rec = {"step": step, "epoch": epoch, "min": round(elapsed / 60, 2), "lr": round(lr, 6), "ctc": round(h[0], 4),
                       "span": round(h[1], 4), "edge": round(h[2], 4), "aux": aux_on, "hours": round(hours, 2)}
                print(json.dumps(rec), flush=True)
                log.write(json.dumps(rec) + "\n")
                log.flush()
            if val and step % args.val_every == 0:
                measure(step)
                print(json.dumps({"step": step, "val_cer": val.curve[-1]["cer"], "orig_cer": val.curve[-1].get("orig_cer"),
                                  "best_step": val.best["step"]}), flush=True)
            if time.time() - last_export > args.export_every * 60:
                last_export = time.time()
                save(model, args, step, elapsed, hours, len(corpus.items), "checkpoint", aux_on)
        else:
            epoch += 1
            continue
        break
    n_items = len(corpus.items) + (len(real.items) if real else 0)
    if val and val.curve[-1]["step"] != step:
        measure(step)
    elapsed = time.time() - t0
    save(model, args, step, elapsed, hours, n_items, "final", True, val.summary() if val else None)
    if val:
        v = val.summary()
        torch.save({"model": val.best_state, "args": vars(args), "step": v["best_step"], "minutes": v["best_min"],
                    "hours": hours, "utterances": n_items, "aux_on": True, "val": v, "last_step": step,
                    "last_minutes": elapsed / 60}, os.path.join(args.work, "best.pt"))
        print(f"val: best greedy CER {100 * v['best_cer']:.1f}% at step {v['best_step']} (start "
              f"{100 * v['start_cer']:.1f}%, last {100 * v['final_cer']:.1f}% at step {step}) -> "
              f"{os.path.join(args.work, 'best.pt')}", flush=True)


def set_train_mode(model, frozen, freeze_bn):
    """Training mode, except the frozen modules and, with freeze_bn, every batch-norm layer (statistics fixed)."""
    model.train()
    for m in frozen:
        m.eval()
    if freeze_bn:
        for m in model.modules():
            if isinstance(m, torch.nn.BatchNorm1d):
                m.eval()


def to_device(batch, dev):
    if dev.type == "cpu":
        return batch
    *head, edges = batch
    head = [t.to(dev, non_blocking=True) for t in head]
    return (*head, tuple(t.to(dev) for t in edges) if edges is not None else None)


def save(model, args, step, elapsed, hours, n, tag, aux_on, val=None):
    model.eval()
    ck = os.path.join(args.work, f"step{step:06d}.pt")
    torch.save({"model": {k: v.detach().cpu() for k, v in model.state_dict().items()}, "args": vars(args), "step": step, "minutes": elapsed / 60,
                "hours": hours, "utterances": n, "aux_on": aux_on, **({"val": val} if val else {})}, ck)
    print(f"saved {ck} ({tag})", flush=True)
    if args.export_dir:
        try:
            if next(model.parameters()).device.type != "cpu":
                raise RuntimeError("export on the CPU machine (gpu-train.sh import)")
            export.export(model, args.export_dir, {"step": step, "training_minutes": round(args.prior_minutes + elapsed / 60, 1),
                                                   "hours_of_audio": round(hours, 2), "utterances": n,
                                                   "stage": tag})
            print(f"exported to {args.export_dir}", flush=True)
        except Exception as ex:  # an export failure must not stop training
            print(f"export failed: {ex}", flush=True)
    model.train()


if __name__ == "__main__":
    main()
