#!/usr/bin/python3
"""Scores an alignment of a composed broadcast against the composer's truth.

  /usr/bin/python3 tools/synth/score.py --truth b1.truth.json --alignment b1.alignment.json [--json]

The alignment is the CtcAlign JSON export:
  {"media": [{"id", "audio", "duration", "segments": [{"index", "text", "start", "end", "confidence",
              "status": "aligned" | "low_confidence" | "not_aligned",
              "words": [{"word", "start", "end", "confidence"}]}]}]}
where index is the 0-based caption line. A line is "accepted" when its status is aligned. Figures:
  within_0_5s      share of spoken, captioned lines whose start and end are both within 0.5 s of the truth
                   (a line the aligner left without times counts as a miss)
  median_error_s   median absolute boundary error (start and end) over spoken lines that got times
  inserted_accepted  caption lines that were never spoken but were accepted (count and share of inserted lines)
  precision/recall kept-line precision = accepted lines that were spoken / accepted lines;
                   recall = spoken captioned lines accepted / spoken captioned lines
  word_mae_s       mean absolute word boundary error (start and end) over words of accepted spoken lines that
                   match a true word (same normalised spelling, in order)
  first/last 10 min: within_0_5s and median error for lines starting in the first / last 10 minutes
"""
import argparse
import difflib
import json
import re
import statistics
import sys


def norm_word(w):
    return re.sub(r"[^a-z0-9']", "", w.lower())


def _stats(rows):
    errs = [e for r in rows if r["errors"] for e in r["errors"]]
    ok = [r for r in rows if r["errors"] and max(r["errors"]) <= 0.5]
    return {"lines": len(rows), "within_0_5s": (len(ok) / len(rows)) if rows else None,
            "median_error_s": statistics.median(errs) if errs else None}


def score(truth, alignment, media_id=None):
    media = alignment.get("media") or []
    if not media:
        raise ValueError("the alignment has no media")
    m = media[0]
    if media_id is not None:
        m = next((x for x in media if x.get("id") == media_id), None)
        if m is None:
            raise ValueError(f"no media with id {media_id}")
    segs = {}
    for s in m.get("segments", []):
        if not isinstance(s.get("index"), int):
            raise ValueError("every segment needs an integer index (0-based caption line)")
        segs[s["index"]] = s
    rows, inserted, word_errs = [], [], []
    accepted_spoken = accepted = spoken_captioned = 0
    for ln in truth["lines"]:
        ci = ln["caption_index"]
        seg = segs.get(ci) if ci is not None else None
        acc = seg is not None and seg.get("status") == "aligned"
        if ci is not None and acc:
            accepted += 1
        if not ln["spoken"]:
            inserted.append(acc)
            continue
        if ci is None:
            continue  # spoken but not captioned: nothing to align
        spoken_captioned += 1
        if acc:
            accepted_spoken += 1
        errors = None
        if seg is not None and seg.get("start") is not None and seg.get("end") is not None \
                and seg.get("status") != "not_aligned":
            errors = [abs(seg["start"] - ln["start"]), abs(seg["end"] - ln["end"])]
        rows.append({"caption_index": ci, "start": ln["start"], "errors": errors})
        if acc and seg.get("words"):
            tw = [norm_word(w["word"]) for w in ln["words"]]
            aw = [norm_word(w["word"]) for w in seg["words"]]
            sm = difflib.SequenceMatcher(a=tw, b=aw, autojunk=False)
            for blk in sm.get_matching_blocks():
                for k in range(blk.size):
                    t, a = ln["words"][blk.a + k], seg["words"][blk.b + k]
                    if a.get("start") is None or a.get("end") is None:
                        continue
                    word_errs += [abs(a["start"] - t["start"]), abs(a["end"] - t["end"])]
    duration = truth["duration"]
    overall = _stats(rows)
    first = _stats([r for r in rows if r["start"] < 600])
    last = _stats([r for r in rows if r["start"] >= max(0.0, duration - 600)])
    return {
        "spoken_captioned_lines": spoken_captioned,
        "within_0_5s": overall["within_0_5s"],
        "median_error_s": overall["median_error_s"],
        "inserted_lines": len(inserted),
        "inserted_accepted": sum(inserted),
        "inserted_accepted_share": (sum(inserted) / len(inserted)) if inserted else None,
        "precision": (accepted_spoken / accepted) if accepted else None,
        "recall": (accepted_spoken / spoken_captioned) if spoken_captioned else None,
        "word_mae_s": (sum(word_errs) / len(word_errs)) if word_errs else None,
        "word_boundaries": len(word_errs),
        "first_10_min": first,
        "last_10_min": last,
    }


def _pct(x):
    return "n/a" if x is None else f"{100 * x:.1f}%"


def _sec(x):
    return "n/a" if x is None else f"{x:.3f} s"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--truth", required=True)
    ap.add_argument("--alignment", required=True)
    ap.add_argument("--media-id", default=None)
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()
    try:
        truth = json.load(open(args.truth))
        alignment = json.load(open(args.alignment))
        r = score(truth, alignment, args.media_id)
    except (OSError, ValueError, KeyError, TypeError) as ex:
        print(f"score: {ex}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(r, indent=1))
        return 0
    print(f"spoken captioned lines         {r['spoken_captioned_lines']}")
    print(f"both boundaries within 0.5 s   {_pct(r['within_0_5s'])}")
    print(f"median boundary error          {_sec(r['median_error_s'])}")
    print(f"inserted lines accepted        {r['inserted_accepted']} of {r['inserted_lines']} ({_pct(r['inserted_accepted_share'])})")
    print(f"kept-line precision / recall   {_pct(r['precision'])} / {_pct(r['recall'])}")
    print(f"word boundary MAE              {_sec(r['word_mae_s'])} over {r['word_boundaries']} boundaries")
    for k, name in (("first_10_min", "first 10 minutes"), ("last_10_min", "last 10 minutes")):
        s = r[k]
        print(f"{name:<31}{_pct(s['within_0_5s'])} within 0.5 s, median {_sec(s['median_error_s'])} ({s['lines']} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
