#!/usr/bin/env bash
# Mining micro-benchmark: gazetteer load time, CandidateMiner.mine and Gazetteer.mentions throughput, next to
# the cost of extracting the same pages (DocumentExtractor.extract), in one JVM and one run.
# Output is Markdown (also saved as bench/work/mine-*/summary.md); copy figures into bench/RESULTS.md by hand.
#
#   bench/run-mine-bench.sh [ROUNDS [WARMUP]]      # ROUNDS defaults to 20, WARMUP to 5
#
# Corpora: the labelled pages of src/test/resources/mine/corpus (files named in labels.tsv) and of
# src/test/resources/extract/corpus (pages with a .txt/.json label), plus, unless BENCH_MINE_LOOPBACK=0, the
# first BENCH_MINE_LOOPBACK (default 200) pages of bench/LoopbackSite.java (the capture benchmark's synthetic
# site), to show how much work the mine stage does in that benchmark.
#
# Environment (optional): BENCH_MINE_LOOPBACK=200, BENCH_JAVA_OPTS= (JVM options; default none).
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
ROUNDS="${1:-20}"
WARMUP="${2:-5}"
LOOPBACK="${BENCH_MINE_LOOPBACK:-200}"
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || { echo "error: ROUNDS must be a positive whole number" >&2; exit 2; }
[[ "$WARMUP" =~ ^[0-9]+$ ]] || { echo "error: WARMUP must be a whole number" >&2; exit 2; }
[[ "$LOOPBACK" =~ ^[0-9]+$ ]] || { echo "error: BENCH_MINE_LOOPBACK must be a whole number" >&2; exit 2; }
log() { printf '[mine-bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }
command -v java >/dev/null || die "java is not on PATH (Java 17 is needed)"

cd "$ROOT"
if [[ ! -f target/tracemap.jar ]]; then
  log "target/tracemap.jar is missing: building it"
  timeout 900 ./mvnw -q -o package -DskipTests || die "the build failed (./mvnw -q -o package -DskipTests)"
fi

# Freeze what is measured: the jar, its libraries, the gazetteer and the corpora are copied into the run folder,
# so a rebuild of target/ or an edit of config/ or the corpora during the run cannot change it halfway.
RUN="$BENCH_DIR/work/mine-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RUN/target" "$RUN/config" "$RUN/corpus"
cp -r target/tracemap.jar target/lib "$RUN/target/"
cp -r config/gazetteer "$RUN/config/"
cp -r src/test/resources/mine/corpus "$RUN/corpus/mine"
cp -r src/test/resources/extract/corpus "$RUN/corpus/extract"
COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
DIRTY="$(git status --porcelain -- src pom.xml routes config 2>/dev/null | wc -l | tr -d ' ')"
STALE="$(find src/main pom.xml -newer target/tracemap.jar -type f 2>/dev/null | wc -l | tr -d ' ')"
JAR_TIME="$(date -u -r target/tracemap.jar +%Y-%m-%dT%H:%M:%SZ)"
(( STALE == 0 )) || log "warning: $STALE files under src/main or pom.xml are newer than target/tracemap.jar; rebuild to measure them"

CORPORA=("mine=$RUN/corpus/mine" "extract=$RUN/corpus/extract")

# The capture benchmark's pages, fetched once from the loopback site (not timed).
if (( LOOPBACK > 0 )); then
  command -v wget >/dev/null || die "wget is needed for the loopback pages (or set BENCH_MINE_LOOPBACK=0)"
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
  java "$BENCH_DIR/LoopbackSite.java" 0 "$LOOPBACK" 1 >"$RUN/site.log" 2>&1 &
  SITE_PID=$!
  PORT=""
  for _ in $(seq 1 150); do
    kill -0 "$SITE_PID" 2>/dev/null || die "the loopback site exited: $(cat "$RUN/site.log")"
    PORT="$(sed -n 's#^listening on http://127\.0\.0\.1:\([0-9][0-9]*\)/.*#\1#p' "$RUN/site.log")"
    [[ -n "$PORT" ]] && break
    sleep 0.2
  done
  [[ -n "$PORT" ]] || die "the loopback site did not start within 30 s"
  mkdir -p "$RUN/corpus/loopback"
  for n in $(seq 0 $((LOOPBACK - 1))); do echo "http://127.0.0.1:$PORT/page/$n.html"; done >"$RUN/loopback-urls.txt"
  (cd "$RUN/corpus/loopback" && timeout 300 wget -q -i "$RUN/loopback-urls.txt") || die "fetching the loopback pages failed"
  cleanup
  CORPORA+=("loopback=$RUN/corpus/loopback")
fi

log "run folder: ${RUN#"$ROOT"/} (commit $COMMIT, jar built $JAR_TIME); $ROUNDS rounds after $WARMUP warm-up rounds"
{
  echo "## Mining micro-benchmark, run $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo
  echo "- machine: $(nproc) CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM; load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- java: $(java -version 2>&1 | head -1) ($(java -version 2>&1 | sed -n 2p)); JVM options: '${BENCH_JAVA_OPTS:-}'"
  echo "- tracemap: commit $COMMIT, jar built $JAR_TIME, $DIRTY uncommitted files under src/pom/routes/config, $STALE files under src/main or pom.xml newer than the jar"
  echo "- command: bench/run-mine-bench.sh $ROUNDS $WARMUP (BENCH_MINE_LOOPBACK=$LOOPBACK)"
  echo
  # shellcheck disable=SC2086
  (cd "$RUN" && timeout 1200 java ${BENCH_JAVA_OPTS:-} -Dtracemap.log.level=WARN -cp "target/tracemap.jar:target/lib/*" \
      "$BENCH_DIR/MineBench.java" config/gazetteer "$ROUNDS" "$WARMUP" "${CORPORA[@]}")
  echo
  echo "- load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$RUN/summary.md"
