#!/bin/bash
# Never-spoken lines and changed captions (issue 20, item 6), measured on composed programmes, in one command:
#
#   tools/eval/caption-errors.sh [MODEL_FOLDER]          # default models/default
#
# 1. composes programmes with known truth (tools/synth/compose.py, cached in $CTCALIGN_CACHE/caption-errors): REAL
#    programmes of real recorded speech (--real: all 9 held-out speakers of ../shared/data/real-corpus, decoded by
#    tools/model/decode_real.py; the acoustic model never trained on them, the calibration's training programmes
#    used 6 of them) and SYNTH programmes of held-out synthetic voices (part b: voices and texts the calibration
#    never saw), each with the composer's caption errors (spoken lines left out, never-spoken lines added,
#    words added, removed and replaced, captions late by 0.5-3 s and rounded to whole seconds), jingles, music beds,
#    music breaks of 6-15 s and applause (--breaks, --applause; half of them with a never-spoken caption over them);
# 2. aligns each with `ctcalign align --model MODEL_FOLDER` and otherwise default settings (JSON out), and writes the
#    SRT a user gets by default (`ctcalign export --format srt`);
# 3. tools/eval/caption_errors.py scores them against the truth: never-spoken lines accepted (`aligned` or in the
#    SRT; target at most 1%), changed captions placed over their speech, their statuses and reasons (target:
#    placed, `low_confidence`, "caption differs from the audio"), right captions for comparison, and the share told
#    "caption differs" by how well the model hears each line (greedy CER of `ctcalign emissions` over the line's
#    true speech span; the emissions are cached per model.onnx beside the programmes).
#
# Writes $OUT/report.md and $OUT/report.json (default OUT: $CTCALIGN_CACHE/caption-errors/report-<model hash>) and
# prints the Markdown. A programme the caption match check refuses (exit 2: nothing aligned, nothing exported) is
# counted as refused and left out of the line figures. Alignments are cached per model.onnx, ctcalign-model.json (its calibration) and ctcalign build (a rerun with another model, or after
# a code change, aligns again; the composed programmes stay).
#
# Environment: CTCALIGN_CACHE (default ~/.cache/ctcalign), REAL_DIR (decode_real.py's cache, default
# $CTCALIGN_CACHE/real; the real programmes are skipped with a warning when it is missing), REAL (number of real
# programmes, default 6), SYNTH (synthetic ones, default 3), MINUTES (each, default 8), OUT, TUNE (1: the tuning
# programmes tr1.., ts1.. of other seeds instead of r1.., s1..; report-t<model hash> by default), ALIGN_ARGS (more
# `ctcalign align` options, e.g. "--differs-misfit 4"; part of the alignment cache key), FIT_DIFFERS (1, with TUNE=1:
# align with --evidence too and then refit the caption-differs score on these programmes, tools/eval/fit_differs.py,
# written to $OUT/fit-differs.md; `TUNE=1 FIT_DIFFERS=1 tools/eval/caption-errors.sh` is how its constants were made),
# FIT_DIFFERS_ARGS (more arguments for fit_differs.py, e.g. --compare-models).
# Runs everything with nice -n 10. Needs tools/synth/install.sh (TTS engines) for the synthetic programmes.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
model=$(cd "${1:-$root/models/default}" && pwd)
[ -f "$model/model.onnx" ] || { echo "caption-errors.sh: $model has no model.onnx" >&2; exit 2; }
cache=${CTCALIGN_CACHE:-$HOME/.cache/ctcalign}
work=$cache/caption-errors
real=${REAL_DIR:-$cache/real}
minutes=${MINUTES:-8}
mkdir -p "$work"
py=/usr/bin/python3
errors=(--breaks 0.06 --applause 0.06 --insert-share 0.1)

# TUNE=1: other programmes (other seeds: tr1.., ts1..), to choose thresholds on programmes that are not the reported ones
prefix=; seed0=2000
[ "${TUNE:-}" = 1 ] && { prefix=t; seed0=3000; }
if [ "${FIT_DIFFERS:-}" = 1 ]; then
  [ "${TUNE:-}" = 1 ] || { echo "caption-errors.sh: FIT_DIFFERS=1 needs TUNE=1 (the score is fitted on the tuning programmes only)" >&2; exit 2; }
  ALIGN_ARGS="${ALIGN_ARGS:+$ALIGN_ARGS }--evidence"   # the edge speech the score uses is only in the evidence
fi
programmes=()
if [ -f "$real/manifest.jsonl" ]; then
  for i in $(seq 1 "${REAL:-6}"); do programmes+=("real ${prefix}r$i $((seed0 + i))"); done
else
  echo "caption-errors.sh: $real/manifest.jsonl missing (tools/model/decode_real.py): real-speech programmes skipped" >&2
