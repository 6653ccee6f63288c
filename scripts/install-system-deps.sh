#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the portal needs, when they are missing
# and this user may install them (root, or sudo without a password).
#   runtime: Pango + HarfBuzz subsetting for WeasyPrint, a Japanese font
#            (without one WeasyPrint silently draws empty boxes), gettext for
#            compiling translations.
#   test:    Debian's chromium for the browser tests, poppler-utils and
#            zbar-tools for inspecting rendered PDFs, wrk for `make bench`'s
#            requests per second.
# On other systems it prints what to install and carries on.
set -euo pipefail

runtime="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk gettext"
test="chromium poppler-utils zbar-tools wrk"

case "${1:-runtime}" in
  runtime) wanted="$runtime" ;;
  test) wanted="$runtime $test" ;;
  *) echo "usage: $0 [runtime|test]" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "install-system-deps: not a Debian-based system; please install the equivalents of:" >&2
  echo "  $wanted" >&2
  exit 0
fi

missing=""
for pkg in $wanted; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo="sudo"
else
  echo "install-system-deps: missing Debian packages:$missing" >&2
  echo "  run: sudo apt-get install -y$missing" >&2
  exit 0
fi

echo "install-system-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing
