"""fit_differs.py: the eight features of CaptionDifferenceScore on a hand-made line, the lines it fits on, the cuts."""
import math
import os
import sys
import unittest

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import fit_differs as fd  # noqa: E402


def word(text, start, end, confidence, misfit=None, unexplained=None):
    w = {"word": text, "start": start, "end": end, "confidence": confidence}
    if misfit is not None:
        w["misfit"] = misfit
    if unexplained is not None:
        w["unexplained_before"] = unexplained
    return w


# "We can't, go now": 2, 5, 2 and 3 letters; 0.2, 0.4, 0.04 and 0.3 s
LINE = {"index": 0, "status": "aligned", "start": 1.0, "end": 2.3, "caption_wer": 0.25,
        "evidence": {"speech_before": 0.3, "speech_after": 7.0},
        "words": [word("We", 1.0, 1.2, 0.9, misfit=0.5),
                  word("can't,", 1.3, 1.7, 0.6, misfit=3.5, unexplained=2.0),
                  word("go", 1.8, 1.84, 0.05, unexplained=0.0),          # not measured: misfit 0
                  word("now", 2.0, 2.3, 0.8, misfit=1.0, unexplained=4.5)]}


class FeaturesTest(unittest.TestCase):
    def test_letters_and_lower_median_as_the_csharp_has_them(self):
        self.assertEqual([fd.letters(w) for w in ("can't,", "We", "42", "")], [5, 2, 1, 1])
        self.assertEqual(fd.lower_median([3, 1, 2]), 2)
        self.assertEqual(fd.lower_median([4, 1, 3, 2]), 2)
        with self.assertRaises(ValueError):
            fd.lower_median([])

    def test_the_eight_features_of_a_hand_made_line(self):
        f = fd.line_features(LINE)
        self.assertEqual(len(f), len(fd.FEATURE_NAMES))
        expected = [
            3.5 - 0.5,                        # misfits 0.5, 3.5, 0 (none), 1.0: lower median 0.5
            4.5,                              # the most unexplained before a word after the first
            math.log(0.05 / 0.6),             # confidences 0.9, 0.6, 0.05, 0.8: lower median 0.6
            math.log(0.02 / 0.08),            # s/letter 0.1, 0.08, 0.02, 0.1: lower median 0.08
            math.log(0.1 / 0.08),             # the slowest word against it
            0.3, 5.0,                         # edge speech, clamped to 5 s
            0.25]
        for got, want, name in zip(f, expected, fd.FEATURE_NAMES):
            self.assertAlmostEqual(got, want, places=9, msg=name)

    def test_floors_and_what_is_not_measured(self):
        seg = {"start": 0.0, "words": [word("a", 0.0, 0.0, 0.0), word("b", 0.0, 0.5, 0.5)]}
        f = fd.line_features(seg)
        self.assertEqual(f[0], 0.0)                                          # no misfits
        self.assertEqual(f[1], 0.0)                                          # no unexplained
        self.assertAlmostEqual(f[2], math.log(1e-4 / 1e-4))                  # lower median of (0, 0.5) is 0: both floored
        self.assertAlmostEqual(f[3], math.log(1e-3 / 1e-3))                  # lower median s/letter 0: floored
        self.assertAlmostEqual(f[4], math.log(0.5 / 1e-3))                   # the slowest word against the floor
        self.assertEqual(f[5:], [0.0, 0.0, 0.0])                             # no evidence, no caption WER
        self.assertIsNone(fd.line_features({"start": 0.0, "words": [word("a", 0, 1, 1)]}))
        self.assertIsNone(fd.line_features({"start": None, "words": LINE["words"]}))

    def test_which_lines_the_check_scores_and_the_stray_edge_test(self):
        self.assertTrue(fd.scored(LINE))
        self.assertFalse(fd.scored(dict(LINE, status="not_aligned")))
        quiet = dict(LINE, words=[dict(w, confidence=0.05) for w in LINE["words"]])
        self.assertFalse(fd.scored(quiet))                                   # median word not heard
        self.assertFalse(fd.stray_edge(LINE["words"]))
        late = LINE["words"][:3] + [word("now", 3.0, 3.3, 0.8)]              # 1.16 s after "go"
        self.assertTrue(fd.stray_edge(late))
        self.assertFalse(fd.stray_edge(late[2:]))                            # two words: no stray-edge test
        self.assertTrue(fd.aligned_before_check({"status": "low_confidence", "reason": "caption differs from the audio: x"}))
        self.assertFalse(fd.aligned_before_check({"status": "low_confidence", "reason": "caption differs from the audio: x; p_correct 0.2"}))

    def test_rows_label_changed_and_right_spoken_lines_only(self):
        truth = {"lines": [
            {"caption_index": 0, "spoken": True, "text": "We can't go now", "spoken_text": "we can't go", "changed_words": 1},
            {"caption_index": 1, "spoken": False, "text": "never said", "spoken_text": None},
            {"caption_index": None, "spoken": True, "text": None, "spoken_text": "not captioned"},
            {"caption_index": 2, "spoken": True, "text": "we can't go now", "spoken_text": "we can't go now", "changed_words": 0}]}
        segs = [LINE, dict(LINE, index=1), dict(LINE, index=2, status="low_confidence", reason="p_correct 0.2")]
        rows = fd.programme_rows("real", "x", truth, {"media": [{"segments": segs}]})
        self.assertEqual([(r["changed"], r["aligned_before"]) for r in rows], [(True, True), (False, False)])
        self.assertEqual([r["kinds"] for r in rows], [["added"], []])  # "now" is in the caption only

    def test_one_score_per_kind_of_change_tells_each_kind_by_its_own_evidence(self):
        # added lines stand out in feature 0 only, removed ones in feature 1 only, right lines in neither
        rng = np.random.default_rng(5)
        n = 300
        x = rng.normal(size=(3 * n, 2))
        x[:n, 0] += 4
        x[n:2 * n, 1] += 4
        kinds = [["added"]] * n + [["removed"]] * n + [[]] * n
        y = np.array([bool(k) for k in kinds])
        progs = np.array(["a", "b", "c"] * n)
        p = fd.leave_one_programme_out(x, y, progs, fd.per_kind_scorer(kinds))
        self.assertGreater(np.mean(p[:2 * n] > 0.5), 0.95)
        self.assertLess(np.mean(p[2 * n:] > 0.5), 0.1)

    def test_cuts_depend_on_the_status_before_the_check_and_the_grid_picks_the_most_told_within_limits(self):
        p = np.array([0.45, 0.45, 0.50, 0.30])
        aligned = np.array([True, False, True, False])
        stray = np.array([False, False, False, True])
        self.assertEqual(list(fd.told(p, aligned, stray, 0.48, 0.40)), [False, True, True, True])
        changed = np.array([True, True, False, False])
        self.assertEqual(fd.counts(fd.told(p, aligned, stray, 0.48, 0.40), changed, aligned), (1, 2, 1))
        cells = [(5, 3, 1, 0.5, 0.4), (6, 9, 1, 0.4, 0.4), (5, 2, 1, 0.6, 0.4), (5, 2, 1, 0.7, 0.4), (7, 1, 3, 0.3, 0.3)]
        self.assertEqual(fd.best_first(cells, max_demoted=2, max_false_alarms=5),
                         [(5, 2, 1, 0.7, 0.4), (5, 2, 1, 0.6, 0.4), (5, 3, 1, 0.5, 0.4)])

    def test_the_csharp_constants_are_read(self):
        coef, intercept, means = fd.csharp_constants()
        self.assertEqual((len(coef), len(means)), (len(fd.FEATURE_NAMES), len(fd.FEATURE_NAMES)))
        self.assertTrue(-20 < intercept < 20)


if __name__ == "__main__":
    unittest.main()
