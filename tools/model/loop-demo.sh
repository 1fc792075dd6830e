#!/bin/bash
# The ASR trainer's loop, shown on speakers the default model never heard (issue 21; README "Adapt the model to your
# recordings"). One command, rerunnable:
#
#   tools/model/loop-demo.sh
#
#  a. splits the held-out speakers of ../shared/data/real-corpus (decoded by tools/model/decode_real.py into
#     $CTCALIGN_CACHE/real) into ADAPT and TEST clips, disjoint by clip and by text (tools/model/loop_demo.py split);
#  b. composes RECORDINGS long recordings of the ADAPT clips with loose captions (tools/synth/compose.py --real:
#     dropped, inserted and changed lines, late rounded times, music, noise) and one of the TEST clips;
#  then per round (0 = the base model, 1..ROUNDS = adapted):
#     greedy CER on the TEST clips (and on the ADAPT clips, which rounds >= 1 trained on) with eval_real.py;
#     `ctcalign align` of the recordings, scored against their truth (tools/synth/score.py: lines within 0.5 s,
#     word MAE over one-word lines); `ctcalign export --format nemo --min-p MIN_P --max-duration MAX_DURATION` of the
#     ADAPT recordings: the harvest (hours, and the share of clips whose text is what was said);
#  c/d. before each next round, tools/model/finetune.sh fine-tunes the previous round's model on its harvest for
#     TRAIN_MINUTES at THREADS threads, keeping the step with the lowest greedy CER on a held-back fifth of the
#     harvest (whole texts; finetune.sh --val-share), and refits its calibration (tools/calibrate/fit.sh);
#     for the base and the last model, the model README's evaluations (tools/model/evaluate.py): did the rest get worse?
#  e. writes $LOOP_OUT/report.md and report.json (per round: training, harvest, CER, alignment figures).
#
# Environment (defaults): BASE (models/default; never written), LOOP_OUT ($CTCALIGN_CACHE/loop-demo), ROUNDS (2),
# TRAIN_MINUTES (15), THREADS (1), RECORDINGS (3), RECORDING_MINUTES (5), MIN_P (0.9), MAX_DURATION (20),
# MIN_WORD_CONFIDENCE (0.5: finetune.sh --min-word-confidence, the cut chosen on round 0's harvest.json, which counts
# what each cut would keep), FINETUNE_ARGS (more finetune.sh options; default "--freeze-bn", with finetune.sh's own
# --val-share 0.2, --forget-val 40, --forget-tolerance 0.5, --original-share 0.5, --lr 3e-4 and --interpolate auto:
# the settings of the README's weight-interpolation run; "" for finetune.sh's defaults alone; add "--interpolate off
# --original-share 0.8 --lr 1e-4" for the README's guard run),
# TEST_SHARE (0.5), SEED (2101), CER_PARTS ("test adapt"; "test" saves a few minutes), REAL_CORPUS
# (../shared/data/real-corpus), REAL_SPEECH (../shared/data/real-speech), STANDARD (ends: the model README's
# evaluations, tools/model/evaluate.py on 200 held-out synthetic utterances and the 68 clips of
# shared/data/real-speech, for the base and the last model; all: every round; 0: none). Rerunning reuses the split
# and the recordings when their settings are the same and redoes every round (delete $LOOP_OUT to start afresh);
# RESUME=1 keeps the rounds an earlier run finished, and a round's fine-tuned model (after a failure later on).
# Needs tools/synth/install.sh (python3-torch, opus-tools).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
PY=/usr/bin/python3
cache=${CTCALIGN_CACHE:-$HOME/.cache/ctcalign}
base=$(cd "${BASE:-$root/models/default}" && pwd)
work=${LOOP_OUT:-$cache/loop-demo}
rounds=${ROUNDS:-2} train_minutes=${TRAIN_MINUTES:-15} threads=${THREADS:-1}
recordings=${RECORDINGS:-3} rec_minutes=${RECORDING_MINUTES:-5} min_p=${MIN_P:-0.9} max_duration=${MAX_DURATION:-20} min_wc=${MIN_WORD_CONFIDENCE:-0.5}
read -r -a finetune_args <<< "${FINETUNE_ARGS---freeze-bn}"
test_share=${TEST_SHARE:-0.5} seed=${SEED:-2101} standard=${STANDARD:-ends} resume=${RESUME:-0} cer_parts=${CER_PARTS:-test adapt}
corpus=${REAL_CORPUS:-$root/../shared/data/real-corpus}
real_speech=${REAL_SPEECH:-$root/../shared/data/real-speech}
export REAL_CORPUS=$corpus  # finetune.sh mixes in its clips
[ -f "$corpus/manifest.jsonl" ] || { echo "loop-demo.sh: $corpus/manifest.jsonl not found (the real corpus)" >&2; exit 2; }
[ -f "$base/model.onnx" ] || { echo "loop-demo.sh: $base is not a model package (no model.onnx)" >&2; exit 2; }
$PY -c 'import torch' 2>/dev/null || { echo "loop-demo.sh: /usr/bin/python3 has no torch (tools/synth/install.sh)" >&2; exit 2; }
mkdir -p "$work"
log() { echo "loop-demo.sh: $(date -u +%H:%M:%S) $*" >&2; }

