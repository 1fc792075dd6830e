"""The "do not forget" guard of the fine-tune step choice: train.select_step and BestByVal against a brute force on
random curves, and import_corpus.py --forget-val (original clips of training speakers only, never a mixed-in one,
synthetic train split only; train.py leaves their ids out of training)."""
import json
import os
import random
import subprocess
import sys
import tempfile
import unittest
import wave

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
import ctcmodel  # noqa: E402
import train  # noqa: E402

SCRIPT = os.path.join(HERE, "..", "import_corpus.py")


def brute_force(cers, origs, tolerance):
    """Every index whose original-data CER is within tolerance of the start's, the lowest harvest CER, earliest."""
    allowed = [i for i in range(len(cers)) if origs[i] is None or origs[0] is None or origs[i] <= origs[0] + tolerance + 1e-12]
    return min(allowed, key=lambda i: (cers[i], i))


def write_wav(path, value, n=16000):
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(np.full(n, value, dtype="<i2").tobytes())


class ForgetGuardTest(unittest.TestCase):
    def test_select_step_and_best_by_val_equal_brute_force_on_random_curves(self):
        rng = random.Random(21)
        m = ctcmodel.CtcModel(16, 1, 3)
        grid = [k / 100 for k in range(30, 50)]  # coarse values: ties happen
        for case in range(300):
            n = rng.randint(1, 12)
            cers = [rng.choice(grid) for _ in range(n)]
            origs = [rng.choice(grid) for _ in range(n)] if case % 5 else [None] * n
            tol = rng.choice([0.0, 0.005, 0.01, 0.03])
            want = brute_force(cers, origs, tol)
            curve = [{"cer": c, **({"orig_cer": o} if o is not None else {})} for c, o in zip(cers, origs)]
            self.assertEqual(train.select_step(curve, tol), want, (cers, origs, tol))
            v = train.BestByVal([], 25, [(None, "x")] if origs[0] is not None else None, tol)
            states = []
            for k, (c, o) in enumerate(zip(cers, origs)):
                with torch.no_grad():
                    m.out.bias.fill_(float(k))
                states.append(m.out.bias.clone())
                v.observe(25 * k, k / 2, c, m, o)
            s = v.summary()
            self.assertEqual(s["best_step"], 25 * want, (cers, origs, tol))
            self.assertTrue(torch.equal(v.best_state["out.bias"], states[want]))
            if origs[0] is not None:
                self.assertEqual((s["start_orig_cer"], s["best_orig_cer"], s["final_orig_cer"]), (origs[0], origs[want], origs[-1]))

    def test_a_step_that_forgets_is_not_kept_even_with_the_lowest_harvest_cer(self):
        curve = [{"cer": 0.46, "orig_cer": 0.367}, {"cer": 0.40, "orig_cer": 0.380}, {"cer": 0.43, "orig_cer": 0.370}]
        self.assertEqual(train.select_step(curve, 0.005), 2)
        self.assertEqual(train.select_step(curve, 0.02), 1)
        self.assertEqual(train.select_step(curve, 0.0), 0, "the start always qualifies")

    def test_import_corpus_forget_val_takes_training_speakers_and_never_a_mixed_clip(self):
        with tempfile.TemporaryDirectory() as d:
            exp, orig, syn = (os.path.join(d, x) for x in ("exp", "orig", "syn"))
            for f in (exp, orig, syn, os.path.join(syn, "wav")):
                os.makedirs(f)
            with open(os.path.join(exp, "manifest.jsonl"), "w") as f:
                for k in range(10):
                    write_wav(os.path.join(exp, f"c{k}.wav"), k)
                    f.write(json.dumps({"audio_filepath": f"c{k}.wav", "text": f"text {k}", "duration": 0.1}) + "\n")
            with open(os.path.join(orig, "manifest.jsonl"), "w") as f:
                for k in range(40):
                    np.save(os.path.join(orig, f"o{k}.npy"), np.full(16000, k, dtype="<i2"))
                    f.write(json.dumps({"id": f"o{k}", "text": f"orig {k}", "duration": 0.1, "npy": f"o{k}.npy",
                                        "heldout": k % 4 == 0}) + "\n")
            with open(os.path.join(syn, "manifest.jsonl"), "w") as f:
                for k in range(12):
                    write_wav(os.path.join(syn, "wav", f"s{k}.wav"), 100 + k)
                    f.write(json.dumps({"id": f"s{k}", "audio": f"wav/s{k}.wav", "spoken": f"syn {k}", "duration": 0.1,
                                        "split": "heldout" if k % 3 == 0 else "train"}) + "\n")
            out, fv = os.path.join(d, "out"), os.path.join(d, "fv")
            subprocess.run([sys.executable, SCRIPT, "--corpus", exp, "--out", out, "--original", orig,
                            "--original-share", "0.5", "--forget-val", "5", "--forget-val-out", fv, "--synthetic", syn],
                           check=True, capture_output=True)
            mixed = {r["id"] for r in map(json.loads, open(os.path.join(out, "manifest.jsonl"))) if r["id"].startswith("o")}
            held = [json.loads(l) for l in open(os.path.join(fv, "manifest.jsonl"))]
            real = [r for r in held if r["id"].startswith("o")]
            synth = [r for r in held if r["id"].startswith("s")]
            self.assertEqual((len(mixed), len(real), len(synth)), (10, 5, 5))
            self.assertFalse(mixed & {r["id"] for r in real}, "a mixed-in clip is never a validation clip")
            self.assertTrue(all(int(r["id"][1:]) % 4 for r in real), "held-out speakers never")
            self.assertTrue(all(int(r["id"][1:]) % 3 for r in synth), "the synthetic heldout split never")
            for r in held:
                pcm = np.load(os.path.join(fv, r["npy"]))
                self.assertEqual(int(pcm[0]), int(r["id"][1:]) + (100 if r["id"].startswith("s") else 0))
            self.assertEqual(sorted(r["text"] for r in synth), sorted(f"syn {r['id'][1:]}" for r in synth))
            # train.py leaves the validation ids out of both corpora
            c = train.Corpus([(os.path.join(syn, "manifest.jsonl"), "train")])
            c.exclude = {r["id"] for r in held}
            c.refresh()
            rc = train.RealCorpus(orig)
            rc.exclude = set(c.exclude)
            rc.refresh()
            self.assertEqual(set(c.items), {f"s{k}" for k in range(12) if k % 3} - c.exclude)
            self.assertEqual(set(rc.items), {f"o{k}" for k in range(40) if k % 4} - c.exclude)


if __name__ == "__main__":
    unittest.main()
