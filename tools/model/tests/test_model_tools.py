"""Model recipe checks: frame count, ONNX export equals the torch model, Viterbi equals brute force, rules."""
import itertools
import os
import sys
import tempfile
import unittest

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import ctcmodel  # noqa: E402
import evaluate  # noqa: E402
import train  # noqa: E402


def collapse(path):
    out, prev = [], None
    for p in path:
        if p != prev and p != ctcmodel.BLANK:
            out.append(p)
        prev = p
    return out


class ModelToolsTest(unittest.TestCase):
    def test_freeze_bn_keeps_statistics_and_dropout_and_training_moves_them_otherwise(self):
        torch.manual_seed(0)
        x = torch.randn(2, 16000)
        for freeze_bn in (False, True):
            m = ctcmodel.CtcModel(32, 2, 5)
            before = [b.running_mean.clone() for b in m.modules() if isinstance(b, torch.nn.BatchNorm1d)]
            train.set_train_mode(m, [], freeze_bn)
            self.assertTrue(m.training)
            self.assertTrue(all(d.training for d in m.modules() if isinstance(d, torch.nn.Dropout)))
            m(x)
            after = [b.running_mean for b in m.modules() if isinstance(b, torch.nn.BatchNorm1d)]
            same = all(torch.equal(a, b) for a, b in zip(before, after))
            self.assertEqual(same, freeze_bn)

    def test_best_by_val_keeps_the_earliest_lowest_state(self):
        m = ctcmodel.CtcModel(16, 1, 3)
        for cers, best in (([0.5, 0.6, 0.4, 0.4, 0.45], 2), ([0.3, 0.4, 0.5], 0), ([0.3], 0), ([0.5, 0.2], 1)):
            v = train.BestByVal([], 25)
            states = []
            for k, c in enumerate(cers):
                with torch.no_grad():
                    m.out.bias.fill_(float(k))  # a different state at every observation
                states.append(m.out.bias.clone())
                v.observe(25 * k, k / 2, c, m)
            s = v.summary()
            self.assertEqual(s["best_step"], 25 * best)
            self.assertEqual(s["best_cer"], cers[best])
            self.assertEqual((s["start_cer"], s["final_cer"]), (cers[0], cers[-1]))
            self.assertEqual([p["step"] for p in s["curve"]], [25 * k for k in range(len(cers))])
            self.assertTrue(torch.equal(v.best_state["out.bias"], states[best]), "the state seen at the best step")

    def test_val_cer_is_the_greedy_cer_in_eval_mode_and_keeps_the_mode(self):
        torch.manual_seed(1)
        m = ctcmodel.CtcModel(16, 2, 3)
        rng = np.random.default_rng(3)
        clips = [((rng.standard_normal(n) * 3000).astype(np.int16), t)
                 for n, t in ((8000, "Hello, World"), (12000, "it's  me"), (4000, "a"))]
        m.train()
        got = train.val_cer(m, clips, torch.device("cpu"))
        self.assertTrue(m.training, "training mode restored")
        m.eval()
        edits = chars = 0
        for pcm, ref in zip([c[0] for c in clips], ["hello world", "it's me", "a"]):
            with torch.no_grad():
                hyp = evaluate.greedy(m(torch.from_numpy(pcm.astype(np.float32) / 32768.0)[None])[0].numpy())
            edits += evaluate.edit_distance(hyp, ref)
            chars += len(ref)
        self.assertAlmostEqual(got, edits / chars)

    def test_frames_are_floor_samples_over_320(self):
        torch.manual_seed(0)
        m = ctcmodel.CtcModel(32, 2, 5).eval()
        for n in (320, 639, 640, 16000, 16319, 33333):
            with torch.no_grad():
                self.assertEqual(m(torch.randn(1, n)).shape, (1, n // 320, len(ctcmodel.VOCAB)), n)

    def test_onnx_export_matches_torch_at_any_length(self):
        import export
        import onnx_eval
        torch.manual_seed(0)
        m = ctcmodel.CtcModel(32, 2, 5).eval()
        with tempfile.TemporaryDirectory() as d:
            export.export(m, d, {"step": 0})
            o = onnx_eval.OnnxModel(os.path.join(d, "model.onnx"))
            for n in (3200, 16319, 40000):
                w = (np.random.default_rng(n).standard_normal((1, n)) * 0.1).astype(np.float32)
                with torch.no_grad():
                    ref = m(torch.from_numpy(w)).numpy()
                got = o(w)
                self.assertEqual(got.shape, ref.shape)
                self.assertLess(float(np.abs(got - ref).max()), 1e-4)

    def test_fast_graph_rewrites_compute_the_exported_function(self):
        """quantize.py's rewrites (folded DFT front end, 4-D encoder, squares as Mul) on the float graph give the
        exported model's log-probabilities at any length, including the short and odd ones."""
        import copy
        import export
        import onnx
        import onnx_eval
        import quantize
        torch.manual_seed(0)
        m = ctcmodel.CtcModel(32, 2, 5).eval()
        with tempfile.TemporaryDirectory() as d:
            export.export(m, d, {"step": 0})
            plain = onnx.load(os.path.join(d, "model.onnx"))
            fast = copy.deepcopy(plain)
            quantize.rewrite(fast)
            ops = [n.op_type for n in fast.graph.node]
            self.assertNotIn("Pow", ops)
            self.assertEqual(sum(op == "Conv" for op in ops), sum(n.op_type == "Conv" for n in plain.graph.node) - 1)
            onnx.save(fast, os.path.join(d, "fast.onnx"))
            ref, got = onnx_eval.OnnxModel(os.path.join(d, "model.onnx")), onnx_eval.OnnxModel(os.path.join(d, "fast.onnx"))
            for n in (320, 479, 639, 3200, 16319, 40000):
                w = (np.random.default_rng(n).standard_normal((2, n)) * 0.1).astype(np.float32)
                a, b = ref(w), got(w)
                self.assertEqual(b.shape, a.shape, n)
                self.assertLess(float(np.abs(b - a).max()), 1e-4, n)
            q = copy.deepcopy(fast)
            self.assertEqual(quantize.quantize(q), 3)  # 2 blocks' pointwise convs + the output conv, in 4-D

    def test_viterbi_finds_the_best_path_of_brute_force(self):
        rng = np.random.default_rng(3)
        V = 4
        for tokens in ([2], [2, 3], [2, 2], [3, 2, 3]):
            for T in range(len(tokens) + 1, 6):
                lp = np.log(rng.dirichlet(np.ones(V), size=T))
                best = -np.inf
                for path in itertools.product(range(V), repeat=T):
                    if collapse(path) == tokens:
                        best = max(best, sum(lp[t, p] for t, p in enumerate(path)))
                states = evaluate.viterbi(lp, tokens)
                if best == -np.inf:
                    self.assertIsNone(states)
                    continue
                ext = [0]
                for t in tokens:
                    ext += [t, 0]
                path = [ext[s] for s in states]
                self.assertEqual(collapse(path), tokens)
                self.assertAlmostEqual(sum(lp[t, p] for t, p in enumerate(path)), best, places=9)

    def test_boundary_rules(self):
        spans = [(10, 20), (25, 40), (60, 70)]  # frames; gaps 100 ms and 400 ms
        out = evaluate.apply_rules(spans, start_shift=-0.02, end_pad=0.04, gap_limit=0.2)
        self.assertAlmostEqual(out[0][0], 0.18)
        self.assertAlmostEqual(out[0][1], (0.40 + 0.50) / 2)   # short gap: midpoint
        self.assertAlmostEqual(out[1][1], 0.80 + 0.04)         # long gap: last emission end + pad
        self.assertAlmostEqual(out[2][1], 1.40 + 0.04)

    def test_greedy_decoding_collapses_and_splits_words(self):
        V = len(ctcmodel.VOCAB)
        ids = [0, 9, 9, 0, 6, 0, 1, 1, 2, 0, 0]  # h h _ e _ | | a
        lp = np.full((len(ids), V), -10.0)
        lp[np.arange(len(ids)), ids] = 0.0
        self.assertEqual(evaluate.greedy(lp), "he a")

    def test_word_crops_hold_whole_words_and_no_neighbour(self):
        import random
        words = [{"word": "one", "start": 0.50, "end": 0.80}, {"word": "two", "start": 0.80, "end": 1.10},
                 {"word": "three", "start": 1.45, "end": 1.90}, {"word": "four", "start": 2.00, "end": 2.40}]
        pcm = np.arange(int(2.8 * 16000), dtype=np.int64)  # sample i holds i, so the cut shows where it came from
        rng = random.Random(7)
        seen = set()
        for _ in range(300):
            r = train.crop_to_words(pcm, words, rng)
            self.assertIsNotNone(r)
            cut, target, chosen = r
            a = int(cut[0])
            names = [w["word"] for w in chosen]
            seen.add(tuple(names))
            i = [w["word"] for w in words].index(names[0])
            self.assertEqual(names, [w["word"] for w in words[i:i + len(names)]])
            self.assertEqual(target, [train.CHAR[c] for c in "|".join(names)])
            for w, orig in zip(chosen, words[i:]):  # times move with the cut and stay inside it
                self.assertAlmostEqual(w["start"] + a / 16000, orig["start"], places=6)
                self.assertGreaterEqual(w["start"], 0.0)
                self.assertLessEqual(w["end"] * 16000, len(cut) + 1)
            if i > 0:  # never reaches back into the previous word
                self.assertGreaterEqual(a / 16000 + 1e-6, words[i - 1]["end"])
            j = i + len(names)
            if j < len(words):
                self.assertLessEqual((a + len(cut)) / 16000 - 1e-6, words[j]["start"])
        self.assertIn(("one",), seen)
        self.assertIn(("two", "three", "four"), seen)
        self.assertIsNone(train.crop_to_words(pcm, [dict(words[0], approx=True)], rng))

    def test_narrowband_removes_the_band_above_4_khz(self):
        import random
        t = torch.arange(16000) / 16000
        a = torch.sin(2 * np.pi * 1000 * t) + torch.sin(2 * np.pi * 6000 * t)
        spec = torch.fft.rfft(train.narrowband(a, random.Random(1))).abs()
        self.assertGreater(float(spec[1000]), 1000)
        self.assertLess(float(spec[6000]), 1e-2)

    def test_opus_pack_round_trip_keeps_length_and_timing(self):
        import opus_pack
        lib, _ = opus_pack.load_libopus()
        enc = opus_pack.Encoder(lib, 12)
        t = np.arange(16000 + 123) / 16000.0
        # a tone burst that starts at exactly 0.5 s: after the round trip its onset must still be at 0.5 s
        pcm = (np.where(t >= 0.5, 8000 * np.sin(2 * np.pi * 440 * t), 0)).astype(np.int16)
        data = b"".join(len(p).to_bytes(2, "little") + p for p in enc.encode(pcm))
        out = opus_pack.decode(lib, data, len(pcm), enc.lookahead)
        self.assertEqual(len(out), len(pcm))
        env = np.abs(out.astype(np.float64))
        onset = int(np.argmax(env > 2000))
        self.assertLess(abs(onset - 8000), 80)  # within 5 ms
        ref = pcm[8800:16000].astype(np.float64)
        err = ref - out[8800:16000]
        self.assertGreater(10 * np.log10((ref ** 2).sum() / (err ** 2).sum()), 10.0)
        enc.close()

    def test_packed_corpus_holds_what_was_packed(self):
        import opus_pack
        with tempfile.TemporaryDirectory() as d:
            real = os.path.join(d, "real")
            os.makedirs(real)
            rng = np.random.default_rng(0)
            with open(os.path.join(real, "manifest.jsonl"), "w") as f:
                for i in range(3):
                    np.save(os.path.join(real, f"c{i}.npy"), (rng.standard_normal(8000 + 1000 * i) * 3000).astype(np.int16))
                    f.write('{"id": "c%d", "npy": "c%d.npy", "text": "a b", "duration": 1.0, "heldout": %s}\n'
                            % (i, i, "true" if i == 1 else "false"))
            out = os.path.join(d, "pack")
            import argparse
            opus_pack.pack(argparse.Namespace(real=real, synthetic=None, out=out, kbps=12, complexity=5, hours=0,
                                              max_seconds=22.0))
            got = {r["id"]: len(p) for r, p in opus_pack.read_packed_parallel(out, ("real",), 2)}
            self.assertEqual(got, {"c0": 8000, "c2": 10000})  # the held-out clip is never packed

    def test_mel_warp_moves_bands_and_keeps_identity(self):
        feats = torch.arange(80, dtype=torch.float32).unsqueeze(1).repeat(1, 3)  # band m holds m
        self.assertTrue(torch.equal(train.warp_mel(feats, 1.0), feats))
        warped = train.warp_mel(feats, 1.1)
        self.assertAlmostEqual(float(warped[10, 0]), 11.0, places=4)
        self.assertAlmostEqual(float(warped[79, 2]), 79.0, places=4)  # clamped at the top band
        self.assertAlmostEqual(float(train.warp_mel(feats, 0.9)[15, 1]), 13.5, places=4)


if __name__ == "__main__":
    unittest.main()
