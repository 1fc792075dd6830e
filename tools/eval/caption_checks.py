#!/usr/bin/python3
"""What a model change does to the line statuses and to caption WER on a composed programme with known truth:

  /usr/bin/python3 tools/eval/caption_checks.py --truth b30.truth.json --alignment b30.json

- correctly placed lines (start and end within 0.5 s of the truth) and the share of them that end `aligned`;
- caption WER of lines whose caption is right vs lines whose caption had words changed by the composer (placed lines
  only), and the AUC of caption WER as a detector of changed captions (0.5: no signal; 1: perfect separation).
"""
import argparse
import json
import statistics


def checks(truth, alignment):
    segs = {s["index"]: s for s in alignment["media"][0]["segments"]}
    correct = correct_aligned = 0
    right, changed = [], []
    for ln in truth["lines"]:
        ci = ln["caption_index"]
        if ci is None or not ln["spoken"] or ci not in segs:
            continue
        s = segs[ci]
        if s.get("start") is None or s.get("end") is None or s.get("status") == "not_aligned":
            continue
        ok = abs(s["start"] - ln["start"]) <= 0.5 and abs(s["end"] - ln["end"]) <= 0.5
        if ok:
            correct += 1
            correct_aligned += s.get("status") == "aligned"
            if s.get("caption_wer") is not None:
                (changed if ln.get("changed_words") else right).append(s["caption_wer"])
    pairs = sum(1 for c in changed for r in right)
    auc = (sum((c > r) + 0.5 * (c == r) for c in changed for r in right) / pairs) if pairs else None
    return {
        "correct_lines": correct,
        "correct_aligned_share": correct_aligned / correct if correct else None,
        "caption_wer_right": {"lines": len(right), "mean": statistics.mean(right) if right else None,
                              "median": statistics.median(right) if right else None},
        "caption_wer_changed": {"lines": len(changed), "mean": statistics.mean(changed) if changed else None,
                                "median": statistics.median(changed) if changed else None},
        "caption_wer_auc": auc,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--truth", required=True)
    ap.add_argument("--alignment", required=True)
    a = ap.parse_args()
    print(json.dumps(checks(json.load(open(a.truth)), json.load(open(a.alignment))), indent=1))


if __name__ == "__main__":
    main()
