#!/usr/bin/env python3
"""rt36-tools: secrets and PII as agents' TOOLS present them (framed tool output).

Deterministic (random.Random(3602)); standard library only. Writes manifest.jsonl
next to this file with inline requests (target, headers, body). All values are
synthetic; checksums (Luhn, IBAN mod-97, GitHub CRC32) are computed here.
"""
import base64, binascii, json, os, random, string, zlib

R = random.Random(3602)
HERE = os.path.dirname(os.path.abspath(__file__))

B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
ALNUM = string.ascii_letters + string.digits
URLSAFE = ALNUM + "_-"
B64 = ALNUM + "+/"


def rs(alpha, n):
    return "".join(R.choice(alpha) for _ in range(n))


# ----------------------------------------------------------------- values
def b62(n, width):
    out = ""
    while n:
        n, r = divmod(n, 62)
        out = B62[r] + out
    return out.rjust(width, "0")


def github_pat():
    body = rs(B62, 30)
    return "ghp_" + body + b62(zlib.crc32(body.encode()) & 0xFFFFFFFF, 6)


def aws_pair():
    return "AKIA" + rs("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16), rs(B64, 40)


def anthropic_key():
    return "sk-ant-api03-" + rs(URLSAFE, 93) + "AA"


def openai_key():
    return "sk-proj-" + rs(URLSAFE, 74) + "T3BlbkFJ" + rs(URLSAFE, 74)


def slack_token():
    return "xoxb-%s-%s-%s" % (rs(string.digits, R.randint(10, 13)).lstrip("0") or "7",
                              rs(string.digits, R.randint(10, 13)).lstrip("0") or "9", rs(ALNUM, 24))


def stripe_key():
    return "sk_live_" + rs(ALNUM, 99)


def b64body(prefix, nchars, pad=0):
    """valid base64 of total length nchars (multiple of 4) incl. `pad` '=' chars"""
    assert nchars % 4 == 0
    s = prefix + rs(B64, nchars - len(prefix) - pad - 1)
    last = R.choice("AQgw" if pad == 2 else "AEIMQUYcgkosw048" if pad == 1 else B64)  # canonical trailing bits
    return s + last + "=" * pad


def wrap(s, w):
    return [s[i:i + w] for i in range(0, len(s), w)]


def pem(kind):
    if kind == "pem-rsa":
        if R.random() < 0.5:
            hdr, body = "RSA PRIVATE KEY", b64body("MIIEpAIBAAKCAQEA", 1592, 2)
        else:
            hdr, body = "PRIVATE KEY", b64body("MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ", 1620)
        lines = wrap(body, 64)
    elif kind == "pem-ec":
        hdr, body = "EC PRIVATE KEY", b64body("MHcCAQEEI", 164, 2)
        lines = wrap(body, 64)
    else:
        hdr = "OPENSSH PRIVATE KEY"
        body = b64body("b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW", 400, 1)
        lines = wrap(body, 70)
    return ["-----BEGIN %s-----" % hdr] + lines + ["-----END %s-----" % hdr]


def pub_pem():
    c = R.random()
    if c < 0.4:
        return ["-----BEGIN PUBLIC KEY-----"] + wrap(b64body("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA", 392)[:-6] + "IDAQAB", 64) + ["-----END PUBLIC KEY-----"]
    if c < 0.8:
        return ["-----BEGIN CERTIFICATE-----"] + wrap(b64body("MIIDdzCCAl+gAwIBAgIE", 1180), 64) + ["-----END CERTIFICATE-----"]
    return ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + rs(B64, 43) + " deploy@ci-runner"]


DBHOSTS = ["db-prod-01.c7xk2pq9.us-east-1.rds.amazonaws.com", "pg-main.fly.dev", "10.42.7.19",
           "orders-db.postgres.database.azure.com", "db.kq3z9.supabase.co", "postgres", "db"]
FIRST = ["Maria", "James", "Aisha", "Chen", "Olga", "Diego", "Priya", "Tomas", "Grace", "Kwame", "Ines", "Noah", "Yuki", "Fatima", "Lars"]
LAST = ["Hernandez", "Okafor", "Nguyen", "Kowalski", "Schmidt", "Patel", "Dubois", "Rossi", "Johansson", "Mensah", "Silva", "Cohen", "Tanaka", "Murphy"]


DOE = ["John Doe", "Jane Doe", "Test User", "Sample Employee"]


def name():
    return R.choice(FIRST) + " " + R.choice(LAST)


def postgres_url():
    user = R.choice(["app", "orders_rw", "postgres", "svc_billing", "analytics"])
    pw = rs(ALNUM, R.randint(16, 28)) if R.random() < 0.7 else rs(ALNUM + "!#%^*", 20)
    host = R.choice(DBHOSTS)
    scheme = R.choice(["postgres", "postgresql"])
    return "%s://%s:%s@%s:5432/%s%s" % (scheme, user, pw, host, R.choice(["app", "orders", "billing", "prod"]),
                                        R.choice(["", "?sslmode=require", ""]))


def b64u(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def jwt():
    h = {"alg": R.choice(["HS256", "RS256"]), "typ": "JWT"}
    if h["alg"] == "RS256":
        h["kid"] = rs(ALNUM, 20)
    p = {"sub": "user_" + rs(string.digits, 8), "email": R.choice(FIRST).lower() + "@acme-corp.io",
         "role": R.choice(["admin", "service", "user"]), "iat": 1760000000 + R.randint(0, 9000000)}
    p["exp"] = p["iat"] + 3600 * R.choice([1, 12, 24, 720])
    sig = b64u(bytes(R.randrange(256) for _ in range(32 if h["alg"] == "HS256" else 256)))
    return "%s.%s.%s" % (b64u(json.dumps(h, separators=(",", ":")).encode()),
                         b64u(json.dumps(p, separators=(",", ":")).encode()), sig)


def ssn(fmt=True):
    while True:
        a = R.randint(1, 899)
        if a == 666:
            continue
        g, s = R.randint(1, 99), R.randint(1, 9999)
        v = "%03d-%02d-%04d" % (a, g, s)
        if v not in ("123-45-6789", "078-05-1120"):
            return v


def luhn_ok(d):
    t = 0
    for i, c in enumerate(reversed(d)):
        n = int(c)
        if i % 2:
            n *= 2
            if n > 9:
                n -= 9
        t += n
    return t % 10 == 0


def card(style=None):
    pfx, ln = R.choice([("4", 16), ("51", 16), ("52", 16), ("55", 16), ("2221", 16), ("37", 15), ("6011", 16)])
    while True:
        body = pfx + rs(string.digits, ln - len(pfx) - 1)
        for c in string.digits:
            if luhn_ok(body + c):
                d = body + c
                break
        if d not in ("4242424242424242", "4111111111111111", "5555555555554444"):
            break
    style = style or R.choice(["space", "space", "bare", "dash"])
    if style == "bare":
        return d
    sep = " " if style == "space" else "-"
    if ln == 15:
        return sep.join([d[:4], d[4:10], d[10:]])
    return sep.join(d[i:i + 4] for i in range(0, 16, 4))


def iban(spaced=None):
    cc, blen, kind = R.choice([("DE", 18, "n"), ("GB", 18, "gb"), ("FR", 23, "fr"), ("NL", 14, "nl"), ("ES", 20, "n")])
    if kind == "gb":
        bban = R.choice(["NWBK", "BARC", "HBUK", "LOYD"]) + rs(string.digits, 14)
    elif kind == "nl":
        bban = R.choice(["ABNA", "INGB", "RABO"]) + rs(string.digits, 10)
    elif kind == "fr":
        bban = rs(string.digits, 21) + "%02d" % R.randint(0, 97)
    else:
        bban = rs(string.digits, blen)
    rearr = bban + cc + "00"
    num = int("".join(str(int(c, 36)) for c in rearr))
    ck = 98 - num % 97
    v = cc + "%02d" % ck + bban
    assert int("".join(str(int(c, 36)) for c in v[4:] + v[:4])) % 97 == 1
    if spaced is None:
        spaced = R.random() < 0.5
    return " ".join(v[i:i + 4] for i in range(0, len(v), 4)) if spaced else v


def sha40():
    return rs("0123456789abcdef", 40)


def uuid4():
    h = rs("0123456789abcdef", 32)
    return "%s-%s-4%s-%s%s-%s" % (h[:8], h[8:12], h[13:16], R.choice("89ab"), h[17:20], h[20:32])


CAT = {"github": "credential", "aws": "credential", "anthropic": "credential", "openai": "credential",
       "slack": "credential", "stripe": "credential", "pem-rsa": "credential", "pem-ec": "credential",
       "pem-openssh": "credential", "postgres": "credential", "jwt": "credential", "ssn": "pii",
       "card": "financial", "iban": "financial"}
KINDS = list(CAT)
TOKEN_KINDS = ["github", "aws", "anthropic", "openai", "slack", "stripe", "postgres", "jwt"]
ENVNAME = {"github": "GITHUB_TOKEN", "anthropic": "ANTHROPIC_API_KEY", "openai": "OPENAI_API_KEY",
           "slack": "SLACK_BOT_TOKEN", "stripe": "STRIPE_SECRET_KEY", "postgres": "DATABASE_URL",
           "jwt": "SERVICE_JWT"}


def token(kind):
    """single-line secret value for token kinds (aws -> secret key pair joined later)"""
    return {"github": github_pat, "anthropic": anthropic_key, "openai": openai_key, "slack": slack_token,
            "stripe": stripe_key, "postgres": postgres_url, "jwt": jwt}[kind]()


# negatives: (value, style)
JWT_IO = ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ."
          "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c")


