"""caption_errors.py on a made-up programme: which lines count as never spoken, changed or right, and what is accepted."""
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import caption_errors as ce  # noqa: E402


def line(ci, spoken, text, spoken_text=None, start=None, end=None, changed=0, over=None):
    return {"caption_index": ci, "spoken": spoken, "text": text, "spoken_text": spoken_text, "start": start, "end": end,
            "changed_words": changed, "over": over}


class CaptionErrorsTest(unittest.TestCase):
    def test_change_kinds_name_what_the_captioner_did(self):
        self.assertEqual(ce.change_kinds("she told us today", "she told us"), {"added"})
        self.assertEqual(ce.change_kinds("she us", "she told us"), {"removed"})
        self.assertEqual(ce.change_kinds("she sold us", "she told us"), {"replaced"})
        self.assertEqual(ce.change_kinds("She told us.", "she told us"), set())

    def test_lines_are_scored_by_kind_status_reason_and_the_exported_srt(self):
        truth = {"duration": 60, "lines": [
            line(0, True, "good evening all", "good evening all", 1.0, 2.0),
            line(1, False, "coming up after the break", over="break"),
            line(2, True, "she told us very", "she told us", 5.0, 6.0, changed=1),
            line(3, True, "the now", "the end now", 8.0, 9.0, changed=1),
            line(None, True, None, "not captioned", 10.0, 11.0),
            line(4, False, "never said at all", over="speech"),
        ]}
        segs = [
            {"index": 0, "start": 1.1, "end": 2.2, "status": "aligned", "confidence": -0.5},
            {"index": 1, "start": 3.0, "end": 4.0, "status": "aligned", "confidence": -1.5, "p_correct": 0.6},
            {"index": 2, "start": 5.2, "end": 6.4, "status": "low_confidence",
             "reason": "caption differs from the audio: \"very\" not heard"},
            {"index": 3, "start": 7.0, "end": 9.0, "status": "not_aligned", "reason": "placed with rho -7"},
            {"index": 4, "start": 12.0, "end": 13.0, "status": "low_confidence", "reason": "p_correct 0.2 below --min-p 0.46"},
        ]
        with tempfile.TemporaryDirectory() as d:
            srt = os.path.join(d, "x.srt")
            with open(srt, "w") as f:
                f.write("1\n00:00:01,100 --> 00:00:02,200\nGood evening all\n\n2\n00:00:03,000 --> 00:00:04,000\n<i>Coming up</i> after the break\n\n")
            rows = ce.programme_lines(truth, {"media": [{"segments": segs}]}, ce.srt_texts(srt))
        s = ce.summarise(rows)
        self.assertEqual((s["never_spoken"]["lines"], s["never_spoken"]["accepted"], s["never_spoken"]["in_srt"]), (2, 1, 1))
        self.assertEqual([r["in_srt"] for r in rows], [True, True, False, False, False])
        self.assertEqual(s["never_spoken"]["by_place"]["break"], {"lines": 1, "accepted": 1})
        self.assertEqual((s["changed"]["lines"], s["changed"]["placed_within_0_5s"], s["changed"]["dropped"]), (2, 1, 1))
        self.assertEqual((s["changed"]["low_confidence_differs"], s["changed"]["target_met"]), (1, 1))
        self.assertEqual(s["changed"]["by_change"]["added"], {"lines": 1, "placed_within_0_5s": 1, "differs": 1})
        self.assertEqual(s["changed"]["by_change"]["removed"]["lines"], 1)
        self.assertEqual((s["right"]["lines"], s["right"]["placed_within_0_5s"], s["right"]["aligned"]), (1, 1, 1))

    def test_a_cue_with_the_same_text_elsewhere_is_not_the_never_spoken_line_in_the_srt(self):
        cues = [("you may call it x", 345.84, 347.74)]
        self.assertFalse(ce.in_srt("You may call it X,", {"start": 181.66, "end": 184.1}, cues))
        self.assertTrue(ce.in_srt("You may call it X,", {"start": 346.0, "end": 348.0}, cues))
        self.assertFalse(ce.in_srt("You may call it X,", {"start": None, "end": None}, cues))
        self.assertEqual(ce.srt_seconds("01:02:03,450 "), 3723.45)

    def test_a_right_line_is_demoted_when_the_differs_clause_is_its_only_reason(self):
        self.assertTrue(ce.demoted_by_differs("caption differs from the audio: \"do\" stands apart from the line's speech"))
        self.assertFalse(ce.demoted_by_differs("caption differs from the audio: \"i\" not heard (word confidence 0.006, "
                                               "the line's median 0.51); p_correct 0.84 below --min-p 0.985"))
        self.assertFalse(ce.demoted_by_differs("p_correct 0.2 below --min-p 0.46"))
        self.assertFalse(ce.demoted_by_differs(None))
        truth = {"duration": 20, "lines": [line(0, True, "good evening all", "good evening all", 1.0, 2.0),
                                           line(1, True, "and welcome", "and welcome", 3.0, 4.0)]}
        segs = [{"index": 0, "start": 1.0, "end": 2.0, "status": "low_confidence",
                 "reason": "caption differs from the audio: \"all\" not heard"},
                {"index": 1, "start": 3.0, "end": 4.0, "status": "low_confidence",
                 "reason": "caption differs from the audio: \"and\" not heard; p_correct 0.5 below --min-p 0.985"}]
        s = ce.summarise(ce.programme_lines(truth, {"media": [{"segments": segs}]}, set()))
        self.assertEqual((s["right"]["lines"], s["right"]["differs"], s["right"]["demoted"]), (2, 2, 1))


