#!/usr/bin/env bash
# Corpus-level benchmark: the full `hedgerow analyze` (all tables, charts, report) on the ABP
# corpus at 1×, 2× and 4× its size, against `wc -w` on the same bytes, with peak RSS.
#
#   bash benches/corpus.sh [path/to/abp_full.jsonl.gz] [work dir]
#
# Prints, per size: bytes, wall time of hedgerow and of wc -w (each the fastest of RUNS runs,
# default 2), their ratio, MB/s, peak RSS (the largest of the runs), the stage timings of the
# fastest run, and the growth from 1x to 4x. Needs /usr/bin/time (GNU time).
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=${1:-../shared/corpora/abp/abp_full.jsonl.gz}
WORK=${2:-${TMPDIR:-/tmp}/hedgerow-bench}
if [ ! -f "$SRC" ]; then echo "skipping: $SRC not present"; exit 0; fi
command -v /usr/bin/time >/dev/null || { echo "needs GNU time at /usr/bin/time (apt-get install time)"; exit 1; }
cargo build --release -q
BIN=target/release/hedgerow
mkdir -p "$WORK"
ONE="$WORK/abp_1x.jsonl"
[ -s "$ONE" ] || gzip -dc "$SRC" > "$ONE"
[ -s "$WORK/abp_2x.jsonl" ] || cat "$ONE" "$ONE" > "$WORK/abp_2x.jsonl"
[ -s "$WORK/abp_4x.jsonl" ] || cat "$WORK/abp_2x.jsonl" "$WORK/abp_2x.jsonl" > "$WORK/abp_4x.jsonl"
printf "%-4s %10s %9s %9s %7s %8s %10s\n" size MB hedgerow_s wc_w_s ratio MB/s peak_RSS_MB
for k in 1 2 4; do
  F="$WORK/abp_${k}x.jsonl"
  cat "$F" > /dev/null   # same page-cache state for both commands
  MB=$(( $(stat -c %s "$F") / 1000000 ))
  # RUNS runs of each command (default 2), the fastest kept: this VM's run-to-run noise is ±10%
  H=""; RSS=0; W=""
  for r in $(seq "${RUNS:-2}"); do
    /usr/bin/time -f "%e %M" -o "$WORK/time_run" "$BIN" analyze "$F" --id-field ID --text-field content_original \
        --source-field source --out "$WORK/out_run" -q >/dev/null 2>"$WORK/stderr_$k" || true
    read -r h rss < "$WORK/time_run"
    [ "$rss" -gt "$RSS" ] && RSS=$rss
    if [ -z "$H" ] || awk -v a="$h" -v b="$H" 'BEGIN { exit !(a < b) }'; then
      H=$h; rm -rf "$WORK/out_$k"; mv "$WORK/out_run" "$WORK/out_$k"
    else
      rm -rf "$WORK/out_run"
    fi
    /usr/bin/time -f "%e" -o "$WORK/wc_run" wc -w "$F" >/dev/null
    w=$(cat "$WORK/wc_run")
    if [ -z "$W" ] || awk -v a="$w" -v b="$W" 'BEGIN { exit !(a < b) }'; then W=$w; fi
  done
  echo "$H $RSS" > "$WORK/time_$k"
  awk -v k="$k" -v mb="$MB" -v h="$H" -v w="$W" -v rss="$RSS" 'BEGIN { printf "%-4s %10d %9.2f %9.2f %7.2f %8.1f %10.0f\n", k "x", mb, h, w, h / w, mb / h, rss / 1024 }'
  if [ -f "$WORK/out_$k/run.json" ]; then
    grep -A4 '"timings_seconds"' "$WORK/out_$k/run.json" | tr -d '\n ' | sed 's/^/     stages (s): /'; echo
  fi
done
# growth of wall time and of the counting stage from 1x to 2x and 4x (linear: 1 : 2 : 4)
growth() { awk -v a="$1" -v b="$2" -v c="$3" 'BEGIN { printf "1 : %.2f : %.2f", b / a, c / a }'; }
count_s() { grep -o '"count": *[0-9.]*' "$WORK/out_$1/run.json" 2>/dev/null | sed 's/.*: *//'; }
if [ -f "$WORK/time_4" ]; then
  echo "growth 1x:2x:4x  wall $(growth "$(cut -d' ' -f1 "$WORK/time_1")" "$(cut -d' ' -f1 "$WORK/time_2")" "$(cut -d' ' -f1 "$WORK/time_4")")  counting $(growth "$(count_s 1)" "$(count_s 2)" "$(count_s 4)")"
fi
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
