#!/usr/bin/python3
"""What the aligner does with the caption errors of composed programmes (tools/synth/compose.py), against their truth:

  /usr/bin/python3 tools/eval/caption_errors.py --out DIR --model-name NAME \\
      --programme real:r1=r1.truth.json=r1.json=r1.srt [--programme synthetic:s1=...] ...

Each programme is GROUP:NAME=TRUTH=ALIGNMENT_JSON=EXPORTED_SRT[=EMISSIONS_NPY]: the composer's truth, `ctcalign align
--out X.json` and `ctcalign export --format srt` (default settings) of the same run, and optionally the model's
emissions of the programme (`ctcalign emissions`, its .json beside it). Per group (real speech, synthetic voices):

- never-spoken lines (captions of text nobody said: before a spoken line, over a music break or over applause):
  how many were accepted (status `aligned`) and how many reached the SRT (target: at most 1%), with their statuses;
- changed captions (a spoken line whose caption had words added, removed or replaced): the share placed over their
  speech (start and end within 0.5 s of the truth), their statuses and reasons; the target is every one placed,
  `low_confidence`, reason "caption differs from the audio", none dropped (`not_aligned` or without times);
- right captions (spoken as captioned), for comparison: placed within 0.5 s, share `aligned`, and how many of them
  were told "caption differs from the audio" (false alarms), and how many of those the calibrator had accepted
  (`aligned` but for that check: the recall of `aligned` the check costs);
- with emissions: how well the model hears each spoken line (the character error rate of its greedy decode over the
  line's true speech span against what was said) in bins, and the share of changed captions told "caption differs"
  and of right captions told so (false alarms) in each bin; and for changed captions, how much more likely the model
  finds what was said than the caption over that span (CTC log-likelihood of each text, nats) in bins, with the share
  told in each: how much of what is not told is the acoustic model.

Writes DIR/report.json and DIR/report.md, and prints the Markdown.
"""
import argparse
import difflib
import json
import math
import os
import re
import sys

DIFFERS = "caption differs from the audio"
TOLERANCE_S = 0.5


def norm_words(text):
    return [w for w in (re.sub(r"[^a-z0-9']", "", t.lower()) for t in (text or "").split()) if w]


def change_kinds(caption, spoken):
    """The kinds of word changes between what was said and the caption: {"added", "removed", "replaced"}."""
    kinds = set()
    sm = difflib.SequenceMatcher(a=norm_words(spoken), b=norm_words(caption), autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "insert":
            kinds.add("added")
        elif op == "delete":
            kinds.add("removed")
        elif op == "replace":
            kinds.add("replaced")
            if j2 - j1 > i2 - i1:
                kinds.add("added")
            elif j2 - j1 < i2 - i1:
                kinds.add("removed")
    return kinds


def srt_texts(path):
    """The SRT file's cues: (normalised text, start s, end s)."""
    out = []
    with open(path, encoding="utf-8-sig") as f:
        text = f.read().replace("\r\n", "\n")
    for block in re.split(r"\n\s*\n", text):
        rows = [r for r in block.strip().split("\n") if r.strip()]
        k = next((i for i, r in enumerate(rows) if "-->" in r), None)
        if k is not None:
            start, end = (srt_seconds(t) for t in rows[k].split("-->")[:2])
            out.append((" ".join(norm_words(re.sub(r"<[^>]+>", "", " ".join(rows[k + 1:])))), start, end))
    return out


def srt_seconds(stamp):
    h, m, rest = stamp.strip().split()[0].split(":")
    sec, ms = rest.replace(".", ",").split(",")
    return int(h) * 3600 + int(m) * 60 + int(sec) + int(ms) / 1000


def in_srt(text, seg, cues):
    """Whether the line is in the exported SRT: a cue with its text that overlaps where the line was placed (a cue
    with the same text elsewhere is another line that says the same, not this one)."""
    if seg is None or seg.get("start") is None or seg.get("end") is None:
        return False
    norm = " ".join(norm_words(text))
    return any(t == norm and s < seg["end"] and e > seg["start"] for t, s, e in cues)


def placed_within(seg, ln):
    return (seg is not None and seg.get("status") != "not_aligned" and seg.get("start") is not None
            and seg.get("end") is not None and abs(seg["start"] - ln["start"]) <= TOLERANCE_S
            and abs(seg["end"] - ln["end"]) <= TOLERANCE_S)


def reason_kind(reason):
    """A short name for a status reason: its first clause without figures."""
    if not reason:
        return "-"
    if DIFFERS in reason:
        return DIFFERS
    first = re.split(r"[;:(]", reason)[0].strip()
    return re.sub(r"-?\d+(\.\d+)?", "N", first)


SPAN_PAD_S = 0.1
SEPARATION_BINS = [(None, 2.0), (2.0, 5.0), (5.0, 10.0), (10.0, 20.0), (20.0, None)]
CER_BINS = [(0.0, 0.3), (0.3, 0.4), (0.4, 0.5), (0.5, 0.6), (0.6, None)]


def edit_distance(a, b):
    d = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        prev, d[0] = d[:], i
        for j in range(1, len(b) + 1):
            d[j] = min(prev[j] + 1, d[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1]))
    return d[len(b)]


