#!/bin/bash
# The int8 graph of a model package against its float graph, every figure of the model report side by side:
#
#   tools/model/quantize_check.sh [MODEL_DIR]        # default models/default; run tools/model/quantize.py first
#
# Makes two scratch packages, one holding MODEL_DIR's float graph alone and one whose model.onnx is its int8 graph,
# then runs tools/model/report.sh on them (float as the baseline) (greedy CER/WER on held-out real speakers and on ../shared/data/real-speech, word-boundary
# MAE on held-out synthetic voices, the 30-minute composed broadcast, transcribe). The Python evaluators interpret
# the graph with torch (tools/model/onnx_eval.py implements DynamicQuantizeLinear and MatMulInteger as the ONNX spec
# defines them); `ctcalign align` runs it through ONNX Runtime.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
model=$(cd "${1:-$root/models/default}" && pwd)
int8=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("precisions", {}).get("int8", ""))' "$model/ctcalign-model.json")
[ -n "$int8" ] || { echo "quantize_check.sh: $model has no int8 graph; run tools/model/quantize.py --model $model" >&2; exit 2; }
scratch=${CTCALIGN_CACHE:-$HOME/.cache/ctcalign}/int8-check
rm -rf "$scratch" && mkdir -p "$scratch/float32" "$scratch/int8"
cp "$model/model.onnx" "$scratch/float32/model.onnx"
cp "$model/$int8" "$scratch/int8/model.onnx"
# the descriptions without "precisions": each scratch package holds one graph
for p in float32 int8; do
  /usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d.pop("precisions", None); d["name"] += "-" + sys.argv[3]; json.dump(d, open(sys.argv[2], "w"), indent=2)' \
    "$model/ctcalign-model.json" "$scratch/$p/ctcalign-model.json" $p
done
OUT_DIR=${OUT_DIR:-${CTCALIGN_CACHE:-$HOME/.cache/ctcalign}/report-int8} "$root/tools/model/report.sh" "$scratch/int8" "$scratch/float32"
