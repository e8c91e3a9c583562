#!/usr/bin/env python3
"""Quality checks for config/gazetteer/places/*.tsv (run after build_places.py).

    python3 tools/gazetteer/check_places.py [--places config/gazetteer/places]

Standard library only; needs no source packages. Exits non-zero when a check fails.
"""
import argparse
import math
import os
import re
import sys

HAN = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff·（）()]+$")


class Checker:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL: " + what)
        return ok


def read(path, columns, c):
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    c.check("\r" not in text, f"{path}: no carriage returns")
    lines = text.split("\n")
    c.check(lines[-1] == "", f"{path}: ends with a newline")
    c.check(lines[0] == "\t".join(columns), f"{path}: header is {columns}")
    rows = []
    for i, line in enumerate(lines[1:-1], start=2):
        f = line.split("\t")
        if not c.check(len(f) == len(columns), f"{path} line {i}: {len(f)} fields, expected {len(columns)}"):
            continue
        c.check(all(v == v.strip() for v in f), f"{path} line {i}: untrimmed field")
        rows.append(dict(zip(columns, f), _line=i))
    return rows


def coord_ok(lat, lon):
    try:
        a, b = float(lat), float(lon)
    except ValueError:
        return False
    return -90 <= a <= 90 and -180 <= b <= 180 and not (math.isnan(a) or math.isnan(b))


