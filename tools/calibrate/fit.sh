#!/bin/bash
# Fits the per-line calibrator (p_correct, issue 15) for one model package, in one command:
#
#   tools/calibrate/fit.sh [MODEL_FOLDER]          # default models/default
#
# 1. composes broadcasts with known truth (tools/synth/compose.py, cached in $CTCALIGN_CACHE/calibrate):
#    training on part a of the held-out synthetic voices and texts and of the held-out real speakers (12 synthetic
#    programmes of 12 minutes, 4 real-speech ones of 10), evaluation on part b (disjoint voices, speakers and texts):
#    a 30-minute synthetic and a real-speech broadcast;
# 2. aligns each with `ctcalign align --model MODEL_FOLDER --evidence --no-calibration` (JSON with every line's features;
#    cached by model.onnx and CtcAlign.Core.dll hash);
# 3. tools/calibrate/fit.py joins the lines with the truth, fits the logistic regression (numpy, L2), picks the
#    default --min-p on the training curve, writes the "calibration" block into MODEL_FOLDER/ctcalign-model.json and
#    the evaluation (reliability table, ECE, precision/recall before and after) into $OUT (default
#    $CTCALIGN_CACHE/calibrate/eval): report.md, report.json, reliability.png, wrong-above-0.9.md (the held-out
#    lines with p_correct >= 0.9 whose timing is wrong, to read) and lines.jsonl (every placed line with its
#    features, label, veto and p_correct, to study the data behind the fit).
#
# Environment: CTCALIGN_CACHE (default ~/.cache/ctcalign), REAL_DIR (decode_real.py's cache, default
# $CTCALIGN_CACHE/real; skipped with a warning when missing), OUT, STAGE=compose to stop after composing, LONG=1 to
# evaluate on a 2-hour broadcast as well.
# Runs everything with nice -n 10. Needs tools/synth/install.sh (TTS engines, numpy, matplotlib for the plot).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
model=$(cd "${1:-$root/models/default}" && pwd)
cache=${CTCALIGN_CACHE:-$HOME/.cache/ctcalign}
work=$cache/calibrate
real=${REAL_DIR:-$cache/real}
out=${OUT:-$work/eval}
mkdir -p "$work" "$out"
py=/usr/bin/python3

# name minutes seed part [real]: the programmes (training: part a; evaluation: part b)
programmes=(
  "train-s1 12 1501 a" "train-s2 12 1502 a" "train-s3 12 1503 a" "train-s4 12 1504 a" "train-s5 12 1505 a"
  "train-s6 12 1506 a" "train-s7 12 1541 a" "train-s8 12 1542 a" "train-s9 12 1543 a" "train-s10 12 1544 a"
  "train-s11 12 1545 a" "train-s12 12 1546 a"
  "train-r1 10 1521 a real" "train-r2 10 1522 a real" "train-r3 10 1523 a real" "train-r4 10 1524 a real"
  # with music breaks, applause and more never-spoken lines over them, as tools/eval/caption-errors.sh composes them:
  # without these the fit never saw a never-spoken line over music or applause and gave some of them p above 0.98
  "train-s13 12 1551 a syn breaks" "train-s14 12 1552 a syn breaks" "train-s15 12 1553 a syn breaks"
  "train-s16 12 1554 a syn breaks" "train-r5 10 1525 a real breaks" "train-r6 10 1526 a real breaks"
  # more real speech (the held-out real lines came out over-confident): the same part-a clips in other programmes
  "train-r7 10 1527 a real" "train-r8 10 1528 a real" "train-r9 10 1529 a real breaks" "train-r10 10 1530 a real breaks"
  "eval-s30 30 1511 b" "eval-r1 10 1531 b real"
  # 30 minutes of real speech with breaks: part b holds only 60 held-out clips (3 speakers, 4.7 min of unique speech),
  # so each clip comes back about 4 times, in other places, next to other lines, under other caption errors
  "eval-r30 30 1532 b real breaks"
)
# LONG=1: also a 2-hour held-out broadcast (composing it took about 2 minutes on the idle 2-core machine, once cached)
[ -n "${LONG:-}" ] && programmes+=("eval-s120 120 1512 b")
names=()
for p in "${programmes[@]}"; do
  read -r name minutes seed part kind extra <<<"$p"
  b=$work/$name
  src=()
  if [ "${kind:-}" = real ]; then
    if [ ! -f "$real/manifest.jsonl" ]; then
      echo "fit.sh: $real/manifest.jsonl missing (tools/model/decode_real.py): $name skipped" >&2
      continue
    fi
    src=(--real "$real")
  fi
  [ "${extra:-}" = breaks ] && src+=(--breaks 0.06 --applause 0.06 --insert-share 0.1)
  [ -f "$b.truth.json" ] || nice -n 10 $py "$root/tools/synth/compose.py" --out "$b" --minutes "$minutes" --seed "$seed" \
    --part "$part" "${src[@]}" 2>&1 | { grep -v '^mbrola: Warning' || true; } >&2
  names+=("$name")
done
[ "${STAGE:-}" = compose ] && exit 0

nice -n 10 dotnet build "$root/src/CtcAlign.Cli" -c Release -v q -nologo >/dev/null
cli="$root/src/CtcAlign.Cli/bin/Release/net10.0/ctcalign"
hash=$(sha256sum "$model/model.onnx" | cut -c1-16)
# the alignments depend on the aligner too (its features, its boundaries): a rebuilt CtcAlign.Core.dll realigns (a few
# seconds a programme once the model's emissions are cached)
build=$(sha256sum "$(dirname "$cli")/CtcAlign.Core.dll" | cut -c1-8)
for name in "${names[@]}"; do
  b=$work/$name
  json=$work/$name.$hash.$build.json
  if [ ! -f "$json" ]; then
    # named like the JSON: runs for other models or builds (other worktrees share the cache) do not collide
    db=$work/$name.$hash.$build.db
    rm -f "$db"*
    echo "fit.sh: aligning $name" >&2
    nice -n 10 "$cli" align "$b.wav" --captions "$b.srt" --model "$model" --evidence --no-calibration \
      --db "$db" --no-progress --out "$json.tmp.$$" --format json >"$work/$name.$hash.$build.align.log" 2>&1
    mv "$json.tmp.$$" "$json"
  fi
done

args=()
for name in "${names[@]}"; do
  args+=(--programme "$name=$work/$name.truth.json=$work/$name.$hash.$build.json")
done
nice -n 10 $py "$root/tools/calibrate/fit.py" --model "$model" --out "$out" "${args[@]}"
