#!/usr/bin/env bash
# make_hd5_copies.sh N OUTDIR
#
# Makes N full copies of each of the four shared ml4h .hd5 files in OUTDIR under new
# sample ids: 3000001, 3000002, ... 3000000+4N (the base name is the sample id).
# Copies are real copies (cp --reflink=auto: a reflink on filesystems that support it,
# otherwise a byte copy), never hard links, so every file is a distinct inode with its
# own page-cache pages, as real per-sample files would be.
#
# SRC_DIR overrides the source folder (default /work/shared/testdata/ml4h/hd5).
set -euo pipefail

if [[ $# -ne 2 ]]; then
	echo "usage: $0 N OUTDIR" >&2
	exit 2
fi
n=$1
out=$2
src=${SRC_DIR:-/work/shared/testdata/ml4h/hd5}

if ! [[ $n =~ ^[0-9]+$ ]] || [[ $n -lt 1 ]]; then
	echo "$0: N must be a positive integer, got '$n'" >&2
	exit 2
fi
shopt -s nullglob
sources=("$src"/*.hd5)
if [[ ${#sources[@]} -eq 0 ]]; then
	echo "$0: no .hd5 files in $src" >&2
	exit 1
fi

mkdir -p "$out"
k=0
for ((i = 0; i < n; i++)); do
	for f in "${sources[@]}"; do
		k=$((k + 1))
		cp --reflink=auto "$f" "$out/$((3000000 + k)).hd5"
	done
done
chmod u+w "$out"/*.hd5
echo "made $k files in $out ($n copies of ${#sources[@]} sources)" >&2
