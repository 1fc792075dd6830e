#!/usr/bin/env bash
# Debian packages the test suite uses:
# - ffmpeg: decoding containers NAudio cannot read, and making test media;
# - chromium: the review page's browser tests (driven headless by Playwright, which downloads no browser);
# - the synthetic speech engines (espeak-ng + MBROLA, flite, festival, SVOX pico), sox, numpy, torch and onnx for the
#   data factory's own tests (tools/synth/tests, run from the xunit suite). MBROLA voices and pico live in
#   Debian's contrib and non-free sections: a sources entry is added when missing;
# - postgresql: the cluster tests' shared store (tools/pg-temp-cluster.sh starts a throwaway server on loopback).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
pkgs=(ffmpeg chromium sox libsox-fmt-all espeak-ng libespeak-ng1 mbrola mbrola-us1 mbrola-us2 mbrola-us3 mbrola-en1
      festival festvox-kallpc16k festvox-kdlpc16k festvox-us-slt-hts flite libttspico-utils
      asterisk-moh-opsound-wav python3 python3-numpy python3-torch python3-onnx postgresql)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
((${#missing[@]})) || exit 0
bash "$(dirname "$0")/add-apt-contrib.sh"
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
