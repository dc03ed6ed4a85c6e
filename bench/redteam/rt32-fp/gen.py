#!/usr/bin/env python3
"""Blind benign-traffic corpus for Sieve false-positive testing. Stdlib only, fixed seed."""
import base64, gzip, hashlib, io, json, os, random, string, uuid, zipfile, codecs, binascii, time

R = random.Random(20261206)
OUT = os.path.dirname(os.path.abspath(__file__))
REQ = os.path.join(OUT, "req")
os.makedirs(REQ, exist_ok=True)
cases = []
ids = set()

B62 = string.ascii_letters + string.digits

def rs(n, alpha=B62):
    return "".join(R.choice(alpha) for _ in range(n))

# ---------------------------------------------------------------- containers
def anth(text, multi=False, tool=False):
    msgs = []
    if multi:
        msgs += [{"role": "user", "content": "Can you help me with this file in my repo?"},
                 {"role": "assistant", "content": [{"type": "text", "text": "Sure, let me read it."},
                   {"type": "tool_use", "id": "toolu_01" + rs(22), "name": "read_file", "input": {"path": "src/main.py"}}]}]
    if tool or multi:
        msgs.append({"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_01" + rs(22),
                                                   "content": [{"type": "text", "text": text}]}]})
    else:
        msgs.append({"role": "user", "content": [{"type": "text", "text": text}]})
    body = {"model": "claude-sonnet-4-5", "max_tokens": 4096, "system": "You are a helpful coding agent.",
            "messages": msgs, "tools": [{"name": "read_file", "description": "Read a file",
            "input_schema": {"type": "object", "properties": {"path": {"type": "string"}}}}]}
    return ("https://api.anthropic.com/v1/messages",
            {"Content-Type": "application/json", "anthropic-version": "2023-06-01"}, json.dumps(body))

def oai(text, tool=False):
    if tool:
        msgs = [{"role": "system", "content": "You are Codex."},
                {"role": "user", "content": "run the command"},
                {"role": "assistant", "content": None, "tool_calls": [{"id": "call_" + rs(24), "type": "function",
                  "function": {"name": "shell", "arguments": json.dumps({"cmd": ["bash", "-lc", "cat file"]})}}]},
                {"role": "tool", "tool_call_id": "call_" + rs(24), "content": text}]
    else:
        msgs = [{"role": "user", "content": text}]
    body = {"model": "gpt-4.1", "messages": msgs, "temperature": 0.2}
    return ("https://api.openai.com/v1/chat/completions", {"Content-Type": "application/json"}, json.dumps(body))

def oai_resp(text):
    body = {"model": "gpt-5", "input": [{"role": "user", "content": [{"type": "input_text", "text": "Summarize"}]},
            {"type": "function_call_output", "call_id": "call_" + rs(24), "output": text}], "store": False}
    return ("https://api.openai.com/v1/responses", {"Content-Type": "application/json"}, json.dumps(body))

def gemini(text):
    body = {"contents": [{"role": "user", "parts": [{"text": text}]}],
            "generationConfig": {"temperature": 0.1}}
    return ("https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:generateContent",
            {"Content-Type": "application/json"}, json.dumps(body))

def mcp(text):
    body = {"jsonrpc": "2.0", "id": R.randint(1, 999), "method": "tools/call",
            "params": {"name": "write_file", "arguments": {"path": "notes/out.txt", "content": text}}}
    return ("https://api.anthropic.com/v1/messages", {"Content-Type": "application/json"}, json.dumps(body))

def github(text):
    body = {"title": "Fix parsing bug", "body": text, "head": "fix/parse", "base": "main"}
    return ("https://api.github.com/repos/octo-org/widgets/pulls",
            {"Content-Type": "application/json", "Accept": "application/vnd.github+json"}, json.dumps(body))

def paste(text):
    from urllib.parse import quote
    return ("https://pastebin.com/api/api_post.php", {"Content-Type": "application/x-www-form-urlencoded"},
            "api_option=paste&api_paste_format=text&api_paste_code=" + quote(text))

WRAPS = [anth, lambda t: anth(t, tool=True), lambda t: anth(t, multi=True), oai, lambda t: oai(t, tool=True),
         oai_resp, gemini, mcp, github, paste]

def add(cid, kind, text, expect=None, wrap=None, where=None):
    assert cid not in ids, cid
    ids.add(cid)
    w = wrap or R.choice(WRAPS)
    target, headers, body = w(text)
    c = {"id": cid, "method": "POST", "target": target, "headers": headers, "body": body,
         "expect": expect or {}, "tags": ["fp:" + kind] if not expect else ["pos:" + kind]}
    if where:
        c["where"] = where
    cases.append(c)

def add_raw(cid, kind, target, headers, body_bytes, expect=None):
    assert cid not in ids, cid
    ids.add(cid)
    from urllib.parse import urlparse
    u = urlparse(target)
    head = "POST %s HTTP/1.1\r\nHost: %s\r\n" % (u.path or "/", u.netloc)
    for k, v in headers.items():
        head += "%s: %s\r\n" % (k, v)
    head += "Content-Length: %d\r\n\r\n" % len(body_bytes)
    fn = "req/%s.http" % cid
    with open(os.path.join(OUT, fn), "wb") as f:
        f.write(head.encode() + body_bytes)
    cases.append({"id": cid, "request": fn, "expect": expect or {},
                  "tags": ["fp:" + kind] if not expect else ["pos:" + kind]})

def multi(kind, texts, wraps=None):
    for i, t in enumerate(texts):
        add("%s-%d" % (kind, i), kind, t, wrap=(wraps[i % len(wraps)] if wraps else None))

# ---------------------------------------------------------------- helpers
def luhn_ok(s):
    d = [int(c) for c in s][::-1]
    t = 0
    for i, x in enumerate(d):
        if i % 2:
            x *= 2
            if x > 9: x -= 9
        t += x
    return t % 10 == 0

def luhn_make(prefix, n):
    while True:
        s = prefix + "".join(R.choice(string.digits) for _ in range(n - len(prefix) - 1))
        for c in string.digits:
            if luhn_ok(s + c):
                return s + c

def hexs(n): return rs(n, "0123456789abcdef")

# ================================================================= POSITIVES
for i in range(8):
    tok = "ghp_" + rs(36)
    add("pos-gh-%d" % i, "github-pat", R.choice([
        "export GITHUB_TOKEN=%s\n" % tok,
        "My token is %s, please use it to push." % tok,
        "[credential]\n  helper = store\n# https://user:%s@github.com\n" % tok]),
        expect={"categories": ["credential"]})
for i in range(8):
    cc = luhn_make(R.choice(["4", "51", "37"]), 15 if False else 16)
    add("pos-cc-%d" % i, "card", R.choice([
        "Customer card number: %s exp 09/28 CVV 123" % " ".join(cc[j:j+4] for j in range(0, 16, 4)),
        "Please charge credit card %s for the renewal." % cc]),
        expect={"categories": ["financial"]})
for i in range(7):
    ssn = "%03d-%02d-%04d" % (R.randint(100, 665), R.randint(10, 99), R.randint(1000, 9999))
    add("pos-ssn-%d" % i, "ssn", R.choice([
        "Employee: Maria Lopez, SSN: %s, DOB 1984-03-12" % ssn,
        "name,ssn\nJohn Carter,%s\n" % ssn]), expect={"categories": ["pii"]})
for i in range(7):
    ak = "AKIA" + rs(16, string.ascii_uppercase + "234567")
    sk = rs(40, B62 + "+/")
    add("pos-aws-%d" % i, "aws", "[default]\naws_access_key_id = %s\naws_secret_access_key = %s\nregion = us-east-1\n" % (ak, sk),
        expect={"categories": ["credential"]})

# ================================================================= NEGATIVES
# --- crypto code with test vectors
multi("crypto-vectors", [
    '''import hashlib, unittest
class TestSHA(unittest.TestCase):
    def test_abc(self):
        self.assertEqual(hashlib.sha256(b"abc").hexdigest(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    def test_empty(self):
        self.assertEqual(hashlib.sha1(b"").hexdigest(), "da39a3ee5e6b4b0d3255bfef95601890afd80709")
''',
    '''// RFC 4231 HMAC-SHA256 test case 1
var key = hexToBytes("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
var data = "Hi There";
var expected = "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7";
''',
    '''# AES-128 FIPS-197 appendix C.1
key = bytes.fromhex("000102030405060708090a0b0c0d0e0f")
plaintext = bytes.fromhex("00112233445566778899aabbccddeeff")
ciphertext = bytes.fromhex("69c4e0d86a7b0430d8cdb78070b4c55a")
assert AES.new(key, AES.MODE_ECB).encrypt(plaintext) == ciphertext
''',
    '''#[test]
fn chacha20_rfc8439_2_4_2() {
    let key = hex!("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    let nonce = hex!("000000000000004a00000000");
    let secret_key = [0u8; 32]; // test only
    assert_eq!(encrypt(&key, &nonce, PLAINTEXT), hex!("6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0b"));
}
''',
    '''// Ed25519 RFC 8032 TEST 1
const secretKey = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
const publicKey = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
const signature = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";
''',
    '''func TestPBKDF2(t *testing.T) {
	// RFC 6070
	password := []byte("password")
	salt := []byte("salt")
	want := "0c60c80f961f0e71f3a9b524af6012062fe037a6"
	got := hex.EncodeToString(pbkdf2.Key(password, salt, 1, 20, sha1.New))
	if got != want { t.Fatalf("got %s", got) }
}
''',
    '''describe("bcrypt", () => {
  it("verifies known hash", async () => {
    const hash = "$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy";
    expect(await bcrypt.compare("password", hash)).toBe(true);
  });
});
''',
    '''# Argon2 reference test vector
expected = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"
assert argon2.verify(expected, "password")
''',
    '''// Test key from RFC 7517 appendix A.1 (public)
{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRjmJLQiRRs-IUDNbBagaSQsvGQ4V9lRB24lN0g","use":"enc","kid":"1"}
''',
])

# --- hashing / hash listings
multi("hash-listing", [
    "\n".join("%s  dist/%s" % (hashlib.sha256(str(i).encode()).hexdigest(), f) for i, f in enumerate(
        ["app-1.4.2-linux-amd64.tar.gz", "app-1.4.2-darwin-arm64.tar.gz", "app-1.4.2-windows-amd64.zip", "app-1.4.2.sbom.json"])),
    "\n".join("%s %s" % (hashlib.md5(str(i).encode()).hexdigest(), "images/img_%04d.png" % i) for i in range(12)),
    "sha512-" + base64.b64encode(hashlib.sha512(b"x").digest()).decode() + "\nsha384-" + base64.b64encode(hashlib.sha384(b"y").digest()).decode(),
    'def file_digest(path):\n    h = hashlib.blake2b(digest_size=32)\n    with open(path, "rb") as f:\n        for chunk in iter(lambda: f.read(65536), b""):\n            h.update(chunk)\n    return h.hexdigest()  # e.g. %s\n' % hashlib.blake2b(b"z", digest_size=32).hexdigest(),
])

# --- lockfiles
def npm_lock():
    pk = {"": {"name": "webapp", "version": "1.0.0", "dependencies": {}}}
    for n in ["react", "react-dom", "lodash", "axios", "express", "debug", "ms", "chalk", "semver", "uuid"]:
        v = "%d.%d.%d" % (R.randint(1, 18), R.randint(0, 20), R.randint(0, 9))
        pk["node_modules/" + n] = {"version": v, "resolved": "https://registry.npmjs.org/%s/-/%s-%s.tgz" % (n, n, v),
            "integrity": "sha512-" + base64.b64encode(os.urandom(0) + hashlib.sha512((n + v).encode()).digest()).decode(), "license": "MIT"}
    return json.dumps({"name": "webapp", "version": "1.0.0", "lockfileVersion": 3, "requires": True, "packages": pk}, indent=2)
def yarn_lock():
    s = "# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.\n# yarn lockfile v1\n\n"
    for n in ["@babel/core", "@babel/parser", "typescript", "webpack", "eslint"]:
        v = "%d.%d.%d" % (R.randint(1, 9), R.randint(0, 20), R.randint(0, 9))
        s += '"%s@^%s":\n  version "%s"\n  resolved "https://registry.yarnpkg.com/%s/-/%s-%s.tgz#%s"\n  integrity sha512-%s\n\n' % (
            n, v, v, n, n.split("/")[-1], v, hashlib.sha1(n.encode()).hexdigest(), base64.b64encode(hashlib.sha512(n.encode()).digest()).decode())
    return s
def pnpm_lock():
    s = "lockfileVersion: '9.0'\n\npackages:\n\n"
    for n in ["vite", "rollup", "esbuild", "postcss"]:
        s += "  %s@%d.%d.%d:\n    resolution: {integrity: sha512-%s}\n    engines: {node: '>=18'}\n\n" % (
            n, R.randint(1, 5), R.randint(0, 9), R.randint(0, 9), base64.b64encode(hashlib.sha512(n.encode()).digest()).decode())
    return s
