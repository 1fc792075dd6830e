"""The composer's truth matches where it placed each utterance, to the sample."""
import os
import shutil
import sys
import unittest

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import compose  # noqa: E402

SR = compose.SR


@unittest.skipUnless(os.path.exists("/usr/lib/x86_64-linux-gnu/libflite.so.1") and shutil.which("sox"),
                     "flite and sox are needed")
class ComposeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.utts = []
        cls.mix, cls.speech, cls.truth, cls.caps = compose.compose(0.75, seed=5, split="heldout", speakers=3,
                                                                   keep_utterances=cls.utts)

    def test_each_utterance_sits_exactly_at_its_recorded_offset(self):
        self.assertEqual(len(self.utts), len(self.truth["placements"]))
        for (offset, audio, _), p in zip(self.utts, self.truth["placements"]):
            self.assertEqual(offset, p["offset_sample"])
            # the speech stem is the sum of the utterances; inside a placement it equals the utterance
            # (utterances may only overlap in their silent tails)
            seg = self.speech[offset:offset + len(audio)]
            core = np.abs(audio) > 1e-3
            self.assertTrue(np.allclose(seg[core], audio[core], atol=1e-6))
            # and cross-correlation finds it at lag 0 in the final mix (music and noise included)
            pad = 200
            lo = max(0, offset - pad)
            win = self.mix[lo:offset + len(audio) + pad]
            cc = np.correlate(win, audio, mode="valid")
            self.assertEqual(int(np.argmax(cc)) + lo, offset)

    def test_line_and_word_times_are_offset_plus_utterance_times(self):
        lines = self.truth["lines"]
        spoken = [l for l in lines if l["spoken"]]
        words = [w for l in sorted(spoken, key=lambda l: l["start"]) for w in l["words"]]
        expected = [(w, offset / SR + s, offset / SR + e) for offset, _, spans in self.utts for w, s, e in spans]
        self.assertEqual(len(words), len(expected))
        for w, (ew, es, ee) in zip(words, expected):
            self.assertEqual(w["word"], ew)
            self.assertAlmostEqual(w["start"], es, delta=0.00006)
            self.assertAlmostEqual(w["end"], ee, delta=0.00006)
        for l in spoken:
            self.assertEqual(l["start"], l["words"][0]["start"])
            self.assertEqual(l["end"], l["words"][-1]["end"])
            self.assertLessEqual(abs(l["start_sample"] - l["start"] * SR), 0.00005 * SR + 0.5)
        for (offset, _, spans), p in zip(self.utts, self.truth["placements"]):
            first = lines[p["line_indices"][0]]
            self.assertEqual(first["start_sample"], int(round((offset / SR + spans[0][1]) * SR)))
            self.assertEqual(p["offset_sample"], offset)

    def test_gaps_between_utterances_are_0_2_to_2_5_seconds_of_no_speech(self):
        spoken = sorted((l for l in self.truth["lines"] if l["spoken"]), key=lambda l: l["start"])
        ends = {}
        for p in self.truth["placements"]:
            first = self.truth["lines"][p["line_indices"][0]]
            last = self.truth["lines"][p["line_indices"][-1]]
            ends[first["start"]] = last["end"]
        starts = sorted(ends)
        for a, b in zip(starts, starts[1:]):
            gap = b - ends[a]
            self.assertGreaterEqual(gap, 0.2 - 1e-3)
            self.assertLessEqual(gap, 2.5 + 6.0 + 1.3 + 1e-3)  # a jingle may sit in the gap

    def test_captions_are_late_and_whole_seconds(self):
        for c in self.caps:
            self.assertEqual(c["start"], round(c["start"]))
            self.assertEqual(c["end"], round(c["end"]))
            self.assertGreater(c["end"], c["start"])
        for l in self.truth["lines"]:
            if l["spoken"] and l["caption_index"] is not None:
                self.assertGreaterEqual(l["caption_start"], l["start"] + 0.5 - 0.5 - 1e-9)
                self.assertLessEqual(l["caption_start"], l["start"] + 3.0 + 0.5 + 1e-9)


if __name__ == "__main__":
    unittest.main()


