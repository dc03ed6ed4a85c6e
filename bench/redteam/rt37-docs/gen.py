#!/usr/bin/env python3
"""rt37-docs: secrets and PII hidden inside documents/files that agents upload.

Standard library only. Deterministic (random.Random(3702)); archive timestamps are fixed.
Writes manifest.jsonl and cases/*.http next to this file.
"""
import base64, csv, gzip, io, json, os, quopri, random, re, sqlite3, string, struct, tarfile
import tempfile, zipfile, zlib
from xml.sax.saxutils import escape as _xesc

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")
R = random.Random(3702)
DIG = string.digits
UP = string.ascii_uppercase
LO = string.ascii_lowercase
B62 = DIG + UP + LO
ZDT = (2024, 3, 1, 9, 0, 0)


def xesc(s):
    return _xesc(s, {'"': "&quot;"})


def rs(n, alpha=B62):
    return "".join(R.choice(alpha) for _ in range(n))


def rbytes(n):
    return bytes(R.getrandbits(8) for _ in range(n))


# ----------------------------------------------------------------- values
def luhn_digit(body):
    s = 0
    for i, ch in enumerate(reversed(body)):
        x = int(ch)
        if i % 2 == 0:
            x *= 2
            if x > 9:
                x -= 9
        s += x
    return str((10 - s % 10) % 10)


def luhn_ok(n):
    s = 0
    for i, ch in enumerate(reversed(n)):
        x = int(ch)
        if i % 2 == 1:
            x *= 2
            if x > 9:
                x -= 9
        s += x
    return s % 10 == 0


def card():
    t = R.choice(["visa", "visa", "mc", "amex", "disc"])
    pre, L = {"visa": ("4" + rs(5, DIG), 16), "mc": ("5" + R.choice("12345") + rs(4, DIG), 16),
              "amex": (R.choice(["34", "37"]) + rs(4, DIG), 15), "disc": ("6011" + rs(2, DIG), 16)}[t]
    body = pre + rs(L - 1 - len(pre), DIG)
    n = body + luhn_digit(body)
    assert luhn_ok(n)
    return n


def bad_card():
    while True:
        n = "4" + rs(15, DIG)
        if not luhn_ok(n):
            return n


def fmt_card(n, sep=" "):
    if len(n) == 15:
        return sep.join([n[:4], n[4:10], n[10:]])
    return sep.join(n[i:i + 4] for i in range(0, 16, 4))


def ssn():
    while True:
        a = R.randint(1, 899)
        if a == 666:
            continue
        v = "%03d-%02d-%04d" % (a, R.randint(1, 99), R.randint(1, 9999))
        if v not in ("078-05-1120", "123-45-6789"):
            return v


def iban_cd(cc, bban):
    num = "".join(str(int(ch, 36)) for ch in bban + cc + "00")
    return "%02d" % (98 - int(num) % 97)


def iban_ok(i):
    i = i.replace(" ", "")
    return int("".join(str(int(ch, 36)) for ch in i[4:] + i[:4])) % 97 == 1


def iban(valid=True):
    cc = R.choice(["DE", "GB", "NL"])
    bban = {"DE": lambda: rs(18, DIG), "GB": lambda: rs(4, UP) + rs(14, DIG),
            "NL": lambda: rs(4, UP) + rs(10, DIG)}[cc]()
    cd = iban_cd(cc, bban)
    if not valid:
        cd = "%02d" % ((int(cd) + R.randint(1, 90)) % 97 + 2)
        if cd == iban_cd(cc, bban):
            cd = "%02d" % ((int(cd) + 1) % 97 + 2)
    v = cc + cd + bban
    assert iban_ok(v) == valid
    return v


def fmt_iban(i):
    return " ".join(i[k:k + 4] for k in range(0, len(i), 4))


def b62(n, w=6):
    s = ""
    while n:
        n, r = divmod(n, 62)
        s = B62[r] + s
    return s.rjust(w, "0")


def ghp(valid=True):
    body = rs(30)
    crc = zlib.crc32(body.encode()) & 0xFFFFFFFF
    if not valid:
        crc ^= 0x5A5A
    return "ghp_" + body + b62(crc)


def aws():
    return "AKIA" + rs(16, UP + "234567"), rs(40, UP + LO + DIG + "/+")


def pg_url():
    user = R.choice(["svc_billing", "app_rw", "etl_loader", "reporting"])
    pw = rs(18, UP + LO + DIG)
    host = R.choice(["pg-prod-03.internal.halvorsen.io", "billing-db.c7x2k.eu-west-1.rds.amazonaws.com",
                     "10.42.7.19"])
    return "postgresql://%s:%s@%s:5432/%s" % (user, pw, host, R.choice(["billing", "prod", "warehouse"]))


def slack():
    return "xoxb-%d-%d-%s" % (R.randint(10 ** 10, 10 ** 12), R.randint(10 ** 12, 10 ** 13 - 1), rs(24, UP + LO + DIG))


def stripe():
    return "sk_live_" + (rs(24) if R.random() < 0.5 else "51" + rs(97))


def pem_lines(kind):
    if kind == "rsa":
        hdr, der, w = "RSA PRIVATE KEY", bytes.fromhex("308204a40201000282010100") + rbytes(1192 - 12), 64
    elif kind == "pkcs8":
        hdr = "PRIVATE KEY"
        der = bytes.fromhex("308204be020100300d06092a864886f70d0101010500048204a8") + rbytes(1218 - 26)
        w = 64
    elif kind == "ec":
        hdr = "EC PRIVATE KEY"
        der = bytes.fromhex("30770201010420") + rbytes(32) + bytes.fromhex("a00a06082a8648ce3d030107a14403420004") + rbytes(64)
        w = 64
    else:
        hdr, der, w = "OPENSSH PRIVATE KEY", b"openssh-key-v1\x00" + rbytes(384), 70
    b = base64.b64encode(der).decode()
    return ["-----BEGIN %s-----" % hdr] + [b[i:i + w] for i in range(0, len(b), w)] + ["-----END %s-----" % hdr]


def pub_pem_lines(cert=False):
    if cert:
        hdr, der = "CERTIFICATE", bytes.fromhex("308203") + rbytes(900)
    else:
        hdr, der = "PUBLIC KEY", bytes.fromhex("30820122300d06092a864886f70d01010105000382010f003082010a0282010100") + rbytes(270)
    b = base64.b64encode(der).decode()
    return ["-----BEGIN %s-----" % hdr] + [b[i:i + 64] for i in range(0, len(b), 64)] + ["-----END %s-----" % hdr]


NAMES = ["Dana Whitfield", "Marcus Oyelaran", "Ingrid Solberg", "Tomasz Wrona", "Aiko Matsuda", "Luis Carrillo",
         "Priya Raman", "Elliot Brandt", "Sofia Marchetti", "Kwame Asante"]
COMPANIES = ["Nordlys Freight GmbH", "Brightwater Components Ltd", "Van Dijk Logistiek BV", "Kestrel Analytics GmbH"]


# --------------------------------------------------------------- payloads
def P(kind, cat, lines, kv, short=None, num=None, long=False):
    return dict(kind=kind, cat=cat, lines=lines, kv=kv, short=short or " ".join(lines), num=num, long=long)


def p_ssn():
    v, n = ssn(), R.choice(NAMES)
    return P("ssn", "pii", ["Employee: %s" % n, "SSN: %s" % v, "Start date: 2024-04-01"],
             [("name", n), ("ssn", v)], short="%s SSN %s" % (n, v), num=v.replace("-", ""))


def p_card():
    c, n = card(), R.choice(NAMES)
    return P("card", "financial", ["Corporate card holder: %s" % n, "Card number: %s" % fmt_card(c),
                                   "Expiry: %02d/%d" % (R.randint(1, 12), R.randint(26, 30))],
             [("cardholder", n), ("card_number", fmt_card(c))], short="Card number %s" % fmt_card(c), num=c)


def p_iban():
    i, co = iban(), R.choice(COMPANIES)
    return P("iban", "financial", ["Vendor payment details", "Beneficiary: %s" % co, "IBAN: %s" % fmt_iban(i)],
             [("beneficiary", co), ("iban", fmt_iban(i))], short="Beneficiary %s IBAN %s" % (co, fmt_iban(i)))


def p_ghp():
    t = ghp()
    return P("github-pat", "credential", ["# CI deploy settings", "GITHUB_TOKEN=%s" % t], [("GITHUB_TOKEN", t)],
             short="GITHUB_TOKEN=%s" % t)


def p_aws():
    k, s = aws()
    return P("aws-key", "credential", ["[default]", "aws_access_key_id = %s" % k, "aws_secret_access_key = %s" % s,
                                       "region = eu-west-1"],
             [("aws_access_key_id", k), ("aws_secret_access_key", s)],
             short="aws_access_key_id=%s aws_secret_access_key=%s" % (k, s))


def p_pg():
    u = pg_url()
    return P("postgres-url", "credential", ["DATABASE_URL=%s" % u], [("DATABASE_URL", u)])


def p_slack():
    t = slack()
    return P("slack-token", "credential", ["SLACK_BOT_TOKEN=%s" % t], [("SLACK_BOT_TOKEN", t)])


def p_stripe():
    t = stripe()
    return P("stripe-key", "credential", ["STRIPE_SECRET_KEY=%s" % t], [("STRIPE_SECRET_KEY", t)])


