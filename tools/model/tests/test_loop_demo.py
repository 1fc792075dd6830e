"""loop_demo.py: the ADAPT/TEST split (disjoint by clip and text, balanced per speaker), word errors at
line edges, and the harvest's text check."""
import os
import random
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import loop_demo  # noqa: E402


def clips(spec):
    """spec: [(speaker, text)] -> rows with unique ids."""
    return [{"id": f"c{i}", "speaker": s, "text": t, "duration": 1.0 + i % 3, "source": "x"} for i, (s, t) in enumerate(spec)]


class SplitTest(unittest.TestCase):
    def check_split(self, rows, share, min_clips):
        adapt, test, left = loop_demo.split_heldout(rows, share, min_clips)
        ids = [r["id"] for r in adapt + test + left]
        self.assertEqual(sorted(ids), sorted(r["id"] for r in rows), "every clip in exactly one place")
        self.assertEqual(len(ids), len(set(ids)))
        ta = {loop_demo.text_key(r["text"]) for r in adapt}
        tt = {loop_demo.text_key(r["text"]) for r in test}
        self.assertFalse(ta & tt, "no text in both parts")
        count = {}
        for r in rows:
            count[r["speaker"]] = count.get(r["speaker"], 0) + 1
        self.assertTrue(all(count[r["speaker"]] < min_clips for r in left))
        self.assertTrue(all(count[r["speaker"]] >= min_clips for r in adapt + test))
        return adapt, test, left

    def test_texts_stay_whole_across_speakers_and_case(self):
        rows = clips([("a", "one"), ("b", "One"), ("a", "two  words"), ("b", "two words"), ("a", "three"), ("b", "four"),
                      ("a", "five"), ("b", "six"), ("c", "seven")])
        adapt, test, left = self.check_split(rows, 0.5, 2)
        self.assertEqual([r["id"] for r in left], ["c8"])
        self.assertTrue(adapt and test)

    def test_each_speaker_gets_about_the_share(self):
        rng = random.Random(3)
        spec = [(f"s{k}", f"text {k} {i}") for k in range(5) for i in range(20)]
        spec += [("digits", str(rng.randrange(10))) for _ in range(200)]
        adapt, test, _ = self.check_split(clips(spec), 0.5, 10)
        for s in {r["speaker"] for r in adapt + test}:
            n_test = sum(1 for r in test if r["speaker"] == s)
            n_all = n_test + sum(1 for r in adapt if r["speaker"] == s)
            self.assertTrue(0.3 <= n_test / n_all <= 0.7, (s, n_test, n_all))

    def test_one_speaker_lands_within_one_text_of_the_share(self):
        """Random small inputs of one speaker: the test share is at least the target and less than the target plus
        the largest share one text has (texts go to TEST until the share is reached); reruns give the same split."""
        rng = random.Random(7)
        for trial in range(100):
            texts = [f"t{i}" for i in range(rng.randint(2, 8))]
            rows = clips([("a", rng.choice(texts)) for _ in range(rng.randint(4, 30))])
            share = rng.choice([0.2, 0.3, 0.5, 0.7])
            adapt, test, _ = self.check_split(rows, share, 1)
            per_text = {}
            for r in rows:
                per_text[r["text"]] = per_text.get(r["text"], 0) + 1
            got = len(test) / len(rows)
            self.assertGreaterEqual(got, share - 1e-9, trial)
            self.assertLess(got, share + max(per_text.values()) / len(rows), trial)
            self.assertEqual(loop_demo.split_heldout(rows, share, 1)[1], test)

    def test_bad_share_is_refused(self):
        with self.assertRaises(ValueError):
            loop_demo.split_heldout(clips([("a", "x")]), 1.0, 1)


