#!/bin/bash
# Clip edges of corpus exports (issue 21): how many clips cut their own speech or take in a neighbour's, for several
# paddings, on a composed programme with true word times. Prints a Markdown table (README "Corpus export").
#
#   tools/eval/clip_edges.sh [MINUTES [SEED]]        # default: 10 21
#
# Environment: CTCALIGN_MODEL (default models/default), CTCALIGN_CACHE (default ~/.cache/ctcalign; the programme is
# composed once into $CTCALIGN_CACHE/broadcasts/c<MINUTES>s<SEED>.*), PADDINGS (default "0 0.15 0.3").
# Needs tools/synth/install.sh for composing.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
minutes=${1:-10}
seed=${2:-21}
cache=${CTCALIGN_CACHE:-$HOME/.cache/ctcalign}/broadcasts
out=${EVAL_OUT:-$cache/eval-clips}
mkdir -p "$cache" "$out"
model_args=()
[ -n "${CTCALIGN_MODEL:-}" ] && model_args=(--model "$CTCALIGN_MODEL")
b="$cache/c${minutes}s${seed}"
[ -f "$b.wav" ] || /usr/bin/python3 "$root/tools/synth/compose.py" --out "$b" --minutes "$minutes" --seed "$seed" >&2
dotnet build "$root/src/CtcAlign.Cli" -c Release -v q -nologo >/dev/null
cli="$root/src/CtcAlign.Cli/bin/Release/net10.0/ctcalign"
db="$out/c${minutes}s${seed}.db"
rm -f "$db"*
"$cli" align "$b.wav" --captions "$b.srt" "${model_args[@]}" --db "$db" >&2
echo "| padding | clips | cut own speech (> 50 ms) | worst cut | take in a neighbour's words (> 50 ms) | of which only lines left out of the captions |"
echo "|---|---|---|---|---|---|"
for p in ${PADDINGS:-0 0.15 0.3}; do
  corpus="$out/nemo-$p"
  rm -rf "$corpus"
  "$cli" export --db "$db" --format nemo --out "$corpus" --padding "$p" >&2
  /usr/bin/python3 "$root/tools/eval/clip_edges.py" --truth "$b.truth.json" --manifest "$corpus/manifest.jsonl" --json > "$out/score-$p.json"
  PAD=$p /usr/bin/python3 - "$out/score-$p.json" <<'PY'
import json, os, sys
r = json.load(open(sys.argv[1]))
n = max(1, r["clips"])
print(f"| {os.environ['PAD']} s | {r['clips']} | {r['cut_speech']} ({100 * r['cut_speech'] / n:.1f}%) | {r['worst_cut_s'] * 1000:.0f} ms "
      f"| {r['neighbour_speech']} ({100 * r['neighbour_speech'] / n:.1f}%) | {r['neighbour_not_captioned']} |")
PY
done
/usr/bin/python3 -c "import json,sys; print(); print(f'{100 * json.load(open(sys.argv[1]))[\"tight_line_gaps\"]:.0f}% of the spoken lines start less than 50 ms after the previous one ends.')" "$out/score-$p.json"
