#!/usr/bin/env bash
# Capture benchmark: Tracemap against `wget --warc-file` on the same loopback site, in the same run, then
# the peak RSS of Tracemap capturing one large body. Results land in bench/work/run-*/ (gitignored); the
# figures are printed at the end (as Markdown) and copied into bench/RESULTS.md by hand.
#
#   bench/run-capture-bench.sh [PAGES]          # PAGES defaults to 10000
#
# Environment (all optional):
#   BENCH_C1_PAGES=PAGES  pages for the Tracemap run at one connection: the whole list by default; a smaller
#                         number runs it on a prefix (with a matching wget run); 0 skips it.
#   BENCH_DIAGNOSTIC=0    1 also runs both Tracemap runs with the queue poll interval cut to 10 ms, to show
#                         whether queue polling limits throughput.
#   BENCH_REPEAT=3        rounds of the throughput runs (wget and Tracemap alternate); medians are reported.
#   BENCH_BIG_MB=300      size of /big.bin in MiB.
#   BENCH_KEEP_BIG=0      1 keeps the large WARC after checking it (it is ~300 MB).
#   BENCH_JAVA_OPTS=      JVM options for every Tracemap run (default: none, i.e. the JVM's own defaults).
#
# Only 127.0.0.1 is used. Every wait is bounded; the site server is stopped on exit.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
PAGES="${1:-10000}"
C1_PAGES="${BENCH_C1_PAGES:-$PAGES}"
DIAGNOSTIC="${BENCH_DIAGNOSTIC:-0}"
REPEAT="${BENCH_REPEAT:-3}"
BIG_MB="${BENCH_BIG_MB:-300}"
KEEP_BIG="${BENCH_KEEP_BIG:-0}"
RSS_TARGET_MB=700
RUN_TIMEOUT=1500   # seconds, per timed command: a hung run fails the bench instead of hanging it

[[ "$PAGES" =~ ^[1-9][0-9]*$ ]] || { echo "error: PAGES must be a positive whole number, got '$PAGES'" >&2; exit 2; }
[[ "$C1_PAGES" =~ ^[0-9]+$ ]] || { echo "error: BENCH_C1_PAGES must be a whole number" >&2; exit 2; }
[[ "$REPEAT" =~ ^[1-9][0-9]?$ ]] || { echo "error: BENCH_REPEAT must be 1 to 99" >&2; exit 2; }
(( C1_PAGES <= PAGES )) || C1_PAGES="$PAGES"

log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# --- Prerequisites -------------------------------------------------------------------------------------
command -v java >/dev/null || die "java is not on PATH (Java 17 is needed)"
command -v wget >/dev/null || die "wget is not installed (apt-get install -y wget)"
command -v timeout >/dev/null || die "coreutils timeout is missing"
command -v sha256sum >/dev/null || die "coreutils sha256sum is missing"
if [[ ! -x /usr/bin/time ]] || ! /usr/bin/time -v true >/dev/null 2>&1; then
  die "GNU time (/usr/bin/time with -v) is missing; install it with: apt-get install -y time"
fi
WGET_VERSION="$(wget --version | head -1)"

# --- Build (only when the jar is missing), then freeze a copy ----------------------------------------
if [[ ! -f "$ROOT/target/tracemap.jar" ]]; then
  log "target/tracemap.jar is missing: building it"
  (cd "$ROOT" && timeout 900 ./mvnw -q -o -B package -DskipTests) || (cd "$ROOT" && timeout 900 ./mvnw -q -B package -DskipTests) \
    || die "the build failed"