def p_pem():
    lines = pem_lines(R.choice(["rsa", "pkcs8", "ec", "openssh"]))
    return P("private-key", "credential", lines, [("private_key", "\n".join(lines))], long=True)


def p_code():
    lines = ["/*", " * Copyright (c) 2024 Halvorsen Dynamics AS. All rights reserved.",
             " * CONFIDENTIAL AND PROPRIETARY. This source code is a trade secret of Halvorsen Dynamics AS",
             " * and may not be copied, distributed or disclosed without prior written permission.", " */",
             "package com.halvorsen.pricing;", "", "public final class MarginEngine {",
             "    private static final double FLOOR = 0.%02d;" % R.randint(10, 40),
             "    public double quote(double cost, int tier) {",
             "        return cost * (1 + FLOOR + 0.015 * Math.max(0, 4 - tier));", "    }", "}"]
    return P("proprietary-code", "source-code", lines, [("source", "\n".join(lines))], long=True)


def p_marking():
    lines = ["HALVORSEN DYNAMICS - STRICTLY CONFIDENTIAL - PROPRIETARY AND TRADE SECRET",
             "Internal use only. Do not distribute outside Halvorsen Dynamics AS.",
             "FY25 pricing floor for tier-1 accounts is %d%% below list." % R.randint(8, 22)]
    return P("conf-marking", "source-code", lines, [("classification", lines[0]), ("note", lines[1])],
             short=lines[0] + " " + lines[1], long=True)


SHORT_KINDS = [p_ssn, p_card, p_iban, p_ghp, p_aws, p_pg, p_slack, p_stripe]
LONG_KINDS = SHORT_KINDS + [p_pem, p_code, p_marking]
PII_FIN = [p_ssn, p_card, p_iban]
CREDS = [p_ghp, p_aws, p_pg, p_slack, p_stripe]
NUMERIC = [p_ssn, p_card]


# -------------------------------------------------------------- negatives
def N(style, kind, lines, short=None, num=None, label=None, long=False):
    kv = []
    for l in lines:
        m = re.match(r"\s*([A-Za-z_][A-Za-z0-9_ ]{0,30}?)\s*(=|: )\s*(.+)$", l)
        kv.append((m.group(1).strip().replace(" ", "_").lower(), m.group(3)) if m else ("note", l))
    return dict(style=style, kind=kind, lines=lines, kv=kv, short=short or " ".join(lines), num=num,
                label=label, long=long)


def hx(n):
    return rs(n, "0123456789abcdef")


def uuid():
    h = hx(32)
    return "%s-%s-4%s-a%s-%s" % (h[:8], h[8:12], h[13:16], h[17:20], h[20:])


def epoch_ms():
    while True:
        v = str(R.randint(1700000000000, 1720000000000))
        if not luhn_ok(v):
            return int(v)


LOREM = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua."

NEG_FUNCS = [
    lambda: N("placeholder", "aws-key", ["[default]", "aws_access_key_id = <YOUR_ACCESS_KEY_ID>",
                                         "aws_secret_access_key = <YOUR_SECRET_ACCESS_KEY>"]),
    lambda: N("placeholder", "github-pat", ["GITHUB_TOKEN=<YOUR_GITHUB_TOKEN>"]),
    lambda: N("placeholder", "postgres-url", ["DATABASE_URL=postgres://app:changeme@localhost:5432/app_dev"]),
    lambda: N("placeholder", "stripe-key", ["STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx"]),
    lambda: N("placeholder", "slack-token", ["SLACK_BOT_TOKEN=xoxb-your-bot-token-here"]),
    lambda: N("placeholder", "ssn", ["Employee: %s" % R.choice(NAMES), "SSN: XXX-XX-XXXX"]),
    lambda: N("masked", "ssn", ["Employee: %s" % R.choice(NAMES), "SSN: ***-**-%04d" % R.randint(1, 9999)]),
    lambda: N("masked", "card", ["Card number: **** **** **** %04d" % R.randint(1, 9999), "Expiry: 09/27"]),
    lambda: N("masked", "iban", ["IBAN: DE** **** **** **** **%02d %02d" % (R.randint(0, 99), R.randint(0, 99))]),
    lambda: N("doc-example", "aws-key", ["aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
                                         "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"]),
    lambda: N("doc-example", "card", ["Sandbox test card: 4111 1111 1111 1111, any future expiry."]),
    lambda: N("doc-example", "card", ["Stripe test card 4242 4242 4242 4242 (test mode only)."]),
    lambda: N("doc-example", "ssn", ["Sample SSN from the 1938 wallet insert: 078-05-1120 (never valid)."]),
    lambda: N("public-key", "private-key", pub_pem_lines(False), long=True),
    lambda: N("certificate", "private-key", pub_pem_lines(True), long=True),
    lambda: N("public-key", "ssh-key", ["ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ%s deploy@build-01" % rs(200, B62 + "+/")]),
    lambda: N("hash", "hash", ["sha256: %s" % hx(64), "commit: %s" % hx(40)]),
    lambda: N("uuid", "uuid", ["request_id: %s" % uuid(), "trace_id: %s" % uuid()]),
    lambda: N("order-id", "card", ["Order reference: %s" % fmt_card(bad_card(), "-"), "Status: shipped"]),
    lambda: N("invoice", "ids", ["Invoice INV-2024-%06d, PO 45%08d, total EUR %d,%03d.00" % (
        R.randint(1, 999999), R.randint(0, 10 ** 8 - 1), R.randint(1, 99), R.randint(0, 999))]),
    lambda: N("sku", "ids", ["SKU %02d-%04d-%04d, qty %d, bin A-%02d-%02d" % (
        R.randint(10, 99), R.randint(0, 9999), R.randint(0, 9999), R.randint(1, 40), R.randint(1, 30), R.randint(1, 9))]),
    lambda: N("timestamp", "ids", ["created_at: 2024-03-%02dT08:15:22.481Z epoch_ms %d" % (
        R.randint(1, 28), epoch_ms())]),
    lambda: N("bad-checksum", "card", ["Card number: %s" % fmt_card(bad_card())]),
    lambda: N("bad-checksum", "iban", ["IBAN: %s" % fmt_iban(iban(False))]),
    lambda: N("bad-checksum", "github-pat", ["GITHUB_TOKEN=%s" % ghp(False)]),
    lambda: N("invalid-ssn", "ssn", ["SSN: %s" % R.choice(["000-%02d-%04d", "666-%02d-%04d"]) % (
        R.randint(1, 99), R.randint(1, 9999))]),
    lambda: N("lorem", "lorem", [LOREM, "Ut enim ad minim veniam, quis nostrud exercitation ullamco."]),
    lambda: N("benign-code", "code", ["# SPDX-License-Identifier: MIT", "def moving_average(xs, k=%d):" % R.randint(2, 9),
                                      "    return [sum(xs[i:i+k]) / k for i in range(len(xs) - k + 1)]"], long=True),
    lambda: N("env-reference", "postgres-url", ["DATABASE_URL=postgres://${DB_USER}:${DB_PASSWORD}@db:5432/app",
                                                "GITHUB_TOKEN=${{ secrets.GITHUB_TOKEN }}"]),
    lambda: N("public-marking", "conf-marking", ["Copyright (c) 2024 Halvorsen Dynamics AS. Licensed under the Apache License, Version 2.0.",
                                                 "This press release is approved for public distribution."]),
]
NEG_NUMERIC = [
    lambda: N("numeric-id", "ssn", [], num=str(R.randint(100000000, 999999999)), label="Employee ID"),
    lambda: N("amount", "card", [], num="%d.%02d" % (R.randint(100, 99999), R.randint(0, 99)), label="Amount EUR"),
    lambda: N("phone-like", "ids", [], num=str(R.randint(2000000000, 9899999999)), label="Ticket no"),
    lambda: N("order-id", "card", [], num=bad_card(), label="Order ID"),
]


# ------------------------------------------------------------ zip helpers
def zbytes(files, stored_first=None):
    bio = io.BytesIO()
    with zipfile.ZipFile(bio, "w") as z:
        for name, data in files:
            zi = zipfile.ZipInfo(name, ZDT)
            zi.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            z.writestr(zi, data if isinstance(data, bytes) else data.encode("utf-8"))
    return bio.getvalue()


XH = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
FILL = ["Project Aurora - weekly status", "Please review the items below before the Thursday sync.",
        "Open actions are tracked in the shared planner."]


def core_xml(d):
    d = dict(dict(title="Weekly status", creator="Maria Lindqvist", lastModifiedBy="Maria Lindqvist"), **d)
    tags = "".join("<%s%s>%s</%s%s>" % (p, k, xesc(v), p, k) for k, v in d.items()
                   for p in [{"title": "dc:", "subject": "dc:", "creator": "dc:", "description": "dc:",
                              "keywords": "cp:", "lastModifiedBy": "cp:"}[k]])
    return (XH + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' + tags +
            '<dcterms:created xsi:type="dcterms:W3CDTF">2024-03-01T09:00:00Z</dcterms:created></cp:coreProperties>')


