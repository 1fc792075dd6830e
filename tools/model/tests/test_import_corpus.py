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


def write_corpus(folder, scores, texts=None):
    """One 0.1 s clip per score (None: no word_confidence in the row); clip k holds the sample value k and says
    texts[k] (default "text k")."""
    with open(os.path.join(folder, "manifest.jsonl"), "w") as f:
        for k, w in enumerate(scores):
            name = f"c{k}.wav"
            with wave.open(os.path.join(folder, name), "wb") as wav:
                wav.setnchannels(1)
                wav.setsampwidth(2)
                wav.setframerate(16000)
                wav.writeframes(np.full(1600, k, dtype="<i2").tobytes())
            row = {"audio_filepath": name, "duration": 0.1, "text": texts[k] if texts else f"text {k}", "media_id": "m", "confidence": -1.0}
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


    def test_split_by_text_keeps_texts_whole_and_holds_back_the_share(self):
        import random
        rng = random.Random(7)
        for trial in range(200):
            n = rng.randint(1, 30)
            rows = [{"id": k, "text": rng.choice(["a b", "A  b", "c", "d e f", "g", "h", "i j", "k"][: rng.randint(1, 8)])}
                    for k in range(n)]
            share = rng.choice([0.0, 0.1, 0.2, 0.5, 0.9])
            train, val = import_corpus.split_by_text(rows, share)
            self.assertEqual(sorted(r["id"] for r in train + val), list(range(n)), "every clip once")
            self.assertEqual([r["id"] for r in train], sorted(r["id"] for r in train), "order kept")
            tt = {import_corpus.text_key(r["text"]) for r in train}
            tv = {import_corpus.text_key(r["text"]) for r in val}
            self.assertFalse(tt & tv, "no text on both sides")
            self.assertTrue(train, "at least one text stays for training")
            if share == 0:
                self.assertEqual(val, [])
            # brute force: val stops at the first text that brings it to the share, or before the last text
            texts = len(tt | tv)
            if val:
                self.assertLess(len(tv), texts)
            if len(val) < share * n:
                self.assertEqual(len(tv), texts - 1, "short of the share only when one text is left")
        self.assertEqual(import_corpus.split_by_text(rows, 0.5), import_corpus.split_by_text(list(rows), 0.5), "deterministic")
        with self.assertRaises(ValueError):
            import_corpus.split_by_text(rows, 1.0)

    def test_val_share_writes_the_held_back_clips_apart(self):
        texts = ["one two", "three", "one two", "four five", "six", "seven", "eight", "nine", "ten", "eleven"]
        with tempfile.TemporaryDirectory() as d:
            corpus, out, val = os.path.join(d, "corpus"), os.path.join(d, "out"), os.path.join(d, "val")
            os.makedirs(corpus)
            write_corpus(corpus, [0.9] * len(texts), texts)
            p = subprocess.run([sys.executable, SCRIPT, "--corpus", corpus, "--out", out, "--val-share", "0.3",
                                "--val-out", val], capture_output=True, text=True)
            self.assertEqual(p.returncode, 0, p.stderr)
            rows = [json.loads(l) for l in open(os.path.join(out, "manifest.jsonl"))]
            held = [json.loads(l) for l in open(os.path.join(val, "manifest.jsonl"))]
            self.assertEqual(len(rows) + len(held), len(texts))
            self.assertGreaterEqual(len(held), 3)
            self.assertFalse({r["text"] for r in rows} & {r["text"] for r in held})
            for folder, part in ((out, rows), (val, held)):
                for r in part:
                    k = int(np.load(os.path.join(folder, r["npy"]))[0])
                    self.assertEqual(texts[k], r["text"], "each row points at its own clip")
            self.assertEqual(sorted(os.listdir(val)), sorted([r["npy"] for r in held] + ["manifest.jsonl"]))
            self.assertIn("held back", p.stderr)
            p = subprocess.run([sys.executable, SCRIPT, "--corpus", corpus, "--out", out, "--val-share", "0.3"],
                               capture_output=True, text=True)
            self.assertNotEqual(p.returncode, 0)
            self.assertIn("--val-share needs --val-out", p.stderr)
            self.assertNotIn("Traceback", p.stderr)


if __name__ == "__main__":
    unittest.main()
