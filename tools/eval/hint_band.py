#!/usr/bin/python3
"""Scores alignments of a composed programme from which a stretch of audio was cut after its captions were timed
(tools/eval/hint-band.sh): the spoken caption lines whose caption is what was said, before and after the cut
(their true times moved back by the cut's length; lines inside the cut left out), placed within 0.5 s (start and
end), and those `aligned` but not within 0.5 s.

  /usr/bin/python3 tools/eval/hint_band.py --truth P.truth.json --cut-start 240 --cut-seconds 30 \\
      --alignment "band off=off.json" --alignment "band on=on.json" [--json]
"""
import argparse
import json
import sys

TOLERANCE = 0.5


def score(truth, alignment, cut_start, cut_seconds):
    """{lines before, right before, lines after, right after, aligned but wrong} over the spoken, unchanged lines."""
    segs = {s["index"]: s for s in alignment["media"][0]["segments"]}
    out = {"before": 0, "right_before": 0, "after": 0, "right_after": 0, "aligned_wrong": 0}
    for ln in truth["lines"]:
        if not ln["spoken"] or ln["caption_index"] is None or ln.get("changed_words"):
            continue
        start, end = ln["start"], ln["end"]
        if end <= cut_start:
            side = "before"
        elif start >= cut_start + cut_seconds:
            side, start, end = "after", start - cut_seconds, end - cut_seconds
        else:
            continue  # said inside the cut: no longer in the audio
        s = segs.get(ln["caption_index"])
        right = (s is not None and s.get("start") is not None and abs(s["start"] - start) <= TOLERANCE
                 and abs(s["end"] - end) <= TOLERANCE)
        out[side] += 1
        out["right_" + side] += right
        out["aligned_wrong"] += bool(s is not None and s.get("status") == "aligned" and not right)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--truth", required=True)
    ap.add_argument("--cut-start", type=float, required=True)
    ap.add_argument("--cut-seconds", type=float, required=True)
    ap.add_argument("--alignment", action="append", default=[], metavar="LABEL=JSON")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    truth = json.load(open(a.truth))
    rows = {}
    for spec in a.alignment:
        label, _, path = spec.partition("=")
        if not path:
            sys.exit(f"hint_band.py: --alignment {spec}: expected LABEL=JSON")
        rows[label] = score(truth, json.load(open(path)), a.cut_start, a.cut_seconds)
    if a.json:
        print(json.dumps(rows))
        return
    for label, r in rows.items():
        print(f"| {label} | {r['right_before']} of {r['before']} | {r['right_after']} of {r['after']} | {r['aligned_wrong']} |")


if __name__ == "__main__":
    main()
