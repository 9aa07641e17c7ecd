#!/usr/bin/env bash
# ingest_dicom.sh: qcterm ingest vs pydicom on N single-frame MR DICOMs made from the shared cine zip.
#
# One run measures, side by side, on the same copies and the same warm page cache:
#   pydicom   /usr/bin/python3 bench/pydicom_read.py DIR   (dcmread + pixel_array, store nothing)
#   jobs1     qcterm ingest --db fresh.sqlite --jobs 1 DIR
#   jobs2     qcterm ingest --db fresh.sqlite --jobs 2 DIR
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
mkdir -p "$out"
if [[ -n ${WORK:-} ]]; then
	work=$WORK
	mkdir -p "$work"
else
	work=$(mktemp -d "${TMPDIR:-/tmp}/qcterm-bench.XXXXXX")
	if [[ ${KEEP:-0} != 1 ]]; then
		trap 'rm -rf "$work"' EXIT
	fi
fi

log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

bin=$work/qcterm
if [[ -n ${REV:-} ]]; then
	built="$(git -C "$repo" rev-parse --short "$REV") (git archive of $REV)"
	rm -rf "$work/src" && mkdir -p "$work/src"
	git -C "$repo" archive "$REV" | tar -x -C "$work/src"
	log "building qcterm (CGO_ENABLED=0) from $built"
	(cd "$work/src" && CGO_ENABLED=0 go build -o "$bin" .)
else
	built="$(git -C "$repo" rev-parse --short HEAD) + working tree ($(git -C "$repo" status --porcelain | wc -l) changed paths)"
	log "building qcterm (CGO_ENABLED=0) from the working tree of $repo"
	(cd "$repo" && CGO_ENABLED=0 go build -o "$bin" .)
fi

dir=$work/mr
rm -rf "$dir"
log "making $n MR DICOMs from $src -> $dir"
SRC_ZIP=$src "$py" "$here/make_mr_copies.py" "$n" "$dir" >&2
files=$(find "$dir" -name '*.dcm' | wc -l)
in_bytes=$(find "$dir" -name '*.dcm' -printf '%s\n' | awk '{s += $1} END {printf "%d", s}')
log "$files files, $in_bytes bytes"

log "warming the page cache (untimed read of every copy)"
find "$dir" -name '*.dcm' -print0 | xargs -0 cat >/dev/null

{
	echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
	echo "nproc: $(nproc)"
	echo "cpu: $(lscpu | sed -n 's/^Model name:[[:space:]]*//p')"
	echo "memory: $(free -h | awk '/^Mem:/ {print $2}')"
	echo "go: $(go version)"
	echo "qcterm: $built"
	echo "python: $("$py" -c 'import sys, pydicom, numpy; print(sys.version.split()[0], "pydicom", pydicom.__version__, "numpy", numpy.__version__)')"
	echo "N: $n  files: $files  input bytes: $in_bytes  runs: $runs"
} | tee "$out/machine.txt" >&2

# shellcheck source=side_by_side.sh
. "$here/side_by_side.sh"
side_by_side pydicom "pydicom dcmread + pixel_array (\`bench/pydicom_read.py\`)" speed "$py" "$here/pydicom_read.py" "$dir"
log "raw figures and logs in $out"
