#!/usr/bin/python3
"""Steps of tools/model/loop-demo.sh (the ASR trainer's loop shown on held-out real-corpus speakers):

  loop_demo.py split   --real ~/.cache/ctcalign/real --out DIR [--test-share 0.5] [--min-clips 10]
  loop_demo.py score   --truth REC.truth.json --alignment ALIGN.json --media-id ID      (prints JSON)
  loop_demo.py harvest --corpus CORPUS/ --truth ID=REC.truth.json ...                    (prints JSON)
  loop_demo.py report  --work DIR                                 (writes DIR/report.md and DIR/report.json)

split: the held-out clips (decode_real.py marks them) of speakers with at least --min-clips of them go to an ADAPT
part and a TEST part, disjoint by clip and by text: every text (lower case, spaces collapsed) goes whole to one
part, so no sentence or word said in TEST is ever trained on. Texts are taken in a fixed hash order; a text goes
to TEST while the speakers who say it have, on average, less than --test-share of their clips in TEST, else to
ADAPT. Writes DIR/adapt/manifest.jsonl and DIR/test/manifest.jsonl (decode_real.py's format, absolute "npy" paths,
so compose.py --real and eval_real.py --real read them) and DIR/split.json (per speaker clips and seconds).

score: tools/synth/score.py's figures of one composed recording, and edge_word_mae_s: real clips have no word
times but their first word starts, and their last ends, where the clip's speech does, so the word MAE is over those
boundaries of the lines that ended `aligned` (edge_word_errors).

harvest: what a corpus export holds: clips, hours, and the share of clips whose text is what was said (the words
of the spoken line the clip overlaps most, or a run of them), judged against the composed truth.
"""
import argparse
import hashlib
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "synth"))


def text_key(text):
    return " ".join(text.lower().split())


def _order(key):
    return hashlib.sha1(("loop-split:" + key).encode()).hexdigest()


def split_heldout(rows, test_share=0.5, min_clips=10):
    """rows: held-out clips ({"id", "text", "speaker", ...}). Returns (adapt, test, left_out): lists of rows,
    disjoint by row and by text_key; left_out holds the rows of speakers with fewer than min_clips clips."""
    if not 0 < test_share < 1:
        raise ValueError(f"test_share {test_share} is not between 0 and 1")
    count = {}
    for r in rows:
        count[r["speaker"]] = count.get(r["speaker"], 0) + 1
    kept = [r for r in rows if count[r["speaker"]] >= min_clips]
    left_out = [r for r in rows if count[r["speaker"]] < min_clips]
    by_text = {}
    for r in kept:
        by_text.setdefault(text_key(r["text"]), []).append(r)
    in_test = {s: 0 for s in {r["speaker"] for r in kept}}
    to_test = set()
    for key in sorted(by_text, key=_order):
        speakers = sorted({r["speaker"] for r in by_text[key]})
        share = sum(in_test[s] / count[s] for s in speakers) / len(speakers)
        if share < test_share:
            to_test.add(key)
            for r in by_text[key]:
                in_test[r["speaker"]] += 1
    adapt = [r for r in kept if text_key(r["text"]) not in to_test]
    test = [r for r in kept if text_key(r["text"]) in to_test]
    return adapt, test, left_out


def split_summary(adapt, test, left_out):
    per = {}
    for part, rows in (("adapt", adapt), ("test", test)):
        for r in rows:
            p = per.setdefault(r["speaker"], {"source": r.get("source"), "adapt_clips": 0, "adapt_s": 0.0,
                                              "test_clips": 0, "test_s": 0.0})
            p[part + "_clips"] += 1
            p[part + "_s"] = round(p[part + "_s"] + r.get("duration", 0.0), 3)
    texts_a, texts_t = {text_key(r["text"]) for r in adapt}, {text_key(r["text"]) for r in test}
    return {"adapt": {"clips": len(adapt), "seconds": round(sum(r.get("duration", 0) for r in adapt), 1),
                      "texts": len(texts_a)},
            "test": {"clips": len(test), "seconds": round(sum(r.get("duration", 0) for r in test), 1),
                     "texts": len(texts_t)},
            "shared_texts": len(texts_a & texts_t), "shared_clips": len({r["id"] for r in adapt} & {r["id"] for r in test}),
            "left_out": {"clips": len(left_out), "speakers": sorted({r["speaker"] for r in left_out})},
            "speakers": per}


