#!/bin/bash
# Every figure of the model README for one model package, side by side with another (default: the shipped one):
#
#   tools/model/report.sh CANDIDATE_DIR [BASELINE_DIR]     # e.g. ~/.cache/ctcalign/train-s2/candidate models/default
#   ONLY=baseline tools/model/report.sh X    # one of the two (the JSON of the other stays from an earlier run)
#
# Prints, per model: greedy CER/WER on the held-out real speakers per source (eval_real.py); greedy CER on
# ../shared/data/real-speech and word-boundary MAE / within 20 and 50 ms on held-out synthetic voices (evaluate.py);
# on the 30-minute composed broadcast (tools/synth/compose.py, seed 7): lines within 0.5 s, never-spoken lines accepted,
# the share of correctly placed lines that end `aligned`, and caption WER on right vs changed captions
# (tools/eval/caption_checks.py); and `ctcalign transcribe` on three real clips. Writes JSON to $OUT_DIR
# (default ~/.cache/ctcalign/report). Needs the caches of tools/model/recipe.sh (real corpus decoded, held-out corpus).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cache=${CTCALIGN_CACHE:-$HOME/.cache/ctcalign}
out=${OUT_DIR:-$cache/report}
PY=/usr/bin/python3
cand=${1:?usage: tools/model/report.sh CANDIDATE_DIR [BASELINE_DIR]}
base=${2:-$root/models/default}
mkdir -p "$out" "$cache/broadcasts"
dotnet build "$root/src/CtcAlign.Cli" -c Release -v q -nologo >/dev/null
cli="$root/src/CtcAlign.Cli/bin/Release/net10.0/ctcalign"
b="$cache/broadcasts/b30"
[ -f "$b.wav" ] || $PY "$root/tools/synth/compose.py" --out "$b" --minutes 30 --seed 7 >&2
clips=(sense_and_sensibility_01_austen_64kb-0880 sense_and_sensibility_01_austen_64kb-0930)
for tag in ${ONLY:-baseline candidate}; do
  m=$([ $tag = baseline ] && echo "$base" || echo "$cand")
  echo "== $tag: $m ($(sha256sum "$m/model.onnx" | cut -c1-12))"
  $PY "$root/tools/model/eval_real.py" --model "$m/model.onnx" --real "$cache/real" --out "$out/$tag.real.json" >/dev/null
  $PY "$root/tools/model/evaluate.py" --model "$m/model.onnx" --corpus "$cache/corpus" \
      --real "${REAL_SPEECH:-$root/../shared/data/real-speech}" --out "$out/$tag.eval.json" >/dev/null
  rm -f "$out/$tag.b30.db"*
  /usr/bin/time -f "%e %U" -o "$out/$tag.b30.time" "$cli" align "$b.wav" --captions "$b.srt" --model "$m" \
      --db "$out/$tag.b30.db" --out "$out/$tag.b30.json" >/dev/null 2>&1
  $PY "$root/tools/synth/score.py" --truth "$b.truth.json" --alignment "$out/$tag.b30.json" --json > "$out/$tag.b30.score.json"
  $PY "$root/tools/eval/caption_checks.py" --truth "$b.truth.json" --alignment "$out/$tag.b30.json" > "$out/$tag.b30.checks.json"
  : > "$out/$tag.transcribe.txt"
  for c in "${clips[@]}"; do
    printf '%s\n  ref: %s\n  hyp: %s\n' "$c" "$(grep "^$c" "$root/../shared/data/real-speech/transcripts.tsv" | cut -f3)" \
      "$("$cli" transcribe "$root/../shared/data/real-speech/wav/$c.wav" --model "$m" 2>/dev/null)" >> "$out/$tag.transcribe.txt"
  done
  $PY - "$out" "$tag" <<'EOF'
import json, sys
out, tag = sys.argv[1], sys.argv[2]
r = json.load(open(f"{out}/{tag}.real.json")); e = json.load(open(f"{out}/{tag}.eval.json"))
s = json.load(open(f"{out}/{tag}.b30.score.json")); c = json.load(open(f"{out}/{tag}.b30.checks.json"))
pct = lambda x: "-" if x is None else f"{100 * x:.1f}%"
for src, v in r["by_source"].items():
    print(f"held-out real {src} ({v['clips']} clips, {v['speakers']} speakers): CER {pct(v['greedy_cer'])}, WER {pct(v['greedy_wer'])}")
print(f"held-out real, all {r['all']['clips']} clips: CER {pct(r['all']['greedy_cer'])}, WER {pct(r['all']['greedy_wer'])}")
rs = e.get("real_speech", {})
print(f"real-speech clips: CER {pct(rs.get('greedy_cer'))}")
wb = e["word_boundaries_rules"]
print(f"held-out synthetic: CER {pct(e['heldout_synthetic']['greedy_cer'])}, boundary MAE {wb['mae_ms']} ms, "
      f"within 20 ms {pct(wb.get('within_20ms'))}, within 50 ms {pct(wb.get('within_50ms'))}")
print(f"b30: within 0.5 s {pct(s['within_0_5s'])}, never-spoken accepted {s['inserted_accepted']}/{s['inserted_lines']}, "
      f"correct lines aligned {pct(c['correct_aligned_share'])} of {c['correct_lines']}, word MAE "
      f"{'-' if s['word_mae_s'] is None else round(1000 * s['word_mae_s'], 1)} ms")
print(f"b30 caption WER: right captions mean {c['caption_wer_right']['mean']} ({c['caption_wer_right']['lines']}), "
      f"changed mean {c['caption_wer_changed']['mean']} ({c['caption_wer_changed']['lines']}), AUC {c['caption_wer_auc']}")
print(open(f"{out}/{tag}.b30.time").read().strip().replace(" ", " s wall, ") + " s user (align b30)")
print(open(f"{out}/{tag}.transcribe.txt").read().rstrip())
EOF
done
