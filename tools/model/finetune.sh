#!/bin/bash
# Adapts a model package to your own recordings: the ASR trainer's loop (README "Adapt the model to your recordings").
#
#   tools/model/finetune.sh --corpus corpus/ --from models/default --out models/adapted [--minutes 20] [--lr 3e-4]
#       [--freeze-blocks 4] [--freeze-bn] [--original-share 0.5] [--min-word-confidence 0] [--val-share 0.2]
#       [--forget-val 40] [--forget-tolerance 0.5] [--interpolate auto|off|A] [--threads 1] [--device cpu|cuda]
#
# corpus/ is what `ctcalign export --format nemo` wrote (confident clips with their normalised text). Steps:
#  1. tools/model/import_corpus.py turns the clips into train.py's cache format and mixes in --original-share of the
#     original real corpus (../shared/data/real-corpus or $REAL_CORPUS, decoded once to $CTCALIGN_CACHE/real), so the model does
#     not forget (--min-word-confidence X leaves out exported clips whose mean word confidence is below X; 0 keeps
#     all); train.py also keeps a share of synthetic speech in every batch from $CTCALIGN_CACHE/corpus
#     (made by tools/model/recipe.sh; `SKIP_TRAIN=1 tools/model/recipe.sh` would be too much: the script makes a
#     small one, 0.3 h, when it is missing).
#  2. train.py continues from --from (its checkpoint.pt, else its model.onnx converted by onnx_to_pt.py) for --minutes
#     wall clock with the input conv and the first --freeze-blocks blocks fixed (--freeze-bn: also the running
#     statistics of every batch-norm layer, which a few minutes of clips can pull away from the base model's).
#     --val-share S (default 0.2) holds back about S of the exported clips, whole texts at a time, and keeps the step
#     with the lowest greedy CER on them (measured before training and every 25 steps; the starting model when no
#     step does better); 0 trains on every clip and keeps the last step. The "do not forget" guard: --forget-val N
#     (default 40) also holds out N clips of the original real corpus (training speakers) and N utterances of the
#     synthetic training corpus, measured at the same steps, and a step is kept only when its CER on them is no
#     worse than the start's plus --forget-tolerance points (default 0.5); 0 turns the guard off.
#     --interpolate auto|A (the default auto; WiSE-FT, tools/model/interpolate.py): instead of keeping a step, trains to the last step and
#     keeps theta = (1-a)*theta_from + a*theta_last; A fixes a, auto measures a = 0, 0.1, ..., 1 on the held-back clips
#     and the --forget-val clips and keeps the lowest held-back CER among the a whose original-data CER is no worse
#     than a = 0's plus --forget-tolerance (a = 0, the --from model, always qualifies). The package README lists the
#     grid. Batch-norm running statistics are interpolated too (with --freeze-bn they are --from's in both).
#  3. export.py writes the package to --out, quantize.py adds its int8 graph, the --from package's word-boundary
#     rules and README are carried over (the README gains a section saying what was adapted), and the calibration
#     of p_correct is fitted again when tools/calibrate/fit.sh exists.
# Corpora, checkpoints and logs go to $CTCALIGN_CACHE/adapt (default ~/.cache/ctcalign/adapt), never into git.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
PY=/usr/bin/python3
cache=${CTCALIGN_CACHE:-$HOME/.cache/ctcalign}
corpus= from=$root/models/default out= minutes=20 lr=3e-4 freeze=4 share=0.5 min_wc=0 val_share=0.2 forget_val=40 forget_tol=0.5 interp=auto threads=1 device=cpu freeze_bn=()
while [ $# -gt 0 ]; do
  case $1 in
    --corpus) corpus=$2; shift 2;;
    --from) from=$2; shift 2;;
    --out) out=$2; shift 2;;
    --minutes) minutes=$2; shift 2;;
    --lr) lr=$2; shift 2;;
    --freeze-blocks) freeze=$2; shift 2;;
    --freeze-bn) freeze_bn=(--freeze-bn); shift;;
    --original-share) share=$2; shift 2;;
    --min-word-confidence) min_wc=$2; shift 2;;
    --val-share) val_share=$2; shift 2;;
    --forget-val) forget_val=$2; shift 2;;
    --forget-tolerance) forget_tol=$2; shift 2;;
    --interpolate) interp=$2; shift 2;;
    --threads) threads=$2; shift 2;;
    --device) device=$2; shift 2;;
    *) echo "finetune.sh: unknown argument $1 (see the header of $0)" >&2; exit 2;;
  esac
