#!/bin/bash
# End-to-end speed of `ctcalign align` on a machine with an NVIDIA GPU and no .NET SDK, CPU vs CUDA, side by side.
#   tools/bench/gpu-check.sh APP_DIR [WORK_DIR]
# APP_DIR: a self-contained `dotnet publish src/CtcAlign.Cli -c Release -r linux-x64 --self-contained` with
# ONNX Runtime's libonnxruntime_providers_cuda.so beside libonnxruntime.so. The CUDA 13 libraries it needs
# (cuBLAS, cuDNN 9, cuFFT, cuRAND, the runtime) are looked up in the machine's CUDA install and in the nvidia-*
# Python packages. Inputs are made with tools/bench/tile.py from the bundled sample (speed, not accuracy).
set -u
cd "$(dirname "$0")/../.."
APP=$(cd "$1" && pwd)
WORK=${2:-/tmp/ctcalign-gpu}
mkdir -p "$WORK"
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
echo "== machine"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || echo "no nvidia-smi"
echo "cores: $(nproc); $(grep -m1 'model name' /proc/cpuinfo)"
libdirs=$(find / -xdev \( -name 'libcublasLt.so.13*' -o -name 'libcudnn.so.9*' -o -name 'libcufft.so.1*' \
    -o -name 'libcurand.so.10*' -o -name 'libcudart.so.13*' -o -name 'libnvrtc.so.13*' \) 2>/dev/null \
    | xargs -r -n1 dirname | sort -u | tr '\n' ':')
export LD_LIBRARY_PATH="${libdirs}${LD_LIBRARY_PATH:-}"
echo "CUDA library folders: $libdirs"
missing=$(ldd "$APP/libonnxruntime_providers_cuda.so" 2>&1 | grep -i "not found")
[ -n "$missing" ] && echo "provider dependencies not found: $missing"

echo "== inputs"
python3 tools/bench/tile.py --audio audio-samples/sample.wav --captions audio-samples/sample.srt --minutes 60 --out "$WORK/b60"
python3 tools/bench/tile.py --audio audio-samples/sample.wav --captions audio-samples/sample.srt --minutes 180 --out "$WORK/b180"
python3 tools/bench/tile.py --audio audio-samples/sample.wav --captions audio-samples/sample.srt --minutes 3 --out "$WORK/f"
: > "$WORK/batch.jsonl"
for i in $(seq -w 1 20); do
    echo "{\"id\": \"f$i\", \"audio\": \"f.wav\", \"captions\": \"f.srt\"}" >> "$WORK/batch.jsonl"
done

run() {  # label, command prefix (e.g. taskset), then align arguments
    local label=$1 prefix=$2; shift 2
    rm -f "$WORK/run.db"*
    local t0=$(date +%s.%N)
    out=$($prefix "$APP/ctcalign" align --model models/default --db "$WORK/run.db" --stats --no-progress "$@" 2>&1)
    local rc=$? t1=$(date +%s.%N)
    echo "-- $label: exit $rc, wall $(awk "BEGIN { printf \"%.1f\", $t1 - $t0 }") s (process start to exit)"
    echo "$out" | grep -E "file\(s\):|^stages:|device|CUDA|cuda|error|Error" | head -8
}
echo "== runs"
run "1 h, cuda" "" "$WORK/b60.wav" --captions "$WORK/b60.srt" --device cuda
run "1 h, cpu ($(nproc) cores)" "" "$WORK/b60.wav" --captions "$WORK/b60.srt" --device cpu
run "3 h, cuda" "" "$WORK/b180.wav" --captions "$WORK/b180.srt" --device cuda
for jobs in 1 2 4; do
    run "20 x 3 min, cuda, --jobs $jobs" "" --manifest "$WORK/batch.jsonl" --device cuda --jobs $jobs
done
for jobs in 1 4; do
    run "20 x 3 min, cpu ($(nproc) cores), --jobs $jobs" "" --manifest "$WORK/batch.jsonl" --device cpu --jobs $jobs
done
# (No 2-core runs under taskset: ONNX Runtime's thread pool sets its own thread affinity and escapes it.)
echo "== CUDA vs CPU emissions of the bundled sample (same model, same windows)"
for d in cuda cpu; do
    "$APP/ctcalign" emissions --model models/default --device $d --out "$WORK/e-$d.npy" audio-samples/sample.wav > /dev/null 2>&1 \
        || echo "emissions on $d failed"
done
python3 -c "
import numpy as np
a, b = np.load('$WORK/e-cuda.npy'), np.load('$WORK/e-cpu.npy')
print(f'frames {a.shape}, largest |cuda - cpu| log-probability {np.abs(a - b).max():.2e}, same best token in {np.mean(a.argmax(-1) == b.argmax(-1)):.2%} of frames')
" || true