def km(a, b):
    (la1, lo1), (la2, lo2) = [(math.radians(x), math.radians(y)) for x, y in (a, b)]
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def main():
    ap = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--places", default=os.path.normpath(os.path.join(here, "../../config/gazetteer/places")))
    args = ap.parse_args()
    c = Checker()
    P = lambda n: os.path.join(args.places, n)  # noqa: E731

    # ---- countries
    countries = read(P("countries.tsv"), ["iso2", "name", "nameZh", "variants", "lat", "lon"], c)
    codes = [r["iso2"] for r in countries]
    c.check(len(codes) == len(set(codes)), "countries.tsv: every iso2 once")
    iso_tab = "/usr/share/zoneinfo/iso3166.tab"
    if os.path.exists(iso_tab):
        with open(iso_tab, encoding="utf-8") as f:
            iso = {l.split("\t")[0] for l in f if l.strip() and not l.startswith("#")}
        c.check(iso <= set(codes), f"countries.tsv: all ISO 3166-1 codes present (missing {sorted(iso - set(codes))})")
    c.check(240 <= len(codes) <= 260, f"countries.tsv: {len(codes)} rows, about 250 expected")
    for r in countries:
        where = f"countries.tsv line {r['_line']} ({r['iso2']})"
        c.check(re.fullmatch(r"[A-Z]{2}", r["iso2"]) is not None, where + ": iso2 is two capitals")
        c.check(bool(r["name"]) and bool(r["nameZh"]), where + ": name and nameZh present")
        c.check(HAN.match(r["nameZh"]) is not None, where + ": nameZh is Chinese")
        c.check(coord_ok(r["lat"], r["lon"]), where + ": coordinates parse")
        vs = [v for v in r["variants"].split("|") if v]
        c.check(len(vs) == len({v.lower() for v in vs}), where + ": variants unique")
        c.check(all(v == v.strip() and len(v) > 1 for v in vs), where + ": variants non-blank")
        c.check(not any(re.fullmatch(r"[A-Za-z]{2}", v) and v != "UK" for v in vs), where + ": no bare 2-letter code")
    byc = {r["iso2"]: r for r in countries}
    expect_variants = {
        "GB": ["UK", "Britain", "England", "大不列颠及北爱尔兰联合王国"], "US": ["USA", "U.S.", "美利坚合众国"],
        "AE": ["UAE", "阿联酋"], "CI": ["Ivory Coast", "Cote d'Ivoire"], "CD": ["DRC", "刚果民主共和国"],
        "CG": ["Congo-Brazzaville", "刚果（布）"], "KR": ["South Korea", "Korea", "韩国"], "KP": ["North Korea", "朝鲜"],
        "TW": ["Taiwan", "中国台湾"], "HK": ["Hong Kong", "中国香港"], "MO": ["Macao", "澳门"],
        "CN": ["PRC", "中华人民共和国", "中国大陆"], "MM": ["Burma", "缅甸"],
    }
    for code, want in expect_variants.items():
        r = byc.get(code, {})
        have = {r.get("name", "").lower(), r.get("nameZh", "").lower()} | {v.lower() for v in r.get("variants", "").split("|")}
        for w in want:
            c.check(w.lower() in have, f"countries.tsv {code}: has {w}")
    for demonym in ["British", "Chinese", "American", "Saudi", "Thai"]:
        c.check(all(demonym.lower() not in {v.lower() for v in r["variants"].split("|")} for r in countries),
                f"countries.tsv: no demonym {demonym}")

    # ---- cities
    cols = ["geonameid", "name", "asciiName", "nameZh", "altNames", "iso2", "admin1", "lat", "lon", "population"]
    cities = read(P("cities.tsv"), cols, c)
    ids = [r["geonameid"] for r in cities]
    c.check(len(ids) == len(set(ids)), "cities.tsv: geonameid unique")
    c.check(4000 <= len(cities) <= 5500, f"cities.tsv: {len(cities)} rows, 4,000-5,500 expected")
    c.check(os.path.getsize(P("cities.tsv")) < 1.5e6, "cities.tsv: under 1.5 MB")
    for r in cities:
        where = f"cities.tsv line {r['_line']} ({r['name']})"
        c.check(r["geonameid"].isdigit(), where + ": geonameid numeric")
        c.check(bool(r["name"]) and bool(r["asciiName"]), where + ": name and asciiName present")
        c.check(r["iso2"] in byc, where + f": country {r['iso2']} in countries.tsv")
        c.check(coord_ok(r["lat"], r["lon"]), where + ": coordinates parse")
        c.check(r["population"].isdigit(), where + ": population is a whole number")
        c.check(not r["nameZh"] or (HAN.match(r["nameZh"]) and len(r["nameZh"]) >= 2), where + ": nameZh Chinese, >= 2 chars")
        alts = [a for a in r["altNames"].split("|") if a]
        c.check(len(alts) <= 6, where + ": altNames short")
    zh = sum(1 for r in cities if r["nameZh"])
    print(f"cities.tsv: {len(cities)} rows, {zh} with nameZh")

    def find(name, iso2):
        return [r for r in cities if r["iso2"] == iso2 and name.lower() in (r["name"].lower(), r["asciiName"].lower())]

    spots = [  # name, iso2, approx lat, lon, min population, expected nameZh or None
        ("Nairobi", "KE", -1.29, 36.82, 1e6, "内罗毕"), ("Dubai", "AE", 25.2, 55.3, 1e6, "迪拜"),
        ("Kuala Lumpur", "MY", 3.14, 101.69, 1e6, "吉隆坡"), ("Johannesburg", "ZA", -26.2, 28.04, 1e6, "约翰内斯堡"),
        ("São Paulo", "BR", -23.55, -46.63, 1e7, "圣保罗"), ("Hyderabad", "IN", 17.38, 78.47, 1e6, None),
        ("Hyderabad", "PK", 25.39, 68.37, 1e6, None), ("Valencia", "ES", 39.47, -0.38, 5e5, None),
        ("Valencia", "VE", 10.16, -68.0, 5e5, None), ("Cambridge", "GB", 52.2, 0.12, 1e5, None),
        ("Cambridge", "US", 42.37, -71.11, 1e5, None), ("Shanghai", "CN", 31.22, 121.46, 1e7, "上海"),
        ("Mumbai", "IN", 19.07, 72.88, 1e7, "孟买"),
    ]
    for name, iso2, lat, lon, pop, name_zh in spots:
        rs = find(name, iso2)
        if not c.check(len(rs) >= 1, f"cities.tsv: {name} ({iso2}) present"):
            continue
        r = max(rs, key=lambda x: int(x["population"]))
        c.check(km((lat, lon), (float(r["lat"]), float(r["lon"]))) < 50, f"cities.tsv: {name} ({iso2}) within 50 km of {lat},{lon}")
        c.check(int(r["population"]) >= pop, f"cities.tsv: {name} ({iso2}) population >= {pop:,.0f}")
        if name_zh:
            c.check(r["nameZh"] == name_zh, f"cities.tsv: {name} ({iso2}) nameZh {name_zh} (got {r['nameZh']!r})")
    c.check(any("Bombay" in r["altNames"].split("|") for r in find("Mumbai", "IN")), "cities.tsv: Mumbai has altName Bombay")

    # ---- admin1 (optional)
    if os.path.exists(P("admin1.tsv")):
        admin = read(P("admin1.tsv"), ["code", "iso2", "admin1", "name", "nameZh"], c)
        c.check(len({r["code"] for r in admin}) == len(admin), "admin1.tsv: code unique")
        c.check(all(r["code"] == f"{r['iso2']}.{r['admin1']}" for r in admin), "admin1.tsv: code = iso2.admin1")

    # ---- ambiguous names
    with open(P("ambiguous-names.txt"), encoding="utf-8") as f:
        amb = [l.strip() for l in f if l.strip() and not l.startswith("#")]
    c.check(50 <= len(amb) <= 300, f"ambiguous-names.txt: {len(amb)} names, 50-300 expected")
    c.check(all(a == a.lower() for a in amb), "ambiguous-names.txt: lower case")
    c.check(len(amb) == len(set(amb)), "ambiguous-names.txt: no duplicates")

    print(f"{c.passed} passed, {c.failed} failed")
    sys.exit(1 if c.failed else 0)


if __name__ == "__main__":
    main()
