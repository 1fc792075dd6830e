#!/usr/bin/python3
"""Decodes the real corpus (../shared/data/real-corpus, Ogg Opus) once to 16 kHz int16 .npy files in a cache:
  /usr/bin/python3 tools/model/decode_real.py --corpus ../shared/data/real-corpus --out ~/.cache/ctcalign/real
Writes <out>/<id>.npy and <out>/manifest.jsonl (the corpus manifest plus "npy" and "heldout"). At most 2 decoders."""
import argparse, json, os, subprocess, sys
from concurrent.futures import ThreadPoolExecutor
import numpy as np


def decode(corpus, out, r):
    dst = os.path.join(out, r["id"] + ".npy")
    if not os.path.exists(dst):
        p = subprocess.run(["opusdec", "--quiet", "--rate", "16000", "--force-wav", os.path.join(corpus, r["audio"]), "-"],
                           capture_output=True)
        if p.returncode != 0:
            return None
        data = p.stdout
        i = data.find(b"data")  # skip the WAV header
        pcm = np.frombuffer(data[i + 8:len(data) - ((len(data) - i - 8) % 2)], dtype="<i2")
        if pcm.ndim != 1 or len(pcm) < 1600:
            return None
        np.save(dst + ".tmp.npy", pcm)
        os.replace(dst + ".tmp.npy", dst)
    return dst


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default="../shared/data/real-corpus")
    ap.add_argument("--out", default=os.path.expanduser("~/.cache/ctcalign/real"))
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    held = set(open(os.path.join(a.corpus, "heldout.txt")).read().split())
    rows = [json.loads(l) for l in open(os.path.join(a.corpus, "manifest.jsonl"))]
    with ThreadPoolExecutor(a.jobs) as ex:
        paths = list(ex.map(lambda r: decode(a.corpus, a.out, r), rows))
    n = 0
    with open(os.path.join(a.out, "manifest.jsonl.tmp"), "w") as f:
        for r, p in zip(rows, paths):
            if p is None:
                continue
            r = dict(r, npy=os.path.basename(p), heldout=r["id"] in held)
            f.write(json.dumps(r) + "\n")
            n += 1
    os.replace(os.path.join(a.out, "manifest.jsonl.tmp"), os.path.join(a.out, "manifest.jsonl"))
    print(f"{n} of {len(rows)} clips decoded to {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