nice -n 10 $PY "$root/tools/model/decode_real.py" --corpus "$corpus" --out "$cache/real"
nice -n 10 dotnet build "$root/src/CtcAlign.Cli" -c Release -v q -nologo >/dev/null
cli="$root/src/CtcAlign.Cli/bin/Release/net10.0/ctcalign"

# a + b: the split and the recordings, reused while their settings are the same
settings="split=$test_share recordings=$recordings x $rec_minutes min seed=$seed heldout=$(sha256sum "$corpus/heldout.txt" | cut -c1-16)"
if [ "$(cat "$work/composed.settings" 2>/dev/null)" != "$settings" ]; then
  rm -rf "$work/split" "$work/rec" "$work/composed.settings"
  $PY "$root/tools/model/loop_demo.py" split --real "$cache/real" --out "$work/split" --test-share "$test_share"
  mkdir -p "$work/rec"
  speakers=$($PY -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["speakers"]))' "$work/split/split.json")
  for k in $(seq 0 "$recordings"); do
    name=adapt$k part=adapt
    [ "$k" = 0 ] && name=test part=test
    log "composing $name ($rec_minutes min of $part clips)"
    nice -n 10 $PY "$root/tools/synth/compose.py" --out "$work/rec/$name" --minutes "$rec_minutes" --seed $((seed + k)) \
      --speakers "$speakers" --real "$work/split/$part" >&2
  done
  names=()
  for k in $(seq 1 "$recordings"); do names+=("adapt$k"); done
  for name in "${names[@]}"; do
    echo "{\"id\": \"$name\", \"audio\": \"$name.wav\", \"captions\": \"$name.srt\"}"
  done > "$work/rec/adapt.jsonl"
  echo "$settings" > "$work/composed.settings"
fi
names=($($PY -c 'import json,sys; [print(json.loads(l)["id"]) for l in open(sys.argv[1])]' "$work/rec/adapt.jsonl"))
composed=$($PY - "$work/rec" "${names[@]}" <<'PY'
import json, os, sys
print(round(sum(l["end"] - l["start"] for n in sys.argv[2:] for l in json.load(open(os.path.join(sys.argv[1], n + ".truth.json")))["lines"]
                if l["spoken"]), 1))
PY
)
$PY - "$work/params.json" <<PY
import json, sys
json.dump({"rounds": $rounds, "train_minutes": $train_minutes, "threads": $threads, "recordings": $recordings,
           "recording_minutes": $rec_minutes, "min_p": $min_p, "max_duration": $max_duration, "min_word_confidence": $min_wc, "finetune_args": "${finetune_args[*]}", "test_share": $test_share,
           "seed": $seed, "base": "$base", "composed_speech_s": $composed, "date": "$(date -u '+%Y-%m-%d %H:%M UTC')",
           "command": "ROUNDS=$rounds TRAIN_MINUTES=$train_minutes THREADS=$threads MIN_P=$min_p MIN_WORD_CONFIDENCE=$min_wc FINETUNE_ARGS='${finetune_args[*]}' tools/model/loop-demo.sh",
           "cpu": "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg) at the start"},
          open(sys.argv[1], "w"), indent=1)
PY

model=$base
kept=1  # RESUME=1 keeps a round only when every round before it was kept
for r in $(seq 0 "$rounds"); do
  d=$work/round$r
  if [ "$resume" = 1 ] && [ "$kept" = 1 ] && [ -f "$d/done" ]; then
    log "round $r: kept from the earlier run (RESUME=1)"
    [ "$r" -gt 0 ] && model=$d/model
    continue
  fi
  prev_kept=$kept kept=0
  if [ "$r" -gt 0 ] && [ "$resume" = 1 ] && [ "$prev_kept" = 1 ] && [ -f "$d/training.json" ] && [ -f "$d/model/model.onnx" ]; then
    log "round $r: the fine-tuned model kept from the earlier run (RESUME=1)"
    model=$d/model
    rm -f "$d/standard.json" "$d/cer-"*.json "$d/scores.json" "$d/harvest.json" "$d/corpus" -r
  elif [ "$r" -gt 0 ]; then
    prev=$work/round$((r - 1))
    log "round $r: fine-tuning $(basename "$model") on round $((r - 1))'s harvest for $train_minutes min"
    rm -rf "$d"
    mkdir -p "$d/calibration"
    OUT="$d/calibration" "$root/tools/model/finetune.sh" --corpus "$prev/corpus" --from "$model" \
      --out "$d/model" --minutes "$train_minutes" --threads "$threads" --min-word-confidence "$min_wc" "${finetune_args[@]}" \
      > "$d/finetune.log" 2>&1 \
      || { tail -5 "$d/finetune.log" >&2; echo "loop-demo.sh: finetune.sh failed (log: $d/finetune.log)" >&2; exit 1; }
    model=$d/model
    $PY - "$model/checkpoint.pt" "$d/training.json" <<'PY'
