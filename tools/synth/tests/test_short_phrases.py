"""Short phrases for the isolated-word corpus: 1-3 consecutive words of a given sentence, or a number read alone."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import texts  # noqa: E402


class ShortPhrasesTest(unittest.TestCase):
    def test_slices_and_numbers(self):
        sentences = [("fortune", "The cat sat on the mat.", "The cat sat on the mat.", ["the", "cat", "sat", "on", "the", "mat"]),
                     ("bible", "And God said.", "And God said.", ["and", "god", "said"])]
        out = texts.short_phrases(sentences, 400, seed=3)
        self.assertEqual(len(out), 400)
        self.assertEqual(out, texts.short_phrases(sentences, 400, seed=3))  # deterministic
        numbers = [o for o in out if o[0] == "number"]
        self.assertTrue(0.15 < len(numbers) / len(out) < 0.35)
        for source, written, tts, words in out:
            if source == "number":
                self.assertTrue(written.isdigit() and 0 <= int(written) <= 100, written)
                self.assertTrue(1 <= len(words) <= 3 and all(w.isalpha() for w in words), words)
            else:
                self.assertTrue(1 <= len(words) <= 3)
                self.assertEqual(tts, " ".join(words))
                joined = " " + " ".join(words) + " "
                self.assertTrue(any(joined in " " + " ".join(s[3]) + " " for s in sentences), words)
        self.assertEqual({len(o[3]) for o in out if o[0] == "slice"}, {1, 2, 3})


if __name__ == "__main__":
    unittest.main()
