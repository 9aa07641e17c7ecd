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

# dbsize DB: bytes of the database with its -wal and -shm files.
dbsize() {
	local f s=0
	for f in "$1" "$1-wal" "$1-shm"; do
		[[ -e $f ]] && s=$((s + $(stat -c %s "$f")))
	done
	echo "$s"
}

# timed LABEL ROUND DB CMD...: runs CMD, appends "label round wall user sys dbbytes" to runs.tsv.
TIMEFORMAT='%3R %3U %3S'
echo -e "label\tround\twall_s\tuser_s\tsys_s\tdb_bytes" >"$out/runs.tsv"
timed() {
	local label=$1 round=$2 db=$3 rc=0 t size=0
	shift 3
	{ time "$@" >"$out/$label.$round.out" 2>"$out/$label.$round.err"; } 2>"$work/time" || rc=$?
	if [[ $rc -ne 0 ]]; then
		log "$label round $round: exit $rc; see $out/$label.$round.err"
		tail -5 "$out/$label.$round.err" >&2
		exit 1
	fi
	t=$(tail -1 "$work/time")
	[[ -n $db ]] && size=$(dbsize "$db")
	printf '%s\t%s\t%s\t%s\n' "$label" "$round" "${t// /$'\t'}" "$size" >>"$out/runs.tsv"
	log "$label round $round: wall/user/sys $t s, db $size bytes"
}

for ((r = 1; r <= runs; r++)); do
	timed pydicom "$r" "" "$py" "$here/pydicom_read.py" "$dir"
	for j in 1 2; do
		db=$work/db-jobs$j.sqlite
		rm -f "$db" "$db-wal" "$db-shm"
		timed "jobs$j" "$r" "$db" "$bin" ingest --db "$db" --jobs "$j" "$dir"
	done
	timed rerun "$r" "$work/db-jobs2.sqlite" "$bin" ingest --db "$work/db-jobs2.sqlite" --jobs 2 "$dir"
	grep -q 'nothing to do' "$out/rerun.$r.out" || {
		log "rerun round $r did work; see $out/rerun.$r.out"
		exit 1
	}
done

"$py" - "$out/runs.tsv" "$files" "$in_bytes" <<'PY' | tee "$out/table.md"
import csv, statistics, sys
path, files, in_bytes = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rows = list(csv.DictReader(open(path), delimiter="\t"))
names = {
    "pydicom": "pydicom dcmread + pixel_array (`bench/pydicom_read.py`)",
    "jobs1": "`qcterm ingest --jobs 1` (fresh db)",
    "jobs2": "`qcterm ingest --jobs 2` (fresh db)",
    "rerun": "`qcterm ingest --jobs 2` re-run, unchanged files",
}
med = {}
for label in names:
    rs = [r for r in rows if r["label"] == label]
    if rs:
        med[label] = {k: statistics.median(float(r[k]) for r in rs) for k in ("wall_s", "user_s", "sys_s", "db_bytes")}
        med[label]["n"] = len(rs)
        med[label]["all"] = " / ".join(f'{float(r["wall_s"]):.2f}' for r in rs)
base = med["pydicom"]["wall_s"]
print(f"{files} files, {in_bytes / 1e6:.1f} MB of input (MB = 10^6 bytes); medians of {med['pydicom']['n']} interleaved rounds; warm page cache")
print()
print("| command | wall s (median) | wall s (each run) | CPU s (user+sys) | files/s | MB/s in | database | speed vs pydicom |")
print("|---|---:|---|---:|---:|---:|---:|---:|")
for label, name in names.items():
    m = med.get(label)
    if not m:
        continue
    w = m["wall_s"]
    db = f'{m["db_bytes"] / 2**20:.1f} MiB' if m["db_bytes"] else "-"
    ratio = f"{base / w:.2f}x" if label != "rerun" else "-"
    print(f'| {name} | {w:.2f} | {m["all"]} | {m["user_s"] + m["sys_s"]:.1f} | {files / w:.1f} | {in_bytes / 1e6 / w:.1f} | {db} | {ratio} |')
PY
log "raw figures and logs in $out"
