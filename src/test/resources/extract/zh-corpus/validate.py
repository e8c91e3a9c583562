#!/usr/bin/env python3
"""Validate the zh extraction corpus in this directory.

Checks per page NAME:
  * NAME.html, NAME.txt, NAME.json all exist
  * NAME.json parses, has the required fields with allowed values
  * the charset is declared somewhere (HTTP contentType in the json and/or <meta>); where both exist they agree
  * NAME.html decodes strictly in the declared charset (gb2312 is also tried as gbk, as browsers do)
  * NAME.txt is non-empty UTF-8; every paragraph (blank-line separated) occurs verbatim in the page's visible
    text after HTML decoding (whitespace runs, incl. U+3000 and NBSP, compared as one space; script/style/head excluded)
  * the title occurs in the visible text and is not repeated as a .txt paragraph
  * a non-null "published" date appears in the page in some common Chinese/ISO format
  * split counts: exactly one third heldout (rounded), spread over kinds and encodings
Usage: python3 validate.py [DIR]
"""
import glob, html, json, os, re, sys
from collections import Counter
from html.parser import HTMLParser

KINDS = {"news", "company", "government", "tender", "aggregator", "industry", "traditional"}
BLOCK = {"p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "tbody", "thead",
         "section", "article", "header", "footer", "nav", "aside", "main", "figure", "figcaption", "blockquote", "form", "hr",
         "hgroup", "center", "pre", "address", "fieldset", "legend", "caption", "option", "textarea"}
SKIP = {"script", "style", "noscript", "template", "head", "title"}
CODEC = {"gb2312": "gbk", "gbk": "gbk", "gb18030": "gb18030", "big5": "big5", "utf-8": "utf-8", "utf8": "utf-8"}


