#!/usr/bin/env python3
"""rt36-benign: false-positive hunt corpus for Sieve (benign agent traffic + realistic positives).

Standard library only, deterministic (random.Random(3601)). Writes manifest.jsonl next to this file,
one case per line with an inline request (target, headers, body).
"""
import base64
import hashlib
import json
import os
import string
import struct
import zlib
import random

R = random.Random(3601)
HERE = os.path.dirname(os.path.abspath(__file__))

B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
B64URL = string.ascii_letters + string.digits + "-_"
HEX = "0123456789abcdef"


# ----------------------------------------------------------------------------- small helpers
def rs(alphabet, n):
    return "".join(R.choice(alphabet) for _ in range(n))


def rhex(n):
    return rs(HEX, n)


def rbytes(n):
    return bytes(R.getrandbits(8) for _ in range(n))


def b64(b):
    return base64.b64encode(b).decode()


def pick(seq):
    return R.choice(seq)


def luhn_check_digit(partial):
    s = 0
    for i, ch in enumerate(reversed(partial)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        s += d
    return str((10 - s % 10) % 10)


def luhn_valid(num):
    return luhn_check_digit(num[:-1]) == num[-1]


def card_number(kind=None):
    kind = kind or pick(["visa", "visa", "mc", "mc2", "amex", "disc"])
    if kind == "visa":
        p, n = "4" + rs(string.digits, 5), 16
    elif kind == "mc":
        p, n = str(R.randint(51, 55)) + rs(string.digits, 4), 16
    elif kind == "mc2":
        p, n = str(R.randint(2221, 2720)) + rs(string.digits, 2), 16
    elif kind == "amex":
        p, n = pick(["34", "37"]) + rs(string.digits, 4), 15
    else:
        p, n = "6011" + rs(string.digits, 2), 16
    body = p + rs(string.digits, n - 1 - len(p))
    return body + luhn_check_digit(body)


TEST_CARDS = {"4242424242424242", "4000056655665556", "5555555555554444", "2223003122003222",
              "5105105105105100", "378282246310005", "371449635398431", "6011111111111117",
              "4111111111111111", "4012888888881881", "3530111333300000", "6011000990139424"}


def real_card(kind=None):
    while True:
        c = card_number(kind)
        if c not in TEST_CARDS and len(set(c[6:])) > 3:
            return c


def fmt_card(c):
    if len(c) == 15:
        return c[:4] + " " + c[4:10] + " " + c[10:]
    return " ".join(c[i:i + 4] for i in range(0, 16, 4))


def iban(cc, bban):
    rearr = bban + cc + "00"
    num = "".join(str(int(ch, 36)) for ch in rearr)
    chk = 98 - int(num) % 97
    return "%s%02d%s" % (cc, chk, bban)


def iban_valid(s):
    s = s.replace(" ", "")
    num = "".join(str(int(ch, 36)) for ch in s[4:] + s[:4])
    return int(num) % 97 == 1


DOC_IBANS = {"DE89370400440532013000", "GB82WEST12345698765432", "FR1420041010050500013M02606",
             "NL91ABNA0417164300", "ES9121000418450200051332", "GB29NWBK60161331926819"}


def real_iban():
    while True:
        cc = pick(["DE", "GB", "FR", "NL", "ES", "IT", "BE", "AT"])
        if cc == "DE":
            bban = rs(string.digits, 18)
        elif cc == "GB":
            bban = pick(["BARC", "LOYD", "HBUK", "NWBK", "MIDL"]) + rs(string.digits, 14)
        elif cc == "FR":
            bban = rs(string.digits, 23)
        elif cc == "NL":
            bban = pick(["ABNA", "INGB", "RABO", "TRIO"]) + rs(string.digits, 10)
        elif cc == "ES":
            bban = rs(string.digits, 20)
        elif cc == "IT":
            bban = R.choice(string.ascii_uppercase) + rs(string.digits, 10) + rs(string.digits, 12)
        elif cc == "BE":
            bban = rs(string.digits, 12)
        else:
            bban = rs(string.digits, 16)
        v = iban(cc, bban)
        if v not in DOC_IBANS:
            return v


def fmt_iban(s):
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4))


def ssn():
    while True:
        a = R.randint(1, 899)
        if a == 666:
            continue
        g = R.randint(1, 99)
        s = R.randint(1, 9999)
        v = "%03d-%02d-%04d" % (a, g, s)
        if v in ("078-05-1120", "219-09-9999", "123-45-6789"):
            continue
        return v


def aba_routing():
    while True:
        d = [R.randint(0, 9) for _ in range(8)]
        d[0] = pick([0, 0, 1, 1, 2, 2, 3, 3, 1, 0])
        d[1] = R.randint(1, 9) if d[0] in (0, 1, 2) else R.randint(0, 2)
        s = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5])
        c = (10 - s % 10) % 10
        return "".join(map(str, d)) + str(c)


def crc32_b62(s):
    n = zlib.crc32(s.encode()) & 0xffffffff
    out = ""
    while n:
        n, r = divmod(n, 62)
        out = B62[r] + out
    return out.rjust(6, "0")


def github_pat():
    body = rs(B62, 30)
    return "ghp_" + body + crc32_b62(body)


def anthropic_key():
    return "sk-ant-api03-" + rs(B64URL, 93) + "AA"


def openai_key():
    return "sk-proj-" + rs(B64URL, 74) + "T3BlbkFJ" + rs(B64URL, 74)


def slack_bot():
    return "xoxb-%d-%d-%s" % (R.randint(10 ** 10, 10 ** 12), R.randint(10 ** 11, 10 ** 13), rs(string.ascii_letters + string.digits, 24))


def aws_pair():
    kid = "AKIA" + rs(string.ascii_uppercase + "234567", 16)
    sec = rs(string.ascii_letters + string.digits + "+/", 40)
    return kid, sec


def pem_rsa_private():
    der = bytes([0x30, 0x82, 0x04, pick([0xa3, 0xa4, 0xa5]), 0x02, 0x01, 0x00, 0x02, 0x82, 0x01, 0x01, 0x00]) + rbytes(1180)
    body = b64(der)
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    return "-----BEGIN RSA PRIVATE KEY-----\n" + "\n".join(lines) + "\n-----END RSA PRIVATE KEY-----"


def pem_block(label, prefix, n):
    body = b64(prefix + rbytes(n))
    return "-----BEGIN %s-----\n%s\n-----END %s-----" % (label, "\n".join(body[i:i + 64] for i in range(0, len(body), 64)), label)


def uuid4():
    h = rhex(32)
    return "%s-%s-4%s-%s%s-%s" % (h[:8], h[8:12], h[13:16], pick("89ab"), h[17:20], h[20:32])


def ulid():
    return pick("0123456") + rs("0123456789ABCDEFGHJKMNPQRSTVWXYZ", 25)


def snowflake():
    return str(R.randint(1100000000000000000, 1400000000000000000))


def ean_check(d12):
    s = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(d12))
    return str((10 - s % 10) % 10)


def upc_check(d11):
    s = sum(int(c) * (3 if i % 2 == 0 else 1) for i, c in enumerate(d11))
    return str((10 - s % 10) % 10)


def cusip_check(c8):
    s = 0
    for i, ch in enumerate(c8):
        v = int(ch) if ch.isdigit() else ord(ch) - 55
        if i % 2:
            v *= 2
        s += v // 10 + v % 10
    return str((10 - s % 10) % 10)


def isin_check(c11):
    digits = "".join(str(int(ch, 36)) for ch in c11)
    return luhn_check_digit(digits)


def imei():
    tac = pick(["35", "86", "01", "35", "99"]) + rs(string.digits, 6)
    b = tac + rs(string.digits, 6)
    return b + luhn_check_digit(b)


FIRST = ["James", "Maria", "Wei", "Aisha", "Carlos", "Priya", "Liam", "Sofia", "Noah", "Fatima", "Ethan", "Yuki",
         "Olivia", "Mateo", "Chloe", "Arjun", "Emma", "Diego", "Hannah", "Kwame", "Ava", "Lucas", "Mei", "Omar",
         "Grace", "Tomasz", "Isabella", "Ravi", "Zoe", "Andrei", "Nina", "Samuel", "Leila", "Jonas", "Elena", "Marcus"]
LAST = ["Okafor", "Schneider", "Nguyen", "Patel", "Garcia", "Kowalski", "Tanaka", "Haddad", "Johansson", "Murphy",
        "Fernandes", "Cohen", "Ivanova", "Brennan", "Dubois", "Rossi", "Kim", "Mensah", "Larsen", "Whitfield",
        "Castillo", "Novak", "Achebe", "Lindqvist", "Moreau", "Hughes", "Delgado", "Sato", "Baptiste", "Reyes"]
STREETS = ["Maple Ave", "Oak Street", "Cedar Lane", "Hillcrest Dr", "Willow Way", "Lakeview Blvd", "Sunset Rd", "Birch Ct", "Pine Street", "Elm Terrace"]
CITIES = [("Austin", "TX", "787"), ("Columbus", "OH", "432"), ("Portland", "OR", "972"), ("Raleigh", "NC", "276"),
          ("Denver", "CO", "802"), ("Tampa", "FL", "336"), ("Madison", "WI", "537"), ("Boise", "ID", "837"),
          ("Albany", "NY", "122"), ("Fresno", "CA", "937")]
AREA = ["512", "614", "503", "919", "303", "813", "608", "208", "518", "559", "347", "206", "415", "773", "617"]


def person():
    return pick(FIRST), pick(LAST)


def email_for(f, l):
    dom = pick(["gmail.com", "yahoo.com", "outlook.com", "icloud.com", "proton.me", "hotmail.com", "fastmail.com"])
    sep = pick([".", "_", "", "."])
    return ("%s%s%s%s" % (f.lower(), sep, l.lower(), pick(["", str(R.randint(1, 99)), str(R.randint(1960, 2004))]))) + "@" + dom


def phone():
    return "(%s) %d-%04d" % (pick(AREA), R.randint(201, 989), R.randint(0, 9999))


def dob():
    return "%04d-%02d-%02d" % (R.randint(1946, 2004), R.randint(1, 12), R.randint(1, 28))


def date(y0=2023, y1=2025):
    return "%04d-%02d-%02d" % (R.randint(y0, y1), R.randint(1, 12), R.randint(1, 28))


def ts():
    return "%sT%02d:%02d:%02d.%03dZ" % (date(), R.randint(0, 23), R.randint(0, 59), R.randint(0, 59), R.randint(0, 999))


