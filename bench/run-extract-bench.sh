#!/usr/bin/env bash
# Extraction throughput: Tracemap's extract stage against raw Tika, on our labelled corpus (HTML, PDF, DOCX, the
# Chinese pages) and, when ../shared/corpora is there, on the 130 real pages of the readability set.
#   bench/run-extract-bench.sh [ROUNDS]      # ROUNDS defaults to 20
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
[[ -f target/tracemap.jar ]] || ./mvnw -q -B package -DskipTests
echo "== labelled corpus (src/test/resources/extract)"
timeout 900 java -Dtracemap.log.level=WARN -cp "target/tracemap.jar:target/lib/*" bench/ExtractBench.java src/test/resources/extract "${1:-20}"
if [[ -d ../shared/corpora/readability-test-pages ]]; then
  echo "== real pages (../shared/corpora/readability-test-pages, source.html of each)"
  timeout 900 java -Dtracemap.log.level=WARN -cp "target/tracemap.jar:target/lib/*" bench/ExtractBench.java \
    ../shared/corpora/readability-test-pages "${1:-20}" '.*/source\.html$'
fi
