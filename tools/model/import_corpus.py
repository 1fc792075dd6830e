#!/usr/bin/python3
"""Turns a corpus exported by `ctcalign export --format nemo` into the training cache format of train.py's --real
(int16 16 kHz .npy clips + manifest.jsonl), and mixes in a share of the original real training clips so that a
fine-tuned model does not forget what it knew:

  /usr/bin/python3 tools/model/import_corpus.py --corpus corpus/ --out ~/.cache/ctcalign/adapt/data \\
      [--original ~/.cache/ctcalign/real] [--original-share 0.5] [--min-word-confidence 0.8] \\
      [--val-share 0.2 --val-out ~/.cache/ctcalign/adapt/val]

--min-word-confidence leaves out exported clips whose mean word confidence (the manifest's "word_confidence") is
below it, and clips without that score, so that clips whose caption text differs from what was said are not trained
on (export --min-p filters on the line's timing, not on its words). 0, the default, keeps every clip.

--val-share S holds back about S of the exported clips (after --min-word-confidence) into --val-out, in the same
format, for train.py --val: whole texts at a time (split_by_text), so a clip composed into several recordings, or a
sentence said twice, is never on both sides, and the held-back CER says how the model does on texts it was not
trained on. Never the last text: at least one stays for training.

--original-share is the share of the result's clips taken from the original corpus (held-out clips never), chosen
by hash so reruns give the same mix.

--forget-val N --forget-val-out DIR writes a second validation set from the ORIGINAL data, for train.py --forget-val
(the "do not forget" guard): N clips of the original real corpus (training speakers only: held-out clips never; the
last ones in the hash order, so never one of the mixed-in clips) and N utterances of the synthetic training corpus
--synthetic (train.py leaves their ids out of training). Never the evaluation sets of evaluate.py (the synthetic
heldout split, shared/data/real-speech). The exported clips' text is the aligner's normalised spoken form; characters
outside the model's letters are dropped by train.py, as for every corpus."""
import argparse
import hashlib
import json
import os
import sys
import wave

import numpy as np


def read_wav(path):
    with wave.open(path, "rb") as w:
        if w.getsampwidth() != 2 or w.getframerate() != 16000:
            raise ValueError(f"{path}: expected 16-bit 16 kHz WAV (what `ctcalign export` writes)")
        pcm = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
        if w.getnchannels() > 1:
            pcm = pcm.reshape(-1, w.getnchannels()).mean(axis=1).astype("<i2")
        return pcm


def keeps(row, min_word_confidence):
    """Whether an exported clip (a NeMo manifest row) passes --min-word-confidence; 0 keeps every clip."""
    if min_word_confidence <= 0:
        return True
    w = row.get("word_confidence")
    return w is not None and w >= min_word_confidence


def text_key(text):
    return " ".join(text.lower().split())


def split_by_text(rows, share):
    """rows: clips ({"text", ...}). Returns (train, val): whole texts go to val in a fixed hash order until val has
    at least `share` of the clips, never every text; both keep the rows' order. share 0 holds nothing back."""
    if not 0 <= share < 1:
        raise ValueError(f"--val-share {share} is not in [0, 1)")
    by_text = {}
    for r in rows:
        by_text.setdefault(text_key(r["text"]), []).append(r)
    held, n = set(), 0
    for key in sorted(by_text, key=lambda k: hashlib.sha1(("val-split:" + k).encode()).hexdigest()):
        if n >= share * len(rows) or len(held) + 1 >= len(by_text):
            break
        held.add(key)
        n += len(by_text[key])
    return ([r for r in rows if text_key(r["text"]) not in held], [r for r in rows if text_key(r["text"]) in held])


def by_hash(rows):
    return sorted(rows, key=lambda r: hashlib.sha1(r["id"].encode()).hexdigest())


def forget_real(orig, mixed, n, folder):
    """n clips of the original real corpus for --forget-val: training speakers only (held-out never), from the end
    of the hash order whose first `mixed` clips were mixed into the training set, so never one of those."""
    pool = by_hash([r for r in orig if not r.get("heldout")])[mixed:]
    return [dict(r, npy=os.path.abspath(os.path.join(folder, r["npy"]))) for r in pool[::-1][:n]]


def forget_synthetic(rows, n):
    """n utterances of the synthetic training split (never the heldout split evaluate.py measures), by hash."""
    return by_hash([r for r in rows if r.get("split") == "train"])[:n]