# ----------------------------------------------------------------------------- PNG (real, valid)
def png(w=None, h=None, noisy=None):
    w = w or R.randint(48, 160)
    h = h or R.randint(32, 110)
    noisy = R.random() < 0.4 if noisy is None else noisy
    bg = (R.randint(200, 255), R.randint(200, 255), R.randint(200, 255))
    fg = (R.randint(0, 80), R.randint(0, 80), R.randint(0, 120))
    rows = []
    bars = [(R.randint(0, h - 1), R.randint(0, w // 2), R.randint(w // 2, w)) for _ in range(h // 6)]
    for y in range(h):
        row = bytearray([0])
        for x in range(w):
            c = bg
            for (by, x0, x1) in bars:
                if y in (by, by + 1) and x0 <= x < x1 and (x * 7 + y) % 5:
                    c = fg
            if noisy:
                c = tuple(max(0, min(255, v + R.randint(-40, 40))) for v in c)
            row += bytes(c)
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b"")
    return b64(data)


# ----------------------------------------------------------------------------- filler (benign)
PROJECTS = ["billing-service", "acme-web", "ingest-worker", "mobile-api", "docs-site", "data-pipeline", "auth-gateway", "search-indexer", "cli-tools", "inventory-ui"]

FILLER_CODE = [
    ("src/utils/retry.py", "import time\nfrom functools import wraps\n\n\ndef retry(times=3, delay=0.5):\n    def deco(fn):\n        @wraps(fn)\n        def wrapper(*a, **kw):\n            for i in range(times):\n                try:\n                    return fn(*a, **kw)\n                except Exception:\n                    if i == times - 1:\n                        raise\n                    time.sleep(delay * (2 ** i))\n        return wrapper\n    return deco\n"),
    ("src/components/Button.tsx", "import React from 'react';\n\ntype Props = { label: string; onClick?: () => void; variant?: 'primary' | 'ghost' };\n\nexport function Button({ label, onClick, variant = 'primary' }: Props) {\n  return (\n    <button className={`btn btn-${variant}`} onClick={onClick}>\n      {label}\n    </button>\n  );\n}\n"),
    ("internal/queue/queue.go", "package queue\n\nimport \"sync\"\n\ntype Queue[T any] struct {\n\tmu    sync.Mutex\n\titems []T\n}\n\nfunc (q *Queue[T]) Push(v T) {\n\tq.mu.Lock()\n\tdefer q.mu.Unlock()\n\tq.items = append(q.items, v)\n}\n\nfunc (q *Queue[T]) Len() int {\n\tq.mu.Lock()\n\tdefer q.mu.Unlock()\n\treturn len(q.items)\n}\n"),
    ("src/lib.rs", "pub fn parse_duration(s: &str) -> Option<u64> {\n    let (num, unit) = s.split_at(s.len() - 1);\n    let n: u64 = num.parse().ok()?;\n    match unit {\n        \"s\" => Some(n),\n        \"m\" => Some(n * 60),\n        \"h\" => Some(n * 3600),\n        _ => None,\n    }\n}\n"),
    ("tests/test_slugify.py", "from app.text import slugify\n\n\ndef test_basic():\n    assert slugify('Hello World') == 'hello-world'\n\n\ndef test_unicode():\n    assert slugify('Crème brûlée') == 'creme-brulee'\n"),
    ("package.json", "{\n  \"name\": \"inventory-ui\",\n  \"version\": \"1.8.2\",\n  \"private\": true,\n  \"scripts\": {\n    \"dev\": \"vite\",\n    \"build\": \"tsc && vite build\",\n    \"test\": \"vitest run\"\n  },\n  \"dependencies\": {\n    \"react\": \"^18.3.1\",\n    \"react-dom\": \"^18.3.1\"\n  }\n}\n"),
    ("Makefile", ".PHONY: test lint build\n\ntest:\n\tpytest -q\n\nlint:\n\truff check .\n\nbuild:\n\tdocker build -t app:dev .\n"),
]
FILLER_SHELL = [
    ("git status --short", " M src/handlers/orders.py\n M tests/test_orders.py\n?? notes.md\n"),
    ("ls -la src", "total 48\ndrwxr-xr-x  8 dev staff  256 Mar  4 10:12 .\ndrwxr-xr-x 14 dev staff  448 Mar  4 10:10 ..\n-rw-r--r--  1 dev staff 2310 Mar  4 10:12 app.py\n-rw-r--r--  1 dev staff  880 Mar  3 17:40 config.py\ndrwxr-xr-x  5 dev staff  160 Mar  3 17:40 handlers\ndrwxr-xr-x  4 dev staff  128 Mar  1 09:02 utils\n"),
    ("pytest -q", "........................................................ [ 84%]\n..........                                               [100%]\n66 passed in 3.41s\n"),
    ("npm run build", "> inventory-ui@1.8.2 build\n> tsc && vite build\n\nvite v5.4.8 building for production...\n✓ 412 modules transformed.\ndist/index.html                   0.46 kB │ gzip:  0.30 kB\ndist/assets/index-4f2a9c.css     12.80 kB │ gzip:  3.10 kB\ndist/assets/index-b7d1e0.js     182.44 kB │ gzip: 58.92 kB\n✓ built in 2.91s\n"),
    ("cargo test", "   Compiling durations v0.3.1\n    Finished test [unoptimized + debuginfo] target(s) in 4.22s\n     Running unittests src/lib.rs\n\nrunning 6 tests\n......\ntest result: ok. 6 passed; 0 failed; 0 ignored\n"),
    ("go vet ./...", ""),
    ("rg -n 'TODO' src | head", "src/app.py:41:    # TODO: move to settings\nsrc/handlers/orders.py:88:        # TODO handle partial refunds\n"),
]
ASST_LINES = ["Let me look at the relevant files first.", "I'll check the current state of the repo.", "Running the tests to see what fails.",
              "Now let me read the file you mentioned.", "Let me inspect that output more closely.", "I'll search for where this is used.",
              "That looks fine. Next I'll check the configuration.", "Checking the build output."]
USER_OPENERS = ["Can you help me figure out why the build is slow?", "Please review the changes on this branch.", "I need to upgrade our dependencies, take a look.",
                "Something is off in the deploy, can you investigate?", "Help me write docs for this module.", "Summarize what this repo does.",
                "Can you refactor the orders handler to be more testable?", "Why is CI red on main?"]
SYSTEMS = ["You are Claude Code, Anthropic's official CLI for Claude. You are an interactive CLI tool that helps users with software engineering tasks.",
           "You are a coding agent running in the Codex CLI, a terminal-based coding assistant.",
           "You are a helpful desktop assistant with access to the user's files via tools. Be concise.",
           "You are an autonomous software engineering agent. Use tools to inspect the workspace before answering."]


def filler_events(n):
    ev = []
    for _ in range(n):
        k = R.random()
        if k < 0.4:
            p, c = pick(FILLER_CODE)
            ev.append({"t": "tool", "kind": "read", "arg": p, "out": c})
        elif k < 0.75:
            cmd, out = pick(FILLER_SHELL)
            ev.append({"t": "tool", "kind": "shell", "arg": cmd, "out": out})
        else:
            ev.append({"t": "asst", "text": pick(ASST_LINES)})
    return ev


# ----------------------------------------------------------------------------- envelopes
def tid(prefix):
    if prefix == "toolu":
        return "toolu_01" + rs(B62, 22)
    if prefix == "call":
        return "call_" + rs(B62, 24)
    return prefix + rs(B62, 16)


def tool_names(env):
    if env == "anthropic":
        return {"read": ("Read", lambda a: {"file_path": "/home/dev/project/" + a}),
                "shell": ("Bash", lambda a: {"command": a, "description": "Run command"}),
                "fetch": ("WebFetch", lambda a: {"url": a, "prompt": "Extract the main content"}),
                "write": ("Write", lambda a: {"file_path": "/home/dev/project/" + a[0], "content": a[1]})}
    if env in ("openai-chat", "openai-responses"):
        return {"read": ("shell", lambda a: {"command": ["bash", "-lc", "cat " + a], "workdir": "/workspace"}),
                "shell": ("shell", lambda a: {"command": ["bash", "-lc", a], "workdir": "/workspace"}),
                "fetch": ("web_fetch", lambda a: {"url": a}),
                "write": ("apply_patch", lambda a: {"input": "*** Begin Patch\n*** Add File: %s\n+%s\n*** End Patch" % (a[0], a[1].replace("\n", "\n+"))})}
    return {"read": ("read_file", lambda a: {"absolute_path": "/usr/local/src/app/" + a}),
            "shell": ("run_shell_command", lambda a: {"command": a}),
            "fetch": ("web_fetch", lambda a: {"prompt": "Summarize " + a}),
            "write": ("write_file", lambda a: {"file_path": "/usr/local/src/app/" + a[0], "content": a[1]})}


def render_anthropic(events, system):
    names = tool_names("anthropic")
    msgs = []

    def push(role, block):
        if msgs and msgs[-1]["role"] == role:
            msgs[-1]["content"].append(block)
        else:
            msgs.append({"role": role, "content": [block]})
    for e in events:
        if e["t"] == "user":
            push("user", {"type": "text", "text": e["text"]})
        elif e["t"] == "asst":
            push("assistant", {"type": "text", "text": e["text"]})
        elif e["t"] == "image":
            push("user", {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": e["data"]}})
        elif e["t"] == "tool":
            nm, mk = names[e["kind"]]
            i = tid("toolu")
            push("assistant", {"type": "tool_use", "id": i, "name": nm, "input": mk(e["arg"])})
            out = e["out"]
            if e["kind"] == "read" and R.random() < 0.5:
                out = "\n".join("%6d\u2192%s" % (n + 1, l) for n, l in enumerate(out.split("\n")))
            push("user", {"type": "tool_result", "tool_use_id": i, "content": out})
    if msgs and msgs[-1]["role"] != "user":
        msgs.append({"role": "user", "content": [{"type": "text", "text": "Continue."}]})
    body = {"model": pick(["claude-sonnet-4-5-20250929", "claude-opus-4-1-20250805", "claude-haiku-4-5-20251001"]),
            "max_tokens": pick([8192, 16000, 32000]),
            "system": [{"type": "text", "text": system, "cache_control": {"type": "ephemeral"}}],
            "messages": msgs,
            "tools": [{"name": n, "description": "Tool " + n, "input_schema": {"type": "object"}} for n in ("Read", "Bash", "Write", "WebFetch")],
            "metadata": {"user_id": "user_%s_account_%s_session_%s" % (rhex(64), uuid4(), uuid4())},
            "stream": True}
    return "https://api.anthropic.com/v1/messages", {"Content-Type": "application/json", "anthropic-version": "2023-06-01", "User-Agent": "claude-cli/2.0.14 (external, cli)"}, body


def render_openai_chat(events, system):
    names = tool_names("openai-chat")
    msgs = [{"role": "system", "content": system}]
    for e in events:
        if e["t"] == "user":
            msgs.append({"role": "user", "content": e["text"]})
        elif e["t"] == "asst":
            msgs.append({"role": "assistant", "content": e["text"]})
        elif e["t"] == "image":
            msgs.append({"role": "user", "content": [{"type": "text", "text": e.get("caption", "screenshot")},
                                                     {"type": "image_url", "image_url": {"url": "data:image/png;base64," + e["data"]}}]})
        elif e["t"] == "tool":
            nm, mk = names[e["kind"]]
            i = tid("call")
            msgs.append({"role": "assistant", "content": None, "tool_calls": [{"id": i, "type": "function", "function": {"name": nm, "arguments": json.dumps(mk(e["arg"]))}}]})
            msgs.append({"role": "tool", "tool_call_id": i, "content": e["out"]})
    body = {"model": pick(["gpt-4.1", "gpt-4o-2024-11-20", "o4-mini"]), "messages": msgs, "temperature": 0.2,
            "tools": [{"type": "function", "function": {"name": "shell", "parameters": {"type": "object"}}}], "stream": True}
    return "https://api.openai.com/v1/chat/completions", {"Content-Type": "application/json", "User-Agent": "OpenAI/Python 1.51.0"}, body


def render_openai_responses(events, system):
    names = tool_names("openai-responses")
    items = []
    for e in events:
        if e["t"] == "user":
            items.append({"type": "message", "role": "user", "content": [{"type": "input_text", "text": e["text"]}]})
        elif e["t"] == "asst":
            items.append({"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": e["text"]}]})
        elif e["t"] == "image":
            items.append({"type": "message", "role": "user", "content": [{"type": "input_image", "image_url": "data:image/png;base64," + e["data"]}]})
        elif e["t"] == "tool":
            nm, mk = names[e["kind"]]
            i = tid("call")
            items.append({"type": "function_call", "call_id": i, "name": nm, "arguments": json.dumps(mk(e["arg"]))})
            items.append({"type": "function_call_output", "call_id": i, "output": e["out"]})
    body = {"model": pick(["gpt-5-codex", "gpt-5", "codex-mini-latest"]), "instructions": system, "input": items,
            "tools": [{"type": "function", "name": "shell", "parameters": {"type": "object"}}], "store": False, "stream": True,
            "prompt_cache_key": uuid4()}
    return "https://api.openai.com/v1/responses", {"Content-Type": "application/json", "User-Agent": "codex_cli_rs/0.46.0"}, body


def render_gemini(events, system):
    names = tool_names("gemini")
    contents = []

    def push(role, part):
        if contents and contents[-1]["role"] == role:
            contents[-1]["parts"].append(part)
        else:
            contents.append({"role": role, "parts": [part]})
    for e in events:
        if e["t"] == "user":
            push("user", {"text": e["text"]})
        elif e["t"] == "asst":
            push("model", {"text": e["text"]})
        elif e["t"] == "image":
            push("user", {"inlineData": {"mimeType": "image/png", "data": e["data"]}})
        elif e["t"] == "tool":
            nm, mk = names[e["kind"]]
            push("model", {"functionCall": {"name": nm, "args": mk(e["arg"])}})
            push("user", {"functionResponse": {"name": nm, "response": {"output": e["out"]}}})
    body = {"contents": contents, "systemInstruction": {"parts": [{"text": system}]},
            "generationConfig": {"temperature": 0, "thinkingConfig": {"thinkingBudget": 8192}},
            "tools": [{"functionDeclarations": [{"name": "read_file"}, {"name": "run_shell_command"}]}]}
    return "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:generateContent", {"Content-Type": "application/json", "User-Agent": "GeminiCLI/0.9.0"}, body


MCP_HOSTS = ["https://mcp.linear.app/mcp", "https://api.githubcopilot.com/mcp/", "http://localhost:3845/mcp", "https://mcp.sentry.dev/mcp", "https://mcp.notion.com/mcp"]


def render_mcp_call(payload_ev):
    """tools/call request: the payload is an argument of the call."""
    kind = payload_ev["kind"]
    if kind == "write":
        name, args = pick([("write_file", {"path": payload_ev["arg"][0], "content": payload_ev["arg"][1]}),
                           ("create_or_update_file", {"owner": "acme-labs", "repo": pick(PROJECTS), "path": payload_ev["arg"][0], "content": payload_ev["arg"][1], "message": "update", "branch": "main"})])
    else:
        name, args = pick([("create_issue", {"title": "Investigate: " + payload_ev["arg"][:60], "body": "Output attached:\n\n```\n" + payload_ev["out"] + "\n```"}),
                           ("add_comment", {"issueId": "ENG-%d" % R.randint(100, 9999), "body": "Here is what I found:\n\n" + payload_ev["out"]}),
                           ("write_file", {"path": "/tmp/" + payload_ev["arg"].split("/")[-1].split(" ")[0] + ".out", "content": payload_ev["out"]}),
                           ("notion_create_page", {"parent": {"page_id": uuid4()}, "title": "Notes", "markdown": payload_ev["out"]})])
    body = {"jsonrpc": "2.0", "id": R.randint(2, 400), "method": "tools/call", "params": {"name": name, "arguments": args, "_meta": {"progressToken": R.randint(1, 99)}}}
    return pick(MCP_HOSTS), {"Content-Type": "application/json", "Accept": "application/json, text/event-stream", "Mcp-Session-Id": uuid4(), "MCP-Protocol-Version": "2025-06-18"}, body


def render_mcp_result(payload_ev):
    """JSON-RPC result of a tools/call (a client-hosted tool answering a remote orchestrator / MCP gateway)."""
    text = payload_ev["out"] if payload_ev["kind"] != "write" else payload_ev["arg"][1]
    content = [{"type": "text", "text": text}]
    if payload_ev.get("image"):
        content = [{"type": "image", "data": payload_ev["image"], "mimeType": "image/png"}] + content
    body = {"jsonrpc": "2.0", "id": R.randint(2, 400), "result": {"content": content, "isError": False}}
    return pick(MCP_HOSTS), {"Content-Type": "application/json", "Mcp-Session-Id": uuid4(), "MCP-Protocol-Version": "2025-06-18"}, body


ENVS = ["anthropic", "anthropic", "openai-chat", "openai-responses", "gemini", "mcp-call", "mcp-result"]


def build_request(payload_ev, question, env=None, image=None):
    env = env or pick(ENVS)
    if env.startswith("mcp"):
        if payload_ev["t"] == "user":
            payload_ev = {"t": "tool", "kind": "read", "arg": "notes/pasted.txt", "out": payload_ev["text"]}
        if image:
            payload_ev = dict(payload_ev, image=image)
            env = "mcp-result"
        t, h, b = (render_mcp_call if env == "mcp-call" else render_mcp_result)(payload_ev)
        return env, t, h, b
    events = [{"t": "user", "text": pick(USER_OPENERS)}]
    events += filler_events(R.randint(2, 7))
    if image:
        events.append({"t": "image", "data": image, "caption": "here's a screenshot"})
    if payload_ev["t"] == "user":
        events.append(payload_ev)
    else:
        events.append({"t": "asst", "text": pick(ASST_LINES)})
        events.append(payload_ev)
    events += filler_events(R.randint(0, 3))
    events.append({"t": "user", "text": question})
    sysp = pick(SYSTEMS)
    fn = {"anthropic": render_anthropic, "openai-chat": render_openai_chat, "openai-responses": render_openai_responses, "gemini": render_gemini}[env]
    t, h, b = fn(events, sysp)
    return env, t, h, b


CASES = []
COUNT = {}


def add(cls, content, kind="read", arg=None, question=None, pos=False, cats=(), where=None, env=None, image=None):
    """content: the text that reaches the model (file read / shell output / user paste / file write)."""
    n = COUNT.get(cls, 0) + 1
    COUNT[cls] = n
    if kind == "user":
        ev = {"t": "user", "text": content}
    elif kind == "write":
        ev = {"t": "tool", "kind": "write", "arg": (arg or "out.txt", content), "out": "File written successfully."}
    else:
        ev = {"t": "tool", "kind": kind, "arg": arg or "README.md", "out": content}
    q = question or pick(["What do you make of this?", "Can you summarize the above?", "Any issues here?", "Fix whatever is wrong and explain.",
                          "What should I change?", "Explain this output to me."])
    envname, target, headers, body = build_request(ev, q, env, image)
    cid = "%s-%s-%03d" % ("pos" if pos else "neg", cls, n)
    case = {"id": cid, "target": target, "headers": headers, "body": json.dumps(body, ensure_ascii=False),
            "expect": {"categories": list(cats)} if pos else {},
            "tags": ["pos" if pos else "neg", "rt:" + cls, "env:" + envname]}
    if pos:
        case["where"] = where or ("%s of %s" % (kind, arg))
    CASES.append(case)


# ============================================================================= NEGATIVES
PKGS = ["react", "lodash", "express", "chalk", "debug", "semver", "zod", "axios", "vite", "esbuild", "typescript", "ms", "yargs", "commander", "uuid", "nanoid", "dotenv", "ws", "pino", "undici"]
CRATES = ["serde", "tokio", "anyhow", "thiserror", "clap", "regex", "rand", "hyper", "bytes", "tracing", "syn", "quote"]
GOMODS = ["github.com/spf13/cobra", "golang.org/x/sys", "github.com/stretchr/testify", "google.golang.org/grpc", "github.com/google/uuid", "go.uber.org/zap", "golang.org/x/net"]
PYPKGS = ["requests", "urllib3", "certifi", "idna", "charset-normalizer", "pydantic", "fastapi", "starlette", "anyio", "sniffio"]


def ver():
    return "%d.%d.%d" % (R.randint(0, 9), R.randint(0, 30), R.randint(0, 20))


def neg_lockfiles():
    for i in range(36):
        k = i % 6
        if k == 0:
            deps = {}
            for p in R.sample(PKGS, R.randint(4, 9)):
                v = ver()
                deps["node_modules/" + p] = {"version": v, "resolved": "https://registry.npmjs.org/%s/-/%s-%s.tgz" % (p, p, v), "integrity": "sha512-" + b64(rbytes(64)), "license": "MIT"}
            doc = {"name": pick(PROJECTS), "version": ver(), "lockfileVersion": 3, "requires": True, "packages": deps}
            add("lockfile", json.dumps(doc, indent=2), "read", "package-lock.json", "Why did package-lock change so much?")
        elif k == 1:
            out = "# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.\n# yarn lockfile v1\n\n"
            for p in R.sample(PKGS, R.randint(4, 8)):
                v = ver()
                out += '%s@^%s:\n  version "%s"\n  resolved "https://registry.yarnpkg.com/%s/-/%s-%s.tgz#%s"\n  integrity sha512-%s\n\n' % (p, v, v, p, p, v, rhex(40), b64(rbytes(64)))
            add("lockfile", out, "read", "yarn.lock")
        elif k == 2:
            out = "# This file is automatically @generated by Cargo.\n# It is not intended for manual editing.\nversion = 3\n\n"
            for p in R.sample(CRATES, R.randint(4, 8)):
                out += '[[package]]\nname = "%s"\nversion = "%s"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\nchecksum = "%s"\n\n' % (p, ver(), rhex(64))
            add("lockfile", out, "read", "Cargo.lock")
        elif k == 3:
            out = ""
            for m in R.sample(GOMODS, R.randint(3, 7)):
                v = "v" + ver()
                out += "%s %s h1:%s\n%s %s/go.mod h1:%s\n" % (m, v, b64(rbytes(32)), m, v, b64(rbytes(32)))
            add("lockfile", out, "shell", "cat go.sum", "Is go.sum consistent with go.mod?")
        elif k == 4:
            out = ""
            for p in R.sample(PYPKGS, R.randint(3, 6)):
                out += '[[package]]\nname = "%s"\nversion = "%s"\ndescription = "HTTP library"\noptional = false\npython-versions = ">=3.8"\nfiles = [\n    {file = "%s-%s-py3-none-any.whl", hash = "sha256:%s"},\n    {file = "%s-%s.tar.gz", hash = "sha256:%s"},\n]\n\n' % (p, ver(), p, ver(), rhex(64), p, ver(), rhex(64))
            out += '[metadata]\nlock-version = "2.0"\npython-versions = "^3.11"\ncontent-hash = "%s"\n' % rhex(64)
            add("lockfile", out, "read", "poetry.lock")
        else:
            out = ""
            for p in R.sample(PYPKGS, R.randint(3, 6)):
                out += "%s==%s \\\n    --hash=sha256:%s \\\n    --hash=sha256:%s\n" % (p, ver(), rhex(64), rhex(64))
            add("lockfile", out, "read", "requirements.lock")


DEVS = [("Ana Lima", "analima"), ("Tom Becker", "tbecker"), ("Jun Park", "junpark"), ("Sara Ortiz", "sortiz"), ("Dev Bot", "dependabot[bot]"), ("Lee Chen", "leechen")]


def neg_git():
    for i in range(30):
        k = i % 3
        if k == 0:
            out = ""
            for _ in range(R.randint(3, 8)):
                n, u = pick(DEVS)
                out += "commit %s\nAuthor: %s <%d+%s@users.noreply.github.com>\nDate:   %s\n\n    %s\n\n" % (rhex(40), n, R.randint(10000, 9999999), u, "Tue Mar %d %02d:%02d:11 2025 +0100" % (R.randint(1, 28), R.randint(0, 23), R.randint(0, 59)),
                                                                                                   pick(["fix: handle empty cart", "chore(deps): bump vite from 5.4.2 to 5.4.8", "feat: add retry to webhook sender", "refactor: split orders module", "docs: update README", "test: cover refund path"]))
            add("git", out, "shell", "git log -n 8", "What changed recently?")
        elif k == 1:
            a, b = rhex(7), rhex(7)
            out = "diff --git a/src/orders.py b/src/orders.py\nindex %s..%s 100644\n--- a/src/orders.py\n+++ b/src/orders.py\n@@ -%d,7 +%d,9 @@ def refund(order_id: str, amount_cents: int):\n-    if amount_cents > order.total_cents:\n+    if amount_cents <= 0:\n+        raise ValueError(\"amount must be positive\")\n+    if amount_cents > order.total_cents - order.refunded_cents:\n         raise RefundTooLarge(order_id)\n     return gateway.refund(order.charge_id, amount_cents)\n" % (a, b, R.randint(20, 200), R.randint(20, 200))
            out += "diff --git a/go.sum b/go.sum\nindex %s..%s 100644\n--- a/go.sum\n+++ b/go.sum\n@@ -1,3 +1,3 @@\n-golang.org/x/net v0.28.0 h1:%s\n+golang.org/x/net v0.30.0 h1:%s\n" % (rhex(7), rhex(7), b64(rbytes(32)), b64(rbytes(32)))
            add("git", out, "shell", "git diff HEAD~1", "Review this diff please.")
        else:
            out = ""
            for ln in range(1, R.randint(8, 16)):
                n, _ = pick(DEVS)
                out += "%s (%-10s %s %02d:%02d:%02d +0000 %3d) %s\n" % (rhex(8), n, date(), R.randint(0, 23), R.randint(0, 59), R.randint(0, 59), ln,
                                                                    pick(["def apply_discount(cart, code):", "    rate = RATES.get(code, 0)", "    return cart.total * (1 - rate)", "", "# discounts are percentages", "    log.debug('discount %s', code)"]))
            add("git", out, "shell", "git blame src/discounts.py", "Who introduced the discount logic?")


def neg_containers():
    for i in range(36):
        k = i % 6
        if k == 0:
            out = "REPOSITORY                       TAG       DIGEST                                                                    IMAGE ID       CREATED        SIZE\n"
            for r in R.sample(["python", "node", "postgres", "redis", "ghcr.io/acme-labs/api", "nginx", "golang"], 4):
                out += "%-32s %-9s sha256:%s   %s   %d days ago    %dMB\n" % (r, pick(["3.12-slim", "20-alpine", "16", "7.2", "latest", "1.27"]), rhex(64), rhex(12), R.randint(1, 40), R.randint(40, 900))
            add("containers", out, "shell", "docker images --digests")
        elif k == 1:
            out = "FROM python:3.12-slim@sha256:%s AS build\nWORKDIR /app\nCOPY requirements.lock .\nRUN pip install --no-cache-dir -r requirements.lock\nCOPY . .\nFROM gcr.io/distroless/python3-debian12@sha256:%s\nCOPY --from=build /app /app\nENV PORT=8080\nUSER 65532\nCMD [\"/app/main.py\"]\n" % (rhex(64), rhex(64))
            add("containers", out, "read", "Dockerfile")
        elif k == 2:
            out = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: %s\nspec:\n  replicas: %d\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ghcr.io/acme-labs/%s@sha256:%s\n          env:\n            - name: DATABASE_PASSWORD\n              valueFrom:\n                secretKeyRef:\n                  name: %s-db\n                  key: password\n            - name: STRIPE_API_KEY\n              valueFrom:\n                secretKeyRef:\n                  name: stripe\n                  key: api-key\n            - name: JWT_SECRET\n              valueFrom:\n                secretKeyRef: {name: jwt, key: secret}\n" % ((p := pick(PROJECTS)), R.randint(2, 6), p, rhex(64), p)
            add("containers", out, "read", "k8s/deployment.yaml", "Why does the pod crashloop?")
        elif k == 3:
            out = "# Default values for %s.\nimage:\n  repository: ghcr.io/acme-labs/%s\n  tag: \"%s\"\npostgresql:\n  auth:\n    username: app\n    password: changeme   # override with --set postgresql.auth.password=...\n    existingSecret: \"\"\nredis:\n  password: \"${REDIS_PASSWORD}\"\nsmtp:\n  user: \"\"\n  password: \"\"  # set via secret\nadmin:\n  initialPassword: \"<change-me>\"\ningress:\n  host: chart-example.local\n" % (pick(PROJECTS), pick(PROJECTS), ver())
            add("containers", out, "read", "charts/app/values.yaml")
        elif k == 4:
            out = "NAME                                READY   STATUS    RESTARTS   AGE   IP            NODE\n"
            for _ in range(R.randint(3, 7)):
                out += "%s-%s-%s   1/1     Running   %d          %dd   10.%d.%d.%d   ip-10-0-%d-%d.ec2.internal\n" % (pick(PROJECTS), rs("bcdfghjklmnpqrstvwxz2456789", 10), rs("bcdfghjklmnpqrstvwxz2456789", 5), R.randint(0, 3), R.randint(1, 30), R.randint(0, 255), R.randint(0, 255), R.randint(1, 254), R.randint(0, 255), R.randint(1, 254))
            out += "\nContainer ID: containerd://%s\nImage ID: ghcr.io/acme-labs/api@sha256:%s\n" % (rhex(64), rhex(64))
            add("containers", out, "shell", "kubectl get pods -o wide")
        else:
            out = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-secrets\ntype: Opaque\nstringData:\n  DATABASE_URL: \"postgres://USER:PASSWORD@HOST:5432/DB\"   # template - filled by external-secrets\n  API_KEY: \"REPLACE_ME\"\n---\napiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata:\n  name: app-secrets\nspec:\n  secretStoreRef: {name: aws-sm, kind: ClusterSecretStore}\n  data:\n    - secretKey: API_KEY\n      remoteRef: {key: prod/%s/api-key}\n" % pick(PROJECTS)
            add("containers", out, "read", "k8s/secret.template.yaml")


def neg_iac_ci():
    for i in range(32):
        k = i % 4
        if k == 0:
            acct = str(R.randint(100000000000, 999999999999))
            out = "Terraform will perform the following actions:\n\n  # aws_db_instance.main will be created\n  + resource \"aws_db_instance\" \"main\" {\n      + allocated_storage = 100\n      + arn               = (known after apply)\n      + engine            = \"postgres\"\n      + username          = \"app\"\n      + password          = (sensitive value)\n      + kms_key_id        = \"arn:aws:kms:us-east-1:%s:key/%s\"\n    }\n\n  # aws_iam_role.ci will be updated in-place\n  ~ resource \"aws_iam_role\" \"ci\" {\n        arn  = \"arn:aws:iam::%s:role/github-actions-ci\"\n      ~ assume_role_policy = (sensitive value)\n    }\n\nPlan: 1 to add, 1 to change, 0 to destroy.\n" % (acct, uuid4(), acct)
            add("iac-ci", out, "shell", "terraform plan -no-color")
        elif k == 1:
            out = "2025-03-%02dT10:%02d:01.1234567Z ##[group]Run aws-actions/configure-aws-credentials@v4\n  with:\n    aws-access-key-id: ***\n    aws-secret-access-key: ***\n    aws-region: us-east-1\n##[endgroup]\n2025-03-%02dT10:%02d:03Z Run docker login ghcr.io -u github-actions -p ***\nWARNING! Using --password via the CLI is insecure. Use --password-stdin.\nLogin Succeeded\n2025-03-%02dT10:%02d:09Z NPM_TOKEN: ***\n+ npm publish --access public\nnpm notice Publishing to https://registry.npmjs.org/ with tag latest\n##[error]Process completed with exit code 1.\n" % (R.randint(1, 28), R.randint(0, 59), R.randint(1, 28), R.randint(0, 59), R.randint(1, 28), R.randint(0, 59))
            add("iac-ci", out, "fetch", "https://github.com/acme-labs/%s/actions/runs/%d/job/%d" % (pick(PROJECTS), R.randint(10 ** 10, 10 ** 11), R.randint(10 ** 10, 10 ** 11)), "Why did the publish job fail?")
        elif k == 2:
            out = "name: deploy\non:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n      - uses: actions/checkout@%s\n      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          role-to-assume: ${{ secrets.AWS_ROLE_ARN }}\n          aws-region: us-east-1\n      - run: npm ci && npm run build\n        env:\n          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n          SENTRY_AUTH_TOKEN: ${{ secrets.SENTRY_AUTH_TOKEN }}\n" % rhex(40)
            add("iac-ci", out, "read", ".github/workflows/deploy.yml")
        else:
            out = "variable \"db_password\" {\n  type      = string\n  sensitive = true\n}\n\nresource \"aws_secretsmanager_secret_version\" \"db\" {\n  secret_id     = aws_secretsmanager_secret.db.id\n  secret_string = var.db_password\n}\n\noutput \"db_endpoint\" {\n  value = aws_db_instance.main.endpoint\n}\n\noutput \"db_password\" {\n  value     = var.db_password\n  sensitive = true\n}\n"
            out2 = "\n$ terraform output\ndb_endpoint = \"%s.%s.us-east-1.rds.amazonaws.com:5432\"\ndb_password = <sensitive>\n" % (pick(PROJECTS), rs(string.ascii_lowercase + string.digits, 12))
            add("iac-ci", out + out2, "read", "infra/db.tf")


ENV_KEYS = ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "DATABASE_URL", "STRIPE_SECRET_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "GITHUB_TOKEN",
            "SLACK_BOT_TOKEN", "SENTRY_DSN", "REDIS_URL", "JWT_SECRET", "SESSION_SECRET", "SMTP_PASSWORD", "NEXTAUTH_SECRET", "SUPABASE_ANON_KEY"]
PLACEHOLDERS = ["", "your-api-key-here", "<your-key>", "changeme", "xxxxxxxxxxxxxxxx", "sk-...", "REPLACE_ME", "TODO", "${%s}", "dummy", "sk-ant-xxxxx", "ghp_XXXXXXXXXXXXXXXXXXXX",
                "postgres://user:password@localhost:5432/app_dev", "redis://localhost:6379/0", "generate-with-openssl-rand-hex-32", "<insert secret>", "your_secret_here"]


def neg_env_example():
    for i in range(30):
        lines = ["# Copy this file to .env and fill in the values", "# Never commit the real .env", "NODE_ENV=development", "PORT=%d" % pick([3000, 8080, 5173, 8000])]
        for k in R.sample(ENV_KEYS, R.randint(5, 10)):
            p = pick(PLACEHOLDERS)
            if "%s" in p:
                p = p % k
            lines.append("%s=%s" % (k, p))
        fn = pick([".env.example", ".env.sample", ".env.template", "example.env", ".env.local.example"])
        if i % 3 == 0:
            add("env-example", "\n".join(lines) + "\n", "read", fn, "Which of these env vars does the app actually need?")
        elif i % 3 == 1:
            txt = "## Configuration\n\nSet the following environment variables before running:\n\n```bash\nexport OPENAI_API_KEY=\"sk-...\"   # get one at https://platform.openai.com/api-keys\nexport ANTHROPIC_API_KEY=<your key>\n```\n\nOr create a `%s`:\n\n```\n%s\n```\n\nThe app reads `process.env.OPENAI_API_KEY` at startup and fails fast if it is missing.\n" % (fn, "\n".join(lines[2:]))
            add("env-example", txt, "read", "README.md")
        else:
            txt = "import os\n\nOPENAI_API_KEY = os.environ[\"OPENAI_API_KEY\"]\nDATABASE_URL = os.getenv(\"DATABASE_URL\", \"sqlite:///./dev.db\")\nJWT_SECRET = os.environ.get(\"JWT_SECRET\") or secrets.token_hex(32)\nSTRIPE_KEY = settings.STRIPE_SECRET_KEY  # loaded from vault at runtime\npassword = getpass.getpass(\"DB password: \")\n"
            add("env-example", txt, "read", "app/config.py")


JWT_IO = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"


def neg_doc_examples():
    for i in range(36):
        k = i % 6
        if k == 0:
            out = "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\nregion = us-west-2\n"
            add("doc-examples", "# tests/fixtures/aws_credentials (from the AWS CLI docs)\n" + out, "read", "tests/fixtures/aws_credentials", "Is this fixture safe to commit?")
        elif k == 1:
            cards = R.sample(["4242 4242 4242 4242", "4000 0566 5566 5556", "5555 5555 5555 4444", "3782 822463 10005", "4000 0000 0000 9995", "4000 0025 0000 3155", "6011 1111 1111 1117"], 4)
            out = "import { test, expect } from '@playwright/test';\n\n// Stripe test-mode cards: https://docs.stripe.com/testing\nconst CARDS = {\n" + "".join("  c%d: '%s',\n" % (n, c) for n, c in enumerate(cards)) + "};\n\ntest('checkout succeeds', async ({ page }) => {\n  await page.fill('#card', CARDS.c0);\n  await page.fill('#exp', '12/34');\n  await page.fill('#cvc', '123');\n  await expect(page.locator('.ok')).toBeVisible();\n});\n"
            add("doc-examples", out, "read", "e2e/checkout.spec.ts")
        elif k == 2:
            ex = R.sample(["DE89 3704 0044 0532 0130 00", "GB82 WEST 1234 5698 7654 32", "FR14 2004 1010 0505 0001 3M02 606", "NL91 ABNA 0417 1643 00", "GB29 NWBK 6016 1331 9268 19"], 3)
            out = "def test_iban_validation():\n" + "".join("    assert is_valid_iban(%r)\n" % e for e in ex) + "    assert not is_valid_iban('DE00 0000 0000 0000 0000 00')\n"
            add("doc-examples", out, "read", "tests/test_iban.py")
        elif k == 3:
            out = "// Example from https://jwt.io\nconst token = '%s';\nconst decoded = jwt.decode(token);\nexpect(decoded.name).toBe('John Doe');\n" % JWT_IO
            add("doc-examples", out, "read", "test/jwt.test.js")
        elif k == 4:
            out = "SSN_EXAMPLES = [\n    '078-05-1120',  # Woolworth wallet card (famous invalid)\n    '219-09-9999',  # SSA advertising sample\n    '000-12-3456',  # invalid area\n    '666-12-3456',  # never issued\n]\n\n@pytest.mark.parametrize('s', SSN_EXAMPLES)\ndef test_rejects_known_invalid(s):\n    assert not validate_ssn(s)\n"
            add("doc-examples", out, "read", "tests/test_ssn_validator.py")
        else:
            out = "curl https://api.stripe.com/v1/charges \\\n  -u sk_test_xxxxxxxxxxxxxxxxxxxxxxxx: \\\n  -d amount=2000 -d currency=usd -d source=tok_visa\n\n# Contact: support@example.com, phone 555-0100\n# Example user: Jane Doe, 123 Main St, Anytown, USA\n"
            add("doc-examples", out, "read", "docs/api-quickstart.md")


def neg_ids():
    for i in range(30):
        k = i % 3
        if k == 0:
            out = ""
            for _ in range(R.randint(6, 14)):
                out += '{"ts":"%s","level":"info","request_id":"%s","trace_id":"%s","span_id":"%s","msg":"%s","duration_ms":%d}\n' % (ts(), uuid4(), rhex(32), rhex(16), pick(["GET /v1/orders", "POST /v1/carts", "cache miss", "job enqueued"]), R.randint(1, 900))
            add("ids", out, "shell", "kubectl logs deploy/api --tail=20")
        elif k == 1:
            rows = [{"id": ulid(), "tenant": uuid4(), "event": pick(["created", "updated", "archived"]), "seq": R.randint(1, 10 ** 6)} for _ in range(R.randint(5, 10))]
            add("ids", json.dumps({"data": rows, "next_cursor": ulid()}, indent=2), "fetch", "http://localhost:8080/api/events?limit=10")
        else:
            msgs = [{"id": snowflake(), "channel_id": snowflake(), "author": {"id": snowflake(), "username": pick(["buildbot", "release-notes"])}, "content": pick(["deploy finished", "tests green", "v%s tagged" % ver()])} for _ in range(R.randint(3, 8))]
            add("ids", json.dumps(msgs, indent=1), "fetch", "https://discord.com/api/v10/channels/%s/messages" % snowflake())


def neg_images():
    for i in range(24):
        img = png()
        q = pick(["This is what the login page looks like now - the button is misaligned.", "See screenshot of the error dialog.", "The chart renders wrong, see attached."])
        add("image-b64", "Attached a screenshot.", "user", None, q, image=img)


def neg_webassets():
    for i in range(36):
        k = i % 6
        if k == 0:
            mods = ",".join('%d:function(e,t,n){"use strict";n.d(t,{%s:function(){return %s}});var r=n(%d),o=n.n(r);const %s=e=>o()("%s",e)}' % (R.randint(100, 9999), rs(string.ascii_letters, 1), rs(string.ascii_letters, 1), R.randint(100, 9999), rs(string.ascii_letters, 1), rhex(8)) for _ in range(R.randint(4, 10)))
            out = '"use strict";(self.webpackChunk_acme_web=self.webpackChunk_acme_web||[]).push([[%d],{%s}]);\n//# sourceMappingURL=%d.%s.chunk.js.map' % (R.randint(10, 999), mods, R.randint(10, 999), rhex(8))
            add("web-assets", out, "read", "dist/static/js/%d.%s.chunk.js" % (R.randint(10, 999), rhex(8)))
        elif k == 1:
            sm = {"version": 3, "file": "main.%s.js" % rhex(8), "sources": ["webpack://acme-web/./src/index.tsx", "webpack://acme-web/./src/App.tsx"], "names": ["React", "App", "useState", "render"],
                  "mappings": ";".join(",".join(rs("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", R.randint(4, 8)) for _ in range(R.randint(3, 12))) for _ in range(40)),
                  "sourcesContent": ["import React from 'react';\nexport default function App(){return null}"]}
            add("web-assets", json.dumps(sm), "read", "dist/main.js.map")
        elif k == 2:
            out = "<!doctype html>\n<html>\n<head>\n" + "".join('  <script src="https://cdn.jsdelivr.net/npm/%s@%s/dist/%s.min.js" integrity="sha384-%s" crossorigin="anonymous"></script>\n' % (p, ver(), p, b64(rbytes(48))) for p in R.sample(PKGS, 3)) + '  <link rel="stylesheet" href="/assets/index-%s.css" integrity="sha256-%s">\n</head>\n</html>\n' % (rhex(8), b64(rbytes(32)))
            add("web-assets", out, "read", "public/index.html")
        elif k == 3:
            out = "asset-manifest.json\n" + json.dumps({"files": {"main.css": "/static/css/main.%s.css" % rhex(8), "main.js": "/static/js/main.%s.js" % rhex(8)}, "entrypoints": ["static/js/runtime.%s.js" % rhex(20), "static/js/main.%s.js" % rhex(20)]}, indent=2)
            out += "\n\nBuild ID: %s\nchunk hashes: %s\n" % (rs(B64URL, 21), " ".join(rhex(20) for _ in range(5)))
            add("web-assets", out, "shell", "cat build/asset-manifest.json && cat .next/BUILD_ID")
        elif k == 4:
            woff = b64(b"wOF2\x00\x01\x00\x00" + rbytes(R.randint(600, 1800)))
            out = "@font-face{font-family:'Inter var';font-style:normal;font-weight:100 900;font-display:swap;src:url(data:font/woff2;base64,%s) format('woff2')}\n:root{--primary:#%s;--accent:#%s;--bg:rgba(%d,%d,%d,.92)}\n.btn{color:#%s;background:linear-gradient(90deg,#%s 0%%,#%s 100%%)}\n" % (woff, rhex(6), rhex(6), R.randint(0, 255), R.randint(0, 255), R.randint(0, 255), rhex(3), rhex(6), rhex(6))
            add("web-assets", out, "read", "dist/assets/index-%s.css" % rhex(8))
        else:
            path = "M" + " ".join("%s%.2f %.2f" % (pick("LCQ"), R.uniform(0, 512), R.uniform(0, 512)) for _ in range(R.randint(20, 60))) + "Z"
            out = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><path fill="#%s" d="%s"/><image href="data:image/png;base64,%s" width="16" height="16"/></svg>' % (rhex(6), path, png(16, 16))
            add("web-assets", out, "read", "src/assets/logo.svg")


def neg_jwt_lookalike():
    for i in range(24):
        k = i % 4
        if k == 0:
            cur = base64.urlsafe_b64encode(json.dumps({"offset": R.randint(0, 5000), "sort": "created_at", "id": R.randint(1, 10 ** 6)}).encode()).decode().rstrip("=")
            out = json.dumps({"data": [{"id": R.randint(1, 10 ** 6), "name": "item-%d" % n} for n in range(3)], "page_info": {"has_next": True, "end_cursor": cur}}, indent=2)
            add("jwt-lookalike", out, "fetch", "http://localhost:4000/graphql")
        elif k == 1:
            gids = [base64.b64encode(("%s:%d" % (pick(["User", "Repository", "Issue"]), R.randint(1, 10 ** 8))).encode()).decode() for _ in range(4)]
            add("jwt-lookalike", "Relay node IDs from the fixture:\n" + "\n".join(gids) + "\n\nversion string: %s.%s.%s\ncache key: v2.%s.%s\n" % (rs(B64URL, 10), rs(B64URL, 22), rs(B64URL, 16), rhex(16), rs(B64URL, 27)), "read", "tests/fixtures/node_ids.txt")
        elif k == 2:
            out = "traceparent: 00-%s-%s-01\ntracestate: rojo=%s\nx-amzn-trace-id: Root=1-%s-%s;Parent=%s;Sampled=1\nETag: W/\"%s\"\nx-request-id: %s\n" % (rhex(32), rhex(16), rhex(16), rhex(8), rhex(24), rhex(16), rs(B64URL, 27), uuid4())
            add("jwt-lookalike", out, "shell", "curl -sI http://localhost:8080/health")
        else:
            hdr = base64.urlsafe_b64encode(json.dumps({"alg": "RS256", "kid": rhex(16), "typ": "JWT"}).encode()).decode().rstrip("=")
            out = "# Debugging the verifier\n\nThe header we receive decodes fine: `%s` -> `{\"alg\":\"RS256\",...}` but the payload segment is missing, so `jwt.decode` raises `DecodeError: Not enough segments`.\nThe Authorization header is logged as `Bearer <redacted>`.\n" % hdr
            add("jwt-lookalike", out, "user", None, "Why does the verifier fail?")


def neg_public_keys():
    for i in range(30):
        k = i % 5
        if k == 0:
            out = pem_block("CERTIFICATE", bytes([0x30, 0x82, 0x05, 0x1a, 0x30, 0x82, 0x04, 0x02, 0xa0, 0x03, 0x02, 0x01, 0x02]), 1300)
            if R.random() < 0.5:
                out += "\n" + pem_block("CERTIFICATE", bytes([0x30, 0x82, 0x04, 0x32, 0x30, 0x82, 0x03, 0x1a]), 1050)
            add("public-keys", out, "shell", "openssl s_client -showcerts -connect example.com:443 </dev/null 2>/dev/null | sed -n '/BEGIN/,/END/p'")
        elif k == 1:
            out = "".join("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI%s %s@%s\n" % (b64(rbytes(32))[:43], pick(["ana", "tom", "deploy", "ci"]), pick(["laptop", "build-01", "mbp"])) for _ in range(R.randint(2, 5)))
            out += "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQ%s deploy@bastion\n" % b64(rbytes(384))
            add("public-keys", out, "read", "infra/authorized_keys", "Add Jun's key to this list.")
        elif k == 2:
            keys = [{"kty": "RSA", "use": "sig", "kid": rs(B64URL, 27), "alg": "RS256", "n": base64.urlsafe_b64encode(rbytes(256)).decode().rstrip("="), "e": "AQAB"} for _ in range(2)]
            keys.append({"kty": "EC", "crv": "P-256", "kid": rhex(16), "x": base64.urlsafe_b64encode(rbytes(32)).decode().rstrip("="), "y": base64.urlsafe_b64encode(rbytes(32)).decode().rstrip("="), "use": "sig"})
            add("public-keys", json.dumps({"keys": keys}, indent=2), "fetch", "https://auth.example.com/.well-known/jwks.json")
        elif k == 3:
            out = pem_block("PUBLIC KEY", bytes([0x30, 0x82, 0x01, 0x22, 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01]), 270)
            add("public-keys", "// webhook signature verification key (public)\nexport const WEBHOOK_PUBLIC_KEY = `" + out + "`;\n", "read", "src/webhooks/key.ts")
        else:
            out = "object %s\ntype commit\ntag v%s\ntagger Release Bot <release@example.org> %d +0000\n\nRelease v%s\n%s\n" % (rhex(40), ver(), R.randint(1600000000, 1750000000), ver(), pem_block("PGP SIGNATURE", b"\x89\x02\x33\x04\x00\x01\x0a\x00\x1d\x16\x21\x04", 520).replace("-----BEGIN PGP SIGNATURE-----\n", "-----BEGIN PGP SIGNATURE-----\n\n"))
            add("public-keys", out, "shell", "git cat-file -p v%s" % ver())


def b58(n):
    a = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
    return rs(a, n)


def neg_crypto_public():
    for i in range(24):
        k = i % 3
        if k == 0:
            out = "| block | tx hash | from | to | value (ETH) |\n|---|---|---|---|---|\n"
            for _ in range(R.randint(4, 9)):
                out += "| %d | 0x%s | 0x%s | 0x%s | %.4f |\n" % (R.randint(18000000, 21000000), rhex(64), rhex(40), rhex(40), R.uniform(0, 12))
            add("crypto-public", out, "fetch", "https://etherscan.io/txs?a=0x" + rhex(40))
        elif k == 1:
            out = "Donations welcome:\n- BTC: bc1q%s\n- BTC (legacy): 1%s\n- ETH: 0x%s\n- SOL: %s\n\nContract deployed at 0x%s (verified on Etherscan). Deployment tx: 0x%s\n" % (rs("qpzry9x8gf2tvdw0s3jn54khce6mua7l", 38), b58(33), rhex(40), b58(44), rhex(40), rhex(64))
            add("crypto-public", out, "read", "README.md")
        else:
            out = "  ✓ deploys Token (412ms)\n  events:\n    Transfer(from=0x%s, to=0x%s, value=1000000000000000000)\n    blockHash: 0x%s\n    storage slot 0x%s = 0x%s\n  3 passing (1s)\n" % ("0" * 40, rhex(40), rhex(64), rhex(64), rhex(64))
            add("crypto-public", out, "shell", "npx hardhat test")


def neg_binary_blobs():
    for i in range(30):
        k = i % 3
        if k == 0:
            data = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00\x01\x00\x00\x00" + rbytes(R.randint(100, 260))
            out = ""
            for off in range(0, len(data), 16):
                chunk = data[off:off + 16]
                hx = " ".join(chunk[j:j + 2].hex() for j in range(0, len(chunk), 2))
                out += "%08x: %-39s  %s\n" % (off, hx, "".join(chr(c) if 32 <= c < 127 else "." for c in chunk))
            add("binary-blob", out, "shell", "xxd bin/server | head -20")
        elif k == 1:
            blobs = [b64(b"\x0a" + bytes([R.randint(10, 40)]) + rbytes(R.randint(30, 200))) for _ in range(R.randint(2, 5))]
            out = json.dumps({"resourceSpans": [{"scopeSpans": [{"spans": [{"traceId": rhex(32), "spanId": rhex(16), "name": "HTTP GET", "attributes": [{"key": "payload", "value": {"bytesValue": b}}]} for b in blobs]}]}]}, indent=1)
            add("binary-blob", out, "shell", "cat /tmp/otel-export.json")
        else:
            out = "$ protoc --decode_raw < event.bin\n1: %d\n2: \"%s\"\n3 {\n  1: %d\n  2: 0x%s\n}\n$ base64 event.bin\n%s\n" % (R.randint(1, 10 ** 9), uuid4(), R.randint(1, 10 ** 12), rhex(16), b64(rbytes(R.randint(60, 300))))
            add("binary-blob", out, "shell", "protoc --decode_raw < event.bin; base64 event.bin")


def neg_orders_tracking():
    for i in range(33):
        k = i % 3
        if k == 0:
            out = "order_id,placed_at,status,items,total_usd,carrier,tracking\n"
            for _ in range(R.randint(6, 14)):
                c = pick(["UPS", "FedEx", "USPS", "FedEx"])
                if c == "UPS":
                    tr = "1Z" + rs(string.ascii_uppercase + string.digits, 6) + pick(["01", "02", "03", "12"]) + rs(string.digits, 8)
                elif c == "FedEx":
                    tr = rs(string.digits, pick([12, 15]))
                else:
                    tr = "94" + pick(["00", "05", "10", "34"]) + rs(string.digits, pick([18, 18, 16]))
                out += "%s,%s,%s,%d,%.2f,%s,%s\n" % (pick(["%d-%07d-%07d" % (R.randint(100, 999), R.randint(0, 9999999), R.randint(0, 9999999)), "SO-%06d" % R.randint(0, 999999), "#%d" % R.randint(1000, 99999)]),
                                                    date(), pick(["shipped", "delivered", "processing"]), R.randint(1, 6), R.uniform(5, 800), c, tr)
            add("orders-tracking", out, "shell", "python scripts/export_orders.py --since 2025-01-01 --no-pii | head -20", "Why are some orders stuck in processing?")
        elif k == 1:
            out = "Invoice INV-%d-%05d\nPO number: %d\nCustomer account: ACME-%05d\nTerms: Net 30\n\nLine  SKU              Qty   Unit      Amount\n" % (R.randint(2023, 2025), R.randint(1, 99999), R.randint(10 ** 9, 10 ** 10), R.randint(1, 99999))
            tot = 0
            for ln in range(1, R.randint(4, 9)):
                q, u = R.randint(1, 40), R.uniform(2, 400)
                tot += q * u
                out += "%-5d %-16s %-5d %-9.2f %.2f\n" % (ln, "%s-%04d-%s" % (rs(string.ascii_uppercase, 3), R.randint(0, 9999), rs(string.ascii_uppercase + string.digits, 2)), q, u, q * u)
            out += "\nSubtotal: %.2f\nTax (8.25%%): %.2f\nTotal due: %.2f USD\n" % (tot, tot * 0.0825, tot * 1.0825)
            add("orders-tracking", out, "read", "samples/invoice_template_render.txt")
        else:
            out = "Your package is on the way!\nTracking: %s\nShipment ID: %s\nEst. delivery: %s\nReturn label RMA# %d\nReference: %s\n" % ("1Z" + rs(string.ascii_uppercase + string.digits, 16), rs(string.digits, 22), date(), R.randint(10 ** 7, 10 ** 8), rs(string.digits, 16))
            add("orders-tracking", out, "user", None, "Parse this shipping notification into JSON for our test fixture.")


def neg_barcodes():
    for i in range(27):
        out = "sku,title,isbn13,ean13,upc,price\n"
        for _ in range(R.randint(6, 14)):
            isb = pick(["978", "979"]) + rs(string.digits, 9)
            isb += ean_check(isb)
            ea = pick(["400", "500", "590", "871", "760"]) + rs(string.digits, 9)
            ea += ean_check(ea)
            up = rs(string.digits, 11)
            up += upc_check(up)
            out += "BK-%05d,%s,%s,%s,%s,%.2f\n" % (R.randint(0, 99999), pick(["The Pragmatic Programmer", "Clean Architecture", "Designing Data-Intensive Apps", "Refactoring", "Kochbuch", "Atlas"]), isb, ea, up, R.uniform(5, 90))
        if i % 3 == 0:
            out = out.replace(",", "\t")
        add("barcodes", out, "read", "data/catalog_sample.csv", "Validate the check digits in this catalog.")


def neg_timestamps():
    for i in range(27):
        k = i % 3
        if k == 0:
            out = ""
            base = R.randint(1700000000000, 1760000000000)
            for _ in range(R.randint(8, 16)):
                base += R.randint(1, 90000)
                out += "%d %s build=%d pid=%d %s\n" % (base, pick(["INFO", "WARN", "DEBUG"]), R.randint(1000, 99999), R.randint(100, 65000), pick(["gc pause 12ms", "flush 4096 bytes", "reconnect ok", "tick"]))
            add("timestamps", out, "shell", "tail -n 20 /var/log/app/worker.log")
        elif k == 1:
            out = "| version | released | build | commit |\n|---|---|---|---|\n"
            for _ in range(R.randint(5, 10)):
                out += "| %s | %s | %d.%d.%d.%d | %s |\n" % (ver(), "%04d%02d%02d-%02d%02d" % (R.randint(2022, 2025), R.randint(1, 12), R.randint(1, 28), R.randint(0, 23), R.randint(0, 59)), R.randint(1, 20), R.randint(0, 9), R.randint(1000, 9999), R.randint(1, 999), rhex(7))
            add("timestamps", out, "read", "CHANGELOG-builds.md")
        else:
            out = "Run ID       Started (epoch)   Duration(ms)   Exit\n"
            for _ in range(R.randint(6, 12)):
                out += "%-12d %-17d %-14d %d\n" % (R.randint(10 ** 9, 10 ** 10), R.randint(1700000000, 1760000000), R.randint(1000, 9999999), pick([0, 0, 0, 1, 137]))
            out += "\nCall window: 2025-03-14 15:30-16:45 (UTC+01:00)\nMeeting ID: %d %d %d\n" % (R.randint(100, 999), R.randint(1000, 9999), R.randint(1000, 9999))
            add("timestamps", out, "shell", "gh run list --json databaseId,startedAt")


def neg_network():
    for i in range(27):
        k = i % 3
        if k == 0:
            out = "en0: flags=8863<UP,BROADCAST,RUNNING> mtu 1500\n\tether %s\n\tinet 192.168.%d.%d netmask 0xffffff00 broadcast 192.168.1.255\n\tinet6 fe80::%s:%s:%s:%s%%en0 prefixlen 64\ndocker0: inet 172.17.0.1/16\nlo0: inet 127.0.0.1 netmask 0xff000000\n" % (":".join(rhex(2) for _ in range(6)), R.randint(0, 5), R.randint(2, 250), rhex(4), rhex(4), rhex(4), rhex(4))
            add("network", out, "shell", "ifconfig")
        elif k == 1:
            out = "resource \"aws_security_group_rule\" \"ingress\" {\n  cidr_blocks = [\"10.%d.0.0/16\", \"203.0.113.0/24\", \"198.51.100.%d/32\"]\n  from_port   = 443\n}\n# docs range used in tests: 192.0.2.0/24\n# allow list\n%s\n" % (R.randint(0, 255), R.randint(1, 254), "\n".join("%d.%d.%d.0/%d" % (R.randint(1, 223), R.randint(0, 255), R.randint(0, 255), pick([16, 20, 24])) for _ in range(R.randint(3, 8))))
            add("network", out, "read", "infra/sg.tf")
        else:
            out = "PING host.docker.internal (192.168.65.254): 56 data bytes\n64 bytes from 192.168.65.254: icmp_seq=0 ttl=64 time=0.%d ms\n\ntraceroute to example.com (93.184.215.14), 30 hops max\n" % R.randint(100, 999)
            for h in range(1, R.randint(5, 10)):
                out += " %d  %d.%d.%d.%d  %.3f ms\n" % (h, R.randint(1, 223), R.randint(0, 255), R.randint(0, 255), R.randint(1, 254), R.uniform(0.5, 60))
            add("network", out, "shell", "ping -c1 host.docker.internal; traceroute example.com")


def neg_imei():
    for i in range(21):
        out = "device_id,model,os,imei,serial,enrolled\n"
        for _ in range(R.randint(5, 12)):
            out += "%s,%s,%s,%s,%s,%s\n" % (uuid4()[:8], pick(["Pixel 8", "iPhone 15", "Galaxy S23", "ThinkPad X1"]), pick(["Android 14", "iOS 17.4", "Windows 11"]), imei(), rs(string.ascii_uppercase + string.digits, 12), date())
        add("imei", out, "shell", "mdmctl devices export --format csv", "How many devices are still on iOS 17?")


def neg_tables():
    for i in range(33):
        k = i % 4
        if k == 0:
            out = "sample_id,temp_c,pressure_kpa,humidity_pct,voltage_mv,reading\n"
            for n in range(R.randint(10, 20)):
                out += "%d,%.2f,%.3f,%.1f,%d,%d\n" % (n + 1, R.uniform(-5, 40), R.uniform(95, 105), R.uniform(10, 99), R.randint(3000, 4200), R.randint(10 ** 8, 10 ** 10))
            add("tables", out, "read", "data/sensor_run_%d.csv" % R.randint(1, 99))
        elif k == 1:
            out = "Week %d results\n" % R.randint(1, 17)
            for _ in range(R.randint(6, 12)):
                out += "%-22s %2d - %-2d %-22s att. %d\n" % (pick(["Riverside FC", "North Valley", "Harbor City", "Eastside United", "Lakeshore"]), R.randint(0, 5), R.randint(0, 5), pick(["Mountain Rovers", "Central SC", "Westbrook", "Port Athletic"]), R.randint(1000, 60000))
            add("tables", out, "fetch", "https://example.org/league/results")
        elif k == 2:
            out = "city,lat,lon,population,postal_code\n"
            for c in R.sample([("Berlin", 52.52, 13.405, "10117"), ("Paris", 48.8566, 2.3522, "75001"), ("Austin", 30.2672, -97.7431, "78701"), ("Tokyo", 35.6762, 139.6503, "100-0001"), ("Toronto", 43.6532, -79.3832, "M5H 2N2"), ("London", 51.5072, -0.1276, "SW1A 1AA"), ("Mumbai", 19.076, 72.8777, "400001"), ("São Paulo", -23.5505, -46.6333, "01000-000")], 6):
                out += "%s,%.6f,%.6f,%d,%s\n" % (c[0], c[1] + R.uniform(-0.01, 0.01), c[2] + R.uniform(-0.01, 0.01), R.randint(500000, 14000000), c[3])
            add("tables", out, "read", "fixtures/cities.csv")
        else:
            out = "      n     mean      sd     p05     p50     p95\n"
            for _ in range(R.randint(6, 12)):
                out += "%7d %8.3f %7.3f %7.3f %7.3f %7.3f\n" % (R.randint(100, 99999), R.uniform(0, 100), R.uniform(0, 10), R.uniform(0, 50), R.uniform(20, 70), R.uniform(60, 120))
            out += "\nchi2 = %.2f, df = %d, p = %.4f\n" % (R.uniform(1, 40), R.randint(1, 12), R.uniform(0, 0.2))
            add("tables", out, "shell", "Rscript analysis/summary.R")


def neg_market_data():
    for i in range(24):
        out = "date,ticker,isin,cusip,open,high,low,close,volume\n"
        secs = []
        for _ in range(R.randint(3, 6)):
            c8 = rs(string.digits, 6) + rs(string.digits + "ABCDEFGH", 2)
            cu = c8 + cusip_check(c8)
            isn = "US" + cu
            isn += isin_check(isn)
            secs.append((rs(string.ascii_uppercase, pick([3, 4])), isn, cu))
        for _ in range(R.randint(8, 15)):
            t, isn, cu = pick(secs)
            o = R.uniform(10, 900)
            out += "%s,%s,%s,%s,%.2f,%.2f,%.2f,%.2f,%d\n" % (date(2024, 2025), t, isn, cu, o, o * 1.02, o * 0.98, o * R.uniform(0.98, 1.02), R.randint(10 ** 5, 10 ** 8))
        add("market-data", out, "read", "data/eod_prices.csv", "Compute 20-day moving averages for these.")


BANKS = ["First Community Bank", "Prairie State Credit Union", "Harbor National Bank", "Valley Farmers Bank", "Summit Savings", "Coastal Federal CU"]


def neg_routing_table():
    for i in range(18):
        out = "routing_number,bank_name,city,state,fedwire,ach\n"
        for _ in range(R.randint(6, 14)):
            c = pick(CITIES)
            out += "%s,%s,%s,%s,%s,%s\n" % (aba_routing(), pick(BANKS), c[0], c[1], pick(["Y", "N"]), "Y")
        add("routing-table", out, "fetch", "https://www.frbservices.org/EPaymentsDirectory/fpddir.txt (parsed)", "Load this into the bank lookup table fixture.")


COS = ["Northwind Analytics", "Bluebird Health", "Fabrikam Cloud", "Contoso Pay", "Tailspin Travel", "Globex Retail", "Initech Software", "Umbrella Labs"]


def para(pool, n):
    return "\n\n".join(R.sample(pool, min(n, len(pool))))


PRIVACY = [
    "We collect information you provide directly, such as your name, email address, postal address, phone number and payment information when you create an account or place an order.",
    "We do not sell your personal information. We share it with service providers who process payments (for example, card numbers are handled by our PCI DSS Level 1 payment processor and never stored on our servers).",
    "You may request access to, correction of, or deletion of your personal data by contacting privacy@%s.example.",
    "Under the GDPR, our lawful bases for processing are contract, legitimate interests and consent. Data subjects may lodge a complaint with their supervisory authority.",
    "Sensitive categories such as Social Security numbers, health information, biometric data and precise geolocation are only collected where required by law and are encrypted at rest with AES-256.",
    "We retain account data for as long as your account is active and for up to 7 years afterwards to meet tax obligations.",
    "Protected Health Information (PHI) is handled in accordance with the HIPAA Privacy and Security Rules. Business Associate Agreements are executed with all vendors that access PHI.",
    "Passwords are hashed with Argon2id and are never visible to our staff. API keys can be rotated from the dashboard at any time.",
    "California residents have the right to know, delete and opt out under the CCPA/CPRA. Submit requests via our web form or by calling our toll-free number.",
    "Credit card data, bank account numbers and IBANs are tokenized; only the last four digits are shown in the UI.",
]
SECURITY_TRAINING = [
    "Slide 4 - Spotting phishing: urgent language, mismatched sender domains, requests for your password or MFA code. IT will NEVER ask for your password.",
    "Never paste API keys, tokens or private keys into chat tools, tickets or AI assistants. Use the secrets manager and reference secrets by name.",
    "If you accidentally commit a secret: rotate it immediately, then purge it from history. Revoking is more important than rewriting history.",
    "Example of a suspicious email: 'Your payroll account has been suspended. Verify your Social Security number and bank details here.'",
    "Quiz: Which of these is safe to share with a vendor? (a) your SSN (b) the customer's credit card number (c) the public status page URL. Answer: (c).",
    "Tailgating and shoulder surfing are physical attacks; lock your screen (Win+L / Ctrl+Cmd+Q) whenever you step away.",
    "Report incidents to the security team within 1 hour. Include the time, what was exposed (type of data, not the data itself), and systems involved.",
]
HASHLIB_DOCS = [
    "## hashpw(password, salt)\n\nHashes `password` with bcrypt. The salt includes the cost factor (default 12). Store the full result; never store the plain password.",
    "## verify(password, hash)\n\nReturns True when `password` matches. Uses constant-time comparison to prevent timing attacks.",
    "```python\nfrom passlib.hash import argon2\nh = argon2.hash(password)\nassert argon2.verify(password, h)\n```",
    "### Choosing parameters\n\nOWASP recommends Argon2id with m=19456 (19 MiB), t=2, p=1 as a minimum. PBKDF2-HMAC-SHA256 needs at least 600,000 iterations.",
    "Hashes look like `$argon2id$v=19$m=65536,t=3,p=4$<salt>$<hash>` or `$2b$12$<22-char salt><31-char hash>`; the placeholders are shown in angle brackets.",
    "**Never** log passwords, even at debug level. The `redact()` helper replaces values of keys named `password`, `secret`, `token` and `api_key` with `***`.",
]


def neg_policy_docs():
    for i in range(33):
        k = i % 3
        co = pick(COS)
        if k == 0:
            txt = "# %s Privacy Policy\n\nLast updated: %s\n\n" % (co, date()) + para(PRIVACY, R.randint(4, 8)).replace("%s", co.split()[0].lower())
            add("policy-docs", txt, pick(["read", "fetch"]), pick(["docs/privacy.md", "https://%s.example/privacy" % co.split()[0].lower()]), "Make this policy easier to read.")
        elif k == 1:
            txt = "# %s Compliance Overview (SOC 2 / HIPAA / GDPR)\n\n" % co + "| Control | Status | Owner |\n|---|---|---|\n" + "".join("| %s | %s | %s |\n" % (c, pick(["Implemented", "In progress"]), pick(["Security", "IT", "Legal"])) for c in R.sample(["Encryption of PII at rest", "Access reviews for systems holding SSNs", "DLP on outbound email", "PHI audit logging", "Data retention schedule", "DPA with subprocessors", "Breach notification within 72h"], 5))
            txt += "\n" + para(PRIVACY, 2).replace("%s", "compliance")
            add("policy-docs", txt, "read", "compliance/overview.md")
        else:
            txt = "# Security Awareness Training - Module %d\n\n" % R.randint(1, 6) + para(SECURITY_TRAINING, R.randint(3, 6))
            add("policy-docs", txt, "read", "training/module.md", "Turn this into 5 quiz questions.")


def neg_auth_code():
    for i in range(33):
        k = i % 4
        if k == 0:
            txt = "# passlib-ng\n\n" + para(HASHLIB_DOCS, R.randint(3, 6))
            add("auth-code", txt, "read", "docs/api.md")
        elif k == 1:
            txt = "import bcrypt\nfrom app.models import User\n\n\ndef test_password_is_hashed(db):\n    u = User.create(email='alice@example.com', password='correct horse battery staple')\n    assert u.password_hash != 'correct horse battery staple'\n    assert bcrypt.checkpw(b'correct horse battery staple', u.password_hash.encode())\n\n\ndef test_wrong_password_rejected(client):\n    r = client.post('/login', json={'email': 'alice@example.com', 'password': 'hunter2'})\n    assert r.status_code == 401\n\n\ndef test_api_key_not_logged(caplog):\n    call_with_key('test-key-not-real')\n    assert 'test-key-not-real' not in caplog.text\n"
            add("auth-code", txt, "read", "tests/test_auth.py", "Add a test for password reset tokens expiring.")
        elif k == 2:
            txt = "Review of `auth/session.py`:\n\n1. `SECRET_KEY = os.environ['SECRET_KEY']` - good, but fail with a clear message when unset.\n2. `token = secrets.token_urlsafe(32)` is fine for reset tokens; store only `sha256(token)`.\n3. Line %d compares `provided_password == user.password` - use `hmac.compare_digest` and a hash.\n4. The `Authorization: Bearer <token>` header is logged in `middleware.py` line %d; redact it.\n5. `password_min_length = 8` - consider 12 and a breached-password check.\n" % (R.randint(10, 200), R.randint(10, 200))
            add("auth-code", txt, "user", None, "Is this review correct? Anything missed?")
        else:
            txt = "export async function login(req: Request) {\n  const { email, password } = await req.json();\n  const user = await db.user.findUnique({ where: { email } });\n  if (!user || !(await argon2.verify(user.passwordHash, password))) {\n    return new Response('invalid credentials', { status: 401 });\n  }\n  const apiKey = process.env.INTERNAL_API_KEY!;\n  const token = await new SignJWT({ sub: user.id }).setProtectedHeader({ alg: 'HS256' }).sign(secret);\n  return Response.json({ token });\n}\n"
            add("auth-code", txt, "read", "src/routes/login.ts", "Is this login handler secure?")


def neg_postmortem():
    for i in range(24):
        co = pick(COS)
        txt = "# Postmortem: %s credential exposure in build logs (%s)\n\n## Summary\nOn %s a CI job printed the value of `%s` to the build log. The value was `%s` (redacted). The key was revoked within %d minutes.\n\n## Impact\n%d customer records were potentially accessible; affected fields: name, email, last4 of card (e.g. `**** **** **** %04d`). No SSNs were exposed (SSN column stored as `***-**-%04d` masked tokens).\n\n## Timeline (UTC)\n| time | event |\n|---|---|\n| %02d:%02d | deploy #%d starts |\n| %02d:%02d | secret scanner alert |\n| %02d:%02d | key rotated |\n\n## Action items\n- Enable log masking for all `*_KEY` vars\n- Add pre-commit secret scanning\n" % (co, date(), date(), pick(["STRIPE_SECRET_KEY", "AWS_SECRET_ACCESS_KEY", "OPENAI_API_KEY", "DATABASE_URL"]), pick(["sk_live_****************", "[REDACTED]", "AKIA****************", "postgres://app:*****@db/prod", "sk-proj-...XXXX"]),
                                                                                                                                                                                                                                                                                                                R.randint(3, 90), R.randint(0, 5000), R.randint(0, 9999), R.randint(0, 9999), R.randint(0, 23), R.randint(0, 59), R.randint(100, 9999), R.randint(0, 23), R.randint(0, 59), R.randint(0, 23), R.randint(0, 59))
        add("postmortem", txt, pick(["read", "user"]), "docs/postmortems/%s.md" % date(), "Tighten the wording of this postmortem.")


def neg_schema_masked():
    for i in range(30):
        k = i % 3
        if k == 0:
            txt = "CREATE TABLE customers (\n  id BIGSERIAL PRIMARY KEY,\n  full_name TEXT NOT NULL,\n  email CITEXT UNIQUE NOT NULL,\n  phone VARCHAR(20),\n  ssn CHAR(11),            -- encrypted via pgcrypto, format NNN-NN-NNNN\n  date_of_birth DATE,\n  card_last4 CHAR(4),\n  iban_token TEXT,\n  passport_no VARCHAR(9),\n  created_at TIMESTAMPTZ DEFAULT now()\n);\nCREATE INDEX ON customers (email);\nCOMMENT ON COLUMN customers.ssn IS 'PII - restricted';\n"
            add("schema-masked", txt, "read", "migrations/0007_customers.sql", "Add a column for a verified flag.")
        elif k == 1:
            out = " id  | full_name        | ssn         | card        | dob        \n-----+------------------+-------------+-------------+------------\n"
            for _ in range(R.randint(5, 10)):
                out += " %-3d | %-16s | ***-**-%04d | ****-%04d   | ****-**-** \n" % (R.randint(1, 999), pick(["J*** D**", "[masked]", "M*** S****", "<redacted>"]), R.randint(0, 9999), R.randint(0, 9999))
            out += "(%d rows)\n" % R.randint(5, 10)
            add("schema-masked", out, "shell", "psql -c \"select * from customers_masked_view limit 10\"", "The masking view looks right?")
        else:
            txt = "EMPLOYEE ONBOARDING FORM (template v%d)\n\nFull legal name: ______________________\nDate of birth (MM/DD/YYYY): __/__/____\nSocial Security Number: ___-__-____\nPassport number: ____________  Expiry: ________\nDriver's license #: ____________ State: __\nBank routing number: _________  Account number: ______________\nEmergency contact phone: (___) ___-____\n\nSignature: ____________________  Date: __________\n" % R.randint(1, 9)
            add("schema-masked", txt, pick(["read", "write"]), "templates/onboarding_form.txt", "Convert this form to an HTML template.")


MED = [
    lambda: "Background: Type 2 diabetes affects an estimated 462 million people worldwide. Methods: We conducted a randomized, double-blind trial of %d adults (mean age %.1f years, %d%% female). Results: HbA1c decreased by %.2f%% (95%% CI %.2f-%.2f; p<0.001)." % (R.randint(200, 4000), R.uniform(40, 70), R.randint(30, 60), R.uniform(0.3, 1.5), R.uniform(0.1, 0.3), R.uniform(1.5, 2.0)),
    lambda: "Patients with major depressive disorder (n=%d) received either sertraline or placebo for 12 weeks. Remission occurred in %d%% vs %d%% (OR %.2f)." % (R.randint(80, 900), R.randint(30, 50), R.randint(15, 30), R.uniform(1.1, 2.5)),
    lambda: "Of %d patients screened, %d met inclusion criteria. Median follow-up was %.1f months. Adverse events (grade >= 3) occurred in %d%%." % (R.randint(500, 5000), R.randint(100, 499), R.uniform(6, 60), R.randint(2, 30)),
    lambda: "Conclusion: Early mobilization after hip fracture surgery reduced 30-day mortality (HR %.2f, 95%% CI %.2f-%.2f). Trial registration: NCT0%d." % (R.uniform(0.5, 0.9), R.uniform(0.3, 0.5), R.uniform(0.9, 1.0), R.randint(1000000, 6999999)),
    lambda: "A 64-year-old man presented with chest pain radiating to the left arm. ECG showed ST elevation in leads II, III and aVF. (Case report; patient details changed to protect anonymity.)",
]


def neg_medical_lit():
    for i in range(21):
        txt = "\n\n".join(f() for f in R.sample(MED, R.randint(2, 4)))
        add("medical-lit", "Abstract\n\n" + txt + "\n\nKeywords: diabetes; HbA1c; randomized controlled trial; patient outcomes\n", "fetch", "https://pubmed.ncbi.nlm.nih.gov/%d/" % R.randint(30000000, 40000000), "Summarize the findings for a lay audience.")


def neg_hr_policy():
    for i in range(18):
        txt = "# Compensation Philosophy & Salary Bands (%d)\n\n| Level | Title | Band min | Midpoint | Band max |\n|---|---|---|---|---|\n" % R.randint(2024, 2026)
        base = R.randint(70, 95) * 1000
        for lvl in range(1, 7):
            txt += "| L%d | %s | $%s | $%s | $%s |\n" % (lvl, ["Associate", "Engineer", "Senior Engineer", "Staff", "Senior Staff", "Principal"][lvl - 1], format(base, ","), format(int(base * 1.2), ","), format(int(base * 1.4), ","))
            base = int(base * 1.25)
        txt += "\nEmployees can view their own band in Workday. Individual salaries are confidential and are not published. Pay equity reviews happen annually; the %d review found no statistically significant gap (p = %.2f).\n\nParental leave: %d weeks fully paid. Health insurance: employee premium covered at %d%%.\n" % (R.randint(2023, 2025), R.uniform(0.2, 0.9), R.randint(12, 26), R.randint(80, 100))
        add("hr-policy", txt, "read", "handbook/compensation.md", "Rewrite this for the public careers page.")


APACHE = """Copyright %d %s

Licensed under the Apache License, Version 2.0 (the "License");
you may not use this file except in compliance with the License.
You may obtain a copy of the License at

    http://www.apache.org/licenses/LICENSE-2.0

Unless required by applicable law or agreed to in writing, software
distributed under the License is distributed on an "AS IS" BASIS,
WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied."""
MIT = """MIT License

Copyright (c) %d %s

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND."""
GPL = """This program is free software: you can redistribute it and/or modify
it under the terms of the GNU General Public License as published by
the Free Software Foundation, either version 3 of the License, or
(at your option) any later version.

Copyright (C) %d %s"""


def neg_license_legal():
    owners = ["Google LLC", "The Kubernetes Authors", "Meta Platforms, Inc. and affiliates", "The Go Authors", "Microsoft Corporation", "the Rust project contributors", "Sindre Sorhus"]
    for i in range(30):
        k = i % 5
        yr, ow = R.randint(2014, 2025), pick(owners)
        if k == 0:
            hdr = APACHE % (yr, ow)
            txt = "\n".join("// " + l if l else "//" for l in hdr.split("\n")) + "\n\npackage retry\n\nimport \"time\"\n\n// Backoff returns the delay for attempt n.\nfunc Backoff(n int) time.Duration { return time.Duration(1<<n) * 100 * time.Millisecond }\n"
            add("license-legal", txt, "read", "vendor/k8s.io/client-go/util/retry/backoff.go")
        elif k == 1:
            add("license-legal", MIT % (yr, ow), "read", "node_modules/%s/license" % pick(PKGS))
        elif k == 2:
            add("license-legal", GPL % (yr, "Free Software Foundation, Inc.") + "\n\n#include <stdio.h>\nint main(void) { puts(\"hello\"); return 0; }\n", "read", "third_party/hello/hello.c")
        elif k == 3:
            co = pick(COS)
            txt = "FOR IMMEDIATE RELEASE\n\n%s Reports Fourth Quarter Results\n\nSEATTLE, %s -- %s (NASDAQ: %s) today announced revenue of $%.1f million, up %d%% year over year. \"Our proprietary routing engine continues to win customers,\" said the CEO.\n\nForward-looking statements: This press release contains forward-looking statements... Investor contact: ir@%s.example\n\nThe information in this release is not confidential and may be freely redistributed.\n" % (co, date(), co, rs(string.ascii_uppercase, 4), R.uniform(50, 900), R.randint(2, 60), co.split()[0].lower())
            add("license-legal", txt, "fetch", "https://www.businesswire.com/news/home/%d/en/" % R.randint(10 ** 11, 10 ** 12))
        else:
            txt = "The Weekly Dev Digest - issue #%d\n\n* %s released v%s with faster builds\n* How we cut cold starts by %d%%\n\nYou are receiving this because you subscribed at devdigest.example. Unsubscribe: https://devdigest.example/u/%s\n\nCONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential and intended solely for the addressee. If you have received it in error, please notify the sender and delete it.\n" % (R.randint(10, 400), pick(PKGS), ver(), R.randint(10, 80), rhex(12))
            add("license-legal", txt, "user", None, "Summarize this newsletter.")


def neg_hostnames_doc():
    for i in range(27):
        k = i % 3
        if k == 0:
            txt = "## Connecting from inside the cluster\n\nThe chart creates a Service reachable at:\n\n    %s-postgresql.default.svc.cluster.local:5432\n    %s-redis-master.%s.svc.cluster.local:6379\n\nFrom your laptop use `kubectl port-forward svc/%s 8080:80` and open http://localhost:8080 or http://127.0.0.1:8080.\nOn Docker Desktop, containers reach the host at `host.docker.internal`. Test endpoints: http://api.example.com, https://example.org, 192.0.2.10, 198.51.100.7, 203.0.113.42, and `myapp.test` / `foo.localhost`.\n" % ((r := pick(["bitnami", "my-release", "demo"])), r, pick(["default", "apps"]), pick(PROJECTS))
            add("hostnames-doc", txt, "fetch", "https://artifacthub.io/packages/helm/bitnami/%s" % pick(["postgresql", "redis", "wordpress"]))
        elif k == 1:
            txt = "services:\n  api:\n    build: .\n    environment:\n      DATABASE_URL: postgres://postgres:postgres@db:5432/app_dev\n      REDIS_URL: redis://redis:6379\n      OTEL_EXPORTER_OTLP_ENDPOINT: http://otel-collector:4317\n    extra_hosts:\n      - \"host.docker.internal:host-gateway\"\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: postgres\n  mail:\n    image: mailhog/mailhog   # smtp://localhost:1025, UI http://localhost:8025\n"
            add("hostnames-doc", txt, "read", "docker-compose.yml", "Why can't the api reach the db?")
        else:
            txt = "127.0.0.1       localhost\n::1             localhost ip6-localhost\n127.0.0.1       api.local.test web.local.test\n192.168.65.254  host.docker.internal\n10.0.2.2        gateway.docker.internal\n"
            add("hostnames-doc", txt, "shell", "cat /etc/hosts")


NONEN = {
    "de": ["Die Deutsche Bahn meldet für das Jahr %d rund %d Millionen Fahrgäste im Fernverkehr.", "Das Pergamonmuseum auf der Museumsinsel (Bodestraße 1-3, 10178 Berlin) bleibt bis %d geschlossen.",
           "Laut Herrn Jürgen Müller aus der Projektleitung steigen die Kosten um %d %% auf %d.%03d Euro.", "Bitte die Rechnung Nr. %d bis zum %d.%d.%d begleichen.", "Die Öffnungszeiten: Mo-Fr 9:00-18:00 Uhr, Sa 10:00-14:00 Uhr."],
    "fr": ["Le musée du Louvre (Rue de Rivoli, 75001 Paris) a accueilli %d millions de visiteurs en %d.", "Selon Mme Hélène Lefèvre, le budget atteindra %d %d euros.", "La réunion est prévue le %d/%d/%d à 14h30, salle %d.",
           "La SNCF annonce %d TGV supplémentaires pour l'été.", "Référence du dossier : %d-%d."],
    "es": ["El Museo del Prado (Calle de Ruiz de Alarcón 23, 28014 Madrid) recibió %d visitantes en %d.", "Según José Martínez Peña, la inflación bajó al %d,%d %%.", "El pedido número %d llegará el %d de mayo.",
           "La población de Sevilla es de aproximadamente %d habitantes.", "Código postal %05d, teléfono de atención al cliente en la web."],
    "ja": ["東京スカイツリー（東京都墨田区押上1-1-2）の高さは634メートルです。来場者数は%d年に%d万人でした。", "第%d四半期の売上高は%d億円で、前年同期比%d%%増となりました。", "会議は%d月%d日の15時から第%d会議室で行います。",
           "バージョン%d.%d.%dでバグを修正しました。"],
    "zh": ["故宫博物院（北京市东城区景山前街4号）%d年接待观众%d万人次。", "本季度营业收入为%d亿元，同比增长%d%%。", "订单号%d已发货，预计%d月%d日送达。", "请于%d年%d月%d日前提交报告。"],
    "hi": ["भारत की जनसंख्या लगभग %d करोड़ है।", "ताजमहल (आगरा, उत्तर प्रदेश %d) में %d में %d लाख पर्यटक आए।", "बैठक %d तारीख को दोपहर %d बजे होगी।", "ऑर्डर संख्या %d भेज दिया गया है।"],
}


def neg_non_english():
    langs = list(NONEN.keys())
    for i in range(36):
        lg = langs[i % len(langs)]
        sents = R.sample(NONEN[lg], R.randint(2, len(NONEN[lg])))
        txt = ""
        for s in sents:
            n = s.count("%d") + s.count("%05d") + s.count("%03d")
            txt += s.replace("%%", "\x00").replace("%05d", "%d").replace("%03d", "%d").replace("\x00", "%%") % tuple(R.randint(1, 2025) for _ in range(n)) + ("\n" if lg in ("de", "fr", "es") else "")
        kind = pick(["read", "user", "fetch"])
        add("non-english", txt, kind, pick(["docs/%s/README.md" % lg, "https://example.%s/news" % lg]), pick(["Translate this to English.", "Fix typos please.", "Summarize in one sentence."]))


def neg_datascience():
    for i in range(30):
        k = i % 4
        if k == 0:
            out = "      user_id                                      user_hash  sessions  revenue        signup_ts\n"
            for n in range(R.randint(5, 10)):
                out += "%d  %10d  %s  %8d  %7.2f  %d\n" % (n, R.randint(10 ** 6, 10 ** 9), hashlib.sha1(rbytes(8)).hexdigest(), R.randint(0, 300), R.uniform(0, 999), R.randint(1600000000000, 1760000000000))
            out += "\n[%d rows x 5 columns]\n" % R.randint(1000, 900000)
            add("datascience", out, "shell", "python -c \"import pandas as pd; print(pd.read_parquet('events.parquet').head(10))\"")
        elif k == 1:
            out = "array([" + ",\n       ".join("[" + ", ".join("%.8f" % R.uniform(-3, 3) for _ in range(6)) + "]" for _ in range(R.randint(4, 10))) + "])\n"
            out += "\nint64 ids: [%s]\n" % " ".join(str(R.randint(10 ** 15, 10 ** 16 - 1)) for _ in range(8))
            add("datascience", out, "shell", "python scripts/inspect_embeddings.py")
        elif k == 2:
            out = "row_key,feature_a,feature_b,label\n" + "".join("%s,%.4f,%.4f,%d\n" % (hashlib.md5(rbytes(8)).hexdigest(), R.random(), R.random(), R.randint(0, 1)) for _ in range(R.randint(8, 16)))
            add("datascience", out, "read", "data/train_sample.csv")
        else:
            nb = {"cells": [{"cell_type": "code", "execution_count": 3, "metadata": {}, "source": ["import matplotlib.pyplot as plt\n", "df.groupby('week').revenue.sum().plot()\n"],
                             "outputs": [{"output_type": "display_data", "data": {"image/png": png(R.randint(120, 200), R.randint(80, 140)), "text/plain": ["<Figure size 640x480 with 1 Axes>"]}, "metadata": {}}]},
                            {"cell_type": "code", "execution_count": 4, "metadata": {}, "source": ["df.describe()"], "outputs": [{"output_type": "execute_result", "data": {"text/plain": ["       revenue\ncount  %d\nmean   %.2f" % (R.randint(100, 9999), R.uniform(1, 99))]}, "execution_count": 4, "metadata": {}}]}],
                  "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}}, "nbformat": 4, "nbformat_minor": 5}
            add("datascience", json.dumps(nb, indent=1), "read", "notebooks/revenue.ipynb", "Why is the plot empty for week 12?")


# ============================================================================= POSITIVES
def db_url():
    u = pick(["app", "svc_orders", "postgres", "admin", "billing_rw"])
    pw = rs(string.ascii_letters + string.digits, R.randint(14, 24)) + pick(["", "!", "#9", "-x"])
    host = pick(["prod-db.c9akciq32.us-east-1.rds.amazonaws.com", "10.20.%d.%d" % (R.randint(0, 255), R.randint(1, 254)), "orders-primary.internal", "pg-main-0.pg.prod.svc"])
    scheme = pick(["postgresql", "postgres", "mysql", "mongodb+srv", "redis"])
    return "%s://%s:%s@%s:%d/%s" % (scheme, u, pw.replace("#", "%23"), host, {"postgresql": 5432, "postgres": 5432, "mysql": 3306, "mongodb+srv": 27017, "redis": 6379}[scheme], pick(["orders", "prod", "app"]))


def stripe_live():
    return "sk_live_" + rs(string.ascii_letters + string.digits, 99)


def pos_env_file():
    for i in range(18):
        kid, sec = aws_pair()
        lines = ["NODE_ENV=production", "PORT=8080", "LOG_LEVEL=info"]
        secrets_ = [("DATABASE_URL", db_url()), ("AWS_ACCESS_KEY_ID", kid), ("AWS_SECRET_ACCESS_KEY", sec), ("STRIPE_SECRET_KEY", stripe_live()),
                    ("OPENAI_API_KEY", openai_key()), ("SLACK_BOT_TOKEN", slack_bot()), ("GITHUB_TOKEN", github_pat()), ("JWT_SECRET", rhex(64))]
        chosen = R.sample(secrets_, R.randint(2, 5))
        lines += ["%s=%s" % kv for kv in chosen] + ["FEATURE_FLAGS=checkout_v2,new_search"]
        R.shuffle(lines)
        add("env-file", "\n".join(lines) + "\n", pick(["read", "shell"]), pick([".env", ".env.production", "cat .env.local"]), pick(["Why does the app not pick up my config?", "Check my env for typos."]),
            pos=True, cats=["credential"], where=".env contents in tool output: " + ",".join(k for k, _ in chosen))


def pos_stacktrace_dburl():
    for i in range(15):
        u = db_url()
        k = i % 3
        if k == 0:
            txt = "Traceback (most recent call last):\n  File \"/app/worker.py\", line %d, in <module>\n    engine = create_engine(settings.DATABASE_URL)\n  File \"/usr/local/lib/python3.12/site-packages/sqlalchemy/engine/create.py\", line 602, in create_engine\n    raise exc.ArgumentError(\nsqlalchemy.exc.OperationalError: (psycopg2.OperationalError) could not connect to server: Connection refused\n\tIs the server running on host and accepting TCP/IP connections on port 5432?\n(Background on this error at: https://sqlalche.me/e/20/e3q8)\nDSN: %s\n" % (R.randint(10, 300), u)
        elif k == 1:
            txt = "ERROR 2025-03-%02d 10:%02d:%02d [main] o.h.e.j.e.i.JdbcEnvironmentInitiator - HHH000342: Could not obtain connection\norg.postgresql.util.PSQLException: FATAL: password authentication failed\n\tat org.postgresql.core.v3.ConnectionFactoryImpl.doAuthentication(ConnectionFactoryImpl.java:693)\n\tat com.acme.orders.Db.connect(Db.java:41)\nCaused by: java.lang.IllegalStateException: cannot open %s\n" % (R.randint(1, 28), R.randint(0, 59), R.randint(0, 59), u)
        else:
            txt = "Error: connect ECONNREFUSED\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16) {\n  errno: -111,\n  code: 'ECONNREFUSED',\n  config: { connectionString: '%s' }\n}\n" % u
        add("stacktrace-dburl", txt, "shell", pick(["docker compose logs worker --tail 40", "kubectl logs deploy/orders", "npm run migrate"]), "Why can't it connect?", pos=True, cats=["credential"], where="DB URL with password in stack trace")


def pos_aws_config():
    for i in range(15):
        kid, sec = aws_pair()
        k = i % 3
        if k == 0:
            txt = "[default]\nregion = us-east-1\n\n[prod]\naws_access_key_id = %s\naws_secret_access_key = %s\n" % (kid, sec)
            add("aws-config", txt, "read", "~/.aws/credentials", "Which profile is the CLI using?", pos=True, cats=["credential"], where="~/.aws/credentials")
        elif k == 1:
            txt = "provider \"aws\" {\n  region     = \"eu-west-1\"\n  access_key = \"%s\"\n  secret_key = \"%s\"\n}\n" % (kid, sec)
            add("aws-config", txt, "read", "infra/provider.tf", "Clean up this provider block.", pos=True, cats=["credential"], where="terraform provider block")
        else:
            txt = "import boto3\n\ns3 = boto3.client(\n    's3',\n    aws_access_key_id='%s',\n    aws_secret_access_key='%s',\n)\n" % (kid, sec)
            add("aws-config", txt, pick(["read", "write"]), "scripts/upload.py", "Make this script upload in parallel.", pos=True, cats=["credential"], where="hardcoded boto3 keys")


def pos_github_pat():
    for i in range(15):
        t = github_pat()
        k = i % 3
        if k == 0:
            txt = "origin\thttps://%s@github.com/acme-labs/%s.git (fetch)\norigin\thttps://%s@github.com/acme-labs/%s.git (push)\n" % (t, (p := pick(PROJECTS)), t, p)
            add("github-pat", txt, "shell", "git remote -v", "Why does push fail?", pos=True, cats=["credential"], where="PAT in git remote URL")
        elif k == 1:
            txt = "#!/usr/bin/env bash\nset -euo pipefail\nexport GH_TOKEN=%s\ngh release create v$(cat VERSION) dist/* --notes-file CHANGELOG.md\n" % t
            add("github-pat", txt, "read", "scripts/release.sh", pos=True, cats=["credential"], where="PAT in release script")
        else:
            txt = "//npm.pkg.github.com/:_authToken=%s\n@acme-labs:registry=https://npm.pkg.github.com\n" % t
            add("github-pat", txt, "read", ".npmrc", "npm install fails with 401", pos=True, cats=["credential"], where="PAT in .npmrc")


def pos_ai_keys():
    for i in range(18):
        k = i % 3
        if k == 0:
            key = anthropic_key()
            txt = json.dumps({"env": {"ANTHROPIC_API_KEY": key, "DISABLE_TELEMETRY": "1"}, "permissions": {"allow": ["Bash(npm run test:*)"]}}, indent=2)
            add("ai-keys", txt, "read", ".claude/settings.local.json", pos=True, cats=["credential"], where="Anthropic key in settings json")
        elif k == 1:
            key = openai_key()
            txt = "  501  cd ~/src/%s\n  502  export OPENAI_API_KEY=%s\n  503  python eval.py --model gpt-4.1\n  504  git status\n" % (pick(PROJECTS), key)
            add("ai-keys", txt, "shell", "history | tail -4", "Rerun the eval I ran yesterday.", pos=True, cats=["credential"], where="OpenAI key in shell history")
        else:
            key = pick([anthropic_key(), openai_key()])
            txt = "from anthropic import Anthropic\nfrom openai import OpenAI\n\nclient = %s(api_key=\"%s\")\n" % ("Anthropic" if key.startswith("sk-ant") else "OpenAI", key)
            add("ai-keys", txt, "user", None, "Why do I get a 404 from this client?", pos=True, cats=["credential"], where="AI key pasted by user in code")


def pos_private_key():
    for i in range(15):
        k = i % 3
        pk = pem_rsa_private()
        if k == 0:
            add("private-key", pk + "\n", "read", "deploy/id_rsa", "Is this key in the right format for the deploy action?", pos=True, cats=["credential"], where="RSA private key file")
        elif k == 1:
            txt = "tls:\n  cert: |\n%s\n  key: |\n%s\n" % ("\n".join("    " + l for l in pem_block("CERTIFICATE", b"\x30\x82\x03\x9a", 900).split("\n")), "\n".join("    " + l for l in pk.split("\n")))
            add("private-key", txt, "read", "config/tls.yaml", pos=True, cats=["credential"], where="RSA key inside YAML next to a cert")
        else:
            txt = "const PRIVATE_KEY = `%s`;\nexport function sign(payload) { return jwt.sign(payload, PRIVATE_KEY, { algorithm: 'RS256' }); }\n" % pk
            add("private-key", txt, "write", "src/auth/signer.js", pos=True, cats=["credential"], where="RSA key in JS source")


def pos_slack():
    for i in range(12):
        t = slack_bot()
        k = i % 2
        if k == 0:
            txt = "slack:\n  bot_token: %s\n  signing_secret: %s\n  channel: \"#deploys\"\n" % (t, rhex(32))
            add("slack-token", txt, "read", "config/notify.yaml", pos=True, cats=["credential"], where="xoxb token in YAML")
        else:
            txt = "$ curl -s -H 'Authorization: Bearer %s' https://slack.com/api/auth.test\n{\"ok\":true,\"url\":\"https://acme.slack.com/\",\"team\":\"Acme\",\"user\":\"deploybot\"}\n" % t
            add("slack-token", txt, "shell", "curl slack auth.test", pos=True, cats=["credential"], where="xoxb token in curl command")


def pos_ssn_psql():
    for i in range(15):
        out = " id  | first_name | last_name  | ssn         | dob        | zip   \n-----+------------+------------+-------------+------------+-------\n"
        n = R.randint(4, 12)
        for _ in range(n):
            f, l = person()
            out += " %-3d | %-10s | %-10s | %s | %s | %s \n" % (R.randint(1, 9999), f, l, ssn(), dob(), pick(CITIES)[2] + "%02d" % R.randint(0, 99))
        out += "(%d rows)\n" % n
        add("ssn-psql", out, "shell", "psql $DATABASE_URL -c \"select id, first_name, last_name, ssn, dob, zip from applicants limit %d\"" % n, "Why are some applicants missing a zip?", pos=True, cats=["pii"], where="psql table of SSNs + DOBs")


def pos_customer_csv():
    for i in range(15):
        out = pick(["customer_id,name,email,phone,city\n", "id;full_name;email;mobile;signup\n"])
        sep = "," if out.startswith("customer_id") else ";"
        for _ in range(R.randint(8, 20)):
            f, l = person()
            out += sep.join([str(R.randint(10000, 99999)), "%s %s" % (f, l), email_for(f, l), phone(), pick(CITIES)[0] if sep == "," else date()]) + "\n"
        add("customer-csv", out, pick(["read", "shell"]), pick(["exports/customers_2025-03.csv", "head -20 crm_export.csv"]), "Dedupe these customers by email.", pos=True, cats=["pii"], where="bulk customer CSV (names, emails, phones)")


def pos_cards():
    for i in range(15):
        out = "order_id | customer        | card_number         | exp   | amount\n---------+-----------------+---------------------+-------+--------\n"
        for _ in range(R.randint(4, 10)):
            f, l = person()
            c = real_card()
            out += "%-8d | %-15s | %-19s | %02d/%02d | %.2f\n" % (R.randint(10 ** 5, 10 ** 6), (f + " " + l)[:15], fmt_card(c) if R.random() < 0.6 else c, R.randint(1, 12), R.randint(26, 31), R.uniform(5, 900))
        add("cards-orders", out, "shell", "psql -c \"select order_id, customer, card_number, exp, amount from legacy_orders limit 10\"", "We must migrate these to tokens - write the migration.", pos=True, cats=["financial"], where="orders table with card_number column")


def pos_iban():
    for i in range(15):
        out = "payment_id,beneficiary,iban,bic,amount_eur,reference\n"
        for _ in range(R.randint(4, 10)):
            f, l = person()
            ib = real_iban()
            out += "PMT-%06d,%s %s,%s,%s,%.2f,INV-%d\n" % (R.randint(0, 999999), f, l, fmt_iban(ib) if R.random() < 0.5 else ib, rs(string.ascii_uppercase, 6) + rs(string.ascii_uppercase + string.digits, 2), R.uniform(10, 20000), R.randint(1000, 9999))
        add("iban-payments", out, pick(["read", "write"]), "payouts/batch_%s.csv" % date(), "Generate a SEPA XML from this batch.", pos=True, cats=["financial"], where="payments CSV with IBANs")


DL_FMT = {"CA": lambda: R.choice(string.ascii_uppercase) + rs(string.digits, 7), "NY": lambda: rs(string.digits, 9), "TX": lambda: rs(string.digits, 8),
          "FL": lambda: R.choice(string.ascii_uppercase) + rs(string.digits, 12), "IL": lambda: R.choice(string.ascii_uppercase) + rs(string.digits, 11), "WA": lambda: "WDL" + rs(string.ascii_uppercase + string.digits, 9)}


def pos_hr_onboarding():
    for i in range(12):
        f, l = person()
        st = pick(list(DL_FMT.keys()))
        c = pick(CITIES)
        rec = {"employee": {"legal_name": "%s %s" % (f, l), "date_of_birth": dob(), "home_address": "%d %s, %s, %s %s%02d" % (R.randint(10, 9999), pick(STREETS), c[0], c[1], c[2], R.randint(0, 99)),
                            "personal_email": email_for(f, l), "phone": phone()},
               "i9_documents": {"us_passport_number": str(R.randint(5, 6)) + rs(string.digits, 8), "passport_expiry": date(2027, 2034), "drivers_license": {"state": st, "number": DL_FMT[st](), "expires": date(2026, 2031)}},
               "start_date": date(2025, 2025), "department": pick(["Engineering", "Sales", "Support"])}
        if i % 2 == 0:
            rec["i9_documents"]["ssn"] = ssn()
        add("hr-onboarding", json.dumps(rec, indent=2), pick(["fetch", "read"]), pick(["https://api.bamboohr.example/v1/employees/%d" % R.randint(100, 999), "onboarding/%s_%s.json" % (f.lower(), l.lower())]),
            "Fill the IT provisioning ticket from this record.", pos=True, cats=["pii"], where="HR onboarding record with passport/DL")


DX = [("E11.9", "Type 2 diabetes mellitus without complications"), ("I10", "Essential (primary) hypertension"), ("F32.1", "Major depressive disorder, single episode, moderate"),
      ("J45.40", "Moderate persistent asthma"), ("C50.911", "Malignant neoplasm of right female breast"), ("B20", "HIV disease"), ("N18.3", "Chronic kidney disease, stage 3")]


def pos_patient():
    for i in range(15):
        f, l = person()
        dx = pick(DX)
        k = i % 3
        mrn = "%s%07d" % (pick(["MRN", "", "M"]), R.randint(0, 9999999))
        if k == 0:
            txt = "PATIENT: %s, %s    DOB: %s    MRN: %s\nAdmit: %s   Attending: Dr. %s\nDiagnosis: %s (%s)\nMeds: metformin 500 mg BID, lisinopril 10 mg daily\nNotes: Pt reports improved glucose control. A1c %.1f%%. Follow up 3 months.\n" % (l.upper(), f, dob(), mrn, date(), pick(LAST), dx[1], dx[0], R.uniform(5.5, 10))
            add("patient-record", txt, "read", "exports/discharge_summary_%d.txt" % R.randint(1000, 9999), "Convert this to our FHIR import format.", pos=True, cats=["pii"], where="discharge summary")
        elif k == 1:
            txt = "MSH|^~\\&|EPIC|HOSP|LAB|HOSP|%s||ADT^A01|%d|P|2.5\nPID|1||%s^^^HOSP^MR||%s^%s||%s|%s|||%d %s^^%s^%s^%s\nDG1|1||%s^%s^I10\n" % (date().replace("-", "") + "1200", R.randint(10 ** 5, 10 ** 6), mrn, l.upper(), f.upper(), dob().replace("-", ""), pick("MF"), R.randint(10, 999), pick(STREETS), (c := pick(CITIES))[0], c[1], c[2] + "01", dx[0], dx[1])
            add("patient-record", txt, "shell", "tail -3 /var/spool/hl7/inbound.log", "Why does the parser reject this message?", pos=True, cats=["pii"], where="HL7 ADT with PID segment")
        else:
            rows = "mrn,patient_name,dob,diagnosis_code,diagnosis\n" + "".join("%s,%s %s,%s,%s,%s\n" % ("%08d" % R.randint(0, 99999999), *person(), dob(), *pick(DX)) for _ in range(R.randint(4, 9)))
            add("patient-record", rows, "read", "data/cohort_extract.csv", "Compute the share of each diagnosis.", pos=True, cats=["pii"], where="patient cohort CSV")


def pos_confidential_source():
    for i in range(15):
        hdr = pick(["/*\n * Confidential \u2014 Acme Corp internal use only.\n * Copyright (c) %d Acme Corp. All rights reserved.\n * Unauthorized copying of this file, via any medium, is strictly prohibited.\n */\n" % R.randint(2019, 2025),
                    "# ACME CORP CONFIDENTIAL AND PROPRIETARY\n# (c) %d Acme Corporation. Do not distribute outside Acme.\n" % R.randint(2019, 2025),
                    "// PROPRIETARY AND CONFIDENTIAL - Globex Retail Inc. Trade secret. Internal use only.\n"])
        body = pick(["def score_fraud(txn, profile):\n    w = [0.37, 1.8, -0.42, 2.9]\n    risk = w[0]*txn.amount_z + w[1]*profile.chargebacks + w[2]*profile.tenure_y + w[3]*(txn.country != profile.country)\n    return 1 / (1 + math.exp(-risk + %0.2f))\n" % R.uniform(1, 4),
                     "export function dynamicPrice(base: number, demand: number, inventory: number): number {\n  // tuned on Q3 data, see pricing-model-v%d\n  const k = %0.3f;\n  return Math.round(base * (1 + k * Math.log1p(demand / Math.max(inventory, 1))) * 100) / 100;\n}\n" % (R.randint(2, 9), R.uniform(0.05, 0.4)),
                     "func RankCandidates(c []Candidate) []Candidate {\n\tsort.Slice(c, func(i, j int) bool {\n\t\treturn c[i].Score*%0.2f+c[i].Recency > c[j].Score*%0.2f+c[j].Recency\n\t})\n\treturn c\n}\n" % ((w := R.uniform(0.5, 2)), w)])
        add("confidential-source", hdr + "\n" + body, pick(["read", "write", "user"]), pick(["src/risk/score.py", "src/pricing/dynamic.ts", "internal/rank/rank.go"]), "Optimize this function.", pos=True, cats=["source-code"], where="proprietary code with confidentiality header")


# ============================================================================= main
def main():
    for fn in [neg_lockfiles, neg_git, neg_containers, neg_iac_ci, neg_env_example, neg_doc_examples, neg_ids, neg_images, neg_webassets, neg_jwt_lookalike,
               neg_public_keys, neg_crypto_public, neg_binary_blobs, neg_orders_tracking, neg_barcodes, neg_timestamps, neg_network, neg_imei, neg_tables,
               neg_market_data, neg_routing_table, neg_policy_docs, neg_auth_code, neg_postmortem, neg_schema_masked, neg_medical_lit, neg_hr_policy,
               neg_license_legal, neg_hostnames_doc, neg_non_english, neg_datascience,
               pos_env_file, pos_stacktrace_dburl, pos_aws_config, pos_github_pat, pos_ai_keys, pos_private_key, pos_slack, pos_ssn_psql,
               pos_customer_csv, pos_cards, pos_iban, pos_hr_onboarding, pos_patient, pos_confidential_source]:
        fn()
    with open(os.path.join(HERE, "manifest.jsonl"), "w", encoding="utf-8") as fh:
        for c in CASES:
            fh.write(json.dumps(c, ensure_ascii=False) + "\n")
    npos = sum(1 for c in CASES if "pos" in c["tags"])
    print("cases: %d (positives %d, negatives %d)" % (len(CASES), npos, len(CASES) - npos))
    for k, v in COUNT.items():
        print("  %-22s %d" % (k, v))


if __name__ == "__main__":
    main()