def words_of(text):
    return [w for w in (re.sub(r"[^a-z']", "", t) for t in text.lower().split()) if w]


def is_run_of(part, whole):
    n = len(part)
    return n > 0 and any(whole[i:i + n] == part for i in range(len(whole) - n + 1))


def clip_is_right(clip, lines):
    """clip: {"start", "end", "text"} in the media; lines: the truth's lines. True when the spoken line the clip
    overlaps most was said with the clip's words (all of them, or a run of them for a piece of a split line)."""
    best, overlap = None, 0.0
    for ln in lines:
        if not ln.get("spoken") or ln.get("start") is None:
            continue
        o = min(clip["end"], ln["end"]) - max(clip["start"], ln["start"])
        if o > overlap:
            best, overlap = ln, o
    return best is not None and is_run_of(words_of(clip["text"]), words_of(best["spoken_text"]))


def edge_word_errors(truth, media):
    """Word boundary errors where real clips have true word times: the start of each line's first word and the end
    of its last (a clip's true extent). Over the spoken lines that ended `aligned` whose first (last) aligned word is
    the first (last) word said. media: one media of the CtcAlign JSON export. Returns a list of seconds."""
    segs = {s["index"]: s for s in media.get("segments", [])}
    errs = []
    for ln in truth["lines"]:
        seg = segs.get(ln["caption_index"]) if ln.get("caption_index") is not None else None
        if not ln.get("spoken") or seg is None or seg.get("status") != "aligned" or not seg.get("words"):
            continue
        said = words_of(ln["spoken_text"])
        first, last = seg["words"][0], seg["words"][-1]
        if said and words_of(first["word"]) == said[:1] and first.get("start") is not None:
            errs.append(abs(first["start"] - ln["start"]))
        if said and words_of(last["word"]) == said[-1:] and last.get("end") is not None:
            errs.append(abs(last["end"] - ln["end"]))
    return errs


WORD_CONFIDENCE_CUTS = (0.5, 0.6, 0.7, 0.8, 0.9)


def harvest_stats(clips, truths):
    """clips: NeMo manifest rows; truths: {media_id: truth}. Clips of media without a truth count as not right.
    by_word_confidence: for each cut of finetune.sh --min-word-confidence, the clips it would keep and how many of
    them have the right text (clips without word_confidence are never kept), to choose a cut on the ADAPT harvest."""
    is_right = [c.get("media_id") in truths and clip_is_right(c, truths[c["media_id"]]["lines"]) for c in clips]
    right = sum(is_right)
    seconds = sum(c["duration"] for c in clips)
    cuts = []
    for cut in WORD_CONFIDENCE_CUTS:
        kept = [ok for c, ok in zip(clips, is_right) if c.get("word_confidence") is not None and c["word_confidence"] >= cut]
        cuts.append({"min_word_confidence": cut, "clips": len(kept), "text_right": sum(kept)})
    return {"clips": len(clips), "hours": round(seconds / 3600, 4), "seconds": round(seconds, 1),
            "text_right": right, "text_right_share": round(right / len(clips), 4) if clips else None,
            "by_word_confidence": cuts}


