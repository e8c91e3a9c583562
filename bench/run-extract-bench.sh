#!/usr/bin/env bash
# Extraction throughput: Tracemap's extract stage against raw Tika on the labelled corpus (HTML, PDF, DOCX).
#   bench/run-extract-bench.sh [ROUNDS]      # ROUNDS defaults to 20
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
[[ -f target/tracemap.jar ]] || ./mvnw -q -B package -DskipTests
timeout 900 java -Dtracemap.log.level=WARN -cp "target/tracemap.jar:target/lib/*" bench/ExtractBench.java src/test/resources/extract "${1:-20}"
