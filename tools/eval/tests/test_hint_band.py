"""hint_band.py: lines after the cut are scored at their moved times, lines inside it are left out."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import hint_band  # noqa: E402


def line(i, start, end, spoken=True, changed=0):
    return {"caption_index": i, "spoken": spoken, "start": start, "end": end, "changed_words": changed}


class HintBandTest(unittest.TestCase):
    def test_lines_before_inside_and_after_the_cut(self):
        truth = {"lines": [line(0, 10, 12), line(1, 100, 103), line(2, 130, 132), line(3, 140, 142),
                           line(4, 150, 152, changed=1), line(5, None, None, spoken=False)]}
        segments = [
            {"index": 0, "start": 10.2, "end": 12.1, "status": "aligned"},   # right
            {"index": 1, "start": 90.0, "end": 93.0, "status": "aligned"},   # inside the cut: left out
            {"index": 2, "start": 100.1, "end": 102.3, "status": "aligned"},  # after: 130-30 = 100, right
            {"index": 3, "start": 140.0, "end": 142.0, "status": "aligned"},  # after, at its old time: wrong
            {"index": 4, "start": 120.0, "end": 122.0, "status": "aligned"},  # changed caption: not counted
            {"index": 5, "start": 1.0, "end": 2.0, "status": "low_confidence"},
        ]
        r = hint_band.score(truth, {"media": [{"segments": segments}]}, cut_start=95, cut_seconds=30)
        self.assertEqual(r, {"before": 1, "right_before": 1, "after": 2, "right_after": 1, "aligned_wrong": 1})


if __name__ == "__main__":
    unittest.main()
