#!/bin/bash
# AWP on synthesized utterances with exact word times (issue 9 item 3): emissions of the first N utterances of a
# tools/synth/gen_corpus.py manifest (held-out voices and texts by default), then the awp benchmark's evaluation
# (onset bias, onset MAE, end bias, boundary MAE for the Viterbi path and each re-ranking setting).
#
#   tools/eval/awp-utterances.sh [MANIFEST] [N]     # default: $CTCALIGN_CACHE/corpus/heldout/manifest.jsonl, 200
#
# Environment: CTCALIGN_MODEL, CTCALIGN_CACHE (default ~/.cache/ctcalign), AWP_ARGS (default "--lambda 0.5,1,2 --shift 1,3").
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cache=${CTCALIGN_CACHE:-$HOME/.cache/ctcalign}
manifest=${1:-$cache/corpus/heldout/manifest.jsonl}
n=${2:-200}
dir=$cache/eval/awp-emissions
mkdir -p "$dir"
model_args=()
[ -n "${CTCALIGN_MODEL:-}" ] && model_args=(--model "$CTCALIGN_MODEL")
dotnet build "$root/src/CtcAlign.Cli" -c Release -v q -nologo >/dev/null
dotnet build "$root/tools/CtcAlign.Bench" -c Release -v q -nologo >/dev/null
cli="$root/src/CtcAlign.Cli/bin/Release/net10.0/ctcalign"
base=$(dirname "$manifest")
head -n "$n" "$manifest" > "$dir/manifest.jsonl"
# the manifest's audio paths are relative to its folder: make them absolute for the benchmark
/usr/bin/python3 - "$dir/manifest.jsonl" "$base" <<'PY'
import json, os, sys
path, base = sys.argv[1], sys.argv[2]
rows = [json.loads(l) for l in open(path) if l.strip()]
with open(path, "w") as f:
    for r in rows:
        r["audio"] = os.path.join(base, r["audio"])
        f.write(json.dumps(r) + "\n")
PY
rm -f "$dir"/*.npy "$dir"/*.json.tmp
/usr/bin/python3 -c "import json,sys; [print(json.loads(l)['audio']) for l in open(sys.argv[1]) if l.strip()]" "$dir/manifest.jsonl" |
while read -r audio; do
  stem=$(basename "${audio%.*}")
  "$cli" emissions "$audio" --out "$dir/$stem.npy" "${model_args[@]}" --device cpu >/dev/null 2>&1
done
# shellcheck disable=SC2086
dotnet "$root/tools/CtcAlign.Bench/bin/Release/net10.0/ctcalign-bench.dll" awp --manifest "$dir/manifest.jsonl" --emissions "$dir" ${AWP_ARGS:---lambda 0.5,1,2 --shift 1,3}
