#!/usr/bin/python3
"""Long-form broadcast composer: speakers taking turns, gaps of 0.2-2.5 s, music jingles and beds, background
noise, and TV-style captions with the errors real captions have, plus the truth.

  /usr/bin/python3 tools/synth/compose.py --out ~/.cache/ctcalign/broadcast/b1 --minutes 30 --seed 7

Writes <out>.wav (16 kHz mono), <out>.srt, <out>.vtt, <out>.txt (one caption line per line), and
<out>.truth.json:
  {"audio", "sample_rate", "duration", "seed", "speakers": {name: voice},
   "lines": [ one per caption line or spoken line:
      {"caption_index": 0-based index in the captions or null when the line was dropped,
       "spoken": false for inserted lines (captions never spoken),
       "text": caption text as shown (null when dropped), "spoken_text": what was said (null when inserted),
       "speaker", "start", "end" (true times of the first/last spoken word, null when not spoken),
       "start_sample", "end_sample", "caption_start", "caption_end" (null when dropped), "changed_words",
       "words": [{"word", "start", "end"}] (spoken words, true times),
       "over": never-spoken lines only: "speech" (captioned just before a spoken line), "break" or "applause"} ],
   "placements": [{"speaker", "offset_sample", "samples", "line_indices"}],
   "music": [{"kind": "jingle" | "bed" | "break" | "applause", "file", "start", "end"}]}
Errors: a share of spoken lines is dropped from the captions, never-spoken lines are inserted, words are
changed, and caption times are late by 0.5-3 s and rounded to whole seconds.

--breaks SHARE and --applause SHARE add 6-15 s music breaks and 2-6 s of (synthesised) applause between
utterances; half of them (--captioned-breaks) get a never-spoken caption timed over them, the way a trailer line
("Coming up after the break ...") sits over a break. Off by default: without them a seed composes what it did before.

--part a|b splits the voices and texts of the split once more, disjointly (the calibration recipe,
tools/calibrate/fit.sh, trains on part a and evaluates on part b).

--real DIR composes real recorded speech instead of synthetic voices: DIR is the cache written by
tools/model/decode_real.py (int16 16 kHz <id>.npy + manifest.jsonl with "speaker", "text", "heldout"). Only clips
marked heldout are used (the acoustic model never trained on them), of speakers with at least 5 such clips;
--part a|b splits them by speaker, and part a
leaves out every multi-word text that part b speaks. Each clip is one caption line; its true start and end are
the first and last 10 ms frame of a run of 30 ms above the clip's own speech level (halfway in dB from its noise
floor to its loud frames; no word times: "words" is empty). A speaker's clips come in a shuffled cycle (no clip twice
before all were used).
"""
import argparse
import glob
import hashlib
import json
import os
import random
import re
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import augment  # noqa: E402
import engines  # noqa: E402
import gen_corpus  # noqa: E402
import textnorm  # noqa: E402
import texts  # noqa: E402

SR = 16000
MIN_REAL_CLIPS = 5  # --real: speakers with fewer held-out clips are left out


def in_part(key, part):
    """Stable split of voices and texts into two disjoint parts (None: everything)."""
    if part is None:
        return True
    h = int(hashlib.sha1(("part:" + key).encode()).hexdigest()[:8], 16)
    return (h % 2 == 0) == (part == "a")


def pick_speakers(rng, n, split, allowed_engines=None, part=None):
    pool = gen_corpus.voice_pool(split)
    if part is not None:
        # per engine, voices alternate between the parts (an engine with one voice belongs to part a)
        pool = {k: [v for i, v in enumerate(sorted(vs)) if (i % 2 == 0) == (part == "a")] for k, vs in pool.items()}
        pool = {k: v for k, v in pool.items() if v}
    if allowed_engines:
        pool = {k: v for k, v in pool.items() if k in allowed_engines}
    out = {}
    engines_order = ["flite", "espeak", "mbrola", "festival", "pico", "espeak", "flite", "mbrola"]
    for i in range(n):
        engine = engines_order[i % len(engines_order)]
        if engine not in pool:
            engine = rng.choice(sorted(pool))
        voice = rng.choice(pool[engine])
        out[f"S{i + 1}"] = {"engine": engine, "voice": voice, "rate": rng.uniform(140, 200), "pitch": rng.uniform(25, 75),
                            "eq": (rng.choice([200, 500, 1000, 3000]), rng.uniform(-6, 6)), "level_db": rng.uniform(-9, -3)}
    return out