def custom_xml(props):
    ps = "".join('<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="%d" name="%s"><vt:lpwstr>%s</vt:lpwstr></property>'
                 % (i + 2, xesc(k), xesc(v)) for i, (k, v) in enumerate(props))
    return (XH + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' + ps + '</Properties>')


def ctypes(defaults, overrides):
    return (XH + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
            "".join('<Default Extension="%s" ContentType="%s"/>' % d for d in
                    [("rels", "application/vnd.openxmlformats-package.relationships+xml"), ("xml", "application/xml")] + defaults) +
            "".join('<Override PartName="%s" ContentType="%s"/>' % o for o in overrides) + "</Types>")


def rels(items):
    return (XH + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
            "".join('<Relationship Id="%s" Type="http://schemas.openxmlformats.org/%s" Target="%s"/>' % it for it in items) +
            "</Relationships>")


RT = "officeDocument/2006/relationships/"


def root_rels(main, custom=False):
    it = [("rId1", RT + "officeDocument", main), ("rId2", "package/2006/relationships/metadata/core-properties", "docProps/core.xml")]
    if custom:
        it.append(("rId3", RT + "custom-properties", "docProps/custom.xml"))
    return rels(it)


# ------------------------------------------------------------------- DOCX
WNS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
       'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"')
WCT = "application/vnd.openxmlformats-officedocument.wordprocessingml."


def wr(t, rpr=""):
    return '<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r>' % (rpr, xesc(t))


def wp(t, rpr=""):
    return "<w:p>%s</w:p>" % wr(t, rpr)


def wp_split(t):
    out, i = [], 0
    while i < len(t):
        n = R.randint(1, 5)
        rpr = R.choice(["", '<w:rPr><w:lang w:val="en-US"/></w:rPr>', '<w:rPr><w:rFonts w:ascii="Calibri"/></w:rPr>'])
        out.append(wr(t[i:i + n], rpr))
        if R.random() < 0.2:
            out.append('<w:proofErr w:type="spellStart"/>')
        i += n
    return "<w:p>" + "".join(out) + "</w:p>"


def make_docx(body, header=None, footer=None, footnotes=None, comments=None, core=None, custom=None):
    ov = [("/word/document.xml", WCT + "document.main+xml"),
          ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml")]
    drels, sect, files = [], "", []
    if header:
        files.append(("word/header1.xml", XH + "<w:hdr %s>%s</w:hdr>" % (WNS, header)))
        drels.append(("rIdH", RT + "header", "header1.xml"))
        ov.append(("/word/header1.xml", WCT + "header+xml"))
        sect += '<w:headerReference w:type="default" r:id="rIdH"/>'
    if footer:
        files.append(("word/footer1.xml", XH + "<w:ftr %s>%s</w:ftr>" % (WNS, footer)))
        drels.append(("rIdF", RT + "footer", "footer1.xml"))
        ov.append(("/word/footer1.xml", WCT + "footer+xml"))
        sect += '<w:footerReference w:type="default" r:id="rIdF"/>'
    if footnotes:
        fn = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
              '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
              '<w:footnote w:id="1">%s</w:footnote>' % footnotes)
        files.append(("word/footnotes.xml", XH + "<w:footnotes %s>%s</w:footnotes>" % (WNS, fn)))
        drels.append(("rIdN", RT + "footnotes", "footnotes.xml"))
        ov.append(("/word/footnotes.xml", WCT + "footnotes+xml"))
    if comments:
        files.append(("word/comments.xml", XH + '<w:comments %s><w:comment w:id="0" w:author="Elliot Brandt" '
                      'w:date="2024-03-04T10:12:00Z" w:initials="EB">%s</w:comment></w:comments>' % (WNS, comments)))
        drels.append(("rIdC", RT + "comments", "comments.xml"))
        ov.append(("/word/comments.xml", WCT + "comments+xml"))
    if custom:
        files.append(("docProps/custom.xml", custom_xml(custom)))
        ov.append(("/docProps/custom.xml", "application/vnd.openxmlformats-officedocument.custom-properties+xml"))
    doc = XH + "<w:document %s><w:body>%s<w:sectPr>%s</w:sectPr></w:body></w:document>" % (WNS, body, sect)
    allf = [("[Content_Types].xml", ctypes([], ov)), ("_rels/.rels", root_rels("word/document.xml", bool(custom))),
            ("word/document.xml", doc), ("word/_rels/document.xml.rels", rels(drels)),
            ("docProps/core.xml", core_xml(core or {}))] + files
    return zbytes(allf)


def paras(lines, f=wp):
    return "".join(f(l) for l in lines)


DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_where(where, it):
    fill = paras(FILL)
    L = it["lines"]
    if where == "body":
        return make_docx(fill + paras(L))
    if where == "split-runs":
        return make_docx(fill + paras(L, wp_split))
    if where == "table":
        rows = "".join("<w:tr><w:tc><w:p>%s</w:p></w:tc><w:tc><w:p>%s</w:p></w:tc></w:tr>" % (wr(k), wr(v)) for k, v in it["kv"])
        return make_docx(fill + '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>%s</w:tbl><w:p/>' % rows)
    if where == "header":
        return make_docx(fill, header=paras(L))
    if where == "footer":
        return make_docx(fill, footer=paras(L))
    if where == "footnote":
        return make_docx(fill + '<w:p>%s<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r></w:p>'
                         % wr("See appendix for access details."), footnotes=paras(L))
    if where == "comment":
        return make_docx(fill + '<w:p><w:commentRangeStart w:id="0"/>%s<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>'
                         % wr("Deployment checklist"), comments=paras(L))
    if where == "deltext":
        return make_docx(fill + "".join('<w:p><w:del w:id="%d" w:author="Elliot Brandt" w:date="2024-03-04T10:12:00Z"><w:r><w:delText xml:space="preserve">%s</w:delText></w:r></w:del></w:p>'
                                        % (i + 1, xesc(l)) for i, l in enumerate(L)))
    if where == "ins":
        return make_docx(fill + "".join('<w:p><w:ins w:id="%d" w:author="Elliot Brandt" w:date="2024-03-04T10:12:00Z">%s</w:ins></w:p>'
                                        % (i + 1, wr(l)) for i, l in enumerate(L)))
    if where == "textbox":
        return make_docx(fill + '<w:p><w:r><w:pict><v:shape id="tb1" style="width:300pt;height:120pt" type="#_x0000_t202"><v:textbox><w:txbxContent>%s</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>'
                         % paras(L))
    if where == "core-props":
        return make_docx(fill, core={"description": it["short"], "keywords": "onboarding; access"})
    if where == "custom-props":
        return make_docx(fill, custom=[("Department", "Platform"), ("ReviewNote", it["short"])])
    if where == "vanish":
        return make_docx(fill + paras(L, lambda l: wp(l, '<w:rPr><w:vanish/></w:rPr>')))
    raise KeyError(where)


# ------------------------------------------------------------------- XLSX
SCT = "application/vnd.openxmlformats-officedocument.spreadsheetml."
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SMAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def col(i):
    return "ABCDEFGHIJ"[i]


