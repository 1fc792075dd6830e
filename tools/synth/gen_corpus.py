#!/usr/bin/python3
"""Synthetic English speech corpus with exact word timings.

  /usr/bin/python3 tools/synth/gen_corpus.py --out ~/.cache/ctcalign/corpus/train --hours 5 --split train --seed 1
  /usr/bin/python3 tools/synth/gen_corpus.py --out ~/.cache/ctcalign/corpus/heldout --hours 0.3 --split heldout --seed 2
  /usr/bin/python3 tools/synth/gen_corpus.py --out ~/.cache/ctcalign/corpus/prompts --prompts
  /usr/bin/python3 tools/synth/gen_corpus.py --out ~/.cache/ctcalign/corpus/short --hours 0.6 --short --seed 3

Writes <out>/wav/<id>.wav (16 kHz mono 16-bit) and <out>/manifest.jsonl with one JSON object per line:
id, audio (path relative to the manifest), text (written), spoken (words, space-separated), voice, engine,
split, augmentations (list), duration, words [{word, start, end}] (seconds; null for real prompts).
`--split train` uses only training voices and texts; `--split heldout` only voices and texts never used in
training. Output is deterministic from --seed (utterance i uses its own seeded generator).
"""
import argparse
import gzip
import hashlib
import json
import multiprocessing as mp
import os
import random
import re
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import augment  # noqa: E402
import engines  # noqa: E402
import textnorm  # noqa: E402
import texts  # noqa: E402

ESPEAK_BASES = ["en-us", "en", "en-gb-x-rp", "en-gb-x-gbclan", "en-gb-x-gbcwmd", "en-029", "en-us-nyc", "en-gb-scotland"]
ESPEAK_VARIANT_DIR = "/usr/lib/x86_64-linux-gnu/espeak-ng-data/voices/!v/"
HELDOUT_ESPEAK_BASES = {"en-gb-scotland"}
HELDOUT_ESPEAK_VARIANTS = {"m7", "f4", "klatt3", "edward", "steph2", "grandpa"}
MBROLA = ["mb-us1", "mb-us2", "mb-us3", "mb-en1"]
HELDOUT_MBROLA = {"mb-us3"}
FLITE = ["kal", "kal16", "awb", "rms", "slt"]
HELDOUT_FLITE = {"rms"}
FESTIVAL = ["kal", "ked", "slt_hts"]
HELDOUT_FESTIVAL = {"ked"}
PICO = ["en-US", "en-GB"]
ENGINE_SHARE = [("espeak", 0.36), ("mbrola", 0.2), ("flite", 0.2), ("festival", 0.08), ("pico", 0.16)]


def espeak_variants():
    try:
        names = sorted(os.listdir(ESPEAK_VARIANT_DIR))
    except OSError:
        names = ["m1", "m2", "m3", "f1", "f2", "f3", "klatt"]
    return [n for n in names if "whisper" not in n and " " not in n and n not in ("fast",)]


def voice_pool(split):
    held = split == "heldout"
    pool = {"espeak": [], "mbrola": [], "flite": [], "festival": [], "pico": []}
    for base in ESPEAK_BASES:
        for var in [""] + espeak_variants():
            is_held = base in HELDOUT_ESPEAK_BASES or var in HELDOUT_ESPEAK_VARIANTS
            if is_held == held:
                pool["espeak"].append(base + ("+" + var if var else ""))
    pool["mbrola"] = [v for v in MBROLA if (v in HELDOUT_MBROLA) == held]
    pool["flite"] = [v for v in FLITE if (v in HELDOUT_FLITE) == held]
    pool["festival"] = [v for v in FESTIVAL if (v in HELDOUT_FESTIVAL) == held]
    pool["pico"] = [] if held else list(PICO)
    return {k: v for k, v in pool.items() if v}


_ENGINES = {}


