"""Speech engines with exact word timings. Every engine returns (samples float32 mono, sample_rate, words)
where words is [(word, start_s, end_s)], one entry per requested spoken word, or None when the engine's
word segmentation does not match the requested words (the utterance is then skipped).

- espeak-ng (and MBROLA voices through espeak-ng): libespeak-ng through ctypes, word starts from the
  synthesis callback's WORD events (PHONEME events for MBROLA voices), ends from the next word's start,
  both refined to the audio energy (silence inside the span is trimmed).
- flite: libflite through ctypes, word start/end from the Segment relation (R:SylStructure paths).
- festival: a Scheme batch script per call, word start/end from the Word relation's first/last segments.
- pico2wave: one call per word (pico reports no timings), trimmed and concatenated with pauses.
"""
import ctypes
import os
import re
import subprocess
import tempfile

import numpy as np

LIBDIR = "/usr/lib/x86_64-linux-gnu/"


def read_wav(path):
    import wave
    with wave.open(path, "rb") as w:
        sr, n, ch, width = w.getframerate(), w.getnframes(), w.getnchannels(), w.getsampwidth()
        raw = w.readframes(n)
    if width != 2:
        raise ValueError(f"{path}: expected 16-bit PCM")
    a = np.frombuffer(raw, dtype="<i2").astype(np.float32) / 32768.0
    if ch > 1:
        a = a.reshape(-1, ch).mean(axis=1)
    return a, sr


def write_wav(path, samples, sr):
    import wave
    pcm = np.clip(np.round(samples * 32767.0), -32768, 32767).astype("<i2")
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(sr)
        w.writeframes(pcm.tobytes())


def energy_db(samples, sr, win_s=0.005):
    """Frame energy in dB (frames of win_s), and the hop in samples."""
    hop = max(1, int(sr * win_s))
    n = len(samples) // hop
    fr = samples[: n * hop].reshape(n, hop)
    e = 10 * np.log10(np.mean(fr.astype(np.float64) ** 2, axis=1) + 1e-12)
    return e, hop


def refine_to_energy(samples, sr, spans, floor_db=-45.0):
    """Fits each (word, start, end) span to the audio energy (5 ms frames, threshold peak + floor_db): a span
    first grows over sound that continues into the silence next to it (never into a neighbouring word's span,
    at most 100 ms), then loses its leading and trailing silence. Spans with no sound keep their times."""
    e, hop = energy_db(samples, sr)
    if len(e) == 0:
        return spans
    thr = max(e.max() + floor_db, -75.0)
    loud = e > thr
    out = []
    for i, (w, s, t) in enumerate(spans):
        a, b = int(s * sr / hop), min(len(e), int(np.ceil(t * sr / hop)))
        lo = int(np.ceil(spans[i - 1][2] * sr / hop)) if i > 0 else 0
        hi = int(spans[i + 1][1] * sr / hop) if i + 1 < len(spans) else len(e)
        lo, hi = max(lo, a - 20), min(hi, b + 20, len(e))  # a next span may start past the audio's end
        while a > lo and a - 1 < len(e) and loud[a - 1] and a < b:
            a -= 1
        while b < hi and loud[b]:
            b += 1
        idx = np.nonzero(loud[a:b])[0]
        if len(idx):
            s2, t2 = (a + idx[0]) * hop / sr, (a + idx[-1] + 1) * hop / sr
        else:
            s2, t2 = s, t
        if out and s2 < out[-1][2]:
            s2 = min(out[-1][2], t2 - 1e-4) if t2 > out[-1][2] else s2
            if s2 < out[-1][2]:  # no room: split at the middle of the overlap
                mid = (s2 + out[-1][2]) / 2
                out[-1] = (out[-1][0], out[-1][1], mid)
                s2 = mid
        out.append((w, s2, t2))
    return out