def cmd_split(a):
    rows = [json.loads(l) for l in open(os.path.join(a.real, "manifest.jsonl"))]
    rows = [dict(r, npy=os.path.abspath(os.path.join(a.real, r["npy"]))) for r in rows if r.get("heldout")]
    if not rows:
        sys.exit(f"loop_demo.py: {a.real}/manifest.jsonl has no held-out clips (tools/model/decode_real.py marks them)")
    adapt, test, left_out = split_heldout(rows, a.test_share, a.min_clips)
    if not adapt or not test:
        sys.exit("loop_demo.py: the split left a part empty")
    for part, part_rows in (("adapt", adapt), ("test", test)):
        os.makedirs(os.path.join(a.out, part), exist_ok=True)
        with open(os.path.join(a.out, part, "manifest.jsonl"), "w") as f:
            for r in part_rows:
                f.write(json.dumps(r) + "\n")
    summary = dict(split_summary(adapt, test, left_out), test_share=a.test_share, min_clips=a.min_clips)
    with open(os.path.join(a.out, "split.json"), "w") as f:
        json.dump(summary, f, indent=1)
    print(f"split: ADAPT {summary['adapt']['clips']} clips ({summary['adapt']['seconds'] / 60:.1f} min, "
          f"{summary['adapt']['texts']} texts), TEST {summary['test']['clips']} clips "
          f"({summary['test']['seconds'] / 60:.1f} min, {summary['test']['texts']} texts), {len(summary['speakers'])} speakers, "
          f"{summary['shared_texts']} shared texts; left out {len(left_out)} clips of speakers with fewer than "
          f"{a.min_clips}", file=sys.stderr)


def cmd_score(a):
    import score
    truth, alignment = json.load(open(a.truth)), json.load(open(a.alignment))
    r = score.score(truth, alignment, a.media_id)
    media = next((m for m in alignment["media"] if a.media_id is None or m.get("id") == a.media_id), None)
    errs = edge_word_errors(truth, media)
    r["edge_word_mae_s"] = sum(errs) / len(errs) if errs else None
    r["edge_word_boundaries"] = len(errs)
    print(json.dumps(r, indent=1))


def cmd_harvest(a):
    truths = {}
    for t in a.truth:
        mid, path = t.split("=", 1)
        truths[mid] = json.load(open(path))
    clips = [json.loads(l) for l in open(os.path.join(a.corpus, "manifest.jsonl"))]
    print(json.dumps(harvest_stats(clips, truths), indent=1))


def _mean(xs):
    xs = [x for x in xs if x is not None]
    return sum(xs) / len(xs) if xs else None


def pooled(scores):
    """within_0_5s over the lines of several recordings; word MAE over their word boundaries."""
    lines = sum(s["spoken_captioned_lines"] for s in scores)
    within = sum((s["within_0_5s"] or 0) * s["spoken_captioned_lines"] for s in scores)
    n = sum(s["edge_word_boundaries"] for s in scores)
    mae = sum((s["edge_word_mae_s"] or 0) * s["edge_word_boundaries"] for s in scores)
    return {"lines": lines, "within_0_5s": within / lines if lines else None,
            "edge_word_mae_s": mae / n if n else None, "edge_word_boundaries": n,
            "precision": _mean([s["precision"] for s in scores]), "recall": _mean([s["recall"] for s in scores])}


def standard_figures(e):
    """The model README's figures from evaluate.py's JSON (None when it was not run)."""
    if not e:
        return None
    return {"heldout_synthetic_greedy_cer": e["heldout_synthetic"]["greedy_cer"],
            "heldout_synthetic_utterances": e["heldout_synthetic"]["utterances"],
            "word_boundary_mae_ms": e["word_boundaries_rules"]["mae_ms"],
            "real_speech_greedy_cer": (e.get("real_speech") or {}).get("greedy_cer"),
            "real_speech_clips": (e.get("real_speech") or {}).get("clips")}


