#!/usr/bin/env bash
# ingest_table.sh: time and database size of `qcterm ingest` on the 20,000-row cohort table.
#
# RUNS runs (default 5), each into a fresh database; reports the median wall time, CPU
# time, rows/s and the database size (main file + -wal + -shm). The table is read once,
# untimed, first so every run sees a warm page cache.
#
# Environment:
#   TABLE   the CSV/TSV file (default /work/shared/testdata/ml4h/cohort.csv)
#   RUNS=5
#   OUT     folder for raw figures and logs (default bench/out/table-<time>)
#   REV     build qcterm from this git revision (git archive snapshot); default: the
#           working tree as it is
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
table=${TABLE:-/work/shared/testdata/ml4h/cohort.csv}
runs=${RUNS:-5}
out=${OUT:-$repo/bench/out/table-$(date +%Y%m%d-%H%M%S)}
# shellcheck source=side_by_side.sh
. "$here/side_by_side.sh"
prepare

rows=$(($(wc -l <"$table") - 1))
in_bytes=$(stat -L -c %s "$table")
cat "$table" >/dev/null
echo "table: $table  rows: $rows  bytes: $in_bytes  runs: $runs  qcterm: $built" | tee "$out/machine.txt" >&2

TIMEFORMAT='%3R %3U %3S'
echo -e "round\twall_s\tuser_s\tsys_s\tdb_bytes" >"$out/runs.tsv"
db=$work/db.sqlite
for ((r = 1; r <= runs; r++)); do
	rm -f "$db" "$db-wal" "$db-shm"
	rc=0
	{ time "$bin" ingest --db "$db" "$table" >"$out/run.$r.out" 2>"$out/run.$r.err"; } 2>"$work/time" || rc=$?
	if [[ $rc -ne 0 ]]; then
		log "run $r: exit $rc; see $out/run.$r.err"
		tail -5 "$out/run.$r.err" >&2
		exit 1
	fi
	size=0
	for f in "$db" "$db-wal" "$db-shm"; do
		[[ -e $f ]] && size=$((size + $(stat -c %s "$f")))
	done
	t=$(tail -1 "$work/time")
	printf '%s\t%s\t%s\n' "$r" "${t// /$'\t'}" "$size" >>"$out/runs.tsv"
	log "run $r: wall/user/sys $t s, db $size bytes"
done
cp "$out/run.$runs.out" "$out/summary.txt"

awk -F'\t' -v rows="$rows" -v inb="$in_bytes" '
	NR > 1 { w[NR - 1] = $2; c[NR - 1] = $3 + $4; d = $5; n = NR - 1 }
	function median(a, n,   i, j, t) {
		for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	END {
		all = ""
		for (i = 1; i <= n; i++) all = all (i > 1 ? " / " : "") sprintf("%.2f", w[i])
		mw = median(w, n); mc = median(c, n)
		printf "%d rows, %.2f MB of input; median of %d runs, fresh database each, warm page cache\n\n", rows, inb / 1e6, n
		print "| command | wall s (median) | wall s (each run) | CPU s (user+sys) | rows/s | database |"
		print "|---|---:|---|---:|---:|---:|"
		printf "| `qcterm ingest` cohort.csv (fresh db) | %.3f | %s | %.2f | %.0f | %.1f MiB (%d bytes) |\n", mw, all, mc, rows / mw, d / 1048576, d
	}' "$out/runs.tsv" | tee "$out/table.md"
log "raw figures and logs in $out"