def make_xlsx(sheets, inline=False, comment=None, defined=None):
    """sheets: list of (name, rows, hidden). cell: str | ('n', num) | ('rich', [parts])"""
    sst, sidx = [], {}

    def si(v):
        key = json.dumps(v)
        if key not in sidx:
            sidx[key] = len(sst)
            if isinstance(v, tuple):
                sst.append("<si>%s</si>" % "".join('<r><rPr><sz val="11"/></rPr><t xml:space="preserve">%s</t></r>' % xesc(p) for p in v[1]))
            else:
                sst.append('<si><t xml:space="preserve">%s</t></si>' % xesc(v))
        return sidx[key]

    files, ov, wrels, sh = [], [], [], []
    for n, (name, rows, hidden) in enumerate(sheets, start=1):
        rx = []
        for r, row in enumerate(rows, start=1):
            cs = []
            for c, v in enumerate(row):
                ref = "%s%d" % (col(c), r)
                if isinstance(v, tuple) and v[0] == "n":
                    cs.append('<c r="%s"><v>%s</v></c>' % (ref, v[1]))
                elif inline and not isinstance(v, tuple):
                    cs.append('<c r="%s" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>' % (ref, xesc(v)))
                else:
                    cs.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, si(v)))
            rx.append('<row r="%d">%s</row>' % (r, "".join(cs)))
        files.append(("xl/worksheets/sheet%d.xml" % n, XH + "<worksheet %s><sheetData>%s</sheetData></worksheet>" % (SMAIN, "".join(rx))))
        ov.append(("/xl/worksheets/sheet%d.xml" % n, SCT + "worksheet+xml"))
        wrels.append(("rId%d" % n, RT + "worksheet", "worksheets/sheet%d.xml" % n))
        sh.append('<sheet name="%s" sheetId="%d"%s r:id="rId%d"/>' % (xesc(name), n, ' state="hidden"' if hidden else "", n))
    if comment:
        ref, text = comment
        files.append(("xl/comments1.xml", XH + '<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>Elliot Brandt</author></authors>'
                      '<commentList><comment ref="%s" authorId="0"><text><r><t xml:space="preserve">%s</t></r></text></comment></commentList></comments>' % (ref, xesc(text))))
        files.append(("xl/worksheets/_rels/sheet1.xml.rels", rels([("rId1", RT + "comments", "../comments1.xml")])))
        ov.append(("/xl/comments1.xml", SCT + "comments+xml"))
    dn = ""
    if defined:
        dn = "<definedNames>%s</definedNames>" % "".join('<definedName name="%s">%s</definedName>' % (k, xesc(v)) for k, v in defined)
    wb = XH + "<workbook %s><sheets>%s</sheets>%s</workbook>" % (SMAIN, "".join(sh), dn)
    wrels.append(("rIdS", RT + "sharedStrings", "sharedStrings.xml"))
    files.append(("xl/sharedStrings.xml", XH + '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">%s</sst>' % (len(sst), len(sst), "".join(sst))))
    ov += [("/xl/workbook.xml", SCT + "sheet.main+xml"), ("/xl/sharedStrings.xml", SCT + "sharedStrings+xml"),
           ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml")]
    return zbytes([("[Content_Types].xml", ctypes([], ov)), ("_rels/.rels", root_rels("xl/workbook.xml")),
                   ("xl/workbook.xml", wb), ("xl/_rels/workbook.xml.rels", rels(wrels)),
                   ("docProps/core.xml", core_xml({"title": "Export"}))] + files)


BENIGN_ROWS = [["Region", "Quarter", "Units"], ["EMEA", "Q1", ("n", "1240")], ["APAC", "Q1", ("n", "980")]]


def kv_rows(kv):
    return [["Field", "Value"]] + [[k, v] for k, v in kv]


def split_parts(s):
    out, i = [], 0
    while i < len(s):
        n = R.randint(2, 7)
        out.append(s[i:i + n])
        i += n
    return out


def sci(num):
    # Excel-style scientific rendering of an integer (exact for < 2**53)
    d = num.lstrip("0")
    m = (d[0] + "." + d[1:]).rstrip("0").rstrip(".")
    return "%sE+%d" % (m, len(d) - 1)


def xlsx_where(where, it):
    if where == "shared-strings":
        return make_xlsx([("Sheet1", kv_rows(it["kv"]), False)])
    if where == "rich-runs":
        return make_xlsx([("Sheet1", [["Field", "Value"]] + [[k, ("rich", split_parts(v))] for k, v in it["kv"]], False)])
    if where == "inline-string":
        return make_xlsx([("Sheet1", kv_rows(it["kv"]), False)], inline=True)
    if where in ("numeric-cell", "numeric-sci"):
        label = it.get("label") or ("SSN" if it["kind"] == "ssn" else "Card Number")
        num = it["num"]
        if where == "numeric-sci" and "." not in num:
            num = sci(num)
        rows = [["Name", label, "Dept"], [R.choice(NAMES), ("n", num), "Finance"], [R.choice(NAMES), ("n", num if it.get("label") else "0"), "Finance"]]
        if not it.get("label"):
            rows[2][1] = ("n", "0")
        return make_xlsx([("Sheet1", rows, False)])
    if where == "hidden-sheet":
        return make_xlsx([("Summary", BENIGN_ROWS, False), ("_data", kv_rows(it["kv"]), True)])
    if where == "cell-comment":
        return make_xlsx([("Sheet1", BENIGN_ROWS, False)], comment=("C2", it["short"]))
    if where == "defined-name":
        return make_xlsx([("Sheet1", BENIGN_ROWS, False)], defined=[("cfg_value", '"%s"' % it["short"].replace('"', '""')[:250])])
    raise KeyError(where)


# ------------------------------------------------------------------- PPTX
PNS = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
       'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')
PCT = "application/vnd.openxmlformats-officedocument.presentationml."
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def a_p(t, split=False):
    parts = split_parts(t) if split else [t]
    return "<a:p>%s</a:p>" % "".join('<a:r><a:rPr lang="en-US"/><a:t>%s</a:t></a:r>' % xesc(p) for p in parts)


def sp(id_, lines, split=False):
    return ('<p:sp><p:nvSpPr><p:cNvPr id="%d" name="TextBox %d"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr/>'
            '<p:txBody><a:bodyPr/><a:lstStyle/>%s</p:txBody></p:sp>' % (id_, id_, "".join(a_p(l, split) for l in lines)))


def sld(tag, shapes):
    return (XH + '<p:%s %s><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
            '<p:grpSpPr/>%s</p:spTree></p:cSld></p:%s>' % (tag, PNS, shapes, tag))


def make_pptx(shapes, notes=None):
    files = [("ppt/slides/slide1.xml", sld("sld", shapes))]
    ov = [("/ppt/presentation.xml", PCT + "presentation.main+xml"), ("/ppt/slides/slide1.xml", PCT + "slide+xml"),
          ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml")]
    srels = []
    if notes:
        files.append(("ppt/notesSlides/notesSlide1.xml", sld("notes", sp(2, notes))))
        files.append(("ppt/notesSlides/_rels/notesSlide1.xml.rels", rels([("rId1", RT + "slide", "../slides/slide1.xml")])))
        ov.append(("/ppt/notesSlides/notesSlide1.xml", PCT + "notesSlide+xml"))
        srels.append(("rId2", RT + "notesSlide", "../notesSlides/notesSlide1.xml"))
    files.append(("ppt/slides/_rels/slide1.xml.rels", rels(srels)))
    pres = XH + '<p:presentation %s><p:sldIdLst><p:sldId id="256" r:id="rId2"/></p:sldIdLst><p:sldSz cx="12192000" cy="6858000"/><p:notesSz cx="6858000" cy="9144000"/></p:presentation>' % PNS
    return zbytes([("[Content_Types].xml", ctypes([], ov)), ("_rels/.rels", root_rels("ppt/presentation.xml")),
                   ("ppt/presentation.xml", pres), ("ppt/_rels/presentation.xml.rels", rels([("rId2", RT + "slide", "slides/slide1.xml")])),
                   ("docProps/core.xml", core_xml({"title": "Aurora review"}))] + files)


def pptx_where(where, it):
    title = sp(2, ["Aurora rollout - status"])
    if where == "slide-text":
        return make_pptx(title + sp(3, it["lines"]))
    if where == "split-runs":
        return make_pptx(title + sp(3, it["lines"], split=True))
    if where == "notes":
        return make_pptx(title + sp(3, FILL[1:]), notes=it["lines"])
    if where == "table":
        trs = "".join('<a:tr h="370840"><a:tc><a:txBody><a:bodyPr/>%s</a:txBody></a:tc><a:tc><a:txBody><a:bodyPr/>%s</a:txBody></a:tc></a:tr>'
                      % (a_p(k), a_p(v)) for k, v in it["kv"])
        gf = ('<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="4" name="Table 3"/><p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr>'
              '<p:xfrm><a:off x="0" y="0"/><a:ext cx="8000000" cy="1000000"/></p:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table">'
              '<a:tbl><a:tblGrid><a:gridCol w="3000000"/><a:gridCol w="5000000"/></a:tblGrid>%s</a:tbl></a:graphicData></a:graphic></p:graphicFrame>' % trs)
        return make_pptx(title + gf)
    raise KeyError(where)


# -------------------------------------------------------------- ODT / ODS
ONS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
       'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
       'xmlns:dc="http://purl.org/dc/elements/1.1/"')


def make_od(mime, body_tag, body, meta=""):
    manifest = (XH + '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="%s"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/></manifest:manifest>' % mime)
    content = XH + '<office:document-content %s office:version="1.2"><office:body><office:%s>%s</office:%s></office:body></office:document-content>' % (ONS, body_tag, body, body_tag)
    metax = XH + '<office:document-meta %s office:version="1.2"><office:meta><meta:generator>LibreOffice/7.6</meta:generator><dc:creator>Maria Lindqvist</dc:creator>%s</office:meta></office:document-meta>' % (ONS, meta)
    return zbytes([("mimetype", mime), ("META-INF/manifest.xml", manifest), ("content.xml", content), ("meta.xml", metax)])


ODT_MIME = "application/vnd.oasis.opendocument.text"
ODS_MIME = "application/vnd.oasis.opendocument.spreadsheet"


def odt_where(where, it):
    fill = "".join("<text:p>%s</text:p>" % xesc(l) for l in FILL)
    if where == "body":
        return make_od(ODT_MIME, "text", fill + "".join("<text:p>%s</text:p>" % xesc(l) for l in it["lines"]))
    if where == "split-spans":
        return make_od(ODT_MIME, "text", fill + "".join("<text:p>%s</text:p>" % "".join('<text:span text:style-name="T%d">%s</text:span>' % (R.randint(1, 9), xesc(p)) for p in split_parts(l)) for l in it["lines"]))
    if where == "meta":
        return make_od(ODT_MIME, "text", fill, meta="<dc:description>%s</dc:description><meta:user-defined meta:name=\"Note\">%s</meta:user-defined>" % (xesc(it["short"]), xesc(it["short"])))
    raise KeyError(where)


def ods_where(where, it):
    def cell_s(t):
        return '<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>' % xesc(t)
    if where == "string-cell":
        rows = "".join("<table:table-row>%s%s</table:table-row>" % (cell_s(k), cell_s(v)) for k, v in it["kv"])
    elif where == "float-cell":
        label = it.get("label") or ("SSN" if it["kind"] == "ssn" else "Card Number")
        num = it["num"]
        disp = num if len(num) < 12 else sci(num).replace("E+", "E+0")
        rows = "<table:table-row>%s%s</table:table-row>" % (cell_s("Name"), cell_s(label))
        rows += '<table:table-row>%s<table:table-cell office:value-type="float" office:value="%s"><text:p>%s</text:p></table:table-cell></table:table-row>' % (cell_s(R.choice(NAMES)), num, disp)
    else:
        raise KeyError(where)
    return make_od(ODS_MIME, "spreadsheet", '<table:table table:name="Sheet1">%s</table:table>' % rows)


# -------------------------------------------------------------------- RTF
def rtf_esc(s):
    return s.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}")