def training_cell(t):
    """The report's training column: wall minutes and steps, and with a held-back validation share the step kept
    and its greedy CER on the held-back clips against the starting model's (with the forget guard, also on the
    original-data clips: start, kept step, last step); with finetune.sh --interpolate, the a kept and the CERs at
    a = 0, the kept a and a = 1."""
    if not t:
        return "-"
    cell = f"{t['minutes']:.1f} min, {t['steps']} steps"
    v = t.get("val")
    ip = t.get("interpolation")
    if ip:
        cell += f"; last step interpolated with the start at a = {ip['alpha']:g}"
        pts = {p["alpha"]: p for p in ip.get("grid") or []}
        if 0 in pts and ip["alpha"] in pts:
            s, k = pts[0], pts[ip["alpha"]]
            cell += f" (held-back CER {100 * s['cer']:.1f}% -> {100 * k['cer']:.1f}%, {ip['clips']} clips"
            if s.get("orig_cer") is not None:
                cell += f"; original-data CER {100 * s['orig_cer']:.1f}% -> {100 * k['orig_cer']:.1f}%"
            if 1 in pts:
                cell += f"; a = 1: {100 * pts[1]['cer']:.1f}%" + (f", {100 * pts[1]['orig_cer']:.1f}%" if pts[1].get("orig_cer") is not None else "")
            cell += ")"
    elif v:
        cell += (f"; kept step {t['kept_step']} (held-back CER {100 * v['start_cer']:.1f}% -> {100 * v['best_cer']:.1f}%, "
                 f"{v['clips']} clips)")
        curve = v.get("curve") or []
        kept = [p for p in curve if p["step"] == v["best_step"]]
        if curve and curve[0].get("orig_cer") is not None and kept:
            cell += (f"; original-data CER {100 * curve[0]['orig_cer']:.1f}% -> {100 * kept[0]['orig_cer']:.1f}% kept, "
                     f"{100 * curve[-1]['orig_cer']:.1f}% at the last step")
    return cell