def neg_token(kind):
    env = ENVNAME.get(kind, "API_KEY")
    opts = {
        "github": [("<YOUR_GITHUB_TOKEN>", "placeholder"), ("ghp_" + "x" * 36, "placeholder"), ("ghp_****************************3f9A", "masked"), ("${GITHUB_TOKEN}", "envref")],
        "anthropic": [("sk-ant-***", "masked"), ("sk-ant-api03-...", "placeholder"), ("<YOUR_KEY>", "placeholder"), ("${ANTHROPIC_API_KEY}", "envref"), ("sk-ant-api03-[REDACTED]", "masked")],
        "openai": [("sk-proj-...", "placeholder"), ("sk-proj-****************************aB1c", "masked"), ("$OPENAI_API_KEY", "envref"), ("changeme", "placeholder")],
        "slack": [("xoxb-your-bot-token", "placeholder"), ("xoxb-***", "masked"), ("${SLACK_BOT_TOKEN}", "envref")],
        "stripe": [("sk_test_4eC39HqLyjWDarjtT1zdp7dc", "doc-example"), ("sk_live_xxxxxxxxxxxxxxxxxxxxxxxx", "placeholder"), ("sk_live_****4xQz", "masked"), ("{{ stripe_secret_key }}", "envref")],
        "postgres": [("postgres://user:password@localhost:5432/mydb", "doc-example"), ("postgres://${DB_USER}:${DB_PASSWORD}@${DB_HOST}:5432/app", "envref"),
                     ("postgresql://app:****@db-prod-01.c7xk2pq9.us-east-1.rds.amazonaws.com:5432/orders", "masked"), ("postgres://app@localhost/app_dev", "no-password"), ("postgres://app:changeme@localhost:5432/app", "placeholder")],
        "jwt": [(JWT_IO, "doc-example"), ("<token>", "placeholder"), ("eyJhbGciOi...", "masked"), ("${SERVICE_JWT}", "envref")],
    }[kind]
    return R.choice(opts)


