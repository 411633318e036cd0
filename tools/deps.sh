#!/bin/sh
# deps.sh - installs the Debian packages qsreport needs to build, run and be
# tested, when any is missing; does nothing when all are there.
# Uses apt-get (after apt-get update), through sudo when not root.
set -eu

# Every package is used; what by:
# building; gettext's msgfmt makes the message catalogues (make po: xgettext,
# msgmerge), locales gives the tests zh_CN.UTF-8 (localedef)
PACKAGES="gcc make pkg-config gettext locales"
# the libraries src/ includes: libxml2 (xml.c, the loaders), libxlsxwriter and
# libharu (the writers), fontconfig and FreeType (fonts.c calls both:
# FT_New_Memory_Face, FcFreeTypeQueryFace), HarfBuzz (advances, outlines, hb-subset),
# libcrypto (package_dir.c: SHA256SUMS), libzip (package --zip, xlsx_core.c, xlsx_read.c),
# libdeflate (PDF streams), utf8proc (fsio.c: names under NFC)
PACKAGES="$PACKAGES libxml2-dev libxlsxwriter-dev libhpdf-dev libfontconfig-dev libfreetype-dev
libharfbuzz-dev libssl-dev libzip-dev libdeflate-dev libutf8proc-dev"
# the unit tests: cmocka, and zlib to read compressed streams back
PACKAGES="$PACKAGES libcmocka-dev zlib1g-dev"
# fonts/fontmap.conf's free fonts (Liberation: the Latin roles); SungtiL GB
# (gbsn00lp) for the test of a GB2312-only font without 埇 (e2e_table_pdf.sh)
PACKAGES="$PACKAGES fonts-arphic-uming fonts-arphic-ukai fonts-liberation2 fonts-wqy-zenhei fonts-wqy-microhei
fonts-arphic-gbsn00lp"
# the end-to-end tests read the outputs back: openpyxl, poppler (pdftotext,
# pdffonts, pdfinfo), qpdf --check, mutool, LibreOffice with Carlito (the
# metric stand-in for Calibri) printing the workbooks, strace (what a run
# opens), time (make bench)
PACKAGES="$PACKAGES python3 python3-openpyxl poppler-utils qpdf mupdf-tools time
libreoffice-calc-nogui fonts-crosextra-carlito strace"
# make check-valgrind; make fuzz (clang's libFuzzer)
PACKAGES="$PACKAGES valgrind clang libclang-rt-14-dev"

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
