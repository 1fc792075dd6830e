"""Word timings of every engine agree with the audio: words carry energy, pauses the timings report are quiet."""
import os
import shutil
import sys
import unittest

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import engines  # noqa: E402
import textnorm  # noqa: E402

SENTENCES = ["Well, the meeting was moved to Tuesday. Nobody told the driver about it.",
             "Call me at seven, or leave a message with Mary Jones!"]


def have_lib(name):
    return os.path.exists(engines.LIBDIR + name)


class EngineTimingTest(unittest.TestCase):
    def check(self, result, words, label):
        self.assertIsNotNone(result, f"{label}: the engine's words did not match")
        audio, sr, spans = result
        self.assertEqual([w for w, _, _ in spans], words, label)
        dur = len(audio) / sr
        e, hop = engines.energy_db(audio, sr)
        peak = e.max()
        prev_end = 0.0
        for w, s, t in spans:
            self.assertLess(s, t, f"{label}: {w} has no duration")
            self.assertGreaterEqual(s, prev_end - 1e-6, f"{label}: {w} starts before the previous word ends")
            self.assertLessEqual(t, dur + 1e-6, f"{label}: {w} ends after the audio")
            seg = e[int(s * sr / hop):max(int(s * sr / hop) + 1, int(t * sr / hop))]
            self.assertGreater(seg.max(), peak - 30, f"{label}: '{w}' {s:.3f}-{t:.3f} s is silent")
            prev_end = t
        for (w1, _, t1), (w2, s2, _) in zip(spans, spans[1:]):
            if s2 - t1 > 0.1:
                self.pauses += 1
                seg = e[int((t1 + 0.01) * sr / hop):int((s2 - 0.01) * sr / hop)]
                self.assertLess(seg.max(), peak - 30, f"{label}: pause {w1}|{w2} {t1:.3f}-{s2:.3f} s is not quiet")
        # the audio ends soon after the last word
        self.assertLess(dur - spans[-1][2], 1.0, label)

    def setUp(self):
        self.pauses = 0

    def tearDown(self):
        pass

    def run_engine(self, label, synth):
        for text in SENTENCES:
            tts, words = textnorm.normalize(text)
            self.check(synth(tts, words), words, f"{label}: {text}")

    def assert_pauses_seen(self):
        self.assertGreater(self.pauses, 0, "the sentences have pauses that the timings should report")

    @unittest.skipUnless(have_lib("libespeak-ng.so.1"), "libespeak-ng not installed")
    def test_espeak_ng(self):
        e = engines.Espeak()
        for voice in ("en-us", "en+m3", "en-gb-x-rp+f2"):
            self.run_engine(voice, lambda t, w: e.synth(voice, t, w, rate=170))
        self.assert_pauses_seen()

    @unittest.skipUnless(os.path.isdir("/usr/share/mbrola/us1"), "mbrola-us1 not installed")
    def test_mbrola_through_espeak_ng(self):
        e = engines.Espeak()
        self.run_engine("mb-us1", lambda t, w: e.synth("mb-us1", t, w, rate=160))
        self.assert_pauses_seen()

    @unittest.skipUnless(have_lib("libflite_cmu_us_slt.so.1"), "flite not installed")
    def test_flite(self):
        f = engines.Flite()
        for voice in ("slt", "awb", "kal"):
            self.run_engine(voice, lambda t, w: f.synth(voice, t, w))
        self.assert_pauses_seen()

    @unittest.skipUnless(shutil.which("festival"), "festival not installed")
    def test_festival(self):
        self.run_engine("festival kal", lambda t, w: engines.Festival().synth("kal", t, w))
        self.assert_pauses_seen()

    @unittest.skipUnless(shutil.which("pico2wave"), "pico2wave not installed")
    def test_pico_word_by_word(self):
        import random
        self.run_engine("pico en-US", lambda t, w: engines.Pico().synth("en-US", t, w, random.Random(1)))
        self.assert_pauses_seen()

    def test_refine_trims_silence_inside_a_span(self):
        sr = 16000
        a = np.zeros(sr, np.float32)
        a[4000:8000] = np.sin(np.arange(4000) * 0.3).astype(np.float32)
        spans = engines.refine_to_energy(a, sr, [("x", 0.1, 0.9)])
        self.assertAlmostEqual(spans[0][1], 0.25, delta=0.0051)
        self.assertAlmostEqual(spans[0][2], 0.5, delta=0.0051)

    def test_refine_keeps_a_span_that_is_loud_up_to_the_audio_end(self):
        # the next word's reported start lies past the end of the audio (it crashed the 3-hour composed broadcast)
        sr = 16000
        a = np.zeros(sr, np.float32)
        a[8000:] = np.sin(np.arange(8000) * 0.3).astype(np.float32)
        spans = engines.refine_to_energy(a, sr, [("x", 0.5, 0.95), ("y", 1.2, 1.3)])
        self.assertAlmostEqual(spans[0][1], 0.5, delta=0.0051)
        self.assertAlmostEqual(spans[0][2], 1.0, delta=0.0051)

    def test_match_words_merges_split_engine_words(self):
        got = [("the", 0.0, 0.1), ("jig", 0.1, 0.3), ("'s", 0.3, 0.35), ("up", 0.35, 0.5)]
        self.assertEqual(engines.match_words(["the", "jig's", "up"], got),
                         [("the", 0.0, 0.1), ("jig's", 0.1, 0.35), ("up", 0.35, 0.5)])
        self.assertIsNone(engines.match_words(["the", "jog", "up"], got))


if __name__ == "__main__":
    unittest.main()
