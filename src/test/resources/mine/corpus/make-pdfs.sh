#!/usr/bin/env bash
# Regenerates the corpus PDFs (pdf-*.pdf) from pdf-src/*.txt with Apache PDFBox.
# Needs: JDK 17, PDFBox 3.0.7 in ~/.m2 (a dependency of Tika in the project's pom),
# Debian fonts-dejavu-core and fonts-wqy-zenhei (apt-get install fonts-wqy-zenhei).
set -euo pipefail
cd "$(dirname "$0")"
M="${MAVEN_REPO:-$HOME/.m2/repository}"
CP="$M/org/apache/pdfbox/pdfbox/3.0.7/pdfbox-3.0.7.jar"
CP="$CP:$M/org/apache/pdfbox/pdfbox-io/3.0.7/pdfbox-io-3.0.7.jar"
CP="$CP:$M/org/apache/pdfbox/fontbox/3.0.7/fontbox-3.0.7.jar"
CP="$CP:$M/commons-logging/commons-logging/1.3.5/commons-logging-1.3.5.jar"
for f in pdf-src/*.txt; do rm -f "$(basename "${f%.txt}").pdf"; done
java -cp "$CP" MakePdfs.java .
