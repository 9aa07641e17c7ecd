#!/usr/bin/env bash
# render_vs_chafa.sh: qcterm show vs chafa (and timg) drawing the same 256×256 cine frame
# into an 80×40-cell box: wall time (hyperfine), bytes written, and PSNR against the frame.
#
# One run, side by side, same machine, same box, same cell geometry:
#   1. build qcterm (CGO_ENABLED=0), ingest the shared 1000001.hd5 into a fresh database;
#   2. export frame 0 of cine_segmented_lax_4ch as the windowed 8-bit PNG
#      (`qcterm show --graphics png -o frame.png`): the source for chafa and timg, and the
#      reference every output is compared with;
#   3. time every command with hyperfine (interleaved is not possible there; each command
#      gets WARMUP warm-up runs, then RUNS timed runs, all outputs to files);
#   4. decode what each command wrote back to pixels — sixel with ImageMagick
#      (`convert sixel:FILE`), block/quadrant text with bench/decode_term.py — resize it to
#      256×256 and compute PSNR (RGB) against frame.png.
#
# Cell geometry: 80×40 cells of 10×20 px (an 800×800-px box). qcterm assumes 10×20 px cells
# when stdout is not a terminal (its default when the terminal does not say); chafa and timg
# read the cell size from the terminal, so everything runs under bench/ptyrun.py, which makes
# a pty reporting 80×40 cells and 800×800 px the controlling terminal. Outputs go to files.
# qcterm's times include opening the SQLite database and reading the stored frame; chafa's
# and timg's include decoding frame.png. timg writes sixel only to a terminal, so it is timed
# for half and quarter blocks only.
#
# Environment:
#   SRC      the ml4h HDF5 file (default ../shared/testdata/ml4h/hd5/1000001.hd5 next to the repo)
#   RUNS=30  timed runs per command;  WARMUP=3
#   OUT      folder for hyperfine's JSON, the outputs and the summary (default bench/out/render-<time>)
set -euo pipefail

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
src=${SRC:-$repo/../shared/testdata/ml4h/hd5/1000001.hd5}
runs=${RUNS:-30}
warmup=${WARMUP:-3}
out=${OUT:-$repo/bench/out/render-$(date +%Y%m%d-%H%M%S)}
py=/usr/bin/python3 # Debian's, with python3-numpy

for tool in go chafa timg hyperfine convert identify "$py"; do
	command -v "$tool" >/dev/null || { echo "render_vs_chafa: $tool not found" >&2; exit 1; }
done
[[ -f $src ]] || { echo "render_vs_chafa: $src not found (set SRC)" >&2; exit 1; }
mkdir -p "$out"
out=$(cd "$out" && pwd)

(cd "$repo" && CGO_ENABLED=0 go build -o "$out/qcterm" .)
q=$out/qcterm
db=$out/study.db
rm -f "$db" "$db"-*
"$q" ingest --db "$db" "$src" >/dev/null
show="$q show --db $db 1000001 --series cine_segmented_lax_4ch --frame 0"
$show --graphics png -o "$out/frame.png" >/dev/null
identify -format 'source frame: %wx%h %[type]\n' "$out/frame.png"

# name, command (run by sh inside the pty; output to $out/<name>.out)
names=(qcterm-sixel chafa-sixel qcterm-half chafa-half timg-half qcterm-quarter chafa-quarter timg-quarter)
declare -A cmd=(
	[qcterm-sixel]="$show --graphics sixel --width 80 --height 40 -o $out/qcterm-sixel.out"
	[chafa-sixel]="chafa -f sixel -s 80x40 $out/frame.png > $out/chafa-sixel.out"
	[qcterm-half]="COLORTERM=truecolor $show --graphics blocks --width 80 --height 40 -o $out/qcterm-half.out"
	[chafa-half]="chafa -f symbols --symbols half -c full -s 80x40 $out/frame.png > $out/chafa-half.out"
	[timg-half]="timg -g80x40 -ph $out/frame.png > $out/timg-half.out"
	[qcterm-quarter]="COLORTERM=truecolor $show --graphics quarter --width 80 --height 40 -o $out/qcterm-quarter.out"
	[chafa-quarter]="chafa -f symbols --symbols quad -c full -s 80x40 $out/frame.png > $out/chafa-quarter.out"
	[timg-quarter]="timg -g80x40 -pq $out/frame.png > $out/timg-quarter.out"
)
args=()
for n in "${names[@]}"; do
	args+=(--command-name "$n" "${cmd[$n]}")
done
"$py" "$here/ptyrun.py" 80 40 800 800 \
	hyperfine --style basic --warmup "$warmup" --runs "$runs" --export-json "$out/hyperfine.json" "${args[@]}" \
	>"$out/hyperfine.txt"

# Decode each output and compare it with the frame.
: >"$out/fidelity.tsv"
for n in "${names[@]}"; do
	f=$out/$n.out
	bytes=$(wc -c <"$f")
	case $n in
	*-sixel)
		convert "sixel:$f" "$out/$n.png"
		dims=$(identify -format '%wx%h px' "$out/$n.png")
		;;
	*)
		"$py" "$here/decode_term.py" cells "$f" "$out/$n.ppm" 2>>"$out/decode.log"
		convert "$out/$n.ppm" "$out/$n.png"
		dims=$(identify -format '%wx%h sub-cells' "$out/$n.png")
		;;
	esac
	psnr=$("$py" "$here/decode_term.py" psnr "$out/frame.png" "$out/$n.png")
	printf '%s\t%s\t%s\t%s\n' "$n" "$bytes" "$dims" "$psnr" >>"$out/fidelity.tsv"
done

# The table: median wall time, bytes, PSNR, and qcterm's ratios to each rival.
"$py" - "$out" "${names[@]}" <<'EOF'
import json, sys
out, names = sys.argv[1], sys.argv[2:]
res = {r["command"]: r for r in json.load(open(f"{out}/hyperfine.json"))["results"]}
fid = {}
for line in open(f"{out}/fidelity.tsv"):
    n, b, dims, psnr = line.rstrip("\n").split("\t")
    fid[n] = (int(b), dims, psnr)
print("| command | median ms | min–max ms | CPU ms (user+sys, mean) | bytes | decoded | PSNR dB |")
print("|---|---:|---:|---:|---:|---|---:|")
for n in names:
    r = res[n]
    b, dims, psnr = fid[n]
    cpu = 1000 * (r["user"] + r["system"])
    print(f"| {n} | {1000*r['median']:.1f} | {1000*r['min']:.1f}–{1000*r['max']:.1f} | {cpu:.1f} | {b} | {dims} | {psnr} |")
print()
print("| qcterm vs | median time ratio (qcterm/other) | CPU ratio | bytes ratio | PSNR difference dB |")
print("|---|---:|---:|---:|---:|")
for kind in ("sixel", "half", "quarter"):
    q = f"qcterm-{kind}"
    for other in (f"chafa-{kind}", f"timg-{kind}"):
        if other not in res:
            continue
        tr = res[q]["median"] / res[other]["median"]
        cr = (res[q]["user"] + res[q]["system"]) / (res[other]["user"] + res[other]["system"])
        br = fid[q][0] / fid[other][0]
        dp = float(fid[q][2]) - float(fid[other][2])
        print(f"| {other} | {tr:.2f} | {cr:.2f} | {br:.2f} | {dp:+.2f} |")
EOF
echo "outputs, hyperfine JSON and logs: $out"
