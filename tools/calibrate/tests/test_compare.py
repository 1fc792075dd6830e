"""compare.py: the Platt step recovers a known slope and offset; the figures count accepted, right and never-spoken lines."""
import os
import sys
import unittest

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import compare  # noqa: E402


class CompareTest(unittest.TestCase):
    def test_platt_recovers_the_slope_and_offset_of_a_known_model(self):
        rng = np.random.default_rng(3)
        score = rng.normal(size=40000) * 2
        y = (rng.random(len(score)) < 1 / (1 + np.exp(-(0.5 * score - 1.0)))).astype(float)
        a, b = compare.platt(score, y)
        self.assertAlmostEqual(a, 0.5, delta=0.03)
        self.assertAlmostEqual(b, -1.0, delta=0.04)

    def test_figures_are_precision_recall_and_never_spoken_accepted_with_the_veto(self):
        p = np.array([0.95, 0.95, 0.95, 0.5, 0.99])
        y = np.array([1, 0, 0, 1, 1], float)
        spoken = np.array([True, False, True, True, True])
        veto = np.array([False, False, False, False, True])
        precision, recall, never = compare.figures(p, y, spoken, veto, 0.9)
        self.assertAlmostEqual(precision, 100 / 3)  # lines 0-2 accepted, line 4 vetoed
        self.assertAlmostEqual(recall, 100 / 3)  # 1 of the 3 right lines
        self.assertEqual(never, 1)

    def test_programme_features_are_the_programme_median_on_each_of_its_lines(self):
        names = ["rho", "word_logp_mean", "check_not_heard"]
        a = np.array([[-1.0, -0.5, 0], [-3.0, -0.9, 1], [-2.0, -0.7, 1]])
        b = np.array([[-5.0, -2.0, 1]])
        rest = (np.ones(1),)
        progs = compare.with_programme_features({"a": (a, *rest), "b": (b, *rest)}, names, compare.PROGRAMME_FEATURES)
        xa, xb = progs["a"][0], progs["b"][0]
        np.testing.assert_allclose(xa[:, :3], a)  # the line features stay as they were
        np.testing.assert_allclose(xa[:, 3:], [[-2.0, -0.7, 2 / 3]] * 3)
        np.testing.assert_allclose(xb[:, 3:], [[-5.0, -2.0, 1.0]])
        self.assertIs(progs["a"][1], rest[0])


if __name__ == "__main__":
    unittest.main()