fi
RUN="$BENCH_DIR/work/run-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RUN"
# The benchmark runs a frozen copy of bin/, config/, routes/ and the jar, so a rebuild of target/ during the
# run cannot change what is measured halfway through.
HOME_COPY="$RUN/tracemap-home"
mkdir -p "$HOME_COPY/target"
cp -r "$ROOT/bin" "$ROOT/config" "$ROOT/routes" "$HOME_COPY/"
cp -r "$ROOT/target/tracemap.jar" "$ROOT/target/lib" "$HOME_COPY/target/"
TRACEMAP="$HOME_COPY/bin/tracemap"
COMMIT="$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)"
DIRTY="$(cd "$ROOT" && git status --porcelain -- src pom.xml routes config 2>/dev/null | wc -l | tr -d ' ')"
JAR_TIME="$(date -u -r "$ROOT/target/tracemap.jar" +%Y-%m-%dT%H:%M:%SZ)"
STALE="$(cd "$ROOT" && find src pom.xml -newer target/tracemap.jar -type f 2>/dev/null | wc -l | tr -d ' ')"
(( STALE == 0 )) || log "warning: $STALE files under src/ or pom.xml are newer than target/tracemap.jar; rebuild to measure them"
log "run folder: $RUN (commit $COMMIT, $DIRTY uncommitted files under src/pom/routes/config, jar built $JAR_TIME)"