def poetry_lock():
    s = ""
    for n in ["requests", "urllib3", "certifi", "idna", "charset-normalizer"]:
        s += '[[package]]\nname = "%s"\nversion = "2.31.0"\noptional = false\npython-versions = ">=3.7"\nfiles = [\n    {file = "%s-2.31.0-py3-none-any.whl", hash = "sha256:%s"},\n    {file = "%s-2.31.0.tar.gz", hash = "sha256:%s"},\n]\n\n' % (
            n, n, hashlib.sha256(n.encode()).hexdigest(), n, hashlib.sha256((n + "t").encode()).hexdigest())
    return s + '[metadata]\nlock-version = "2.0"\npython-versions = "^3.11"\ncontent-hash = "%s"\n' % hashlib.sha256(b"c").hexdigest()
def cargo_lock():
    s = "# This file is automatically @generated by Cargo.\nversion = 3\n\n"
    for n in ["serde", "tokio", "rand", "hyper", "ring"]:
        s += '[[package]]\nname = "%s"\nversion = "1.0.%d"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\nchecksum = "%s"\n\n' % (
            n, R.randint(0, 200), hashlib.sha256(n.encode()).hexdigest())
    return s
def go_sum():
    s = ""
    for n in ["github.com/stretchr/testify v1.8.4", "golang.org/x/crypto v0.17.0", "github.com/google/uuid v1.5.0", "golang.org/x/sys v0.15.0"]:
        s += "%s h1:%s\n%s/go.mod h1:%s\n" % (n, base64.b64encode(hashlib.sha256(n.encode()).digest()).decode(),
                                            n, base64.b64encode(hashlib.sha256((n + "m").encode()).digest()).decode())
    return s
def gemfile_lock():
    return "GEM\n  remote: https://rubygems.org/\n  specs:\n    rails (7.1.2)\n      actionpack (= 7.1.2)\n    nokogiri (1.15.5-x86_64-linux)\n\nPLATFORMS\n  x86_64-linux\n\nDEPENDENCIES\n  rails (~> 7.1)\n\nCHECKSUMS\n  rails (7.1.2) sha256=%s\n\nBUNDLED WITH\n   2.5.3\n" % hashlib.sha256(b"r").hexdigest()
def composer_lock():
    return json.dumps({"_readme": ["This file locks the dependencies of your project to a known state"],
        "content-hash": hashlib.md5(b"c").hexdigest(), "packages": [{"name": "monolog/monolog", "version": "3.5.0",
        "source": {"type": "git", "url": "https://github.com/Seldaek/monolog.git", "reference": hashlib.sha1(b"m").hexdigest()},
        "dist": {"type": "zip", "url": "https://api.github.com/repos/Seldaek/monolog/zipball/" + hashlib.sha1(b"m").hexdigest(), "shasum": ""}}]}, indent=4)
multi("lockfile", [npm_lock(), yarn_lock(), pnpm_lock(), poetry_lock(), cargo_lock(), go_sum(), gemfile_lock(), composer_lock()])

# --- minified JS / source map
minjs = '!function(e,t){"object"==typeof exports&&"undefined"!=typeof module?module.exports=t():"function"==typeof define&&define.amd?define(t):(e="undefined"!=typeof globalThis?globalThis:e||self).dayjs=t()}(this,(function(){"use strict";var t=1e3,e=6e4,n=36e5,r="millisecond",i="second",s="minute",u="hour",a="day",o="week",c="month",f="quarter",h="year",d="date",l="Invalid Date",$=/^(\\d{4})[-/]?(\\d{1,2})?[-/]?(\\d{0,2})[Tt\\s]*(\\d{1,2})?:?(\\d{1,2})?:?(\\d{1,2})?[.:]?(\\d+)?$/,y=/\\[([^\\]]+)]|Y{1,4}|M{1,4}|D{1,2}|d{1,4}|H{1,2}|h{1,2}|a|A|m{1,2}|s{1,2}|Z{1,2}|SSS/g;return O}));'
srcmap = json.dumps({"version": 3, "file": "app.min.js", "sources": ["webpack:///src/index.ts", "webpack:///src/api.ts"],
    "names": ["fetch", "apiKey", "token", "render"], "mappings": ";".join(rs(R.randint(20, 60), B62 + "+/,") for _ in range(30)),
    "sourcesContent": ["export const apiKey = process.env.API_KEY;\nexport function render(){}\n"]})
multi("minified", [minjs, srcmap, "(()=>{var e={" + ",".join('%d:(e,t,n)=>{"use strict";n.r(t),n.d(t,{%s:()=>%s})}' % (R.randint(100, 999), rs(2, string.ascii_letters), rs(1, string.ascii_letters)) for _ in range(40)) + "}})();"])

# --- CSS with base64 fonts/images, SVG, images
def b64blob(n): return base64.b64encode(bytes(R.getrandbits(8) for _ in range(n))).decode()
png = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(R.getrandbits(8) for _ in range(1500))
jpg = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(R.getrandbits(8) for _ in range(2500))
multi("css-datauri", [
    "@font-face{font-family:'Inter';src:url(data:font/woff2;base64,%s) format('woff2');}\n.btn{color:#3366ff}" % b64blob(3000),
    ".logo{background-image:url(\"data:image/png;base64,%s\");width:32px}" % base64.b64encode(png).decode(),
    '<img alt="chart" src="data:image/jpeg;base64,%s"/>' % base64.b64encode(jpg).decode(),
])
multi("svg", [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M12 2C6.48 2 2 6.48 2 12s4.48 10 10 10 10-4.48 10-10S17.52 2 12 2zm-1 17.93c-3.95-.49-7-3.85-7-7.93 0-.62.08-1.21.21-1.79L9 15v1c0 1.1.9 2 2 2v1.93zm6.9-2.54c-.26-.81-1-1.39-1.9-1.39h-1v-3c0-.55-.45-1-1-1H8v-2h2c.55 0 1-.45 1-1V7h2c1.1 0 2-.9 2-2v-.41c2.93 1.19 5 4.06 5 7.41 0 2.08-.8 3.97-2.1 5.39z"/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200"><polyline points="%s" fill="none" stroke="#0af"/></svg>' % " ".join("%d,%d" % (i * 4, R.randint(0, 200)) for i in range(100)),
])
# base64 screenshots in image blocks (anthropic)
def anth_img(b64, mt):
    def w(text):
        body = {"model": "claude-opus-4-1", "max_tokens": 1024, "messages": [{"role": "user", "content": [
            {"type": "image", "source": {"type": "base64", "media_type": mt, "data": b64}}, {"type": "text", "text": text}]}]}
        return ("https://api.anthropic.com/v1/messages", {"Content-Type": "application/json", "anthropic-version": "2023-06-01"}, json.dumps(body))
    return w
for i in range(4):
    blob = (png if i % 2 == 0 else jpg)[:12] + bytes(R.getrandbits(8) for _ in range(20000))
    add("screenshot-%d" % i, "screenshot", "What's wrong in this screenshot of my terminal?", wrap=anth_img(base64.b64encode(blob).decode(), "image/png" if i % 2 == 0 else "image/jpeg"))
# openai image_url
def oai_img(b64):
    def w(text):
        body = {"model": "gpt-4o", "messages": [{"role": "user", "content": [{"type": "text", "text": text},
            {"type": "image_url", "image_url": {"url": "data:image/png;base64," + b64}}]}]}
        return ("https://api.openai.com/v1/chat/completions", {"Content-Type": "application/json"}, json.dumps(body))
    return w
for i in range(2):
    add("screenshot-oai-%d" % i, "screenshot", "Describe this UI", wrap=oai_img(base64.b64encode(png[:16] + bytes(R.getrandbits(8) for _ in range(15000))).decode()))

# --- git output
def commit(): return hexs(40)
gitlog = "\n".join("commit %s\nAuthor: Dev %d <dev%d@users.noreply.github.com>\nDate:   Tue Nov %d 10:%02d:11 2026 +0000\n\n    %s\n" % (
    commit(), i, i, R.randint(1, 28), R.randint(0, 59), R.choice(["fix: handle empty token list", "feat: add password reset flow", "chore: rotate test fixtures", "refactor secrets loader"])) for i in range(8))
gitdiff = '''diff --git a/src/config.py b/src/config.py
index 3f2a1b9..8c7d6e4 100644
--- a/src/config.py
+++ b/src/config.py
@@ -10,7 +10,7 @@ import os
 class Settings:
-    api_key: str = os.getenv("OPENAI_API_KEY", "")
+    api_key: str = os.environ["OPENAI_API_KEY"]
     timeout: int = 30
-    password_min_length = 8
+    password_min_length = 12
'''
blame = "\n".join("%s (Alice Smith 2026-0%d-1%d %02d:00:00 +0000 %3d) %s" % (hexs(8), R.randint(1, 9), R.randint(0, 9), R.randint(0, 23), i,
    R.choice(["def load_token():", "    return os.environ.get('TOKEN')", "", "SECRET_NAME = 'prod/db/password'", "    pass"])) for i in range(1, 15))
multi("git", [gitlog, gitdiff, blame, "On branch main\nYour branch is up to date with 'origin/main'.\n\nChanges not staged for commit:\n\tmodified:   .env.example\n\tmodified:   src/auth/token.ts\n",
    "\n".join("%s refs/heads/%s" % (commit(), b) for b in ["main", "develop", "feature/oauth", "release/2.3"]),
    "* %s (HEAD -> main) Merge pull request #%d from org/fix-secret-scan\n" % (hexs(7), R.randint(100, 9999)) * 5])

# --- docker / kubectl
multi("ops-output", [
    "CONTAINER ID   IMAGE                 COMMAND                  CREATED       STATUS       PORTS                    NAMES\n%s   postgres:16           \"docker-entrypoint.s…\"   2 hours ago   Up 2 hours   0.0.0.0:5432->5432/tcp   db\n%s   redis:7-alpine        \"docker-entrypoint.s…\"   2 hours ago   Up 2 hours   6379/tcp                 cache\n" % (hexs(12), hexs(12)),
    "NAME                          READY   STATUS    RESTARTS   AGE\napi-7d9f8b6c5d-x2k4p          1/1     Running   0          3d\nworker-5c6b7d8e9f-abcde       1/1     Running   2          3d\n",
    "Step 5/9 : RUN pip install -r requirements.txt\n ---> Running in %s\n ---> %s\nSuccessfully built %s\nSuccessfully tagged app:latest\nsha256:%s\n" % (hexs(12), hexs(12), hexs(12), hexs(64)),
    "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db-credentials\ntype: Opaque\ndata:\n  username: <base64-encoded-username>\n  password: <base64-encoded-password>\n",
    "$ kubectl get secret db-credentials -o yaml\napiVersion: v1\nkind: Secret\nmetadata:\n  name: db-credentials\n  uid: %s\n  resourceVersion: \"%d\"\ntype: Opaque\n" % (uuid.UUID(int=R.getrandbits(128)), R.randint(10**6, 10**8)),
])

# --- CI logs with masked secrets
multi("ci-log", [
    "2026-11-30T12:00:01.123Z Run actions/checkout@v4\n2026-11-30T12:00:02.456Z   token: ***\n2026-11-30T12:00:03Z env:\n  NPM_TOKEN: ***\n  AWS_SECRET_ACCESS_KEY: ***\n2026-11-30T12:01:00Z ✓ 214 tests passed\n",
    "+ echo \"Logging in to registry\"\n+ docker login -u ci-bot -p ******** registry.example.com\nWARNING! Using --password via the CLI is insecure. Use --password-stdin.\nLogin Succeeded\n",
    "[INFO] BUILD SUCCESS\n[INFO] Total time:  01:23 min\n[INFO] Finished at: 2026-11-30T12:03:04Z\nsecrets.GITHUB_TOKEN=[MASKED]\nDEPLOY_KEY=[REDACTED]\n",
])

# --- stack traces / crash dumps
multi("stacktrace", [
    '''Traceback (most recent call last):
  File "/home/runner/work/app/app/src/auth.py", line 42, in login
    token = jwt.decode(raw, key, algorithms=["HS256"])
  File "/usr/lib/python3.12/site-packages/jwt/api_jwt.py", line 210, in decode
    raise InvalidSignatureError("Signature verification failed")
jwt.exceptions.InvalidSignatureError: Signature verification failed
''',
    '''Exception in thread "main" java.lang.NullPointerException: Cannot invoke "String.length()" because "password" is null
	at com.example.auth.PasswordValidator.validate(PasswordValidator.java:27)
	at com.example.auth.LoginService.login(LoginService.java:88)
	at java.base/java.lang.Thread.run(Thread.java:1583)
''',
    '''panic: runtime error: invalid memory address or nil pointer dereference
[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x4a2b3c]

goroutine 1 [running]:
main.(*Client).GetToken(0x0, {0xc000012345, 0x10})
	/app/client.go:57 +0x1c
main.main()
	/app/main.go:12 +0x45
exit status 2
''',
    '''#
# A fatal error has been detected by the Java Runtime Environment:
#
#  SIGSEGV (0xb) at pc=0x00007f3a2c1b4e10, pid=12345, tid=12346
#
# JRE version: OpenJDK Runtime Environment (21.0.1+12) (build 21.0.1+12-29)
# Problematic frame:
# C  [libc.so.6+0x9e10]  __memmove_avx_unaligned_erms+0x110
#
RAX=0x00007f3a28000b60 RBX=0x0000000000000000 RCX=0x00007f3a2c3e1a40 RDX=0x0000000000001000
RSP=0x00007f3a1bffe6d8 RBP=0x00007f3a1bffe720 RSI=0x00007f3a20021f30 RDI=0x00007f3a28000b60
''',
    "thread 'main' panicked at src/main.rs:14:5:\ncalled `Result::unwrap()` on an `Err` value: Os { code: 2, kind: NotFound, message: \"No such file or directory\" }\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n",
])

