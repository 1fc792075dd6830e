"""import_corpus.py: exported clips become train.py's cache format, and --min-word-confidence leaves out the clips
whose words were not heard (and those without the score), keeping the rest in order."""
import json
import os
import subprocess
import sys
import tempfile
import unittest
import wave

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
import import_corpus  # noqa: E402

SCRIPT = os.path.join(HERE, "..", "import_corpus.py")


def write_corpus(folder, scores):
    """One 0.1 s clip per score (None: no word_confidence in the row); clip k holds the sample value k."""
    with open(os.path.join(folder, "manifest.jsonl"), "w") as f:
        for k, w in enumerate(scores):
            name = f"c{k}.wav"
            with wave.open(os.path.join(folder, name), "wb") as wav:
                wav.setnchannels(1)
                wav.setsampwidth(2)
                wav.setframerate(16000)
                wav.writeframes(np.full(1600, k, dtype="<i2").tobytes())
            row = {"audio_filepath": name, "duration": 0.1, "text": f"text {k}", "media_id": "m", "confidence": -1.0}
            if w is not None:
                row["word_confidence"] = w
            f.write(json.dumps(row) + "\n")


class ImportCorpusTest(unittest.TestCase):
    def test_keeps_compares_with_the_threshold(self):
        self.assertTrue(import_corpus.keeps({"word_confidence": 0.1}, 0))
        self.assertTrue(import_corpus.keeps({}, 0))
        self.assertTrue(import_corpus.keeps({"word_confidence": 0.8}, 0.8))
        self.assertFalse(import_corpus.keeps({"word_confidence": 0.79}, 0.8))
        self.assertFalse(import_corpus.keeps({"word_confidence": None}, 0.8))
        self.assertFalse(import_corpus.keeps({}, 0.8))

    def run_import(self, scores, *args):
        with tempfile.TemporaryDirectory() as d:
            corpus, out = os.path.join(d, "corpus"), os.path.join(d, "out")
            os.makedirs(corpus)
            write_corpus(corpus, scores)
            p = subprocess.run([sys.executable, SCRIPT, "--corpus", corpus, "--out", out, *args],
                               capture_output=True, text=True)
            if p.returncode != 0:
                return p, None
            rows = [json.loads(l) for l in open(os.path.join(out, "manifest.jsonl"))]
            values = [int(np.load(os.path.join(out, r["npy"]))[0]) for r in rows]
            return p, (rows, values)

    def test_filter_leaves_out_low_and_missing_scores(self):
        scores = [0.95, 0.5, None, 0.8, 0.99]
        p, (rows, values) = self.run_import(scores, "--min-word-confidence", "0.8")
        self.assertEqual([r["text"] for r in rows], ["text 0", "text 3", "text 4"])
        self.assertEqual(values, [0, 3, 4], "each kept row points at its own clip")
        self.assertIn("2 left out", p.stderr)

    def test_default_keeps_every_clip(self):
        scores = [0.95, 0.5, None]
        _, (rows, values) = self.run_import(scores)
        self.assertEqual(values, [0, 1, 2])

    def test_nothing_left_is_a_one_line_error(self):
        p, result = self.run_import([0.1, None], "--min-word-confidence", "0.9")
        self.assertIsNone(result)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("no clips with word_confidence >= 0.9", p.stderr)
        self.assertNotIn("Traceback", p.stderr)


if __name__ == "__main__":
    unittest.main()