import json, sys, torch
ck = torch.load(sys.argv[1], map_location="cpu")
v = ck.get("val")
json.dump({"minutes": round(ck.get("last_minutes", ck["minutes"]), 2), "steps": ck.get("last_step", ck["step"]),
           "kept_step": ck["step"], "hours_in_corpus": round(ck["hours"], 3), "threads": ck["args"]["threads"],
           "lr": ck["args"]["lr"], "freeze_blocks": ck["args"].get("freeze_blocks"), "freeze_bn": ck["args"].get("freeze_bn"),
           "val": {k: v[k] for k in ("clips", "start_cer", "best_cer", "best_step", "final_cer", "curve")} if v else None,
           "interpolation": ck.get("interpolation")},
          open(sys.argv[2], "w"), indent=1)
PY
  else
    rm -rf "$d"
    mkdir -p "$d"
  fi
  $PY -c 'import json,sys; m=json.load(open(sys.argv[1])); json.dump({"name": m.get("name"), "version": m.get("version"), "path": sys.argv[2]}, open(sys.argv[3], "w"))' \
    "$model/ctcalign-model.json" "$model" "$d/model.json"
  log "round $r: greedy CER of $(basename "$model") on the TEST and ADAPT clips"
  for part in $cer_parts; do
    nice -n 10 $PY "$root/tools/model/eval_real.py" --model "$model/model.onnx" --real "$work/split/$part" \
      --out "$d/cer-$part.json" > /dev/null
  done
  log "round $r: aligning the recordings"
  # with the caption match check, as a user runs it: the composed captions belong to their recordings, and the check
  # passes them (margins 0.22-0.41 with the base model, 0.32-0.67 with adapted ones, against its cut of 0.15)
  nice -n 10 "$cli" align --manifest "$work/rec/adapt.jsonl" --model "$model" --db "$d/adapt.db" --format json \
    --out "$d/adapt.json" --no-progress > "$d/align.log" 2>&1 || { cat "$d/align.log" >&2; exit 1; }
  nice -n 10 "$cli" align "$work/rec/test.wav" --captions "$work/rec/test.srt" --id test --model "$model" \
    --db "$d/test.db" --format json --out "$d/test.json" --no-progress >> "$d/align.log" 2>&1 \
    || { cat "$d/align.log" >&2; exit 1; }
  {
    echo "{"
    for name in "${names[@]}"; do
      echo "\"$name\": $($PY "$root/tools/model/loop_demo.py" score --truth "$work/rec/$name.truth.json" --alignment "$d/adapt.json" --media-id "$name"),"
    done
    echo "\"test\": $($PY "$root/tools/model/loop_demo.py" score --truth "$work/rec/test.truth.json" --alignment "$d/test.json" --media-id test)"
    echo "}"
  } > "$d/scores.json"
  log "round $r: harvesting (export --min-p $min_p --max-duration $max_duration)"
  "$cli" export --db "$d/adapt.db" --format nemo --min-p "$min_p" --max-duration "$max_duration" --out "$d/corpus" \
    > "$d/export.log" 2>&1 || { cat "$d/export.log" >&2; exit 1; }
  truths=()
  for name in "${names[@]}"; do truths+=(--truth "$name=$work/rec/$name.truth.json"); done
  $PY "$root/tools/model/loop_demo.py" harvest --corpus "$d/corpus" "${truths[@]}" > "$d/harvest.json"
  $PY "$root/tools/model/loop_demo.py" report --work "$work" > /dev/null
  if [ "$standard" = all ] || { [ "$standard" = ends ] && { [ "$r" = 0 ] || [ "$r" = "$rounds" ]; }; }; then
    log "round $r: the model README's evaluations (evaluate.py: held-out synthetic voices, shared/data/real-speech)"
    nice -n 10 $PY "$root/tools/model/evaluate.py" --model "$model/model.onnx" --corpus "$cache/corpus" \
      --real "$real_speech" --max-utterances 200 --out "$d/standard.json" > /dev/null
    $PY "$root/tools/model/loop_demo.py" report --work "$work" > /dev/null
  fi
  touch "$d/done"
done
$PY "$root/tools/model/loop_demo.py" report --work "$work"
log "report: $work/report.md, $work/report.json"
