#!/usr/bin/python3
"""Scores corpus clips against a composed programme's truth (issue 21): does a clip cut its own speech, or take in
a neighbour's?

  /usr/bin/python3 tools/eval/clip_edges.py --truth b.truth.json --manifest corpus/manifest.jsonl [--json]

A clip is the NeMo manifest's "start"/"end" (media seconds, padding included); its caption line is the index in its
utterance id (clips/<media>-<index>[-<piece>].wav). Against the true word times of that line:
  cuts speech: the clip starts more than 50 ms after the line's first true word starts, or ends more than 50 ms
               before its last true word ends (whole-line clips only; pieces of split lines are scored on intrusion);
  takes in a neighbour: more than 50 ms of a true word of another line lies inside the clip ("neighbour_not_captioned":
               only of lines the captions left out).
"tight_line_gaps" is the share of spoken lines that start less than 50 ms after the previous one ends.
Clips of lines that were never spoken (inserted captions) are counted apart.
"""
import argparse
import json
import re

TOLERANCE = 0.05


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--truth", required=True)
    ap.add_argument("--manifest", required=True)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    truth = json.load(open(args.truth))
    by_caption = {l["caption_index"]: l for l in truth["lines"] if l.get("caption_index") is not None}
    words = [(w["start"], w["end"], i) for i, l in enumerate(truth["lines"]) if l.get("spoken") for w in l["words"]]
    clips = [json.loads(line) for line in open(args.manifest) if line.strip()]
    n = cut = intrude = intrude_uncaptioned = unspoken = pieces = 0
    worst_cut = 0.0
    for c in clips:
        m = re.search(r"-(\d{5})(?:-(\d{3}))?\.wav$", c["audio_filepath"])
        index, piece = int(m.group(1)), m.group(2)
        line = by_caption.get(index)
        if line is None or not line.get("spoken"):
            unspoken += 1
            continue
        n += 1
        start, end = c["start"], c["end"]
        own = truth["lines"].index(line)
        if piece is None:
            first, last = line["words"][0]["start"], line["words"][-1]["end"]
            inside = max(start - first, last - end)
            if inside > TOLERANCE:
                cut += 1
            worst_cut = max(worst_cut, inside)
        else:
            pieces += 1
        hits = [i for ws, we, i in words if i != own and min(end, we) - max(start, ws) > TOLERANCE]
        if hits:
            intrude += 1
            if all(truth["lines"][i].get("caption_index") is None for i in hits):
                intrude_uncaptioned += 1
    spoken = sorted((l for l in truth["lines"] if l.get("spoken")), key=lambda l: l["start"])
    tight = sum(1 for a, b in zip(spoken, spoken[1:]) if b["start"] - a["end"] < TOLERANCE)
    result = {"clips": n, "cut_speech": cut, "neighbour_speech": intrude, "neighbour_not_captioned": intrude_uncaptioned,
              "unspoken_lines": unspoken, "split_pieces": pieces, "worst_cut_s": round(worst_cut, 3),
              "tight_line_gaps": round(tight / max(1, len(spoken) - 1), 4)}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{n} clips of spoken lines ({pieces} pieces of split lines): {cut} cut their own speech by more than 50 ms "
              f"(worst {worst_cut * 1000:.0f} ms), {intrude} take in more than 50 ms of a neighbouring line's words; "
              f"({intrude_uncaptioned} only of lines left out of the captions); {unspoken} clips of never-spoken lines; "
              f"{result['tight_line_gaps'] * 100:.0f}% of spoken lines start less than 50 ms after the previous one")


if __name__ == "__main__":
    main()