class GreedyHearing:
    """What the model hears on its own over a stretch of a programme: the greedy CTC decode (each frame's most likely
    token, repeats merged, blanks dropped, the word delimiter a space) of `ctcalign emissions` output."""

    def __init__(self, npy_path):
        import numpy as np  # only needed with emissions
        meta = json.load(open(os.path.splitext(npy_path)[0] + ".json"))
        self.logp = np.load(npy_path, mmap_mode="r")
        self.best = self.logp.argmax(axis=1)
        self.vocab, self.blank, self.delim = meta["vocabulary"], meta["blank"], meta["word_delimiter"]
        self.frame_seconds = meta["frame_seconds"]

    def text(self, start, end):
        out, prev = [], -1
        for i in self.best[int(start / self.frame_seconds):int(math.ceil(end / self.frame_seconds))]:
            if i != prev and i != self.blank:
                out.append(" " if i == self.delim else self.vocab[i])
            prev = i
        return " ".join("".join(out).split())

    def ctc_log_likelihood(self, text, start, end):
        """log P(text | frames [start, end)) under CTC (all paths; the words joined by the word delimiter; characters
        the model has no token for, such as digits, left out); -inf when the span is too short for the text."""
        import numpy as np
        ids = [self.vocab.index(c) for c in "|".join(norm_words(text)) if c in self.vocab and self.vocab.index(c) != self.blank]
        frames = np.asarray(self.logp[int(start / self.frame_seconds):int(math.ceil(end / self.frame_seconds))], dtype=np.float64)
        labels = [self.blank]
        for i in ids:
            labels += [i, self.blank]
        labels = np.array(labels)
        n = len(labels)
        skip = np.zeros(n, bool)  # s may come from s-2: a token after a blank, unless it repeats the token before
        skip[3::2] = labels[3::2] != labels[1:-2:2]
        alpha = np.full(n, -np.inf)
        if len(frames) == 0:
            return -math.inf
        alpha[0] = frames[0, labels[0]]
        if n > 1:
            alpha[1] = frames[0, labels[1]]
        for t in range(1, len(frames)):
            stay = alpha
            step = np.concatenate(([-np.inf], alpha[:-1]))
            jump = np.where(skip, np.concatenate(([-np.inf, -np.inf], alpha[:-2])), -np.inf)
            alpha = np.logaddexp(np.logaddexp(stay, step), jump) + frames[t, labels]
        return float(np.logaddexp(alpha[-1], alpha[-2]) if n > 1 else alpha[-1])

    def cer(self, spoken, start, end):
        """Character error rate of the greedy decode over [start, end) against the spoken text (normalised)."""
        ref = " ".join(norm_words(spoken))
        return edit_distance(ref, self.text(start, end)) / max(1, len(ref))


def programme_lines(truth, alignment, srt, hearing=None):
    """Rows per caption line: {"kind": "never_spoken" | "changed" | "right", ...}."""
    segs = {s["index"]: s for s in alignment["media"][0]["segments"]}
    rows = []
    for ln in truth["lines"]:
        ci = ln["caption_index"]
        if ci is None:
            continue  # spoken but left out of the captions: nothing to place
        seg = segs.get(ci)
        row = {"caption_index": ci, "text": ln["text"], "status": seg.get("status") if seg else "missing",
               "reason": (seg or {}).get("reason"), "p_correct": (seg or {}).get("p_correct"),
               "rho": (seg or {}).get("confidence"), "start": (seg or {}).get("start"), "end": (seg or {}).get("end"),
               "in_srt": in_srt(ln["text"], seg, srt)}
        if not ln["spoken"]:
            row.update(kind="never_spoken", over=ln.get("over") or "speech")
        else:
            kinds = change_kinds(ln["text"], ln["spoken_text"]) if ln.get("changed_words") else set()
            row.update(kind="changed" if kinds else "right", changes=sorted(kinds), spoken_text=ln["spoken_text"],
                       true_start=ln["start"], true_end=ln["end"], within=placed_within(seg, ln),
                       dropped=seg is None or seg.get("status") == "not_aligned" or seg.get("start") is None)
            if hearing is not None:
                row["greedy_cer"] = round(hearing.cer(ln["spoken_text"], ln["start"], ln["end"]), 4)
                if kinds:  # how much more likely the model finds what was said than the caption, over the true span
                    said = hearing.ctc_log_likelihood(ln["spoken_text"], ln["start"] - SPAN_PAD_S, ln["end"] + SPAN_PAD_S)
                    captioned = hearing.ctc_log_likelihood(ln["text"], ln["start"] - SPAN_PAD_S, ln["end"] + SPAN_PAD_S)
                    row["said_over_caption_nats"] = round(said - captioned, 3) if math.isfinite(said) and math.isfinite(captioned) else None
        rows.append(row)
    return rows