def rtf_where(where, it):
    head = "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss Calibri;}}\\viewkind4\\uc1\\pard\\f0\\fs22 "
    fill = "".join(rtf_esc(l) + "\\par\r\n" for l in FILL)
    if where == "plain":
        body = "".join(rtf_esc(l) + "\\par\r\n" for l in it["lines"])
    elif where == "hex-escape":
        body = "".join("".join("\\'%02x" % ord(c) if (c.isalnum() and R.random() < 0.5) else rtf_esc(c) for c in l) + "\\par\r\n" for l in it["lines"])
    elif where == "unicode-escape":
        body = "".join("".join("\\u%d?" % ord(c) if c.isalnum() else rtf_esc(c) for c in l) + "\\par\r\n" for l in it["lines"])
    elif where == "rsid-groups":
        body = "".join("".join("{\\rtlch\\fcs1 \\af0 \\ltrch\\fcs0 \\insrsid%d %s}%s" % (R.randint(1000000, 9999999), rtf_esc(p), "\r\n" if R.random() < 0.3 else "") for p in split_parts(l)) + "\\par\r\n" for l in it["lines"])
    else:
        raise KeyError(where)
    return (head + fill + body + "}").encode("latin-1")


# ----------------------------------------------------------------- email
def wrap76(b):
    s = base64.b64encode(b).decode()
    return "\r\n".join(s[i:i + 76] for i in range(0, len(s), 76))


def qp_force(text):
    enc = quopri.encodestring(text.encode(), quotetabs=False).decode().replace("\n", "\r\n")
    out = []
    for line in enc.split("\r\n"):
        while len(line) > 30:
            k = R.randint(12, 28)
            while "=" in line[max(0, k - 2):k]:
                k += 1
            out.append(line[:k] + "=")
            line = line[k:]
        out.append(line)
    return "\r\n".join(out)


def eml(parts_text, attach=None, qp_body=False, n=0):
    b = "----=_Part_%d_%s" % (n, rs(10, DIG))
    hdr = ("From: Priya Raman <priya.raman@halvorsen.example>\r\nTo: Finance Ops <finance-ops@halvorsen.example>\r\n"
           "Subject: Onboarding pack\r\nDate: Tue, 12 Mar 2024 09:14:00 +0100\r\nMessage-ID: <%s@halvorsen.example>\r\nMIME-Version: 1.0\r\n" % rs(16, DIG + LO))
    body_txt = "\r\n".join(parts_text)
    if qp_body:
        tpart = "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" + qp_force(body_txt) + "\r\n"
    else:
        tpart = "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n" + body_txt + "\r\n"
    if not attach:
        return (hdr + 'Content-Type: multipart/mixed; boundary="%s"\r\n\r\n--%s\r\n%s--%s--\r\n' % (b, b, tpart, b)).encode()
    fname, ctype, data, cte = attach
    if cte == "base64":
        enc = wrap76(data)
    else:
        enc = qp_force(data.decode())
    apart = ('Content-Type: %s; name="%s"\r\nContent-Transfer-Encoding: %s\r\nContent-Disposition: attachment; filename="%s"\r\n\r\n%s\r\n'
             % (ctype, fname, cte, fname, enc))
    return (hdr + 'Content-Type: multipart/mixed; boundary="%s"\r\n\r\n--%s\r\n%s--%s\r\n%s--%s--\r\n' % (b, b, tpart, b, apart, b)).encode()


def csv_text(kv):
    bio = io.StringIO()
    w = csv.writer(bio, lineterminator="\n")
    w.writerow(["record_id"] + [k for k, _ in kv] + ["updated"])
    w.writerow([str(R.randint(1000, 9999))] + [v for _, v in kv] + ["2024-03-01"])
    return bio.getvalue()


def eml_where(where, it, n):
    intro = ["Hi team,", "", "Attached is the pack for the new starter. Let me know if anything is missing.", "", "Thanks, Priya"]
    if where == "b64-attachment":
        return eml(intro, ("records.csv", "text/csv", csv_text(it["kv"]).encode(), "base64"), n=n)
    if where == "b64-docx-attachment":
        return eml(intro, ("details.docx", DOCX_MIME, docx_where("body", it), "base64"), n=n)
    if where == "qp-attachment":
        return eml(intro, ("notes.txt", "text/plain", "\n".join(it["lines"]).encode(), "quoted-printable"), n=n)
    if where == "qp-body":
        return eml(intro[:3] + it["lines"] + intro[3:], qp_body=True, n=n)
    if where == "mbox":
        m1 = eml(["Reminder: status sync moved to 14:00."], n=n).decode()
        m2 = eml(intro[:3] + it["lines"] + intro[3:], n=n + 1).decode()
        return ("From priya.raman@halvorsen.example Tue Mar 12 09:10:00 2024\n" + m1.replace("\r\n", "\n") +
                "\nFrom priya.raman@halvorsen.example Tue Mar 12 09:14:00 2024\n" + m2.replace("\r\n", "\n") + "\n").encode()
    raise KeyError(where)


def fold(line, width=40):
    out = [line[:width]]
    rest = line[width:]
    while rest:
        out.append(" " + rest[:width - 1])
        rest = rest[width - 1:]
    return "\r\n".join(out)


def vcf(it):
    n = R.choice(NAMES)
    lines = ["BEGIN:VCARD", "VERSION:3.0", "FN:%s" % n, "N:%s;%s;;;" % (n.split()[1], n.split()[0]), "ORG:Halvorsen Dynamics AS",
             "TITLE:Logistics Coordinator", fold("NOTE:HR record - " + it["short"].replace(",", "\\,")), "END:VCARD"]
    return ("\r\n".join(lines) + "\r\n").encode()


def ics(it):
    desc = "\\n".join(it["lines"]).replace(",", "\\,").replace(";", "\\;")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Halvorsen//Planner//EN", "BEGIN:VEVENT",
             "UID:%s@halvorsen.example" % uuid(), "DTSTAMP:20240312T091400Z", "DTSTART:20240314T130000Z",
             "DTEND:20240314T140000Z", "SUMMARY:Aurora cutover", fold("DESCRIPTION:Cutover notes\\n" + desc, 60),
             "END:VEVENT", "END:VCALENDAR"]
    return ("\r\n".join(lines) + "\r\n").encode()


# -------------------------------------------------------------------- PDF
def pstr(s):
    return "(" + s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def stream(data, compress=True, extra=""):
    if compress:
        data = zlib.compress(data)
        return b"<< /Length %d /Filter /FlateDecode%s >>\nstream\n" % (len(data), extra.encode()) + data + b"\nendstream"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra.encode()) + data + b"\nendstream"


def ops_tj(lines):
    return "BT /F1 10 Tf 14 TL 72 740 Td\n" + "".join("%s Tj T*\n" % pstr(l) for l in lines) + "ET\n"


def ops_kern(lines):
    return "BT /F1 10 Tf 14 TL 72 740 Td\n" + "".join("[%s] TJ T*\n" % " ".join("%s %d" % (pstr(p), R.randint(-30, 30)) for p in split_parts(l)) for l in lines) + "ET\n"


def ops_hex(lines):
    return "BT /F1 10 Tf 14 TL 72 740 Td\n" + "".join("[%s] TJ T*\n" % " ".join("<%s> %d" % (p.encode().hex().upper(), R.randint(-20, 20)) for p in split_parts(l)) for l in lines) + "ET\n"


def make_pdf(pages, compress=True, info=None, field=None, annot=None, embed_font=False):
    objs = {}
    npages = len(pages)
    page_ids = [4 + 2 * i for i in range(npages)]
    nxt = 4 + 2 * npages
    extra_cat, annots = "", ""
    if field:
        fid = nxt
        nxt += 1
        objs[fid] = ("<< /Type /Annot /Subtype /Widget /FT /Tx /T %s /V %s /Rect [180 600 500 620] /P %d 0 R /F 4 /DA (/Helv 10 Tf 0 g) >>"
                     % (pstr(field[0]), pstr(field[1]), page_ids[0])).encode()
        extra_cat = " /AcroForm << /Fields [%d 0 R] /NeedAppearances true >>" % fid
        annots = " /Annots [%d 0 R]" % fid
    if annot:
        aid = nxt
        nxt += 1
        objs[aid] = ("<< /Type /Annot /Subtype /Text /Rect [500 700 520 720] /T (Elliot Brandt) /Contents %s /Open false >>" % pstr(annot)).encode()
        annots = " /Annots [%d 0 R]" % aid
    info_id = None
    if info:
        info_id = nxt
        nxt += 1
        objs[info_id] = ("<< %s /Producer (Acrobat Distiller 23.0) /CreationDate (D:20240301090000Z) >>" % " ".join("/%s %s" % kv for kv in info)).encode()
    font = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    if embed_font:
        fd, ff = nxt, nxt + 1
        nxt += 2
        font = "<< /Type /Font /Subtype /TrueType /BaseFont /ABCDEE+Carlito /FirstChar 32 /LastChar 126 /FontDescriptor %d 0 R /Encoding /WinAnsiEncoding >>" % fd
        objs[fd] = ("<< /Type /FontDescriptor /FontName /ABCDEE+Carlito /Flags 32 /FontBBox [-500 -300 1200 950] /ItalicAngle 0 /Ascent 952 /Descent -269 /CapHeight 644 /StemV 80 /FontFile2 %d 0 R >>" % ff).encode()
        fontdata = b"\x00\x01\x00\x00\x00\x0c\x00\x80\x00\x03\x00\x40" + rbytes(6000)
        objs[ff] = stream(fontdata, True, " /Length1 %d" % len(fontdata))
    objs[1] = ("<< /Type /Catalog /Pages 2 0 R%s >>" % extra_cat).encode()
    objs[2] = ("<< /Type /Pages /Kids [%s] /Count %d >>" % (" ".join("%d 0 R" % p for p in page_ids), npages)).encode()
    objs[3] = font.encode()
    for i, content in enumerate(pages):
        pid = page_ids[i]
        objs[pid] = ("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R%s >>"
                     % (pid + 1, annots if i == 0 else "")).encode()
        objs[pid + 1] = stream(content.encode("latin-1"), compress)
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offs = {}
    for k in sorted(objs):
        offs[k] = len(out)
        out += b"%d 0 obj\n" % k + objs[k] + b"\nendobj\n"
    xref = len(out)
    n = max(objs) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % n
    for k in range(1, n):
        out += b"%010d 00000 n \n" % offs[k]
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (n, (b" /Info %d 0 R" % info_id) if info_id else b"", xref)
    return bytes(out)