def neg_aws():
    return R.choice([(("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), "doc-example"),
                     (("<AWS_ACCESS_KEY_ID>", "<AWS_SECRET_ACCESS_KEY>"), "placeholder"),
                     (("AKIA************WXYZ", "****************************************"), "masked"),
                     (("${AWS_ACCESS_KEY_ID}", "${AWS_SECRET_ACCESS_KEY}"), "envref")])


def neg_ssn():
    return R.choice([("078-05-1120", "doc-example"), ("123-45-6789", "doc-example"), ("***-**-%04d" % R.randint(1, 9999), "masked"), ("XXX-XX-%04d" % R.randint(1, 9999), "masked")])


def neg_card():
    return R.choice([("4242 4242 4242 4242", "doc-example"), ("4111 1111 1111 1111", "doc-example"), ("5555555555554444", "doc-example"),
                     ("**** **** **** %04d" % R.randint(0, 9999), "masked"), ("411111******%04d" % R.randint(0, 9999), "masked")])


def neg_iban():
    return R.choice([("DE89 3704 0044 0532 0130 00", "doc-example"), ("GB82 WEST 1234 5698 7654 32", "doc-example"),
                     ("DE89370400440532013000", "doc-example"), ("DE** **** **** **** **%02d %02d" % (R.randint(0, 99), R.randint(0, 99)), "masked"),
                     ("NL** **** **** **%02d %02d" % (R.randint(0, 99), R.randint(0, 99)), "masked")])


def neg_pem(kind):
    if R.random() < 0.5:
        return pub_pem(), "public-key"
    hdr = {"pem-rsa": "RSA PRIVATE KEY", "pem-ec": "EC PRIVATE KEY", "pem-openssh": "OPENSSH PRIVATE KEY"}[kind]
    return ["-----BEGIN %s-----" % hdr, R.choice(["...", "<paste your key here>", "REDACTED", "${DEPLOY_KEY}"]), "-----END %s-----" % hdr], "placeholder"


# ----------------------------------------------------------------- files
def filler_py():
    return R.choice([
        ["import os", "import logging", "", "log = logging.getLogger(__name__)", ""],
        ["from dataclasses import dataclass", "from typing import Optional", ""],
        ["#!/usr/bin/env python3", "\"\"\"Service settings.\"\"\"", "import os", ""],
    ])


def make_file(kind, neg=False):
    """returns dict(path, lines, hits, needle, neg_style)"""
    st = None
    if kind in ("pem-rsa", "pem-ec", "pem-openssh"):
        if neg:
            block, st = neg_pem(kind)
        else:
            block = pem(kind)
        v = R.randrange(3)
        if v == 0:
            path = R.choice(["deploy/id_rsa", "keys/service.key", ".ssh/id_ed25519", "certs/server.key", "infra/ansible/files/deploy_key"])
            if block[0].startswith("ssh-") or "PUBLIC" in block[0] or "CERTIFICATE" in block[0]:
                path = R.choice(["deploy/id_ed25519.pub", "certs/server.crt", "keys/service.pub"])
            return dict(path=path, lines=block, hits=list(range(len(block))), needle="PRIVATE KEY" if not st else block[0][:9], neg_style=st)
        pub = st == "public-key"
        if v == 1:
            lines = ["apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: sftp-config", "data:", "  host: sftp.partner-bank.com", "  user: acme_upload", "  %s: |" % ("host_public_key" if pub else "private_key")]
            h0 = len(lines)
            lines += ["    " + l for l in block] + ["  port: \"22\""]
            return dict(path="k8s/sftp-config.yaml", lines=lines, hits=list(range(h0, h0 + len(block))), needle="PRIVATE KEY" if not st else "private_key", neg_style=st)
        lines = filler_py() + ["%s = \"\"\"" % ("VERIFY_KEY" if pub else "SIGNING_KEY")]
        h0 = len(lines)
        lines += block + ["\"\"\"", "", "def signer():", "    return load_pem_public_key(VERIFY_KEY.encode())" if pub else "    return load_pem_private_key(SIGNING_KEY.encode(), None)"]
        return dict(path="app/keys.py", lines=lines, hits=list(range(h0, h0 + len(block))), needle="PRIVATE KEY" if not st else "KEY", neg_style=st)
    if kind == "aws":
        (kid, sec), st = neg_aws() if neg else (aws_pair(), None)
        if R.random() < 0.5:
            lines = ["[default]", "aws_access_key_id = " + kid, "aws_secret_access_key = " + sec, "region = us-east-1", "", "[profile staging]", "role_arn = arn:aws:iam::%s:role/Deployer" % rs(string.digits, 12), "source_profile = default"]
            return dict(path="~/.aws/credentials", lines=lines, hits=[1, 2], needle="aws_", neg_style=st)
        lines = filler_py() + ["s3 = boto3.client(", "    \"s3\",", "    aws_access_key_id=\"%s\"," % kid, "    aws_secret_access_key=\"%s\"," % sec, "    region_name=\"eu-west-1\",", ")"]
        n = len(lines)
        return dict(path="scripts/upload_reports.py", lines=lines, hits=[n - 4, n - 3], needle="aws_", neg_style=st)
    if kind in TOKEN_KINDS:
        val, st = neg_token(kind) if neg else (token(kind), None)
        env = ENVNAME[kind]
        v = R.randrange(4)
        if v == 0:
            lines = ["# local overrides -- do not commit", "NODE_ENV=production", "PORT=8080", "LOG_LEVEL=info", env + "=" + val, "REDIS_URL=redis://localhost:6379/0", "FEATURE_FLAGS=checkout_v2,new_nav"]
            R.shuffle(lines[1:])
            return dict(path=R.choice([".env", ".env.local", "services/api/.env.production"]), lines=lines, hits=[lines.index(env + "=" + val)], needle=env, neg_style=st)
        if v == 1:
            lines = filler_py() + ["class Settings:", "    debug = False", "    timeout_s = 30", "    %s = \"%s\"" % (env.lower(), val), "    retries = 3", ""]
            return dict(path="app/settings.py", lines=lines, hits=[len(lines) - 3], needle=env.lower(), neg_style=st)
        if v == 2:
            lines = ["{", "  \"name\": \"billing-worker\",", "  \"region\": \"us-east-1\",", "  \"%s\": \"%s\"," % (env.lower(), val), "  \"concurrency\": 4", "}"]
            return dict(path="config/prod.json", lines=lines, hits=[3], needle=env.lower(), neg_style=st)
        lines = ["import { Client } from './client';", "", "export const config = {", "  baseUrl: 'https://api.acme-corp.io',", "  %s: '%s'," % ("token" if kind != "postgres" else "databaseUrl", val), "  timeoutMs: 15000,", "};", ""]
        return dict(path="src/config.ts", lines=lines, hits=[4], needle="token" if kind != "postgres" else "databaseUrl", neg_style=st)
    # tabular PII / financial
    rows = []
    nrows = R.randint(3, 6)
    for i in range(nrows):
        if neg:
            val, st = {"ssn": neg_ssn, "card": neg_card, "iban": neg_iban}[kind]()
        else:
            val = {"ssn": ssn, "card": card, "iban": iban}[kind]()
        rows.append(val)
    if kind == "ssn":
        hdr = "employee_id,full_name,ssn,date_of_birth,department"
        lines = [hdr] + ["E%05d,%s,%s,19%02d-%02d-%02d,%s" % (R.randint(1000, 99999), R.choice(DOE) if neg else name(), v, R.randint(50, 99), R.randint(1, 12), R.randint(1, 28), R.choice(["Finance", "Ops", "R&D", "Sales"])) for v in rows]
        path = R.choice(["data/hr_export.csv", "fixtures/employees.csv", "tmp/payroll_2025.csv"])
        needle = ",19"
    elif kind == "card":
        hdr = "txn_id,card_number,exp,amount,currency,status"
        lines = [hdr] + ["tx_%s,%s,%02d/%02d,%d.%02d,USD,%s" % (rs(ALNUM, 10), v, R.randint(1, 12), R.randint(26, 31), R.randint(5, 900), R.randint(0, 99), R.choice(["captured", "declined", "refunded"])) for v in rows]
        path = R.choice(["exports/failed_charges.csv", "data/chargebacks.csv", "tmp/txns.csv"])
        needle = "USD"
    else:
        hdr = "vendor_id,iban,bic,amount_eur,due"
        lines = [hdr] + ["V%04d,%s,%s,%d.00,2025-%02d-%02d" % (R.randint(1, 9999), v, R.choice(["DEUTDEFF", "NWBKGB2L", "BNPAFRPP", "INGBNL2A", "CAIXESBB"]), R.randint(100, 90000), R.randint(1, 12), R.randint(1, 28)) for v in rows]
        path = R.choice(["finance/payouts.csv", "data/vendor_banking.csv"])
        needle = ",2025-"
    return dict(path=path, lines=lines, hits=list(range(1, len(lines))), needle=needle, neg_style=st)


def benign_file():
    """line-numbered-looking source without secrets: hashes, UUIDs, SHAs"""
    c = R.randrange(5)
    if c == 0:
        lines = ["import hashlib", "", "EXPECTED_SHA256 = \"%s\"" % rs("0123456789abcdef", 64), "RELEASE_COMMIT = \"%s\"" % sha40(), "",
                 "def verify(blob: bytes) -> bool:", "    return hashlib.sha256(blob).hexdigest() == EXPECTED_SHA256", ""]
        return dict(path="tools/verify.py", lines=lines, hits=[2, 3], needle="SHA", neg_style="hash")
    if c == 1:
        lines = ["{", "  \"name\": \"left-pad\",", "  \"version\": \"1.3.0\",", "  \"resolved\": \"https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz\",",
                 "  \"integrity\": \"sha512-%s==\"," % rs(B64, 86), "  \"requestId\": \"%s\"" % uuid4(), "}"]
        return dict(path="package-lock.json", lines=lines, hits=[4, 5], needle="integrity", neg_style="hash")
    if c == 2:
        lines = ["package retry", "", "import \"time\"", "", "// Backoff returns the delay for attempt n.", "func Backoff(n int) time.Duration {", "\tif n > 6 {", "\t\tn = 6", "\t}",
                 "\treturn time.Duration(1<<uint(n)) * 100 * time.Millisecond", "}"]
        return dict(path="internal/retry/backoff.go", lines=lines, hits=[5], needle="Backoff", neg_style="source")
    if c == 3:
        lines = ["migrations:", "  - id: %s" % uuid4(), "    applied_at: 2025-03-14T10:22:01Z", "    checksum: %s" % rs("0123456789abcdef", 32), "  - id: %s" % uuid4(), "    applied_at: 2025-04-02T08:00:11Z", "    checksum: %s" % rs("0123456789abcdef", 32)]
        return dict(path="db/migrations.lock", lines=lines, hits=[1, 3], needle="checksum", neg_style="uuid")
    lines = ["export function formatAmount(cents: number, currency = 'USD'): string {", "  return new Intl.NumberFormat('en-US', {", "    style: 'currency',", "    currency,",
             "  }).format(cents / 100);", "}", "", "// order id format: ord_%s" % rs(ALNUM, 14)]
    return dict(path="src/format.ts", lines=lines, hits=[0], needle="format", neg_style="source")


# ----------------------------------------------------------------- envelopes
def tid(p):
    return p + rs(ALNUM, 24)


SYS = "You are a coding agent running in the user's repository. Use tools to inspect files."
ASK = ["Why does the deploy fail?", "Check the config and tell me what's wrong.", "Find where we set up the client.", "Debug the failing job.", "Review the last change.", "Look at the data export."]


def env_anthropic(tool, args, output, calls_only=False):
    i = tid("toolu_01")
    msgs = [{"role": "user", "content": R.choice(ASK)},
            {"role": "assistant", "content": [{"type": "text", "text": "Let me look."}, {"type": "tool_use", "id": i, "name": tool, "input": args}]},
            {"role": "user", "content": [{"type": "tool_result", "tool_use_id": i, "content": output if R.random() < 0.6 else [{"type": "text", "text": output}]}]}]
    body = {"model": R.choice(["claude-sonnet-4-5-20250929", "claude-opus-4-1-20250805"]), "max_tokens": 16000, "system": SYS,
            "tools": [{"name": tool, "description": "tool", "input_schema": {"type": "object"}}], "messages": msgs, "stream": True}
    return "https://api.anthropic.com/v1/messages", {"Content-Type": "application/json", "anthropic-version": "2023-06-01"}, body


def env_openai_chat(tool, args, output, calls_only=False):
    i = tid("call_")
    msgs = [{"role": "system", "content": SYS}, {"role": "user", "content": R.choice(ASK)},
            {"role": "assistant", "content": None, "tool_calls": [{"id": i, "type": "function", "function": {"name": tool, "arguments": json.dumps(args)}}]},
            {"role": "tool", "tool_call_id": i, "content": output}]
    body = {"model": "gpt-4.1", "messages": msgs, "tools": [{"type": "function", "function": {"name": tool, "parameters": {"type": "object"}}}]}
    return "https://api.openai.com/v1/chat/completions", {"Content-Type": "application/json"}, body


def env_openai_resp(tool, args, output, calls_only=False):
    i = tid("call_")
    out = output
    if tool == "shell" and R.random() < 0.5:  # Codex wraps shell output in a JSON string
        out = json.dumps({"output": output, "metadata": {"exit_code": 0, "duration_seconds": round(R.random(), 1)}})
    items = [{"type": "message", "role": "user", "content": [{"type": "input_text", "text": R.choice(ASK)}]},
             {"type": "function_call", "call_id": i, "name": tool, "arguments": json.dumps(args)},
             {"type": "function_call_output", "call_id": i, "output": out}]
    body = {"model": "gpt-5-codex", "instructions": SYS, "input": items, "tools": [{"type": "function", "name": tool, "parameters": {"type": "object"}}], "store": False, "stream": True}
    return "https://api.openai.com/v1/responses", {"Content-Type": "application/json"}, body


def env_gemini(tool, args, output, calls_only=False):
    gt = {"Read": "read_file", "shell": "run_shell_command", "Bash": "run_shell_command"}.get(tool, tool)
    if gt == "run_shell_command":
        output = "Command: %s\nDirectory: (root)\nStdout: %s\nStderr: (empty)\nError: (none)\nExit Code: 0\nSignal: (none)\nBackground PIDs: (none)\nProcess Group PGID: %d" % (args.get("command", ""), output, R.randint(1000, 60000))
    body = {"contents": [{"role": "user", "parts": [{"text": R.choice(ASK)}]},
                         {"role": "model", "parts": [{"functionCall": {"name": gt, "args": args}}]},
                         {"role": "user", "parts": [{"functionResponse": {"name": gt, "response": {"output": output}}}]}],
            "systemInstruction": {"parts": [{"text": SYS}]}, "generationConfig": {"temperature": 0}}
    return "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse", {"Content-Type": "application/json"}, body


def env_mcp_result(tool, args, output, calls_only=False):
    # a JSON-RPC tools/call result relayed upstream (e.g. by an MCP gateway/sampling bridge)
    body = {"jsonrpc": "2.0", "id": R.randint(2, 400), "result": {"content": [{"type": "text", "text": output}], "isError": False}}
    return "https://mcp.acme-tools.dev/mcp", {"Content-Type": "application/json", "Mcp-Session-Id": uuid4()}, body


def env_mcp_call(tool, args, calls_only=False):
    body = {"jsonrpc": "2.0", "id": R.randint(2, 400), "method": "tools/call", "params": {"name": tool, "arguments": args}}
    return "https://mcp.acme-tools.dev/mcp", {"Content-Type": "application/json", "Accept": "application/json, text/event-stream"}, body


ENVS = {"anthropic": env_anthropic, "openai-chat": env_openai_chat, "openai-responses": env_openai_resp, "gemini": env_gemini, "mcp-result": env_mcp_result}


def shell_args(api, cmd):
    if api == "anthropic":
        return "Bash", {"command": cmd, "description": "Inspect"}
    if api == "openai-responses":
        return "shell", {"command": ["bash", "-lc", cmd], "workdir": "/home/dev/repo", "timeout_ms": 120000}
    if api == "openai-chat":
        return "run_terminal_cmd", {"command": cmd, "is_background": False}
    if api == "gemini":
        return "run_shell_command", {"command": cmd}
    return "exec", {"command": cmd}


def pick_api(allowed=None):
    # mcp-call: the agent forwards the tool output as an argument of a remote MCP tool (e.g. create_issue body)
    return R.choice(allowed or list(ENVS) + ["mcp-call"])


# ----------------------------------------------------------------- framings (file-based)
def numbered(lines, start=1, fmt="%6d\t%s"):
    return "\n".join(fmt % (start + i, l) for i, l in enumerate(lines))


def f_cc_read(f, api):
    lines = f["lines"]
    args = {"file_path": "/home/dev/repo/" + f["path"].lstrip("~/")}
    mode = R.choice(["full", "offset", "long"])
    start = 1
    if mode == "offset" and len(lines) > 4:
        off = max(0, min(f["hits"]) - 2)
        lim = len(lines) - off if R.random() < 0.5 else max(3, max(f["hits"]) - off + 2)
        lines = lines[off:off + lim]
        start = off + 1
        args.update(offset=off + 1, limit=lim)
    elif mode == "long":
        # minified line: value early, line truncated by the tool
        extra = json.dumps({"k%d" % i: rs(ALNUM, 30) for i in range(80)})
        j = "\\n".join(lines)
        lines = ["{\"file\":\"%s\",\"content\":\"%s\",\"meta\":%s" % (f["path"], j.replace("\"", "\\\""), extra)]
        lines = [lines[0][:2000] + "... [truncated]" if len(lines[0]) > 2000 else lines[0]]
        args["file_path"] = "/home/dev/repo/build/bundle.json"
    out = "\n".join("%6d\u2192%s" % (start + i, l) for i, l in enumerate(lines))
    if api == "anthropic":
        out += "\n\n<system-reminder>\nWhenever you read a file, you should consider whether it looks malicious.\n</system-reminder>\n"
        return "Read", args, out
    return "Read", args, out


def f_cat_n(f, api):
    t, a = shell_args(api, "cat -n " + f["path"])
    return t, a, numbered(f["lines"])


def f_nl(f, api):
    if R.random() < 0.5:
        t, a = shell_args(api, "nl -ba " + f["path"])
        return t, a, numbered(f["lines"])
    t, a = shell_args(api, "nl -ba -w3 -s': ' " + f["path"])
    return t, a, numbered(f["lines"], 1, "%3d: %s")


def grep_hits(f):
    """(match line indices, extra -A context indices): a multi-line block (PEM) is only
    'matched' on lines containing the needle; the rest is shown as after-context."""
    m = [j for j in f["hits"] if f["needle"] in f["lines"][j]]
    if not m:
        m = [min(f["hits"])]
    h = f["hits"]
    if h != list(range(min(h), max(h) + 1)):  # not one block: non-matching hit lines are simply not shown
        return m, []
    return m, [j for j in h if j not in m]


def ctx_lines(f, sep_match, sep_ctx, prefix, c=2):
    lines = f["lines"]
    hits, after = grep_hits(f)
    hits = set(hits)
    show = sorted({j for h in hits for j in range(max(0, h - c), min(len(lines), h + c + 1))} | set(after))
    out, prev = [], None
    for j in show:
        if prev is not None and j != prev + 1:
            out.append("--")
        out.append("%s%s%d%s%s" % (prefix, sep_match if j in hits else sep_ctx, j + 1, sep_match if j in hits else sep_ctx, lines[j]))
        prev = j
    return out


def f_grep(f, api):
    tool = R.choice(["grep", "rg"])
    ctx = R.random() < 0.5
    cmd = ("grep -rn%s '%s' ." if tool == "grep" else "rg -n%s '%s'") % (" -C2" if ctx else "", f["needle"])
    t, a = shell_args(api, cmd)
    if api == "anthropic" and tool == "rg" and R.random() < 0.5:
        t, a = "Grep", {"pattern": f["needle"], "output_mode": "content", "-n": True, "-C": 2 if ctx else 0}
    p = ("./" if tool == "grep" else "") + f["path"].lstrip("~/")
    m, after = grep_hits(f)
    if after:  # multi-line block: the agent asks for after-context
        ctx = True
        cmd = cmd.replace(" -C2", "").replace("-rn", "-rn -A%d" % len(after), 1) if tool == "grep" else cmd.replace(" -C2", "").replace("-n", "-n -A%d" % len(after), 1)
        t, a = shell_args(api, cmd)
    if ctx:
        out = ctx_lines(f, ":", "-", p, 2 if not after else 0)
    else:
        out = ["%s:%d:%s" % (p, j + 1, f["lines"][j]) for j in m]
    out.insert(0, "%s:%d:%s" % ("README.md", R.randint(3, 40), "Set %s in your environment before running." % f["needle"])) if R.random() < 0.3 else None
    return t, a, "\n".join(out)


def f_rg_json(f, api):
    t, a = shell_args(api, "rg --json '%s' %s" % (f["needle"], f["path"]))
    p = f["path"].lstrip("~/")
    out = [json.dumps({"type": "begin", "data": {"path": {"text": p}}})]
    off = 0
    offs = []
    for l in f["lines"]:
        offs.append(off)
        off += len(l.encode()) + 1
    m, after = grep_hits(f)
    if after:
        t, a = shell_args(api, "rg --json -A%d '%s' %s" % (len(after), f["needle"], f["path"]))
    for j in sorted(m + after):
        l = f["lines"][j]
        if j in after:
            out.append(json.dumps({"type": "context", "data": {"path": {"text": p}, "lines": {"text": l + "\n"}, "line_number": j + 1, "absolute_offset": offs[j], "submatches": []}}))
            continue
        k = max(0, l.find(f["needle"]))
        out.append(json.dumps({"type": "match", "data": {"path": {"text": p}, "lines": {"text": l + "\n"}, "line_number": j + 1, "absolute_offset": offs[j],
                                                         "submatches": [{"match": {"text": f["needle"]}, "start": k, "end": k + len(f["needle"])}]}}))
    out.append(json.dumps({"type": "end", "data": {"path": {"text": p}, "binary_offset": None, "stats": {"elapsed": {"secs": 0, "nanos": R.randint(10000, 99999), "human": "0.000041s"}, "searches": 1, "searches_with_match": 1, "bytes_searched": off, "bytes_printed": 812, "matched_lines": len(f["hits"]), "matches": len(f["hits"])}}}))
    out.append(json.dumps({"data": {"elapsed_total": {"human": "0.004211s", "nanos": 4211000, "secs": 0}, "stats": {"bytes_printed": 812, "bytes_searched": off, "elapsed": {"human": "0.000041s", "nanos": 41000, "secs": 0}, "matched_lines": len(f["hits"]), "matches": len(f["hits"]), "searches": 1, "searches_with_match": 1}}, "type": "summary"}))
    return t, a, "\n".join(out)


def f_git_grep(f, api):
    p = f["path"].lstrip("~/")
    if R.random() < 0.5:
        rev = sha40()[:R.choice([7, 12])] if R.random() < 0.5 else "HEAD~3"
        t, a = shell_args(api, "git grep -n '%s' %s" % (f["needle"], rev))
        m, after = grep_hits(f)
        if after:
            t, a = shell_args(api, "git grep -n -A%d '%s' %s" % (len(after), f["needle"], rev))
        out = ["%s:%s%s%d%s%s" % (rev, p, ":" if j in m else "-", j + 1, ":" if j in m else "-", f["lines"][j]) for j in sorted(m + after)]
    else:
        m, after = grep_hits(f)
        t, a = shell_args(api, "git grep -n -C1 '%s'" % f["needle"] if not after else "git grep -n -A%d '%s'" % (len(after), f["needle"]))
        out = ctx_lines(f, ":", "-", p, 1)
    return t, a, "\n".join(out)


def hunk(lines, hits, mode):
    """mode add/remove/modify -> diff hunk lines"""
    lo, hi = max(0, min(hits) - 3), min(len(lines), max(hits) + 4)
    body = []
    for j in range(lo, hi):
        if j in hits:
            body.append(("-" if mode == "remove" else "+") + lines[j])
        else:
            body.append(" " + lines[j])
    nold = sum(1 for b in body if b[0] in " -")
    nnew = sum(1 for b in body if b[0] in " +")
    return ["@@ -%d,%d +%d,%d @@ %s" % (lo + 1, nold, lo + 1, nnew, R.choice(["", "class Settings:", "def main():"]))] + body


def f_git_diff(f, api, neg=False, remove=False):
    p = f["path"].lstrip("~/")
    mode = "remove" if remove else "add"
    out = []
    if R.random() < 0.4:
        out += ["commit " + sha40(), "Author: %s <%s@acme-corp.io>" % (name(), R.choice(FIRST).lower()), "Date:   Tue Oct 14 16:%02d:11 2025 +0200" % R.randint(0, 59), "",
                "    " + R.choice(["wip: local config", "fix deploy", "chore: rotate creds", "add fixtures"]), ""]
        cmd = "git show HEAD"
    else:
        cmd = R.choice(["git diff", "git diff --cached", "git diff main...HEAD"])
    t, a = shell_args(api, cmd)
    out += ["diff --git a/%s b/%s" % (p, p), "index %s..%s 100644" % (sha40()[:7], sha40()[:7]), "--- a/" + p, "+++ b/" + p]
    out += hunk(f["lines"], set(f["hits"]), mode)
    return t, a, "\n".join(out)


def f_apply_patch(f, api):
    """secret lives in the tool CALL (arguments). Output is the tool's short result."""
    p = f["path"].lstrip("~/")
    if R.random() < 0.5:
        patch = "*** Begin Patch\n*** Add File: %s\n%s\n*** End Patch" % (p, "\n".join("+" + l for l in f["lines"]))
    else:
        h = hunk(f["lines"], set(f["hits"]), "add")
        patch = "*** Begin Patch\n*** Update File: %s\n@@\n%s\n*** End Patch" % (p, "\n".join(h[1:]))
    return "apply_patch", {"input": patch}, "Success. Updated the following files:\nA " + p


def f_cc_edit(f, api):
    p = "/home/dev/repo/" + f["path"].lstrip("~/")
    hits = f["hits"]
    if min(hits) == 0:  # the secret starts the file: Claude Code writes it whole
        return "Write", {"file_path": p, "content": "\n".join(f["lines"]) + "\n"}, "File created successfully at: " + p
    new = "\n".join(f["lines"][min(hits):max(hits) + 1])
    old = f["lines"][min(hits) - 1]
    if R.random() < 0.5:
        return "Edit", {"file_path": p, "old_string": old, "new_string": old + "\n" + new, "replace_all": False}, "The file %s has been updated." % p
    return "MultiEdit", {"file_path": p, "edits": [{"old_string": "timeout = 10", "new_string": "timeout = 30"}, {"old_string": old, "new_string": old + "\n" + new}]}, "Applied 2 edits to %s" % p


def f_str_replace(f, api):
    p = "/repo/" + f["path"].lstrip("~/")
    if R.random() < 0.6:
        return "str_replace_based_edit_tool", {"command": "create", "path": p, "file_text": "\n".join(f["lines"]) + "\n"}, "File created successfully at: " + p
    hits = f["hits"]
    return "str_replace_based_edit_tool", {"command": "str_replace", "path": p, "old_str": "# TODO", "new_str": "\n".join(f["lines"][min(hits):max(hits) + 1])}, "The file %s has been edited." % p


def f_bat(f, api):
    if R.random() < 0.6:
        t, a = shell_args(api, "bat --paging=never " + f["path"])
        w = 80
        out = ["\u2500" * 7 + "\u252c" + "\u2500" * (w - 8), "       \u2502 File: " + f["path"], "\u2500" * 7 + "\u253c" + "\u2500" * (w - 8)]
        out += ["%5d   \u2502 %s" % (i + 1, l) for i, l in enumerate(f["lines"])]
        out += ["\u2500" * 7 + "\u2534" + "\u2500" * (w - 8)]
    else:
        t, a = shell_args(api, "less -N " + f["path"])
        out = ["%7d %s" % (i + 1, l) for i, l in enumerate(f["lines"])] + ["(END)"]
    return t, a, "\n".join(out)


def f_crlf(f, api):
    if R.random() < 0.5:
        t, a = shell_args(api, "type " + f["path"].replace("/", "\\"))
        return t, a, "\r\n".join(f["lines"]) + "\r\n"
    return "Read", {"file_path": "C:\\Users\\dev\\repo\\" + f["path"].replace("/", "\\")}, "\n".join("%6d\u2192%s\r" % (i + 1, l) for i, l in enumerate(f["lines"]))


def f_md_fence(f, api):
    lang = {"py": "python", "ts": "typescript", "json": "json", "yaml": "yaml", "csv": "csv"}.get(f["path"].rsplit(".", 1)[-1], "")
    if R.random() < 0.5 or not f["path"].endswith(".csv"):
        out = "## %s\n\nContents of `%s`:\n\n```%s\n%s\n```\n" % (f["path"].split("/")[-1], f["path"], lang, "\n".join(f["lines"]))
    else:
        rows = [l.split(",") for l in f["lines"]]
        out = "| " + " | ".join(rows[0]) + " |\n|" + "---|" * len(rows[0]) + "\n" + "\n".join("| " + " | ".join(r) + " |" for r in rows[1:])
    return "fetch_document", {"path": f["path"], "format": "markdown"}, out


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")


def hl_split(l):
    """pygments-like: split the line into spans; long tokens split at punctuation"""
    if (len(l.strip()) >= 40 and all(ch in B64 + "= " for ch in l)) or l.strip().startswith("-----"):
        return '<span class="s">%s</span>' % esc(l)
    parts = []
    buf = ""
    for ch in l:
        if ch in "=:\"'-_,/@." and buf:
            parts.append(buf)
            buf = ""
        buf += ch
    parts.append(buf)
    return "".join('<span class="%s">%s</span>' % (R.choice(["n", "s2", "o", "p", "nv"]), esc(p)) for p in parts)


def f_html(f, api):
    hard = R.random() < 0.6
    body = "\n".join(hl_split(l) if hard else '<span class="s">%s</span>' % esc(l) for l in f["lines"])
    out = '<div class="highlight"><pre><code class="language-%s">%s</code></pre></div>' % (f["path"].rsplit(".", 1)[-1], body)
    return "browser_get_html", {"url": "https://git.acme-corp.io/platform/api/-/blob/main/" + f["path"]}, out


ANSI_C = ["\x1b[31m", "\x1b[01;31m\x1b[K", "\x1b[1;32m", "\x1b[35m", "\x1b[33m"]


def f_ansi(f, api):
    t, a = shell_args(api, "grep --color=always -rn '%s' ." % f["needle"])
    p = f["path"].lstrip("~/")
    out = []
    m, after = grep_hits(f)
    if after:
        t, a = shell_args(api, "grep --color=always -rn -A%d '%s' ." % (len(after), f["needle"]))
    for j in sorted(m + after):
        l = f["lines"][j]
        if j in after:
            out.append("\x1b[35m\x1b[K./%s\x1b[m\x1b[K\x1b[36m\x1b[K-\x1b[m\x1b[K\x1b[32m\x1b[K%d\x1b[m\x1b[K\x1b[36m\x1b[K-\x1b[m\x1b[K%s" % (p, j + 1, l))
            continue
        if R.random() < 0.5 and not after:
            # colour escape INSIDE the value (highlight a chunk in the middle)
            k = len(l) // 2
            l2 = l[:k] + "\x1b[01;31m\x1b[K" + l[k:k + 6] + "\x1b[m\x1b[K" + l[k + 6:]
        else:
            k = l.find(f["needle"])
            k = max(k, 0)
            l2 = l[:k] + "\x1b[01;31m\x1b[K" + f["needle"] + "\x1b[m\x1b[K" + l[k + len(f["needle"]):]
        out.append("\x1b[35m\x1b[K./%s\x1b[m\x1b[K\x1b[36m\x1b[K:\x1b[m\x1b[K\x1b[32m\x1b[K%d\x1b[m\x1b[K\x1b[36m\x1b[K:\x1b[m\x1b[K%s" % (p, j + 1, l2))
    return t, a, "\n".join(out)


def hardwrap(text, w=80):
    out = []
    for l in text.split("\n"):
        if not l:
            out.append("")
        while l:
            out.append(l[:w])
            l = l[w:]
    return out


def f_tmux(f, api):
    prompt = "dev@box:~/repo$ "
    cmd = R.choice(["cat ", "tail -n 40 ", "head "]) + f["path"]
    txt = prompt + cmd + "\n" + "\n".join(f["lines"]) + "\n" + prompt
    t, a = shell_args(api, "tmux capture-pane -p -t agent:0.0 -S -200")
    return t, a, "\n".join(hardwrap(txt, 80))


def f_cr_progress(f, api):
    t, a = shell_args(api, "./scripts/fetch-config.sh --env prod")
    prog = "".join("\rDownloading config bundle [%s%s] %3d%%" % ("#" * (i // 5), "." * (20 - i // 5), i) for i in range(0, 101, R.choice([10, 20, 25])))
    out = prog + "\n" + "Decrypting...\r" + "Decrypting... done\n" + "Writing %s\n" % f["path"] + "\n".join(f["lines"])
    if R.random() < 0.5:  # curl progress meter preceding content
        out = "  %% Total    %% Received %% Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0\r100  %d  100  %d    0     0   %d      0 --:--:-- --:--:-- --:--:--  %d\n" % (
            (400, 400, 2100, 2100)) + "\n".join(f["lines"])
    return t, a, out


def f_script(f, api):
    t, a = shell_args(api, "cat ~/typescript")
    ps1 = "\x1b]0;dev@box: ~/repo\x07\x1b[01;32mdev@box\x1b[00m:\x1b[01;34m~/repo\x1b[00m$ "
    out = 'Script started on 2025-10-14 16:02:11+02:00 [COMMAND="bash" TERM="xterm-256color" TTY="/dev/pts/3" COLUMNS="120" LINES="40"]\r\n'
    out += ps1 + "cat %s\r\n" % f["path"] + "\r\n".join(f["lines"]) + "\r\n" + ps1 + "exit\r\nexit\r\n\r\nScript done on 2025-10-14 16:03:40+02:00 [COMMAND_EXIT_CODE=\"0\"]\r\n"
    return t, a, out


FILE_FRAMINGS = {"cc-read": f_cc_read, "cat-n": f_cat_n, "nl-ba": f_nl, "grep-n": f_grep, "rg-json": f_rg_json, "git-grep": f_git_grep,
                 "git-diff": f_git_diff, "apply-patch": f_apply_patch, "cc-edit": f_cc_edit, "str-replace-edit": f_str_replace,
                 "bat-less": f_bat, "crlf": f_crlf, "markdown": f_md_fence, "html-pre": f_html, "ansi": f_ansi, "tmux-wrap": f_tmux,
                 "cr-progress": f_cr_progress, "script-typescript": f_script}
# which API envelopes make sense for tool-call framings
CALL_APIS = {"apply-patch": ["openai-chat", "openai-responses", "openai-responses-custom"], "cc-edit": ["anthropic"], "str-replace-edit": ["anthropic"],
             "cc-read": ["anthropic", "anthropic", "mcp-result"], "markdown": ["anthropic", "openai-chat", "gemini", "mcp-result", "mcp-call"], "html-pre": ["anthropic", "openai-chat", "mcp-result", "gemini"]}


def build(framing, tool, args, output, api):
    if api == "openai-responses-custom":  # Codex freeform custom tool call
        i = tid("call_")
        body = {"model": "gpt-5-codex", "instructions": SYS, "input": [{"type": "message", "role": "user", "content": [{"type": "input_text", "text": R.choice(ASK)}]},
                                                                        {"type": "custom_tool_call", "call_id": i, "name": "apply_patch", "input": args["input"]},
                                                                        {"type": "custom_tool_call_output", "call_id": i, "output": output}],
                "tools": [{"type": "custom", "name": "apply_patch", "description": "Use the `apply_patch` tool to edit files."}], "stream": True}
        return "https://api.openai.com/v1/responses", {"Content-Type": "application/json"}, body
    if api == "mcp-call":
        if framing in ("markdown", "html-pre"):
            return env_mcp_call("notion_create_page", {"parent": "Runbooks", "title": args.get("path", "Notes"), "markdown": output})
        if True:
            c = args.get("command", tool)
            if isinstance(c, list):
                c = c[-1]
            return env_mcp_call(R.choice(["create_issue_comment", "jira_add_comment", "slack_post_message"]),
                                {"issue": "OPS-%d" % R.randint(100, 9999), "body": "Output of `%s`:\n\n```\n%s\n```" % (c, output)})
        return env_mcp_call(tool, dict(args, content=output) if "content" not in args else args)
    return ENVS[api](tool, args, output)


# ----------------------------------------------------------------- structured framings
# each returns (tool_cmd, output, kinds_present) given kind (or None + neg)
def b64(s):
    return base64.b64encode(s.encode()).decode()


def cred_pair(kind, neg):
    """(env_name, value) pairs list for credential kinds, or neg equivalents; value single-line"""
    if kind == "aws":
        (k, s), st = neg_aws() if neg else (aws_pair(), None)
        return [("AWS_ACCESS_KEY_ID", k), ("AWS_SECRET_ACCESS_KEY", s)], st
    if kind.startswith("pem"):
        if neg:
            b, st = neg_pem(kind)
            return [("TLS_KEY" if "PUBLIC" in b[0] or "CERT" in b[0] else "DEPLOY_KEY", "\n".join(b) + "\n")], st
        return [("DEPLOY_KEY", "\n".join(pem(kind)) + "\n")], None
    v, st = neg_token(kind) if neg else (token(kind), None)
    return [(ENVNAME[kind], v)], st


BENIGN_ENV = lambda: [("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin"), ("HOME", "/home/app"), ("NODE_ENV", "production"), ("LANG", "C.UTF-8"),
                      ("HOSTNAME", rs("0123456789abcdef", 12)), ("GIT_COMMIT", sha40()), ("REQUEST_ID", uuid4())]


def s_kubectl_yaml(kind, neg):
    pairs, st = cred_pair(kind, neg)
    name_ = R.choice(["api-credentials", "billing-secrets", "app-env", "deploy-key"])
    data = "\n".join("  %s: %s" % (k.lower().replace("_", "-") if R.random() < 0.5 else k, b64(v)) for k, v in pairs)
    if R.random() < 0.3:
        data += "\n  LOG_LEVEL: " + b64("info")
    out = "apiVersion: v1\ndata:\n%s\nkind: Secret\nmetadata:\n  creationTimestamp: \"2025-09-30T12:01:44Z\"\n  name: %s\n  namespace: prod\n  resourceVersion: \"%d\"\n  uid: %s\ntype: Opaque" % (data, name_, R.randint(10000, 9999999), uuid4())
    return "kubectl get secret %s -n prod -o yaml" % name_, out, st


def s_kubectl_describe(kind, neg):
    pairs, st = cred_pair(kind, neg)
    if neg and R.random() < 0.5:
        # describe secret only shows sizes; or env from secretKeyRef
        if R.random() < 0.5:
            out = "Name:         app-env\nNamespace:    prod\nLabels:       app=api\nAnnotations:  <none>\n\nType:  Opaque\n\nData\n====\n" + "\n".join("%s:  %d bytes" % (k.lower(), len(v)) for k, v in pairs)
            return "kubectl describe secret app-env -n prod", out, "sizes-only"
        env = "\n".join("      %s:  <set to the key '%s' in secret 'app-env'>  Optional: false" % (k, k.lower()) for k, v in pairs)
        st = "secret-ref"
    else:
        env = "\n".join("      %s:  %s" % (k, v.replace("\n", "\\n")) for k, v in pairs)
    out = ("Name:             api-7d9f8c6b5-x2kqz\nNamespace:        prod\nPriority:         0\nNode:             ip-10-0-3-17.ec2.internal/10.0.3.17\nStart Time:       Tue, 14 Oct 2025 09:12:44 +0000\n"
           "Labels:           app=api\nStatus:           Running\nIP:               10.0.3.201\nContainers:\n  api:\n    Container ID:   containerd://%s\n    Image:          ghcr.io/acme/api:1.42.0\n"
           "    Port:           8080/TCP\n    State:          Running\n    Ready:          True\n    Restart Count:  3\n    Environment:\n      NODE_ENV:  production\n%s\n    Mounts:\n      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-9xk2 (ro)\nEvents:  <none>") % (rs("0123456789abcdef", 64), env)
    return "kubectl describe pod api-7d9f8c6b5-x2kqz -n prod", out, st


def s_docker_inspect(kind, neg):
    pairs, st = cred_pair(kind, neg)
    envl = ["%s=%s" % kv for kv in pairs] + ["%s=%s" % kv for kv in BENIGN_ENV()[:4]]
    R.shuffle(envl)
    obj = [{"Id": rs("0123456789abcdef", 64), "Created": "2025-10-14T07:41:09.331Z", "Path": "docker-entrypoint.sh", "Args": ["node", "server.js"],
            "State": {"Status": "running", "Running": True, "Pid": R.randint(1000, 90000), "ExitCode": 0},
            "Image": "sha256:" + rs("0123456789abcdef", 64), "Name": "/api-1",
            "Config": {"Hostname": rs("0123456789abcdef", 12), "Env": envl, "Cmd": ["node", "server.js"], "Image": "acme/api:1.42.0", "WorkingDir": "/app"},
            "NetworkSettings": {"IPAddress": "172.17.0.%d" % R.randint(2, 20), "Gateway": "172.17.0.1"}}]
    return "docker inspect api-1", json.dumps(obj, indent=4), st


def s_env(kind, neg):
    pairs, st = cred_pair(kind, neg)
    env = BENIGN_ENV() + pairs
    R.shuffle(env)
    if R.random() < 0.3 and len(pairs) == 1:
        return "printenv " + pairs[0][0], pairs[0][1], st
    return R.choice(["env", "printenv", "env | sort", "export -p"]), "\n".join(("declare -x %s=\"%s\"" if False else "%s=%s") % kv for kv in env), st


def s_aws(kind, neg):
    # aws only
    (k, s), st = neg_aws() if neg else (aws_pair(), None)
    if neg and R.random() < 0.5:
        out = ("      Name                    Value             Type    Location\n      ----                    -----             ----    --------\n   profile                <not set>             None    None\n"
               "access_key     ****************%s shared-credentials-file    \nsecret_key     ****************%s shared-credentials-file    \n    region                us-east-1      config-file    ~/.aws/config") % (rs("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 4), rs(ALNUM, 4))
        return "aws configure list", out, "masked"
    c = R.randrange(3)
    if c == 0:
        return "aws configure export-credentials --format env", "export AWS_ACCESS_KEY_ID=%s\nexport AWS_SECRET_ACCESS_KEY=%s" % (k, s), st
    if c == 1:
        return "aws configure get aws_secret_access_key && aws configure get aws_access_key_id", "%s\n%s" % (s, k), st
    return "aws iam create-access-key --user-name ci-deployer", json.dumps({"AccessKey": {"UserName": "ci-deployer", "AccessKeyId": k, "Status": "Active", "SecretAccessKey": s, "CreateDate": "2025-10-14T08:11:02+00:00"}}, indent=4), st


def s_gcloud(kind, neg):
    if kind.startswith("pem"):
        if neg:
            b, st = neg_pem(kind)
            if "PUBLIC" in b[0] or "CERT" in b[0] or b[0].startswith("ssh"):
                out = "\n".join(pub_pem()) if not b[0].startswith("ssh") else b[0]
                return "gcloud iam service-accounts keys list --iam-account=ci@acme-prod.iam.gserviceaccount.com --format=json", json.dumps([{"keyAlgorithm": "KEY_ALG_RSA_2048", "keyOrigin": "GOOGLE_PROVIDED", "keyType": "USER_MANAGED", "name": "projects/acme-prod/serviceAccounts/ci@acme-prod.iam.gserviceaccount.com/keys/" + sha40(), "validAfterTime": "2025-01-01T00:00:00Z"}], indent=2), "public-metadata"
            pk = "\n".join(b) + "\n"
        else:
            st = None
            p = pem("pem-rsa")
            p = ["-----BEGIN PRIVATE KEY-----"] + p[1:-1] + ["-----END PRIVATE KEY-----"]
            pk = "\n".join(p) + "\n"
        sa = {"type": "service_account", "project_id": "acme-prod", "private_key_id": sha40(), "private_key": pk, "client_email": "ci@acme-prod.iam.gserviceaccount.com",
              "client_id": rs(string.digits, 21), "auth_uri": "https://accounts.google.com/o/oauth2/auth", "token_uri": "https://oauth2.googleapis.com/token"}
        return "gcloud iam service-accounts keys create - --iam-account=ci@acme-prod.iam.gserviceaccount.com && cat key.json", json.dumps(sa, indent=2), st
    pairs, st = cred_pair(kind, neg)
    k, v = pairs[-1]
    if R.random() < 0.5:
        return "gcloud secrets versions access latest --secret=%s --project=acme-prod" % k.lower().replace("_", "-"), v, st
    out = "createTime: '2025-08-01T10:00:00.000Z'\nname: projects/acme-prod/locations/us-central1/services/api\nspec:\n  template:\n    spec:\n      containers:\n      - env:\n%s\n        - name: NODE_ENV\n          value: production\n        image: us-docker.pkg.dev/acme-prod/api/api:1.42.0" % "\n".join("        - name: %s\n          value: %s" % (a, json.dumps(b)) for a, b in pairs)
    return "gcloud run services describe api --region us-central1 --format yaml", out, st


def s_terraform(kind, neg):
    pairs, st = cred_pair(kind, neg)
    res = []
    if kind == "aws":
        vals = {"id": pairs[0][1], "user": "ci-deployer", "secret": pairs[1][1], "status": "Active", "ses_smtp_password_v4": None if neg else rs(B64, 44)}
        res.append({"address": "aws_iam_access_key.ci", "mode": "managed", "type": "aws_iam_access_key", "name": "ci", "provider_name": "registry.terraform.io/hashicorp/aws", "values": vals, "sensitive_values": {}})
    elif kind == "postgres":
        url = pairs[0][1]
        pw = url.split("://", 1)[1].split("@")[0].split(":", 1)[-1] if "@" in url else "changeme"
        res.append({"address": "aws_db_instance.main", "type": "aws_db_instance", "name": "main", "values": {"identifier": "orders-prod", "engine": "postgres", "username": "app", "password": pw if not neg else R.choice(["${var.db_password}", None]), "endpoint": "orders-prod.c7xk2pq9.us-east-1.rds.amazonaws.com:5432"}, "sensitive_values": {"password": True}})
        res.append({"address": "kubernetes_secret.db", "type": "kubernetes_secret", "name": "db", "values": {"data": {"DATABASE_URL": url}}, "sensitive_values": {}})
    else:
        k, v = pairs[-1]
        res.append({"address": "github_actions_secret.%s" % k.lower(), "type": "github_actions_secret", "name": k.lower(), "values": {"repository": "api", "secret_name": k, "plaintext_value": v, "encrypted_value": ""}, "sensitive_values": {}})
    doc = {"format_version": "1.0", "terraform_version": "1.9.5", "values": {"root_module": {"resources": res}}}
    return "terraform show -json | jq .", json.dumps(doc, indent=2), st


def pii_rows(kind, neg, n):
    out, st = [], None
    for _ in range(n):
        if neg:
            v, st = {"ssn": neg_ssn, "card": neg_card, "iban": neg_iban}[kind]()
        else:
            v = {"ssn": ssn, "card": card, "iban": iban}[kind]()
        if kind == "ssn" and neg:  # fixture-style rows: placeholder names, no real DOB
            out.append([str(R.randint(100, 9999)), R.choice(DOE), v, "1900-01-01"])
        elif kind == "ssn":
            out.append([str(R.randint(100, 9999)), name(), v, "19%02d-%02d-%02d" % (R.randint(50, 99), R.randint(1, 12), R.randint(1, 28))])
        elif kind == "card":
            out.append([str(R.randint(100, 9999)), v, "%02d/%02d" % (R.randint(1, 12), R.randint(26, 31)), "%d.%02d" % (R.randint(5, 900), R.randint(0, 99))])
        else:
            out.append([str(R.randint(100, 9999)), "Vendor %s GmbH" % R.choice(LAST), v, "%d.00" % R.randint(100, 90000)])
    hdr = {"ssn": ["id", "full_name", "ssn", "dob"], "card": ["id", "card_number", "exp", "amount"], "iban": ["id", "vendor", "iban", "amount"]}[kind]
    return hdr, out, st


def benign_rows(n):
    hdr = ["id", "sku", "order_uuid", "qty", "status"]
    return hdr, [[str(R.randint(100, 9999)), "SKU-%05d" % R.randint(1, 99999), uuid4(), str(R.randint(1, 9)), R.choice(["shipped", "pending"])] for _ in range(n)], "benign-table"


def table_src(kind, neg):
    if kind == "benign":
        return benign_rows(R.randint(2, 5))
    return pii_rows(kind, neg, R.randint(2, 5))


def s_psql(kind, neg):
    hdr, rows, st = table_src(kind, neg)
    tbl = {"ssn": "employees", "card": "payment_methods", "iban": "vendor_accounts", "benign": "orders"}[kind]
    if R.random() < 0.5:
        w = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(hdr)]
        out = [" " + " | ".join(h.center(w[i]) for i, h in enumerate(hdr)), "-" + "-+-".join("-" * x for x in w) + "-"]
        out += [" " + " | ".join((c.rjust(w[i]) if c.isdigit() else c.ljust(w[i])) for i, c in enumerate(r)) for r in rows]
        out.append("(%d rows)" % len(rows))
        cmd = "psql \"$DATABASE_URL\" -c 'select %s from %s limit %d'" % (", ".join(hdr), tbl, len(rows))
    else:
        out = []
        wk = max(len(h) for h in hdr)
        for n_, r in enumerate(rows):
            out.append("-[ RECORD %d ]%s" % (n_ + 1, "-" * max(1, wk - 9) + "+" + "-" * 20))
            out += ["%s | %s" % (h.ljust(wk), c) for h, c in zip(hdr, r)]
        cmd = "psql \"$DATABASE_URL\" -x -c 'select * from %s limit %d'" % (tbl, len(rows))
    return cmd, "\n".join(out), st


def s_mysql(kind, neg):
    hdr, rows, st = table_src(kind, neg)
    w = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(hdr)]
    sep = "+" + "+".join("-" * (x + 2) for x in w) + "+"
    out = [sep, "| " + " | ".join(h.ljust(w[i]) for i, h in enumerate(hdr)) + " |", sep]
    out += ["| " + " | ".join(c.ljust(w[i]) for i, c in enumerate(r)) + " |" for r in rows]
    out += [sep, "%d rows in set (0.00 sec)" % len(rows)]
    return "mysql -e 'SELECT * FROM customers LIMIT %d' shop" % len(rows), "\n".join(out), st


def s_sqlite(kind, neg):
    hdr, rows, st = table_src(kind, neg)
    if R.random() < 0.5:
        wk = max(len(h) for h in hdr)
        out = "\n\n".join("\n".join("%s = %s" % (h.rjust(wk), c) for h, c in zip(hdr, r)) for r in rows)
        return "sqlite3 -line app.db 'select * from people limit %d'" % len(rows), out, st
    w = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(hdr)]
    top = "\u250c" + "\u252c".join("\u2500" * (x + 2) for x in w) + "\u2510"
    mid = "\u251c" + "\u253c".join("\u2500" * (x + 2) for x in w) + "\u2524"
    bot = "\u2514" + "\u2534".join("\u2500" * (x + 2) for x in w) + "\u2518"
    out = [top, "\u2502 " + " \u2502 ".join(h.center(w[i]) for i, h in enumerate(hdr)) + " \u2502", mid]
    out += ["\u2502 " + " \u2502 ".join(c.ljust(w[i]) for i, c in enumerate(r)) + " \u2502" for r in rows]
    out.append(bot)
    return "sqlite3 -box app.db 'select * from people limit %d'" % len(rows), "\n".join(out), st


def s_pandas(kind, neg, hide=False):
    hdr, rows, st = table_src(kind, neg)
    extra = ["created_at", "country", "segment", "ltv", "churn_risk", "notes", "updated_at", "source"]
    # pandas repr: leading index, many cols truncated with ...
    cols = hdr[:3] + ["..."] + extra[-2:]
    if hide:  # sensitive column elided by the '...'
        cols = hdr[:1] + ["..."] + extra[-2:]
        st = "column-elided"
    w = [max(len(c), 12) for c in cols]
    out = ["    " + "  ".join(c.rjust(w[i]) for i, c in enumerate(cols))]
    for n_, r in enumerate(rows):
        vals = r[:3] if not hide else r[:1]
        cells = vals + ["..."] + ["2025-0%d-1%d" % (R.randint(1, 9), R.randint(0, 9)), R.choice(["web", "partner", "import"])]
        out.append("%-4d" % n_ + "  ".join(str(c).rjust(w[i]) for i, c in enumerate(cells)))
    out.append("")
    out.append("[%d rows x %d columns]" % (len(rows), len(hdr) + len(extra)))
    return "python -c \"import pandas as pd; print(pd.read_parquet('data/export.parquet'))\"", "\n".join(out), st


def s_csv(kind, neg):
    hdr, rows, st = table_src(kind, neg)
    c = R.randrange(3)
    if c == 0:
        out = "\n".join(",".join(x) for x in [hdr] + rows)
        return "read_excel_sheet", out, st
    if c == 1:
        out = repr([tuple(hdr)] + [tuple(int(x) if x.isdigit() else x for x in r) for r in rows])
        return "read_excel_sheet", out, st
    out = json.dumps({"sheet": "Sheet1", "range": "A1:D%d" % (len(rows) + 1), "values": [hdr] + rows})
    return "read_excel_sheet", out, st


def s_jq(kind, neg):
    if kind in ("ssn", "card", "iban"):
        hdr, rows, st = pii_rows(kind, neg, R.randint(1, 3))
        doc = [dict(zip(hdr, r)) for r in rows]
    else:
        pairs, st = cred_pair(kind, neg)
        doc = {"service": "billing", "env": "prod", "credentials": {k.lower(): v for k, v in pairs}, "version": 7}
    return "jq . config/secrets.json", json.dumps(doc, indent=2, ensure_ascii=False), st


def s_powershell(kind, neg):
    if kind in ("ssn", "card", "iban"):
        hdr, rows, st = pii_rows(kind, neg, R.randint(2, 4))
        if R.random() < 0.5:
            w = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(hdr)]
            out = ["", " ".join(h.ljust(w[i]) for i, h in enumerate(hdr)), " ".join("-" * len(h) + " " * (w[i] - len(h)) for i, h in enumerate(hdr))]
            out += [" ".join(c.ljust(w[i]) for i, c in enumerate(r)) for r in rows] + ["", ""]
            return "Import-Csv .\\export.csv | Format-Table -AutoSize", "\r\n".join(out), st
        wk = max(len(h) for h in hdr)
        out = "\r\n\r\n".join("\r\n".join("%s : %s" % (h.ljust(wk), c) for h, c in zip(hdr, r)) for r in rows)
        return "Import-Csv .\\export.csv | Format-List", "\r\n" + out + "\r\n", st
    pairs, st = cred_pair(kind, neg)
    pairs = [(k, v.replace("\n", " ").strip()) if not k.endswith("KEY") or "BEGIN" not in v else (k, v) for k, v in pairs]
    if R.random() < 0.5:
        env = [("ComSpec", "C:\\WINDOWS\\system32\\cmd.exe"), ("OS", "Windows_NT"), ("USERNAME", "dev")] + pairs
        wk = max(len(k) for k, _ in env)
        out = ["", "Name".ljust(wk) + " Value", "----".ljust(wk) + " -----"] + ["%s %s" % (k.ljust(wk), v) for k, v in env] + [""]
        return "Get-ChildItem Env: | Format-Table -AutoSize -Wrap | Out-String -Width 4096", "\r\n".join(out), st
    out = "\r\n\r\n".join("Name  : %s\r\nValue : %s" % (k, v) for k, v in pairs)
    return "Get-ChildItem Env:%s* | Format-List" % pairs[0][0][:4], "\r\n" + out + "\r\n", st


def s_ipynb(kind, neg):
    if kind in ("ssn", "card", "iban"):
        hdr, rows, st = pii_rows(kind, neg, R.randint(2, 4))
        text = ["   " + "  ".join(hdr) + "\n"] + ["%d  %s\n" % (i, "  ".join(r)) for i, r in enumerate(rows)]
        html = ["<table border=\"1\" class=\"dataframe\">\n", "  <thead><tr><th></th>" + "".join("<th>%s</th>" % h for h in hdr) + "</tr></thead>\n"] + \
               ["    <tr><th>%d</th>%s</tr>\n" % (i, "".join("<td>%s</td>" % c for c in r)) for i, r in enumerate(rows)] + ["</table>"]
        cells = [{"cell_type": "code", "execution_count": 3, "metadata": {}, "source": ["df = pd.read_csv(\"data/export.csv\")\n", "df.head()"],
                  "outputs": [{"data": {"text/html": html, "text/plain": text}, "execution_count": 3, "metadata": {}, "output_type": "execute_result"}]}]
    else:
        pairs, st = cred_pair(kind, neg)
        src = ["import os\n"] + ["os.environ[%r] = %s\n" % (k, json.dumps(v)) for k, v in pairs] + ["client = make_client()"]
        cells = [{"cell_type": "code", "execution_count": 1, "metadata": {}, "source": src, "outputs": []},
                 {"cell_type": "code", "execution_count": 2, "metadata": {}, "source": ["print(os.environ[%r])" % pairs[-1][0]],
                  "outputs": [{"name": "stdout", "output_type": "stream", "text": [l + "\n" for l in pairs[-1][1].split("\n") if l]}]}]
    nb = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": ["# Exploration\n", "Scratch notebook."]}] + cells,
          "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}}, "nbformat": 4, "nbformat_minor": 5}
    return "cat notebooks/explore.ipynb", json.dumps(nb, indent=1, ensure_ascii=False), st


def ts():
    return "2025-10-14T%02d:%02d:%02d.%03dZ" % (R.randint(0, 23), R.randint(0, 59), R.randint(0, 59), R.randint(0, 999))


def s_jsonl(kind, neg):
    out = [json.dumps({"ts": ts(), "level": "info", "msg": "server started", "port": 8080})]
    if kind in ("ssn", "card", "iban"):
        hdr, rows, st = pii_rows(kind, neg, R.randint(1, 3))
        for r in rows:
            body = json.dumps(dict(zip(hdr, r)))
            out.append(json.dumps({"ts": ts(), "level": "debug", "msg": "request body", "path": "/v1/customers", "body": body}))
    else:
        pairs, st = cred_pair(kind, neg)
        for k, v in pairs:
            if "BEGIN" in v:
                out.append(json.dumps({"ts": ts(), "level": "debug", "msg": "loaded signing key", "key": v}))
            elif kind == "jwt":
                out.append(json.dumps({"ts": ts(), "level": "debug", "msg": "outgoing request", "headers": {"Authorization": "Bearer " + v, "Accept": "application/json"}}))
            else:
                out.append(json.dumps({"ts": ts(), "level": "debug", "msg": "config loaded", "config": json.dumps({k.lower(): v, "timeout": 30})}))
    out.append(json.dumps({"ts": ts(), "level": "info", "msg": "request completed", "status": 200, "trace_id": rs("0123456789abcdef", 32)}))
    return "tail -n 50 /var/log/api/app.jsonl", "\n".join(out), st


def s_syslog(kind, neg):
    host = R.choice(["ip-10-0-3-17", "web-02", "worker-7"])
    prog = R.choice(["api[%d]" % R.randint(100, 60000), "billing-worker[%d]" % R.randint(100, 60000)])
    if kind in ("ssn", "card", "iban"):
        hdr, rows, st = pii_rows(kind, neg, R.randint(2, 4))
        payload = ["validation failed for batch:"] + ["  " + ", ".join("%s=%s" % kv for kv in zip(hdr, r)) for r in rows]
    else:
        pairs, st = cred_pair(kind, neg)
        payload = ["dumping effective config:"]
        for k, v in pairs:
            vl = v.rstrip("\n").split("\n")
            payload += ["  %s=%s" % (k, vl[0])] + ["  " + x for x in vl[1:]]
    t0 = R.randint(0, 50)
    out = ["Oct 14 09:%02d:%02d %s %s: %s" % (t0, R.randint(0, 59), host, prog, l) for l in payload]
    return "sudo journalctl -u api --since today -o short --no-pager | tail -n 60" if R.random() < 0.5 else "sudo tail -n 60 /var/log/syslog", "\n".join(out), st


def s_stack(kind, neg):
    # connection strings / keys inside stack traces
    st = None
    if kind == "postgres" or kind is None:
        url, st = neg_token("postgres") if neg else (postgres_url(), None)
        if R.random() < 0.5:
            out = ("Traceback (most recent call last):\n  File \"/app/worker.py\", line 41, in <module>\n    engine.connect()\n  File \"/usr/local/lib/python3.12/site-packages/sqlalchemy/engine/base.py\", line 3278, in connect\n"
                   "    return self._connection_cls(self)\nsqlalchemy.exc.OperationalError: (psycopg2.OperationalError) connection to server at \"10.42.7.19\", port 5432 failed: timeout expired\n\n"
                   "(Background on this error at: https://sqlalche.me/e/20/e3q8)\nengine url: %s" % url)
        else:
            host = url.split("@")[-1].split("/")[0] if "@" in url else "localhost:5432"
            userpw = url.split("://", 1)[1].split("@")[0] if "@" in url else "app"
            u, _, p = userpw.partition(":")
            jdbc = "jdbc:postgresql://%s/orders?user=%s&password=%s" % (host, u, p or "")
            out = ("org.postgresql.util.PSQLException: Connection to %s refused. Check that the hostname and port are correct.\n\tat org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:342)\n"
                   "\tat org.postgresql.Driver.makeConnection(Driver.java:434)\n\tat com.zaxxer.hikari.pool.HikariPool.createPoolEntry(HikariPool.java:476)\n"
                   "Caused by: java.lang.IllegalStateException: Failed to obtain JDBC Connection for url=%s\n\tat com.acme.orders.Db.init(Db.java:58)\n\t... 12 more" % (host, jdbc))
        return "kubectl logs deploy/worker --tail=80", out, st
    pairs, st = cred_pair(kind, neg)
    k, v = pairs[-1]
    out = ("Traceback (most recent call last):\n  File \"/app/client.py\", line 88, in call\n    resp.raise_for_status()\n    ^^^^^^^^^^^^^^^^^^^^^^^\n"
           "    Locals:\n      url = 'https://api.partner.example/v2/charges'\n      %s = %r\n      retries = 3\n"
           "requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: https://api.partner.example/v2/charges" % (k.lower(), v))
    return "kubectl logs deploy/worker --tail=80", out, st


STRUCT = {
    "kubectl-secret-yaml": (s_kubectl_yaml, [k for k in KINDS if CAT[k] == "credential"]),
    "kubectl-describe": (s_kubectl_describe, TOKEN_KINDS + ["aws"]),
    "docker-inspect": (s_docker_inspect, TOKEN_KINDS + ["aws"]),
    "env-printenv": (s_env, TOKEN_KINDS + ["aws", "pem-rsa", "pem-openssh"]),
    "aws-cli": (s_aws, ["aws"]),
    "gcloud": (s_gcloud, ["pem-rsa", "stripe", "openai", "anthropic", "postgres", "github", "slack"]),
    "terraform-json": (s_terraform, ["aws", "postgres", "stripe", "github", "slack", "openai"]),
    "psql": (s_psql, ["ssn", "card", "iban"]),
    "mysql-box": (s_mysql, ["ssn", "card", "iban"]),
    "sqlite": (s_sqlite, ["ssn", "card", "iban"]),
    "pandas-repr": (s_pandas, ["ssn", "card", "iban"]),
    "excel-csv": (s_csv, ["ssn", "card", "iban"]),
    "jq-pretty": (s_jq, KINDS),
    "powershell": (s_powershell, TOKEN_KINDS + ["aws", "ssn", "card", "iban"]),
    "ipynb": (s_ipynb, TOKEN_KINDS + ["aws", "ssn", "card", "iban", "pem-ec"]),
    "jsonl-log": (s_jsonl, KINDS),
    "syslog-multiline": (s_syslog, KINDS),
    "stacktrace": (s_stack, ["postgres"] * 4 + ["stripe", "openai", "anthropic", "github", "jwt", "slack"]),
}
TABLE_FRAMINGS = {"psql", "mysql-box", "sqlite", "pandas-repr", "excel-csv"}

# ----------------------------------------------------------------- assemble
CASES = []


def add(cid, framing, kinds, api, target, headers, body, extra_tags=(), where=None):
    cats = sorted({CAT[k] for k in kinds})
    tags = ["rt:" + framing] + ["kind:" + k for k in kinds] + ["api:" + api] + list(extra_tags)
    c = {"id": cid, "target": target, "headers": headers, "body": json.dumps(body, ensure_ascii=False), "expect": {"categories": cats} if cats else {}, "tags": tags}
    if where:
        c["where"] = where
    CASES.append(c)


def rotate(lst, n):
    out = []
    while len(out) < n:
        l = list(lst)
        R.shuffle(l)
        out += l
    return out[:n]


def struct_api(framing):
    if framing == "ipynb":
        return R.choice(["anthropic", "openai-chat", "mcp-result", "gemini"])
    return pick_api()


def main():
    n = 0
    # --- file-based framings
    for fr, fn in FILE_FRAMINGS.items():
        apis = CALL_APIS.get(fr)
        kinds = rotate(KINDS, 14)
        if fr == "tmux-wrap":
            kinds = rotate(["anthropic", "openai", "stripe", "jwt", "postgres", "github", "pem-rsa", "aws", "card", "slack"], 12)
        for i, k in enumerate(kinds):
            f = make_file(k)
            api = pick_api(apis)
            extra = []
            if fr == "git-diff" and i % 3 == 2:
                tool, args, out = f_git_diff(f, api, remove=True)
                extra.append("diff:removes-secret")
            else:
                tool, args, out = fn(f, api if api in ENVS else "openai-responses")
            t, h, b = build(fr, tool, args, out, api)
            add("pos-%s-%02d" % (fr, i), fr, [k], api, t, h, b, extra, where="tool output/args, file %s" % f["path"])
        # negatives: same framing, placeholder/masked/example values + benign source
        nk = rotate(KINDS, 7)
        for i in range(10):
            if i < 7:
                f = make_file(nk[i], neg=True)
                st = f["neg_style"]
                kt = "kind:" + nk[i]
            else:
                f = benign_file()
                st, kt = f["neg_style"], "kind:none"
            api = pick_api(apis)
            if fr == "git-diff" and i % 2 == 0 and st not in ("hash", "source", "uuid"):
                tool, args, out = f_git_diff(f, api, remove=True)
                st = st + "+diff-removes"
            else:
                tool, args, out = fn(f, api if api in ENVS else "openai-responses")
            t, h, b = build(fr, tool, args, out, api)
            add("neg-%s-%02d" % (fr, i), fr, [], api, t, h, b, [kt.replace("kind:", "negkind:"), "neg:" + st])
    # --- structured framings
    for fr, (fn, ks) in STRUCT.items():
        npos = 14 if len(ks) > 3 else 10
        kinds = rotate(ks, npos)
        if fr == "aws-cli":
            kinds = ["aws"] * 10
        for i, k in enumerate(kinds):
            cmd, out, _ = fn(k, False)
            api = struct_api(fr)
            if fr == "excel-csv":
                tool, args = "read_excel_sheet", {"path": "finance/export.xlsx", "sheet": "Sheet1"}
            elif fr == "ipynb" and api in ("anthropic", "mcp-result"):
                tool, args = "Read", {"file_path": "/home/dev/repo/notebooks/explore.ipynb"}
            else:
                tool, args = shell_args(api, cmd)
            t, h, b = build(fr, tool, args, out, api)
            add("pos-%s-%02d" % (fr, i), fr, [k], api, t, h, b, where="tool output of: " + cmd[:60])
        nneg = 10
        nk = rotate(ks, nneg)
        for i in range(nneg):
            k = nk[i]
            if fr in TABLE_FRAMINGS and i >= 7:
                if fr == "pandas-repr" and i == 7:
                    cmd, out, st = fn(R.choice(["ssn", "card", "iban"]), False, hide=True)
                else:
                    cmd, out, st = fn("benign", True)
                k = "none"
            else:
                cmd, out, st = fn(k, True)
            api = struct_api(fr)
            if fr == "excel-csv":
                tool, args = "read_excel_sheet", {"path": "finance/export.xlsx", "sheet": "Sheet1"}
            else:
                tool, args = shell_args(api, cmd)
            t, h, b = build(fr, tool, args, out, api)
            add("neg-%s-%02d" % (fr, i), fr, [], api, t, h, b, ["negkind:" + k, "neg:" + str(st)])
    # sanity: no "neg" case contains a generated positive value -- enforced by construction
    with open(os.path.join(HERE, "manifest.jsonl"), "w") as fh:
        for c in CASES:
            fh.write(json.dumps(c, ensure_ascii=False) + "\n")
    pos = sum(1 for c in CASES if c["expect"])
    print("cases %d: %d positive, %d negative" % (len(CASES), pos, len(CASES) - pos))


if __name__ == "__main__":
    main()