def _engine(name):
    if name == "mbrola":
        name = "espeak"  # one libespeak-ng instance per process: the library has a single callback
    if name not in _ENGINES:
        _ENGINES[name] = {"espeak": engines.Espeak, "mbrola": engines.Espeak, "flite": engines.Flite,
                          "festival": engines.Festival, "pico": engines.Pico}[name]()
    return _ENGINES[name]


def synth_one(job):
    """job: (index, seed, split, out_dir, sentences). Returns a manifest row or None."""
    index, seed, split, out_dir, sentences, pool = job
    rng = random.Random(f"{seed}:{split}:{index}")
    names = [n for n, _ in ENGINE_SHARE if n in pool]
    weights = [w for n, w in ENGINE_SHARE if n in pool]
    for attempt in range(4):
        engine = rng.choices(names, weights)[0]
        voice = rng.choice(pool[engine])
        # one or two sentences per utterance (longer utterances teach pauses)
        k = 1 if rng.random() < 0.7 else 2
        chosen = [sentences[rng.randrange(len(sentences))] for _ in range(k)]
        if len(chosen[0][3]) < 3:  # a short phrase (--short) is said on its own
            chosen = chosen[:1]
        written = " ".join(c[1] for c in chosen)
        tts = " ".join(c[2] if c[2][-1] in ".?," else c[2] + "." for c in chosen)
        words = [w for c in chosen for w in c[3]]
        if len(words) > 45:
            chosen, written, tts, words = chosen[:1], chosen[0][1], chosen[0][2], chosen[0][3]
        try:
            if engine in ("espeak", "mbrola"):
                r = _engine(engine).synth(voice, tts, words, rate=rng.uniform(120, 230) if engine == "espeak" else rng.uniform(130, 200),
                                          pitch=rng.uniform(15, 85), pitch_range=rng.uniform(20, 90))
            elif engine == "pico":
                r = _engine(engine).synth(voice, tts, words, rng)
            elif engine == "festival":
                r = _engine(engine).synth(voice, tts, words, duration_stretch=rng.uniform(0.85, 1.2))
            else:
                r = _engine(engine).synth(voice, tts, words)
        except Exception as ex:  # an engine refusing one text is not fatal; try another
            r = None
        if r is None:
            continue
        audio, sr, spans = r
        approx = _engine(engine).last_approx if engine in ("espeak", "mbrola") else set()
        steps = augment.plan(rng)
        pad = (rng.uniform(0.0, 0.5), rng.uniform(0.0, 0.5))
        a16, spans = augment.apply(audio, sr, spans, steps, rng, pad=pad)
        uid = f"{split}-{seed}-{index:06d}"
        rel = os.path.join("wav", uid + ".wav")
        engines.write_wav(os.path.join(out_dir, rel), a16, augment.SR)
        return {"id": uid, "audio": rel, "text": written, "spoken": " ".join(words),
                "voice": f"{engine}:{voice}", "engine": engine, "split": split,
                "augmentations": augment.describe(steps) + [f"pad={pad[0]:.3f},{pad[1]:.3f}"],
                "duration": round(len(a16) / augment.SR, 4),
                "words": [dict({"word": w, "start": round(s, 4), "end": round(e, 4)}, **({"approx": True} if i in approx else {}))
                          for i, (w, s, e) in enumerate(spans)]}
    return None


def load_prompts():
    """(name, written, words) for every asterisk core sound with a plain transcript."""
    path = "/usr/share/doc/asterisk-core-sounds-en/core-sounds-en.txt.gz"
    out = []
    if not os.path.exists(path):
        return out
    for line in gzip.open(path, "rt", encoding="utf-8", errors="replace"):
        m = re.match(r"^([\w/\-]+):\s*(.+)$", line.strip())
        if not m:
            continue
        name, text = m.group(1), m.group(2)
        text = re.sub(r"\[[^\]]*\]", "", text).strip()
        if not text:
            continue
        text = text.replace("*", " star ").replace("#", " pound ")
        _, words = textnorm.normalize(text)
        if words:
            out.append((name, text, words))
    return out