done
[ -n "$corpus" ] && [ -n "$out" ] || { echo "finetune.sh: --corpus DIR and --out DIR are required" >&2; exit 2; }
[ -f "$corpus/manifest.jsonl" ] || { echo "finetune.sh: $corpus/manifest.jsonl not found (ctcalign export --format nemo --out $corpus)" >&2; exit 2; }
[ -f "$from/model.onnx" ] || { echo "finetune.sh: $from is not a model package (no model.onnx)" >&2; exit 2; }
[ "$(cd "$from" && pwd)" != "$(mkdir -p "$out" && cd "$out" && pwd)" ] || { echo "finetune.sh: --out must differ from --from" >&2; exit 2; }
case $interp in
  off|auto) ;;
  *) $PY -c 'import sys; a = float(sys.argv[1]); sys.exit(0 if 0 <= a <= 1 else 1)' "$interp" 2>/dev/null \
       || { echo "finetune.sh: --interpolate takes off, auto or a number in [0, 1], not $interp" >&2; exit 2; };;
esac
[ "$interp" != auto ] || [ "$val_share" != 0 ] || { echo "finetune.sh: --interpolate auto (the default) needs held-back clips: --val-share above 0, or --interpolate off" >&2; exit 2; }
$PY -c 'import torch' 2>/dev/null || { echo "finetune.sh: /usr/bin/python3 has no torch (apt-get install python3-torch, or tools/synth/install.sh)" >&2; exit 2; }

work=$cache/adapt/$(basename "$out")-$(date +%Y%m%d-%H%M%S)
mkdir -p "$work"
original_args=()
real_corpus=${REAL_CORPUS:-$root/../shared/data/real-corpus}
if [ -f "$real_corpus/manifest.jsonl" ]; then
  $PY "$root/tools/model/decode_real.py" --corpus "$real_corpus" --out "$cache/real"
  original_args=(--original "$cache/real" --original-share "$share")
elif [ -f "$cache/real/manifest.jsonl" ]; then
  original_args=(--original "$cache/real" --original-share "$share")  # decoded earlier; the corpus itself is not here
elif awk -v s="$share" 'BEGIN { exit !(s > 0) }'; then
  # never train "without forgetting" on no original data while the package README says otherwise
  echo "finetune.sh: --original-share $share needs the original real corpus ($real_corpus, or REAL_CORPUS=DIR) or its decoded cache $cache/real; give --original-share 0 to train on the harvest alone" >&2
  rm -rf "$work"
  exit 2
fi
if [ ! -f "$cache/corpus/train/manifest.jsonl" ]; then
  echo "finetune.sh: no synthetic corpus in $cache/corpus; making a small one (0.3 h)" >&2
  $PY "$root/tools/synth/gen_corpus.py" --out "$cache/corpus/train" --hours 0.3 --split train --seed 1 > "$work/gen.log" 2>&1
fi
forget_args=()
[ "$forget_val" != 0 ] && forget_args=(--forget-val "$forget_val" --forget-val-out "$work/forget-val" --synthetic "$cache/corpus/train")
$PY "$root/tools/model/import_corpus.py" --corpus "$corpus" --out "$work/data" --min-word-confidence "$min_wc" \
  --val-share "$val_share" --val-out "$work/val" "${original_args[@]}" "${forget_args[@]}"
val_args=()
if [ -s "$work/val/manifest.jsonl" ]; then
  val_args=(--val "$work/val" --val-every 25)
  # with --interpolate the last step is the end point: measured only at the start and the end (the grid comes after)
  [ "$interp" != off ] && val_args=(--val "$work/val" --val-every 1000000000)
  [ -s "$work/forget-val/manifest.jsonl" ] && val_args+=(--forget-val "$work/forget-val" --forget-tolerance "$forget_tol")
fi
if [ -f "$from/checkpoint.pt" ]; then
  init=$from/checkpoint.pt
else
  init=$work/from.pt
  $PY "$root/tools/model/onnx_to_pt.py" --onnx "$from/model.onnx" --out "$init" --calib "$work/data"
fi
$PY "$root/tools/model/train.py" --corpus "$cache/corpus" --work "$work" --minutes "$minutes" --lr "$lr" --threads "$threads" \
  --warmup 20 --aux-after 0 --init "$init" --real "$work/data" --real-share 0.8 --freeze-blocks "$freeze" "${freeze_bn[@]}" "${val_args[@]}" --device "$device" \
  2>&1 | tee "$work/train.log"
