#!/usr/bin/env bash
# A/B end-to-end capture benchmark: two Tracemap builds, alternating on the same loopback site, with the
# capture benchmark's 8-connection settings; reports wall time, pages/s, CPU per page and where the CPU went
# (per thread group, from the last `jcmd Thread.print` before each run ended). Use it to check what a change
# did to end-to-end throughput on a noisy machine, where absolute figures drift between runs.
#
#   bench/run-capture-ab.sh A B [PAGES [ROUNDS]]      # PAGES 10000, ROUNDS 2 by default
#
# A and B are each either a Tracemap home (a folder with bin/tracemap and target/tracemap.jar, used as is) or a
# git revision of this repository (cloned into the run folder and built there with ./mvnw -q -o package
# -DskipTests; the working tree is not touched). Results land in bench/work/ab-*/ (gitignored).
# Environment (optional): BENCH_JAVA_OPTS= (JVM options for every Tracemap run).
#
# Each run's lines also say how many 5-second samples saw another Maven or surefire JVM on the machine: runs
# that shared the CPU with a build are not comparable.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
[[ $# -ge 2 ]] || { echo "usage: bench/run-capture-ab.sh A B [PAGES [ROUNDS]]  (A, B: a Tracemap home folder or a git revision)" >&2; exit 2; }
PAGES="${3:-10000}"
ROUNDS="${4:-2}"
[[ "$PAGES" =~ ^[1-9][0-9]*$ ]] || { echo "error: PAGES must be a positive whole number" >&2; exit 2; }
[[ "$ROUNDS" =~ ^[1-9][0-9]?$ ]] || { echo "error: ROUNDS must be 1 to 99" >&2; exit 2; }
log() { printf '[ab %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }
for c in java wget jcmd timeout; do command -v "$c" >/dev/null || die "$c is missing"; done
[[ -x /usr/bin/time ]] && /usr/bin/time -v true >/dev/null 2>&1 || die "GNU time is missing (apt-get install -y time)"

RUN="$BENCH_DIR/work/ab-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RUN"

# A home folder as is, or a revision cloned and built; prints the home folder, sets nothing else.
prepare() { # SIDE SPEC
  local side="$1" spec="$2" home
  if [[ -x "$spec/bin/tracemap" && -f "$spec/target/tracemap.jar" ]]; then
    home="$RUN/$side-home"                        # frozen copy: a rebuild of the original cannot change the run
    mkdir -p "$home/target"
    cp -r "$spec/bin" "$spec/config" "$spec/routes" "$home/"
    cp -rp "$spec/target/tracemap.jar" "$spec/target/lib" "$home/target/"
    echo "$home"
    return
  fi
  git -C "$ROOT" rev-parse --verify -q "$spec^{commit}" >/dev/null || die "$spec is neither a Tracemap home nor a revision"
  home="$RUN/$side-src"
  git clone -q "$ROOT" "$home" && git -C "$home" checkout -q "$spec" || die "could not check out $spec"
  log "$side: building $spec in ${home#"$ROOT"/}"
  (cd "$home" && timeout 900 ./mvnw -q -o package -DskipTests >"$RUN/$side-build.log" 2>&1) || die "building $spec failed (see $RUN/$side-build.log)"
  echo "$home"
}
describe() { # SPEC HOME
  if git -C "$2" rev-parse --short HEAD >/dev/null 2>&1 && [[ "$2" == "$RUN"/* && -d "$2/.git" ]]; then
    echo "revision $1 = $(git -C "$2" rev-parse --short HEAD) (built here)"
  else
    echo "home $1 (jar built $(date -u -r "$2/target/tracemap.jar" +%Y-%m-%dT%H:%M:%SZ), sha256 $(sha256sum "$2/target/tracemap.jar" | cut -c1-12))"
  fi
}
HOME_A="$(prepare A "$1")"
HOME_B="$(prepare B "$2")"
DESC_A="$(describe "$1" "$HOME_A")"
DESC_B="$(describe "$2" "$HOME_B")"

SITE_PID=""
CAP_PID=""
cleanup() {
  for p in "$CAP_PID" "$SITE_PID"; do
    if [[ -n "$p" ]] && kill -0 "$p" 2>/dev/null; then
      kill "$p" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$p" 2>/dev/null || true
    fi
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM
java "$BENCH_DIR/LoopbackSite.java" 0 "$PAGES" 1 >"$RUN/site.log" 2>&1 &
SITE_PID=$!
PORT=""
for _ in $(seq 1 150); do
  kill -0 "$SITE_PID" 2>/dev/null || die "the loopback site exited: $(cat "$RUN/site.log")"
  PORT="$(sed -n 's#^listening on http://127\.0\.0\.1:\([0-9][0-9]*\)/.*#\1#p' "$RUN/site.log")"
  [[ -n "$PORT" ]] && break
  sleep 0.2
done
[[ -n "$PORT" ]] || die "the loopback site did not start within 30 s"
seq 0 $((PAGES - 1)) | sed "s#.*#http://127.0.0.1:$PORT/page/&.html#" >"$RUN/urls.txt"
head -n 500 "$RUN/urls.txt" >"$RUN/urls-warmup.txt"
timeout 120 wget -q -O /dev/null -i "$RUN/urls-warmup.txt" || die "warm-up fetch failed"

others() { # other Maven/surefire JVMs now (not ours)
  pgrep -f 'plexus-classworlds|surefirebooter' 2>/dev/null | wc -l | tr -d ' '
}

ROWS=""
run_one() { # SIDE HOME ROUND
  local side="$1" home="$2" round="$3" dir="$RUN/$1-r$3" start end rc=0 i=0 busy=0 samples=0 pid
  mkdir -p "$dir"
  log "$side round $round: capture --wait on $PAGES pages, fetch concurrency 8 (per host 8)"
  start="$(date +%s.%N)"
  env TRACEMAP_JAVA_OPTS="${BENCH_JAVA_OPTS:-}" TRACEMAP_FETCH_ALLOW_PRIVATE=true TRACEMAP_FETCH_PER_HOST_DELAY=0ms \
      TRACEMAP_FETCH_CONCURRENCY=8 TRACEMAP_FETCH_PER_HOST_CONCURRENCY=8 \
      timeout 1500 /usr/bin/time -v -o "$dir/time-v.txt" "$home/bin/tracemap" capture --archive "$dir/archive" --file "$RUN/urls.txt" --wait \
      --set tracemap.fetch.per-host-delay=0ms --set tracemap.fetch.concurrency=8 --set tracemap.fetch.per-host-concurrency=8 \
      >"$dir/capture.out" 2>"$dir/capture.err" &
  CAP_PID=$!
  while kill -0 "$CAP_PID" 2>/dev/null; do
    sleep 5
    i=$((i + 1)); samples=$((samples + 1))
    (( $(others) == 0 )) || busy=$((busy + 1))
    pid="$(pgrep -f -- "tracemap.jar capture --archive $dir/archive" | head -1 || true)"
    if [[ -n "$pid" ]]; then timeout 10 jcmd "$pid" Thread.print >"$dir/threads-$(printf %04d "$i").txt" 2>/dev/null || true; fi
  done
  wait "$CAP_PID" || rc=$?
  CAP_PID=""
  end="$(date +%s.%N)"
  [[ $rc -eq 0 ]] || die "$side round $round: tracemap exited $rc: $(tail -3 "$dir/capture.err")"
  [[ "$(tail -1 "$dir/capture.out")" == "$PAGES captures: $PAGES archived, 0 failed" ]] || die "$side round $round: $(tail -1 "$dir/capture.out")"
  local wall user sys rss
  wall="$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')"
  user="$(sed -n 's/^[[:space:]]*User time (seconds): //p' "$dir/time-v.txt")"
  sys="$(sed -n 's/^[[:space:]]*System time (seconds): //p' "$dir/time-v.txt")"
  rss="$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$dir/time-v.txt")"
  log "$side round $round: ${wall}s, $(awk -v n="$PAGES" -v s="$wall" 'BEGIN { printf "%.1f", n / s }') pages/s, CPU ${user}+${sys}s; $busy of $samples samples saw another Maven/surefire JVM"
  ROWS+="$side $round $wall $user $sys $rss $busy $samples"$'\n'
}

for round in $(seq 1 "$ROUNDS"); do
  run_one A "$HOME_A" "$round"
  run_one B "$HOME_B" "$round"
done

# CPU per thread group, from the last thread dump of each run (cumulative per-thread CPU at that moment).
thread_groups() { # DIR -> "group seconds" lines, plus "done N" and "at S"
  local last
  # The last dump that still shows the pipeline's seda workers (a later one may catch the shutdown, after they ended).
  last="$(grep -l 'seda://' "$1"/threads-*.txt 2>/dev/null | sort | tail -1)"
  [[ -n "$last" ]] || return 0
  awk '
    /^"/ && match($0, /cpu=[0-9.]+ms/) {
      cpu = substr($0, RSTART + 4, RLENGTH - 6) / 1000
      name = $0; sub(/^"/, "", name); sub(/".*/, "", name)
      g = "other"
      if (name ~ /C2 Compiler/) g = "JIT (C2)"; else if (name ~ /C1 Compiler/) g = "JIT (C1)"
      else if (name ~ /seda:\/\/mine/) g = "mine"
      else if (name ~ /seda:\/\/index|^index-|Lucene Merge/) g = "index"
      else if (name ~ /extract-worker|seda:\/\/extract/) g = "extract"
      else if (name ~ /seda:\/\/archive/) g = "archive"
      else if (name ~ /seda:\/\/fetch|httpclient/) g = "fetch"
      else if (name == "main") g = "main (capture --wait: intake, progress)"
      else if (name ~ /GC Thread|G1 /) g = "GC"
      sum[g] += cpu
    }
    END { for (g in sum) printf "%s\t%.1f\n", g, sum[g] }' "$last"
  printf 'dump at\t%s\n' "$(sed -n 's/.*"main".* elapsed=\([0-9.]*\)s.*/\1/p' "$last" | head -1)"
}

median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.2f", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
{
  echo "## A/B capture run $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo
  echo "- machine: $(nproc) CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM; $(java -version 2>&1 | head -1); JVM options: '${BENCH_JAVA_OPTS:-}'"
  echo "- A: $DESC_A"
  echo "- B: $DESC_B"
  echo "- $PAGES loopback pages (bench/LoopbackSite.java), fetch concurrency 8 (per host 8), no per-host delay; $ROUNDS rounds, A then B in each"
  echo
  echo "| side | round | wall s | pages/s | CPU s (user + sys) | CPU ms/page | peak RSS MB | samples with another Maven/surefire JVM |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  while read -r side round wall user sys rss busy samples; do
    [[ -n "$side" ]] || continue
    awk -v s="$side" -v r="$round" -v w="$wall" -v u="$user" -v y="$sys" -v m="$rss" -v b="$busy" -v t="$samples" -v n="$PAGES" \
      'BEGIN { printf "| %s | %s | %.2f | %.1f | %.1f | %.2f | %.0f | %d of %d |\n", s, r, w, n / w, u + y, 1000 * (u + y) / n, m / 1024, b, t }'
  done <<<"$ROWS"
  for side in A B; do
    walls=($(awk -v s="$side" '$1 == s { print $3 }' <<<"$ROWS"))
    med="$(median "${walls[@]}")"
    echo
    echo "**$side: median wall $med s, $(awk -v n="$PAGES" -v s="$med" 'BEGIN { printf "%.1f", n / s }') pages/s.**"
  done
  echo
  echo "CPU seconds per thread group at the last thread dump of each run that still shows the pipeline's workers (dumps every 5 s, so up to 5 s of work is missing):"
  echo
  header="| thread group |"; sep="|---|"
  dirs=()
  for round in $(seq 1 "$ROUNDS"); do for side in A B; do dirs+=("$RUN/$side-r$round"); header+=" $side r$round |"; sep+="---:|"; done; done
  echo "$header"; echo "$sep"
  for d in "${dirs[@]}"; do thread_groups "$d" >"$d/groups.tsv"; done
  for g in mine index extract archive fetch "main (capture --wait: intake, progress)" "JIT (C2)" "JIT (C1)" GC other "dump at"; do
    label="$g"; [[ "$g" != "dump at" ]] || label="(dump taken at this many s of the JVM life)"
    line="| $label |"
    for d in "${dirs[@]}"; do line+=" $(awk -F'\t' -v g="$g" '$1 == g { v = $2 } END { print (v == "" ? "0" : v) }' "$d/groups.tsv") |"; done
    echo "$line"
  done
  echo
  echo "- run folder: ${RUN#"$ROOT"/}"
} | tee "$RUN/summary.md"
