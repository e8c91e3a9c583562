"""Asks OSV (https://osv.dev) which package URLs in a CycloneDX SBOM have known vulnerabilities.

Usage: python3 osv_query.py target/bom.json    (exit 0: none known, 1: some listed, 2: could not ask)
"""
import json
import sys
import urllib.error
import urllib.request

BATCH = "https://api.osv.dev/v1/querybatch"
DETAIL = "https://api.osv.dev/v1/vulns/"


def post(url, body):
    req = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.load(r)


def get(url):
    with urllib.request.urlopen(url, timeout=60) as r:
        return json.load(r)


def main(path):
    with open(path) as f:
        purls = sorted({c["purl"].split("?")[0] for c in json.load(f).get("components", []) if c.get("purl")})
    found = {}
    try:
        for start in range(0, len(purls), 1000):
            chunk = purls[start:start + 1000]
            answer = post(BATCH, {"queries": [{"package": {"purl": p}} for p in chunk]})
            for purl, result in zip(chunk, answer.get("results", [])):
                ids = [v["id"] for v in result.get("vulns", [])]
                if ids:
                    found[purl] = ids
        print(f"{len(purls)} runtime packages checked against OSV; {len(found)} with known vulnerabilities")
        for purl, ids in sorted(found.items()):
            print(purl)
            for vid in ids:
                summary = get(DETAIL + vid).get("summary", "")
                print(f"    {vid}  {summary}")
    except (urllib.error.URLError, OSError) as e:
        print(f"error: could not ask OSV ({e}); this check needs network access to api.osv.dev", file=sys.stderr)
        return 2
    return 1 if found else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