# --- hex dumps
def hexdump(b):
    out = []
    for off in range(0, len(b), 16):
        ch = b[off:off + 16]
        out.append("%08x  %-48s |%s|" % (off, " ".join("%02x" % x for x in ch), "".join(chr(x) if 32 <= x < 127 else "." for x in ch)))
    return "\n".join(out)
elf = b"\x7fELF\x02\x01\x01\x00" + bytes(8) + b"\x02\x00\x3e\x00\x01\x00\x00\x00" + bytes(R.getrandbits(8) for _ in range(300))
multi("hexdump", [hexdump(elf), "$ xxd -l 128 firmware.bin\n" + "\n".join("%08x: %s  %s" % (o, " ".join(hexs(4) for _ in range(8)), rs(16, string.ascii_letters + ".")) for o in range(0, 128, 16))])

# --- DB results with numbers
def dbrows():
    rows = ["order_id | customer_id | amount | currency | created_at | tracking"]
    for _ in range(15):
        rows.append("%d | %d | %d.%02d | USD | 2026-%02d-%02d %02d:%02d:%02d | 1Z%s" % (
            R.randint(10**9, 10**10), R.randint(10**5, 10**7), R.randint(1, 9999), R.randint(0, 99), R.randint(1, 12), R.randint(1, 28),
            R.randint(0, 23), R.randint(0, 59), R.randint(0, 59), rs(16, string.ascii_uppercase + string.digits)))
    return "\n".join(rows)
def isbn13():
    d = "978" + "".join(R.choice(string.digits) for _ in range(9))
    s = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(d))
    return d + str((10 - s % 10) % 10)
def imei():
    return luhn_make(R.choice(["35", "86", "01"]), 15)
multi("db-numbers", [
    dbrows(), dbrows(),
    "isbn,title,price\n" + "\n".join("%s,Book %d,%d.99" % (isbn13(), i, R.randint(5, 60)) for i in range(12)),
    "ean13,sku,stock\n" + "\n".join("%s,SKU-%05d,%d" % (isbn13().replace("978", "400", 1), i, R.randint(0, 500)) for i in range(12)),
    "device_id,imei,model,last_seen\n" + "\n".join("%d,%s,Pixel 8,2026-11-%02d" % (i, imei(), R.randint(1, 28)) for i in range(10)),
    "vin,make,year\n1HGCM82633A004352,Honda,2003\nJH4KA7561PC008269,Acura,1993\n5YJ3E1EA7KF317000,Tesla,2019\nWBA3A5C51CF256551,BMW,2012\n",
    "store_id,phone,lat,lon\n" + "\n".join("%d,+1-555-01%02d,%.6f,%.6f" % (i, i, R.uniform(25, 48), R.uniform(-124, -67)) for i in range(12)),
    "SELECT id, created_at, total FROM invoices LIMIT 5;\n id    |     created_at      |  total\n" + "\n".join("%6d | 2026-10-%02d 09:15:00 | %8.2f" % (R.randint(1, 999999), R.randint(1, 30), R.uniform(1, 99999)) for _ in range(5)),
    "timestamp_ms,value\n" + "\n".join("%d,%d" % (1764000000000 + i * 1000, R.randint(10**15, 10**16)) for i in range(12)),
    "| id | epoch_ns |\n" + "\n".join("| %d | %d |" % (R.randint(4 * 10**15, 5 * 10**15), R.randint(10**18, 2 * 10**18)) for _ in range(10)),
])
# 16-digit numbers that happen to be Luhn-valid, but no card label
multi("luhn-ids", [
    "Shipment tracking numbers:\n" + "\n".join(luhn_make("9", 16) for _ in range(6)),
    "order_ref: %s\ninvoice: INV-%s\n" % (luhn_make("4", 16), luhn_make("5", 16)),
    '{"snowflake_ids":[%s]}' % ",".join(luhn_make("1", 19) for _ in range(6)),
    "Test cards from Stripe docs: use 4242 4242 4242 4242 with any future date in test mode.",
    "const TEST_VISA = '4111111111111111'; // Stripe/Braintree public test number\n",
])

# --- scientific data
multi("science", [
    "t,x,y,z\n" + "\n".join("%.6f,%.9f,%.9f,%.9f" % (i * 0.01, R.gauss(0, 1), R.gauss(0, 1), R.gauss(0, 1)) for i in range(60)),
    ">chr1 sample\n" + "\n".join(rs(70, "ACGT") for _ in range(20)),
    ">sp|P69905|HBA_HUMAN Hemoglobin subunit alpha\nMVLSPADKTNVKAAWGKVGAHAGEYGAEALERMFLSFPTTKTYFPHFDLSHGSAQVKGHGKKVADALTNAVAHVDDMPNALSALSDLHAHKLRVDPVNFKLLSHCLLVTLAAHLPAEFTPAVHASLDKFLASVSTVLTSKYR\n",
    "@SEQ_ID\n%s\n+\n%s\n" % (rs(100, "ACGT"), rs(100, "!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHI")),
    "ATOM      1  N   MET A   1      27.340  24.430   2.614  1.00  9.67           N\nATOM      2  CA  MET A   1      26.266  25.413   2.842  1.00 10.38           C\n",
])
# --- math
pi_digits = "3.14159265358979323846264338327950288419716939937510582097494459230781640628620899862803482534211706798214808651328230664709384460955058223172535940812848111745028410270193852110555964462294895493038196"
multi("math", [
    "pi to 200 digits: " + pi_digits,
    "RSA-100 = 1522605027922533360535618378132637429718068114961380688657908494580122963258952897654000350692006139\n= 37975227936943673922808872755445627854565536638199 × 40094690950920881030683735292761468389214899724061",
    "2^256 = 115792089237316195423570985008687907853269984665640564039457584007913129639936\nsecp256k1 n = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141",
    "Proof: the Merkle root is H(H(a)||H(b)) = %s, and the leaf hashes are %s and %s." % (hexs(64), hexs(64), hexs(64)),
    "Fibonacci(300) = 222232244629420445529739893461909967206666939096499764990979600",
    "e = 2.71828182845904523536028747135266249775724709369995957496696762772407663035354759457138217852516642742746",
])

# --- financial reports, no personal data
multi("fin-report", [
    "Q3 FY2026 results: revenue $4,213.7M (+12% YoY); operating income $812.4M; EPS $2.31 diluted; free cash flow $640M. Guidance for Q4: $4.35B–$4.45B.",
    "| Account | Debit | Credit |\n|---|---|---|\n| 1000 Cash | 125,000.00 | |\n| 4000 Revenue | | 125,000.00 |\n| 2100 Accounts Payable | 3,450.25 | |\n",
    "IBAN format explained: two-letter country code, two check digits, then up to 30 alphanumeric characters (the BBAN). Example placeholder: DEkk BBBB BBBB CCCC CCCC CC.",
    "SWIFT/BIC codes have 8 or 11 characters: 4 bank code, 2 country, 2 location, 3 optional branch, e.g. DEUTDEFF.",
    "Routing numbers (ABA) are nine digits with a checksum; our form validates them with the 3-7-1 weighting.",
])

# --- docs about security with placeholders
multi("security-docs", [
    "## Configuration\n\nSet your API key:\n\n```bash\nexport OPENAI_API_KEY=\"sk-...\"\nexport ANTHROPIC_API_KEY=\"<your-api-key>\"\nexport GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n```\n\nNever commit keys to git.",
    "A US Social Security number has the form AAA-GG-SSSS (area, group, serial). Numbers starting with 000, 666 or 9xx are never issued. Example placeholder: XXX-XX-XXXX.",
    "To configure AWS, run `aws configure` and enter your Access Key ID (starts with AKIA...) and Secret Access Key when prompted. See https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
    "AWS docs example key: AKIAIOSFODNN7EXAMPLE with secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY — these are the documented example values.",
    "### Password policy\n- minimum 12 characters\n- at least one digit and one symbol\n- passwords are hashed with Argon2id\n- never log the password field",
    "Create a `.env` file:\n```\nDATABASE_URL=postgres://USER:PASSWORD@localhost:5432/app\nSECRET_KEY=change-me\nSTRIPE_SECRET_KEY=sk_test_your_key_here\n```",
    "JWT structure: header.payload.signature, each base64url-encoded. For example the header {\"alg\":\"HS256\",\"typ\":\"JWT\"} encodes to eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.",
    "The sample token from jwt.io is eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c — paste it to see decoding.",
])

# --- regexes for secrets / DLP code / password validation / OAuth env
multi("secret-regex-code", [
    r'''PATTERNS = {
    "aws_access_key": re.compile(r"\b(AKIA|ASIA)[A-Z0-9]{16}\b"),
    "github_pat": re.compile(r"\bghp_[A-Za-z0-9]{36}\b"),
    "slack_token": re.compile(r"xox[baprs]-[0-9A-Za-z-]{10,48}"),
    "ssn": re.compile(r"\b\d{3}-\d{2}-\d{4}\b"),
    "credit_card": re.compile(r"\b(?:4\d{12}(?:\d{3})?|5[1-5]\d{14})\b"),
    "private_key": re.compile(r"-----BEGIN (RSA|EC|OPENSSH) PRIVATE KEY-----"),
}''',
    '''function validatePassword(pw: string): string[] {
  const errors = [];
  if (pw.length < 12) errors.push("Password must be at least 12 characters");
  if (!/[A-Z]/.test(pw)) errors.push("Password needs an uppercase letter");
  if (!/\\d/.test(pw)) errors.push("Password needs a digit");
  if (COMMON_PASSWORDS.has(pw.toLowerCase())) errors.push("Password is too common");
  return errors;
}''',
    '''import os, requests
CLIENT_ID = os.environ["OAUTH_CLIENT_ID"]
CLIENT_SECRET = os.environ["OAUTH_CLIENT_SECRET"]
def get_token():
    r = requests.post("https://oauth2.googleapis.com/token", data={
        "grant_type": "client_credentials", "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET})
    r.raise_for_status()
    return r.json()["access_token"]
''',
    '''def redact(text: str) -> str:
    """Mask anything that looks like a credit card or SSN before logging."""
    text = CARD_RE.sub(lambda m: "*" * (len(m.group()) - 4) + m.group()[-4:], text)
    return SSN_RE.sub("***-**-****", text)

def test_redact():
    assert redact("card 4111 1111 1111 1111") == "card ************1111"
    assert redact("ssn 123-45-6789") == "ssn ***-**-****"
''',
    '''const token = process.env.GITHUB_TOKEN;
if (!token) throw new Error("GITHUB_TOKEN is not set");
const octokit = new Octokit({ auth: token });
''',
    '''@Value("${spring.datasource.password}")
private String dbPassword;
@Value("${jwt.secret}")
private String jwtSecret;
''',
    '''password = getpass.getpass("Password: ")
if not check_password_hash(user.password_hash, password):
    abort(401)
''',
])

# --- fixtures with obviously fake data
multi("fake-fixtures", [
    json.dumps([{"id": i, "name": "Test User %d" % i, "email": "user%d@example.com" % i, "phone": "555-01%02d" % i} for i in range(8)], indent=2),
    "from faker import Faker\nfake = Faker()\nFaker.seed(0)\nusers = [fake.simple_profile() for _ in range(10)]\n",
    "INSERT INTO users (id, username, email, password_hash) VALUES\n" + ",\n".join("(%d, 'user%d', 'user%d@example.test', '$2b$12$%s')" % (i, i, i, rs(53, B62 + "./")) for i in range(5)) + ";",
    "john.doe@example.com,Jane Roe,jane@example.org,alice@example.net",
])

# --- public keys / certs / known_hosts / gpg
cert = "-----BEGIN CERTIFICATE-----\n" + "\n".join(b64blob(48) for _ in range(18)) + "\n-----END CERTIFICATE-----\n"
pubkey = "-----BEGIN PUBLIC KEY-----\n" + "\n".join(b64blob(48) for _ in range(6)) + "\n-----END PUBLIC KEY-----\n"
gpg = "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n" + "\n".join(b64blob(48) for _ in range(20)) + "\n=" + b64blob(3) + "\n-----END PGP PUBLIC KEY BLOCK-----\n"
multi("pubkeys", [cert, pubkey, gpg,
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI%s dev@laptop\n" % b64blob(32)[:43],
    "github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\ngithub.com ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEmKSENjQEezOmxkZMy7opKgwFB9nkt5YRrYMjNuG5N87uRgg6CLrbo5wAdT/y6v0mKV0U2w0WZ2YB/++Tpockg=\n",
    "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ%s user@host" % b64blob(256),
    "Key fingerprint = 1A2B 3C4D 5E6F 7A8B 9C0D  1E2F 3A4B 5C6D 7E8F 9A0B\nuid Release Signing Key <release@example.org>",
])

