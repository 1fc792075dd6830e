#!/usr/bin/env bash
# Makes docs/review-sample.png, the README's picture of the review page: aligns audio-samples/sample.wav with the
# default model into a temp database, writes its review page and has headless chromium take a screenshot of it
# with line 25 selected.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dotnet build src/CtcAlign.Cli -c Release -v q -nologo >/dev/null
cli=src/CtcAlign.Cli/bin/Release/net10.0/ctcalign
"$cli" align audio-samples/sample.wav --captions audio-samples/sample.srt --db "$tmp/sample.db" >/dev/null
"$cli" review --db "$tmp/sample.db" --out "$tmp/review" >/dev/null
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --host-resolver-rules='MAP * ~NOTFOUND' \
  --window-size=1280,800 --screenshot="$tmp/shot.png" "file://$tmp/review/sample.html#line=25" 2>/dev/null
mkdir -p docs
if command -v convert >/dev/null && convert -version >/dev/null 2>&1; then
  convert "$tmp/shot.png" -colors 64 "PNG8:docs/review-sample.png"
else
  cp "$tmp/shot.png" docs/review-sample.png
fi
ls -l docs/review-sample.png