def hearing_of(logp, vocab):
    """A GreedyHearing over made-up log-probabilities (frames of 0.02 s), through the files `ctcalign emissions` writes."""
    import json
    import numpy as np
    d = tempfile.mkdtemp()
    np.save(os.path.join(d, "e.npy"), np.asarray(logp, dtype=np.float32))
    with open(os.path.join(d, "e.json"), "w") as f:
        json.dump({"vocabulary": vocab, "blank": 0, "word_delimiter": 1, "frame_seconds": 0.02}, f)
    return ce.GreedyHearing(os.path.join(d, "e.npy"))


class HearingTest(unittest.TestCase):
    VOCAB = ["<blank>", "|", "a", "b"]

    def test_ctc_log_likelihood_is_the_sum_over_every_path_by_brute_force(self):
        import itertools
        import math
        import numpy as np
        rng = np.random.default_rng(7)
        for case in range(30):
            frames = int(rng.integers(1, 6))
            logits = rng.normal(size=(frames, 4))
            logp = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
            h = hearing_of(logp, self.VOCAB)
            text = " ".join("".join(rng.choice(["a", "b"], size=int(rng.integers(1, 3)))) for _ in range(int(rng.integers(1, 3))))
            target = [self.VOCAB.index(c) for c in "|".join(text.split())]
            total = -math.inf
            for path in itertools.product(range(4), repeat=frames):  # collapse repeats, drop blanks
                collapsed = [k for i, k in enumerate(path) if k != 0 and (i == 0 or k != path[i - 1])]
                if collapsed == target:
                    total = np.logaddexp(total, sum(float(np.float32(logp[t, k])) for t, k in enumerate(path)))
            got = h.ctc_log_likelihood(text, 0.0, frames * 0.02)
            if math.isinf(total):
                self.assertTrue(math.isinf(got) and got < 0, (case, text, got))
            else:
                self.assertAlmostEqual(got, total, places=4, msg=(case, text))

    def test_greedy_text_and_its_character_error_rate(self):
        import numpy as np
        best = [2, 2, 0, 3, 1, 1, 2, 0]  # a a - b | | a -  ->  "ab a"
        logp = np.full((len(best), 4), -5.0)
        logp[np.arange(len(best)), best] = -0.01
        h = hearing_of(logp, self.VOCAB)
        self.assertEqual(h.text(0.0, 0.16), "ab a")
        self.assertEqual(h.text(0.0, 0.08), "ab")
        self.assertAlmostEqual(h.cer("ab b", 0.0, 0.16), 1 / 4)
        self.assertEqual((ce.edit_distance("kitten", "sitting"), ce.edit_distance("", "ab"), ce.edit_distance("ab", "ab")), (3, 2, 0))


if __name__ == "__main__":
    unittest.main()