# --- crypto addresses / tx hashes
multi("blockchain", [
    "Donate: BTC bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq, ETH 0xde0B295669a9FD93d5F28D9Ec85E40f4cb697BAe",
    "tx 0x%s confirmed in block %d; gas used 21000" % (hexs(64), R.randint(10**7, 2 * 10**7)),
    "Genesis block hash: 000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f\nMerkle root: 4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b",
    "Solana program id: TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA",
])

# --- license texts
MIT = "MIT License\n\nCopyright (c) 2026 Example Contributors\n\nPermission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the \"Software\"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software...\n\nTHE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND."
APACHE = "Apache License\nVersion 2.0, January 2004\n\n4. Redistribution. ... 9. Accepting Warranty or Additional Liability. While redistributing the Work or Derivative Works thereof, You may choose to offer, and charge a fee for, acceptance of support, warranty, indemnity, or other liability obligations and/or rights consistent with this License. However, in accepting such obligations, You may act only on Your own behalf and on Your sole responsibility...\n\n\"Legal Entity\" shall mean the union of the acting entity... \"control\" means (i) the power, direct or indirect, to cause the direction or management of such entity.\n\n5. Submission of Contributions. Unless You explicitly state otherwise, any Contribution intentionally submitted for inclusion in the Work by You to the Licensor shall be under the terms and conditions of this License... \"Contribution\" shall mean ... including but not limited to communication on electronic mailing lists, source code control systems, and issue tracking systems that are managed by, or on behalf of, the Licensor for the purpose of discussing and improving the Work, but excluding communication that is conspicuously marked or otherwise designated in writing by the copyright owner as \"Not a Contribution.\""
GPL = "GNU GENERAL PUBLIC LICENSE\nVersion 3, 29 June 2007\n\n... You may convey covered works to others for the sole purpose of having them make modifications exclusively for you, or provide you with facilities for running those works, provided that you comply with the terms of this License in conveying all material for which you do not control copyright. Those thus making or running the covered works for you must do so exclusively on your behalf, under your direction and control, on terms that prohibit them from making any copies of your copyrighted material outside their relationship with you.\n\n11. Patents. ... A patent license is \"discriminatory\" if it does not include within the scope of its coverage ... \n\nIf you convey a covered work, knowingly relying on a patent license, and the Corresponding Source of the work is not available for anyone to copy, free of charge and under the terms of this License, through a publicly available network server or other readily accessible means..."
BSL = "Business Source License 1.1\n\nLicensor: HashiCorp, Inc.\nLicensed Work: Terraform 1.6.0. The Licensed Work is (c) 2023 HashiCorp, Inc.\nAdditional Use Grant: You may make production use of the Licensed Work, provided Your use does not include offering the Licensed Work to third parties on a hosted or embedded basis in order to compete with HashiCorp's paid version(s)."
multi("license", [MIT, APACHE, GPL, BSL,
    "/*\n * Copyright 2026 The Kubernetes Authors.\n *\n * Licensed under the Apache License, Version 2.0 (the \"License\");\n * you may not use this file except in compliance with the License.\n */\npackage main\n",
    "// SPDX-License-Identifier: GPL-2.0-only\n/*\n * Copyright (C) 1991, 1992  Linus Torvalds\n */\n#include <linux/kernel.h>\n",
    "Mozilla Public License 2.0 ... 3.4. Notices: You may not remove or alter the substance of any license notices (including copyright notices, patent notices, disclaimers of warranty, or limitations of liability) contained within the Source Code Form of the Covered Software...",
    "Creative Commons Attribution 4.0 International Public License. By exercising the Licensed Rights, You accept and agree to be bound by the terms and conditions of this Creative Commons Attribution 4.0 International Public License.",
])

# --- legal prose / NDA templates / privacy policies / HR
multi("legal-prose", [
    "MUTUAL NON-DISCLOSURE AGREEMENT (TEMPLATE)\n\n1. Definition of Confidential Information. \"Confidential Information\" means any non-public information disclosed by either party that is marked \"Confidential\" or would reasonably be understood to be confidential.\n2. Obligations. The Receiving Party shall hold the Confidential Information in strict confidence.\n\n[PARTY A NAME] ______________  [PARTY B NAME] ______________",
    "Privacy Policy\n\nWe collect personal information such as your name, email address, and payment details when you register. We do not sell your personal data. You can request deletion by emailing privacy@example.com. Social Security numbers are never requested.",
    "Employee Handbook §4.2 Confidentiality: Employees must not share confidential company information with outsiders. Examples of confidential information include unreleased product plans and salary data. Report suspected leaks to HR.",
    "Attorney-client privilege explained: communications between a lawyer and client made in confidence for the purpose of legal advice are protected. Marking an email 'Privileged & Confidential' does not by itself create privilege.",
    "What does 'confidential' mean on a document classification scheme? Typical levels: Public, Internal, Confidential, Restricted. Write a blog post comparing them.",
    "Please proofread my cover letter: 'I handled confidential client files with discretion and maintained strict confidentiality throughout my tenure at the clinic.'",
    "The email footer template reads: 'This message may contain confidential information. If you are not the intended recipient, please delete it.' Should we keep it?",
])

# --- chat about passwords, multilingual
multi("password-chat", [
    "I forgot my Wi-Fi password; how do I reset the router to factory settings?",
    "Why is 'password123' a bad password? Explain entropy to a beginner.",
    "¿Cómo cambio la contraseña de mi cuenta? Olvidé la clave del correo.",
    "Wie setze ich mein Passwort zurück? Das Kennwort wird nicht akzeptiert.",
    "Comment réinitialiser mon mot de passe ? Le champ « mot de passe » est vide.",
    "パスワードを忘れました。リセット方法を教えてください。",
    "忘记密码怎么办？请告诉我如何重置密码。",
    "كيف أغير كلمة المرور الخاصة بي؟",
    "Как сменить пароль в Ubuntu? Команда passwd просит текущий пароль.",
    "Translate to Spanish: 'Enter your password and PIN to continue.'",
])

# --- identifiers
def ulid(): return rs(26, "0123456789ABCDEFGHJKMNPQRSTVWXYZ")
multi("ids", [
    json.dumps({"id": "cus_" + rs(14), "object": "customer", "default_source": "card_" + rs(24), "invoice": "in_" + rs(24), "payment_intent": "pi_" + rs(24), "charge": "ch_" + rs(24), "livemode": False}),
    "\n".join(str(R.randint(10**17, 2 * 10**18)) for _ in range(10)),
    "\n".join(ulid() for _ in range(10)),
    "\n".join(rs(27) for _ in range(10)) + "  # KSUIDs",
    "\n".join(rs(21, B62 + "_-") for _ in range(10)) + "  # nanoid",
    "\n".join("-N" + rs(18, B62 + "_-") for _ in range(8)),
    'ETag: "%s"\nETag: "%s-12"' % (hexs(32), hexs(32)),
    "/subscriptions/%s/resourceGroups/rg-prod/providers/Microsoft.Web/sites/app-frontend" % uuid.UUID(int=R.getrandbits(128)),
    "projects/%d/locations/us-central1/functions/ingest; project number %d" % (R.randint(10**11, 10**12), R.randint(10**11, 10**12)),
    "\n".join(str(uuid.UUID(int=R.getrandbits(128), version=4)) for _ in range(10)),
    "request-id: req_" + rs(24) + "\nx-request-id: " + hexs(32) + "\ncf-ray: " + hexs(16) + "-SJC",
    "Sentry event id %s, trace id %s, span %s" % (hexs(32), hexs(32), hexs(16)),
    "docker image sha256:%s\nghcr.io/org/app@sha256:%s" % (hexs(64), hexs(64)),
    "arn:aws:iam::%d:role/ci-deploy\narn:aws:s3:::my-bucket/%s" % (R.randint(10**11, 10**12 - 1), rs(20)),
    "AWS account 123456789012; instance i-%s; vpc-%s; sg-%s; ami-%s" % (hexs(17), hexs(17), hexs(17), hexs(17)),
    "Slack channel C%s, user U%s, team T%s" % (rs(10, string.ascii_uppercase + string.digits), rs(10, string.ascii_uppercase + string.digits), rs(10, string.ascii_uppercase + string.digits)),
    "Google Analytics G-%s, GTM-%s, AdSense pub-%d" % (rs(10, string.ascii_uppercase + string.digits), rs(7, string.ascii_uppercase + string.digits), R.randint(10**15, 10**16)),
    "Firebase web config (public): apiKey placeholder REPLACE_ME, projectId demo-app, appId 1:%d:web:%s" % (R.randint(10**11, 10**12), hexs(22)),
])

# --- unicode heavy
multi("unicode", [
    "数据库迁移完成。用户表已更新，共处理 12,345 条记录。下一步：重新生成索引。",
    "تم تحديث التطبيق بنجاح. الإصدار ٢٫٣٫١ متاح الآن للتنزيل.",
    "🚀🔥✅ Deploy succeeded! 🎉🎉 Build #4521 took 3m12s ⏱️",
    "∀x∈ℝ: x² ≥ 0; ∫₀^∞ e^{−x²} dx = √π/2; ∑_{n=1}^∞ 1/n² = π²/6",
    "한국어 문서: 비밀번호 정책은 최소 12자 이상이어야 합니다.",
    "עברית: הסיסמה חייבת להכיל לפחות 12 תווים.",
    "ＡＢＣ１２３ full-width text and 𝔣𝔯𝔞𝔨𝔱𝔲𝔯 math letters",
])

# --- base64 / gzip / zip of benign files
readme = b"# widgets\n\nA small library for rendering widgets.\n\n## Install\n\npip install widgets\n\n## Usage\n\nimport widgets\nwidgets.render()\n"
multi("encoded-benign", [
    "Here is the file base64-encoded:\n" + base64.b64encode(readme).decode(),
    "gzip+base64 of my log: " + base64.b64encode(gzip.compress(b"INFO server started on :8080\n" * 40, mtime=0)).decode(),
    "hex of config: " + readme.hex(),
    "base32: " + base64.b32encode(readme[:60]).decode(),
    "urlencoded: " + "".join("%%%02X" % c for c in readme[:80]),
])
zbuf = io.BytesIO()
with zipfile.ZipFile(zbuf, "w") as z:
    z.writestr("README.md", readme)
    z.writestr("src/app.py", "print('hello')\n")
zdata = zbuf.getvalue()
add_raw("zip-upload-0", "multipart", "https://api.openai.com/v1/files",
        {"Content-Type": "multipart/form-data; boundary=----b0undary"},
        b"------b0undary\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nassistants\r\n------b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"project.zip\"\r\nContent-Type: application/zip\r\n\r\n" + zdata + b"\r\n------b0undary--\r\n")
add_raw("multipart-csv-0", "multipart", "https://api.openai.com/v1/files",
        {"Content-Type": "multipart/form-data; boundary=XyZ"},
        b"--XyZ\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nfine-tune\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"train.jsonl\"\r\nContent-Type: application/jsonl\r\n\r\n" +
        "\n".join(json.dumps({"messages": [{"role": "user", "content": "What is %d+%d?" % (a, b)}, {"role": "assistant", "content": str(a + b)}]}) for a, b in [(R.randint(1, 10**6), R.randint(1, 10**6)) for _ in range(30)]).encode() + b"\r\n--XyZ--\r\n")
add_raw("multipart-png-0", "multipart", "https://api.openai.com/v1/files",
        {"Content-Type": "multipart/form-data; boundary=QQ"},
        b"--QQ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"shot.png\"\r\nContent-Type: image/png\r\n\r\n" + png + bytes(R.getrandbits(8) for _ in range(30000)) + b"\r\n--QQ--\r\n")
add_raw("gzip-body-0", "gzip-body", "https://api.anthropic.com/v1/messages",
        {"Content-Type": "application/json", "Content-Encoding": "gzip", "anthropic-version": "2023-06-01"},
        gzip.compress(anth(gitlog)[2].encode(), mtime=0))
add_raw("gzip-body-1", "gzip-body", "https://api.openai.com/v1/chat/completions",
        {"Content-Type": "application/json", "Content-Encoding": "gzip"},
        gzip.compress(oai(npm_lock())[2].encode(), mtime=0))
add_raw("pdf-upload-0", "multipart", "https://api.anthropic.com/v1/files",
        {"Content-Type": "multipart/form-data; boundary=PP"},
        b"--PP\r\nContent-Disposition: form-data; name=\"file\"; filename=\"paper.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/Contents 4 0 R>>endobj\n4 0 obj<</Length 60>>stream\nBT /F1 12 Tf 72 712 Td (Abstract: we study sorting networks.) Tj ET\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\r\n--PP--\r\n")

