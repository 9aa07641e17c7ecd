# side_by_side.sh: sourced by ingest_hdf5.sh and ingest_dicom.sh. Runs a baseline
# command and qcterm ingest (--jobs 1, --jobs 2, a re-run on unchanged files) in
# interleaved rounds and prints the table of medians.
# The caller sets here, repo, out, runs, py, calls prepare (work folder and binary), makes its
# inputs in $dir (setting files and in_bytes), then machine_info and side_by_side.

log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

# prepare: a scratch folder in $work (WORK, else a temporary one removed at exit unless KEEP=1)
# and the qcterm binary in $bin, built from REV (a git archive) or the working tree; $built says which.
prepare() {
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
}

# warm EXT: counts the inputs in $dir (files, in_bytes) and reads them once, untimed.
warm() {
	files=$(find "$dir" -name "*.$1" | wc -l)
	in_bytes=$(find "$dir" -name "*.$1" -printf '%s\n' | awk '{s += $1} END {printf "%d", s}')
	log "$files files, $in_bytes bytes"
	log "warming the page cache (untimed read of every copy)"
	find "$dir" -name "*.$1" -print0 | xargs -0 cat >/dev/null
}

# machine_info PYTHON_VERSIONS: the machine, the builds and the run's size, to $out/machine.txt.
machine_info() {
	{
		echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
		echo "nproc: $(nproc)"
		echo "cpu: $(lscpu | sed -n 's/^Model name:[[:space:]]*//p')"
		echo "memory: $(free -h | awk '/^Mem:/ {print $2}')"
		echo "go: $(go version)"
		echo "qcterm: $built"
		echo "python: $1"
		echo "N: $n  files: $files  input bytes: $in_bytes  runs: $runs"
	} | tee "$out/machine.txt" >&2
}

# dbsize DB: bytes of the database with its -wal and -shm files.
dbsize() {
	local f s=0
	for f in "$1" "$1-wal" "$1-shm"; do
		[[ -e $f ]] && s=$((s + $(stat -c %s "$f")))
	done
	echo "$s"
}

# timed LABEL ROUND DB CMD...: runs CMD, appends "label round wall user sys dbbytes" to runs.tsv.
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

# side_by_side LABEL DESCRIPTION RATIO CMD...: RATIO is "wall" (qcterm/baseline wall time)
# or "speed" (baseline/qcterm). ISOLATE=1 adds a round of `ingest --jobs 2 --isolate`.
side_by_side() {
	local base=$1 desc=$2 ratio=$3 r j db
	shift 3
	TIMEFORMAT='%3R %3U %3S'
	echo -e "label\tround\twall_s\tuser_s\tsys_s\tdb_bytes" >"$out/runs.tsv"
	for ((r = 1; r <= runs; r++)); do
		timed "$base" "$r" "" "$@"
		for j in 1 2; do
			db=$work/db-jobs$j.sqlite
			rm -f "$db" "$db-wal" "$db-shm"
			timed "jobs$j" "$r" "$db" "$bin" ingest --db "$db" --jobs "$j" "$dir"
		done
		if [[ ${ISOLATE:-0} == 1 ]]; then
			db=$work/db-isolate.sqlite
			rm -f "$db" "$db-wal" "$db-shm"
			timed isolate "$r" "$db" "$bin" ingest --db "$db" --jobs 2 --isolate "$dir"
		fi
		timed rerun "$r" "$work/db-jobs2.sqlite" "$bin" ingest --db "$work/db-jobs2.sqlite" --jobs 2 "$dir"
		grep -q 'nothing to do' "$out/rerun.$r.out" || {
			log "rerun round $r did work; see $out/rerun.$r.out"
			exit 1
		}
	done
	"$py" - "$out/runs.tsv" "$files" "$in_bytes" "$base" "$desc" "$ratio" <<'PY' | tee "$out/table.md"
import csv, statistics, sys
path, files, in_bytes, base_label, base_desc, ratio_kind = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6]
rows = list(csv.DictReader(open(path), delimiter="\t"))
names = {
    base_label: base_desc,
    "jobs1": "`qcterm ingest --jobs 1` (fresh db)",
    "jobs2": "`qcterm ingest --jobs 2` (fresh db)",
    "isolate": "`qcterm ingest --jobs 2 --isolate` (fresh db)",
    "rerun": "`qcterm ingest --jobs 2` re-run, unchanged files",
}
med = {}
for label in names:
    rs = [r for r in rows if r["label"] == label]
    if rs:
        med[label] = {k: statistics.median(float(r[k]) for r in rs) for k in ("wall_s", "user_s", "sys_s", "db_bytes")}
        med[label]["n"] = len(rs)
        med[label]["all"] = " / ".join(f'{float(r["wall_s"]):.2f}' for r in rs)
base = med[base_label]["wall_s"]
print(f"{files} files, {in_bytes / 1e6:.1f} MB of input (MB = 10^6 bytes); medians of {med[base_label]['n']} interleaved rounds; warm page cache")
print()
head = f"wall vs {base_label}" if ratio_kind == "wall" else f"speed vs {base_label}"
print(f"| command | wall s (median) | wall s (each run) | CPU s (user+sys) | files/s | MB/s in | database | {head} |")
print("|---|---:|---|---:|---:|---:|---:|---:|")
for label, name in names.items():
    m = med.get(label)
    if not m:
        continue
    w = m["wall_s"]
    db = f'{m["db_bytes"] / 2**20:.1f} MiB' if m["db_bytes"] else "-"
    if ratio_kind == "wall":
        ratio = f"{w / base:.2f}x"
    else:
        ratio = f"{base / w:.2f}x" if label != "rerun" else "-"
    print(f'| {name} | {w:.2f} | {m["all"]} | {m["user_s"] + m["sys_s"]:.1f} | {files / w:.1f} | {in_bytes / 1e6 / w:.1f} | {db} | {ratio} |')
PY
}