def pdf_where(where, it, i):
    L = it["lines"]
    ef = (i % 2 == 1)
    if where == "tj-flate":
        return make_pdf([ops_tj(FILL + L)], embed_font=ef)
    if where == "tj-kern":
        return make_pdf([ops_kern(FILL + L)])
    if where == "hex-tj":
        return make_pdf([ops_hex(FILL + L)])
    if where == "page2":
        return make_pdf([ops_tj(FILL + [LOREM[:60]] * 5), ops_tj(["Appendix B - access details"] + L)], embed_font=ef)
    if where == "uncompressed":
        return make_pdf([ops_tj(FILL + L)], compress=False)
    if where == "acroform-v":
        return make_pdf([ops_tj(FILL + ["Reference value:"])], field=("reference_value", it["short"]))
    if where == "annot-contents":
        return make_pdf([ops_tj(FILL)], annot="\n".join(L))
    if where == "info":
        return make_pdf([ops_tj(FILL)], info=[("Title", pstr("Weekly status")), ("Author", pstr("Maria Lindqvist")), ("Subject", pstr(it["short"]))])
    if where == "info-utf16":
        return make_pdf([ops_tj(FILL)], info=[("Title", pstr("Weekly status")), ("Keywords", "<FEFF%s>" % it["short"].encode("utf-16-be").hex().upper())])
    raise KeyError(where)


# ----------------------------------------------------------------- images
def png_chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)


def make_png(extra=(), w=24, h=16):
    raw = b"".join(b"\x00" + rbytes(w * 3) for _ in range(h))
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + b"".join(extra) +
            png_chunk(b"IDAT", zlib.compress(raw)) + png_chunk(b"IEND", b""))


def jpeg(segments=()):
    dqt = b"\xff\xdb\x00\x43\x00" + b"\x01" * 64
    sof = b"\xff\xc0\x00\x0b\x08\x00\x08\x00\x08\x01\x01\x11\x00"
    dht = b"\xff\xc4\x00\x14\x00" + b"\x01" + b"\x00" * 15 + b"\x00" + b"\xff\xc4\x00\x14\x10" + b"\x01" + b"\x00" * 15 + b"\x00"
    sos = b"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00"
    app0 = b"\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    return b"\xff\xd8" + app0 + b"".join(segments) + dqt + sof + dht + sos + b"\x3f" + b"\xff\xd9"


def ifd(entries, base):
    n = len(entries)
    data_off = base + 2 + 12 * n + 4
    data, ents = b"", []
    for tag, typ, cnt, val in entries:
        if len(val) <= 4:
            ents.append(struct.pack(">HHI", tag, typ, cnt) + val.ljust(4, b"\x00"))
        else:
            ents.append(struct.pack(">HHII", tag, typ, cnt, data_off + len(data)))
            data += val + (b"\x00" if len(val) % 2 else b"")
    return struct.pack(">H", n) + b"".join(ents) + b"\x00\x00\x00\x00" + data


def exif_app1(desc=None, usercomment=None):
    e0 = [(0x010F, 2, 6, b"Canon\x00"), (0x0110, 2, 14, b"Canon EOS R6\x00\x00"[:14])]
    if desc is not None:
        v = desc.encode() + b"\x00"
        e0.insert(0, (0x010E, 2, len(v), v))
    tmp = ifd(e0 + [(0x8769, 4, 1, b"\x00\x00\x00\x00")], 8)
    exif_off = 8 + len(tmp)
    ex = [(0x9003, 2, 20, b"2024:03:01 09:00:00\x00")]
    if usercomment is not None:
        v = b"ASCII\x00\x00\x00" + usercomment.encode()
        ex.append((0x9286, 7, len(v), v))
    i0 = ifd(e0 + [(0x8769, 4, 1, struct.pack(">I", exif_off))], 8)
    assert len(i0) == len(tmp)
    tiff = b"MM\x00\x2a\x00\x00\x00\x08" + i0 + ifd(ex, exif_off)
    payload = b"Exif\x00\x00" + tiff
    return b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload


def img_where(where, it):
    t = "\n".join(it["lines"])
    if where == "png-text":
        return make_png([png_chunk(b"tEXt", b"Comment\x00" + t.encode("latin-1"))]), "png"
    if where == "png-ztxt":
        return make_png([png_chunk(b"zTXt", b"Description\x00\x00" + zlib.compress(t.encode("latin-1")))]), "png"
    if where == "png-itxt":
        return make_png([png_chunk(b"iTXt", b"Comment\x00\x00\x00en\x00\x00" + t.encode())]), "png"
    if where == "png-itxt-compressed":
        return make_png([png_chunk(b"iTXt", b"Comment\x00\x01\x00en\x00\x00" + zlib.compress(t.encode()))]), "png"
    if where == "png-xmp":
        xmp = ('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
               '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description><rdf:Alt><rdf:li xml:lang="x-default">%s</rdf:li>'
               '</rdf:Alt></dc:description></rdf:Description></rdf:RDF></x:xmpmeta>' % xesc(t))
        return make_png([png_chunk(b"iTXt", b"XML:com.adobe.xmp\x00\x00\x00\x00\x00" + xmp.encode())]), "png"
    if where == "jpeg-com":
        c = t.encode()
        return jpeg([b"\xff\xfe" + struct.pack(">H", len(c) + 2) + c]), "jpeg"
    if where == "exif-usercomment":
        return jpeg([exif_app1(usercomment=t)]), "jpeg"
    if where == "exif-imagedesc":
        return jpeg([exif_app1(desc=it["short"])]), "jpeg"
    raise KeyError(where)


# --------------------------------------------------------------- archives
def yaml_lines(it):
    out = ["production:"]
    for k, v in it["kv"]:
        if "\n" in v:
            out.append("  %s: |" % k)
            out += ["    " + x for x in v.split("\n")]
        else:
            out.append("  %s: %s" % (k, v if not v.startswith("<") else '"%s"' % v))
    return "\n".join(out) + "\n"


def payload_file(it):
    k = it["kind"]
    if k in ("private-key",):
        return "deploy/id_rsa" if "PRIVATE" in it["lines"][0] else "deploy/signing.pem"
    if k in ("proprietary-code", "code"):
        return "src/pricing/MarginEngine.java"
    if k in ("ssn", "card", "iban"):
        return "data/export.txt"
    return ".env"


REPO_FILES = [("README.md", "# aurora-sync\n\nSmall service that syncs shipment events.\n\n    make run\n"),
              ("src/app.py", "import os\n\n\ndef main():\n    print('aurora-sync starting')\n\n\nif __name__ == '__main__':\n    main()\n"),
              ("requirements.txt", "requests==2.31.0\npyyaml==6.0.1\n")]


def tgz(files, compress=True):
    bio = io.BytesIO()
    with tarfile.open(fileobj=bio, mode="w:gz" if compress else "w", format=tarfile.USTAR_FORMAT) as tf:
        for name, data in files:
            data = data.encode() if isinstance(data, str) else data
            ti = tarfile.TarInfo(name)
            ti.size, ti.mtime, ti.mode = len(data), 1709283600, 0o644
            tf.addfile(ti, io.BytesIO(data))
    if not compress:
        return bio.getvalue()
    raw = bio.getvalue()
    # re-pack gzip with fixed mtime
    return gzip.compress(gzip.decompress(raw), mtime=0)


def sqlite_db(table, it):
    fd, path = tempfile.mkstemp(suffix=".db")
    os.close(fd)
    os.unlink(path)
    con = sqlite3.connect(path)
    cols = []
    for k, _ in it["kv"]:
        k2, j = k, 2
        while k2 in cols:
            k2, j = "%s_%d" % (k, j), j + 1
        cols.append(k2)
    qcols = ", ".join('"%s" TEXT' % c for c in cols)
    if table == "users":
        con.execute('CREATE TABLE users (id INTEGER PRIMARY KEY, full_name TEXT, department TEXT, %s)' % qcols)
        con.execute("INSERT INTO users VALUES (1, ?, 'Logistics', %s)" % ",".join("?" * len(cols)), [R.choice(NAMES)] + [v for _, v in it["kv"]])
    else:
        con.execute('CREATE TABLE api_keys (id INTEGER PRIMARY KEY, service TEXT, created_at TEXT, %s)' % qcols)
        con.execute("INSERT INTO api_keys VALUES (1, 'deploy', '2024-03-01', %s)" % ",".join("?" * len(cols)), [v for _, v in it["kv"]])
    con.execute("CREATE TABLE audit (id INTEGER PRIMARY KEY, event TEXT)")
    con.executemany("INSERT INTO audit(event) VALUES (?)", [("login",), ("export",), ("sync",)])
    con.commit()
    con.close()
    with open(path, "rb") as f:
        data = f.read()
    os.unlink(path)
    return data