def count(rows, key):
    out = {}
    for r in rows:
        out[r[key]] = out.get(r[key], 0) + 1
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))


def demoted_by_differs(reason):
    """True when the line was `aligned` until CaptionDifferenceCheck marked it: the check runs after the calibrator and
    prepends its clause to an earlier low_confidence reason ("caption differs ...: WHAT; EARLIER"), so a reason that is
    the check's clause alone means the calibrator had accepted the line (caption words hold no "; ")."""
    return bool(reason) and reason.startswith(DIFFERS) and "; " not in reason


def summarise(rows):
    never = [r for r in rows if r["kind"] == "never_spoken"]
    changed = [r for r in rows if r["kind"] == "changed"]
    right = [r for r in rows if r["kind"] == "right"]
    accepted = [r for r in never if r["status"] == "aligned" or r["in_srt"]]
    s = {
        "never_spoken": {
            "lines": len(never), "accepted": len(accepted),
            "aligned": sum(r["status"] == "aligned" for r in never), "in_srt": sum(r["in_srt"] for r in never),
            "accepted_share": len(accepted) / len(never) if never else None,
            "by_place": {p: {"lines": sum(r["over"] == p for r in never),
                             "accepted": sum(r["over"] == p for r in accepted)}
                         for p in ("speech", "break", "applause")},
            "statuses": count(never, "status"),
            "accepted_lines": [{k: r[k] for k in ("text", "over", "status", "p_correct", "rho", "start", "end")}
                               for r in accepted],
        },
        "changed": {
            "lines": len(changed),
            "placed_within_0_5s": sum(r["within"] for r in changed),
            "placed_share": sum(r["within"] for r in changed) / len(changed) if changed else None,
            "dropped": sum(r["dropped"] for r in changed),
            "statuses": count(changed, "status"),
            "low_confidence_differs": sum(r["status"] == "low_confidence" and DIFFERS in (r["reason"] or "")
                                          for r in changed),
            "target_met": sum(r["within"] and r["status"] == "low_confidence" and DIFFERS in (r["reason"] or "")
                              for r in changed),
            "reasons": count([dict(r, reason_kind=reason_kind(r["reason"])) for r in changed], "reason_kind"),
            "by_change": {k: {"lines": sum(k in r["changes"] for r in changed),
                              "placed_within_0_5s": sum(k in r["changes"] and r["within"] for r in changed),
                              "differs": sum(k in r["changes"] and DIFFERS in (r["reason"] or "") for r in changed)}
                          for k in ("added", "removed", "replaced")},
        },
        "right": {
            "lines": len(right), "placed_within_0_5s": sum(r["within"] for r in right),
            "placed_share": sum(r["within"] for r in right) / len(right) if right else None,
            "aligned": sum(r["status"] == "aligned" for r in right),
            "differs": sum(DIFFERS in (r["reason"] or "") for r in right),
            "demoted": sum(demoted_by_differs(r["reason"]) for r in right),
            "statuses": count(right, "status"),
        },
    }
    if any("greedy_cer" in r for r in changed + right):
        s["by_hearing"] = [by_hearing_bin(changed, right, lo, hi) for lo, hi in CER_BINS]
        s["by_separation"] = [by_separation_bin(changed, lo, hi) for lo, hi in SEPARATION_BINS]
    return s


def by_separation_bin(changed, lo, hi):
    def inside(r):
        x = r.get("said_over_caption_nats")
        return x is not None and (lo is None or x >= lo) and (hi is None or x < hi)
    ch = [r for r in changed if inside(r)]
    return {"nats_from": lo, "nats_to": hi, "changed": len(ch), "changed_told": sum(DIFFERS in (r["reason"] or "") for r in ch),
            "placed_within_0_5s": sum(r["within"] for r in ch)}