# --- The loopback site -----------------------------------------------------------------------------
SITE_PID=""
cleanup() {
  if [[ -n "$SITE_PID" ]] && kill -0 "$SITE_PID" 2>/dev/null; then
    kill "$SITE_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SITE_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SITE_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

java "$BENCH_DIR/LoopbackSite.java" 0 "$PAGES" "$BIG_MB" >"$RUN/site.log" 2>&1 &
SITE_PID=$!
PORT=""
for _ in $(seq 1 150); do   # up to 30 s: the single-file launcher compiles the source first
  kill -0 "$SITE_PID" 2>/dev/null || die "the loopback site exited: $(cat "$RUN/site.log")"
  PORT="$(sed -n 's#^listening on http://127\.0\.0\.1:\([0-9][0-9]*\)/.*#\1#p' "$RUN/site.log")"
  [[ -n "$PORT" ]] && break
  sleep 0.2
done
[[ -n "$PORT" ]] || die "the loopback site did not start within 30 s: $(cat "$RUN/site.log")"
BASE="http://127.0.0.1:$PORT"
log "loopback site: $BASE ($PAGES pages, big.bin $BIG_MB MiB)"

seq 0 $((PAGES - 1)) | sed "s#.*#$BASE/page/&.html#" >"$RUN/urls.txt"
head -n "$C1_PAGES" "$RUN/urls.txt" >"$RUN/urls-c1.txt"
# Warm the site's JIT so neither tool pays for it (wget runs first).
head -n 500 "$RUN/urls.txt" >"$RUN/urls-warmup.txt"
timeout 120 wget -q -O /dev/null -i "$RUN/urls-warmup.txt" || die "warm-up fetch failed"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.1f", n / s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
rss_mb() { awk 'END { printf "%.0f", $1 / 1024 }' "$1"; }   # /usr/bin/time -f %M: peak RSS in kB

# --- wget ------------------------------------------------------------------------------------------
# wget: one connection, sequential, keep-alive; WARC gzip-compressed, one file.
run_wget() { # NAME URLFILE COUNT -> sets WGET_SECONDS
  local name="$1" urls="$2" count="$3" dir="$RUN/$1" start end rc=0 responses
  mkdir -p "$dir"
  log "$name: wget --warc-file on $count pages"
  start="$(now)"
  (cd "$dir" && timeout "$RUN_TIMEOUT" /usr/bin/time -f %M -o "$dir.rss" \
      wget --warc-file="$dir/site" -i "$urls" -O /dev/null --no-verbose 2>"$dir/wget.log") || rc=$?
  end="$(now)"
  [[ $rc -eq 0 ]] || die "$name: wget exited $rc (see $dir/wget.log)"
  responses="$( (zcat "$dir/site.warc.gz" | grep -a -c '^WARC-Type: response') || true)"
  [[ "$responses" == "$count" ]] || die "$name: the WARC holds $responses response records, expected $count"
  WGET_SECONDS="$(elapsed "$start" "$end")"; WGET_RSS="$(rss_mb "$dir.rss")"
  log "$name: ${WGET_SECONDS}s, $(rate "$count" "$WGET_SECONDS") pages/s, WARC $(du -m "$dir/site.warc.gz" | cut -f1) MB"
}

# --- Tracemap ----------------------------------------------------------------------------------------
# Politeness is lifted for the benchmark: no per-host delay, and the per-host limit equal to the global one.
# Each setting is given both as --set (what the Java side reads) and in the environment, because Camel's route
# placeholders ({{tracemap.fetch.concurrency}}, {{tracemap.queue.poll-interval}}) do not see --set values
# (see bench/RESULTS.md); both get the same values. Everything else keeps its shipped default.
run_tracemap() { # NAME URLFILE COUNT CONCURRENCY [POLL] -> sets TM_SECONDS
  local name="$1" urls="$2" count="$3" conc="$4" poll="${5:-}" dir="$RUN/$1" start end rc=0 summary
  local -a vars=(TRACEMAP_JAVA_OPTS="${BENCH_JAVA_OPTS:-}" TRACEMAP_FETCH_ALLOW_PRIVATE=true TRACEMAP_FETCH_PER_HOST_DELAY=0ms
                 TRACEMAP_FETCH_CONCURRENCY="$conc" TRACEMAP_FETCH_PER_HOST_CONCURRENCY="$conc")
  local -a sets=(--set tracemap.fetch.per-host-delay=0ms --set tracemap.fetch.concurrency="$conc"
                 --set tracemap.fetch.per-host-concurrency="$conc")
  if [[ -n "$poll" ]]; then
    vars+=(TRACEMAP_QUEUE_POLL_INTERVAL="$poll"); sets+=(--set tracemap.queue.poll-interval="$poll")
  fi
  log "$name: tracemap capture --wait on $count pages, fetch concurrency $conc (per host $conc), queue poll ${poll:-default}"
  start="$(now)"
  env "${vars[@]}" timeout "$RUN_TIMEOUT" /usr/bin/time -f %M -o "$dir.rss" "$TRACEMAP" capture --archive "$dir/archive" --file "$urls" --wait "${sets[@]}" \
      >"$dir.out" 2>"$dir.err" || rc=$?
  end="$(now)"
  summary="$(tail -1 "$dir.out" 2>/dev/null || true)"
  [[ $rc -eq 0 ]] || die "$name: tracemap exited $rc: $summary $(tail -3 "$dir.err")"
  [[ "$summary" == "$count captures: $count archived, 0 failed" ]] || die "$name: unexpected summary: $summary"
  TM_SECONDS="$(elapsed "$start" "$end")"; TM_RSS="$(rss_mb "$dir.rss")"
  phases "$name" "$dir/archive/catalog.db" "$start" "$end" "$count"
  log "$name: ${TM_SECONDS}s, $(rate "$count" "$TM_SECONDS") pages/s, WARC $(du -cm "$dir"/archive/warcs/*.warc.gz | tail -1 | cut -f1) MB"
}

# Where a Tracemap run's time went, from the catalogue's own timestamps (needs the sqlite3 command line;
# skipped without it): start-up until the first capture was queued, queueing (intake), the pipeline after the
# last capture was queued, and shutdown after the last one was archived.
PHASES=""
phases() { # NAME DB START END COUNT
  local name="$1" db="$2" start="$3" end="$4" count="$5" row q0 q1 alast during
  command -v sqlite3 >/dev/null || return 0
  row="$(timeout 60 sqlite3 -separator ' ' "file:$db?mode=ro" "
    WITH q AS (SELECT MIN(julianday(created_at)) AS t0, MAX(julianday(created_at)) AS t1 FROM capture),
         a AS (SELECT julianday(at) AS t FROM capture_transition WHERE status = 'ARCHIVED')
    SELECT printf('%.6f', (q.t0 - 2440587.5) * 86400), printf('%.6f', (q.t1 - 2440587.5) * 86400),
           printf('%.6f', (MAX(a.t) - 2440587.5) * 86400), SUM(a.t <= q.t1) FROM q, a;" 2>/dev/null)" || return 0
  read -r q0 q1 alast during <<<"$row" || return 0
  [[ -n "${during:-}" ]] || return 0
  PHASES+="$(awk -v n="$name" -v s="$start" -v e="$end" -v q0="$q0" -v q1="$q1" -v al="$alast" -v d="$during" -v c="$count" 'BEGIN {
    qs = q1 - q0; pa = al - q1
    qrate = "all in one transaction"; if (qs > 0.001) qrate = sprintf("%.0f URLs/s", c / qs)
    prate = "-"; if (pa > 0) prate = sprintf("%.1f", (c - d) / pa)
    printf("| %s | %.1f | %.1f (%s; %d archived meanwhile) | %.1f (%s captures/s) | %.1f |\n", n, q0 - s, qs, qrate, d, pa, prate, e - al) }')"$'\n'
}

