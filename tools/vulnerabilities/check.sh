#!/usr/bin/env bash
# Lists the project's runtime dependencies that have known vulnerabilities, on demand (not part of the build
# or the tests, which never reach the network).
#
#   tools/vulnerabilities/check.sh            # exit 0: none known; 1: some listed; 2: could not check
#
# How: the CycloneDX Maven plugin writes the dependency tree as an SBOM (target/bom.json: every runtime
# artifact with its package URL), and the OSV database (https://osv.dev, which gathers GitHub's advisories,
# the NVD's Maven entries and others) is asked about each package URL in one batch. Needs network access to
# Maven Central and api.osv.dev, curl and python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q org.cyclonedx:cyclonedx-maven-plugin:2.9.3:makeBom -DoutputFormat=json -DincludeTestScope=false
exec python3 tools/vulnerabilities/osv_query.py target/bom.json
