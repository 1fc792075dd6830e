#!/bin/bash
# The hint band (IpfaOptions.HintBandSeconds, `align --hint-band`), measured in one command:
#
#   tools/eval/hint-band.sh [MODEL_FOLDER]          # default models/default
#
# 1. tools/eval/caption-errors.sh on the tuning programmes (TUNE=1) and on the reported ones, once with the defaults
#    (the band off: caption times never bound a line) and once with `--hint-band BAND` (default 4): the rows of its
#    report that the band moves (lines placed within 0.5 s, statuses, never-spoken lines accepted);
# 2. audio edited after its captions were timed: the tuning programmes tr1 (real speech) and ts1 (synthetic voices)
#    with CUT_SECONDS (default 30) cut out at CUT_START (default 240 s), captions kept, aligned with the band off and
#    on (tools/eval/hint_band.py: unchanged spoken lines within 0.5 s before and after the cut, `aligned` but wrong).
#
# Environment: BAND (the width for "on", default 4), CUT_START, CUT_SECONDS, OUT, CTCALIGN_CACHE.
# Needs the programmes of caption-errors.sh (it composes them when missing). Writes into $OUT (default
# $CTCALIGN_CACHE/hint-band) and prints Markdown.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
model=$(cd "${1:-$root/models/default}" && pwd)
cache=${CTCALIGN_CACHE:-$HOME/.cache/ctcalign}
out=${OUT:-$cache/hint-band}
cut_start=${CUT_START:-240}
cut=${CUT_SECONDS:-30}
mkdir -p "$out"
rows='^\| (never-spoken lines accepted|changed captions placed|changed captions .low_confidence|right captions placed within|\.\.\. of them)'
for tune in 1 0; do
  for band in off on; do
    args="--hint-band 0"; [ "$band" = on ] && args="--hint-band ${BAND:-4}"
    name=$([ "$tune" = 1 ] && echo tuning || echo reported)-$band
    TUNE=$([ "$tune" = 1 ] && echo 1 || echo "") ALIGN_ARGS="$args" OUT="$out/$name" \
      "$root/tools/eval/caption-errors.sh" "$model" > "$out/$name.log" 2>&1 || { cat "$out/$name.log" >&2; exit 1; }
    echo "caption-errors.sh, $name (real | synthetic):"
    grep -E "$rows" "$out/$name/report.md"
    echo
  done
done

work=$cache/caption-errors
cli="$root/src/CtcAlign.Cli/bin/Release/net10.0/ctcalign"
echo "Audio with $cut s cut out at $cut_start s after the captions were timed (unchanged spoken lines):"
echo
echo "| programme, band | within 0.5 s before the cut | within 0.5 s after it | \`aligned\` but wrong |"
echo "| --- | --- | --- | --- |"
for name in tr1 ts1; do
  b=$work/$name-8
  cutwav=$out/$name-cut.wav
  if [ ! -f "$cutwav" ]; then
    sox "$b.wav" "$out/$name-a.wav" trim 0 "$cut_start"
    sox "$b.wav" "$out/$name-b.wav" trim "$((cut_start + cut))"
    sox "$out/$name-a.wav" "$out/$name-b.wav" "$cutwav"
    rm -f "$out/$name-a.wav" "$out/$name-b.wav"
  fi
  specs=()
  for band in off on; do
    args=(--hint-band 0); [ "$band" = on ] && args=(--hint-band "${BAND:-4}")
    rm -f "$out/$name-$band.db"*
    nice -n 10 "$cli" align "$cutwav" --captions "$b.srt" --model "$model" --db "$out/$name-$band.db" --no-progress \
      --out "$out/$name-$band.json" "${args[@]}" > "$out/$name-$band.log" 2>&1
    specs+=(--alignment "$name, band $band=$out/$name-$band.json")
  done
  /usr/bin/python3 "$root/tools/eval/hint_band.py" --truth "$b.truth.json" --cut-start "$cut_start" --cut-seconds "$cut" "${specs[@]}"
done
