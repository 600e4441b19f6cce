#!/usr/bin/env bash
# Ensures the Debian system packages the test suite needs are present:
#   chromium          - browser for Playwright end-to-end tests (/usr/bin/chromium)
#   poppler-utils     - pdftoppm, used to render generated PDFs in tests
#   fonts-dejavu-core - fonts for consistent PDF and browser rendering
# Idempotent and quiet when everything is already installed. Uses apt only.
set -euo pipefail

PACKAGES=(chromium poppler-utils fonts-dejavu-core)

missing=()
if [ ! -x /usr/bin/chromium ]; then
  missing+=("chromium (/usr/bin/chromium)")
fi
if ! command -v pdftoppm >/dev/null 2>&1; then
  missing+=("poppler-utils (pdftoppm)")
fi
if [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
  missing+=("fonts-dejavu-core (DejaVuSans.ttf)")
fi

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

manual_hint() {
  echo "ensure-system-deps: missing system package(s):" >&2
  for m in "${missing[@]}"; do
    echo "  - ${m}" >&2
  done
  echo "Install them with:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${PACKAGES[*]}" >&2
}

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
  else
    echo "ensure-system-deps: not running as root and sudo is not available." >&2
    manual_hint
    exit 1
  fi
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-system-deps: apt-get is not available on this system." >&2
  manual_hint
  exit 1
fi

echo "ensure-system-deps: installing ${PACKAGES[*]} ..."
export DEBIAN_FRONTEND=noninteractive
if ! { "${SUDO[@]}" apt-get update && "${SUDO[@]}" apt-get install -y --no-install-recommends "${PACKAGES[@]}"; }; then
  echo "ensure-system-deps: apt-get failed." >&2
  manual_hint
  exit 1
fi

# Verify the install actually provided what we need.
still_missing=()
[ -x /usr/bin/chromium ] || still_missing+=("chromium (/usr/bin/chromium)")
command -v pdftoppm >/dev/null 2>&1 || still_missing+=("poppler-utils (pdftoppm)")
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || still_missing+=("fonts-dejavu-core (DejaVuSans.ttf)")
if [ "${#still_missing[@]}" -ne 0 ]; then
  missing=("${still_missing[@]}")
  echo "ensure-system-deps: installation finished but requirements are still missing." >&2
  manual_hint
  exit 1
fi

echo "ensure-system-deps: system packages installed."
