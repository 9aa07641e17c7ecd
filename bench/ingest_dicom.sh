#!/usr/bin/env bash
# ingest_dicom.sh: qcterm ingest vs pydicom on N single-frame MR DICOMs made from the shared cine zip.
#
# One run measures, side by side, on the same copies and the same warm page cache:
#   pydicom   /usr/bin/python3 bench/pydicom_read.py DIR   (dcmread + pixel_array, store nothing)
#   jobs1     qcterm ingest --db fresh.sqlite --jobs 1 DIR
#   jobs2     qcterm ingest --db fresh.sqlite --jobs 2 DIR
#   isolate   qcterm ingest --db fresh.sqlite --jobs 2 --isolate DIR   (ISOLATE=1, the default here)
#   rerun     qcterm ingest --db <jobs2's db> --jobs 2 DIR   (unchanged files: "nothing to do")
# RUNS rounds; each round runs the four commands in turn (interleaved, so slow drift in
# machine load hits every command alike) and the table reports the median of each.
# Every qcterm run that stores starts from a fresh database.
#
# Environment:
#   N=2000        DICOM files (copies of the 16 frames of the shared UK Biobank zip)
#   RUNS=3        rounds
#   SRC_ZIP       source zip (default ../shared/testdata/ml4h/dicom/1000001_20208_2_0.zip)
#   OUT           folder for the raw per-run figures and logs (default bench/out/dicom-<time>)
#   WORK          scratch folder for copies and databases (default a new mktemp -d; removed
#                 at exit unless KEEP=1)
#   PYTHON        python with pydicom (default /usr/bin/python3, Debian python3-pydicom)
#   REV           build qcterm from this git revision (a `git archive` snapshot, so
#                 uncommitted edits in the working tree are left out); default: build the
#                 working tree as it is
#
# The page cache cannot be dropped here (no root on the host); instead every copy is
# read once, untimed (cat > /dev/null), before the first timed command, so all tools
# see a warm cache.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
n=${N:-2000}
runs=${RUNS:-3}
src=${SRC_ZIP:-$repo/../shared/testdata/ml4h/dicom/1000001_20208_2_0.zip}
py=${PYTHON:-/usr/bin/python3}
out=${OUT:-$repo/bench/out/dicom-$(date +%Y%m%d-%H%M%S)}
# shellcheck source=side_by_side.sh
. "$here/side_by_side.sh"
prepare
dir=$work/mr
rm -rf "$dir"
log "making $n MR DICOMs from $src -> $dir"
SRC_ZIP=$src "$py" "$here/make_mr_copies.py" "$n" "$dir" >&2
warm dcm
machine_info "$("$py" -c 'import sys, pydicom, numpy; print(sys.version.split()[0], "pydicom", pydicom.__version__, "numpy", numpy.__version__)')"

ISOLATE=${ISOLATE:-1} side_by_side pydicom "pydicom dcmread + pixel_array (\`bench/pydicom_read.py\`)" speed "$py" "$here/pydicom_read.py" "$dir"
log "raw figures and logs in $out"