class Visible(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skip += 1
        elif tag in ("td", "th"):
            self.out.append("\t")
        elif tag in BLOCK:
            self.out.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in ("br", "hr"):
            self.out.append("\n")

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in ("td", "th"):
            self.out.append("\t")
        elif tag in BLOCK:
            self.out.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def norm(s):
    return re.sub(r"[\s\u3000\xa0]+", " ", s).strip()


def sniff_meta(raw):
    head = raw[:4096].decode("ascii", "ignore")
    m = re.search(r'<meta[^>]+charset\s*=\s*["\']?([\w-]+)', head, re.I)
    return m.group(1).lower() if m else None


def date_forms(d):
    y, m, dd = d.split("-")
    mi, di = int(m), int(dd)
    return [f"{y}-{m}-{dd}", f"{y}年{m}月{dd}日", f"{y}年{mi}月{di}日", f"{y}/{m}/{dd}", f"{y}/{mi}/{di}", f"{y}.{m}.{dd}",
            f"{y}-{mi}-{di}"]


def main(d):
    problems, rows = [], []
    names = sorted(os.path.basename(p)[:-5] for p in glob.glob(os.path.join(d, "*.html")))
    for n in names:
        base = os.path.join(d, n)
        for ext in (".txt", ".json"):
            if not os.path.exists(base + ext):
                problems.append(f"{n}: missing {ext}")
        try:
            meta = json.load(open(base + ".json", encoding="utf-8"))
        except Exception as e:
            problems.append(f"{n}: json does not parse: {e}"); continue
        for k in ("url", "contentType", "title", "published", "lang", "split", "kind"):
            if k not in meta:
                problems.append(f"{n}: json lacks {k}")
        if meta.get("kind") not in KINDS: problems.append(f"{n}: bad kind {meta.get('kind')}")
        if meta.get("split") not in ("dev", "heldout"): problems.append(f"{n}: bad split")
        if meta.get("lang") != "zh": problems.append(f"{n}: lang != zh")
        if meta.get("published") is not None and not re.fullmatch(r"\d{4}-\d\d-\d\d", meta["published"]):
            problems.append(f"{n}: bad published {meta['published']}")
        if not re.fullmatch(r"[a-z0-9-]+", n): problems.append(f"{n}: file name not lowercase ascii/hyphen")
        raw = open(base + ".html", "rb").read()
        hm = re.search(r"charset=([\w-]+)", meta.get("contentType", ""), re.I)
        header_cs = hm.group(1).lower() if hm else None
        meta_cs = sniff_meta(raw)
        if not header_cs and not meta_cs:
            problems.append(f"{n}: no charset declared anywhere")
            continue
        if header_cs and meta_cs and CODEC.get(header_cs) != CODEC.get(meta_cs):
            problems.append(f"{n}: header charset {header_cs} != meta charset {meta_cs}")
        label = header_cs or meta_cs
        try:
            text = raw.decode(CODEC[label])
        except (UnicodeDecodeError, KeyError) as e:
            problems.append(f"{n}: does not decode as {label}: {e}"); continue
        if label == "gb2312":
            try:
                if raw.decode("gb2312") != text:
                    problems.append(f"{n}: gb2312 and gbk decodings differ")
            except UnicodeDecodeError:
                problems.append(f"{n}: not strict gb2312 (decodes only as gbk)")
        v = Visible(); v.feed(text); v.close()
        vis = norm("".join(v.out))
        gold = open(base + ".txt", encoding="utf-8").read()
        paras = [p for p in re.split(r"\n\s*\n", gold) if p.strip()]
        if not paras:
            problems.append(f"{n}: empty txt")
        for i, p in enumerate(paras):
            if norm(p) not in vis:
                problems.append(f"{n}: paragraph {i + 1} not found verbatim in visible text: {p[:40]!r}")
        if norm(meta.get("title", "")) not in vis:
            problems.append(f"{n}: title not in visible text")
        if any(norm(p) == norm(meta.get("title", "")) for p in paras):
            problems.append(f"{n}: title repeated in txt")
        if meta.get("published"):
            if not any(f in text for f in date_forms(meta["published"])):
                problems.append(f"{n}: published date {meta['published']} not found in page")
        decl = ("header+meta" if header_cs and meta_cs else "header only" if header_cs else "meta only")
        rows.append((n, meta.get("kind"), label, decl, meta.get("split"), len(paras), len(gold), raw.count(b"\n") + 1))

    print(f"{'file':48} {'kind':12} {'charset':8} {'declared in':12} {'split':8} {'paras':>5} {'chars':>6} {'lines':>6}")
    for r in rows:
        print(f"{r[0]:48} {r[1]:12} {r[2]:8} {r[3]:12} {r[4]:8} {r[5]:5d} {r[6]:6d} {r[7]:6d}")
    print()
    total = len(rows)
    print("pages:", total)
    print("by kind:", dict(Counter(r[1] for r in rows)))
    print("by charset:", dict(Counter(r[2] for r in rows)))
    print("by declaration:", dict(Counter(r[3] for r in rows)))
    print("by split:", dict(Counter(r[4] for r in rows)))
    print("heldout by kind:", dict(Counter(r[1] for r in rows if r[4] == "heldout")))
    print("heldout by charset:", dict(Counter(r[2] for r in rows if r[4] == "heldout")))
    print("null published:", [r[0] for r in rows if json.load(open(os.path.join(d, r[0] + ".json")))["published"] is None])
    held = sum(1 for r in rows if r[4] == "heldout")
    if held != round(total / 3):
        problems.append(f"heldout count {held} != one third of {total}")
    gbk = sum(1 for r in rows if r[2] in ("gbk", "gb2312", "gb18030"))
    big5 = sum(1 for r in rows if r[2] == "big5")
    if total < 36: problems.append(f"only {total} pages")
    if gbk < 8: problems.append(f"only {gbk} GBK/GB2312 pages")
    if big5 < 4: problems.append(f"only {big5} Big5 pages")
    if not any(r[3] == "header only" for r in rows): problems.append("no page with charset only in the HTTP header")
    print()
    if problems:
        print(f"PROBLEMS ({len(problems)}):")
        for p in problems:
            print("  -", p)
        return 1
    print("OK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))))