# Fixed cost of one Tracemap invocation (JVM start, Camel start, catalogue migration, shutdown).
ONE_DIR="$RUN/tracemap-one"
mkdir -p "$ONE_DIR"
start="$(now)"
env TRACEMAP_JAVA_OPTS="${BENCH_JAVA_OPTS:-}" TRACEMAP_FETCH_ALLOW_PRIVATE=true timeout 120 "$TRACEMAP" capture \
    --archive "$ONE_DIR/archive" --wait "$BASE/page/0.html" >"$ONE_DIR.out" 2>"$ONE_DIR.err" || die "one-page capture failed: $(cat "$ONE_DIR.err")"
ONE_SECONDS="$(elapsed "$start" "$(now)")"
log "tracemap-one: one page in ${ONE_SECONDS}s (start-up and shutdown included)"

# --- The throughput runs: REPEAT rounds, each running every series once, in turn ----------------------------
declare -A SECS=() RSS=() LABEL=() COUNT=() BASELINE=()
SERIES=()
series() { # KEY LABEL COUNT BASELINE-KEY (empty for wget itself)
  SERIES+=("$1"); LABEL[$1]="$2"; COUNT[$1]="$3"; BASELINE[$1]="$4"; SECS[$1]=""; RSS[$1]=0
}
record() { # KEY SECONDS RSS-MB
  SECS[$1]+="$2 "
  (( $3 > ${RSS[$1]} )) && RSS[$1]="$3"
  return 0
}
median() { printf '%s\n' $1 | sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.2f", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
spread() { printf '%s\n' $1 | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s-%s", lo, hi }'; }

series wget "wget --warc-file (1 connection)" "$PAGES" ""
series c8 "tracemap, 8 connections (fetch concurrency 8, per host 8)" "$PAGES" wget
if (( C1_PAGES > 0 )); then
  if (( C1_PAGES < PAGES )); then series wget-c1 "wget --warc-file (1 connection)" "$C1_PAGES" ""; fi
  series c1 "tracemap, 1 connection (fetch concurrency 1, per host 1)" "$C1_PAGES" "$( (( C1_PAGES < PAGES )) && echo wget-c1 || echo wget)"
fi
if [[ "$DIAGNOSTIC" == 1 ]]; then
  (( C1_PAGES == 0 )) || series c1-poll10ms "diagnostic: tracemap, 1 connection, queue poll 10 ms" "$C1_PAGES" "$( (( C1_PAGES < PAGES )) && echo wget-c1 || echo wget)"
  series c8-poll10ms "diagnostic: tracemap, 8 connections, queue poll 10 ms" "$PAGES" wget
fi

for round in $(seq 1 "$REPEAT"); do
  log "round $round of $REPEAT"
  for key in "${SERIES[@]}"; do
    urls="$RUN/urls.txt"; [[ "${COUNT[$key]}" == "$PAGES" ]] || urls="$RUN/urls-c1.txt"
    case "$key" in
      wget*) run_wget "$key-r$round" "$urls" "${COUNT[$key]}"; record "$key" "$WGET_SECONDS" "$WGET_RSS" ;;
      c8) run_tracemap "tracemap-c8-r$round" "$urls" "${COUNT[$key]}" 8; record "$key" "$TM_SECONDS" "$TM_RSS" ;;
      c1) run_tracemap "tracemap-c1-r$round" "$urls" "${COUNT[$key]}" 1; record "$key" "$TM_SECONDS" "$TM_RSS" ;;
      c1-poll10ms) run_tracemap "tracemap-c1-poll10ms-r$round" "$urls" "${COUNT[$key]}" 1 10ms; record "$key" "$TM_SECONDS" "$TM_RSS" ;;
      c8-poll10ms) run_tracemap "tracemap-c8-poll10ms-r$round" "$urls" "${COUNT[$key]}" 8 10ms; record "$key" "$TM_SECONDS" "$TM_RSS" ;;
    esac
  done