# --- source code in many languages (open source style)
multi("source-code", [
    "package main\n\nimport (\n\t\"fmt\"\n\t\"net/http\"\n)\n\nfunc handler(w http.ResponseWriter, r *http.Request) {\n\tfmt.Fprintf(w, \"Hello, %s!\", r.URL.Path[1:])\n}\n\nfunc main() {\n\thttp.HandleFunc(\"/\", handler)\n\thttp.ListenAndServe(\":8080\", nil)\n}\n",
    "use std::collections::HashMap;\nfn main() {\n    let mut m: HashMap<&str, i32> = HashMap::new();\n    m.insert(\"a\", 1);\n    println!(\"{:?}\", m);\n}\n",
    "#include <stdio.h>\nint main(void) {\n    unsigned char key[16] = {0x2b,0x7e,0x15,0x16,0x28,0xae,0xd2,0xa6,0xab,0xf7,0x15,0x88,0x09,0xcf,0x4f,0x3c};\n    for (int i = 0; i < 16; i++) printf(\"%02x\", key[i]);\n    return 0;\n}\n",
    "public class UuidGen {\n  public static void main(String[] a) {\n    System.out.println(java.util.UUID.randomUUID());\n    System.out.println(java.util.UUID.fromString(\"123e4567-e89b-12d3-a456-426614174000\"));\n  }\n}\n",
    "SELECT u.id, u.email, COUNT(o.id) AS orders FROM users u LEFT JOIN orders o ON o.user_id = u.id WHERE u.created_at > NOW() - INTERVAL '30 days' GROUP BY u.id;",
    "#!/usr/bin/env bash\nset -euo pipefail\n: \"${DB_PASSWORD:?DB_PASSWORD must be set}\"\npsql \"postgresql://app:${DB_PASSWORD}@db:5432/app\" -c 'select 1'\n",
    "const crypto = require('crypto');\nfunction randomToken(n = 32) { return crypto.randomBytes(n).toString('base64url'); }\nmodule.exports = { randomToken };\n",
    "class User < ApplicationRecord\n  has_secure_password\n  validates :password, length: { minimum: 12 }, allow_nil: true\nend\n",
    "<?php\n$pdo = new PDO(getenv('DB_DSN'), getenv('DB_USER'), getenv('DB_PASS'));\n$stmt = $pdo->prepare('SELECT * FROM posts WHERE id = ?');\n",
    "import SwiftUI\nstruct LoginView: View {\n  @State private var password = \"\"\n  var body: some View { SecureField(\"Password\", text: $password) }\n}\n",
    "fun main() {\n    val secretKey = KeyGenerator.getInstance(\"AES\").apply { init(256) }.generateKey()\n    println(Base64.getEncoder().encodeToString(secretKey.encoded).length)\n}\n",
    "(defn fib [n] (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))\n(println (map fib (range 20)))",
])

# --- internal-looking but public infra in code (localhost, example domains)
multi("infra-config", [
    'resource "aws_db_instance" "main" {\n  engine         = "postgres"\n  username       = "app"\n  password       = var.db_password\n  manage_master_user_password = true\n}\n\nvariable "db_password" {\n  type      = string\n  sensitive = true\n}\n',
    "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - name: api\n        env:\n        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef:\n              name: db-credentials\n              key: password\n",
    "# values.yaml\nimage:\n  repository: ghcr.io/example/app\n  tag: 1.2.3\nexistingSecret: app-secrets\npassword: \"\"  # set via --set or existingSecret\n",
    "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: postgres\n      POSTGRES_USER: postgres\n    ports: [\"5432:5432\"]\n",
    "[client]\nhost=localhost\nuser=root\npassword=\nport=3306\n",
    "spring:\n  datasource:\n    url: jdbc:postgresql://localhost:5432/devdb\n    username: ${DB_USER}\n    password: ${DB_PASS}\n",
    "openapi: 3.0.3\ninfo:\n  title: Pets API\n  version: 1.0.0\ncomponents:\n  securitySchemes:\n    ApiKeyAuth:\n      type: apiKey\n      in: header\n      name: X-API-Key\n    bearerAuth:\n      type: http\n      scheme: bearer\n      bearerFormat: JWT\npaths:\n  /pets:\n    get:\n      security:\n        - ApiKeyAuth: []\n",
    "server {\n  listen 443 ssl;\n  server_name example.com;\n  ssl_certificate /etc/letsencrypt/live/example.com/fullchain.pem;\n  ssl_certificate_key /etc/letsencrypt/live/example.com/privkey.pem;\n}\n",
    "vault kv get -field=password secret/data/myapp/db\n# returns the value; we pipe it to the env var",
])

# --- decoder-wrapping lookalikes
def morse(s):
    M = {'A': '.-', 'B': '-...', 'C': '-.-.', 'D': '-..', 'E': '.', 'F': '..-.', 'G': '--.', 'H': '....', 'I': '..', 'J': '.---', 'K': '-.-', 'L': '.-..', 'M': '--', 'N': '-.', 'O': '---', 'P': '.--.', 'Q': '--.-', 'R': '.-.', 'S': '...', 'T': '-', 'U': '..-', 'V': '...-', 'W': '.--', 'X': '-..-', 'Y': '-.--', 'Z': '--..', '0': '-----', '1': '.----', '2': '..---', '3': '...--', '4': '....-', '5': '.....', '6': '-....', '7': '--...', '8': '---..', '9': '----.'}
    return " / ".join(" ".join(M[c] for c in w if c in M) for w in s.upper().split())
