"""The scorer gives 100% on the truth and the expected figures on hand-made wrong alignments."""
import copy
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import score  # noqa: E402


def line(ci, start, end, words, spoken=True):
    return {"caption_index": ci, "spoken": spoken, "text": " ".join(w for w, _, _ in words) or "never said",
            "start": start if spoken else None, "end": end if spoken else None,
            "words": [{"word": w, "start": s, "end": e} for w, s, e in words]}


TRUTH = {"duration": 1300.0, "lines": [
    line(0, 1.0, 2.0, [("hello", 1.0, 1.4), ("there", 1.5, 2.0)]),
    line(1, 3.0, 4.0, [("good", 3.0, 3.4), ("morning", 3.5, 4.0)]),
    line(2, None, None, [], spoken=False),
    line(None, 5.0, 6.0, [("dropped", 5.0, 6.0)]),
    line(3, 1250.0, 1252.0, [("late", 1250.0, 1251.0), ("line", 1251.0, 1252.0)]),
]}


def alignment_from_truth(truth, shift=0.0, accept_inserted=False):
    segs = []
    for l in truth["lines"]:
        if l["caption_index"] is None:
            continue
        if l["spoken"]:
            segs.append({"index": l["caption_index"], "text": l["text"], "start": l["start"] + shift,
                         "end": l["end"] + shift, "confidence": 0.9, "status": "aligned",
                         "words": [{"word": w["word"], "start": w["start"] + shift, "end": w["end"] + shift,
                                    "confidence": 0.9} for w in l["words"]]})
        else:
            segs.append({"index": l["caption_index"], "text": l["text"], "start": 7.0 if accept_inserted else None,
                         "end": 8.0 if accept_inserted else None, "confidence": 0.8 if accept_inserted else 0.0,
                         "status": "aligned" if accept_inserted else "not_aligned", "words": []})
    return {"media": [{"id": "m", "audio": "m.wav", "duration": truth["duration"], "segments": segs}]}


class ScoreTest(unittest.TestCase):
    def test_truth_scores_perfectly(self):
        r = score.score(TRUTH, alignment_from_truth(TRUTH))
        self.assertEqual(r["spoken_captioned_lines"], 3)
        self.assertEqual(r["within_0_5s"], 1.0)
        self.assertEqual(r["median_error_s"], 0.0)
        self.assertEqual(r["inserted_accepted"], 0)
        self.assertEqual(r["precision"], 1.0)
        self.assertEqual(r["recall"], 1.0)
        self.assertEqual(r["word_mae_s"], 0.0)
        self.assertEqual(r["word_boundaries"], 12)
        self.assertEqual(r["first_10_min"]["lines"], 2)
        self.assertEqual(r["last_10_min"]["lines"], 1)

    def test_shift_by_0_3_s_stays_within_but_shows_in_errors(self):
        r = score.score(TRUTH, alignment_from_truth(TRUTH, shift=0.3))
        self.assertEqual(r["within_0_5s"], 1.0)
        self.assertAlmostEqual(r["median_error_s"], 0.3, places=9)
        self.assertAlmostEqual(r["word_mae_s"], 0.3, places=9)

    def test_shift_by_one_second_fails_every_line(self):
        r = score.score(TRUTH, alignment_from_truth(TRUTH, shift=1.0))
        self.assertEqual(r["within_0_5s"], 0.0)
        self.assertAlmostEqual(r["median_error_s"], 1.0, places=9)

    def test_accepted_inserted_line_lowers_precision(self):
        r = score.score(TRUTH, alignment_from_truth(TRUTH, accept_inserted=True))
        self.assertEqual(r["inserted_accepted"], 1)
        self.assertEqual(r["inserted_accepted_share"], 1.0)
        self.assertAlmostEqual(r["precision"], 3 / 4)
        self.assertEqual(r["recall"], 1.0)

    def test_rejected_and_late_lines(self):
        al = alignment_from_truth(TRUTH)
        segs = al["media"][0]["segments"]
        segs[0]["status"] = "not_aligned"
        segs[0]["start"] = segs[0]["end"] = None
        segs[3]["start"] += 2.0  # the last line starts 2 s late
        r = score.score(TRUTH, al)
        self.assertAlmostEqual(r["within_0_5s"], 1 / 3)
        self.assertAlmostEqual(r["recall"], 2 / 3)
        self.assertEqual(r["precision"], 1.0)
        self.assertEqual(r["first_10_min"]["within_0_5s"], 0.5)
        self.assertEqual(r["last_10_min"]["within_0_5s"], 0.0)
        # errors of lines with times: line 1 (0, 0), line 3 (2.0, 0) -> median 0
        self.assertEqual(r["median_error_s"], 0.0)

    def test_changed_words_are_matched_in_order(self):
        al = alignment_from_truth(TRUTH)
        seg = al["media"][0]["segments"][0]
        seg["words"] = [{"word": "Hello,", "start": 1.1, "end": 1.4}, {"word": "where", "start": 1.5, "end": 2.0}]
        r = score.score({"duration": 10.0, "lines": TRUTH["lines"][:1]},
                        {"media": [{"id": "m", "segments": [seg]}]})
        self.assertEqual(r["word_boundaries"], 2)
        self.assertAlmostEqual(r["word_mae_s"], 0.05)

    def test_missing_index_is_an_error(self):
        bad = copy.deepcopy(alignment_from_truth(TRUTH))
        del bad["media"][0]["segments"][0]["index"]
        with self.assertRaises(ValueError):
            score.score(TRUTH, bad)


if __name__ == "__main__":
    unittest.main()
