#!/usr/bin/env python3
"""Makes a long benchmark input by repeating a short captioned clip: OUT.wav and OUT.srt.

    python3 tools/bench/tile.py --audio audio-samples/sample.wav --captions audio-samples/sample.srt \
        --minutes 60 --out /tmp/long

Only the standard library (wave), so it runs on machines without the synthesis engines (e.g. a GPU machine
for a speed check). The result measures speed, not accuracy: the same speech recurs every repeat.
"""
import argparse
import re
import wave

TIME = re.compile(r"(\d+):(\d\d):(\d\d)[,.](\d{3})")


def seconds(m):
    h, mi, s, ms = (int(g) for g in m.groups())
    return h * 3600 + mi * 60 + s + ms / 1000


def stamp(t):
    ms = int(round(t * 1000))
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"


def read_srt(path):
    blocks = re.split(r"\n\s*\n", open(path, encoding="utf-8-sig").read().strip())
    cues = []
    for b in blocks:
        lines = b.strip().splitlines()
        for i, line in enumerate(lines):
            times = TIME.findall(line)
            if "-->" in line and len(times) == 2:
                start, end = (seconds(TIME.search(line[p:])) for p in (0, line.index("-->")))
                cues.append((start, end, "\n".join(lines[i + 1:])))
                break
    return cues


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--audio", required=True)
    ap.add_argument("--captions", required=True, help="SRT")
    ap.add_argument("--minutes", type=float, required=True)
    ap.add_argument("--out", required=True, help="output path without extension")
    args = ap.parse_args()
    with wave.open(args.audio, "rb") as w:
        params = w.getparams()
        frames = w.readframes(w.getnframes())
    clip = params.nframes / params.framerate
    cues = read_srt(args.captions)
    repeats = max(1, round(args.minutes * 60 / clip))
    with wave.open(args.out + ".wav", "wb") as w:
        w.setparams(params)
        for _ in range(repeats):
            w.writeframes(frames)
    with open(args.out + ".srt", "w", encoding="utf-8") as f:
        n = 0
        for r in range(repeats):
            for start, end, text in cues:
                n += 1
                f.write(f"{n}\n{stamp(start + r * clip)} --> {stamp(end + r * clip)}\n{text}\n\n")
    print(f"{args.out}.wav: {repeats} x {clip:.1f} s = {repeats * clip / 60:.1f} min, {n} captions")


if __name__ == "__main__":
    main()