nato = ["Alfa", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India", "Juliett", "Kilo", "Lima", "Mike", "November", "Oscar", "Papa", "Quebec", "Romeo", "Sierra", "Tango", "Uniform", "Victor", "Whiskey", "X-ray", "Yankee", "Zulu"]
multi("decoder-lookalike", [
    "Ham radio practice: " + morse("CQ CQ DE W1AW PSE K 73 GOOD EVENING"),
    "Morse practice string: " + morse("THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG 1234567890"),
    "ATC: November One Two Three Alfa Bravo, cleared to land runway two seven left, wind two four zero at one two, squawk seven six two one.",
    "Spell your callsign: " + " ".join(R.choice(nato) for _ in range(30)),
    "⠠⠓⠑⠇⠇⠕ ⠺⠕⠗⠇⠙ ⠁⠝⠙ ⠺⠑⠇⠉⠕⠍⠑ ⠞⠕ ⠞⠓⠑ ⠃⠗⠁⠊⠇⠇⠑ ⠉⠇⠥⠃ ⣿⣿⣿⡿⠿⠿⠿⢿⣿⣿⣿",
    "ROT13 puzzle: " + codecs.encode("The treasure is buried under the old oak tree near the river.", "rot13"),
    "def test_reverse():\n    assert reverse('stressed') == 'desserts'\n    assert reverse('%s') == '%s'\n" % ("drowssap ym si siht", "this is my password"),
    "## TOTP setup (docs)\nThe secret is a base32 string, e.g. JBSWY3DPEHPK3PXP (the RFC example). Build the URI:\n`otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example`",
    "RFC 6238 test seed: ASCII \"12345678901234567890\" = base32 GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ; at T=59 the SHA1 TOTP is 94287082.",
    "test('fromCharCode', () => { expect(String.fromCharCode(...[72,101,108,108,111,44,32,87,111,114,108,100])).toBe('Hello, World'); });",
    "CTF write-up: the ciphertext bytes XOR 0x42 give the flag. ct = bytes.fromhex('%s') -> flag{x0r_is_not_encryption}" % bytes(c ^ 0x42 for c in b"flag{x0r_is_not_encryption}").hex(),
    "const bytes = [" + ",".join(str(c) for c in b"The build finished in 42 seconds without errors") + "];",
    "quoted-printable sample: Caf=C3=A9 au lait =E2=80=94 na=C3=AFve r=C3=A9sum=C3=A9",
    "UUencoded: begin 644 hello.txt\n%s\n`\nend" % binascii.b2a_uu(b"hello world from the build server").decode().strip(),
    "HTML entities: &#72;&#101;&#108;&#108;&#111; &lt;b&gt;World&lt;/b&gt; &copy; 2026",
    "Unicode escapes: \\u0048\\u0065\\u006c\\u006c\\u006f \\u4e16\\u754c",
    "Base58 Bitcoin WIF explained: private keys begin with 5, K or L; never share them. Address 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa is Satoshi's genesis address.",
    "Punycode: xn--mnchen-3ya.de is münchen.de; xn--fiqs8s is 中国.",
])

# --- more numeric lookalikes, labelled-but-benign
multi("labelled-benign", [
    "Card component props: cardNumber (string), expiry (MM/YY), cvc (3-4 digits). Default placeholder \"1234 5678 9012 3456\".",
    "SSN input mask: '###-##-####'; validation rejects 000-xx-xxxx and 666-xx-xxxx.",
    "ticket: SUP-48213; phone ext 4471; case number 0001234567; ZIP 94103-1234",
    "The Version number 10.0.19045.3803 and build 22621.2715 are both Windows builds.",
    "ISO timestamps: 2026-11-30T12:34:56.789012345Z, 1764506096, 1764506096789",
    "IPv6: 2001:0db8:85a3:0000:0000:8a2e:0370:7334, fe80::1ff:fe23:4567:890a; MAC 00:1A:2B:3C:4D:5E",
    "Account number field in our OpenAPI: `account_number: string, pattern ^[0-9]{8,17}$, example '000123456789'`",
    "Phone numbers in docs: (555) 010-0199, +44 20 7946 0958, +1 202-555-0143",
    "Date of birth field format: YYYY-MM-DD (e.g. 1990-01-01). Store as DATE, not TEXT.",
    "Passport number format varies by country; the US uses 9 characters. Our form accepts [A-Z0-9]{6,9}.",
])

# --- markdown README about the project
multi("readme", [
    "# Sieve-like scanner\n\nThis tool detects secrets such as AWS keys (AKIA...), GitHub tokens (ghp_...), Slack tokens (xoxb-...) and private keys. Run `scan .` in your repo.\n\n## FAQ\n**Does it upload my code?** No.",
    "# Project Apollo (open source)\n\nInternal architecture:\n- `api/` REST service\n- `worker/` background jobs\n- `infra/` Terraform\n\nThis repository is public under the MIT license.",
    "CHANGELOG\n## 2.4.0\n- Rotate signing keys automatically\n- Remove deprecated `--password` flag (use `--password-file`)\n- Fix token refresh race (#1234)\n",
])

# --- multi-turn transcripts with many tool results
def big_transcript(n):
    msgs = [{"role": "user", "content": "Fix the failing test in the auth module."}]
    for i in range(n):
        tid = "toolu_01" + rs(22)
        cmd = R.choice(["pytest -q tests/test_auth.py", "git status", "cat src/auth/token.py", "ls -la", "npm test"])
        msgs.append({"role": "assistant", "content": [{"type": "tool_use", "id": tid, "name": "bash", "input": {"command": cmd}}]})
        out = R.choice([
            "....F..\nFAILED tests/test_auth.py::test_expired_token - AssertionError: expected 401 got 200\n7 passed, 1 failed in 0.42s",
            "total 48\ndrwxr-xr-x  8 dev dev 4096 Nov 30 12:00 .\n-rw-r--r--  1 dev dev  220 Nov 30 12:00 .env.example\n-rw-r--r--  1 dev dev 1024 Nov 30 12:00 pyproject.toml",
            "def verify(token: str) -> Claims:\n    claims = jwt.decode(token, settings.jwt_secret, algorithms=['HS256'])\n    if claims['exp'] < time.time():\n        raise Expired()\n    return claims",
            "> jest\n PASS  src/auth.test.ts\n  ✓ rejects bad password (12 ms)\n  ✓ issues token (8 ms)\nTests: 2 passed"])
        msgs.append({"role": "user", "content": [{"type": "tool_result", "tool_use_id": tid, "content": out}]})
    return msgs
for i in range(4):
    body = {"model": "claude-sonnet-4-5", "max_tokens": 8192, "stream": True, "messages": big_transcript(8 + i * 6)}
    cid = "transcript-%d" % i
    ids.add(cid)
    cases.append({"id": cid, "method": "POST", "target": "https://api.anthropic.com/v1/messages",
                  "headers": {"Content-Type": "application/json", "anthropic-version": "2023-06-01"}, "body": json.dumps(body),
                  "expect": {}, "tags": ["fp:transcript"]})


# ================================================================= BATCH 2
import struct, zlib
def crc_b62(n, alpha):
    s = ""
    while n:
        n, r = divmod(n, 62); s = alpha[r] + s
    return s.rjust(6, alpha[0])
A1 = string.digits + string.ascii_uppercase + string.ascii_lowercase
A2 = string.digits + string.ascii_lowercase + string.ascii_uppercase
for i in range(4):
    rnd = rs(30)
    for j, (alpha, over) in enumerate([(A1, rnd), (A1, "ghp_" + rnd), (A2, rnd), (A2, "ghp_" + rnd)]):
        tok = "ghp_" + rnd + crc_b62(binascii.crc32(over.encode()), alpha)
        add("pos-ghcrc-%d-%d" % (j, i), "github-pat-crc%d" % j, "My token is %s, please use it to push." % tok,
            expect={"rules": ["credential.github-pat"]})

# --- realistic PNG/JPEG screenshots of various sizes (binary noise, as compressed images are)
def mkpng(w, h):
    raw = b"".join(b"\x00" + bytes(R.getrandbits(8) for _ in range(w * 3)) for _ in range(h))
    def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", binascii.crc32(t + d) & 0xffffffff)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
for i, (w, h) in enumerate([(120, 80), (200, 150), (300, 200), (400, 300), (160, 100), (250, 250), (320, 240), (500, 300), (100, 100), (220, 180), (260, 200), (180, 140)]):
    p = mkpng(w, h)
    add("png-%d" % i, "screenshot-png-%s" % ("lt100k" if len(p) < 100000 else "ge100k"), "Here is a screenshot (%d bytes) of the failing page." % len(p),
        wrap=anth_img(base64.b64encode(p).decode(), "image/png") if i % 2 == 0 else oai_img(base64.b64encode(p).decode()))
# probes for the -p trigger in binary
def bin_probe(payload):
    return bytes(64) + payload + bytes(64)
probes = {
    "bp-ascii20": b" -pAbCdEfGhIjKlMnOpQrSt ",
    "bp-high20": b"-p" + bytes(R.randint(0x80, 0xff) for _ in range(20)) + b"\x00",
    "bp-high8": b"-p" + bytes(R.randint(0x80, 0xff) for _ in range(8)) + b"\x00",
    "bp-mixed": b"\x13-p" + bytes([0x41, 0xc9, 0x7f, 0xe2, 0x33, 0x99, 0xaa, 0x5f, 0xd0, 0x22, 0x8e, 0xf1, 0x44, 0xb0, 0x6a, 0xcc]) + b"\n",
    "bp-noP": b"-q" + bytes(R.randint(0x80, 0xff) for _ in range(20)) + b"\x00",
}
for k, v in probes.items():
    add(k, "binary-dash-p-probe", "screenshot", wrap=anth_img(base64.b64encode(b"\x89PNG\r\n\x1a\n" + bin_probe(v)).decode(), "image/png"))

# --- shell flags "-p"
multi("shell-dash-p", [
    "$ mkdir -p /var/lib/myapp/releases/2026-11-30T120000Z && cp -pR build/ /var/lib/myapp/releases/",
    "docker run -d -p 127.0.0.1:8080:80 -p 8443:443 --name web nginx:1.27-alpine",
    "ssh -p 2222 deploy@bastion.example.com 'systemctl restart app'",
    "redis-cli -h cache -p 6380 INFO replication",
    "psql -h localhost -p 5433 -U postgres -d analytics -c 'select count(*) from events'",
    "git add -p src/parser.rs && git commit -m 'split parser'",
    "ps -p $(pgrep -f gunicorn) -o pid,rss,cmd",
    "mysql -u root -p\nEnter password:\nWelcome to the MySQL monitor.",
    "kubectl port-forward svc/grafana 3000:80 -n monitoring && python -m http.server -b 0.0.0.0 -p 9000",
    "perl -pi -e 's/foo/bar/g' config/*.yml",
    "unzip -p release.zip manifest.json | jq .version",
])

# --- phone list boundary
phones_fict = lambda n, pref: "\n".join("%d,%s%02d" % (i, pref, i) for i in range(n))
multi("phone-fictional", [
    "store_id,phone\n" + phones_fict(3, "+1-555-01"),
    "store_id,phone\n" + phones_fict(5, "+1-555-01"),
    "store_id,phone\n" + phones_fict(12, "+1 555 01"),
    "store_id,phone\n" + phones_fict(12, "555-01"),
    "store_id,phone\n" + phones_fict(12, "(555) 555-01"),
    "test fixtures: " + ", ".join("+1-555-01%02d" % i for i in range(10)),
    "Support lines (public): US +1-800-642-7676, UK +44 344 800 2400, DE +49 800 589 1848, FR +33 1 70 36 33 71, JP +81 3 4333 2000",
    "UK drama numbers (Ofcom reserved): " + ", ".join("+44 20 7946 0%03d" % i for i in range(10)),
])

# --- email boundary
multi("email-fixture", [
    "INSERT INTO users (id, email) VALUES\n" + ",\n".join("(%d, 'user%d@example.com')" % (i, i) for i in range(5)) + ";",
    "INSERT INTO users (id, email) VALUES\n" + ",\n".join("(%d, 'user%d@example.test')" % (i, i) for i in range(2)) + ";",
    "INSERT INTO users (id, email) VALUES\n" + ",\n".join("(%d, 'user%d@example.test')" % (i, i) for i in range(3)) + ";",
    "id,email\n" + "\n".join("%d,test%d@localhost" % (i, i) for i in range(6)),
    "id,email\n" + "\n".join("%d,user%d@example.org" % (i, i) for i in range(6)),
    "$ git shortlog -sne v1.0..v2.0\n" + "\n".join("%6d  %s <%s>" % (R.randint(1, 400), n, e) for n, e in [
        ("Linus Torvalds", "torvalds@linux-foundation.org"), ("Greg Kroah-Hartman", "gregkh@linuxfoundation.org"), ("Jens Axboe", "axboe@kernel.dk"),
        ("Dan Carpenter", "dan.carpenter@linaro.org"), ("Arnd Bergmann", "arnd@arndb.de"), ("Christoph Hellwig", "hch@lst.de"), ("Andrew Morton", "akpm@linux-foundation.org")]),
    "Signed-off-by: Jane Dev <jane.dev@kernel.org>\nReviewed-by: Rob Herring <robh@kernel.org>\nAcked-by: Mark Brown <broonie@kernel.org>\nCc: stable@vger.kernel.org\nCc: linux-kernel@vger.kernel.org\nCc: netdev@vger.kernel.org",
    "# CODEOWNERS\n/src/auth/ @acme/security alice@acme-oss.org\n/docs/ bob@acme-oss.org\n/infra/ carol@acme-oss.org\n/api/ dave@acme-oss.org\n/web/ erin@acme-oss.org",
    json.dumps({"name": "left-pad", "author": "Azer Koculu <azer@kodfabrik.com>", "contributors": ["A <a@npm.example>", "B <b@npm.example>", "C <c@npm.example>", "D <d@npm.example>"], "bugs": {"email": "bugs@left-pad.example"}}, indent=2),
    "\n".join("commit %s\nAuthor: %s <%s>\nDate:   Mon Nov 3 10:00:00 2026 +0000\n\n    fix typo\n" % (hexs(40), n, e) for n, e in [("Ann Lee", "ann@gmail.com"), ("Bo Chen", "bo.chen@outlook.com"), ("Cy Park", "cy@proton.me"), ("Di Ray", "di.ray@yahoo.com"), ("Ed Fox", "edfox@icloud.com")]),
])

# --- confidentiality phrase boundary
multi("confidential-prose", [
    "Marking an email 'Privileged & Confidential' does not by itself create privilege.",
    "Marking an email privileged and confidential does not by itself create privilege.",
    "Lawyers often add 'Privileged and Confidential' to emails.",
    "The header says \"Confidential\" but the document was already published.",
    "Attorney-client privilege protects communications made in confidence.",
    "Our email footer: This e-mail and any attachments are confidential and may be privileged. If you are not the intended recipient, notify the sender.",
    "def classify(doc):\n    if 'CONFIDENTIAL' in doc.header:\n        return Level.RESTRICTED\n",
    "class Sensitivity(Enum):\n    PUBLIC = 0\n    INTERNAL = 1\n    CONFIDENTIAL = 2\n    RESTRICTED = 3\n",
    "Distribution Statement A: Approved for public release; distribution is unlimited.",
    "TLP:CLEAR — This advisory may be shared publicly. CVE-2026-12345 affects versions < 2.4.1.",
    "UNCLASSIFIED // FOR PUBLIC RELEASE\nNIST Special Publication 800-63B: Digital Identity Guidelines",
    "// Code generated by protoc-gen-go. DO NOT EDIT.\n// source: api/v1/service.proto\npackage apiv1\n",
    "Wikipedia: Classified information in the United States has three levels: Confidential, Secret, and Top Secret.",
    "README: Do not distribute the test fixtures' generated binaries; rebuild them with make fixtures.",
])

# --- copyright headers of open-source projects
multi("oss-copyright", [
    "// Copyright 2009 The Go Authors. All rights reserved.\n// Use of this source code is governed by a BSD-style\n// license that can be found in the LICENSE file.\n\npackage strings\n",
    "// Copyright 2024 The Chromium Authors\n// Use of this source code is governed by a BSD-style license that can be\n// found in the LICENSE file.\n#include \"base/strings/string_util.h\"\n",
    "/*---------------------------------------------------------------------------------------------\n *  Copyright (c) Microsoft Corporation. All rights reserved.\n *  Licensed under the MIT License. See License.txt in the project root for license information.\n *--------------------------------------------------------------------------------------------*/\nimport * as vscode from 'vscode';\n",
    "/*\n * Copyright (c) 1994, 2023, Oracle and/or its affiliates. All rights reserved.\n * DO NOT ALTER OR REMOVE COPYRIGHT NOTICES OR THIS FILE HEADER.\n *\n * This code is free software; you can redistribute it and/or modify it\n * under the terms of the GNU General Public License version 2 only, as\n * published by the Free Software Foundation.  Oracle designates this\n * particular file as subject to the \"Classpath\" exception.\n */\npackage java.lang;\n",
    "# Copyright (c) Meta Platforms, Inc. and affiliates.\n#\n# This source code is licensed under the MIT license found in the\n# LICENSE file in the root directory of this source tree.\nimport torch\n",
    "// Copyright 2023 Google LLC\n//\n// Licensed under the Apache License, Version 2.0 (the \"License\");\n// you may not use this file except in compliance with the License.\npackage com.google.cloud.storage;\n",
    "# Copyright (c) 2026 Amazon.com, Inc. or its affiliates. All Rights Reserved.\n# SPDX-License-Identifier: Apache-2.0\nimport boto3\n",
    "// Copyright (c) Elasticsearch B.V. licensed under the Elastic License 2.0; you may not use this file except in compliance with the Elastic License 2.0.\npackage org.elasticsearch.xpack;\n",
    "//\n//  ContentView.swift\n//  WeatherDemo\n//\n//  Created by Sam on 11/30/26.\n//\nimport SwiftUI\n",
    "Copyright (C) 2026 Free Software Foundation, Inc.\nThis file is part of GCC. GCC is free software; you can redistribute it and/or modify it under the terms of the GNU GPL.",
])

# --- infra hostnames in public/open-source contexts
multi("oss-hostnames", [
    "NAME                                         STATUS   ROLES    AGE   VERSION\nip-10-0-1-23.ec2.internal                    Ready    <none>   12d   v1.30.2-eks-1552ad0\nip-10-0-2-181.us-west-2.compute.internal     Ready    <none>   12d   v1.30.2-eks-1552ad0\n",
    "redis:\n  host: redis-master.default.svc.cluster.local\n  port: 6379\npostgres:\n  host: postgresql.db.svc.cluster.local\n",
    "METADATA_URL = \"http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token\"\nresp = requests.get(METADATA_URL, headers={\"Metadata-Flavor\": \"Google\"})",
    "IMDS: curl -s http://169.254.169.254/latest/meta-data/instance-id\ncurl http://host.docker.internal:11434/api/tags",
    "# /etc/hosts\n127.0.0.1 localhost\n192.168.1.10 nas.local\n192.168.1.1 router.lan\n10.0.0.5 printer.home.arpa",
    "import (\n\t\"github.com/hashicorp/terraform/internal/configs\"\n\t\"github.com/hashicorp/terraform/internal/states\"\n)\n",
    "import { Injectable } from '@angular/core';\nimport { S3Client } from '@aws-sdk/client-s3';\nimport type { Node } from '@types/estree';\n",
    "upstream backend { server app.internal:8080; server app2.internal:8080; }\nserver_name intranet.example.com;",
    "jdbc:postgresql://db.prod.example.com:5432/app\namqp://rabbitmq.staging.example.net:5672\nhttps://jenkins.example.org/job/build/",
])

# --- checksum-based numeric lookalikes, dates+digits
multi("date-serial", [
    "backups/\n" + "\n".join("db-%02d%02d%02d-%04d.sql.gz" % (R.randint(20, 26), R.randint(1, 12), R.randint(1, 28), R.randint(0, 9999)) for _ in range(8)),
    "Build ids: " + ", ".join("%02d%02d%02d-%04d" % (R.randint(20, 26), R.randint(1, 12), R.randint(1, 28), R.randint(0, 9999)) for _ in range(8)),
    "release tags: " + ", ".join("v%02d%02d%02d-%07d" % (R.randint(20, 26), R.randint(1, 12), R.randint(1, 28), R.randint(0, 9999999)) for _ in range(6)),
    "log files: " + " ".join("%02d%02d%02d-%03d%d.log" % (R.randint(1, 28), R.randint(1, 12), R.randint(80, 99), R.randint(0, 999), R.randint(0, 9)) for _ in range(8)),
    "id,value\n" + "\n".join("%d,%.3f" % (R.randint(10**10, 10**11 - 1), R.random()) for _ in range(15)),
    "id,value\n" + "\n".join("%d,%.3f" % (R.randint(10**8, 10**9 - 1), R.random()) for _ in range(15)),
    "\n".join("%d" % R.randint(10**12, 10**13 - 1) for _ in range(10)),
    "\n".join("%d" % R.randint(10**17, 10**18 - 1) for _ in range(10)),
])

# --- documentation specimens of IDs
multi("id-specimens", [
    "HMRC uses QQ123456C as the example National Insurance number in its guidance; it is never issued.",
    "PAN card format: five letters, four digits, one letter, e.g. ABCDE1234F.",
    "Codice fiscale example from Wikipedia: RSSMRA85T10A562S (Mario Rossi).",
    "CMS example MBI: 1EG4-TE5-MK73 (format CAAN-AAN-AANN).",
    "ICAO 9303 specimen MRZ:\nP<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10",
    "HL7 v2 sample:\nMSH|^~\\&|ADT1|GOOD HEALTH HOSPITAL|GHH LAB|GHH|198808181126||ADT^A01|MSG00001|P|2.5\nPID|1||PATID1234^^^GOOD HEALTH HOSPITAL^MR||EVERYMAN^ADAM^A||19610615|M",
    "ITIN format: 9XX-7X-XXXX; ITINs always begin with 9 and have 70-88 in the middle.",
    "Example IBAN from the ECBS standard: DE89 3704 0044 0532 0130 00; UK example GB82 WEST 1234 5698 7654 32.",
    "JPMorgan Chase's public ABA routing number for NY wires is 021000021; it is printed on every check.",
    "NACHA file sample record:\n101 091000019 1234567891211300930A094101WELLS FARGO BANK       ACME CORP",
    "Track 2 format docs: ;PAN=YYMMSSS...?  The start sentinel ';' and end sentinel '?' bracket the data.",
    "SWIFT MT103 template:\n:20:REFERENCE\n:23B:CRED\n:32A:YYMMDDCCYAMOUNT\n:50K:/ACCOUNTNUMBER\nORDERING CUSTOMER\n:59:/ACCOUNTNUMBER\nBENEFICIARY",
    "Swedish personnummer format YYMMDD-XXXX; Danish CPR DDMMYY-SSSS; Finnish HETU DDMMYYCZZZQ.",
    "DEA number format: two letters + 7 digits with a checksum, e.g. AB1234563 (textbook example).",
])

# --- well-known public dev/test keys and vectors
multi("public-test-vectors", [
    "BIP39 test vector (Trezor vectors.json):\nentropy 00000000000000000000000000000000\nmnemonic: abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about",
    "test('validates mnemonic', () => {\n  expect(validateMnemonic('legal winner thank year wave sausage worth useful legal winner thank yellow')).toBe(true);\n});",
    "BIP32 test vector 1 chain m: xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8",
    "Bitcoin wiki WIF example: 5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ",
    "Anvil default account #0: address 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266\nprivate key: 0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80 (public, test only)",
    "Azurite default connection: UseDevelopmentStorage=true",
    "nostr: my public key is npub1sn0wdenkukak0d9dfczzeacvhkrgz92ak56egt7vdgzn8pv2wfqqhrjdv9",
    "age public key: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p",
    "Stripe.js init: const stripe = Stripe('pk_live_" + rs(99) + "');",
    "Sentry.init({ dsn: 'https://" + hexs(32) + "@o" + str(R.randint(10**5, 10**6)) + ".ingest.sentry.io/" + str(R.randint(10**6, 10**7)) + "' });",
    "const firebaseConfig = { authDomain: 'demo.firebaseapp.com', projectId: 'demo', messagingSenderId: '" + str(R.randint(10**11, 10**12)) + "' };",
    "Google OAuth client id (public): " + str(R.randint(10**11, 10**12)) + "-" + rs(32, string.ascii_lowercase + string.digits) + ".apps.googleusercontent.com",
    "const expectedDigest = new Uint8Array([" + ",".join(str(b) for b in hashlib.sha512(b"abc").digest()) + "]);",
    "pixels = [" + ",".join(str(R.randint(0, 255)) for _ in range(64)) + "]  # 8x8 grayscale tile",
    "const iv = [" + ",".join(str(R.randint(0, 255)) for _ in range(32)) + "]; const salt = [" + ",".join(str(R.randint(0, 255)) for _ in range(32)) + "];",
])

# --- placeholders in docs/config
multi("placeholder-secrets", [
    "Send alerts with an Incoming Webhook: POST https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
    "curl -H \"Authorization: Bearer $GITHUB_TOKEN\" https://api.github.com/user",
    "curl -H 'Authorization: Bearer <YOUR_TOKEN>' -H 'Content-Type: application/json' https://api.example.com/v1/items",
    "echo \"$CR_PAT\" | docker login ghcr.io -u USERNAME --password-stdin",
    "services:\n  mongo:\n    image: mongo\n    environment:\n      MONGO_INITDB_ROOT_USERNAME: root\n      MONGO_INITDB_ROOT_PASSWORD: example\n  mongo-express:\n    environment:\n      ME_CONFIG_MONGODB_URL: mongodb://root:example@mongo:27017/",
    "DATABASE_URL=postgres://postgres:postgres@localhost:5432/postgres",
    "REDIS_URL=redis://localhost:6379/0\nCELERY_BROKER_URL=amqp://guest:guest@localhost:5672//",
    "#cloud-config\nchpasswd:\n  expire: false\n  users:\n    - name: ubuntu\n      password: RANDOM\n      type: RANDOM",
    "export VAULT_ADDR='http://127.0.0.1:8200'\nexport VAULT_TOKEN=\"root\"  # dev server only",
    "# settings.py\nSECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', 'django-insecure-change-me')\nDEBUG = True",
    "Twilio quickstart: client = Client('ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', 'your_auth_token')",
    "{\n  \"auths\": {},\n  \"credsStore\": \"desktop\",\n  \"currentContext\": \"default\"\n}",
    "-----BEGIN RSA PRIVATE KEY-----\n<paste your private key here>\n-----END RSA PRIVATE KEY-----",
    "NAME                  TYPE                                  DATA   AGE\ndb-credentials        Opaque                                2      12d\ndefault-token-x2k4p   kubernetes.io/service-account-token   3      40d\ntls-secret            kubernetes.io/tls                     2      12d",
    "| Secret name | Where used | Rotation |\n|---|---|---|\n| DB_PASSWORD | api, worker | 90 days |\n| STRIPE_SECRET_KEY | billing | on leak |\n| JWT_SIGNING_KEY | auth | yearly |",
    "git clone https://github.com/torvalds/linux.git\ngit clone https://oauth2:${CI_JOB_TOKEN}@gitlab.com/group/project.git",
    "password=$(aws secretsmanager get-secret-value --secret-id prod/db --query SecretString --output text)",
    "spring.datasource.password=${DB_PASSWORD:changeit}\nkeystore.password=changeit  # JDK default cacerts password",
])


# ================================================================= BATCH 3 (boundaries)
TRIG = b"\x13-pA\xc9\x7f\xe23\x99\xaa_\xd0\""
def rnd(n): return bytes(R.getrandbits(8) for _ in range(n))
def png_with(payload_idat):
    def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", binascii.crc32(t + d) & 0xffffffff)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 64, 64, 8, 2, 0, 0, 0)) + chunk(b"IDAT", payload_idat) + chunk(b"IEND", b"")
bins = {
    "bin-validpng-trig": (png_with(rnd(5000) + TRIG + rnd(5000)), "image/png"),
    "bin-truncpng-trig": ((b"\x89PNG\r\n\x1a\n" + rnd(5000) + TRIG + rnd(5000)), "image/png"),
    "bin-jpeg-trig": ((b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + rnd(5000) + TRIG + rnd(5000) + b"\xff\xd9"), "image/jpeg"),
    "bin-gif-trig": ((b"GIF89a" + rnd(5000) + TRIG + rnd(5000)), "image/gif"),
    "bin-webp-trig": ((b"RIFF\x00\x00\x00\x00WEBPVP8 " + rnd(5000) + TRIG + rnd(5000)), "image/webp"),
    "bin-nomagic-trig": ((rnd(5000) + TRIG + rnd(5000)), "image/png"),
    "bin-zero50k-trig": ((b"\x89PNG\r\n\x1a\n" + bytes(50000) + TRIG + bytes(100)), "image/png"),
    "bin-zero200k-trig": ((b"\x89PNG\r\n\x1a\n" + bytes(200000) + TRIG + bytes(100)), "image/png"),
    "bin-zero800k-trig": ((b"\x89PNG\r\n\x1a\n" + bytes(800000) + TRIG + bytes(100)), "image/png"),
    "bin-trig-nomixed": ((b"\x89PNG\r\n\x1a\n" + bytes(100) + b"\x13-p\xc9\xe2\x99\xaa\xd0\xc1\xf0\xb3\xa4\x22" + bytes(100)), "image/png"),
    "bin-trig-letters": ((b"\x89PNG\r\n\x1a\n" + bytes(100) + b"\x13-pQx7Lm2Rt9\x22" + bytes(100)), "image/png"),
}
for k, (blob, mt) in bins.items():
    add(k, "binary-dash-p-probe", "what is in this image?", wrap=anth_img(base64.b64encode(blob).decode(), mt))
# rate on realistic-size random (JPEG-like) blobs
for i in range(20):
    blob = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + rnd(R.choice([30000, 60000, 90000])) + b"\xff\xd9"
    add("jpeg-rand-%d" % i, "screenshot-jpeg-random", "Here is the screenshot.", wrap=anth_img(base64.b64encode(blob).decode(), "image/jpeg"))
for i in range(10):
    add("png-valid-rand-%d" % i, "screenshot-png-valid-random", "Here is the screenshot.", wrap=anth_img(base64.b64encode(png_with(rnd(60000))).decode(), "image/png"))
# text-level "-p" flags with secret-looking values that are not secrets
multi("dash-p-text", [
    "openssl enc -aes-256-cbc -pbkdf2 -iter 100000 -in backup.tar -out backup.tar.enc",
    "tar -cpzf backup-2026-11-30.tar.gz /etc && rsync -avP --partial src/ dst/",
    "ffmpeg -i in.mp4 -pix_fmt yuv420p -preset veryslow out.mp4",
    "gcc -pthread -pedantic -O2 -o server server.c",
    "clang -print-resource-dir; ld -pie -z relro",
    "python -m cProfile -o out.prof -s cumtime app.py; java -jar app.jar -Pprofile=prod",
    "curl -s -o /dev/null -w '%{http_code}' -pass; make -j8 -p | grep CFLAGS",
])

# phone boundary: count
multi("phone-count", ["store_id,phone\n" + phones_fict(4, "+1-555-01"), "Contacts: +1-555-0100, +1-555-0101, +1-555-0102, +1-555-0103, +1-555-0104",
    "libphonenumber test numbers: +1 650-253-0000, +1 650-253-0001, +1 212-565-0000, +1 212-565-0001, +1 415-736-0000, +1 415-736-0001",
    "# conference bridge dial-ins (public)\nUS: +1 646 558 8656\nUS: +1 669 900 9128\nUK: +44 203 481 5237\nDE: +49 69 7104 9922\nFR: +33 1 7037 2246\nCA: +1 647 558 0588"])

# email boundary: reserved domains
def emrows(dom, n=5): return "INSERT INTO users (id, email) VALUES\n" + ",\n".join("(%d, 'user%d@%s')" % (i, i, dom) for i in range(n)) + ";"
multi("email-reserved", [emrows("example.net"), emrows("example.invalid"), emrows("foo.example"), emrows("test.localhost"), emrows("acme.test"),
    "[submodule \"a\"]\n\turl = git@github.com:org/a.git\n[submodule \"b\"]\n\turl = git@github.com:org/b.git\n[submodule \"c\"]\n\turl = git@github.com:org/c.git\n[submodule \"d\"]\n\turl = git@gitlab.com:org/d.git\n",
    "email,role\nnoreply@github.com,bot\n49699333+dependabot[bot]@users.noreply.github.com,bot\n41898282+github-actions[bot]@users.noreply.github.com,bot\nsupport@stripe.com,vendor\n"])

# confidentiality boundary
multi("internal-use-prose", [
    "/**\n * @internal For internal use only. Not part of the public API; may change without notice.\n */\nexport function _resetCache() {}",
    "def _private_helper():\n    \"\"\"Internal use only.\"\"\"\n    pass",
    "Please do not distribute pre-release builds outside the beta group.",
    "DO NOT DISTRIBUTE: this test fixture is generated by make fixtures.",
    "Free software vs proprietary software: the FSF argues that proprietary licenses restrict users.",
    "Trade secret law protects confidential business information such as formulas and processes.",
    "The letterhead says Privileged & Confidential — what does that mean legally?",
    "Mark the email as private and confidential before sending it to HR.",
    "Subject: Re: [PATCH] fix typo\n\n> Privileged/Confidential Information may be contained in this message.\nThis footer is auto-added by my employer, sorry, please ignore it.",
])

# private hostname boundary
multi("hostname-probe", ["ping nas.local", "ssh pi@raspberrypi.local", "open http://router.lan/", "printer.home.arpa is at 10.0.0.5",
    "server app.internal:8080;", "kubectl exec -it deploy/api -- curl http://api.default.svc.cluster.local/healthz",
    "wiki.corp.example.com", "http://intranet/", "grafana.internal.example.org", "Connect to localhost:5432 or host.docker.internal:5432"])

# card boundary: 16-digit Luhn-valid numbers with non-card labels
def lv(p): return luhn_make(p, 16)
multi("luhn-label", [
    "order_ref: %s" % lv("4"), "order_id,amount\n" + "\n".join("%s,%d.00" % (lv("4"), R.randint(1, 500)) for _ in range(3)),
    "request %s completed in 12ms" % lv("4"), json.dumps({"id": lv("5"), "status": "shipped"}),
    "tracking: %s" % lv("4"), "Kafka offset %s committed" % lv("4"), "invoice %s" % lv("5"), "%s" % lv("4"),
    "order_ref: %s" % (lv("4")[:15] + str((int(lv("4")[15]) + 1) % 10)),
])
# id specimens boundary
multi("specimen-probe", ["Example MBI: 1EG4-TE5-MK73", "codice fiscale: RSSMRA85T10A562S", "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10",
    ":50K:/ACCOUNTNUMBER", ":59:/12345678\nJOHN DOE", "mnemonic = 'zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong'",
    "Hardhat account #1 private key: 0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"])


# ================================================================= BATCH 4
multi("dash-p-nospace", [
    "docker run --rm -p8080:8080 -p9229:9229 node:22 npm run dev",
    "iperf3 -c 10.0.0.2 -p5201 -t 30",
    "rsync -e 'ssh -p2222' -avz build/ deploy@host:/srv/www/",
    "zip -r -9 -pkzip2 out.zip dir",
    "mvn -pl core,api -am -Pci2026 -DskipTests package",
    "protoc -I. -Ithird_party --plugin=protoc-gen-ts=./node_modules/.bin/protoc-gen-ts -p2 api/v1/*.proto",
    "hexdump -C shot.jpg | head\n00000000  ff d8 ff e0 00 10 4a 46  49 46 00 01 01 00 00 01  |......JFIF......|\n00000010  2d 70 41 39 78 4b 33 71  5a 31 00 00 00 00 00 00  |-pA9xK3qZ1......|",
    "strings -n 8 firmware.bin | head\nU-Boot 2023.04\n-pX7kQ9mZ2\nbootcmd=run distro_bootcmd",
])

def ean13_luhn(prefix):
    while True:
        d = prefix + "".join(R.choice(string.digits) for _ in range(12 - len(prefix)))
        s = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(d))
        e = d + str((10 - s % 10) % 10)
        if luhn_ok(e): return e
