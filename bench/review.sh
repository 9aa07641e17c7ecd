#!/usr/bin/env bash
# review.sh: the review UI on a 20,000-sample database (the shared cohort table and the four
# shared .hd5 files): start-up to the first complete screen, peak RSS while browsing, and the
# bytes a cine frame costs the terminal (what an SSH link must carry) in blocks mode, measured
# from the real binary in tmux. The key-press → frame latency is a Go benchmark:
#   go test ./tui -run XXX -bench 'NextSample|Startup' -benchtime 100x -count 3
# Environment: RUNS=5 start-ups; SHARED=/work/shared/testdata/ml4h.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
shared=${SHARED:-/work/shared/testdata/ml4h}
runs=${RUNS:-5}
work=$(mktemp -d)
trap 'tmux kill-session -t qcbench 2>/dev/null || true; rm -rf "$work"' EXIT
bin=$work/qcterm
(cd "$repo" && CGO_ENABLED=0 go build -o "$bin" .)
db=$work/review.db
"$bin" ingest --db "$db" "$shared/hd5" "$shared/cohort.csv" "$shared/survival.tsv" >/dev/null 2>&1

now_ms() { date +%s%3N; }
wait_for() { # text, timeout s
	local deadline=$(($(now_ms) + ${2:-20} * 1000))
	until tmux capture-pane -p -t qcbench 2>/dev/null | grep -qF -- "$1"; do
		(($(now_ms) < deadline)) || { echo "timeout waiting for: $1" >&2; return 1; }
		sleep 0.005
	done
}

median() { printf '%s\n' "$@" | sort -n | sed -n "$((($# + 1) / 2))p"; }
echo "start-up (20,000 samples, 160×48, in tmux, polling every 5 ms), $runs runs:"
echo "  to the first list screen, and to the first page's values (1000001's bmi 27.41)"
first=() values=()
for _ in $(seq "$runs"); do
	t0=$(now_ms)
	tmux new-session -d -s qcbench -x 160 -y 48 "$bin review --db $db --graphics blocks"
	wait_for "of 20000 samples"
	first+=($(($(now_ms) - t0)))
	wait_for "27.41"
	values+=($(($(now_ms) - t0)))
	tmux kill-session -t qcbench
done
printf '  first screen ms: %s (median %s)\n' "${first[*]}" "$(median "${first[@]}")"
printf '  page values ms:  %s (median %s)\n' "${values[*]}" "$(median "${values[@]}")"
t0=$(now_ms); tmux new-session -d -s qcbench -x 160 -y 48 "sleep 30"; wait_for ""; tmux kill-session -t qcbench
echo "  (tmux session start alone: $(($(now_ms) - t0)) ms)"

echo "browsing (open, 40 × next/previous, cine 4 s, layouts), peak RSS:"
tmux new-session -d -s qcbench -x 160 -y 48 "/usr/bin/time -f 'maxrss_kb %M' $bin review --db $db --graphics blocks 2> $work/time.txt; sleep 30"
wait_for "of 20000 samples"
tmux send-keys -t qcbench Enter
wait_for "sample 1000001"
for i in $(seq 20); do tmux send-keys -t qcbench n; sleep 0.05; done
for i in $(seq 20); do tmux send-keys -t qcbench p; sleep 0.05; done
wait_for "sample 1000001 (1 of"
tmux send-keys -t qcbench Space; sleep 4; tmux send-keys -t qcbench Space L L L
tmux send-keys -t qcbench q
sleep 1
cat "$work/time.txt"
tmux kill-session -t qcbench

echo "cine in blocks mode at 120×40: bytes written per frame (script(1) records the output):"
tmux new-session -d -s qcbench -x 120 -y 40 "script -q -c '$bin review --db $db --sample 1000001 --graphics blocks' $work/ts; sleep 30"
wait_for "frame 0 (0–15)"
sleep 0.5
before=$(stat -c %s "$work/ts")
tmux send-keys -t qcbench Space
sleep 5
tmux send-keys -t qcbench Space
sleep 0.3
after=$(stat -c %s "$work/ts")
tmux send-keys -t qcbench q
frames=$((5000 / 62)) # 16 frames per one-second cycle: one every 62 ms
echo "  $((after - before)) bytes in 5 s of playback ≈ $(((after - before) / frames)) bytes per frame at ~16 frames/s"
