#!/usr/bin/env bash
# Index benchmark: Tracemap's LuceneIndex against a bare IndexWriter with the same analyzers, then search p50/p99.
#   bench/run-index-bench.sh [DOCS]        # DOCS defaults to 100000
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
[[ -f target/tracemap.jar ]] || ./mvnw -q -B package -DskipTests
WORK="$ROOT/bench/work/index-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$WORK"
trap 'rm -rf "$WORK"' EXIT
timeout 1500 java -Xmx2g -Dtracemap.log.level=WARN -cp "target/tracemap.jar:target/lib/*" bench/IndexBench.java "${1:-100000}" "$WORK"
