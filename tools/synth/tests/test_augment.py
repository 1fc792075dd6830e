"""Augmentation is repeatable: the same utterance, steps and seed give the same samples (sox dithers with a fixed seed,
-R), so a composed programme, and every figure measured on it, comes out the same on every run."""
import os
import random
import shutil
import sys
import unittest

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import augment  # noqa: E402


@unittest.skipUnless(shutil.which("sox"), "sox is needed")
class RepeatableTest(unittest.TestCase):
    def test_the_same_steps_and_seed_give_the_same_samples(self):
        t = np.arange(16000) / 16000
        audio = (0.3 * np.sin(2 * np.pi * 220 * t) * (1 + 0.5 * np.sin(2 * np.pi * 3 * t))).astype(np.float32)
        words = [("one", 0.1, 0.4), ("two", 0.5, 0.9)]
        steps = [("eq", (1000, 1.0, 4.0)), ("bass", 3.0), ("noise", ("pink", 20.0))]
        runs = [augment.apply(audio, 16000, words, steps, random.Random(5)) for _ in range(3)]
        for a, w in runs[1:]:
            self.assertEqual(w, runs[0][1])
            np.testing.assert_array_equal(a, runs[0][0])


if __name__ == "__main__":
    unittest.main()