def cmd_report(a):
    state = json.load(open(os.path.join(a.work, "params.json")))
    split = json.load(open(os.path.join(a.work, "split", "split.json")))
    rounds = []
    for k in range(state["rounds"] + 1):
        d = os.path.join(a.work, f"round{k}")
        if not os.path.exists(os.path.join(d, "model.json")):
            break  # not reached yet (or still fine-tuning)
        load = lambda name: json.load(open(os.path.join(d, name))) if os.path.exists(os.path.join(d, name)) else None
        scores = load("scores.json") or {}
        cer_test = load("cer-test.json") or {}
        r = {"round": k, "model": load("model.json"),
             "cer_test": cer_test.get("all"), "cer_adapt": (load("cer-adapt.json") or {}).get("all"),
             "cer_test_by_source": {src: {k2: v[k2] for k2 in ("clips", "speakers", "greedy_cer", "greedy_wer")}
                                    for src, v in (cer_test.get("by_source") or {}).items()},
             "adapt_recordings": pooled([v for m, v in scores.items() if m != "test"]) if scores else None,
             "test_recording": pooled([scores["test"]]) if "test" in scores else None, "harvest": load("harvest.json"), "training": load("training.json"),
             "standard": standard_figures(load("standard.json"))}
        rounds.append(r)
    composed = state.get("composed_speech_s")
    for r in rounds:
        if r["harvest"] and composed:
            r["harvest"]["share_of_composed_speech"] = round(r["harvest"]["seconds"] / composed, 4)
    report = {"params": state, "split": {k: v for k, v in split.items() if k != "speakers"}, "rounds": rounds}
    with open(os.path.join(a.work, "report.json"), "w") as f:
        json.dump(report, f, indent=1)
    pct = lambda x: "n/a" if x is None else f"{100 * x:.1f}%"
    ms = lambda x: "n/a" if x is None else f"{1000 * x:.0f} ms"
    md = [f"# The ASR trainer's loop on held-out real speakers ({state['date']})", "",
          f"Command: `{state['command']}`; CPU: {state['cpu']}.", "",
          f"Split of the held-out speakers ({len(split['speakers'])} speakers with at least {split['min_clips']} clips): "
          f"ADAPT {split['adapt']['clips']} clips ({split['adapt']['seconds'] / 60:.1f} min, {split['adapt']['texts']} texts), "
          f"TEST {split['test']['clips']} clips ({split['test']['seconds'] / 60:.1f} min, {split['test']['texts']} texts); "
          f"{split['shared_texts']} texts and {split['shared_clips']} clips in both. "
          f"Composed from ADAPT: {state['recordings']} recordings of {state['recording_minutes']} min "
          f"({composed / 60:.1f} min of spoken lines); from TEST: one of {state['recording_minutes']} min.", "",
          "| round | model | training | harvested (`--min-p " + str(state["min_p"]) + "`; share of the spoken audio) | of it, text right | TEST CER | ADAPT CER "
          "| ADAPT recordings: lines within 0.5 s, word MAE (boundaries) | TEST recording: lines within 0.5 s, word MAE (boundaries) |",
          "|---|---|---|---|---|---|---|---|---|"]
    for r in rounds:
        t, h = r["training"], r["harvest"]
        ar, tr = r["adapt_recordings"] or {}, r["test_recording"] or {}
        trained = training_cell(t)
        harvested = "n/a" if not h else f"{h['hours']:.3f} h, {h['clips']} clips ({pct(h.get('share_of_composed_speech'))})"
        md.append(f"| {r['round']} | {(r['model'] or {}).get('name', '?')} | {trained} | {harvested} "
                  f"| {'n/a' if not h else pct(h['text_right_share'])} "
                  f"| {pct((r['cer_test'] or {}).get('greedy_cer'))} | {pct((r['cer_adapt'] or {}).get('greedy_cer'))} "
                  f"| {pct(ar.get('within_0_5s'))}, {ms(ar.get('edge_word_mae_s'))} ({ar.get('edge_word_boundaries', 0)}) "
                  f"| {pct(tr.get('within_0_5s'))}, {ms(tr.get('edge_word_mae_s'))} ({tr.get('edge_word_boundaries', 0)}) |")
    sources = sorted({src for r in rounds for src in r["cer_test_by_source"]})
    if sources:
        md += ["", "TEST greedy CER per source:", "", "| round | " + " | ".join(
            f"{src} ({rounds[0]['cer_test_by_source'].get(src, {}).get('clips', '?')} clips)" for src in sources) + " |",
               "|---|" + "---|" * len(sources)]
        for r in rounds:
            md.append(f"| {r['round']} | " + " | ".join(pct(r["cer_test_by_source"].get(src, {}).get("greedy_cer"))
                                                     for src in sources) + " |")
    if any(r["standard"] for r in rounds):
        md += ["", "The model README's evaluations (tools/model/evaluate.py), none of them on the held-out speakers:", "",
               "| round | held-out synthetic voices: greedy CER | word boundary MAE (boundary rules) "
               "| shared/data/real-speech: greedy CER |", "|---|---|---|---|"]
        for r in rounds:
            if not r["standard"]:
                md.append(f"| {r['round']} | not run | not run | not run |")
                continue
            s = r["standard"]
            md.append(f"| {r['round']} | {pct(s['heldout_synthetic_greedy_cer'])} ({s['heldout_synthetic_utterances']} utterances) "
                      f"| {s['word_boundary_mae_ms']} ms | {pct(s['real_speech_greedy_cer'])} ({s['real_speech_clips']} clips) |")
    with open(os.path.join(a.work, "report.md"), "w") as f:
        f.write("\n".join(md) + "\n")
    print("\n".join(md))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("split")
    s.add_argument("--real", default=os.path.expanduser("~/.cache/ctcalign/real"))
    s.add_argument("--out", required=True)
    s.add_argument("--test-share", type=float, default=0.5)
    s.add_argument("--min-clips", type=int, default=10)
    s = sub.add_parser("score")
    s.add_argument("--truth", required=True)
    s.add_argument("--alignment", required=True)
    s.add_argument("--media-id", default=None)
    s = sub.add_parser("harvest")
    s.add_argument("--corpus", required=True)
    s.add_argument("--truth", action="append", default=[], help="MEDIA_ID=TRUTH.json (repeat)")
    s = sub.add_parser("report")
    s.add_argument("--work", required=True)
    a = ap.parse_args()
    try:
        {"split": cmd_split, "score": cmd_score, "harvest": cmd_harvest, "report": cmd_report}[a.cmd](a)
    except (OSError, ValueError, KeyError) as ex:
        sys.exit(f"loop_demo.py {a.cmd}: {ex}")


if __name__ == "__main__":
    main()