fi
for i in $(seq 1 "${SYNTH:-3}"); do programmes+=("synthetic ${prefix}s$i $((seed0 + 100 + i))"); done
for p in "${programmes[@]}"; do
  read -r group name seed <<<"$p"
  b=$work/$name-$minutes
  [ -f "$b.truth.json" ] && continue
  echo "caption-errors.sh: composing $name ($minutes min, $group)" >&2
  src=(--part b)                                 # synthetic: the held-out voices and texts the calibration never saw
  [ "$group" = real ] && src=(--real "$real")     # real: all held-out speakers (the calibration trained on 6 of the 9)
  nice -n 10 $py "$root/tools/synth/compose.py" --out "$b" --minutes "$minutes" --seed "$seed" "${src[@]}" \
    "${errors[@]}" 2>&1 | { grep -v '^mbrola: Warning' || true; } >&2
done
[ "${STAGE:-}" = compose ] && exit 0

nice -n 10 dotnet build "$root/src/CtcAlign.Cli" -c Release -v q -nologo >/dev/null
bin="$root/src/CtcAlign.Cli/bin/Release/net10.0"
cli="$bin/ctcalign"
read -r -a align_args <<<"${ALIGN_ARGS:-}"
key=$( (cat "$model/model.onnx" "$model/ctcalign-model.json" "$bin/CtcAlign.Core.dll" "$bin/ctcalign.dll"; echo "${ALIGN_ARGS:-}") | sha256sum | cut -c1-16)
name_of_model=$($py -c 'import json,sys; m=json.load(open(sys.argv[1])); print(m.get("name","?"), m.get("version","?"))' \
  "$model/ctcalign-model.json" 2>/dev/null || echo "?")
model_hash=$(sha256sum "$model/model.onnx" | cut -c1-16)
out=${OUT:-$work/report-$prefix$model_hash}
args=()
for p in "${programmes[@]}"; do
  read -r group name seed <<<"$p"
  b=$work/$name-$minutes
  run=$work/$name-$minutes.$key
  if [ ! -f "$run.srt" ] && [ ! -f "$run.refused" ]; then
    rm -f "$run.db"*
    echo "caption-errors.sh: aligning $name" >&2
    rc=0
    nice -n 10 "$cli" align "$b.wav" --captions "$b.srt" --model "$model" --db "$run.db" --no-progress \
      --out "$run.json" "${align_args[@]}" >"$run.align.log" 2>&1 || rc=$?
    if [ "$rc" = 2 ] && grep -q 'these captions do not match this media' "$run.align.log"; then
      grep 'these captions do not match this media' "$run.align.log" > "$run.refused"   # nothing aligned, nothing exported
    elif [ "$rc" != 0 ]; then
      echo "caption-errors.sh: aligning $name failed (exit $rc), see $run.align.log" >&2
      exit 1
    else
      nice -n 10 "$cli" export --db "$run.db" --format srt --out "$run.srt.tmp" >/dev/null
      mv "$run.srt.tmp" "$run.srt"
    fi
  fi
  if [ -f "$run.refused" ]; then
    echo "caption-errors.sh: $name refused by the caption match check: $(cat "$run.refused")" >&2
    args+=(--refused "$group:$name=$b.truth.json=$run.refused")
  else
    em=$work/$name-$minutes.em-$model_hash     # what the model hears on its own (for the by-hearing table)
    if [ ! -f "$em.npy" ] || [ ! -f "$em.json" ]; then
      echo "caption-errors.sh: emissions of $name" >&2
      nice -n 10 "$cli" emissions "$b.wav" --model "$model" --out "$em.tmp.npy" >/dev/null
      mv "$em.tmp.json" "$em.json" && mv "$em.tmp.npy" "$em.npy"
    fi
    args+=(--programme "$group:$name=$b.truth.json=$run.json=$run.srt=$em.npy")
  fi
done
$py "$root/tools/eval/caption_errors.py" --out "$out" --model-name "$name_of_model ($model)" "${args[@]}"
echo "caption-errors.sh: wrote $out/report.md and $out/report.json" >&2
if [ "${FIT_DIFFERS:-}" = 1 ]; then
  fit=()
  for spec in "${args[@]}"; do [ "$spec" = --programme ] || [ "$spec" = --refused ] || [[ "$spec" == *.refused ]] || fit+=(--programme "$spec"); done
  read -r -a fit_args <<<"${FIT_DIFFERS_ARGS:-}"   # e.g. --compare-models
  $py "$root/tools/eval/fit_differs.py" "${fit[@]}" "${fit_args[@]}" | tee "$out/fit-differs.md"
  echo "caption-errors.sh: wrote $out/fit-differs.md" >&2
fi
