#!/bin/bash
# images/build.sh OUT BIN [IMAGES_DIR]: every image, in order (`make
# images`): the kernel, the routelet guest, the dom0 test image and the
# hypervisor.  Downloads go to IMAGES_CACHE; a second run reuses them.
set -eu
dir=$(dirname "$0")
OUT=${1:?usage: images/build.sh OUT BIN [IMAGES_DIR]}
BIN=${2:?usage: images/build.sh OUT BIN [IMAGES_DIR]}
start=$(date +%s)
"$dir/kernel.sh" "$OUT"
"$dir/routelet.sh" "$OUT" "$BIN" "${3:-/quasar/images}"
"$dir/dom0.sh" "$OUT" "$BIN"
echo "images: done in $(($(date +%s) - start)) s, in $OUT"