def luhn19(prefix): return luhn_make(prefix, 19)
multi("luhn-realistic", [
    "ean13,product,stock\n" + "\n".join("%s,Artikel %d,%d" % (ean13_luhn("40"), i, R.randint(0, 99)) for i in range(3)),
    "2026-11-30T12:00:01Z INFO handler done dd.trace_id=%s dd.span_id=%s duration=12ms" % (luhn19("4"), luhn19("5")),
    "ids = [" + ", ".join(str(R.randint(4 * 10**15, 5 * 10**15 - 1)) for _ in range(20)) + "]",
    "epoch_us,value\n" + "\n".join("%d,%.2f" % (1764506096000000 + R.randint(0, 10**9), R.random()) for _ in range(20)),
    "Mastercard test number from docs: 5555 5555 5555 4444; Amex 3782 822463 10005.",
    "Card on file: Visa ending in 4242 (exp 12/29)\nCard: **** **** **** 1881",
])
multi("ssn-docs", [
    "The SSA's example SSN 123-45-6789 is invalid and used in documentation.",
    "Fun fact: 078-05-1120 was printed on sample cards in Woolworth wallets in 1938 and later voided.",
    "SSN: ***-**-6789 (masked)\nssn_last4: 6789",
    "Enter SSN as XXX-XX-XXXX. Our regex is ^(?!000|666|9\\d\\d)\\d{3}-(?!00)\\d{2}-(?!0000)\\d{4}$",
])
multi("email-lists", [
    "$ ./scripts/get_maintainer.pl drivers/net/ethernet/intel/e1000e/netdev.c\n" + "\n".join("%s <%s> (%s)" % (n, e, r) for n, e, r in [
        ("Tony Nguyen", "anthony.l.nguyen@intel.com", "maintainer:INTEL ETHERNET DRIVERS"), ("Przemek Kitszel", "przemyslaw.kitszel@intel.com", "maintainer:INTEL ETHERNET DRIVERS"),
        ("Andrew Lunn", "andrew+netdev@lunn.ch", "maintainer:NETWORKING DRIVERS"), ("David S. Miller", "davem@davemloft.net", "maintainer:NETWORKING DRIVERS"),
        ("Eric Dumazet", "edumazet@google.com", "maintainer:NETWORKING DRIVERS"), ("Jakub Kicinski", "kuba@kernel.org", "maintainer:NETWORKING DRIVERS"),
        ("Paolo Abeni", "pabeni@redhat.com", "maintainer:NETWORKING DRIVERS"), ("intel-wired-lan@lists.osuosl.org", "intel-wired-lan@lists.osuosl.org", "moderated list"),
        ("netdev@vger.kernel.org", "netdev@vger.kernel.org", "open list:NETWORKING DRIVERS")]),
    "git send-email --to=netdev@vger.kernel.org --cc=kuba@kernel.org --cc=davem@davemloft.net --cc=edumazet@google.com --cc=pabeni@redhat.com 0001-net-fix.patch",
    "# AUTHORS\n" + "\n".join("%s %s <%s.%s@%s>" % (f, l, f.lower(), l.lower(), d) for f, l, d in [(R.choice(["Ana", "Ben", "Chen", "Dara", "Eli", "Femi", "Gus", "Hana", "Ivo", "Jun"]), R.choice(["Ito", "Kim", "Lopez", "Mori", "Ng", "Ode", "Park", "Quinn", "Ruiz", "Sato"]), R.choice(["gmail.com", "fastmail.com", "proton.me", "outlook.com"])) for _ in range(25)]),
    "From: Jakub Kicinski <kuba@kernel.org>\nTo: davem@davemloft.net\nCc: netdev@vger.kernel.org, edumazet@google.com, pabeni@redhat.com, andrew+netdev@lunn.ch, horms@kernel.org\nSubject: [PATCH net] net: fix refcount leak\n",
])
multi("secret-lookalike-config", [
    "password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  " + "\n  ".join(hexs(80) for _ in range(5)),
    "db:\n  password: ENC[AES256_GCM,data:%s,iv:%s,tag:%s,type:str]\nsops:\n  kms: []\n  age:\n  - recipient: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p\n" % (b64blob(18), b64blob(24), b64blob(12)),
    "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nspec:\n  encryptedData:\n    password: Ag" + b64blob(300) + "\n",
    "- uses: actions/cache@v4\n  with:\n    key: ${{ runner.os }}-node-${{ hashFiles('**/package-lock.json') }}\n...\nCache restored from key: Linux-node-" + hexs(64),
    "X-GitHub-Delivery: %s\nX-Hub-Signature-256: sha256=%s\nX-GitHub-Event: push" % (uuid.UUID(int=R.getrandbits(128)), hexs(64)),
    '<meta name="csrf-token" content="%s">\n<input type="hidden" name="authenticity_token" value="%s">' % (b64blob(48), b64blob(48)),
    json.dumps({"client_id": "Iv1." + hexs(16), "token_type": "Bearer", "expires_in": 3600, "scope": "repo read:org"}),
    "secret_arn = \"arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db/creds-%s\"" % rs(6),
    'password_regex = r"^(?=.*[A-Z])(?=.*\\d)(?=.*[^\\w\\s]).{12,64}$"\nAPI_KEY_HEADER = "X-API-Key"',
    "env:\n  NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n  PASSWORD: ${{ secrets.DB_PASSWORD }}",
    "salt = \"%s\"  # per-install salt for hashing telemetry ids (not a secret)" % hexs(32),
    "| user | password |\n|---|---|\n| admin | ******** |\n| guest | (none) |\n| ci-bot | stored in Vault |",
    "Default credentials for the demo VM: username `vagrant`, password `vagrant`.",
    "Your one-time code is shown in the app. Backup codes look like 1234-5678 (example).",
])