def by_hearing_bin(changed, right, lo, hi):
    def inside(r):
        return "greedy_cer" in r and r["greedy_cer"] >= lo and (hi is None or r["greedy_cer"] < hi)
    ch = [r for r in changed if inside(r)]
    rt = [r for r in right if inside(r)]
    return {"cer_from": lo, "cer_to": hi, "changed": len(ch), "changed_told": sum(DIFFERS in (r["reason"] or "") for r in ch),
            "right": len(rt), "right_told": sum(DIFFERS in (r["reason"] or "") for r in rt),
            "right_demoted": sum(demoted_by_differs(r["reason"]) for r in rt)}


def pct(n, d):
    return "-" if not d else f"{100 * n / d:.1f}%"


def markdown(report):
    g = report["groups"]
    names = [k for k in ("real", "synthetic") if k in g] + [k for k in g if k not in ("real", "synthetic")]
    out = [f"Model: {report['model']}; {report['programmes']} programmes scored, {report['audio_minutes']:.0f} min of audio.", "",
           "| measure | target | " + " | ".join(f"{n} ({g[n]['programmes']} programmes, {g[n]['minutes']:.0f} min)"
                                              for n in names) + " |",
           "| --- | --- | " + " | ".join("---" for _ in names) + " |"]

    def row(label, target, f):
        out.append(f"| {label} | {target} | " + " | ".join(f(g[n]) for n in names) + " |")

    row("programmes refused by the caption match check (not scored)", "none",
        lambda x: f"{len(x['refused'])}" + (f" ({', '.join(x['refused'])})" if x["refused"] else ""))
    row("never-spoken lines accepted (`aligned` or in the default SRT)", "at most 1%",
        lambda x: f"{x['never_spoken']['accepted']} of {x['never_spoken']['lines']} "
                  f"({pct(x['never_spoken']['accepted'], x['never_spoken']['lines'])})")
    for place in ("speech", "break", "applause"):
        row(f"... captioned {'before speech' if place == 'speech' else 'over a music break' if place == 'break' else 'over applause'}",
            "", lambda x, p=place: f"{x['never_spoken']['by_place'][p]['accepted']} of {x['never_spoken']['by_place'][p]['lines']}")
    row("changed captions placed over their speech (within 0.5 s)", "all",
        lambda x: f"{x['changed']['placed_within_0_5s']} of {x['changed']['lines']} "
                  f"({pct(x['changed']['placed_within_0_5s'], x['changed']['lines'])})")
    row("changed captions dropped (`not_aligned` or no times)", "none",
        lambda x: f"{x['changed']['dropped']} ({pct(x['changed']['dropped'], x['changed']['lines'])})")
    row(f"changed captions `low_confidence` with \"{DIFFERS}\"", "all",
        lambda x: f"{x['changed']['low_confidence_differs']} ({pct(x['changed']['low_confidence_differs'], x['changed']['lines'])})")
    row("changed captions: statuses", "low_confidence",
        lambda x: ", ".join(f"{k} {v}" for k, v in x["changed"]["statuses"].items()))
    for kind in ("added", "removed", "replaced"):
        row(f"... words {kind}: placed / told it differs", "",
            lambda x, k=kind: f"{x['changed']['by_change'][k]['placed_within_0_5s']} / {x['changed']['by_change'][k]['differs']} "
                              f"of {x['changed']['by_change'][k]['lines']}")
    row("right captions placed within 0.5 s / `aligned`", "",
        lambda x: f"{pct(x['right']['placed_within_0_5s'], x['right']['lines'])} / {pct(x['right']['aligned'], x['right']['lines'])} "
                  f"of {x['right']['lines']}")
    row(f"right captions told \"{DIFFERS}\" (false alarms)", "",
        lambda x: f"{x['right']['differs']} ({pct(x['right']['differs'], x['right']['lines'])})")
    row("... of them `aligned` but for that check (demoted by it)", "none",
        lambda x: f"{x['right']['demoted']} ({pct(x['right']['demoted'], x['right']['lines'])})")
    heard = [n for n in names if g[n].get("by_hearing")]
    if heard:
        out += ["", "Told \"caption differs\" by how well the model hears the line (greedy CER of the model's own decode over "
                    "the line's true speech span against what was said; changed captions told / lines, right captions told "
                    "(false alarms) / lines):", "",
                "| greedy CER | " + " | ".join(f"{n}: changed told | {n}: right told" for n in heard) + " |",
                "| --- | " + " | ".join("--- | ---" for _ in heard) + " |"]
        for k, (lo, hi) in enumerate(CER_BINS):
            label = f"{100 * lo:.0f}-{100 * hi:.0f}%" if hi is not None else f"{100 * lo:.0f}% or more"
            cells = []
            for n in heard:
                b = g[n]["by_hearing"][k]
                cells.append(f"{b['changed_told']} of {b['changed']} ({pct(b['changed_told'], b['changed'])})")
                cells.append(f"{b['right_told']} of {b['right']} ({pct(b['right_told'], b['right'])})")
            out.append(f"| {label} | " + " | ".join(cells) + " |")
        out += ["", "Changed captions told \"caption differs\" by how much more likely the model finds what was said than the "
                    "caption over the line's true speech span (CTC log-likelihood, all paths, nats; below about 2 the model "
                    "cannot tell the caption from what was said, so no check on its emissions can):", "",
                "| what was said over the caption | " + " | ".join(f"{n}: told / changed captions" for n in heard) + " |",
                "| --- | " + " | ".join("---" for _ in heard) + " |"]
        for k, (lo, hi) in enumerate(SEPARATION_BINS):
            label = f"below {hi:g} nats" if lo is None else f"{lo:g} nats or more" if hi is None else f"{lo:g}-{hi:g} nats"
            out.append(f"| {label} | " + " | ".join(
                f"{b['changed_told']} of {b['changed']} ({pct(b['changed_told'], b['changed'])})"
                for b in (g[n]["by_separation"][k] for n in heard)) + " |")
    out += ["", "Reasons given to changed captions:", ""]
    for n in names:
        out.append(f"- {n}: " + "; ".join(f"{k} ({v})" for k, v in g[n]["changed"]["reasons"].items()))
    if report["refused"]:
        out += ["", "Refused by the caption match check:", ""]
        out += [f"- {r['group']} {r['name']}: {r['message']}" for r in report["refused"]]
    acc = [(n, a) for n in names for a in g[n]["never_spoken"]["accepted_lines"]]
    if acc:
        out += ["", "Never-spoken lines accepted:", ""]
        out += [f"- {n}: \"{a['text']}\" ({a['over']}; {a['status']}, p_correct {a['p_correct']}, rho {a['rho']}, "
                f"{a['start']}-{a['end']} s)" for n, a in acc]
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--programme", action="append", default=[], metavar="GROUP:NAME=TRUTH=JSON=SRT[=EMISSIONS_NPY]")
    ap.add_argument("--refused", action="append", default=[], metavar="GROUP:NAME=TRUTH=MESSAGE_FILE",
                    help="a programme the caption match check refused (nothing aligned or exported): counted, not scored")
    ap.add_argument("--out", required=True)
    ap.add_argument("--model-name", default="?")
    a = ap.parse_args()
    groups, per = {}, []
    for spec in a.programme:
        head, truth_path, json_path, srt_path, *emissions = spec.split("=")
        group, name = head.split(":", 1)
        truth = json.load(open(truth_path))
        hearing = GreedyHearing(emissions[0]) if emissions else None
        rows = programme_lines(truth, json.load(open(json_path)), srt_texts(srt_path), hearing)
        g = groups.setdefault(group, {"rows": [], "programmes": 0, "minutes": 0.0})
        g["rows"] += rows
        g["programmes"] += 1
        g["minutes"] += truth["duration"] / 60
        per.append({"group": group, "name": name, "minutes": round(truth["duration"] / 60, 2), **summarise(rows)})
    refused = []
    for spec in a.refused:
        head, truth_path, message_path = spec.split("=", 2)
        group, name = head.split(":", 1)
        truth = json.load(open(truth_path))
        g = groups.setdefault(group, {"rows": [], "programmes": 0, "minutes": 0.0})
        g.setdefault("refused", []).append(name)
        refused.append({"group": group, "name": name, "minutes": round(truth["duration"] / 60, 2),
                        "message": open(message_path).read().strip()})
    report = {"model": a.model_name, "programmes": len(per), "refused": refused, "audio_minutes": sum(g["minutes"] for g in groups.values()),
              "groups": {k: {"programmes": g["programmes"], "minutes": g["minutes"], "refused": g.get("refused", []),
                             **summarise(g["rows"])}
                         for k, g in groups.items()},
              "per_programme": per}
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "report.json"), "w") as f:
        json.dump(report, f, indent=1)
    md = markdown(report)
    with open(os.path.join(a.out, "report.md"), "w") as f:
        f.write(md)
    sys.stdout.write(md)


if __name__ == "__main__":
    main()