def synth(spk, tts, words, rng):
    e = gen_corpus._engine(spk["engine"])
    if spk["engine"] in ("espeak", "mbrola"):
        r = e.synth(spk["voice"], tts, words, rate=spk["rate"], pitch=spk["pitch"], pitch_range=50)
    elif spk["engine"] == "pico":
        r = e.synth(spk["voice"], tts, words, rng)
    else:
        r = e.synth(spk["voice"], tts, words)
    if r is None:
        return None
    audio, sr, spans = r
    steps = [("eq", (spk["eq"][0], 1.0, spk["eq"][1]))]
    a, spans = augment.apply(audio, sr, spans, steps, rng)
    a = a * (10 ** (spk["level_db"] / 20) / (np.abs(a).max() + 1e-9))
    return a.astype(np.float32), spans


def split_lines(tokens, rng):
    """Caption lines of 3-10 written tokens; prefers to break after punctuation."""
    lines, cur = [], []
    for i, (tok, forms) in enumerate(tokens):
        cur.append((tok, forms))
        n = len(cur)
        punct = bool(re.search(r"[.,;:!?]\W*$", tok))
        if (n >= 10) or (n >= 4 and punct and rng.random() < 0.7) or (n >= 7 and rng.random() < 0.3):
            lines.append(cur)
            cur = []
    if cur:
        if lines and len(cur) < 3:
            lines[-1] += cur
        else:
            lines.append(cur)
    return lines


def change_words(text, rng, share):
    toks = text.split()
    changed = 0
    out = []
    fillers = ["the", "a", "and", "very", "really", "just", "now", "that", "so", "well"]
    for t in toks:
        r = rng.random()
        if r < share / 3 and len(toks) > 3:
            changed += 1  # deleted
            continue
        if r < 2 * share / 3:
            out.append(rng.choice(fillers + ["people", "time", "year", "way", "day", "thing"]))
            changed += 1
            continue
        out.append(t)
        if r > 1 - share / 3:
            out.append(rng.choice(fillers))
            changed += 1
    return " ".join(out), changed


