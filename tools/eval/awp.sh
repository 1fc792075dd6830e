#!/bin/bash
# AWP latency re-ranking on a composed broadcast (issue 9 item 3): word onset bias and boundary error with and without
# re-ranking, on the caption lines every run accepted, and the time of each run. Prints Markdown tables.
#
#   tools/eval/awp.sh [MINUTES]            # default 30 (composes $CTCALIGN_CACHE/broadcasts/b30 once, like longform.sh)
#
# Environment: CTCALIGN_MODEL, CTCALIGN_CACHE (default ~/.cache/ctcalign), LAMBDAS (default "0.5 1 2"), SHIFTS (default "3").
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cache=${CTCALIGN_CACHE:-$HOME/.cache/ctcalign}/broadcasts
out=${EVAL_OUT:-$cache/eval}
mkdir -p "$cache" "$out"
m=${1:-30}
b="$cache/b$m"
[ -f "$b.wav" ] || /usr/bin/python3 "$root/tools/synth/compose.py" --out "$b" --minutes "$m" --seed $((m == 30 ? 7 : m)) >&2
model_args=()
[ -n "${CTCALIGN_MODEL:-}" ] && model_args=(--model "$CTCALIGN_MODEL")
dotnet build "$root/src/CtcAlign.Cli" -c Release -v q -nologo >/dev/null
cli="$root/src/CtcAlign.Cli/bin/Release/net10.0/ctcalign"

run() { # name, extra args...
  local name=$1; shift
  rm -f "$out/awp.$name.db"*
  /usr/bin/time -f "%e %U" -o "$out/awp.$name.time" "$cli" align "$b.wav" --captions "$b.srt" "${model_args[@]}" \
    --no-caption-wer --db "$out/awp.$name.db" --out "$out/awp.$name.json" "$@" >&2
  files+=("$out/awp.$name.json")
  times+=("| $name | $(awk '{printf "%.1f s (%.1f s CPU)", $1, $2}' "$out/awp.$name.time") |")
}
files=(); times=()
run none --awp none
for k in ${SHIFTS:-3}; do
  for l in ${LAMBDAS:-0.5 1 2}; do run "latency-l$l-k$k" --awp latency --awp-lambda "$l" --awp-shift "$k"; done
done
/usr/bin/python3 "$root/tools/eval/word_timing.py" --truth "$b.truth.json" "${files[@]}"
echo
echo "| run | align time, $m min of audio (2 cores) |"
echo "| --- | --- |"
printf '%s\n' "${times[@]}"
