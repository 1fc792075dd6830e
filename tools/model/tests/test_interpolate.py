"""WiSE-FT weight interpolation (tools/model/interpolate.py): the selection rule of --alpha auto against a brute force
on random grids, and the interpolation itself (a model with itself is itself, a = 0 / a = 1 give the two models,
mismatched state dicts are a one-line error)."""
import json
import os
import random
import subprocess
import sys
import tempfile
import unittest

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
import ctcmodel  # noqa: E402
import interpolate  # noqa: E402

SCRIPT = os.path.join(HERE, "..", "interpolate.py")


def brute_force(points, tolerance):
    """Every a whose original-data CER is within tolerance of a = 0's; the lowest held-back CER, the smallest a."""
    start = [p for p in points if p["alpha"] == 0][0]
    allowed = [i for i, p in enumerate(points)
               if p.get("orig_cer") is None or start.get("orig_cer") is None or p["orig_cer"] <= start["orig_cer"] + tolerance + 1e-12]
    return min(allowed, key=lambda i: (points[i]["cer"], points[i]["alpha"]))


def model_state(seed, bn_stats=True):
    torch.manual_seed(seed)
    m = ctcmodel.CtcModel(16, 2, 3)
    if bn_stats:  # running statistics that differ between the two models
        for mod in m.modules():
            if isinstance(mod, torch.nn.BatchNorm1d):
                mod.running_mean.normal_()
                mod.running_var.uniform_(0.5, 2.0)
                mod.num_batches_tracked.fill_(seed)
    return {k: v.clone() for k, v in m.state_dict().items()}


class SelectAlphaTest(unittest.TestCase):
    def test_select_alpha_equals_brute_force_on_random_grids(self):
        rng = random.Random(7)
        values = [k / 100 for k in range(30, 45)]  # coarse: ties happen
        for case in range(400):
            grid = sorted(rng.sample([k / 10 for k in range(1, 11)], rng.randint(0, 10)) + [0.0])
            rng.shuffle(grid) if case % 3 == 0 else None  # the rule must not depend on the order of the points
            with_orig = case % 4 != 0
            points = [{"alpha": a, "cer": rng.choice(values), **({"orig_cer": rng.choice(values)} if with_orig else {})}
                      for a in grid]
            tol = rng.choice([0.0, 0.005, 0.01, 0.03])
            got = interpolate.select_alpha(points, tol)
            want = brute_force(points, tol)
            self.assertEqual(points[got]["alpha"], points[want]["alpha"], (points, tol))

    def test_forgetting_alphas_are_refused_and_zero_always_qualifies(self):
        points = [{"alpha": 0.0, "cer": 0.46, "orig_cer": 0.367}, {"alpha": 0.5, "cer": 0.42, "orig_cer": 0.371},
                  {"alpha": 1.0, "cer": 0.40, "orig_cer": 0.380}]
        self.assertEqual(points[interpolate.select_alpha(points, 0.005)]["alpha"], 0.5)
        self.assertEqual(points[interpolate.select_alpha(points, 0.0)]["alpha"], 0.0)
        self.assertEqual(points[interpolate.select_alpha(points, 0.05)]["alpha"], 1.0)
        worse = [{"alpha": 0.0, "cer": 0.40, "orig_cer": 0.30}, {"alpha": 1.0, "cer": 0.41, "orig_cer": 0.30}]
        self.assertEqual(interpolate.select_alpha(worse, 0.005), 0)

    def test_grid_without_zero_is_an_error(self):
        with self.assertRaises(ValueError):
            interpolate.select_alpha([{"alpha": 0.5, "cer": 0.4}], 0.005)
        self.assertEqual(interpolate.parse_grid("0.5,1"), [0.0, 0.5, 1.0])
        with self.assertRaises(ValueError):
            interpolate.parse_grid("0,1.5")


