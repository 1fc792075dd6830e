#!/usr/bin/env bash
# Fuzzes the readers of untrusted input with AFL++ (Debian's afl++) through SharpFuzz, one target after another:
#   tools/fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]      (default 1200 s each; targets: media srt vtt plain manifest)
# media = WAV/AIFF/MP3 sniffing, header checks and decoding (MediaDecoder, no ffmpeg); srt, vtt, plain = the caption
# readers; manifest = the align manifest reader. Findings go to $FUZZ_OUT (default /tmp/ctcalign-fuzz)/findings/TARGET;
# the last lines are a table of executions, paths (corpus entries), crashes and hangs per target. Runs under nice -n 15.
# A crashing input replays (uninstrumented) with: dotnet run --project tools/fuzz/CtcAlign.Fuzz -c Release -- TARGET FILE...
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
seconds="${1:-1200}"
shift || true
targets=("$@")
((${#targets[@]})) || targets=(media srt vtt plain manifest)
out="${FUZZ_OUT:-/tmp/ctcalign-fuzz}"
mkdir -p "$out"

command -v afl-fuzz >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++; }
[ -x "$out/tools/sharpfuzz" ] || dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$out/tools" >/dev/null
if [ ! -f "$out/bin/.instrumented" ]; then
  rm -rf "$out/bin"
  dotnet publish "$root/tools/fuzz/CtcAlign.Fuzz" -c Release -o "$out/bin" -v q -nologo >/dev/null
  for dll in CtcAlign.Core NAudio.Core NLayer; do "$out/tools/sharpfuzz" "$out/bin/$dll.dll"; done # the readers and the decoders they call
  touch "$out/bin/.instrumented"
fi

# Media seeds are made here (no audio in the repository): 50 ms of a tone as WAV (16-bit, float, stereo), AIFF and MP3.
mkdir -p "$out/seeds"
for t in srt vtt plain manifest; do rm -rf "$out/seeds/$t"; cp -r "$root/tools/fuzz/seeds/$t" "$out/seeds/$t"; done
if [ ! -d "$out/seeds/media" ]; then
  mkdir -p "$out/seeds/media"
  tone=(-f lavfi -i "sine=frequency=440:sample_rate=8000:duration=0.05")
  ffmpeg -nostdin -v error -y "${tone[@]}" -c:a pcm_s16le "$out/seeds/media/a.wav"
  ffmpeg -nostdin -v error -y "${tone[@]}" -ac 2 -c:a pcm_f32le "$out/seeds/media/b.wav"
  ffmpeg -nostdin -v error -y "${tone[@]}" -c:a pcm_s16be "$out/seeds/media/c.aiff"
  ffmpeg -nostdin -v error -y "${tone[@]}" -c:a libmp3lame -b:a 8k "$out/seeds/media/d.mp3"
fi

for t in "${targets[@]}"; do
  echo "fuzzing $t for $seconds s" >&2
  rm -rf "$out/findings/$t"; mkdir -p "$out/findings"
  AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
    nice -n 15 afl-fuzz -i "$out/seeds/$t" -o "$out/findings/$t" -V "$seconds" -t 5000 -m none -- "$out/bin/CtcAlign.Fuzz" "$t" \
    > "$out/$t.log" 2>&1 || { echo "afl-fuzz $t failed, see $out/$t.log" >&2; tail -20 "$out/$t.log" >&2; }
done

echo "| target | seconds | executions | paths | crashes | hangs |"
echo "|---|---|---|---|---|---|"
for t in "${targets[@]}"; do
  s="$out/findings/$t/default/fuzzer_stats"
  [ -f "$s" ] || { echo "| $t | - | - | - | - | - |"; continue; }
  v() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$s"; }
  echo "| $t | $(v run_time) | $(v execs_done) | $(v corpus_count) | $(v saved_crashes) | $(v saved_hangs) |"
done