# ================================================================= BATCH 5
multi("long-opt-p", [
    "docker buildx build --platform=linux/amd64,linux/arm64 -t ghcr.io/acme/app:1.2.3 --push .",
    "./configure --prefix=/opt/homebrew/Cellar/openssl@3/3.4.0 --with-zlib",
    "gcloud config set project my-project-123456 && gcloud run deploy --project=my-project-123456 --region=us-central1",
    "psql --port=5432 --host=localhost --username=postgres",
    "aws s3 ls --profile=staging2 --region eu-west-1",
    "docker build --progress=plain --pull=always -t app .",
    "git log --pretty=format:'%h %an %s' --since=2.weeks",
    "pytest -n auto --parallel=4 --cov=src --cov-report=xml",
    "virtualenv --python=python3.12 .venv",
    "protoc --plugin=protoc-gen-ts=./node_modules/.bin/protoc-gen-ts --ts_out=gen api.proto",
    "docker run --publish=8080:80 --pid=host nginx",
    "kubectl patch deploy api --patch='{\"spec\":{\"replicas\":3}}' --type=merge",
    "npx prisma migrate deploy --preview-feature --schema=./prisma/schema.prisma",
    "pandoc --pdf-engine=xelatex -o out.pdf README.md",
    "qemu-system-x86_64 -m 4G -pidfile /tmp/vm1.pid -drive file=disk0.qcow2",
    "ffmpeg -i in.mov -pix_fmt=yuv420p10le -preset slow out.mp4",
])
for i in range(6):
    blob = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + rnd(250000) + b"\xff\xd9"
    add("jpeg-big-%d" % i, "screenshot-jpeg-250k", "Photo of the whiteboard from our planning session.", wrap=anth_img(base64.b64encode(blob).decode(), "image/jpeg"))
for i in range(3):
    add("font-%d" % i, "css-font-80k", "@font-face{font-family:'Inter';src:url(data:font/woff2;base64,%s) format('woff2');}" % base64.b64encode(b"wOF2" + rnd(80000)).decode())
# PDF with binary stream, zip with binary file
pdfbin = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/Contents 4 0 R/Resources<</XObject<</Im0 5 0 R>>>>>>endobj\n4 0 obj<</Length 20>>stream\nq 100 0 0 100 0 0 cm /Im0 Do Q\nendstream endobj\n5 0 obj<</Type/XObject/Subtype/Image/Width 200/Height 200/ColorSpace/DeviceRGB/BitsPerComponent 8/Filter/DCTDecode/Length 150000>>stream\n" + b"\xff\xd8\xff\xe0" + rnd(150000) + b"\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF"
for i in range(3):
    add_raw("pdf-bin-%d" % i, "pdf-binary-image", "https://api.anthropic.com/v1/files", {"Content-Type": "multipart/form-data; boundary=PB"},
            b"--PB\r\nContent-Disposition: form-data; name=\"file\"; filename=\"scan.pdf\"\r\nContent-Type: application/pdf\r\n\r\n" + pdfbin.replace(b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xe0" + rnd(1000)) + b"\r\n--PB--\r\n")
for i in range(3):
    zb = io.BytesIO()
    with zipfile.ZipFile(zb, "w", zipfile.ZIP_STORED) as z:
        z.writestr("assets/logo.jpg", b"\xff\xd8\xff\xe0" + rnd(150000))
        z.writestr("README.md", readme)
    add_raw("zip-bin-%d" % i, "zip-binary-asset", "https://api.openai.com/v1/files", {"Content-Type": "multipart/form-data; boundary=ZB"},
            b"--ZB\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nassistants\r\n--ZB\r\nContent-Disposition: form-data; name=\"file\"; filename=\"site.zip\"\r\nContent-Type: application/zip\r\n\r\n" + zb.getvalue() + b"\r\n--ZB--\r\n")
for i in range(3):
    add_raw("octet-bin-%d" % i, "octet-stream-binary", "https://uploads.github.com/repos/acme/app/releases/1/assets?name=app.wasm",
            {"Content-Type": "application/octet-stream"}, b"\x00asm\x01\x00\x00\x00" + rnd(150000))


# ================================================================= BATCH 6
multi("public-labels", [
    "Classification: Public\n\nHi team, the release notes for 2.4 are attached.",
    "Sensitivity: General\nThis email was sent from a notification-only address.",
    "TLP:WHITE - disclosure is not limited.",
    "[PUBLIC] Quarterly community update: we merged 312 PRs.",
    "Data classification levels in our open-source DLP library: public, internal, confidential, restricted (see docs/levels.md).",
    "Label: Public | Owner: docs-team | Review: yearly",
])
multi("long-opt-p2", [
    "sudo kubeadm init --pod-network-cidr=10.244.0.0/16 --apiserver-advertise-address=192.168.56.10",
    "terraform init -plugin-dir=/opt/terraform/plugins && terraform plan -parallelism=20 -out=tfplan",
    "gunicorn app:app --pid-file=/run/gunicorn.pid --workers=4",
    "sbatch --partition=gpu2 --gres=gpu:a100:4 train.sh",
    "helm upgrade --install api ./chart --post-renderer=./kustomize2.sh",
    "cmake -S . -B build -DCMAKE_PREFIX_PATH=/opt/qt6 --preset=release-x64",
])

# ----------------------------------------------------------------- write
R.shuffle(cases)
with open(os.path.join(OUT, "manifest.jsonl"), "w") as f:
    for c in cases:
        f.write(json.dumps(c, ensure_ascii=False) + "\n")
print(len(cases), "cases;", sum(1 for c in cases if c["expect"]), "positives")