def fmt_ts(t, sep):
    ms = int(round(t * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def load_music():
    clips = []
    for path in sorted(glob.glob(augment.MUSIC_GLOB)):
        a, _ = augment._decode(path)
        clips.append((os.path.basename(path), a))
    return clips


def speech_extent(a, frame=160, min_span=8, quiet=15):
    """(first, last) sample of speech in a clean clip, from the 10 ms frames whose RMS is above a level between the
    clip's noise floor and its loud frames. Speech starts and ends with a run of at least 3 loud frames (30 ms; a
    click or a breath of one frame is not). The loud frames fall into groups split by more than `quiet` frames
    (0.15 s) below the level; a group at either edge that spans less than `min_span` frames (80 ms) is a click, a lip
    smack or a tap on the microphone, not a word, and is left out (a stop's release after its closure is nearer
    than 0.15 s to its vowel and stays). Such clicks had put a line's true start up to 0.6 s before its first word."""
    n = len(a) // frame
    if n == 0:
        return 0, len(a)
    rms = np.sqrt(np.mean(a[:n * frame].reshape(n, frame) ** 2, axis=1)) + 1e-9
    floor, loud = np.percentile(rms, 10), np.percentile(rms, 95)
    level = floor * (loud / floor) ** 0.5  # halfway from the floor to the loud frames, in dB
    above = rms > level
    run = above[:-2] & above[1:-1] & above[2:] if n >= 3 else above
    if not run.any():
        return 0, len(a)
    loud_frames = np.nonzero(above)[0]
    groups = np.split(loud_frames, np.nonzero(np.diff(loud_frames) > quiet)[0] + 1)
    groups = [g for g in groups if run[g[0]:g[-1] + 1].any()]
    wide = [i for i, g in enumerate(groups) if g[-1] - g[0] + 1 >= min_span]
    if wide:  # a clip of clicks only keeps them all
        groups = groups[wide[0]:wide[-1] + 1]
    first = groups[0][0] + int(np.argmax(run[groups[0][0]:]))
    last = groups[-1][0] + int(np.nonzero(run[groups[-1][0]:groups[-1][-1] + 1])[0][-1])
    return int(first * frame), int((last + min(3, n)) * frame)


def load_real(real_dir, part):
    """Held-out real clips by speaker: {speaker: [(id, text)]}, split by speaker into parts a and b."""
    rows = [json.loads(l) for l in open(os.path.join(real_dir, "manifest.jsonl"))]
    rows = [r for r in rows if r.get("heldout") and r.get("text") and os.path.exists(os.path.join(real_dir, r["npy"]))]
    clips = {}
    for r in rows:
        clips[r["speaker"]] = clips.get(r["speaker"], 0) + 1
    rows = [r for r in rows if clips[r["speaker"]] >= MIN_REAL_CLIPS]  # one clip over and over is no programme
    speakers = sorted({r["speaker"] for r in rows})
    # alternate speakers between the parts in order of speech time, so both parts get long and short speakers
    time = {s: sum(r.get("duration", 0) for r in rows if r["speaker"] == s) for s in speakers}
    order = sorted(speakers, key=lambda s: (-time[s], s))
    part_b = set(order[1::3])  # a third of the speakers evaluate, two thirds train
    chosen = {s for s in speakers if part is None or (s in part_b) == (part == "b")}
    if part == "a":
        b_texts = {r["text"].lower() for r in rows if r["speaker"] in part_b and len(r["text"].split()) > 1}
        rows = [r for r in rows if r["text"].lower() not in b_texts]
    out = {}
    for r in rows:
        if r["speaker"] in chosen:
            out.setdefault(r["speaker"], []).append((r["npy"], r["text"]))
    if not out:
        raise SystemExit(f"{real_dir}: no held-out clips for part {part}")
    return out


def real_utterance(real_dir, clips, rng, level_db, queue):
    """1-4 clips of one speaker one after another (0.15-0.6 s apart): (audio, lines) where lines are
    (text, start_s, end_s) inside the audio. queue: the speaker's clips still to use in this cycle (refilled, shuffled,
    when empty)."""
    pieces, lines, t = [], [], 0
    for _ in range(rng.randint(1, 4)):
        if not queue:
            queue.extend(clips)
            rng.shuffle(queue)
        npy, text = queue.pop()
        a = np.load(os.path.join(real_dir, npy)).astype(np.float32) / 32768.0
        a = a - float(np.mean(a))
        s, e = speech_extent(a)
        a = a * (10 ** (level_db / 20) / (np.abs(a).max() + 1e-9))
        if pieces:
            gap = np.zeros(int(rng.uniform(0.15, 0.6) * SR), np.float32)
            pieces.append(gap)
            t += len(gap)
        pieces.append(a)
        lines.append((text, (t + s) / SR, (t + e) / SR))
        t += len(a)
    return np.concatenate(pieces), lines


def applause(n, rng):
    """n samples of a crowd clapping: short decaying noise bursts (4 ms decay) at random times, 30-80 claps a
    second, each at its own level, faded in and out over 0.3 s; peak 1."""
    nrng = np.random.default_rng(rng.randrange(2 ** 31))
    out = np.zeros(n + int(0.02 * SR), np.float64)
    clap = int(0.02 * SR)
    env = np.exp(-np.arange(clap) / (0.004 * SR))
    for t in nrng.integers(0, n, nrng.poisson(rng.uniform(30, 80) * n / SR)):
        out[t:t + clap] += nrng.standard_normal(clap) * env * nrng.uniform(0.2, 1.0)
    out = out[:n] - 0.6 * np.concatenate([[0.0], out[:n - 1]])  # claps are bright: tilt up the highs
    fade = min(int(0.3 * SR), n // 2)
    out[:fade] *= np.linspace(0, 1, fade)
    out[n - fade:] *= np.linspace(1, 0, fade)
    return (out / (np.abs(out).max() + 1e-9)).astype(np.float32)


def compose(minutes, seed, split="heldout", speakers=4, drop_share=0.06, insert_share=0.06, change_share=0.04,
            jingle_share=0.08, bed_share=0.25, noise_snr=(22, 35), keep_utterances=None, allowed_engines=None,
            part=None, real_dir=None, break_share=0.0, applause_share=0.0, captioned_break_share=0.5):
    """Returns (audio, speech_only, truth, captions). Deterministic from seed. keep_utterances: a list that
    receives (offset_sample, utterance audio, word spans) for every placed utterance (for checks). part: "a" or
    "b" (disjoint voices and texts), None for all. real_dir: compose held-out real clips (see load_real).
    break_share, applause_share: chance before each utterance of a music break (6-15 s of music at full level) or of
    applause (2-6 s); captioned_break_share of them get a never-spoken caption timed over them ("Coming up after the
    break ..."). These draw from their own random stream, so with both at 0 (the default) a seed composes exactly
    what it composed before they existed."""
    rng = random.Random(f"compose:{seed}")
    xrng = random.Random(f"breaks:{seed}")
    break_fakes = []  # never-spoken captions over breaks and applause: {"anchor", "over"}
    held = split == "heldout"
    sentences = [s for s in texts.all_sentences(seed if held else 1) if texts.is_heldout_text(s[1]) == held
                 and in_part(s[1], part)]
    if real_dir is not None:
        real = load_real(real_dir, part)
        names = sorted(real)
        rng.shuffle(names)
        names = sorted(names[:max(speakers, 1)])
        spk = {n: {"engine": "real", "voice": n, "level_db": rng.uniform(-9, -3)} for n in names}
    else:
        real = None
        spk = pick_speakers(rng, speakers, split, allowed_engines, part)
        names = sorted(spk)
    music = load_music()
    target = int(minutes * 60 * SR)
    pieces = []  # (offset, kind, data)
    truth_lines, placements, music_log = [], [], []
    t = int(rng.uniform(0.5, 2.0) * SR)
    speaker = rng.choice(names)
    turn_left = rng.randint(1, 4)
    while t < target - 5 * SR:
        if music and rng.random() < jingle_share:
            name, m = music[rng.randrange(len(music))]
            n = int(rng.uniform(2.0, 6.0) * SR)
            k = rng.randrange(0, max(1, len(m) - n))
            clip = m[k:k + n].copy()
            fade = int(0.3 * SR)
            clip[:fade] *= np.linspace(0, 1, fade)
            clip[-fade:] *= np.linspace(1, 0, fade)
            clip *= 10 ** (rng.uniform(-14, -8) / 20) / (np.abs(clip).max() + 1e-9)
            pieces.append((t, clip, None))
            music_log.append({"kind": "jingle", "file": name, "start": t / SR, "end": (t + n) / SR})
            t += n + int(rng.uniform(0.3, 1.2) * SR)
        extra = None
        if break_share and xrng.random() < break_share:
            extra = "break"
        elif applause_share and xrng.random() < applause_share:
            extra = "applause"
        if extra is not None:
            if extra == "break" and music:
                name, m = music[xrng.randrange(len(music))]
                n = int(xrng.uniform(6.0, 15.0) * SR)
                k = xrng.randrange(0, max(1, len(m) - n))
                clip = m[k:k + n].copy()
                if len(clip) < n:
                    clip = np.resize(clip, n)
                fade = int(0.5 * SR)
                clip[:fade] *= np.linspace(0, 1, fade)
                clip[-fade:] *= np.linspace(1, 0, fade)
                clip *= 10 ** (xrng.uniform(-10, -4) / 20) / (np.abs(clip).max() + 1e-9)
            else:
                extra, name = "applause", "applause"
                n = int(xrng.uniform(2.0, 6.0) * SR)
                clip = applause(n, xrng) * 10 ** (xrng.uniform(-14, -6) / 20)
            pieces.append((t, clip, None))
            music_log.append({"kind": extra, "file": name, "start": t / SR, "end": (t + n) / SR})
            if xrng.random() < captioned_break_share:
                fake = sentences[xrng.randrange(len(sentences))][1]
                fake = " ".join(fake.split()[: xrng.randint(3, 9)])
                break_fakes.append({"text": fake, "anchor": t / SR + xrng.uniform(0.3, 2.0), "over": extra})
            t += n + int(xrng.uniform(0.3, 1.2) * SR)
        offset = t
        line_ids = []
        if real is not None:
            audio, real_lines = real_utterance(real_dir, real[speaker], rng, spk[speaker]["level_db"],
                                               spk[speaker].setdefault("queue", []))
            spans = [(text, s, e) for text, s, e in real_lines]  # one span per line (for the gap to the next)
            for text, s, e in real_lines:
                s_abs, e_abs = offset / SR + s, offset / SR + e
                truth_lines.append({"caption_index": None, "spoken": True, "text": text, "spoken_text": text,
                                    "speaker": speaker, "start": round(s_abs, 4), "end": round(e_abs, 4),
                                    "start_sample": int(round(s_abs * SR)), "end_sample": int(round(e_abs * SR)),
                                    "words": []})
                line_ids.append(len(truth_lines) - 1)
            lines = []
        else:
            source, written, tts, words = sentences[rng.randrange(len(sentences))]
            tts2, words2, tokens = textnorm.normalize_tokens(written)
            r = synth(spk[speaker], tts2, words2, rng)
            if r is None:
                continue
            audio, spans = r
            lines = split_lines(tokens, rng)
        wi = 0
        for ln in lines:
            nw = sum(len(f) for _, f in ln)
            ws = spans[wi:wi + nw]
            wi += nw
            s_abs = offset / SR + ws[0][1]
            e_abs = offset / SR + ws[-1][2]
            truth_lines.append({"caption_index": None, "spoken": True, "text": " ".join(tok for tok, _ in ln),
                                "spoken_text": " ".join(tok for tok, _ in ln), "speaker": speaker,
                                "start": round(s_abs, 4), "end": round(e_abs, 4),
                                "start_sample": int(round(s_abs * SR)), "end_sample": int(round(e_abs * SR)),
                                "words": [{"word": w, "start": round(offset / SR + s, 4), "end": round(offset / SR + e, 4)}
                                          for w, s, e in ws]})
            line_ids.append(len(truth_lines) - 1)
        bed = None
        if music and rng.random() < bed_share:
            name, m = music[rng.randrange(len(music))]
            k = rng.randrange(0, max(1, len(m) - len(audio)))
            b = m[k:k + len(audio)]
            if len(b) == len(audio):
                speech_rms = float(np.sqrt(np.mean(audio ** 2)) + 1e-9)
                bed = b * speech_rms / (float(np.sqrt(np.mean(b ** 2))) + 1e-9) / (10 ** (rng.uniform(14, 22) / 20))
                music_log.append({"kind": "bed", "file": name, "start": offset / SR, "end": (offset + len(audio)) / SR})
        pieces.append((offset, audio, "speech"))
        if keep_utterances is not None:
            keep_utterances.append((offset, audio, spans))
        if bed is not None:
            pieces.append((offset, bed.astype(np.float32), None))
        placements.append({"speaker": speaker, "voice": f"{spk[speaker]['engine']}:{spk[speaker]['voice']}",
                           "offset_sample": offset, "samples": len(audio), "line_indices": line_ids})
        # the next utterance starts 0.2-2.5 s after this one's last word
        last_end = int(np.ceil((offset / SR + spans[-1][2]) * SR))
        t = max(offset + len(audio) - int(0.15 * SR), last_end + int(rng.uniform(0.2, 2.5) * SR))
        turn_left -= 1
        if turn_left <= 0:
            speaker = rng.choice([n for n in names if n != speaker] or names)
            turn_left = rng.randint(1, 4)
    total = max(target, max(o + len(a) for o, a, _ in pieces) + SR // 2)
    speech = np.zeros(total, np.float32)
    mix = np.zeros(total, np.float32)
    for o, a, kind in pieces:
        if kind == "speech":
            speech[o:o + len(a)] += a
        mix[o:o + len(a)] += a
    nrng = random.Random(f"noise:{seed}")
    snr = nrng.uniform(*noise_snr)
    nz = augment.noise("pink", total, nrng)
    act = speech[np.abs(speech) > 1e-4]
    speech_rms = float(np.sqrt(np.mean(act ** 2))) if len(act) else 0.05
    mix += nz * speech_rms / (float(np.sqrt(np.mean(nz ** 2))) + 1e-9) / (10 ** (snr / 20))
    mix = np.clip(mix, -1, 1)
    # captions
    captions = []
    for i, ln in enumerate(truth_lines + [None]):
        while break_fakes and (ln is None or break_fakes[0]["anchor"] < ln["start"]):
            f = break_fakes.pop(0)
            captions.append({"text": f["text"], "truth": None, "anchor": f["anchor"], "over": f["over"],
                             "delay": xrng.uniform(0.0, 1.5)})
        if ln is None:
            break
        if rng.random() < drop_share:
            continue  # spoken but not captioned
        if rng.random() < insert_share:
            # a line that was never spoken, placed just before this one
            fake = sentences[rng.randrange(len(sentences))][1]
            fake = " ".join(fake.split()[: rng.randint(3, 9)])
            captions.append({"text": fake, "truth": None, "anchor": ln["start"] - 0.5, "over": "speech"})
        text, changed = change_words(ln["text"], rng, change_share)
        ln["changed_words"] = changed
        captions.append({"text": text, "truth": i, "anchor": None})
    prev_end = 0
    out_caps = []
    for c in captions:
        # a break's own caption draws its delay from the break stream (the others' draws stay as they were)
        delay = c["delay"] if "delay" in c else rng.uniform(0.5, 3.0)
        if c["truth"] is not None:
            ln = truth_lines[c["truth"]]
            s = float(round(ln["start"] + delay))
            e = float(round(ln["end"] + delay))
        else:
            s = float(round(c["anchor"] + delay))
            e = s + max(1.0, round(len(c["text"].split()) * 0.35))
        s = max(s, prev_end)
        if e <= s:
            e = s + 1.0
        prev_end = s
        out_caps.append({"index": len(out_caps), "text": c["text"], "start": s, "end": e, "truth": c["truth"],
                         "over": c.get("over")})
    final_lines = []
    for ln in truth_lines:
        ln.setdefault("changed_words", 0)
        ln["caption_start"] = ln["caption_end"] = None
    for c in out_caps:
        if c["truth"] is not None:
            ln = truth_lines[c["truth"]]
            ln["caption_index"] = c["index"]
            ln["text"] = c["text"]
            ln["caption_start"], ln["caption_end"] = c["start"], c["end"]
    for ln in truth_lines:
        if ln["caption_index"] is None:
            ln["text"] = None
    for c in out_caps:
        if c["truth"] is None:
            final_lines.append({"caption_index": c["index"], "spoken": False, "text": c["text"], "spoken_text": None,
                                "speaker": None, "start": None, "end": None, "start_sample": None, "end_sample": None,
                                "caption_start": c["start"], "caption_end": c["end"], "changed_words": 0, "words": [],
                                "over": c["over"]})
    for k, ln in enumerate(truth_lines):
        ln["_k"] = k
    all_lines = truth_lines + final_lines
    all_lines.sort(key=lambda l: (l["start"] if l["start"] is not None else l["caption_start"]))
    where = {ln["_k"]: i for i, ln in enumerate(all_lines) if "_k" in ln}
    for ln in all_lines:
        ln.pop("_k", None)
    for p in placements:
        p["line_indices"] = [where[k] for k in p["line_indices"]]
    truth = {"sample_rate": SR, "duration": round(total / SR, 4), "seed": seed, "split": split,
             "speakers": {k: f"{v['engine']}:{v['voice']}" for k, v in spk.items()},
             "noise": {"kind": "pink", "snr_db": round(snr, 2)},
             "lines": all_lines, "placements": placements, "music": music_log}
    return mix, speech, truth, out_caps


def write_captions(base, caps):
    with open(base + ".srt", "w") as f:
        for i, c in enumerate(caps):
            f.write(f"{i + 1}\n{fmt_ts(c['start'], ',')} --> {fmt_ts(c['end'], ',')}\n{c['text']}\n\n")
    with open(base + ".vtt", "w") as f:
        f.write("WEBVTT\n\n")
        for c in caps:
            f.write(f"{fmt_ts(c['start'], '.')} --> {fmt_ts(c['end'], '.')}\n{c['text']}\n\n")
    with open(base + ".txt", "w") as f:
        for c in caps:
            f.write(c["text"] + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="output path without extension")
    ap.add_argument("--minutes", type=float, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--speakers", type=int, default=4)
    ap.add_argument("--split", choices=["heldout", "train"], default="heldout",
                    help="voices and texts: heldout (never used in training, the default) or train")
    ap.add_argument("--engines", default=None,
                    help="comma-separated engines the speakers may use (espeak,mbrola,flite,festival,pico); default all")
    ap.add_argument("--part", choices=["a", "b"], default=None,
                    help="only part a or part b of the split's voices and texts (disjoint); default all")
    ap.add_argument("--real", default=None, metavar="DIR",
                    help="compose held-out real speech from DIR (tools/model/decode_real.py's cache) instead of synthetic voices")
    ap.add_argument("--stems", action="store_true", help="also write <out>.speech.wav (speech only, no music or noise)")
    ap.add_argument("--breaks", type=float, default=0.0, metavar="SHARE",
                    help="chance before each utterance of a 6-15 s music break (default 0)")
    ap.add_argument("--applause", type=float, default=0.0, metavar="SHARE",
                    help="chance before each utterance of 2-6 s of applause (default 0)")
    ap.add_argument("--captioned-breaks", type=float, default=0.5, metavar="SHARE",
                    help="share of breaks and applause that get a never-spoken caption over them (default 0.5)")
    ap.add_argument("--insert-share", type=float, default=0.06, metavar="SHARE",
                    help="chance of a never-spoken caption just before each spoken line (default 0.06)")
    args = ap.parse_args()
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    allowed = set(args.engines.split(",")) if args.engines else None
    mix, speech, truth, caps = compose(args.minutes, args.seed, args.split, args.speakers, allowed_engines=allowed,
                                       part=args.part, real_dir=os.path.expanduser(args.real) if args.real else None,
                                       insert_share=args.insert_share, break_share=args.breaks,
                                       applause_share=args.applause, captioned_break_share=args.captioned_breaks)
    truth["audio"] = os.path.basename(args.out) + ".wav"
    engines.write_wav(args.out + ".wav", mix, SR)
    if args.stems:
        engines.write_wav(args.out + ".speech.wav", speech, SR)
    write_captions(args.out, caps)
    with open(args.out + ".truth.json", "w") as f:
        json.dump(truth, f, indent=1)
    spoken = sum(1 for l in truth["lines"] if l["spoken"])
    dropped = sum(1 for l in truth["lines"] if l["spoken"] and l["caption_index"] is None)
    inserted = sum(1 for l in truth["lines"] if not l["spoken"])
    print(f"{args.out}.wav: {truth['duration'] / 60:.1f} min, {len(caps)} caption lines, {spoken} spoken lines "
          f"({dropped} not captioned), {inserted} inserted lines")


if __name__ == "__main__":
    main()
