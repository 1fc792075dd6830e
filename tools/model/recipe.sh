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
# Corpora, checkpoints and logs go to $CTCALIGN_CACHE (default ~/.cache/ctcalign), never into git.
set -eu
cd "$(dirname "$0")/../.."
CACHE=${CTCALIGN_CACHE:-$HOME/.cache/ctcalign}
HOURS=${HOURS:-10}
MINUTES=${MINUTES:-90}
AUX_AFTER=${AUX_AFTER:-20}
LR=${LR:-2e-3}
THREADS=${THREADS:-2}
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
$PY tools/model/train.py --corpus "$CACHE/corpus" --work "$WORK" --minutes "$MINUTES" --lr "$LR" --threads "$THREADS" \
    --aux-after "$AUX_AFTER" ${INIT:+--init "$INIT"} --export-dir models/default --export-every 15 2>&1 | tee "$WORK/train.log"
# re-export the final checkpoint with the current export code (plain 1x1 convs, package description)
$PY tools/model/export.py --checkpoint "$(ls "$WORK"/step*.pt | tail -1)" --out models/default
$PY tools/model/evaluate.py --model models/default/model.onnx --corpus "$CACHE/corpus" \
    --real "${REAL_SPEECH:-../shared/data/real-speech}" --out "$CACHE/eval.json" \
    --update-package models/default/ctcalign-model.json