def prompt_one(job):
    name, text, words, out_dir, root = job
    for ext in (".g722", ".wav", ".gsm", ".ulaw"):
        src = os.path.join(root, name + ext)
        if os.path.exists(src):
            break
    else:
        return None
    try:
        if ext == ".g722":
            import subprocess
            r = subprocess.run(["ffmpeg", "-v", "error", "-nostdin", "-f", "g722", "-i", src, "-ac", "1", "-ar", "16000",
                                "-f", "s16le", "-"], capture_output=True, check=True)
            a = np.frombuffer(r.stdout, dtype="<i2").astype(np.float32) / 32768.0
        else:
            a, _ = augment._decode(src)
    except Exception:
        return None
    if len(a) < 1600:
        return None
    uid = "prompt-" + name.replace("/", "-")
    held = int(hashlib.sha1(name.encode()).hexdigest()[:8], 16) % 10 == 0
    rel = os.path.join("wav", uid + ".wav")
    engines.write_wav(os.path.join(out_dir, rel), a, 16000)
    return {"id": uid, "audio": rel, "text": text, "spoken": " ".join(words), "voice": "asterisk:allison",
            "engine": "recorded", "split": "heldout" if held else "train", "augmentations": [],
            "duration": round(len(a) / 16000, 4), "words": None}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--hours", type=float, default=1.0)
    ap.add_argument("--split", choices=["train", "heldout"], default="train")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--prompts", action="store_true", help="write the real recorded asterisk prompts instead")
    ap.add_argument("--start-index", type=int, default=0)
    ap.add_argument("--short", action="store_true",
                    help="isolated words and 1-3 word phrases (slices of the training texts, numbers 0-100) "
                         "instead of sentences; only with --split train")
    args = ap.parse_args()
    os.makedirs(os.path.join(args.out, "wav"), exist_ok=True)
    t0 = time.time()
    manifest = os.path.join(args.out, "manifest.jsonl")
    if args.prompts:
        root = "/usr/share/asterisk/sounds/en_US_f_Allison"
        jobs = [(n, t, w, args.out, root) for n, t, w in load_prompts()]
        with mp.Pool(args.processes) as pool, open(manifest, "w") as f:
            rows = [r for r in pool.imap(prompt_one, jobs, chunksize=8) if r]
            for r in rows:
                f.write(json.dumps(r) + "\n")
        print(f"{len(rows)} prompts, {sum(r['duration'] for r in rows) / 60:.1f} min, {time.time() - t0:.0f} s")
        return
    held = args.split == "heldout"
    sentences = [s for s in texts.all_sentences(args.seed if held else 1) if texts.is_heldout_text(s[1]) == held]
    if args.short:
        if held:
            ap.error("--short is for --split train")
        sentences = texts.short_phrases(sentences, 20000, args.seed)
    pool_voices = voice_pool(args.split)
    target = args.hours * 3600
    total, n = 0.0, 0
    index = args.start_index
    mode = "a" if args.start_index else "w"
    with mp.Pool(args.processes) as pool, open(manifest, mode) as f:
        while total < target:
            batch = [(index + i, args.seed, args.split, args.out, sentences, pool_voices) for i in range(200)]
            index += 200
            for r in pool.imap(synth_one, batch, chunksize=4):
                if r is None:
                    continue
                f.write(json.dumps(r) + "\n")
                total += r["duration"]
                n += 1
            f.flush()
            el = time.time() - t0
            print(f"{n} utterances, {total / 3600:.2f} h, {el:.0f} s ({total / max(el, 1e-9):.0f}x real time)", flush=True)
    print(f"done: {n} utterances, {total / 3600:.2f} h in {time.time() - t0:.0f} s; next index {index}")


if __name__ == "__main__":
    main()
