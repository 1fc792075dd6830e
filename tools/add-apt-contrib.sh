#!/usr/bin/env bash
# Enables Debian's contrib and non-free sections (MBROLA voices, SVOX pico) by copying the machine's own
# package sources with those components, so no mirror address is hard-coded here. Idempotent.
set -euo pipefail
target=/etc/apt/sources.list.d/ctcalign-contrib-non-free
if grep -rqsE '^[^#]*\b(contrib|non-free)\b' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null; then
  exit 0
fi
if [[ -f /etc/apt/sources.list.d/debian.sources ]]; then
  sed -E 's/^Components:.*/Components: contrib non-free/' /etc/apt/sources.list.d/debian.sources > "$target.sources"
elif [[ -f /etc/apt/sources.list ]]; then
  grep -E '^deb ' /etc/apt/sources.list | sed -E 's/^(deb +(\[[^]]*\] +)?[^ ]+ +[^ ]+).*/\1 contrib non-free/' > "$target.list"
else
  echo "add-apt-contrib: no Debian package sources found to copy" >&2
  exit 1
fi
