#!/usr/bin/env bash
# ingest_hdf5.sh: qcterm ingest vs h5py read-only on N copies of the four shared .hd5 files.
#
# One run measures, side by side, on the same copies and the same warm page cache:
#   h5py      /usr/bin/python3 bench/h5py_read.py DIR   (read every dataset, store nothing)
#   jobs1     qcterm ingest --db fresh.sqlite --jobs 1 DIR
#   jobs2     qcterm ingest --db fresh.sqlite --jobs 2 DIR
#   rerun     qcterm ingest --db <jobs2's db> --jobs 2 DIR   (unchanged files: "nothing to do")
# RUNS rounds; each round runs the four commands in turn (interleaved, so slow drift in
# machine load hits every command alike) and the table reports the median of each.
# Every qcterm run that stores starts from a fresh database.
#
# Environment:
#   N=2000        copies of each source file (4N files)
#   RUNS=3        rounds
#   SRC_DIR       source .hd5 folder (default /work/shared/testdata/ml4h/hd5)
#   OUT           folder for the raw per-run figures and logs (default bench/out/hdf5-<time>)
#   WORK          scratch folder for copies and databases (default a new mktemp -d; removed
#                 at exit unless KEEP=1)
#   PYTHON        python with h5py (default /usr/bin/python3, Debian python3-h5py)
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
src=${SRC_DIR:-/work/shared/testdata/ml4h/hd5}
py=${PYTHON:-/usr/bin/python3}
out=${OUT:-$repo/bench/out/hdf5-$(date +%Y%m%d-%H%M%S)}
# shellcheck source=side_by_side.sh
. "$here/side_by_side.sh"
prepare
dir=$work/hd5
rm -rf "$dir"
log "making $n copies of each file in $src -> $dir"
"$here/make_hd5_copies.sh" "$n" "$dir"
warm hd5
machine_info "$("$py" -c 'import sys, h5py, numpy; print(sys.version.split()[0], "h5py", h5py.__version__, "HDF5", h5py.version.hdf5_version, "numpy", numpy.__version__)')"

side_by_side h5py "h5py read-only (\`bench/h5py_read.py\`)" wall "$py" "$here/h5py_read.py" "$dir"
log "raw figures and logs in $out"
