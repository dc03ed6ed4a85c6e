"""Sanity checks for gen.py output: well-formed XML in OOXML/ODF, parseable zips/sqlite/pdf, negatives free of valid values."""
import base64, io, json, re, sqlite3, sys, zipfile, gzip, tarfile, tempfile, os
import xml.etree.ElementTree as ET
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen
gen.main()
HERE = gen.HERE

def payload(case):
    if "request" in case:
        raw = open(os.path.join(HERE, case["request"]), "rb").read()
        m = re.search(rb'filename="[^"]*"\r\nContent-Type: [^\r]*\r\n\r\n', raw)
        end = raw.rindex(b"\r\n--")
        return raw[m.end():end]
    body = json.loads(case["body"])
    s = json.dumps(body)
    m = re.search(r'"(?:data|blob|file_data|url|image_url)": "(?:data:[^;]+;base64,)?([A-Za-z0-9+/=]{40,})"', s)
    return base64.b64decode(m.group(1))

def check_zip(data, cid):
    z = zipfile.ZipFile(io.BytesIO(data))
    for n in z.namelist():
        d = z.read(n)
        if n.endswith((".xml", ".rels")):
            ET.fromstring(d)
        if n.endswith((".zip", ".docx")):
            check_zip(d, cid)

errs = 0
kinds = {}
for line in open(os.path.join(HERE, "manifest.jsonl")):
    c = json.loads(line)
    d = payload(c)
    try:
        if d[:2] == b"PK":
            check_zip(d, c["id"])
        elif d[:4] == b"%PDF":
            assert b"%%EOF" in d[-10:]
        elif d[:15] == b"SQLite format 3":
            p = tempfile.mktemp(); open(p, "wb").write(d)
            sqlite3.connect(p).execute("select * from sqlite_master").fetchall(); os.unlink(p)
        elif d[:2] == b"\x1f\x8b":
            x = gzip.decompress(d)
            if x[257:262] == b"ustar":
                tarfile.open(fileobj=io.BytesIO(d)).getmembers()
        elif c["id"].find("ipynb") >= 0:
            json.loads(d)
        kinds[d[:4]] = kinds.get(d[:4], 0) + 1
    except Exception as e:
        errs += 1
        print("BAD", c["id"], e)
print("payload magic counts", kinds)

# negatives: no valid values by accident
def luhn_hits(t):
    for m in re.finditer(r"(?<![\d])(?:\d[ -]?){12,18}\d(?![\d])", t):
        d = re.sub(r"\D", "", m.group())
        if 13 <= len(d) <= 19 and gen.luhn_ok(d) and d not in ("4111111111111111", "4242424242424242"):
            yield d
bad = 0
for it in gen.NEG_ALL:
    t = "\n".join(it["lines"]) + " " + (it["num"] or "")
    hits = list(luhn_hits(t))
    for m in re.finditer(r"\b([A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,4})?)\b", t):
        if gen.iban_ok(m.group(1)): hits.append(m.group(1))
    for m in re.finditer(r"\b(\d{3})-(\d{2})-(\d{4})\b", t):
        a, g, s = map(int, m.groups())
        if 0 < a < 900 and a != 666 and g and s and m.group() not in ("078-05-1120",): hits.append(m.group())
    for m in re.finditer(r"ghp_([A-Za-z0-9]{30})([A-Za-z0-9]{6})", t):
        if gen.b62(gen.zlib.crc32(m.group(1).encode()) & 0xFFFFFFFF) == m.group(2): hits.append("ghp")
    if re.search(r"AKIA[A-Z2-7]{16}", t) and "EXAMPLE" not in t: hits.append("akia")
    if re.search(r"sk_live_[A-Za-z0-9]{20,}", t) or re.search(r"xoxb-\d+-\d+-\w+", t) or "PRIVATE KEY" in t: hits.append("cred")
    if it["num"] and it["label"] == "Employee ID": pass
    if hits:
        bad += 1; print("NEG HIT", it["style"], hits)
print("xml/structure errors", errs, "negatives with valid values", bad, "negatives checked", len(gen.NEG_ALL))