def match_words(words, got):
    """Maps the engine's words [(name, start, end)] onto the requested words: consecutive engine words are
    merged while their letters make up one requested word (engines split "jig's" or spell "md"). None when
    the two do not spell the same letters."""
    def letters(x):
        return re.sub(r"[^a-z]", "", x.lower())
    out, j = [], 0
    for w in words:
        target = letters(w)
        acc, start, end = "", None, None
        while j < len(got) and len(acc) < len(target):
            piece = letters(got[j][0])
            if start is None:
                start = got[j][1]
            acc += piece
            end = got[j][2]
            j += 1
        if acc != target or start is None:
            return None
        out.append((w, start, end))
    while j < len(got) and not letters(got[j][0]):
        j += 1
    return out if j == len(got) else None


class _EspeakEvent(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("unique_identifier", ctypes.c_uint), ("text_position", ctypes.c_int),
                ("length", ctypes.c_int), ("audio_position", ctypes.c_int), ("sample", ctypes.c_int),
                ("user_data", ctypes.c_void_p), ("id", ctypes.c_int64)]


_ESPEAK_CB = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.POINTER(_EspeakEvent))


class Espeak:
    """libespeak-ng in synchronous mode; one instance per process."""
    RATE, PITCH, RANGE = 1, 3, 4

    def __init__(self):
        self.lib = ctypes.CDLL("libespeak-ng.so.1")
        self.lib.espeak_Initialize.restype = ctypes.c_int
        self.default_sr = self.lib.espeak_Initialize(2, 0, None, 0x8001)  # SYNCHRONOUS; PHONEME_EVENTS | DONT_EXIT
        self._buf, self._events, self._sr = [], [], self.default_sr
        self._solo = {}
        self.last_approx = set()
        self._cb = _ESPEAK_CB(self._callback)
        self.lib.espeak_SetSynthCallback(self._cb)
        self.lib.espeak_Synth.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int,
                                          ctypes.c_uint, ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p]

    def _callback(self, wav, n, events):
        if n > 0 and wav:
            self._buf.append(np.ctypeslib.as_array(wav, shape=(n,)).astype(np.float32) / 32768.0)
        i = 0
        while events[i].type != 0:
            e = events[i]
            if e.type == 8:
                self._sr = int(e.id & 0xFFFFFFFF)
            else:
                self._events.append((e.type, e.text_position, e.audio_position))
            i += 1
        return 0

    def synth(self, voice, tts_text, words, rate=175, pitch=50, pitch_range=50):
        if self.lib.espeak_SetVoiceByName(voice.encode()) != 0:
            raise RuntimeError(f"espeak-ng has no voice {voice}")
        self.lib.espeak_SetParameter(self.RATE, int(rate), 0)
        self.lib.espeak_SetParameter(self.PITCH, int(pitch), 0)
        self.lib.espeak_SetParameter(self.RANGE, int(pitch_range), 0)
        self._buf, self._events, self._sr = [], [], self.default_sr
        text = tts_text.encode()
        self.lib.espeak_Synth(text, len(text) + 1, 0, 1, 0, 0, None, None)
        self.lib.espeak_Synchronize()
        if not self._buf:
            return None
        audio = np.concatenate(self._buf)
        sr = self._sr
        if voice.startswith("mb-"):
            sr = 16000
        # character spans (1-based) of the words in tts_text
        spans, pos = [], 0
        for w in words:
            k = tts_text.find(w, pos)
            if k < 0:
                return None
            spans.append((k + 1, k + len(w)))
            pos = k + len(w)
        starts = [None] * len(words)
        j = 0
        for typ, tp, ms in self._events:
            if typ not in (1, 7) or tp <= 0:
                continue
            for k in range(j, len(spans)):
                if spans[k][0] <= tp <= spans[k][1]:
                    if starts[k] is None:
                        starts[k] = ms / 1000.0
                    j = k
                    break
        if starts[0] is None:
            return None
        # espeak-ng voices some function words together with their neighbour ("from the") and reports one
        # event for the group: split such a group by the words' durations when spoken alone (marked approx)
        groups = []
        for k, st in enumerate(starts):
            if st is not None:
                groups.append([k])
            else:
                groups[-1].append(k)
        gstarts = [starts[g[0]] for g in groups]
        if any(b < a for a, b in zip(gstarts, gstarts[1:])):
            return None
        dur = len(audio) / sr
        gspans = refine_to_energy(audio, sr, [(i, st, min(en, dur)) for i, (st, en) in
                                              enumerate(zip(gstarts, gstarts[1:] + [dur]))])
        out = [None] * len(words)
        approx = set()
        for g, (_, gs, ge) in zip(groups, gspans):
            if len(g) == 1:
                out[g[0]] = (words[g[0]], gs, ge)
                continue
            d = np.array([self._solo_duration(voice, words[k], rate, pitch, pitch_range) for k in g])
            cuts = gs + (ge - gs) * np.concatenate([[0.0], np.cumsum(d) / d.sum()])
            for i, k in enumerate(g):
                out[k] = (words[k], float(cuts[i]), float(cuts[i + 1]))
                approx.add(k)
        self.last_approx = approx
        return audio, sr, out

    def _solo_duration(self, voice, word, rate, pitch, pitch_range):
        key = (voice, word, int(rate) // 10)
        if key not in self._solo:
            saved = (self._buf, self._events, self._sr)
            self._buf, self._events = [], []
            text = word.encode()
            self.lib.espeak_Synth(text, len(text) + 1, 0, 1, 0, 0, None, None)
            self.lib.espeak_Synchronize()
            a = np.concatenate(self._buf) if self._buf else np.zeros(1, np.float32)
            sr = 16000 if voice.startswith("mb-") else self._sr
            e, hop = energy_db(a, sr)
            idx = np.nonzero(e > e.max() - 45)[0] if len(e) else []
            self._solo[key] = max(0.03, (idx[-1] + 1 - idx[0]) * hop / sr) if len(idx) else 0.1
            self._buf, self._events, self._sr = saved
        return self._solo[key]


class Flite:
    """libflite with its five English voices."""
    VOICES = ("kal", "kal16", "awb", "rms", "slt")

    def __init__(self):
        g = ctypes.RTLD_GLOBAL
        self.fl = ctypes.CDLL(LIBDIR + "libflite.so.1", mode=g)
        for n in ("libflite_usenglish.so.1", "libflite_cmulex.so.1"):
            ctypes.CDLL(LIBDIR + n, mode=g)
        fl = self.fl
        fl.flite_init()
        for f in ("utt_relation", "relation_head", "item_next", "utt_wave", "flite_synth_text"):
            getattr(fl, f).restype = ctypes.c_void_p
        fl.flite_synth_text.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
        fl.utt_relation.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
        fl.relation_head.argtypes = [ctypes.c_void_p]
        fl.item_next.argtypes = [ctypes.c_void_p]
        fl.utt_wave.argtypes = [ctypes.c_void_p]
        fl.ffeature_float.restype = ctypes.c_float
        fl.ffeature_float.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
        fl.ffeature_string.restype = ctypes.c_char_p
        fl.ffeature_string.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
        fl.delete_utterance.argtypes = [ctypes.c_void_p]
        self.voices = {}

    def _voice(self, name):
        if name not in self.voices:
            lib = ctypes.CDLL(LIBDIR + f"libflite_cmu_us_{name}.so.1")
            reg = getattr(lib, f"register_cmu_us_{name}")
            reg.restype = ctypes.c_void_p
            self.voices[name] = (lib, reg(None))
        return self.voices[name][1]

    def synth(self, voice, tts_text, words, duration_stretch=1.0):
        fl = self.fl
        v = self._voice(voice)
        u = fl.flite_synth_text(tts_text.encode(), v)
        try:
            wav_ptr = fl.utt_wave(u)

            class CstWave(ctypes.Structure):
                _fields_ = [("type", ctypes.c_char_p), ("sample_rate", ctypes.c_int), ("num_samples", ctypes.c_int),
                            ("num_channels", ctypes.c_int), ("samples", ctypes.POINTER(ctypes.c_short))]
            w = ctypes.cast(wav_ptr, ctypes.POINTER(CstWave)).contents
            audio = np.ctypeslib.as_array(w.samples, shape=(w.num_samples * w.num_channels,)).astype(np.float32) / 32768.0
            sr = w.sample_rate
            got = []
            item = fl.relation_head(fl.utt_relation(u, b"Word"))
            while item:
                name = fl.ffeature_string(item, b"name").decode(errors="replace").lower()
                s = fl.ffeature_float(item, b"R:SylStructure.daughter1.daughter1.R:Segment.p.end")
                e = fl.ffeature_float(item, b"R:SylStructure.daughtern.daughtern.R:Segment.end")
                got.append((name, float(s), float(e)))
                item = fl.item_next(item)
        finally:
            fl.delete_utterance(u)
        matched = match_words(words, got)
        if matched is None:
            return None
        return audio, sr, refine_to_energy(audio, sr, matched)


class Festival:
    """festival in batch mode, one process per utterance."""
    VOICES = {"kal": "voice_kal_diphone", "ked": "voice_ked_diphone", "slt_hts": "voice_cmu_us_slt_arctic_hts"}

    def synth(self, voice, tts_text, words, duration_stretch=1.0):
        with tempfile.TemporaryDirectory() as d:
            wav = os.path.join(d, "f.wav")
            esc = tts_text.replace("\\", " ").replace('"', " ")
            scm = f"""({self.VOICES[voice]})
(Parameter.set 'Duration_Stretch {duration_stretch:.3f})
(set! utt (SynthText "{esc}"))
(utt.save.wave utt "{wav}" 'riff)
(mapcar (lambda (w) (format t "W\\t%s\\t%f\\t%f\\n" (item.name w)
  (item.feat w "R:SylStructure.daughter1.daughter1.R:Segment.p.end")
  (item.feat w "R:SylStructure.daughtern.daughtern.R:Segment.end"))) (utt.relation.items utt 'Word))
"""
            path = os.path.join(d, "s.scm")
            open(path, "w").write(scm)
            r = subprocess.run(["festival", "-b", path], capture_output=True, text=True, timeout=60)
            got = [l.split("\t")[1:] for l in r.stdout.splitlines() if l.startswith("W\t")]
            if not os.path.exists(wav):
                return None
            audio, sr = read_wav(wav)
        matched = match_words(words, [(g[0], float(g[1]), float(g[2])) for g in got])
        if matched is None:
            return None
        return audio, sr, refine_to_energy(audio, sr, matched)


class Pico:
    """pico2wave has no timing output: each word is synthesized on its own, trimmed and concatenated."""
    VOICES = ("en-US", "en-GB")

    def synth(self, voice, tts_text, words, rng):
        sr = 16000
        pieces, spans, t = [], [], 0
        lead = int(sr * rng.uniform(0.05, 0.3))
        pieces.append(np.zeros(lead, np.float32))
        t = lead
        tokens = tts_text.split()
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "w.wav")
            for i, w in enumerate(words):
                subprocess.run(["pico2wave", "-l", voice, "-w", path, w], capture_output=True, timeout=30)
                a, r = read_wav(path)
                e, hop = energy_db(a, r)
                idx = np.nonzero(e > e.max() - 45)[0]
                if len(idx) == 0:
                    return None
                a = a[idx[0] * hop: (idx[-1] + 1) * hop]
                spans.append((w, t / sr, (t + len(a)) / sr))
                pieces.append(a)
                t += len(a)
                punct = i < len(tokens) and tokens[i][-1] in ",.?"
                gap = int(sr * (rng.uniform(0.2, 0.45) if punct else rng.uniform(0.0, 0.09)))
                pieces.append(np.zeros(gap, np.float32))
                t += gap
        return np.concatenate(pieces), sr, spans
