#!/bin/sh
# deps.sh - installs the Debian packages qsreport needs to build, run and be
# tested, when any is missing; does nothing when all are there.
# Uses apt-get (after apt-get update), through sudo when not root.
set -eu

PACKAGES="
gcc make pkg-config
gettext locales
libxml2-dev libxlsxwriter-dev libhpdf-dev libcmocka-dev zlib1g-dev
libfontconfig-dev libfreetype-dev libharfbuzz-dev libssl-dev libzip-dev libdeflate-dev libutf8proc-dev
fonts-arphic-uming fonts-arphic-ukai fonts-liberation2 fonts-wqy-zenhei fonts-wqy-microhei fonts-arphic-gbsn00lp
python3 python3-openpyxl poppler-utils qpdf mupdf-tools time
libreoffice-calc-nogui fonts-crosextra-carlito valgrind
clang libclang-rt-14-dev strace
"

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "deps.sh: missing packages:$missing" >&2
    echo "deps.sh: apt-get not found; install them with your package manager" >&2
    exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "deps.sh: missing packages:$missing; run as root or install sudo" >&2
    exit 1
fi
echo "deps.sh: installing$missing"
$SUDO apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