def archive_where(where, it):
    pf = payload_file(it)
    body = "\n".join(it["lines"]) + "\n"
    if where == "zip-repo":
        return zbytes([("aurora-sync/" + n, d) for n, d in REPO_FILES] + [("aurora-sync/" + pf, body)]), "aurora-sync.zip", "application/zip"
    if where == "zip-credentials-yml":
        return zbytes([("aurora-sync/" + n, d) for n, d in REPO_FILES] + [("aurora-sync/config/credentials.yml", yaml_lines(it))]), "aurora-config.zip", "application/zip"
    if where == "tar-gz-repo":
        return tgz([("aurora-sync/" + n, d) for n, d in REPO_FILES] + [("aurora-sync/" + pf, body)]), "aurora-sync.tar.gz", "application/gzip"
    if where == "tar-plain":
        return tgz([("aurora-sync/" + n, d) for n, d in REPO_FILES] + [("aurora-sync/" + pf, body)], compress=False), "aurora-sync.tar", "application/x-tar"
    if where == "zip-in-zip":
        inner = zbytes([(pf.split("/")[-1], body), ("README.md", REPO_FILES[0][1])])
        return zbytes([("bundle/notes.txt", "Nested export, see inner archive.\n"), ("bundle/inner.zip", inner)]), "bundle.zip", "application/zip"
    if where == "docx-in-zip":
        return zbytes([("handover/readme.txt", "Handover documents.\n"), ("handover/details.docx", docx_where("body", it))]), "handover.zip", "application/zip"
    if where == "csv-gz":
        return gzip.compress(csv_text(it["kv"]).encode(), mtime=0), "export.csv.gz", "application/gzip"
    if where == "csv-in-zip":
        return zbytes([("export/records.csv", csv_text(it["kv"]))]), "export.zip", "application/zip"
    if where == "sqlite-users":
        return sqlite_db("users", it), "app.db", "application/vnd.sqlite3"
    if where == "sqlite-apikeys":
        return sqlite_db("api_keys", it), "secrets.sqlite", "application/x-sqlite3"
    raise KeyError(where)