class TruthAndHarvestTest(unittest.TestCase):
    truth = {"duration": 20.0, "lines": [
        {"spoken": True, "spoken_text": "seven", "start": 1.0, "end": 1.5, "words": [], "caption_index": 0},
        {"spoken": True, "spoken_text": "we call it bear", "start": 3.0, "end": 5.0, "words": [], "caption_index": 1},
        {"spoken": False, "spoken_text": None, "start": None, "end": None, "words": [], "caption_index": 2},
    ]}

    def test_edge_word_errors_use_the_first_and_last_word_of_aligned_lines(self):
        media = {"segments": [
            {"index": 0, "status": "aligned", "words": [{"word": "Seven,", "start": 1.1, "end": 1.4}]},
            {"index": 1, "status": "aligned", "words": [{"word": "we", "start": 2.8, "end": 3.1},
                                                        {"word": "bare", "start": 4.5, "end": 5.3}]},
            {"index": 2, "status": "aligned", "words": [{"word": "x", "start": 9.0, "end": 9.5}]}]}
        errs = loop_demo.edge_word_errors(self.truth, media)
        # line 0: start 0.1 and end 0.1 off; line 1: start 0.2 off, its last word is not the one said; line 2 never spoken
        self.assertEqual([round(e, 6) for e in errs], [0.1, 0.1, 0.2])
        media["segments"][0]["status"] = "low_confidence"
        self.assertEqual([round(e, 6) for e in loop_demo.edge_word_errors(self.truth, media)], [0.2])

    def test_clip_text_is_judged_against_the_line_it_overlaps_most(self):
        lines = self.truth["lines"]
        self.assertTrue(loop_demo.clip_is_right({"start": 2.9, "end": 5.1, "text": "we call it bear"}, lines))
        self.assertTrue(loop_demo.clip_is_right({"start": 2.9, "end": 4.0, "text": "We call"}, lines), "a piece")
        self.assertFalse(loop_demo.clip_is_right({"start": 2.9, "end": 5.1, "text": "we call it the bear"}, lines))
        self.assertFalse(loop_demo.clip_is_right({"start": 2.9, "end": 5.1, "text": "call bear"}, lines), "not a run")
        self.assertFalse(loop_demo.clip_is_right({"start": 0.8, "end": 1.7, "text": "we call"}, lines))
        self.assertFalse(loop_demo.clip_is_right({"start": 10.0, "end": 11.0, "text": "seven"}, lines), "over nothing")

    def test_harvest_counts(self):
        rows = [{"media_id": "m", "start": 0.9, "end": 1.6, "duration": 0.7, "text": "seven"},
                {"media_id": "m", "start": 2.9, "end": 5.1, "duration": 2.2, "text": "we call it a bear"},
                {"media_id": "other", "start": 0.9, "end": 1.6, "duration": 0.7, "text": "seven"}]
        h = loop_demo.harvest_stats(rows, {"m": self.truth})
        self.assertEqual((h["clips"], h["text_right"]), (3, 1))
        self.assertAlmostEqual(h["seconds"], 3.6)

    def test_harvest_counts_what_each_word_confidence_cut_keeps(self):
        rows = [{"media_id": "m", "start": 0.9, "end": 1.6, "duration": 0.7, "text": "seven", "word_confidence": 0.85},
                {"media_id": "m", "start": 2.9, "end": 5.1, "duration": 2.2, "text": "we call it a bear", "word_confidence": 0.95},
                {"media_id": "m", "start": 0.9, "end": 1.6, "duration": 0.7, "text": "seven"}]
        h = loop_demo.harvest_stats(rows, {"m": self.truth})
        cuts = {c["min_word_confidence"]: (c["clips"], c["text_right"]) for c in h["by_word_confidence"]}
        self.assertEqual(cuts[0.8], (2, 1))
        self.assertEqual(cuts[0.9], (1, 0))


    def test_training_cell_names_the_kept_step_and_its_held_back_cer(self):
        self.assertEqual(loop_demo.training_cell(None), "-")
        self.assertEqual(loop_demo.training_cell({"minutes": 10.04, "steps": 84, "kept_step": 84, "val": None}),
                         "10.0 min, 84 steps")
        t = {"minutes": 15.0, "steps": 200, "kept_step": 75,
             "val": {"clips": 40, "start_cer": 0.401, "best_cer": 0.38, "best_step": 75, "final_cer": 0.42}}
        self.assertEqual(loop_demo.training_cell(t), "15.0 min, 200 steps; kept step 75 (held-back CER 40.1% -> 38.0%, 40 clips)")
        t["val"]["curve"] = [{"step": 0, "cer": 0.401, "orig_cer": 0.367}, {"step": 75, "cer": 0.38, "orig_cer": 0.369},
                             {"step": 200, "cer": 0.42, "orig_cer": 0.381}]
        self.assertEqual(loop_demo.training_cell(t), "15.0 min, 200 steps; kept step 75 (held-back CER 40.1% -> 38.0%, 40 clips)"
                         "; original-data CER 36.7% -> 36.9% kept, 38.1% at the last step")

    def test_training_cell_names_the_interpolation_weight_and_its_cers(self):
        grid = [{"alpha": 0.0, "cer": 0.459, "orig_cer": 0.367}, {"alpha": 0.3, "cer": 0.437, "orig_cer": 0.3675},
                {"alpha": 1.0, "cer": 0.437, "orig_cer": 0.381}]
        t = {"minutes": 15.0, "steps": 500, "kept_step": 500, "val": {"clips": 25, "start_cer": 0.459, "best_cer": 0.437,
                                                                      "best_step": 500, "final_cer": 0.437},
             "interpolation": {"alpha": 0.3, "rule": "auto", "clips": 25, "orig_clips": 80, "grid": grid}}
        self.assertEqual(loop_demo.training_cell(t), "15.0 min, 500 steps; last step interpolated with the start at a = 0.3 "
                         "(held-back CER 45.9% -> 43.7%, 25 clips; original-data CER 36.7% -> 36.8%; a = 1: 43.7%, 38.1%)")
        t["interpolation"] = {"alpha": 0.5, "rule": "given", "grid": []}
        self.assertEqual(loop_demo.training_cell(t), "15.0 min, 500 steps; last step interpolated with the start at a = 0.5")


if __name__ == "__main__":
    unittest.main()
