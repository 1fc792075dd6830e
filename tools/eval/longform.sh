#!/bin/bash
# Long-form benchmark (issue 6): IPFA vs the global ctc-segmentation baseline on composed broadcasts, scored against
# the composer's truth. Prints a Markdown table (the one in README "Benchmarks / Long-form alignment").
#
#   tools/eval/longform.sh [MINUTES...]          # default: 30 120
#
# Environment: CTCALIGN_MODEL (model folder; default models/default), CTCALIGN_CACHE (default ~/.cache/ctcalign; broadcasts
# are composed once into $CTCALIGN_CACHE/broadcasts/b<MINUTES>.*), EXTRA_ARGS (more align options for both aligners),
# ALIGNERS (default "ipfa global"). Needs tools/synth/install.sh for composing.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cache=${CTCALIGN_CACHE:-$HOME/.cache/ctcalign}/broadcasts
out=${EVAL_OUT:-$cache/eval}
mkdir -p "$cache" "$out"
minutes=("$@")
[ ${#minutes[@]} -eq 0 ] && minutes=(30 120)
model_args=()
[ -n "${CTCALIGN_MODEL:-}" ] && model_args=(--model "$CTCALIGN_MODEL")

dotnet build "$root/src/CtcAlign.Cli" -c Release -v q -nologo >/dev/null
cli="$root/src/CtcAlign.Cli/bin/Release/net10.0/ctcalign"

rows=()
for m in "${minutes[@]}"; do
  b="$cache/b$m"
  if [ ! -f "$b.wav" ]; then
    seed=$((m == 30 ? 7 : m == 120 ? 8 : m))
    /usr/bin/python3 "$root/tools/synth/compose.py" --out "$b" --minutes "$m" --seed "$seed" >&2
  fi
  for aligner in ${ALIGNERS:-ipfa global}; do
    json="$out/b$m.$aligner.json"
    rm -f "$out/b$m.$aligner.db"*
    /usr/bin/time -f "%e %U %M" -o "$out/b$m.$aligner.time" "$cli" align "$b.wav" --captions "$b.srt" "${model_args[@]}" \
      --aligner "$aligner" --db "$out/b$m.$aligner.db" --out "$json" ${EXTRA_ARGS:-} >&2
    score=$(/usr/bin/python3 "$root/tools/synth/score.py" --truth "$b.truth.json" --alignment "$json" --json)
    rows+=("$(/usr/bin/python3 - "$m" "$aligner" "$out/b$m.$aligner.time" <<PY
import json, sys
s = json.loads('''$score''')
m, aligner, timefile = sys.argv[1], sys.argv[2], sys.argv[3]
wall, user, kb = open(timefile).read().split()[-3:]
f, l = s["first_10_min"], s["last_10_min"]
print(f"| {m} min | {aligner} | {s['within_0_5s']*100:.1f}% of {s['spoken_captioned_lines']} | {s['median_error_s']*1000:.0f} ms "
      f"| {s['inserted_accepted']} of {s['inserted_lines']} | {s['precision']*100:.1f}% / {s['recall']*100:.1f}% | {s['word_mae_s']*1000:.0f} ms "
      f"| {f['within_0_5s']*100:.1f}% / {l['within_0_5s']*100:.1f}% | {f['median_error_s']*1000:.0f} / {l['median_error_s']*1000:.0f} ms "
      f"| {float(wall):.0f} s ({float(user):.0f} s CPU) | {int(kb)/1024:.0f} MiB |")
PY
)")
  done
done
echo "| broadcast | aligner | spoken lines within 0.5 s | median boundary error | inserted lines accepted | precision / recall (aligned) | word boundary MAE | within 0.5 s, first / last 10 min | median error, first / last 10 min | time (2 cores) | peak memory |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${rows[@]}"
