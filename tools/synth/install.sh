#!/bin/sh
# Installs everything the synthetic speech factory and the model recipe need, on a fresh Debian 12 (bookworm)
# machine, as root. Adds the contrib and non-free sections (MBROLA voices, SVOX pico) when missing.
set -eu
export DEBIAN_FRONTEND=noninteractive
bash "$(dirname "$0")/../add-apt-contrib.sh"
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
  ffmpeg sox libsox-fmt-all opus-tools \
  espeak-ng libespeak-ng-dev mbrola mbrola-us1 mbrola-us2 mbrola-us3 mbrola-en1 \
  festival festvox-kallpc16k festvox-kdlpc16k festvox-us-slt-hts \
  flite flite1-dev libttspico-utils \
  asterisk-core-sounds-en asterisk-core-sounds-en-wav asterisk-moh-opsound-wav \
  fortunes fortunes-min bible-kjv bible-kjv-text asterisk-core-sounds-en-g722 \
  gcc libc6-dev \
  python3 python3-numpy python3-scipy python3-sklearn python3-torch python3-torchaudio python3-onnx python3-matplotlib
