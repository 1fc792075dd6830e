#!/bin/sh
# Training on a borrowed GPU machine (one H200, PyTorch with CUDA, 16 cores, no audio tools, no network, at most
# 64 MiB carried with the working tree), in three steps:
#
#   tools/model/gpu-train.sh pack            # here: gpu-carry/ = the corpus as Opus packets (opus_pack.py, about
#                                            #   35 MiB for the real corpus at 10 kbit/s + 1 h of synthetic speech),
#                                            #   libopus, and the checkpoint to start from (INIT, default the shipped
#                                            #   model as converted by onnx_to_pt.py)
#   tools/model/gpu-train.sh train           # there, from the repository root, with gpu-carry carried: trains for
#                                            #   MINUTES (default 8) on cuda, writes $OUT/checkpoint.pt (+ .npz) and log
#   tools/model/gpu-train.sh import DIR      # here: DIR = the fetched $OUT; exports the checkpoint to a scratch
#                                            #   package, evaluates it beside models/default and replaces the package
#                                            #   only when held-out real-speech CER is lower (KEEP=1 forces it)
#
# The GPU run uses the CPU recipe's code (train.py, ctcmodel.py): same architecture, losses, augmentation and
# real/synthetic mix; only --device cuda, --packed and a larger batch (BATCH_SECONDS, default 480 s) differ.
# Held-out speakers (heldout.txt) and the held-out synthetic split are never packed.
set -eu
cd "$(dirname "$0")/../.."
CACHE=${CTCALIGN_CACHE:-$HOME/.cache/ctcalign}
CARRY=${CARRY:-gpu-carry}
PY=${PY:-/usr/bin/python3}
cmd=${1:-}
case "$cmd" in
pack)
    [ -f "$CACHE/real/manifest.jsonl" ] || $PY tools/model/decode_real.py --corpus "${REAL_CORPUS:-../shared/data/real-corpus}" --out "$CACHE/real"
    [ -f "$CACHE/corpus/train/manifest.jsonl" ] || { echo "gpu-train.sh: no synthetic corpus in $CACHE/corpus (run tools/model/recipe.sh once, or gen_corpus.py)" >&2; exit 2; }
    rm -rf "$CARRY"; mkdir -p "$CARRY"
    $PY tools/model/opus_pack.py pack --real "$CACHE/real" --out "$CARRY/real" --kbps "${REAL_KBPS:-10}"
    $PY tools/model/opus_pack.py pack --synthetic "$CACHE/corpus" --out "$CARRY/synthetic" --kbps "${SYNTH_KBPS:-12}" --hours "${SYNTH_HOURS:-1.0}"
    INIT=${INIT:-shipped}
    if [ "$INIT" = shipped ]; then
        $PY tools/model/onnx_to_pt.py --onnx models/default/model.onnx --out "$CARRY/init.pt" --calib "$CACHE/real"
    else
        cp "$INIT" "$CARRY/init.pt"
    fi
    du -sh "$CARRY"
    tree=$(git ls-files -z | xargs -0 du -cb | tail -1 | cut -f1)
    carry=$(du -sb "$CARRY" | cut -f1)
    echo "working tree $((tree / 1048576)) MiB + $CARRY $((carry / 1048576)) MiB (the limit is 64 MiB in all)"
    [ $((tree + carry)) -lt 67108864 ] || { echo "gpu-train.sh: too large to carry; lower REAL_KBPS or SYNTH_HOURS" >&2; exit 2; }
    echo "next: run 'tools/model/gpu-train.sh train' on the GPU machine with carry [\"$CARRY\"]"
    ;;
train)
    OUT=${OUT:?gpu-train.sh train: OUT (the folder that comes back) is not set}
    DEVICE=${DEVICE:-cuda}  # DEVICE=cpu THREADS=1 MINUTES=0.3: a smoke test of this step on the CPU machine
    [ "$DEVICE" != cuda ] || python3 -c "import torch; assert torch.cuda.is_available(), 'no CUDA'; print(torch.__version__, torch.cuda.get_device_name(0))"
    # the two halves of the pack become one folder of each kind for train.py --packed
    rm -rf /tmp/packed; mkdir -p /tmp/packed && cp "$CARRY/real/libopus.so.0" /tmp/packed/
    python3 - "$CARRY" /tmp/packed <<'EOF'
import json, os, sys
src, dst = sys.argv[1], sys.argv[2]
heads, rows, off = [], [], 0
with open(os.path.join(dst, "packets.bin"), "wb") as pf:
    for part in ("real", "synthetic"):
        with open(os.path.join(src, part, "index.jsonl")) as xf:
            head = json.loads(xf.readline())
            heads.append(head)
            part_rows = [json.loads(l) for l in xf]
        blob = open(os.path.join(src, part, "packets.bin"), "rb").read()
        pf.write(blob)
        rows += [dict(r, offset=r["offset"] + off) for r in part_rows]
        off += len(blob)
assert len({h["lookahead"] for h in heads}) == 1, heads
with open(os.path.join(dst, "index.jsonl"), "w") as xf:
    xf.write(json.dumps(heads[0]) + "\n")
    for r in rows:
        xf.write(json.dumps(r) + "\n")
print(f"{len(rows)} packed clips", flush=True)
EOF
    rm -rf /tmp/gpu-work
    python3 tools/model/train.py --packed /tmp/packed --device "$DEVICE" --work /tmp/gpu-work --minutes "${MINUTES:-8}" \
        --lr "${LR:-1.5e-3}" --warmup "${WARMUP:-100}" --aux-after 0 --threads "${THREADS:-8}" --batch-seconds "${BATCH_SECONDS:-480}" \
        --real-share "${REAL_SHARE:-0.65}" --init "$CARRY/init.pt" --export-every 1000 2>&1 | tee "$OUT/train.log"
    last=$(ls /tmp/gpu-work/step*.pt | tail -1)
    cp "$last" "$OUT/checkpoint.pt"
    python3 - "$last" "$OUT/checkpoint.npz" <<'EOF'
import json, sys, numpy as np, torch
ck = torch.load(sys.argv[1], map_location="cpu")
np.savez(sys.argv[2], **{"model." + k: v.numpy() for k, v in ck["model"].items()},
         meta=np.array(json.dumps({k: v for k, v in ck.items() if k != "model"}, default=str)))
EOF
    cp /tmp/gpu-work/log.jsonl "$OUT/" 2>/dev/null || true
    ;;
import)
    IN=${2:?gpu-train.sh import DIR: the folder fetched from the GPU machine}
    SCRATCH=${SCRATCH:-$CACHE/gpu-candidate}
    mkdir -p "$SCRATCH"
    $PY - "$IN/checkpoint.npz" "$SCRATCH/checkpoint.pt" <<'EOF'
import json, sys, numpy as np, torch
z = np.load(sys.argv[1])
meta = json.loads(str(z["meta"]))
meta["model"] = {k[6:]: torch.from_numpy(z[k]) for k in z.files if k.startswith("model.")}
torch.save(meta, sys.argv[2])
EOF
    $PY tools/model/export.py --checkpoint "$SCRATCH/checkpoint.pt" --out "$SCRATCH/package"
    $PY tools/model/keep_if_better.py --candidate "$SCRATCH/package" --checkpoint "$SCRATCH/checkpoint.pt" \
        --current models/default --real "$CACHE/real" ${KEEP:+--force}
    ;;
*)
    echo "usage: tools/model/gpu-train.sh pack | train | import DIR" >&2
    exit 1
    ;;
esac