# ------------------------------------------------------------- text fmts
def text_where(where, it):
    L = it["lines"]
    if where == "ipynb-source":
        src = ["import pandas as pd\n", "CONFIG = \"\"\"\n"] + [l + "\n" for l in L] + ["\"\"\"\n"]
        nb = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": ["# Aurora analysis\n"]},
                        {"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [], "source": src}],
              "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}, "nbformat": 4, "nbformat_minor": 5}
        return json.dumps(nb, indent=1).encode(), "analysis.ipynb", "application/x-ipynb+json"
    if where == "ipynb-output":
        nb = {"cells": [{"cell_type": "code", "execution_count": 3, "metadata": {}, "source": ["print(load_record(42))\n"],
                         "outputs": [{"output_type": "stream", "name": "stdout", "text": [l + "\n" for l in L]}]}],
              "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}, "nbformat": 4, "nbformat_minor": 5}
        return json.dumps(nb, indent=1).encode(), "debug.ipynb", "application/octet-stream"
    head = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Status export</title></head><body><h1>Weekly status</h1><p>%s</p>" % xesc(FILL[1])
    if where == "html-attr":
        return (head + '<div id="app" data-config="%s"></div></body></html>' % xesc(it["short"])).encode(), "status.html", "text/html"
    if where == "html-hidden":
        return (head + '<div style="display:none" class="debug">%s</div></body></html>' % "<br>".join(xesc(l) for l in L)).encode(), "status.html", "text/html"
    if where == "html-comment":
        return (head + "<!--\n%s\n-->\n</body></html>" % "\n".join(L).replace("--", "- -")).encode(), "status.html", "text/html"
    if where == "markdown":
        return ("# Runbook\n\n%s\n\n```\n%s\n```\n" % (FILL[1], "\n".join(L))).encode(), "RUNBOOK.md", "text/markdown"
    if where == "txt":
        return ("\n".join(FILL + L) + "\n").encode(), "notes.txt", "text/plain"
    if where == "csv":
        return csv_text(it["kv"]).encode(), "records.csv", "text/csv"
    raise KeyError(where)


# --------------------------------------------------------------- builders
# (fmt, where, kinds, fn(it, i) -> (bytes, filename, mime))
B = []


def add(fmt, where, kinds, fn, npos=3):
    B.append(dict(fmt=fmt, where=where, kinds=kinds, fn=fn, npos=npos))


for w in ["body", "split-runs", "table", "header", "footer", "footnote", "comment", "deltext", "ins", "textbox", "vanish"]:
    add("docx", w, LONG_KINDS, (lambda w: lambda it, i: (docx_where(w, it), "document.docx", DOCX_MIME))(w), 4 if w in ("body", "split-runs") else 3)
for w in ["core-props", "custom-props"]:
    add("docx", w, SHORT_KINDS, (lambda w: lambda it, i: (docx_where(w, it), "document.docx", DOCX_MIME))(w))
for w in ["shared-strings", "rich-runs", "inline-string", "hidden-sheet"]:
    add("xlsx", w, SHORT_KINDS + [p_pem], (lambda w: lambda it, i: (xlsx_where(w, it), "export.xlsx", XLSX_MIME))(w), 4)
for w in ["cell-comment", "defined-name"]:
    add("xlsx", w, SHORT_KINDS, (lambda w: lambda it, i: (xlsx_where(w, it), "export.xlsx", XLSX_MIME))(w))
for w in ["numeric-cell", "numeric-sci"]:
    add("xlsx", w, NUMERIC, (lambda w: lambda it, i: (xlsx_where(w, it), "export.xlsx", XLSX_MIME))(w), 4)
for w in ["slide-text", "split-runs", "notes", "table"]:
    add("pptx", w, LONG_KINDS, (lambda w: lambda it, i: (pptx_where(w, it), "review.pptx", PPTX_MIME))(w))
for w in ["body", "split-spans"]:
    add("odt", w, LONG_KINDS, (lambda w: lambda it, i: (odt_where(w, it), "notes.odt", ODT_MIME))(w))
add("odt", "meta", SHORT_KINDS, lambda it, i: (odt_where("meta", it), "notes.odt", ODT_MIME))
add("ods", "string-cell", SHORT_KINDS, lambda it, i: (ods_where("string-cell", it), "export.ods", ODS_MIME))
add("ods", "float-cell", NUMERIC, lambda it, i: (ods_where("float-cell", it), "export.ods", ODS_MIME))
for w in ["plain", "hex-escape", "unicode-escape", "rsid-groups"]:
    add("rtf", w, LONG_KINDS, (lambda w: lambda it, i: (rtf_where(w, it), "memo.rtf", "application/rtf"))(w))
for w in ["b64-attachment", "b64-docx-attachment", "qp-attachment", "qp-body"]:
    add("eml", w, LONG_KINDS if w != "b64-attachment" else SHORT_KINDS,
        (lambda w: lambda it, i: (eml_where(w, it, i), "message.eml", "message/rfc822"))(w))
add("mbox", "second-message", LONG_KINDS, lambda it, i: (eml_where("mbox", it, i), "archive.mbox", "application/mbox"))
add("vcf", "note-folded", PII_FIN, lambda it, i: (vcf(it), "contact.vcf", "text/vcard"))
add("ics", "description-folded", LONG_KINDS, lambda it, i: (ics(it), "cutover.ics", "text/calendar"))
for w in ["tj-flate", "tj-kern", "hex-tj", "page2", "uncompressed", "annot-contents"]:
    add("pdf", w, LONG_KINDS, (lambda w: lambda it, i: (pdf_where(w, it, i), "report.pdf", "application/pdf"))(w), 4)
for w in ["acroform-v", "info", "info-utf16"]:
    add("pdf", w, SHORT_KINDS, (lambda w: lambda it, i: (pdf_where(w, it, i), "form.pdf", "application/pdf"))(w))
for w in ["zip-repo", "tar-gz-repo", "tar-plain", "zip-in-zip"]:
    add("archive", w, CREDS + [p_pem, p_code], (lambda w: lambda it, i: archive_where(w, it))(w))
add("archive", "zip-credentials-yml", CREDS + [p_pem], lambda it, i: archive_where("zip-credentials-yml", it), 4)
add("archive", "docx-in-zip", LONG_KINDS, lambda it, i: archive_where("docx-in-zip", it), 4)
for w in ["csv-gz", "csv-in-zip", "sqlite-users"]:
    add("archive", w, PII_FIN, (lambda w: lambda it, i: archive_where(w, it))(w))
add("archive", "sqlite-apikeys", CREDS, lambda it, i: archive_where("sqlite-apikeys", it))
for w in ["png-text", "png-ztxt", "png-itxt", "png-itxt-compressed", "png-xmp", "jpeg-com", "exif-usercomment"]:
    add("image", w, SHORT_KINDS + [p_pem], (lambda w: lambda it, i: (lambda d, t: (d, "scan." + ("png" if t == "png" else "jpg"), "image/" + t))(*img_where(w, it)))(w))
add("image", "exif-imagedesc", SHORT_KINDS, lambda it, i: (lambda d, t: (d, "photo.jpg", "image/jpeg"))(*img_where("exif-imagedesc", it)))
for w in ["ipynb-source", "ipynb-output", "html-attr", "html-hidden", "html-comment", "markdown", "txt", "csv"]:
    add(w.split("-")[0] if w not in ("txt", "csv", "markdown") else w, w, LONG_KINDS if w not in ("html-attr", "csv") else SHORT_KINDS,
        (lambda w: lambda it, i: text_where(w, it))(w), 4 if w in ("txt", "markdown", "ipynb-source") else 3)

# ---------------------------------------------------------------- carriers
ANTH = "https://api.anthropic.com/v1/messages"
PROMPT = "Please summarise the attached file and list any action items."


def carriers_for(mime):
    if mime.startswith("image/"):
        return ["anthropic-image", "openai-chat-image", "gemini-inline", "multipart-openai-files", "mcp-blob", "openai-responses-image"]
    if mime == "application/pdf":
        return ["anthropic-document", "openai-chat-file", "openai-responses-file", "gemini-inline", "multipart-openai-files", "multipart-anthropic-files", "mcp-blob"]
    if mime in ("text/plain", "text/csv", "text/markdown", "text/calendar", "text/vcard"):
        return ["anthropic-document", "openai-chat-file", "gemini-inline", "multipart-openai-files", "multipart-anthropic-files", "mcp-blob", "openai-responses-file"]
    return ["openai-chat-file", "openai-responses-file", "gemini-inline", "multipart-openai-files", "multipart-anthropic-files", "mcp-blob"]


def build_request(cid, carrier, data, fname, mime, i):
    b64 = base64.b64encode(data).decode()
    durl = "data:%s;base64,%s" % (mime, b64)
    if carrier == "anthropic-document":
        m = "text/plain" if mime.startswith("text/") else mime
        body = {"model": "claude-sonnet-4-20250514", "max_tokens": 1024, "messages": [{"role": "user", "content": [
            {"type": "document", "source": {"type": "base64", "media_type": m, "data": b64}, "title": fname}, {"type": "text", "text": PROMPT}]}]}
        return dict(target=ANTH, headers={"Content-Type": "application/json", "anthropic-version": "2023-06-01"}, body=json.dumps(body))
    if carrier == "anthropic-image":
        body = {"model": "claude-sonnet-4-20250514", "max_tokens": 1024, "messages": [{"role": "user", "content": [
            {"type": "image", "source": {"type": "base64", "media_type": mime, "data": b64}}, {"type": "text", "text": "Describe this image."}]}]}
        return dict(target=ANTH, headers={"Content-Type": "application/json", "anthropic-version": "2023-06-01"}, body=json.dumps(body))
    if carrier in ("openai-chat-file", "openai-chat-image"):
        part = ({"type": "file", "file": {"filename": fname, "file_data": durl}} if carrier == "openai-chat-file"
                else {"type": "image_url", "image_url": {"url": durl}})
        body = {"model": "gpt-4o", "messages": [{"role": "user", "content": [{"type": "text", "text": PROMPT}, part]}]}
        return dict(target="https://api.openai.com/v1/chat/completions", headers={"Content-Type": "application/json"}, body=json.dumps(body))
    if carrier in ("openai-responses-file", "openai-responses-image"):
        part = ({"type": "input_file", "filename": fname, "file_data": durl} if carrier == "openai-responses-file"
                else {"type": "input_image", "image_url": durl})
        body = {"model": "gpt-4.1", "input": [{"role": "user", "content": [{"type": "input_text", "text": PROMPT}, part]}]}
        return dict(target="https://api.openai.com/v1/responses", headers={"Content-Type": "application/json"}, body=json.dumps(body))
    if carrier == "gemini-inline":
        part = {"inline_data": {"mime_type": mime, "data": b64}} if i % 2 == 0 else {"inlineData": {"mimeType": mime, "data": b64}}
        body = {"contents": [{"role": "user", "parts": [{"text": PROMPT}, part]}]}
        return dict(target="https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:generateContent",
                    headers={"Content-Type": "application/json"}, body=json.dumps(body))
    if carrier == "mcp-blob":
        body = {"jsonrpc": "2.0", "id": i + 1, "method": "tools/call", "params": {"name": "upload_document", "arguments": {
            "path": "/shared/" + fname, "content": {"type": "resource", "resource": {"uri": "file:///shared/" + fname, "mimeType": mime, "blob": b64}}}}}
        return dict(target="https://mcp.internal-tools.example/mcp", headers={"Content-Type": "application/json",
                    "Accept": "application/json, text/event-stream", "Mcp-Session-Id": "a1b2c3d4"}, body=json.dumps(body))
    if carrier.startswith("multipart"):
        bnd = "----SieveRT37" + rs(16)
        ct = "application/octet-stream" if i % 3 == 2 else mime
        parts = b""
        host = "api.openai.com" if "openai" in carrier else "api.anthropic.com"
        if host == "api.openai.com":
            parts += ('--%s\r\nContent-Disposition: form-data; name="purpose"\r\n\r\n%s\r\n' % (bnd, R.choice(["assistants", "user_data"]))).encode()
        parts += ('--%s\r\nContent-Disposition: form-data; name="file"; filename="%s"\r\nContent-Type: %s\r\n\r\n' % (bnd, fname, ct)).encode()
        parts += data + ("\r\n--%s--\r\n" % bnd).encode()
        hdr = "POST /v1/files HTTP/1.1\r\nHost: %s\r\nContent-Type: multipart/form-data; boundary=%s\r\nContent-Length: %d\r\n" % (host, bnd, len(parts))
        if host == "api.anthropic.com":
            hdr += "anthropic-version: 2023-06-01\r\nanthropic-beta: files-api-2025-04-14\r\n"
        raw = hdr.encode() + b"\r\n" + parts
        rel = "cases/%s.http" % cid
        with open(os.path.join(HERE, rel), "wb") as f:
            f.write(raw)
        return dict(request=rel)
    raise KeyError(carrier)


# -------------------------------------------------------------- generate
NEG_ALL = []   # texts of negatives, for verification


def main():
    os.makedirs(CASES, exist_ok=True)
    for f in os.listdir(CASES):
        os.unlink(os.path.join(CASES, f))
    out = []
    kcount, ncount = 0, 0
    for bi, b in enumerate(B):
        kinds = b["kinds"]
        numeric = b["where"] in ("numeric-cell", "numeric-sci", "float-cell")
        for pol in ("pos", "neg"):
            n = b["npos"]
            for i in range(n):
                if pol == "pos":
                    fn = kinds[(kcount + i) % len(kinds)]
                    it = fn()
                else:
                    if numeric:
                        it = NEG_NUMERIC[(ncount + i) % len(NEG_NUMERIC)]()
                    else:
                        allowed = [f for f in NEG_FUNCS]
                        while True:
                            it = allowed[ncount % len(allowed)]()
                            ncount += 1
                            short_place = b["kinds"] is SHORT_KINDS or b["kinds"] is PII_FIN or b["kinds"] is NUMERIC
                            if not (it["long"] and short_place):
                                break
                    NEG_ALL.append(it)
                data, fname, mime = b["fn"](it, i)
                cars = carriers_for(mime)
                car = cars[(bi + i) % len(cars)]
                tag_kind = it["kind"]
                cid = "%s-%s-%s-%s-%03d" % (pol, b["fmt"], b["where"], tag_kind if pol == "pos" else it["style"], len(out) + 1)
                req = build_request(cid, car, data, fname, mime, i)
                tags = ["kind:" + tag_kind, "fmt:" + b["fmt"], "where:" + b["where"], "carrier:" + car]
                if pol == "neg":
                    tags.append("neg:" + it["style"])
                    expect = {}
                else:
                    expect = {"categories": [it["cat"]]}
                if car.startswith("multipart") and i % 3 == 2:
                    tags.append("ct:octet-stream")
                case = dict(id=cid)
                case.update(req)
                case["expect"] = expect
                case["tags"] = tags
                case["where"] = "%s %s via %s (%s)" % (b["fmt"], b["where"], car, fname)
                out.append(case)
            if pol == "pos":
                kcount += n
        # extra plain-image negatives
    for j, (mk, mime, fn) in enumerate([(lambda: make_png(), "image/png", "chart.png"), (lambda: jpeg([exif_app1()]), "image/jpeg", "photo.jpg"),
                                        (lambda: make_png(w=64, h=48), "image/png", "screenshot.png")]):
        car = ["anthropic-image", "openai-chat-image", "multipart-openai-files"][j]
        cid = "neg-image-no-metadata-%03d" % (len(out) + 1)
        case = dict(id=cid)
        case.update(build_request(cid, car, mk(), fn, mime, j))
        case.update(expect={}, tags=["kind:image", "fmt:image", "where:no-metadata", "carrier:" + car, "neg:plain-image"],
                    where="plain image via " + car)
        out.append(case)
    with open(os.path.join(HERE, "manifest.jsonl"), "w") as f:
        for c in out:
            f.write(json.dumps(c) + "\n")
    npos = sum(1 for c in out if c["expect"])
    print("cases", len(out), "positives", npos, "negatives", len(out) - npos)


if __name__ == "__main__":
    main()
