#!/bin/sh
# The whole default-model recipe, from a fresh Debian 12 machine (as root):
#   install engines and torch, generate the corpus, train for a fixed wall-clock budget, export the model
#   package to models/default, and evaluate it on voices and texts never used in training.
#   tools/model/recipe.sh                  # defaults below
#   HOURS=10 MINUTES=90 THREADS=2 tools/model/recipe.sh
#   SKIP_CORPUS=1 tools/model/recipe.sh    # train again on the corpus already in the cache
#   INIT=~/.cache/ctcalign/train/step006680.pt MINUTES=58 LR=7e-4 AUX_AFTER=0 WORK=~/.cache/ctcalign/train-more \
#       SKIP_CORPUS=1 tools/model/recipe.sh   # continue training a checkpoint (fresh optimizer and schedule)
# The corpus is written first (about 20 minutes on 2 cores), then training has the machine to itself: two
# training threads make about 135 steps a minute on an idle 2-core machine but under 60 while anything else
# runs (OpenMP threads wait for the slowest), so use THREADS=1 on a machine that is doing other work.
# Real speech: ../shared/data/real-corpus (REAL_CORPUS) is decoded once to $CACHE/real (int16 .npy, held-out
# speakers marked) and makes REAL_SHARE (default 65%) of every batch's seconds, augmented on the fly (train.py).
# Warm start: INIT=shipped converts models/default/model.onnx into a checkpoint (onnx_to_pt.py) and continues
# from it; INIT=models/default/checkpoint.pt continues the last run (the checkpoint kept with the package).
# A GPU machine: tools/model/gpu-train.sh (pack here, train there, import here).
#   INIT=shipped HOURS=0.3 MINUTES=13 LR=7e-4 WARMUP=20 AUX_AFTER=0 THREADS=1 SKIP_INSTALL=1 tools/model/recipe.sh
# Corpora, checkpoints and logs go to $CTCALIGN_CACHE (default ~/.cache/ctcalign), never into git.
set -eu
cd "$(dirname "$0")/../.."
CACHE=${CTCALIGN_CACHE:-$HOME/.cache/ctcalign}
HOURS=${HOURS:-10}
MINUTES=${MINUTES:-90}
AUX_AFTER=${AUX_AFTER:-20}
LR=${LR:-2e-3}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-300}
REAL_CORPUS=${REAL_CORPUS:-../shared/data/real-corpus}
REAL_SHARE=${REAL_SHARE:-0.65}
WORK=${WORK:-$CACHE/train}
PY=/usr/bin/python3
[ "${SKIP_INSTALL:-0}" = 1 ] || tools/synth/install.sh
mkdir -p "$CACHE/corpus" "$WORK"
if [ "${SKIP_CORPUS:-0}" != 1 ]; then
    $PY tools/synth/gen_corpus.py --out "$CACHE/corpus/prompts" --prompts
    $PY tools/synth/gen_corpus.py --out "$CACHE/corpus/heldout" --hours 0.4 --split heldout --seed 2
    # isolated words and 1-3 word phrases (about 2200 utterances, a minute or two)
    $PY tools/synth/gen_corpus.py --out "$CACHE/corpus/short" --hours "${SHORT_HOURS:-0.8}" --short --seed 3
    $PY tools/synth/gen_corpus.py --out "$CACHE/corpus/train" --hours "$HOURS" --split train --seed 1 \
        > "$CACHE/gen-train.log" 2>&1
fi
REAL_ARGS=
if [ -f "$REAL_CORPUS/manifest.jsonl" ]; then
    $PY tools/model/decode_real.py --corpus "$REAL_CORPUS" --out "$CACHE/real"
    REAL_ARGS="--real $CACHE/real --real-share $REAL_SHARE"
fi
if [ "${INIT:-}" = shipped ]; then
    $PY tools/model/onnx_to_pt.py --onnx models/default/model.onnx --out "$CACHE/shipped.pt" ${REAL_ARGS:+--calib "$CACHE/real"}
    INIT=$CACHE/shipped.pt
fi
# checkpoints go to $WORK only; the final one is exported to a scratch package, evaluated beside models/default, and
# replaces it (model.onnx, ctcalign-model.json, checkpoint.pt) only when it is better (keep_if_better.py; KEEP=1 forces)
$PY tools/model/train.py --corpus "$CACHE/corpus" --work "$WORK" --minutes "$MINUTES" --lr "$LR" --threads "$THREADS" \
    --warmup "$WARMUP" --aux-after "$AUX_AFTER" ${INIT:+--init "$INIT"} $REAL_ARGS --export-every 15 2>&1 | tee "$WORK/train.log"
LAST=$(ls "$WORK"/step*.pt | tail -1)
rm -rf "$WORK/candidate"
$PY tools/model/export.py --checkpoint "$LAST" --out "$WORK/candidate"
$PY tools/model/keep_if_better.py --candidate "$WORK/candidate" --checkpoint "$LAST" --current models/default \
    --real "$CACHE/real" --corpus "$CACHE/corpus" --real-speech "${REAL_SPEECH:-../shared/data/real-speech}" ${KEEP:+--force}
