"""tools/model/paired_bootstrap.py: the paired bootstrap of a CER difference and of a boundary-MAE difference (each
model with its own boundary counts) against a brute force over every resampling of a tiny set, its exact cases, the
boundary rules and their tuning against a hand count, and the pairing of utterances between two models."""
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

    def test_boundary_mae_differences_follow_the_exact_bootstrap_distribution(self):
        # items: utterances with (sum of absolute errors, number of boundaries), the counts differing between models
        rng = random.Random(5)
        for _ in range(5):
            n = 4
            na = [rng.randint(0, 6) for _ in range(n)]
            nb = [k if rng.random() < 0.7 else rng.randint(0, 6) for k in na]
            sa = [k * rng.uniform(5, 60) for k in na]
            sb = [k * rng.uniform(5, 60) for k in nb]

            def mae(s, c, idx):
                return sum(s[i] for i in idx) / max(1, sum(c[i] for i in idx))
            exact = [mae(sb, nb, idx) - mae(sa, na, idx) for idx in itertools.product(range(n), repeat=n)]
            worse = sum(d > 0 for d in exact) / len(exact)
            r = paired_bootstrap.paired_bootstrap(sa, sb, na, 20000, seed=rng.randint(0, 999), chars_b=nb)
            self.assertAlmostEqual(r["diff"], mae(sb, nb, range(n)) - mae(sa, na, range(n)))
            self.assertAlmostEqual(r["share_b_worse"], worse, delta=0.02)
            self.assertGreaterEqual(r["lo"], min(exact))
            self.assertLessEqual(r["hi"], max(exact))
            exact.sort()
            spread = exact[-1] - exact[0]
            self.assertAlmostEqual(r["lo"], exact[int(0.025 * len(exact))], delta=0.05 * spread + 1e-9)
            self.assertAlmostEqual(r["hi"], exact[min(len(exact) - 1, int(0.975 * len(exact)))], delta=0.05 * spread + 1e-9)

    def test_boundary_pairs_apply_the_rules_and_skip_estimated_words(self):
        # two words, frames 10-20 and 25-40 (0.2-0.4 s, 0.5-0.8 s); the gap 0.1 s <= gap limit: the midpoint
        row = {"words": [{"word": "ab", "start": 0.19, "end": 0.46}, {"word": "cd", "start": 0.5, "end": 0.85}]}
        pairs = paired_bootstrap.boundary_pairs([(1, row, [(10, 20), (25, 40)])], (-0.02, 0.05, 0.2))
        got = [(round(p, 6), t) for p, t in pairs]
        self.assertEqual(got, [(0.18, 0.19), (0.45, 0.46), (0.48, 0.5), (0.85, 0.85)])
        row["words"][0]["approx"] = True
        self.assertEqual(len(paired_bootstrap.boundary_pairs([(1, row, [(10, 20), (25, 40)])], (-0.02, 0.05, 0.2))), 2)

    def test_tuning_finds_the_rules_that_produced_the_truth(self):
        # truths made by the rules (start_shift -0.03, end_pad 0.07, gap limit 0.1) from the spans: MAE 0 there only
        rng = random.Random(2)
        items = []
        for i in range(6):
            spans, f = [], rng.randint(5, 20)
            for _ in range(4):
                a = f
                b = a + rng.randint(5, 20)
                spans.append((a, b))
                f = b + rng.choice([1, 3, 8, 12, 20])
            truth = paired_bootstrap.evaluate.apply_rules(spans, -0.03, 0.07, 0.1)
            items.append((i, {"words": [{"word": "x", "start": s, "end": e} for s, e in truth]}, spans))
        self.assertEqual(paired_bootstrap.tune_rules(items), (-0.03, 0.07, 0.1))

    def test_compare_pairs_boundary_utterances_even_when_one_model_failed_one(self):
        ia = {"cer": ([1, 2], [10, 10]), "boundary": {1: (30.0, 2), 3: (10.0, 2)}, "rules": (0, 0, 0),
              "real-speech-cer": ([0, 1], [4, 4])}
        ib = {"cer": ([1, 1], [10, 10]), "boundary": {1: (20.0, 2)}, "rules": (0.01, 0, 0),
              "real-speech-cer": ([1, 2], [4, 4])}
        r = paired_bootstrap.compare(ia, ib, paired_bootstrap.MEASURES, 200, 1)
        self.assertAlmostEqual(r["cer"]["diff"], -0.05)
        self.assertEqual((r["boundary-mae"]["items"], r["boundary-mae"]["boundaries_a"], r["boundary-mae"]["boundaries_b"]), (2, 4, 2))
        self.assertAlmostEqual(r["boundary-mae"]["a"], 10.0)
        self.assertAlmostEqual(r["boundary-mae"]["b"], 10.0)
        self.assertAlmostEqual(r["real-speech-cer"]["diff"], 0.25)
        self.assertEqual(r["real-speech-cer"]["share_b_worse"], 1.0)

    def test_mismatched_lists_are_an_error(self):
        with self.assertRaises(ValueError):
            paired_bootstrap.paired_bootstrap([1], [1, 2], [3, 4])
        with self.assertRaises(ValueError):
            paired_bootstrap.paired_bootstrap([], [], [])
        with self.assertRaises(ValueError):
            paired_bootstrap.paired_bootstrap([1, 2], [1, 2], [3, 4], chars_b=[3])


if __name__ == "__main__":
    unittest.main()