def write_manifest(folder, rows):
    with open(os.path.join(folder, "manifest.jsonl.tmp"), "w") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")
    os.replace(os.path.join(folder, "manifest.jsonl.tmp"), os.path.join(folder, "manifest.jsonl"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", required=True, help="folder with a NeMo manifest.jsonl (ctcalign export --format nemo)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--original", default=None, help="the original real corpus cache (decode_real.py output)")
    ap.add_argument("--original-share", type=float, default=0.5)
    ap.add_argument("--min-word-confidence", type=float, default=0.0,
                    help="leave out clips whose mean word confidence is below this (0: keep all)")
    ap.add_argument("--val-share", type=float, default=0.0,
                    help="hold back about this share of the exported clips, whole texts at a time, into --val-out")
    ap.add_argument("--val-out", default=None, help="folder for the held-back clips (train.py --val)")
    ap.add_argument("--forget-val", type=int, default=0,
                    help="clips of each original corpus (real, --synthetic) to hold out into --forget-val-out")
    ap.add_argument("--forget-val-out", default=None, help="folder for the original-data validation clips (train.py --forget-val)")
    ap.add_argument("--synthetic", default=None,
                    help="the synthetic training corpus folder (manifest.jsonl of gen_corpus.py, split train)")
    a = ap.parse_args()
    if a.forget_val > 0 and not a.forget_val_out:
        sys.exit("import_corpus.py: --forget-val needs --forget-val-out DIR")
    if a.val_share > 0 and not a.val_out:
        sys.exit("import_corpus.py: --val-share needs --val-out DIR")
    if not 0 <= a.val_share < 1:
        sys.exit(f"import_corpus.py: --val-share {a.val_share} is not in [0, 1)")
    manifest = os.path.join(a.corpus, "manifest.jsonl")
    if not os.path.isfile(manifest):
        sys.exit(f"import_corpus.py: {manifest} not found (export the corpus with `ctcalign export --format nemo`)")
    os.makedirs(a.out, exist_ok=True)
    rows, seconds, dropped = [], 0.0, 0
    for i, line in enumerate(open(manifest, encoding="utf-8")):
        r = json.loads(line)
        if not keeps(r, a.min_word_confidence):
            dropped += 1
            continue
        pcm = read_wav(os.path.join(a.corpus, r["audio_filepath"]))
        cid = f"adapt{i:06d}"
        np.save(os.path.join(a.out, cid + ".npy"), pcm)
        dur = len(pcm) / 16000
        seconds += dur
        rows.append({"id": cid, "text": r["text"], "speaker": r.get("media_id", ""), "source": "adapt", "duration": dur,
                     "npy": cid + ".npy", "heldout": False})
    if not rows:
        sys.exit(f"import_corpus.py: {manifest} has no clips" + (f" with word_confidence >= {a.min_word_confidence}" if dropped else ""))
    rows, val = split_by_text(rows, a.val_share)
    if a.val_out:
        os.makedirs(a.val_out, exist_ok=True)
        for r in val:
            os.replace(os.path.join(a.out, r["npy"]), os.path.join(a.val_out, r["npy"]))
        write_manifest(a.val_out, val)
    adapted = len(rows)
    mixed = 0
    if a.original and a.original_share > 0:
        want = int(round(adapted * a.original_share / max(1e-9, 1 - a.original_share)))
        orig = [json.loads(l) for l in open(os.path.join(a.original, "manifest.jsonl"))]
        orig = [r for r in orig if not r.get("heldout")]
        orig.sort(key=lambda r: hashlib.sha1(r["id"].encode()).hexdigest())
        for r in orig[:want]:
            rows.append(dict(r, npy=os.path.abspath(os.path.join(a.original, r["npy"]))))
            mixed += 1
    write_manifest(a.out, rows)
    forget = []
    if a.forget_val > 0:
        os.makedirs(a.forget_val_out, exist_ok=True)
        if a.original:
            orig = [json.loads(l) for l in open(os.path.join(a.original, "manifest.jsonl"))]
            forget += forget_real(orig, mixed, a.forget_val, a.original)
        if a.synthetic:
            syn = [json.loads(l) for l in open(os.path.join(a.synthetic, "manifest.jsonl"))]
            for r in forget_synthetic(syn, a.forget_val):
                cid = r["id"]
                np.save(os.path.join(a.forget_val_out, cid + ".npy"), read_wav(os.path.join(a.synthetic, r["audio"])))
                forget.append({"id": cid, "text": r["spoken"], "source": "synthetic", "duration": r["duration"],
                               "npy": cid + ".npy", "heldout": False})
        write_manifest(a.forget_val_out, forget)
    left = f" ({dropped} left out: word_confidence below {a.min_word_confidence})" if dropped else ""
    held = ""
    if a.val_out:
        vs = sum(r["duration"] for r in val)
        held = f"; {len(val)} held back ({vs / 60:.1f} min, {len({text_key(r['text']) for r in val})} texts) -> {a.val_out}"
    if a.forget_val > 0:
        held += f"; {len(forget)} original-data clips for --forget-val -> {a.forget_val_out}"
    print(f"{adapted} exported clips ({(seconds - sum(r['duration'] for r in val)) / 3600:.2f} h){left} + {mixed} original clips -> {a.out}{held}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
