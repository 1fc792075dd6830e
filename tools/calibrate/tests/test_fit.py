"""The calibration fit: IRLS recovers a known logistic model, captions join their segments by text, min_p selection."""
import os
import sys
import unittest

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import fit  # noqa: E402


class FitTest(unittest.TestCase):
    def test_irls_recovers_the_coefficients_of_a_known_logistic_model(self):
        rng = np.random.default_rng(1)
        x = rng.normal(size=(20000, 3)) * [1.0, 2.0, 0.5] + [0.0, 1.0, -1.0]
        z = 0.5 + 1.5 * x[:, 0] - 0.75 * x[:, 1] + 0.0 * x[:, 2]
        y = (rng.random(len(z)) < 1 / (1 + np.exp(-z))).astype(float)
        means, scales, weights, intercept = fit.fit_logistic(x, y, l2=1e-6)
        # back from standardised to raw coefficients
        raw = weights / scales
        self.assertAlmostEqual(raw[0], 1.5, delta=0.06)
        self.assertAlmostEqual(raw[1], -0.75, delta=0.03)
        self.assertAlmostEqual(raw[2], 0.0, delta=0.06)
        self.assertAlmostEqual(intercept - np.sum(weights * means / scales), 0.5, delta=0.06)
        p = fit.predict((means, scales, weights, intercept), x)
        _, ece = fit.reliability(p, y)
        self.assertLess(ece, 0.02)

    def test_l2_shrinks_the_weights(self):
        rng = np.random.default_rng(2)
        x = rng.normal(size=(200, 2))
        y = (x[:, 0] + rng.normal(size=200) > 0).astype(float)
        small = fit.fit_logistic(x, y, l2=0.01)[2]
        large = fit.fit_logistic(x, y, l2=100.0)[2]
        self.assertLess(np.abs(large).sum(), np.abs(small).sum() / 2)

    def test_captions_join_segments_by_text_in_order_when_the_reader_left_one_out(self):
        truth = {"lines": [{"caption_index": 0, "text": "Hello there."},
                           {"caption_index": None, "text": None},
                           {"caption_index": 1, "text": "[MUSIC]"},
                           {"caption_index": 2, "text": "Licence fee (binary only)."},
                           {"caption_index": 3, "text": "Goodbye."}]}
        segments = [{"index": 0, "text": "Hello there."}, {"index": 1, "text": "Licence fee ."},
                    {"index": 2, "text": "Goodbye."}]
        m = fit.match_captions(truth, segments)
        self.assertEqual({k: v["index"] for k, v in m.items()}, {0: 0, 3: 2})  # the changed text is not guessed

    def test_min_p_is_the_lowest_threshold_keeping_99_percent(self):
        p = np.linspace(0, 1, 1001)
        y = (p > 0.3).astype(float)  # every line above 0.3 is right
        t, how = fit.choose_min_p(p, y, np.zeros(len(p), bool))
        # at 0.295, 6 wrong lines (p 0.295-0.300) against 700 right ones: 99.15%; at 0.29, 11 wrong: 98.5%
        self.assertEqual(t, 0.295)
        self.assertIn("on the training curve", how)
        noisy = y.copy()
        noisy[::10] = 0  # 10% wrong everywhere above 0.3: 99% is never reached
        t, how = fit.choose_min_p(p, noisy, np.zeros(len(p), bool), rule_precision=0.85)
        self.assertIn("not reached", how)
        self.assertIn("as precise as the rule statuses there (85.0%)", how)
        # the lowest threshold whose accepted lines are still 85% right
        acc = p >= t
        self.assertGreaterEqual(noisy[acc].mean(), 0.85)
        self.assertLess(noisy[p >= t - 0.005].mean(), 0.85)

    def test_with_kinds_of_speech_each_kind_must_keep_99_percent(self):
        p = np.linspace(0, 1, 1001)
        y = (p > 0.3).astype(float)
        kinds = np.where(np.arange(len(p)) % 10 == 0, "real", "synthetic")
        # the real lines (one in ten) are wrong below 0.8: pooled, 0.3 and up stays 99% right down to 0.295 ...
        y[(kinds == "real") & (p < 0.8)] = 0
        pooled, _ = fit.choose_min_p(p, y, np.zeros(len(p), bool))
        self.assertLess(pooled, 0.8)
        # ... but the real lines alone are 99% right only from about 0.8
        t, how = fit.choose_min_p(p, y, np.zeros(len(p), bool), kinds=kinds)
        self.assertIn("real and synthetic speech each", how)
        real = (kinds == "real") & (p >= t)
        self.assertGreaterEqual(y[real].mean(), 0.99)
        self.assertLess(y[(kinds == "real") & (p >= t - 0.005)].mean(), 0.99)

    def test_a_spoken_leading_speaker_label_is_left_out_of_the_scored_span_only_when_its_letters_match(self):
        def line(text, words):
            return {"text": text, "start": words[0][1], "end": words[-1][2],
                    "words": [{"word": w, "start": s, "end": e} for w, s, e in words]}

        q = line("Q: Why does it rain?", [("q", 1.0, 1.3), ("why", 1.5, 1.7), ("does", 1.7, 1.9), ("it", 1.9, 2.0), ("rain", 2.0, 2.4)])
        self.assertEqual(fit.scored_span(q), (1.5, 2.4))
        qotd = line("QOTD: Be kind.", [("q", 0.0, 0.2), ("o", 0.2, 0.4), ("t", 0.4, 0.6), ("d", 0.6, 0.8), ("be", 1.0, 1.2), ("kind", 1.2, 1.6)])
        self.assertEqual(fit.scored_span(qotd), (1.0, 1.6))  # spelled out letter by letter
        roman = line("VI: A hungry dog.", [("v", 0.0, 0.2), ("i", 0.2, 0.4), ("a", 0.5, 0.6), ("hungry", 0.6, 1.0), ("dog", 1.0, 1.3)])
        self.assertEqual(fit.scored_span(roman), (0.0, 1.3))  # the caption reader keeps a Roman numeral: so does the score
        unsaid = line("ANCHOR: Good evening.", [("good", 0.5, 0.8), ("evening", 0.8, 1.3)])
        self.assertEqual(fit.scored_span(unsaid), (0.5, 1.3))  # the label was not said: nothing to leave out
        lower = line("Note: it rains.", [("note", 0.0, 0.3), ("it", 0.4, 0.5), ("rains", 0.5, 0.9)])
        self.assertEqual(fit.scored_span(lower), (0.0, 0.9))  # not a label (not upper case): speech
        real = {"text": "Q: hello", "start": 2.0, "end": 3.0, "words": []}
        self.assertEqual(fit.scored_span(real), (2.0, 3.0))  # no word times: the true span

    def test_the_line_table_names_every_placed_lines_features_and_says_where_its_p_came_from(self):
        def row(ci, x, label):
            return {"detail": {"caption_index": ci, "text": f"line {ci}", "truth": (ci, ci + 1.0), "got": (ci, ci + 1.2)},
                    "x": x, "label": label, "spoken": x is not None, "rule_aligned": label == 1, "vetoed": False,
                    "differs": False}

        progs = {"train-a": [row(0, [1.0, 2.0], 1), row(1, None, 0), row(2, [3.0, 4.0], 0)],
                 "eval-b": [row(0, [5.0, 6.0], 1)]}
        seen = []

        def p_of(name, xs):
            seen.append((name, xs.tolist()))
            return xs[:, 0] / 10, name

        t = fit.line_table(progs, ["f1", "f2"], p_of)
        self.assertEqual(seen, [("train-a", [[1.0, 2.0], [3.0, 4.0]]), ("eval-b", [[5.0, 6.0]])])  # unplaced left out
        self.assertEqual([(r["programme"], r["caption_index"], r["label"]) for r in t],
                         [("train-a", 0, 1), ("train-a", 2, 0), ("eval-b", 0, 1)])
        self.assertEqual(t[1]["features"], {"f1": 3.0, "f2": 4.0})
        self.assertEqual([r["p_correct"] for r in t], [0.1, 0.3, 0.5])
        self.assertEqual(t[2]["p_from"], "eval-b")

    def test_only_the_pause_vetoes_and_the_check_table_counts_what_each_check_holds_back(self):
        names = ["rho", "check_pause", "check_not_heard"]

        def row(x, label, spoken=True, differs=False):
            ev = dict(zip(names, x))
            return {"detail": {"text": "a b", "spoken_text": "a c" if differs else "a b"}, "x": x, "label": label, "spoken": spoken, "rule_aligned": False,
                    "vetoed": any(ev[fit.CHECKS[v]] > 0.5 for v in fit.VETOES),
                    "checks": {c: ev[f] > 0.5 for c, f in fit.CHECKS.items()}, "differs": differs}

        self.assertEqual(fit.VETOES, ("pause",))
        rows = [row([0.0, 0, 1], 1),                    # not heard but right: accepted (no longer a veto)
                row([0.0, 1, 0], 1),                    # a pause splits it: vetoed
                row([0.0, 0, 1], 0, spoken=False),      # never spoken, not heard
                row([-5.0, 0, 1], 0, spoken=False),     # never spoken, low p
                row([0.0, 0, 0], 1, differs=True)]      # right, but the caption-differs check marks it
        model = (np.zeros(3), np.ones(3), np.array([1.0, 0, 0]), 0.0)  # p = logistic(rho): 0.5 or 0.007
        r = fit.evaluate(rows, model, 0.4)
        self.assertEqual((r["after"]["aligned"], r["after"]["never_spoken_accepted"]), (3, 1))
        self.assertEqual(r["after_with_differs_check"]["aligned"], 2)
        self.assertEqual(r["checks"]["not_heard"], {"lines": 3, "lines_at_min_p": 2, "right": 1, "right_at_min_p": 1,
                                                    "right_text_differs": 0, "right_text_differs_at_min_p": 0,
                                                    "never_spoken": 2, "never_spoken_at_min_p": 1,
                                                    "wrong_spoken": 0, "wrong_spoken_at_min_p": 0})
        self.assertEqual((r["checks"]["pause"]["right"], r["checks"]["caption_differs"]["right_at_min_p"]), (1, 1))
        self.assertEqual(r["checks"]["caption_differs"]["right_text_differs"], 1)
        # recall over the right lines whose caption is what was said: the first two of the three right lines are, and
        # only the first is accepted (the second is vetoed); the third differs and only the check holds it back
        self.assertEqual((r["after"]["recall"], r["after"]["recall_caption_as_said"]), (2 / 3, 0.5))
        self.assertEqual((r["after_with_differs_check"]["recall"], r["after_with_differs_check"]["recall_caption_as_said"]), (1 / 3, 0.5))

    def test_a_never_spoken_line_repeats_speech_only_when_its_words_are_said_in_order_near_its_caption_time(self):
        truth = {"lines": [
            {"spoken": True, "start": 100.0, "spoken_text": "Prices rose by 4.4% in 2013,"},
            {"spoken": True, "start": 104.0, "spoken_text": "reported the FBI."},
            {"spoken": True, "start": 300.0, "spoken_text": "Flight LH 127 to Nairobi"}]}

        def inserted(text, at):
            return {"spoken": False, "text": text, "caption_start": at}

        self.assertTrue(fit.repeats_speech(inserted("Prices rose by 4.4% in 2013, reported", 99.0), truth))  # across two lines
        self.assertFalse(fit.repeats_speech(inserted("Prices rose by 4.4% in 2013, reported", 200.0), truth))  # said, but far away
        self.assertFalse(fit.repeats_speech(inserted("Flight AA 125 to", 300.0), truth))  # alike, not the same words
        self.assertFalse(fit.repeats_speech(inserted("rose by 4.4% reported", 100.0), truth))  # not in order
        self.assertFalse(fit.repeats_speech({"spoken": True, "text": "reported the FBI.", "caption_start": 104.0}, truth))


if __name__ == "__main__":
    unittest.main()
