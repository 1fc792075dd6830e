"""tools/model/paired_bootstrap.py: the paired bootstrap of a CER difference against a brute force over every
resampling of a tiny set, and its exact cases."""
import itertools
import os
import random
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
import paired_bootstrap  # noqa: E402


class PairedBootstrapTest(unittest.TestCase):
    def test_identical_models_differ_by_nothing(self):
        r = paired_bootstrap.paired_bootstrap([3, 0, 5], [3, 0, 5], [10, 20, 30], 500)
        self.assertEqual((r["diff"], r["lo"], r["hi"], r["share_b_worse"]), (0.0, 0.0, 0.0, 0.0))
        self.assertAlmostEqual(r["a"], 8 / 60)

    def test_the_same_extra_edit_rate_everywhere_is_certain(self):
        chars = [10, 10, 10, 10]
        r = paired_bootstrap.paired_bootstrap([1, 2, 0, 4], [2, 3, 1, 5], chars, 300)
        self.assertAlmostEqual(r["lo"], 0.1)
        self.assertAlmostEqual(r["hi"], 0.1)
        self.assertEqual(r["share_b_worse"], 1.0)

    def test_resampled_differences_follow_the_exact_bootstrap_distribution(self):
        rng = random.Random(3)
        for _ in range(5):
            n = 4
            chars = [rng.randint(5, 30) for _ in range(n)]
            ea = [rng.randint(0, c) for c in chars]
            eb = [rng.randint(0, c) for c in chars]
            # every one of the n^n resamplings, equally likely: the exact share in which b is worse
            exact = [(sum(eb[i] for i in idx) - sum(ea[i] for i in idx)) / sum(chars[i] for i in idx)
                     for idx in itertools.product(range(n), repeat=n)]
            worse = sum(d > 0 for d in exact) / len(exact)
            r = paired_bootstrap.paired_bootstrap(ea, eb, chars, 20000, seed=rng.randint(0, 999))
            self.assertAlmostEqual(r["share_b_worse"], worse, delta=0.02)
            self.assertGreaterEqual(r["lo"], min(exact))
            self.assertLessEqual(r["hi"], max(exact))
            exact.sort()
            self.assertAlmostEqual(r["lo"], exact[int(0.025 * len(exact))], delta=0.05)

    def test_mismatched_lists_are_an_error(self):
        with self.assertRaises(ValueError):
            paired_bootstrap.paired_bootstrap([1], [1, 2], [3, 4])
        with self.assertRaises(ValueError):
            paired_bootstrap.paired_bootstrap([], [], [])


if __name__ == "__main__":
    unittest.main()
