#!/bin/bash
# The caption match check (issue 20, item 5) on composed programmes, in one command:
#
#   tools/eval/caption-match.sh [MODEL_FOLDER]          # default models/default
#
# Aligns each programme of tools/eval/caption-errors.sh (composed there if missing: REAL real-speech and SYNTH
# synthetic ones, with the composer's caption errors) with `ctcalign align --model MODEL_FOLDER` and default settings,
# once with its own captions and once with each of the captions of FOREIGN other programmes of its group (another
# "episode": same speakers, same kind of text, other lines), and prints the match check's verdict and margin for each
# (from the align line: "captions match the media (... margin M ...)" or "these captions do not match this media").
# Target: no programme refused with its own captions, every other programme's captions refused.
#
# Writes $OUT/report.md and $OUT/report.tsv (default OUT: $CTCALIGN_CACHE/caption-errors/match-<prefix><model hash>)
# and prints the Markdown. Verdicts are cached per model.onnx and ctcalign build.
#
# Environment: as tools/eval/caption-errors.sh (CTCALIGN_CACHE, REAL_DIR, REAL (default 6), SYNTH (default 3), MINUTES
# (default 8), TUNE (1: the tuning programmes tr1.., ts1..)), FOREIGN (other captions per programme, default 3), OUT.
# Runs everything with nice -n 10.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
model=$(cd "${1:-$root/models/default}" && pwd)
[ -f "$model/model.onnx" ] || { echo "caption-match.sh: $model has no model.onnx" >&2; exit 2; }
cache=${CTCALIGN_CACHE:-$HOME/.cache/ctcalign}
work=$cache/caption-errors
real=${REAL_DIR:-$cache/real}
minutes=${MINUTES:-8}
foreign=${FOREIGN:-3}
prefix=; [ "${TUNE:-}" = 1 ] && prefix=t

STAGE=compose "$root/tools/eval/caption-errors.sh" "$model"   # the programmes (cached)
nice -n 10 dotnet build "$root/src/CtcAlign.Cli" -c Release -v q -nologo >/dev/null
bin="$root/src/CtcAlign.Cli/bin/Release/net10.0"
cli="$bin/ctcalign"
key=$(cat "$model/model.onnx" "$model/ctcalign-model.json" "$bin/CtcAlign.Core.dll" "$bin/ctcalign.dll" | sha256sum | cut -c1-16)
runs=$work/match-$key
out=${OUT:-$work/match-$prefix$(sha256sum "$model/model.onnx" | cut -c1-16)}
mkdir -p "$runs" "$out"

groups=()
[ -f "$real/manifest.jsonl" ] && groups+=("real:r:${REAL:-6}")
groups+=("synthetic:s:${SYNTH:-3}")
tsv=$out/report.tsv
printf 'group\tprogramme\tcaptions\town\tverdict\tmargin\n' >"$tsv"
for g in "${groups[@]}"; do
  IFS=: read -r group letter count <<<"$g"
  names=(); for i in $(seq 1 "$count"); do names+=("$prefix$letter$i"); done
  for ((i = 0; i < count; i++)); do
    audio=${names[$i]}
    caps=("$audio"); for ((k = 1; k <= foreign && k < count; k++)); do caps+=("${names[$(((i + k) % count))]}"); done
    for c in "${caps[@]}"; do
      log=$runs/$audio-$minutes.with-$c.log
      if [ ! -f "$log" ]; then
        tmp=$(mktemp -d)
        echo "caption-match.sh: aligning $audio with the captions of $c" >&2
        nice -n 10 "$cli" align "$work/$audio-$minutes.wav" --captions "$work/$c-$minutes.srt" --model "$model" \
          --db "$tmp/m.db" --no-progress >"$tmp/log" 2>&1 || true
        grep -E 'captions match the media|these captions do not match this media' "$tmp/log" >"$log.tmp" \
          || { echo "caption-match.sh: no verdict for $audio with $c, see $tmp/log" >&2; exit 1; }
        mv "$log.tmp" "$log"; rm -rf "$tmp"
      fi
      verdict=refused; grep -q 'captions match the media' "$log" && verdict=aligned
      margin=$(grep -o 'margin -\?[0-9.]*' "$log" | head -1 | cut -d' ' -f2)
      own=no; [ "$c" = "$audio" ] && own=yes
      printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$group" "$audio" "$c" "$own" "$verdict" "$margin" >>"$tsv"
    done
  done
done
/usr/bin/python3 - "$tsv" "$out/report.md" "$model" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter='\t'))
md = [f'Caption match check, model {sys.argv[3]}', '',
      '| group | captions | files | refused | margins (min / median / max) |', '| --- | --- | --- | --- | --- |']
for group in sorted({r['group'] for r in rows}):
    for own, label in (('yes', 'own'), ('no', "another programme's")):
        sel = [r for r in rows if r['group'] == group and r['own'] == own]
        if not sel: continue
        m = sorted(float(r['margin']) for r in sel)
        md.append(f"| {group} | {label} | {len(sel)} | {sum(r['verdict'] == 'refused' for r in sel)} "
                  f"| {m[0]:.2f} / {m[len(m) // 2]:.2f} / {m[-1]:.2f} |")
md += ['', 'Wrong verdicts: ' + (', '.join(f"{r['programme']} with {r['captions']} ({r['verdict']}, margin {r['margin']})"
       for r in rows if (r['own'] == 'yes') != (r['verdict'] == 'aligned')) or 'none')]
open(sys.argv[2], 'w').write('\n'.join(md) + '\n')
print('\n'.join(md))
EOF
echo "caption-match.sh: wrote $out/report.md and $out/report.tsv" >&2
