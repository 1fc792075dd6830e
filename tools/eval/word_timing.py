#!/usr/bin/python3
"""Word timing of alignments against a composed broadcast's truth: onset bias, onset MAE, end bias, boundary MAE.

  /usr/bin/python3 tools/eval/word_timing.py --truth b30.truth.json A.json [B.json ...]

Words are compared on the caption lines that every given alignment accepted (status aligned), matched to the true
words by normalised spelling in order (as tools/synth/score.py does), so the alignments are measured on the same words.
Bias is aligned minus true (negative = early), in milliseconds.
"""
import argparse
import difflib
import json
import os
import re
import statistics


def norm(w):
    return re.sub(r"[^a-z0-9']", "", w.lower())


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--truth", required=True)
    p.add_argument("alignments", nargs="+")
    a = p.parse_args()
    truth = json.load(open(a.truth))
    runs = []
    for path in a.alignments:
        segs = {s["index"]: s for s in json.load(open(path))["media"][0]["segments"]}
        runs.append((path, segs))
    lines = [ln for ln in truth["lines"] if ln["spoken"] and ln["caption_index"] is not None
             and all(segs.get(ln["caption_index"], {}).get("status") == "aligned" for _, segs in runs)]
    print(f"{len(lines)} caption lines accepted by every alignment")
    print("| alignment | words | onset bias | onset MAE | end bias | boundary MAE |")
    print("| --- | --- | --- | --- | --- | --- |")
    for path, segs in runs:
        starts, ends = [], []
        for ln in lines:
            seg = segs[ln["caption_index"]]
            tw = [norm(w["word"]) for w in ln["words"]]
            aw = [norm(w["word"]) for w in seg["words"]]
            for blk in difflib.SequenceMatcher(a=tw, b=aw, autojunk=False).get_matching_blocks():
                for k in range(blk.size):
                    t, w = ln["words"][blk.a + k], seg["words"][blk.b + k]
                    starts.append(w["start"] - t["start"])
                    ends.append(w["end"] - t["end"])
        ms = lambda x: f"{x * 1000:+.0f} ms"
        mae = statistics.mean(abs(x) for x in starts + ends)
        print(f"| {os.path.basename(path)} | {len(starts)} | {ms(statistics.mean(starts))} | {statistics.mean(abs(x) for x in starts) * 1000:.0f} ms "
              f"| {ms(statistics.mean(ends))} | {mae * 1000:.0f} ms |")


if __name__ == "__main__":
    main()