# the step with the lowest CER on the held-back clips (best.pt), else the last one; with --interpolate, the last step
# interpolated with the --from model
last=$work/best.pt
[ -f "$last" ] && [ "$interp" = off ] || last=$(ls "$work"/step*.pt | tail -1)
if [ "$interp" != off ]; then
  interp_args=(--alpha "$interp")
  if [ "$interp" = auto ]; then
    interp_args+=(--val "$work/val" --tolerance "$forget_tol")
    [ -s "$work/forget-val/manifest.jsonl" ] && interp_args+=(--forget-val "$work/forget-val")
  fi
  $PY "$root/tools/model/interpolate.py" --start "$init" --tuned "$last" "${interp_args[@]}" --threads "$threads" \
    --out "$work/interpolated.pt" --report "$work/interpolation.json" 2>&1 | tee "$work/interpolate.log" \
    || { echo "finetune.sh: interpolate.py failed (log: $work/interpolate.log)" >&2; exit 1; }
  last=$work/interpolated.pt
fi
$PY "$root/tools/model/export.py" --checkpoint "$last" --out "$out"
cp "$last" "$out/checkpoint.pt"
# the adapted package keeps the base model's name with "-adapted", its measured boundary rules and licence
$PY - "$from/ctcalign-model.json" "$out/ctcalign-model.json" "$corpus" "$minutes" <<'PY'
import json, sys
base, new = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
for k in ("boundary_rules", "emission_bias_ms", "license", "language"):
    if k in base:
        new[k] = base[k]
new["name"] = base.get("name", "model") + "-adapted"
new["provenance"] = f"tools/model/finetune.sh from {base.get('name')} {base.get('version')} on {sys.argv[3]} ({sys.argv[4]} min); " + new.get("provenance", "")
new.pop("calibration", None)  # fitted for the base model; refitted below when the recipe exists
json.dump(new, open(sys.argv[2], "w"), indent=2)
PY
kept=$($PY - "$last" <<'PY'
import sys, torch
ck = torch.load(sys.argv[1], map_location="cpu")
v = ck.get("val")
ip = ck.get("interpolation")
if ip:
    print(f", the last step ({ip['tuned_step']}) interpolated with the starting model at a = {ip['alpha']} "
          f"(WiSE-FT: (1-a)*start + a*tuned; " + ("a given" if ip["rule"] == "given" else
          f"chosen as the lowest greedy CER on {ip['clips']} held-back clips among the a whose CER on {ip['orig_clips']} "
          f"original-data clips is no worse than a = 0's plus {100 * ip['tolerance']:.1f} points") + ")", end="")
elif v and "last_step" in ck:
    print(f", keeping step {ck['step']} of {ck['last_step']} by greedy CER on {v['clips']} held-back clips "
          f"({100 * v['start_cer']:.1f}% before, {100 * v['best_cer']:.1f}% kept, {100 * v['final_cer']:.1f}% at the last step)"
          + (f" among the steps within {100 * v['tolerance']:.1f} points of the start's CER on {v['orig_clips']} original-data clips "
             f"({100 * v['start_orig_cer']:.1f}% before, {100 * v['best_orig_cer']:.1f}% kept, {100 * v['final_orig_cer']:.1f}% at the last step)"
             if "orig_clips" in v else ""), end="")
PY
)
$PY "$root/tools/model/quantize.py" --model "$out"
{
  [ -f "$from/README.md" ] && cat "$from/README.md"
  printf '\n## Adapted (tools/model/finetune.sh)\n\nFine-tuned from `%s` on the clips of `%s` (%s), %s minutes, lr %s, input conv and first %s blocks frozen%s, %s of the clips from the original real corpus%s. Log: `%s`. The figures above are the base model'"'"'s; measure this one with `tools/model/report.sh %s %s`.\n' \
    "$from" "$corpus" "$(wc -l < "$corpus/manifest.jsonl") clips" "$minutes" "$lr" "$freeze" "${freeze_bn:+, batch-norm statistics fixed}" "$share" "$kept" "$work/train.log" "$out" "$from"
  if [ -s "$work/interpolation.json" ]; then
    $PY - "$work/interpolation.json" <<'PY'
import json, sys
ip = json.load(open(sys.argv[1]))
if ip["grid"]:
    print("\nThe interpolation grid (greedy CER; the chosen a in bold):\n")
    orig = any("orig_cer" in p for p in ip["grid"])
    print("| a | held-back clips |" + (" original-data clips |" if orig else ""))
    print("|---|---|" + ("---|" if orig else ""))
    for p in ip["grid"]:
        b = "**" if p["alpha"] == ip["alpha"] else ""
        print(f"| {b}{p['alpha']:g}{b} | {100 * p['cer']:.1f}% |" + (f" {100 * p['orig_cer']:.1f}% |" if orig else ""))
PY
  fi
} > "$out/README.md"
if [ -x "$root/tools/calibrate/fit.sh" ]; then
  "$root/tools/calibrate/fit.sh" "$out" || echo "finetune.sh: the calibration refit failed; $out has no calibration (p_correct absent, rule statuses)" >&2
fi
echo "adapted model: $out (align with: ctcalign align --model $out ...)"