class RealComposeTest(unittest.TestCase):
    """--real: held-out clips of a decode_real.py cache, split by speaker, with true line times from their energy."""

    @classmethod
    def setUpClass(cls):
        import json
        import tempfile
        cls.tmp = tempfile.mkdtemp()
        rng = np.random.default_rng(3)
        rows = []
        cls.extent = {}
        for s in range(6):
            for k in range(6):
                cid = f"spk{s}_{k}"
                lead, speech, tail = int(rng.uniform(0.2, 0.5) * SR), int(rng.uniform(0.6, 1.5) * SR), int(0.3 * SR)
                t = np.arange(speech) / SR
                tone = 0.4 * np.sin(2 * np.pi * (180 + 40 * s) * t) * (1 + 0.3 * np.sin(2 * np.pi * 3 * t))
                a = np.concatenate([np.zeros(lead), tone, np.zeros(tail)]) + rng.normal(0, 1e-3, lead + speech + tail)
                np.save(os.path.join(cls.tmp, cid + ".npy"), (a * 32767).astype(np.int16))
                cls.extent[cid] = (lead / SR, (lead + speech) / SR)
                text = "seven" if k == 0 else f"speaker {s} says sentence number {k}"
                rows.append({"id": cid, "npy": cid + ".npy", "text": text, "speaker": f"spk{s}", "heldout": s < 5,
                             "duration": len(a) / SR})
        rows.append({"id": "lone", "npy": "spk0_1.npy", "text": "a lone clip", "speaker": "lone", "heldout": True,
                     "duration": 1.0})  # a speaker with fewer than 5 clips: left out
        with open(os.path.join(cls.tmp, "manifest.jsonl"), "w") as f:
            for r in rows:
                f.write(json.dumps(r) + "\n")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def test_parts_are_disjoint_by_speaker_and_only_held_out_clips_are_used(self):
        a = compose.load_real(self.tmp, "a")
        b = compose.load_real(self.tmp, "b")
        self.assertFalse(set(a) & set(b))
        self.assertEqual(set(a) | set(b), {f"spk{s}" for s in range(5)})  # spk5 is not held out, "lone" has one clip
        b_texts = {t for clips in b.values() for _, t in clips if len(t.split()) > 1}
        self.assertFalse(b_texts & {t for clips in a.values() for _, t in clips})
        self.assertIn("seven", {t for clips in a.values() for _, t in clips})  # one-word texts are shared

    def test_true_line_times_are_the_clip_speech_placed_in_the_programme(self):
        mix, speech, truth, caps = compose.compose(0.5, seed=9, speakers=3, part="a", real_dir=self.tmp,
                                                   jingle_share=0, bed_share=0, insert_share=0, drop_share=0,
                                                   change_share=0)
        lines = [l for l in truth["lines"] if l["spoken"]]
        self.assertGreater(len(lines), 5)
        self.assertEqual(len(caps), len(lines))
        for ln in lines:
            self.assertEqual(ln["words"], [])
            seg = speech[int(ln["start"] * SR):int(ln["end"] * SR)]
            self.assertGreater(np.sqrt(np.mean(seg ** 2)), 0.01)  # speech inside
            before = speech[int((ln["start"] - 0.15) * SR):int((ln["start"] - 0.03) * SR)]
            after = speech[int((ln["end"] + 0.03) * SR):int((ln["end"] + 0.15) * SR)]
            self.assertLess(np.abs(before).max(), 0.01)  # silence just outside (the gap between clips is >= 0.15 s)
            self.assertLess(np.abs(after).max(), 0.01)
        self.assertTrue(all(c["text"] == l["text"] for c, l in zip(caps, lines)))


class SpeechExtentTest(unittest.TestCase):
    """The true extent of a real clip: its speech, not a click before or after it."""

    @staticmethod
    def clip(parts, seed=1):
        """parts: (seconds, amplitude) pieces of a 200 Hz tone (amplitude 0: silence), over a little noise."""
        rng = np.random.default_rng(seed)
        pieces = [a * np.sin(2 * np.pi * 200 * np.arange(int(s * SR)) / SR) for s, a in parts]
        x = np.concatenate(pieces)
        return x + rng.normal(0, 1e-3, len(x))

    def assertExtent(self, x, start, end):
        s, e = compose.speech_extent(x)
        self.assertAlmostEqual(s / SR, start, delta=0.015)
        self.assertAlmostEqual(e / SR, end, delta=0.015)

    def test_speech_alone_is_found_to_the_frame(self):
        self.assertExtent(self.clip([(0.5, 0), (1.2, 0.3), (0.4, 0)]), 0.5, 1.7)

    def test_a_click_well_before_or_after_the_speech_is_left_out(self):
        # 40 ms bursts, 0.5 s before and 0.25 s after the speech: clicks, lip smacks (so762_001310022 had one)
        x = self.clip([(0.2, 0), (0.04, 0.5), (0.5, 0), (1.0, 0.3), (0.25, 0), (0.04, 0.4), (0.3, 0)])
        self.assertExtent(x, 0.74, 1.74)

    def test_a_short_burst_close_to_the_speech_stays_as_a_stop_release_would(self):
        # 30 ms, 0.08 s after the vowel: the release of a final "t"
        x = self.clip([(0.3, 0), (0.8, 0.3), (0.08, 0), (0.03, 0.2), (0.3, 0)])
        self.assertExtent(x, 0.3, 1.21)

    def test_a_short_word_after_a_pause_stays(self):
        # 0.12 s of speech 0.4 s after the rest: a word, not a click
        x = self.clip([(0.3, 0), (0.8, 0.3), (0.4, 0), (0.12, 0.3), (0.3, 0)])
        self.assertExtent(x, 0.3, 1.62)

    def test_a_clip_of_short_bursts_only_keeps_them_all(self):
        x = self.clip([(0.3, 0), (0.05, 0.3), (0.3, 0), (0.05, 0.3), (0.3, 0)])
        self.assertExtent(x, 0.3, 0.7)


class ApplauseTest(unittest.TestCase):
    def test_applause_is_n_samples_of_dense_claps_faded_in_and_out_at_peak_one(self):
        import random
        a = compose.applause(3 * SR, random.Random(4))
        self.assertEqual(len(a), 3 * SR)
        self.assertAlmostEqual(float(np.abs(a).max()), 1.0, places=5)
        self.assertEqual(float(a[0]), 0.0)
        self.assertLess(abs(float(a[-1])), 1e-6)
        # claps fill the middle: every 100 ms there is sound
        mid = a[SR // 2: 5 * SR // 2].reshape(20, -1)
        self.assertTrue((np.sqrt((mid ** 2).mean(axis=1)) > 0.01).all())
        self.assertTrue(np.array_equal(a, compose.applause(3 * SR, random.Random(4))))