done

# Integrity of a throughput archive (not timed): every record re-hashed.
verify_start="$(now)"
timeout "$RUN_TIMEOUT" "$TRACEMAP" verify --archive "$RUN/tracemap-c8-r1/archive" >"$RUN/tracemap-c8-r1.verify" 2>&1 \
  || die "verify of the tracemap-c8-r1 archive failed: $(tail -3 "$RUN/tracemap-c8-r1.verify")"
VERIFY_C8_SECONDS="$(elapsed "$verify_start" "$(now)")"
VERIFY_C8_LINE="$(grep -E '^[0-9]+ files,' "$RUN/tracemap-c8-r1.verify" || true)"
log "tracemap-c8-r1 verify: $VERIFY_C8_LINE (${VERIFY_C8_SECONDS}s)"

# --- Peak RSS while capturing one large body -------------------------------------------------------------
BIG_DIR="$RUN/tracemap-big"
mkdir -p "$BIG_DIR"
log "big: sha256 of $BASE/big.bin as served"
BIG_SHA="$(timeout 300 wget -q -O - "$BASE/big.bin" | sha256sum | cut -d' ' -f1)"
[[ ${#BIG_SHA} -eq 64 ]] || die "could not hash big.bin"
log "big: tracemap capture of $BIG_MB MiB under /usr/bin/time -v"
rc=0
env TRACEMAP_JAVA_OPTS="${BENCH_JAVA_OPTS:-}" TRACEMAP_FETCH_ALLOW_PRIVATE=true \
    TRACEMAP_FETCH_MAX_BODY_SIZE=$((BIG_MB + 100))MB TRACEMAP_FETCH_TOTAL_TIMEOUT=10m \
    timeout "$RUN_TIMEOUT" /usr/bin/time -v -o "$BIG_DIR/time-v.txt" \
    "$TRACEMAP" capture --archive "$BIG_DIR/archive" --wait "$BASE/big.bin" \
    --set tracemap.fetch.max-body-size=$((BIG_MB + 100))MB --set tracemap.fetch.total-timeout=10m \
    >"$BIG_DIR/capture.out" 2>"$BIG_DIR/capture.err" || rc=$?
[[ $rc -eq 0 ]] || die "big capture exited $rc: $(cat "$BIG_DIR/capture.out") $(tail -3 "$BIG_DIR/capture.err")"
# Any settled stage without a notice in brackets: a truncated or failed capture says why after the URL.
grep -qxE "(ARCHIVED|EXTRACTED|INDEXED|MINED) +$BASE/big.bin" "$BIG_DIR/capture.out" \
  || die "big capture did not complete cleanly (truncated or failed?): $(cat "$BIG_DIR/capture.out")"
BIG_RSS_KB="$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$BIG_DIR/time-v.txt")"
BIG_WALL="$(sed -n 's/^[[:space:]]*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$BIG_DIR/time-v.txt")"
[[ -n "$BIG_RSS_KB" ]] || die "no peak RSS in $BIG_DIR/time-v.txt"
BIG_RSS_MB="$(awk -v k="$BIG_RSS_KB" 'BEGIN { printf "%.0f", k / 1024 }')"
rc=0
timeout "$RUN_TIMEOUT" "$TRACEMAP" verify --archive "$BIG_DIR/archive" >"$BIG_DIR/verify.out" 2>&1 || rc=$?
[[ $rc -eq 0 ]] || die "verify of the big archive exited $rc: $(cat "$BIG_DIR/verify.out")"
# The archived payload must be the whole body: its digest equals the digest of what the site serves.
WARC_HEAD="$( (zcat "$BIG_DIR"/archive/warcs/*.warc.gz 2>/dev/null | head -c 65536 | grep -a -E '^(WARC-Type|WARC-Payload-Digest|WARC-Truncated):') || true)"
grep -q "^WARC-Payload-Digest: sha256:$BIG_SHA" <<<"$WARC_HEAD" || die "archived payload digest differs from the served body's sha256 $BIG_SHA: $WARC_HEAD"
! grep -q '^WARC-Truncated' <<<"$WARC_HEAD" || die "the big response was archived truncated"
BIG_WARC_BYTES="$(du -cb "$BIG_DIR"/archive/warcs/*.warc.gz | tail -1 | cut -f1)"
BIG_VERDICT="$( (( BIG_RSS_MB < RSS_TARGET_MB )) && echo "under" || echo "OVER")"
log "big: peak RSS ${BIG_RSS_MB} MB ($BIG_VERDICT the ${RSS_TARGET_MB} MB target), wall $BIG_WALL, payload sha256 matches, verify ok"
[[ "$KEEP_BIG" == 1 ]] || rm -f "$BIG_DIR"/archive/warcs/*.warc.gz

# --- Report ------------------------------------------------------------------------------------------
MAX_HEAP_MB="$(java ${BENCH_JAVA_OPTS:-} -XX:+PrintFlagsFinal -version 2>/dev/null | awk '$2 == "MaxHeapSize" { printf "%.0f", $4 / 1048576 }')"
{
  echo "## Run $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo
  echo "- machine: $(nproc) CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM"
  echo "- java: $(java -version 2>&1 | head -1); default max heap ${MAX_HEAP_MB} MB; JVM options: '${BENCH_JAVA_OPTS:-}'"
  echo "- wget: $WGET_VERSION"
  echo "- tracemap: commit $COMMIT, jar built $JAR_TIME, $DIRTY uncommitted files under src/pom/routes/config, $STALE source files newer than the jar"
  echo "- site: bench/LoopbackSite.java on $BASE, $PAGES pages of 5-20 KB ($(awk '/^Downloaded:/ { print $4 }' "$RUN/wget-r1/wget.log") in total per wget), big.bin $BIG_MB MiB"
  echo
  echo "Median of $REPEAT runs (range in brackets); pages/s and the ratio are from the median wall times."
  echo
  echo "| run | pages | wall s | pages/s | tracemap/wget | peak RSS MB (highest) |"
  echo "|---|---:|---:|---:|---:|---:|"
  for key in "${SERIES[@]}"; do
    med="$(median "${SECS[$key]}")"
    cell=""
    if [[ -n "${BASELINE[$key]}" ]]; then
      cell="$(ratio "$(rate "${COUNT[$key]}" "$med")" "$(rate "${COUNT[${BASELINE[$key]}]}" "$(median "${SECS[${BASELINE[$key]}]}")")")"
    fi
    echo "| ${LABEL[$key]} | ${COUNT[$key]} | $med ($(spread "${SECS[$key]}")) | $(rate "${COUNT[$key]}" "$med") | $cell | ${RSS[$key]} |"
  done
  echo
  if [[ -n "$PHASES" ]]; then
    echo "Where Tracemap's time went (seconds, from the catalogue's timestamps; the wall clock also includes JVM start):"
    echo
    echo "| run | start-up to first queued | queueing all URLs | after the last was queued, until all archived | shutdown |"
    echo "|---|---:|---:|---:|---:|"
    printf '%s' "$PHASES"
    echo
  fi
  echo "- tracemap fixed cost (one-page capture --wait, start to exit): ${ONE_SECONDS} s"
  echo "- WARC size for $PAGES pages: wget $(du -m "$RUN/wget-r1/site.warc.gz" | cut -f1) MB, tracemap $(du -cm "$RUN"/tracemap-c8-r1/archive/warcs/*.warc.gz | tail -1 | cut -f1) MB (request + response + metadata records)"
  echo "- tracemap verify of the first 8-connection archive: $VERIFY_C8_LINE in ${VERIFY_C8_SECONDS} s"
  echo "- big body: peak RSS **${BIG_RSS_MB} MB** ($BIG_RSS_KB kB, whole java process, /usr/bin/time -v) — $BIG_VERDICT the ${RSS_TARGET_MB} MB target;"
  echo "  wall $BIG_WALL; summary $(awk '{print $1; exit}' "$BIG_DIR/capture.out"); verify exit 0; payload sha256 $BIG_SHA equals the served body's; WARC $BIG_WARC_BYTES bytes"
  echo "- run folder: ${RUN#"$ROOT"/}"
} | tee "$RUN/summary.md"