class InterpolateTest(unittest.TestCase):
    def test_a_model_with_itself_is_itself(self):
        s = model_state(1)
        for a in (0.0, 0.1, 0.37, 0.5, 0.9, 1.0):
            out = interpolate.interpolate(s, s, a)
            for k in s:
                self.assertTrue(torch.equal(out[k], s[k]), (k, a))

    def test_ends_are_the_two_models_and_the_middle_is_linear(self):
        s, t = model_state(1), model_state(2)
        zero, one, half = (interpolate.interpolate(s, t, a) for a in (0.0, 1.0, 0.25))
        differing = 0
        for k in s:
            self.assertTrue(torch.equal(zero[k], s[k]), k)
            if s[k].is_floating_point():
                self.assertTrue(torch.equal(one[k], t[k]), k)
                self.assertTrue(torch.allclose(half[k], 0.75 * s[k] + 0.25 * t[k], atol=1e-6), k)
                differing += not torch.equal(s[k], t[k])
            else:  # num_batches_tracked: the start's
                self.assertTrue(torch.equal(one[k], s[k]), k)
        self.assertGreater(differing, 10)  # the test is not vacuous
        bn = [k for k in s if k.endswith("running_mean")]
        self.assertTrue(bn and all(torch.allclose(half[k], 0.75 * s[k] + 0.25 * t[k], atol=1e-6) for k in bn))

    def test_the_output_runs_and_sits_between_the_two_models(self):
        s, t = model_state(1, bn_stats=False), model_state(2, bn_stats=False)
        m = ctcmodel.CtcModel(16, 2, 3)
        m.load_state_dict(interpolate.interpolate(s, t, 0.5))
        m.eval()
        with torch.no_grad():
            out = m(torch.zeros(1, 16000))
        self.assertTrue(torch.isfinite(out).all())

    def test_mismatched_state_dicts_are_an_error(self):
        s = model_state(1)
        t = dict(s)
        t.pop("out.bias")
        with self.assertRaises(ValueError) as e:
            interpolate.interpolate(s, t, 0.5)
        self.assertIn("out.bias", str(e.exception))
        self.assertNotIn("\n", str(e.exception))
        t = dict(s, **{"out.bias": torch.zeros(3)})
        with self.assertRaises(ValueError) as e:
            interpolate.interpolate(s, t, 0.5)
        self.assertIn("shape", str(e.exception))
        with self.assertRaises(ValueError):
            interpolate.interpolate(s, s, 1.5)

    def test_cli_mismatch_is_one_line_and_auto_writes_the_grid(self):
        with tempfile.TemporaryDirectory() as d:
            args = {"channels": 16, "blocks": 2, "kernel": 3}
            s = model_state(1, bn_stats=False)
            torch.save({"model": s, "args": args, "step": 0}, os.path.join(d, "start.pt"))
            small = {"channels": 16, "blocks": 1, "kernel": 3}
            torch.manual_seed(3)
            torch.save({"model": ctcmodel.CtcModel(16, 1, 3).state_dict(), "args": small, "step": 5}, os.path.join(d, "other.pt"))
            p = subprocess.run([sys.executable, SCRIPT, "--start", os.path.join(d, "start.pt"), "--tuned", os.path.join(d, "other.pt"),
                                "--alpha", "0.5", "--out", os.path.join(d, "x.pt")], capture_output=True, text=True)
            self.assertEqual(p.returncode, 2)
            self.assertEqual(len(p.stderr.strip().splitlines()), 1, p.stderr)
            self.assertIn("different parameters", p.stderr)
            self.assertFalse(os.path.exists(os.path.join(d, "x.pt")))
            # auto on two tiny held-back clips: the grid is measured, a = 0 is in it, the chosen a is select_alpha's
            t = model_state(2, bn_stats=False)
            torch.save({"model": t, "args": args, "step": 9}, os.path.join(d, "tuned.pt"))
            val = os.path.join(d, "val")
            os.makedirs(val)
            rng = np.random.default_rng(0)
            with open(os.path.join(val, "manifest.jsonl"), "w") as f:
                for k in range(2):
                    np.save(os.path.join(val, f"c{k}.npy"), (rng.standard_normal(8000) * 3000).astype(np.int16))
                    f.write(json.dumps({"id": f"c{k}", "npy": f"c{k}.npy", "text": "a b"}) + "\n")
            p = subprocess.run([sys.executable, SCRIPT, "--start", os.path.join(d, "start.pt"), "--tuned", os.path.join(d, "tuned.pt"),
                                "--alpha", "auto", "--grid", "0.5,1", "--val", val, "--forget-val", val,
                                "--out", os.path.join(d, "x.pt"), "--report", os.path.join(d, "r.json")], capture_output=True, text=True)
            self.assertEqual(p.returncode, 0, p.stderr)
            with open(os.path.join(d, "r.json")) as f:
                r = json.load(f)
            self.assertEqual([q["alpha"] for q in r["grid"]], [0.0, 0.5, 1.0])
            self.assertEqual(r["alpha"], r["grid"][interpolate.select_alpha(r["grid"], 0.005)]["alpha"])
            ck = torch.load(os.path.join(d, "x.pt"))
            self.assertEqual(ck["interpolation"]["alpha"], r["alpha"])
            self.assertEqual(ck["step"], 9)
            want = interpolate.interpolate(s, t, r["alpha"])
            self.assertTrue(all(torch.equal(ck["model"][k], want[k]) for k in want))


if __name__ == "__main__":
    unittest.main()
