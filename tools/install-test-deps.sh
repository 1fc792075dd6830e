#!/usr/bin/env bash
# Debian packages the test suite uses: ffmpeg (decoding containers NAudio cannot read, and making test media).
set -euo pipefail
need=()
command -v ffmpeg >/dev/null || need+=(ffmpeg)
if ((${#need[@]})); then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
