#!/usr/bin/env python3
"""rt33 agent-transcript corpus generator (synthetic values only)."""
import base64, hashlib, hmac, json, os, random, string, zlib, uuid

R = random.Random(3307)
HERE = os.path.dirname(os.path.abspath(__file__))
B62 = string.digits + string.ascii_letters
ANT = "https://api.anthropic.com/v1/messages"
OAI = "https://api.openai.com/v1/chat/completions"
RESP = "https://api.openai.com/v1/responses"
GEM = "https://generativelanguage.googleapis.com/v1beta/models/gemini-1.5-pro:generateContent"
BED = "https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-5-sonnet-20240620-v1:0/converse"
MCP = "https://mcp.example-tools.dev/mcp"

def rs(n, alpha=B62): return "".join(R.choice(alpha) for _ in range(n))
def hexs(n): return rs(n, "0123456789abcdef")

# ---------------- synthetic secrets ----------------
def b62enc(n, width):
    s = ""
    while n: n, r = divmod(n, 62); s = B62[r] + s
    return s.rjust(width, "0")
def ghp(prefix="ghp_"):
    body = rs(30)
    return prefix + body + b62enc(zlib.crc32(body.encode()) & 0xffffffff, 6)
def aws_pair():
    return "AKIA" + rs(16, string.ascii_uppercase + "234567"), rs(40, string.ascii_letters + string.digits + "/+")
def stripe(): return "sk_live_" + rs(24)
def stripe_rk(): return "rk_live_" + rs(24)
def slack(): return "xoxb-%d-%d-%s" % (R.randint(10**10, 10**11), R.randint(10**11, 10**12), rs(24))
def slack_hook(): return "https://hooks.slack.com/services/T%s/B%s/%s" % (rs(8, string.ascii_uppercase+string.digits), rs(9, string.ascii_uppercase+string.digits), rs(24))
def openai_key(): return "sk-proj-" + rs(48, B62 + "-_") + "T3BlbkFJ" + rs(20)
def anthropic_key(): return "sk-ant-api03-" + rs(93, B62 + "-_") + "AA"
def google_key(): return "AIza" + rs(35, B62 + "-_")
def gitlab(): return "glpat-" + rs(20, B62 + "-_")
def npm_tok(): return "npm_" + rs(36)
def sendgrid(): return "SG." + rs(22, B62 + "-_") + "." + rs(43, B62 + "-_")
def twilio(): return "SK" + hexs(32)
def b64u(b): return base64.urlsafe_b64encode(b).rstrip(b"=").decode()
def jwt(claims=None, key=None):
    h = b64u(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    c = claims or {"sub": str(uuid.UUID(int=R.getrandbits(128))), "iss": "https://auth.internal-corp.io", "aud": "api", "iat": 1796000000, "exp": 1796086400, "scope": "admin write"}
    p = b64u(json.dumps(c).encode())
    s = b64u(hmac.new((key or rs(32)).encode(), (h + "." + p).encode(), hashlib.sha256).digest())
    return h + "." + p + "." + s
def pem_key(kind="RSA PRIVATE KEY", nbytes=1190):
    b = base64.b64encode(bytes(R.getrandbits(8) for _ in range(nbytes))).decode()
    if kind == "RSA PRIVATE KEY": b = "MIIEpAIBAAKCAQEA" + b[16:]
    lines = [b[i:i+64] for i in range(0, len(b), 64)]
    return "-----BEGIN %s-----\n%s\n-----END %s-----" % (kind, "\n".join(lines), kind)
def pw(): return rs(6, string.ascii_letters) + rs(4, string.digits) + R.choice("!#%&*") + rs(5)
def dsn(scheme="postgresql", host="db-prod-01.internal"): return "%s://app_user:%s@%s:5432/orders" % (scheme, pw(), host)

def luhn_complete(prefix, length):
    d = [int(x) for x in prefix] + [R.randint(0, 9) for _ in range(length - len(prefix) - 1)]
    s = 0
    for i, x in enumerate(reversed(d)):
        if i % 2 == 0:
            x *= 2
            if x > 9: x -= 9
        s += x
    return "".join(map(str, d)) + str((10 - s % 10) % 10)
def card(kind=None):
    kind = kind or R.choice(["visa", "mc", "amex"])
    if kind == "visa": return luhn_complete("4" + str(R.randint(10000, 99999)), 16)
    if kind == "mc": return luhn_complete("5" + str(R.randint(1, 5)), 16)
    return luhn_complete(R.choice(["34", "37"]), 15)
def fmt_card(c, sep=" "):
    if len(c) == 15: return c[:4] + sep + c[4:10] + sep + c[10:]
    return sep.join(c[i:i+4] for i in range(0, 16, 4))
def ssn():
    while True:
        a = R.randint(1, 899)
        if a != 666: break
    return "%03d-%02d-%04d" % (a, R.randint(1, 99), R.randint(1, 9999))
def iban(cc="DE", bban=None):
    bban = bban or "".join(str(R.randint(0, 9)) for _ in range(18))
    conv = "".join(str(int(ch, 36)) for ch in bban + cc + "00")
    chk = 98 - int(conv) % 97
    return "%s%02d%s" % (cc, chk, bban)
def fmt_iban(i): return " ".join(i[k:k+4] for k in range(0, len(i), 4))
FIRST = ["Maria", "James", "Aisha", "Kenji", "Lucia", "Tomasz", "Priya", "Olumide", "Sven", "Chloe", "Diego", "Hannah"]
LAST = ["Okafor", "Lindqvist", "Moreau", "Tanaka", "Kowalski", "Haddad", "Fernandes", "Whitaker", "Nguyen", "Brennan"]
def person():
    f, l = R.choice(FIRST), R.choice(LAST)
    return {"name": f + " " + l, "email": "%s.%s%d@%s" % (f.lower(), l.lower(), R.randint(1, 99), R.choice(["gmail.com", "outlook.com", "yahoo.com", "proton.me"])),
            "phone": "(%03d) %03d-%04d" % (R.randint(201, 989), R.randint(200, 989), R.randint(0, 9999)),
            "dob": "19%02d-%02d-%02d" % (R.randint(50, 99), R.randint(1, 12), R.randint(1, 28)),
            "addr": "%d %s St, %s" % (R.randint(10, 9999), R.choice(["Maple", "Oak", "Cedar", "Elm", "Birch"]), R.choice(["Columbus, OH 43215", "Austin, TX 78701", "Portland, OR 97205"]))}

# ---------------- API envelopes ----------------
SYS = "You are Claude Code, Anthropic's official CLI for Claude. You help users with software engineering tasks in the user's repository."
def tid(): return "toolu_01" + rs(22)
def cid(): return "call_" + rs(24)

def filler_turns(n):
    """benign prior conversation turns (anthropic shape)"""
    msgs = []
    for i in range(n):
        t = tid()
        f = R.choice(["src/app.py", "src/utils/date.ts", "README.md", "package.json", "tests/test_api.py"])
        msgs.append({"role": "assistant", "content": [{"type": "text", "text": "Let me look at %s." % f}, {"type": "tool_use", "id": t, "name": "Read", "input": {"file_path": "/home/dev/proj/" + f}}]})
        msgs.append({"role": "user", "content": [{"type": "tool_result", "tool_use_id": t, "content": benign_file(f)}]})
    return msgs

def ant_tool_result(text, cmd="cat .env", tool="Bash", prior=0, tail=0, as_array=False):
    t = tid()
    msgs = [{"role": "user", "content": "Can you figure out why the service fails to start locally?"}]
    msgs += filler_turns(prior)
    msgs.append({"role": "assistant", "content": [{"type": "text", "text": "I'll check."}, {"type": "tool_use", "id": t, "name": tool, "input": {"command": cmd, "description": "inspect"}}]})
    content = [{"type": "text", "text": text}] if as_array else text
    msgs.append({"role": "user", "content": [{"type": "tool_result", "tool_use_id": t, "content": content, "is_error": False}]})
    if tail:
        msgs += filler_turns(tail)
        msgs.append({"role": "user", "content": "ok continue"})
    return ANT, {"model": "claude-sonnet-4-5", "max_tokens": 8192, "system": [{"type": "text", "text": SYS, "cache_control": {"type": "ephemeral"}}], "messages": msgs, "tools": TOOLS_ANT, "stream": True}

TOOLS_ANT = [{"name": "Bash", "description": "Executes a bash command", "input_schema": {"type": "object", "properties": {"command": {"type": "string"}, "description": {"type": "string"}}, "required": ["command"]}},
             {"name": "Read", "description": "Reads a file", "input_schema": {"type": "object", "properties": {"file_path": {"type": "string"}}, "required": ["file_path"]}},
             {"name": "Edit", "description": "Edits a file", "input_schema": {"type": "object", "properties": {"file_path": {"type": "string"}, "old_string": {"type": "string"}, "new_string": {"type": "string"}}}}]

def ant_tool_use_input(inp, name="Edit"):
    t = tid()
    return ANT, {"model": "claude-sonnet-4-5", "max_tokens": 4096, "messages": [
        {"role": "user", "content": "update the config"},
        {"role": "assistant", "content": [{"type": "tool_use", "id": t, "name": name, "input": inp}]},
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": t, "content": "The file has been updated."}]}], "tools": TOOLS_ANT}

def ant_text(text, system=None):
    b = {"model": "claude-opus-4-1", "max_tokens": 2048, "messages": [{"role": "user", "content": [{"type": "text", "text": text}]}]}
    if system: b["system"] = system
    return ANT, b

def ant_document(data_b64, media="application/pdf", title="report.pdf"):
    return ANT, {"model": "claude-sonnet-4-5", "max_tokens": 2048, "messages": [{"role": "user", "content": [
        {"type": "document", "source": {"type": "base64", "media_type": media, "data": data_b64}, "title": title},
        {"type": "text", "text": "Summarize this document."}]}]}

def ant_document_text(text):
    return ANT, {"model": "claude-sonnet-4-5", "max_tokens": 2048, "messages": [{"role": "user", "content": [
        {"type": "document", "source": {"type": "text", "media_type": "text/plain", "data": text}, "title": "notes.txt", "citations": {"enabled": True}},
        {"type": "text", "text": "What does this say?"}]}]}

def oai_tool_msg(text, fn="run_shell", cmd="cat .env"):
    c = cid()
    return OAI, {"model": "gpt-4.1", "messages": [
        {"role": "system", "content": "You are a coding agent running in the user's terminal."},
        {"role": "user", "content": "debug the deploy"},
        {"role": "assistant", "content": None, "tool_calls": [{"id": c, "type": "function", "function": {"name": fn, "arguments": json.dumps({"cmd": cmd})}}]},
        {"role": "tool", "tool_call_id": c, "content": text}], "tools": [{"type": "function", "function": {"name": fn, "parameters": {"type": "object", "properties": {"cmd": {"type": "string"}}}}}]}

def oai_tool_call_args(args, fn="write_file"):
    c = cid()
    return OAI, {"model": "gpt-4o", "messages": [
        {"role": "user", "content": "write the deployment config"},
        {"role": "assistant", "content": None, "tool_calls": [{"id": c, "type": "function", "function": {"name": fn, "arguments": json.dumps(args)}}]},
        {"role": "tool", "tool_call_id": c, "content": "ok"}]}

def resp_fco(text):
    c = cid()
    return RESP, {"model": "gpt-5-codex", "input": [
        {"type": "message", "role": "user", "content": [{"type": "input_text", "text": "why is CI red?"}]},
        {"type": "function_call", "call_id": c, "name": "shell", "arguments": json.dumps({"command": ["bash", "-lc", "cat ci.log"]})},
        {"type": "function_call_output", "call_id": c, "output": json.dumps({"output": text, "metadata": {"exit_code": 0, "duration_seconds": 0.4}})}], "store": False, "stream": True}

def resp_input_file(text, name="config.txt"):
    return RESP, {"model": "gpt-4.1", "input": [{"role": "user", "content": [
        {"type": "input_file", "filename": name, "file_data": "data:text/plain;base64," + base64.b64encode(text.encode()).decode()},
        {"type": "input_text", "text": "review this file"}]}]}

def gem_fr(obj):
    return GEM, {"contents": [{"role": "user", "parts": [{"text": "check the server env"}]},
                              {"role": "model", "parts": [{"functionCall": {"name": "read_env", "args": {"path": "/srv/app"}}}]},
                              {"role": "function", "parts": [{"functionResponse": {"name": "read_env", "response": obj}}]}]}

def gem_inline(text, mime="text/plain"):
    return GEM, {"contents": [{"role": "user", "parts": [{"inlineData": {"mimeType": mime, "data": base64.b64encode(text.encode() if isinstance(text, str) else text).decode()}}, {"text": "what's wrong with this?"}]}]}

def bed_tr(text, as_json=False):
    c = "tooluse_" + rs(22)
    content = [{"json": {"stdout": text, "exitCode": 0}}] if as_json else [{"text": text}]
    return BED, {"messages": [{"role": "user", "content": [{"text": "investigate the outage"}]},
                              {"role": "assistant", "content": [{"toolUse": {"toolUseId": c, "name": "shell", "input": {"cmd": "kubectl logs api-0"}}}]},
                              {"role": "user", "content": [{"toolResult": {"toolUseId": c, "content": content, "status": "success"}}]}],
                 "inferenceConfig": {"maxTokens": 2048}}

def mcp_call(args, name="create_issue"):
    return MCP, {"jsonrpc": "2.0", "id": R.randint(1, 999), "method": "tools/call", "params": {"name": name, "arguments": args}}

def mcp_resource_result(text, uri="file:///srv/app/.env"):
    return MCP, {"jsonrpc": "2.0", "id": R.randint(1, 999), "result": {"contents": [{"uri": uri, "mimeType": "text/plain", "text": text}]}}

def mcp_tool_result(text):
    return MCP, {"jsonrpc": "2.0", "id": R.randint(1, 999), "result": {"content": [{"type": "text", "text": text}], "isError": False}}

SHAPES = [
    lambda t: ant_tool_result(t),
    lambda t: ant_tool_result(t, as_array=True, prior=2),
    lambda t: oai_tool_msg(t),
    lambda t: resp_fco(t),
    lambda t: gem_fr({"content": t}),
    lambda t: bed_tr(t),
    lambda t: bed_tr(t, as_json=True),
    lambda t: mcp_resource_result(t),
    lambda t: mcp_tool_result(t),
    lambda t: ant_document_text(t),
]
def any_shape(t): return R.choice(SHAPES)(t)

# ---------------- benign material ----------------
def benign_file(f):
    if f.endswith(".py"):
        return "import datetime\n\n\ndef parse_date(s: str) -> datetime.date:\n    \"\"\"Parse ISO date.\"\"\"\n    return datetime.date.fromisoformat(s)\n\n\ndef test_parse():\n    assert parse_date('2024-02-29').day == 29\n"
    if f.endswith(".ts"):
        return "export function fmt(d: Date): string {\n  return d.toISOString().slice(0, 10);\n}\n"
    if f.endswith(".json"):
        return json.dumps({"name": "web", "version": "2.3.1", "scripts": {"test": "vitest", "build": "vite build"}, "dependencies": {"react": "^18.3.1", "zod": "^3.23.8"}}, indent=2)
    return "# Project\n\nRun `make dev` and open http://localhost:3000.\n"

def sha(): return hashlib.sha1(rs(20).encode()).hexdigest()
def sha256(): return hashlib.sha256(rs(20).encode()).hexdigest()
def uid(): return str(uuid.UUID(int=R.getrandbits(128), version=4))

def long_session_text(n=40):
    out = []
    for i in range(n):
        k = R.randint(0, 6)
        if k == 0: out.append("commit %s\nAuthor: Dev Bot <dev-bot@users.noreply.github.com>\nDate:   Tue Nov 3 10:%02d:11 2026 +0000\n\n    fix: handle empty cursor (#%d)\n" % (sha(), i % 60, R.randint(100, 9999)))
        elif k == 1: out.append("PASSED tests/test_api.py::test_list_orders[%s] in 0.%02ds" % (uid()[:8], R.randint(1, 99)))
        elif k == 2: out.append("INFO  request_id=%s trace_id=%s span_id=%s status=200 latency_ms=%d" % (uid(), hexs(32), hexs(16), R.randint(3, 900)))
        elif k == 3: out.append("  File \"/usr/lib/python3.12/site-packages/httpx/_client.py\", line %d, in send\n    response = self._send_handling_auth(" % R.randint(100, 1800))
        elif k == 4: out.append("pod/api-%s-%s   1/1   Running   0   %dd" % (hexs(10), rs(5, string.ascii_lowercase + string.digits), R.randint(1, 40)))
        elif k == 5: out.append("sha256:%s  dist/app-%d.%d.%d.tar.gz" % (sha256(), R.randint(0, 4), R.randint(0, 20), R.randint(0, 9)))
        else: out.append("@@ -%d,7 +%d,8 @@ def handler(event):\n-    items = fetch(limit=10)\n+    items = fetch(limit=page_size)\n+    log.debug('fetched %%d', len(items))" % (i * 10, i * 10))
    return "\n".join(out)

# ---------------- case collection ----------------
GROUP = {}
for _g, _m in {'env-dumps': 'cat-env printenv-ghp docker-inspect netrc pkg-rc-token docker-config-auth', 'shell-history': 'shell-history ps-encodedcommand', 'git-diff': 'gitdiff-secret diff-removed-secret ansi-color', 'k8s-objects': 'k8s-secret-yaml helm-release kubeconfig-raw', 'iac-state': 'tfstate tfstate-secret-string', 'dsn-in-logs': 'stacktrace-dsn spring-yaml-password php-dsn-control', 'customer-pii': 'customers-csv sql-ssn ssn-unformatted ssn-spaces patient-note mcp-args-pii', 'payment-text': 'email-card gateway-log-card card-dot-sep card-unicode-space payroll-iban', 'deep-transcript': 'deep-transcript oai-40th-msg', 'long-output': 'long-output-head long-output-tail', 'escaped-text': 'double-escaped json-unicode-escape py-bytes-repr html-escaped percent-encoded', 'key-files': 'pem-private-key mcp-resource-secret gcp-sa-json multipart-keyfile', 'attachments': 'b64-attachment oai-file-part xlsx-attachment docx-attachment pdf-doc-ssn gzip-body', 'tool-call-args': 'oai-toolcall-args ant-tooluse-edit', 'structured-tool-results': 'gemini-fr-nested bedrock-json-sts', 'sse-stream': 'sse-deltas sse-partial-json', 'http-trace': 'curl-v-jwt curl-v-opaque-bearer urlparam-key', 'neg-long-session': 'neg-long-session neg-deep-benign neg-ansi-test-output', 'neg-lockfiles': 'neg-npm-lock neg-go-sum neg-lockfiles-misc neg-docker-digest', 'neg-minified': 'neg-minified-js neg-sourcemap neg-high-entropy-code', 'neg-binary-attachments': 'neg-b64-image neg-multipart-binary neg-gzip-benign neg-pdf-benign neg-xxd-binary', 'neg-ids-hashes': 'neg-ids-hashes neg-api-ids neg-chain-hashes neg-cloud-ids', 'neg-jwt-fixtures': 'neg-jwt-example neg-jwt-test-fixture', 'neg-placeholders': 'neg-placeholder-env neg-masked-keys neg-redacted-logs neg-ci-masked neg-kubectl-describe neg-dsn-placeholder', 'neg-docs': 'neg-docs-formats neg-aws-doc-example neg-test-cards neg-ssn-placeholder neg-i18n', 'neg-doc-ibans': 'neg-iban-docs neg-doc-test-payments', 'neg-public-keys': 'neg-public-keys neg-kubeconfig-exec', 'neg-business-data': 'neg-business-ids neg-store-phones neg-product-csv neg-sql-orders neg-numeric-columns neg-versions-dates', 'neg-code': 'neg-oss-code neg-gitdiff-clean neg-env-reads neg-stopwords', 'neg-tool-results': 'neg-notebook neg-tfstate-clean neg-structured-benign neg-mcp-benign neg-helm-benign neg-har-benign neg-php-log neg-std-infra-hosts', 'neg-people-nonsensitive': 'neg-git-authors neg-git-shortlog neg-email-release', 'neg-reasoning-blobs': 'neg-thinking-signature neg-reasoning-encrypted neg-sse-deltas'}.items():
    for _c in _m.split(): GROUP[_c] = _g
GROUP.update({'name-value-ecs': 'name-value-pairs', 'name-value-k8s-env': 'name-value-pairs', 'name-value-ssm': 'name-value-pairs', 'har-variants': 'har-auth-header', 'neg-masked-dsn-variants': 'neg-stacktrace-clean', 'huge-body-tail': 'long-output', 'neg-huge-body': 'neg-long-session', 'contact-list-pii': 'customer-pii'})
cases = []
counter = {}
def add(cls, pos, shape, cats=None, where=None):
    target, body = shape
    counter[cls] = counter.get(cls, 0) + 1
    c = {"id": "%s-%s-%03d" % ("p" if pos else "n", cls, counter[cls]), "method": "POST", "target": target,
         "headers": {"Content-Type": "application/json"}, "body": body if isinstance(body, str) else json.dumps(body),
         "expect": {"categories": cats} if pos else {}, "tags": ["rt:" + GROUP.get(cls, cls), "pos" if pos else "neg"]}
    if where: c["where"] = where
    cases.append(c)

def add_raw(cls, pos, raw_bytes, cats=None):
    counter[cls] = counter.get(cls, 0) + 1
    i = "%s-%s-%03d" % ("p" if pos else "n", cls, counter[cls])
    os.makedirs(os.path.join(HERE, "req"), exist_ok=True)
    with open(os.path.join(HERE, "req", i + ".http"), "wb") as fh: fh.write(raw_bytes)
    cases.append({"id": i, "request": "req/" + i + ".http", "expect": {"categories": cats} if pos else {}, "tags": ["rt:" + GROUP.get(cls, cls), "pos" if pos else "neg"]})

CRED = ["credential"]; PII = ["pii"]; FIN = ["financial"]; SRC = ["source-code"]

# ======================= POSITIVES =======================
def env_file():
    ak, sk = aws_pair()
    return "\n".join(["# local dev", "NODE_ENV=development", "PORT=3000", "DATABASE_URL=" + dsn(), "AWS_ACCESS_KEY_ID=" + ak, "AWS_SECRET_ACCESS_KEY=" + sk,
                      "STRIPE_SECRET_KEY=" + stripe(), "LOG_LEVEL=debug"])
# 1 cat .env in various shapes
for i in range(10): add("cat-env", True, SHAPES[i % len(SHAPES)](env_file()), CRED)
# 2 printenv single GitHub token among many env vars
for i in range(6):
    env = ["PATH=/usr/local/bin:/usr/bin", "HOME=/home/runner", "SHELL=/bin/bash", "TERM=xterm-256color", "LANG=C.UTF-8", "HOSTNAME=" + hexs(12)]
    env.insert(R.randint(0, len(env)), "GITHUB_TOKEN=" + ghp())
    add("printenv-ghp", True, any_shape("\n".join(env)), CRED)
# 3 git diff adding secret
for i in range(6):
    k = R.choice([slack(), stripe(), openai_key(), anthropic_key()])
    d = "diff --git a/config/settings.py b/config/settings.py\nindex %s..%s 100644\n--- a/config/settings.py\n+++ b/config/settings.py\n@@ -12,6 +12,7 @@ DEBUG = False\n ALLOWED_HOSTS = ['*']\n-API_TOKEN = os.environ['API_TOKEN']\n+API_TOKEN = '%s'\n TIMEOUT = 30\n" % (hexs(7), hexs(7), k)
    add("gitdiff-secret", True, any_shape(d), CRED)
# 4 kubectl get secret -o yaml (base64 values)
for i in range(6):
    p = dsn(); ak, sk = aws_pair()
    y = "apiVersion: v1\ndata:\n  DATABASE_URL: %s\n  AWS_SECRET_ACCESS_KEY: %s\n  AWS_ACCESS_KEY_ID: %s\nkind: Secret\nmetadata:\n  name: api-secrets\n  namespace: prod\ntype: Opaque\n" % (base64.b64encode(p.encode()).decode(), base64.b64encode(sk.encode()).decode(), base64.b64encode(ak.encode()).decode())
    add("k8s-secret-yaml", True, any_shape(y), CRED)
# 5 docker inspect env arrays
for i in range(5):
    env = ["PATH=/usr/local/sbin:/usr/local/bin", "POSTGRES_PASSWORD=" + pw(), "SENTRY_DSN=https://%s@o%d.ingest.sentry.io/%d" % (hexs(32), R.randint(10**5, 10**6), R.randint(10**6, 10**7)), "SLACK_BOT_TOKEN=" + slack()]
    obj = [{"Id": sha256(), "Created": "2026-11-30T12:01:02.12Z", "Config": {"Hostname": hexs(12), "Env": env, "Image": "registry.internal/api:1.4.2"}}]
    add("docker-inspect", True, any_shape(json.dumps(obj, indent=4)), CRED)
# 6 shell history
for i in range(5):
    h = ["cd ~/work/api", "git pull", "make test", "export OPENAI_API_KEY=%s" % openai_key(), "python scripts/eval.py --n 50", "ls -la"]
    if i % 2: h[3] = "curl -H 'Authorization: Bearer %s' https://api.github.com/user" % ghp()
    add("shell-history", True, ant_tool_result("\n".join(h), cmd="cat ~/.bash_history | tail -50"), CRED)
# 7 CI logs with masked + one unmasked token
for i in range(6):
    log = ["2026-11-30T10:00:0%dZ ##[group]Run actions/checkout@v4" % i, "  token: ***", "##[endgroup]", "Run npm ci", "npm notice using registry https://registry.npmjs.org/",
           "+ echo //registry.npmjs.org/:_authToken=%s > .npmrc" % npm_tok(), "added 1204 packages in 31s", "Error: Process completed with exit code 1."]
    if i % 2: log[5] = "+ docker login -u deploy -p %s registry.gitlab.com" % gitlab()
    add("ci-log-unmasked", True, resp_fco("\n".join(log)), CRED)
# 8 terraform state JSON
for i in range(5):
    ak, sk = aws_pair()
    st = {"version": 4, "terraform_version": "1.9.5", "serial": 42, "lineage": uid(), "resources": [{"mode": "managed", "type": "aws_iam_access_key", "name": "ci", "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
          "instances": [{"schema_version": 0, "attributes": {"id": ak, "secret": sk, "status": "Active", "user": "ci-deployer", "ses_smtp_password_v4": rs(44)}}]},
          {"mode": "managed", "type": "aws_db_instance", "name": "main", "instances": [{"attributes": {"password": pw(), "username": "admin", "endpoint": "main.cxyz.us-east-1.rds.amazonaws.com:5432"}}]}]}
    add("tfstate", True, any_shape(json.dumps(st, indent=2)), CRED)
# 9 jupyter notebook with output showing key
for i in range(5):
    k = R.choice([openai_key(), anthropic_key(), google_key()])
    nb = {"cells": [{"cell_type": "code", "execution_count": 3, "metadata": {}, "source": ["import os\n", "os.environ['LLM_KEY']"], "outputs": [{"output_type": "execute_result", "data": {"text/plain": ["'%s'" % k]}, "execution_count": 3, "metadata": {}}]}], "metadata": {"kernelspec": {"name": "python3"}}, "nbformat": 4, "nbformat_minor": 5}
    add("notebook-output", True, ant_tool_result(json.dumps(nb, indent=1), tool="Read", cmd="analysis.ipynb"), CRED)
# 10 stack trace with DSN
for i in range(5):
    st = "Traceback (most recent call last):\n  File \"/app/db.py\", line 22, in connect\n    engine = create_engine(url)\nsqlalchemy.exc.OperationalError: (psycopg2.OperationalError) could not connect to server\n[SQL: connect]\n(Background on this error at: https://sqlalche.me/e/20/e3q8)\nurl=%s" % dsn(R.choice(["postgresql", "mysql", "mongodb+srv"]))
    add("stacktrace-dsn", True, any_shape(st), CRED)
# 11 CSV of customers (PII)
for i in range(6):
    rows = ["customer_id,name,email,phone,ssn,dob"]
    for j in range(8):
        p = person(); rows.append("%d,%s,%s,%s,%s,%s" % (10000 + j, p["name"], p["email"], p["phone"], ssn(), p["dob"]))
    add("customers-csv", True, any_shape("\n".join(rows)), PII)
# 12 SQL result with SSNs (psql table)
for i in range(6):
    rows = [" id |      name       |     ssn     | state", "----+-----------------+-------------+-------"]
    for j in range(5):
        p = person(); rows.append(" %2d | %-15s | %s | OH" % (j + 1, p["name"], ssn()))
    rows.append("(5 rows)")
    add("sql-ssn", True, R.choice([lambda t: ant_tool_result(t, cmd="psql -c 'select * from patients limit 5'"), lambda t: bed_tr(t), lambda t: oai_tool_msg(t, cmd="psql")])("\n".join(rows)), PII)
# 13 email thread with card number
for i in range(6):
    p = person(); c = card()
    em = "From: %s <%s>\nTo: billing@acme-widgets.com\nSubject: Re: failed payment\n\nHi, please retry with my other card %s exp %02d/%d CVV %03d.\nThanks,\n%s\n\n> On Mon, billing wrote:\n> Your payment was declined." % (p["name"], p["email"], fmt_card(c, R.choice([" ", "-", ""])), R.randint(1, 12), R.randint(27, 31), R.randint(100, 999), p["name"])
    add("email-card", True, any_shape(em), FIN)
# 14 OCR of screenshot text
for i in range(5):
    p = person(); c = card("visa")
    ocr = "[OCR of screenshot.png]\nCheckout\nName on card  %s\nCard number   %s\nExpiry  %02d/%d   CVC ***\nPay $129.00" % (p["name"].upper(), fmt_card(c), R.randint(1, 12), R.randint(27, 30))
    add("ocr-card", True, ant_text(ocr), FIN)
# 15 code review comment quoting a key
for i in range(5):
    k = R.choice([ghp(), stripe(), sendgrid(), aws_pair()[0]])
    rc = {"path": "deploy/values.yaml", "line": 14, "body": "nit: this should come from the vault, not be hardcoded: `%s`" % k, "user": {"login": "reviewer-2"}}
    add("review-comment", True, mcp_call({"owner": "acme", "repo": "api", "pull_number": 812, "comments": [rc]}, name="github_create_review"), CRED)
# 16 secret deep in long transcript (40th message)
for i in range(6):
    k = ghp() if i % 2 else aws_pair()
    line = ("export GH_TOKEN=" + k) if i % 2 else ("aws_access_key_id = %s\naws_secret_access_key = %s" % k)
    add("deep-transcript", True, ant_tool_result("[default]\n" + line if not i % 2 else line, cmd="cat ~/.aws/credentials", prior=20, tail=R.choice([0, 8])), CRED, where="message ~42")
# 17 secret at end of very long tool output
for i in range(5):
    t = long_session_text(400) + "\nexport STRIPE_KEY=" + stripe()
    add("long-output-tail", True, any_shape(t), CRED)
# 18 secret at start of long output
for i in range(4):
    t = "ANTHROPIC_API_KEY=" + anthropic_key() + "\n" + long_session_text(400)
    add("long-output-head", True, any_shape(t), CRED)
# 19 double JSON escaped
for i in range(6):
    inner = json.dumps({"stdout": json.dumps({"env": {"SLACK_TOKEN": slack(), "GITHUB_TOKEN": ghp()}}), "stderr": ""})
    add("double-escaped", True, any_shape(inner), CRED)
# 20 markdown code fence in assistant/user text
for i in range(5):
    t = "Here is my config, why does auth fail?\n\n```yaml\nstripe:\n  secret_key: %s\n  webhook_secret: whsec_%s\n```\n" % (stripe(), rs(32))
    add("md-fence", True, ant_text(t), CRED)
# 21 line-wrapped at 80 columns (PEM key and long token)
for i in range(5):
    t = "cat deploy/id_rsa\n" + pem_key(R.choice(["RSA PRIVATE KEY", "OPENSSH PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY"]))
    add("pem-private-key", True, any_shape(t), CRED)
for i in range(4):
    k = anthropic_key(); wrapped = "\n".join(("ANTHROPIC_API_KEY=" + k)[j:j+80] for j in range(0, len(k) + 18, 80))
    add("wrapped-80col", True, any_shape("$ cat .env | fold -w 80\n" + wrapped), CRED)
# 22 base64 attachment (text file)
for i in range(5):
    add("b64-attachment", True, R.choice([lambda t: gem_inline(t), lambda t: resp_input_file(t), lambda t: ant_document(base64.b64encode(t.encode()).decode(), media="text/plain", title="env.txt")])(env_file()), CRED)
# 23 PDF document blocks
def pdf(text, compress=False):
    stream = ("BT /F1 10 Tf 50 750 Td (%s) Tj ET" % text.replace("(", "\\(").replace(")", "\\)")).encode()
    filt = b""
    if compress: stream = zlib.compress(stream); filt = b"/Filter /FlateDecode "
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< " + filt + b"/Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = b"%PDF-1.4\n"; offs = []
    for n, o in enumerate(objs, 1):
        offs.append(len(out)); out += b"%d 0 obj\n" % n + o + b"\nendobj\n"
    x = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offs)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
    return out
for i in range(6):
    p = person()
    txt = "Employee: %s SSN: %s DOB: %s" % (p["name"], ssn(), p["dob"])
    add("pdf-doc-ssn", True, ant_document(base64.b64encode(pdf(txt, compress=bool(i % 2))).decode()), PII)
# 24 system prompt containing key
for i in range(4):
    s = "You are the support bot. Use the internal API with header X-Api-Key: %s . Never reveal it." % R.choice([openai_key(), sendgrid(), twilio()])
    add("system-prompt-key", True, ant_text("How do I reset my password?", system=s), CRED)
# 25 OpenAI tool_calls arguments
for i in range(6):
    args = {"path": ".github/workflows/deploy.yml", "content": "env:\n  AWS_ACCESS_KEY_ID: %s\n  AWS_SECRET_ACCESS_KEY: %s\n" % aws_pair()}
    if i % 2: args = {"path": "scripts/notify.sh", "content": "curl -X POST -d '{\"text\":\"done\"}' %s" % slack_hook()}
    add("oai-toolcall-args", True, oai_tool_call_args(args), CRED)
# 26 Anthropic tool_use Edit input
for i in range(5):
    add("ant-tooluse-edit", True, ant_tool_use_input({"file_path": "/repo/.env.production", "old_string": "JWT_SECRET=", "new_string": "JWT_SECRET=%s\nADMIN_TOKEN=%s" % (rs(48), jwt())}), CRED)
# 27 Gemini functionResponse nested
for i in range(5):
    obj = {"result": {"files": [{"path": "/srv/app/config/prod.json", "json": {"db": {"host": "10.0.3.4", "password": pw()}, "integrations": {"github": {"token": ghp()}}}}]}}
    add("gemini-fr-nested", True, gem_fr(obj), CRED)
# 28 MCP tools/call args with PII
for i in range(5):
    p = person()
    add("mcp-args-pii", True, mcp_call({"title": "Refund for %s" % p["name"], "body": "Customer %s, SSN %s, phone %s, email %s asked for a refund." % (p["name"], ssn(), p["phone"], p["email"])}), PII)
# 29 MCP resources/read returning ~/.ssh or credentials
for i in range(5):
    add("mcp-resource-secret", True, mcp_resource_result(R.choice(["[default]\naws_access_key_id = %s\naws_secret_access_key = %s\n" % aws_pair(), pem_key("OPENSSH PRIVATE KEY", 400)]), uri="file:///home/dev/.aws/credentials"), CRED)
# 30 SSE-like streaming deltas concatenated (assistant text pieces replayed)
for i in range(5):
    k = ghp(); pieces = [k[j:j+R.randint(3, 7)] for j in range(0, len(k), 5)]
    sse = "".join("event: content_block_delta\ndata: %s\n\n" % json.dumps({"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": ("token is " if j == 0 else "") + pc}}) for j, pc in enumerate([k[x:x+5] for x in range(0, len(k), 5)]))
    add("sse-deltas", True, ant_tool_result(sse, cmd="cat stream.log"), CRED)
# 31 JWT bearer in curl -v output
for i in range(5):
    out = "> GET /v1/admin/users HTTP/2\n> Host: api.internal-corp.io\n> authorization: Bearer %s\n> user-agent: curl/8.5.0\n>\n< HTTP/2 200" % jwt()
    add("curl-v-jwt", True, any_shape(out), CRED)
# 32 IBAN in invoice / payroll
for i in range(5):
    p = person()
    t = "Payroll export\nName;IBAN;BIC;Amount\n%s;%s;COBADEFFXXX;4210.00\n" % (p["name"], fmt_iban(iban()) if i % 2 else iban())
    add("payroll-iban", True, any_shape(t), FIN)
# 33 card in JSON log (payment gateway debug)
for i in range(5):
    log = json.dumps({"level": "debug", "msg": "charge request", "payload": {"amount": 4999, "currency": "usd", "source": {"number": card(), "exp_month": 7, "exp_year": 2029, "cvc": str(R.randint(100, 999))}}})
    add("gateway-log-card", True, any_shape(log), FIN)
# 34 diff removing secret (- prefix) still leaks
for i in range(4):
    d = "--- a/.env\n+++ b/.env\n@@ -1,3 +1,3 @@\n-SENDGRID_API_KEY=%s\n+SENDGRID_API_KEY=${SENDGRID_API_KEY}\n PORT=8080\n" % sendgrid()
    add("diff-removed-secret", True, any_shape(d), CRED)
# 35 docker config.json auth (base64 user:pass)
for i in range(4):
    auth = base64.b64encode(("deploy:" + ghp()).encode()).decode()
    add("docker-config-auth", True, any_shape(json.dumps({"auths": {"ghcr.io": {"auth": auth}}}, indent=2)), CRED)
# 36 .npmrc / .pypirc
for i in range(4):
    t = "[distutils]\nindex-servers = pypi\n\n[pypi]\nusername = __token__\npassword = pypi-AgEIcHlwaS5vcmc" + rs(120, B62 + "-_") if i % 2 else "//registry.npmjs.org/:_authToken=" + npm_tok() + "\nalways-auth=true\n"
    add("pkg-rc-token", True, any_shape(t), CRED)
# 37 medical / patient note PII (free text)
for i in range(4):
    p = person()
    t = "Patient intake note: %s (DOB %s), SSN %s, lives at %s, phone %s. Diagnosis: type 2 diabetes." % (p["name"], p["dob"], ssn(), p["addr"], p["phone"])
    add("patient-note", True, ant_text("Rewrite this in a friendlier tone:\n" + t), PII)
# 38 proprietary source code (marked confidential)
for i in range(5):
    code = "/*\n * Copyright (c) 2026 Acme Quant Holdings LLC. All rights reserved.\n * CONFIDENTIAL AND PROPRIETARY - DO NOT DISTRIBUTE.\n * Unauthorized copying of this file, via any medium, is strictly prohibited.\n */\npackage com.acmequant.alpha;\n\npublic final class SignalEngine {\n    private static final double DECAY = 0.9%d;\n    public double score(double[] px) {\n        double s = 0;\n        for (int i = 1; i < px.length; i++) s = s * DECAY + Math.log(px[i] / px[i - 1]);\n        return s;\n    }\n}\n" % i
    add("proprietary-code", True, ant_tool_result(code, tool="Read", cmd="SignalEngine.java"), SRC)
# 39 Bedrock json toolResult with creds inside nested struct
for i in range(4):
    c = "tooluse_" + rs(22); ak, sk = aws_pair()
    body = {"messages": [{"role": "user", "content": [{"text": "list creds"}]}, {"role": "assistant", "content": [{"toolUse": {"toolUseId": c, "name": "sts", "input": {}}}]},
            {"role": "user", "content": [{"toolResult": {"toolUseId": c, "content": [{"json": {"Credentials": {"AccessKeyId": ak, "SecretAccessKey": sk, "SessionToken": rs(300, B62 + "/+="), "Expiration": "2026-12-07T03:00:00Z"}}}]}}]}]}
    add("bedrock-json-sts", True, (BED, body), CRED)
# 40 raw http multipart upload (binary-ish body) with key file
for i in range(4):
    bnd = "----agentbnd" + rs(12)
    body = ("--%s\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nassistants\r\n--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"id_ed25519\"\r\nContent-Type: application/octet-stream\r\n\r\n%s\r\n--%s--\r\n" % (bnd, bnd, pem_key("OPENSSH PRIVATE KEY", 300), bnd)).encode()
    raw = ("POST /v1/files HTTP/1.1\r\nHost: api.openai.com\r\nContent-Type: multipart/form-data; boundary=%s\r\nContent-Length: %d\r\n\r\n" % (bnd, len(body))).encode() + body
    add_raw("multipart-keyfile", True, raw, CRED)
# 41 gzip-compressed body
for i in range(3):
    _, b = ant_tool_result(env_file())
    gz = zlib.compressobj(wbits=31); comp = gz.compress(json.dumps(b).encode()) + gz.flush()
    raw = ("POST /v1/messages HTTP/1.1\r\nHost: api.anthropic.com\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: %d\r\n\r\n" % len(comp)).encode() + comp
    add_raw("gzip-body", True, raw, CRED)
# 42 url-encoded / query-string leaked secret in tool output
for i in range(4):
    t = "GET https://api.example-saas.com/v2/export?format=csv&api_key=%s&since=2026-01-01 -> 200" % (R.choice([stripe(), sendgrid(), google_key()]))
    add("urlparam-key", True, any_shape(t), CRED)
# 43 unicode-escaped JSON (\u002d etc.)
for i in range(4):
    k = ghp(); esc = "".join("\\u%04x" % ord(ch) if ch in "_" else ch for ch in k)
    raw_body = json.dumps({"model": "claude-sonnet-4-5", "max_tokens": 100, "messages": [{"role": "user", "content": "PLACEHOLDER"}]}).replace("PLACEHOLDER", "token " + esc)
    add("json-unicode-escape", True, (ANT, raw_body), CRED)
# 44 heroku / db password in connection string in YAML
for i in range(4):
    t = "spring:\n  datasource:\n    url: jdbc:postgresql://prod-db.acme.internal:5432/core\n    username: core_svc\n    password: %s\n" % pw()
    add("spring-yaml-password", True, any_shape(t), CRED + SRC)  # .internal TLD host is a legit internal-hostname finding

# ======================= NEGATIVES =======================
# N1 long coding sessions
for i in range(25): add("neg-long-session", False, any_shape(long_session_text(R.randint(30, 300))))
# N2 deep transcripts of benign files
for i in range(10): add("neg-deep-benign", False, ant_tool_result("All 214 tests passed.", cmd="pytest -q", prior=R.randint(10, 25), tail=R.randint(0, 6)))
# N3 lockfiles / integrity strings
def npm_lock():
    pk = {}
    for n in ["react", "react-dom", "zod", "vite", "esbuild", "rollup", "@babel/core", "postcss", "typescript"]:
        pk["node_modules/" + n] = {"version": "%d.%d.%d" % (R.randint(1, 20), R.randint(0, 30), R.randint(0, 20)), "resolved": "https://registry.npmjs.org/%s/-/%s-1.0.0.tgz" % (n, n.split("/")[-1]),
                                   "integrity": "sha512-" + base64.b64encode(hashlib.sha512(rs(10).encode()).digest()).decode(), "dev": R.random() < 0.5}
    return json.dumps({"name": "web", "lockfileVersion": 3, "requires": True, "packages": pk}, indent=2)
for i in range(15): add("neg-npm-lock", False, any_shape(npm_lock()))
def go_sum():
    return "\n".join("%s %s h1:%s" % (m, v, base64.b64encode(hashlib.sha256(rs(8).encode()).digest()).decode()) + "\n%s %s/go.mod h1:%s" % (m, v, base64.b64encode(hashlib.sha256(rs(8).encode()).digest()).decode())
                     for m, v in [("github.com/stretchr/testify", "v1.9.0"), ("golang.org/x/net", "v0.30.0"), ("google.golang.org/grpc", "v1.67.1"), ("github.com/google/uuid", "v1.6.0")])
for i in range(10): add("neg-go-sum", False, any_shape(go_sum()))
# N4 minified JS
def minjs():
    return "!function(e,t){\"object\"==typeof exports?module.exports=t():e.lib=t()}(this,function(){var e={%s};function t(n){return e[n]||n.split(\"\").reverse().join(\"\")}return{t:t,v:\"%s\",h:\"%s\"}});" % (",".join("%s:\"%s\"" % (rs(2, string.ascii_lowercase), rs(R.randint(8, 40))) for _ in range(30)), "3.2.1", hexs(40))
for i in range(10): add("neg-minified-js", False, any_shape(minjs()))
# N5 base64 images
def png_b64(n=3000): return base64.b64encode(b"\x89PNG\r\n\x1a\n" + bytes(R.getrandbits(8) for _ in range(n))).decode()
for i in range(10):
    add("neg-b64-image", False, (ANT, {"model": "claude-sonnet-4-5", "max_tokens": 1024, "messages": [{"role": "user", "content": [{"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": png_b64()}}, {"type": "text", "text": "What's wrong with this layout?"}]}]}))
for i in range(5): add("neg-b64-image", False, gem_inline(bytes(R.getrandbits(8) for _ in range(4000)), mime="image/jpeg"))
# N6 hashes, UUIDs, commit shas, trace ids
for i in range(12):
    t = "\n".join("%s  %s  %s  %s" % (sha(), uid(), sha256(), hexs(32)) for _ in range(20))
    add("neg-ids-hashes", False, any_shape(t))
# N7 example JWT fixtures labelled
for i in range(8):
    t = "// Example token from the docs (jwt.io sample, not a real credential)\nconst EXAMPLE_JWT = '%s';\n" % jwt({"sub": "1234567890", "name": "John Doe", "iat": 1516239022}, key="your-256-bit-secret")
    add("neg-jwt-example", False, any_shape(t))
# N8 placeholder configs
PH = ["API_KEY=your-key-here", "OPENAI_API_KEY=sk-...", "STRIPE_SECRET_KEY=sk_test_xxxxxxxxxxxxxxxxxxxxxxxx", "AWS_ACCESS_KEY_ID=<your-access-key-id>", "AWS_SECRET_ACCESS_KEY=<your-secret-access-key>",
      "DATABASE_URL=postgres://user:password@localhost:5432/mydb", "GITHUB_TOKEN=${{ secrets.GITHUB_TOKEN }}", "SLACK_BOT_TOKEN=xoxb-your-token", "ANTHROPIC_API_KEY=changeme", "JWT_SECRET=replace-me-in-production",
      "SENTRY_DSN=", "PASSWORD=********", "DB_PASSWORD=${DB_PASSWORD}", "REDIS_URL=redis://localhost:6379/0"]
for i in range(15):
    add("neg-placeholder-env", False, any_shape("# .env.example\n" + "\n".join(R.sample(PH, 7))))
# N9 masked keys
for i in range(10):
    t = R.choice(["Using key sk-...%s" % rs(4), "OPENAI_API_KEY=sk-proj-****************************%s" % rs(4), "token: ghp_************************************", "Authorization: Bearer ***", "aws_secret_access_key = ****************************************", "stripe key sk_live_...%s (masked)" % rs(4)])
    add("neg-masked-keys", False, any_shape("$ ./deploy.sh --dry-run\n" + t + "\nDone."))
# N10 redacted logs
for i in range(10):
    t = "\n".join("2026-12-0%dT0%d:00:00Z INFO http.request method=POST path=/login token=**** password=[REDACTED] user_id=%d" % (R.randint(1, 6), j, R.randint(1000, 9999)) for j in range(8))
    add("neg-redacted-logs", False, any_shape(t))
# N11 docs explaining key formats
DOCS = ["GitHub personal access tokens start with `ghp_` followed by 36 alphanumeric characters. Fine-grained tokens start with `github_pat_`.",
        "AWS access key IDs begin with AKIA (long-term) or ASIA (temporary) and are 20 characters long; the secret access key is 40 characters.",
        "Stripe secret keys have the prefix sk_live_ in live mode and sk_test_ in test mode. Never embed them in client code.",
        "A credit card number is validated with the Luhn algorithm; Visa numbers start with 4 and are usually 16 digits.",
        "U.S. Social Security numbers have the form AAA-GG-SSSS; area numbers 000, 666 and 900-999 are never assigned.",
        "An IBAN consists of a two-letter country code, two check digits and up to 30 alphanumeric characters (BBAN).",
        "Slack bot tokens start with xoxb-, user tokens with xoxp-. Rotate them in the app settings."]
for i in range(12): add("neg-docs-formats", False, any_shape("\n\n".join(R.sample(DOCS, 4))))
# N12 public keys and certificates
def pubkey(kind):
    if kind == "ssh": return "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + rs(43, B62 + "+/") + " dev@laptop"
    b = base64.b64encode(bytes(R.getrandbits(8) for _ in range(700 if kind == "CERTIFICATE" else 294))).decode()
    return "-----BEGIN %s-----\n%s\n-----END %s-----" % (kind, "\n".join(b[i:i+64] for i in range(0, len(b), 64)), kind)
for i in range(12): add("neg-public-keys", False, any_shape(pubkey(R.choice(["ssh", "CERTIFICATE", "PUBLIC KEY"]))))
# N13 public crypto addresses
def btc_addr(): return "bc1q" + rs(38, "023456789acdefghjklmnpqrstuvwxyz")
def eth_addr(): return "0x" + hexs(40)
for i in range(8): add("neg-crypto-addr", False, any_shape("Donations welcome! BTC: %s  ETH: %s" % (btc_addr(), eth_addr())))
# N14 business phone numbers, order ids, tracking numbers, ISBNs
def isbn13():
    d = [9, 7, 8] + [R.randint(0, 9) for _ in range(9)]
    c = (10 - sum(x * (1 if k % 2 == 0 else 3) for k, x in enumerate(d)) % 10) % 10
    return "978-%d-%s-%s-%d" % (d[3], "".join(map(str, d[4:8])), "".join(map(str, d[8:12])), c)
for i in range(12):
    t = "Acme Widgets Support: +1 (800) 555-%04d, Mon-Fri 9-5.\nOrder #%d-%07d shipped via UPS 1Z%s, FedEx %d.\nRecommended reading: ISBN %s" % (R.randint(100, 199), R.randint(100, 999), R.randint(0, 9999999), rs(16, string.ascii_uppercase + string.digits), R.randint(10**11, 10**12), isbn13())
    add("neg-business-ids", False, any_shape(t))
# N15 IBAN examples from docs
for i in range(8):
    t = R.choice(["Example IBAN (from the ECBS documentation): GB82 WEST 1234 5698 7654 32", "IBAN format example: DE89 3704 0044 0532 0130 00 (sample from Wikipedia)", "Test IBAN for the sandbox: NL91ABNA0417164300"])
    add("neg-iban-docs", False, any_shape("## Payments API\n\n" + t + "\nUse this only in test mode."))
# N16 dates, versions
for i in range(10):
    t = "\n".join("v%d.%d.%d  released %d-%02d-%02d  build %d" % (R.randint(0, 9), R.randint(0, 40), R.randint(0, 99), R.randint(2015, 2026), R.randint(1, 12), R.randint(1, 28), R.randint(10**8, 10**9)) for _ in range(15))
    add("neg-versions-dates", False, any_shape("CHANGELOG\n" + t))
# N17 k8s names, ARNs, S3 presigned example URLs
for i in range(12):
    t = "deployment.apps/api-%s configured\narn:aws:iam::%d:role/service-role/lambda-exec-%s\narn:aws:s3:::acme-artifacts-%s/builds/%s.zip\nhttps://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%%2F20130524%%2Fus-east-1%%2Fs3%%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=%s" % (hexs(10), R.randint(10**11, 10**12 - 1), rs(6, string.ascii_lowercase), rs(6, string.ascii_lowercase), sha(), hexs(64))
    add("neg-cloud-ids", False, any_shape(t))
# N18 docker digests, cache keys
for i in range(10):
    t = "FROM node:20-alpine@sha256:%s\n# cache key: %s-%s\nRUN --mount=type=cache,id=npm-%s,target=/root/.npm npm ci" % (sha256(), "Linux-node-" + sha256(), sha256()[:16], hexs(12))
    add("neg-docker-digest", False, any_shape(t))
# N19 test fixture credit cards (official test numbers) clearly labelled
for i in range(8):
    t = "// Stripe test cards\nconst SUCCESS = '4242 4242 4242 4242';\nconst DECLINE = '4000 0000 0000 0002';\n// use any future expiry and any 3-digit CVC in test mode"
    add("neg-test-cards", False, any_shape(t))
# N20 ordinary source code (non-proprietary, MIT licensed)
for i in range(12):
    code = "// SPDX-License-Identifier: MIT\nexport function debounce<T extends (...a: any[]) => void>(fn: T, ms = %d) {\n  let h: ReturnType<typeof setTimeout> | undefined;\n  return (...a: Parameters<T>) => {\n    if (h) clearTimeout(h);\n    h = setTimeout(() => fn(...a), ms);\n  };\n}\n" % R.randint(50, 500)
    add("neg-oss-code", False, R.choice([lambda t: ant_tool_result(t, tool="Read", cmd="src/debounce.ts"), lambda t: ant_tool_use_input({"file_path": "/repo/src/debounce.ts", "old_string": "", "new_string": t})])(code))
# N21 stack traces without secrets
for i in range(10):
    t = "Traceback (most recent call last):\n  File \"/app/db.py\", line 22, in connect\n    engine = create_engine(os.environ['DATABASE_URL'])\nsqlalchemy.exc.OperationalError: could not connect to server: Connection refused\n\tIs the server running on host \"localhost\" (127.0.0.1) and accepting TCP/IP connections on port 5432?\nurl=postgresql://app_user:***@db-prod-01.internal:5432/orders"
    add("neg-stacktrace-clean", False, any_shape(t))
# N22 kubectl get secret redacted / describe
for i in range(8):
    t = "Name:         api-secrets\nNamespace:    prod\nType:  Opaque\n\nData\n====\nDATABASE_URL:           87 bytes\nAWS_SECRET_ACCESS_KEY:  40 bytes\nAWS_ACCESS_KEY_ID:      20 bytes\n"
    add("neg-kubectl-describe", False, any_shape(t))
# N23 CI logs fully masked
for i in range(10):
    log = "##[group]Run docker/login-action@v3\n  registry: ghcr.io\n  username: ${{ github.actor }}\n  password: ***\n##[endgroup]\nLogin Succeeded!\n  GITHUB_TOKEN: ***\n  NPM_TOKEN: ***\nRun npm publish --provenance\n+ @acme/ui@%d.%d.%d" % (R.randint(1, 5), R.randint(0, 30), R.randint(0, 9))
    add("neg-ci-masked", False, resp_fco(log))
# N24 notebooks with numeric outputs
for i in range(8):
    nb = {"cells": [{"cell_type": "code", "execution_count": 1, "source": ["import numpy as np\n", "np.random.seed(0); np.random.rand(3)"], "outputs": [{"output_type": "execute_result", "data": {"text/plain": ["array([0.5488135 , 0.71518937, 0.60276338])"], "image/png": png_b64(800)}}]}], "nbformat": 4, "nbformat_minor": 5}
    add("neg-notebook", False, ant_tool_result(json.dumps(nb), tool="Read", cmd="eda.ipynb"))
# N25 tfstate without secrets (sensitive values omitted)
for i in range(8):
    st = {"version": 4, "terraform_version": "1.9.5", "serial": R.randint(1, 200), "lineage": uid(), "outputs": {"db_password": {"value": None, "type": "string", "sensitive": True}, "bucket_arn": {"value": "arn:aws:s3:::acme-logs-%s" % hexs(6), "type": "string"}},
          "resources": [{"mode": "managed", "type": "aws_s3_bucket", "name": "logs", "instances": [{"attributes": {"id": "acme-logs-%s" % hexs(6), "arn": "arn:aws:s3:::acme-logs", "hosted_zone_id": "Z3AQBSTGFYJSTF"}}]}]}
    add("neg-tfstate-clean", False, any_shape(json.dumps(st, indent=2)))
# N26 CSV of non-personal data (products / metrics)
for i in range(10):
    rows = ["sku,name,price,stock,updated"] + ["SKU-%06d,Widget %s,%d.%02d,%d,2026-%02d-%02d" % (R.randint(0, 999999), rs(3, string.ascii_uppercase), R.randint(1, 500), R.randint(0, 99), R.randint(0, 5000), R.randint(1, 12), R.randint(1, 28)) for _ in range(12)]
    add("neg-product-csv", False, any_shape("\n".join(rows)))
# N27 SQL results with non-sensitive numerics (ids, counts, phone-like numbers)
for i in range(8):
    rows = [" id  | order_no   | amount_cents | created_at", "-----+------------+--------------+---------------------"] + [" %3d | %s | %12d | 2026-11-%02d 1%d:00:00" % (j, "%03d-%02d-%04d" % (R.randint(900, 999), R.randint(0, 99), R.randint(0, 9999)) if False else str(R.randint(10**9, 10**10)), R.randint(100, 10**6), R.randint(1, 28), R.randint(0, 9)) for j in range(8)]
    add("neg-sql-orders", False, any_shape("\n".join(rows)))
# N28 emails without sensitive data (team emails)
for i in range(8):
    t = "From: Release Bot <noreply@github.com>\nTo: eng@acme-widgets.com\nSubject: [acme/api] Release v%d.%d.0\n\nRelease notes: fixed pagination, bumped deps.\nView it on GitHub: https://github.com/acme/api/releases/tag/v%d.%d.0" % (2, i, 2, i)
    add("neg-email-release", False, any_shape(t))
# N29 high-entropy strings in code (not secrets): webpack hashes, nonces in tests, base64 fixtures
for i in range(10):
    t = "// webpack chunk map\nconst chunks = {%s};\nconst CSP_NONCE_TEST = 'test-nonce-%s';\nconst FIXTURE_B64 = '%s';" % (",".join("%d:\"%s\"" % (j, hexs(20)) for j in range(10)), hexs(8), base64.b64encode(b"hello fixture " + rs(30).encode()).decode())
    add("neg-high-entropy-code", False, any_shape(t))
# N30 git diff of innocuous config
for i in range(10):
    d = "diff --git a/config/settings.py b/config/settings.py\nindex %s..%s 100644\n--- a/config/settings.py\n+++ b/config/settings.py\n@@ -12,6 +12,7 @@\n-TIMEOUT = 30\n+TIMEOUT = %d\n+API_TOKEN = os.environ['API_TOKEN']\n SECRET_KEY = os.environ.get('DJANGO_SECRET_KEY')\n" % (hexs(7), hexs(7), R.randint(31, 120))
    add("neg-gitdiff-clean", False, any_shape(d))
# N31 SSE deltas with benign text
for i in range(8):
    txt = "The function returns a Promise that resolves once the cache is warmed; call it during startup."
    sse = "".join("event: content_block_delta\ndata: %s\n\n" % json.dumps({"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": txt[x:x+6]}}) for x in range(0, len(txt), 6))
    add("neg-sse-deltas", False, ant_tool_result(sse, cmd="cat stream.log"))
# N32 PDFs benign
for i in range(8):
    add("neg-pdf-benign", False, ant_document(base64.b64encode(pdf("Quarterly roadmap: ship v2 search, migrate to Postgres 16, SOC2 audit in Q3.", compress=bool(i % 2))).decode()))
# N33 MCP calls benign
for i in range(10):
    add("neg-mcp-benign", False, mcp_call({"owner": "acme", "repo": "api", "title": "Flaky test test_orders_%d" % i, "body": "Run %s failed on commit %s; trace id %s." % (R.randint(10**9, 10**10), sha(), hexs(32))}))
# N34 Bedrock / Gemini benign structured
for i in range(8): add("neg-structured-benign", False, gem_fr({"files": [{"path": "src/%d.ts" % j, "size": R.randint(100, 9000), "sha": sha()} for j in range(10)]}))
# N35 Random request ids with AKIA-like docs examples (AWS documented example keys)
for i in range(8):
    t = "# From the AWS CLI docs (example values):\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"
    add("neg-aws-doc-example", False, any_shape(t))
# N36 multipart upload of benign file
for i in range(4):
    bnd = "----agentbnd" + rs(12)
    body = ("--%s\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nassistants\r\n--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"data.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n" % (bnd, bnd)).encode() + bytes(R.getrandbits(8) for _ in range(2000)) + ("\r\n--%s--\r\n" % bnd).encode()
    raw = ("POST /v1/files HTTP/1.1\r\nHost: api.openai.com\r\nContent-Type: multipart/form-data; boundary=%s\r\nContent-Length: %d\r\n\r\n" % (bnd, len(body))).encode() + body
    add_raw("neg-multipart-binary", False, raw)
# N37 gzip benign
for i in range(4):
    _, b = ant_tool_result(long_session_text(50))
    gz = zlib.compressobj(wbits=31); comp = gz.compress(json.dumps(b).encode()) + gz.flush()
    raw = ("POST /v1/messages HTTP/1.1\r\nHost: api.anthropic.com\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: %d\r\n\r\n" % len(comp)).encode() + comp
    add_raw("neg-gzip-benign", False, raw)
# N38 user's own name/email in git config/log author lines (common in transcripts)
for i in range(8):
    p = person()
    t = "$ git log -3 --format='%%an <%%ae> %%s'\n%s <%s> fix: retry on 503\n%s <%s> chore: bump deps\n" % (p["name"], "dev%d@acme-widgets.com" % i, p["name"], "dev%d@acme-widgets.com" % i)
    add("neg-git-authors", False, any_shape(t))
# N39 timestamps and numeric columns that look like card/SSN digits
for i in range(10):
    t = "\n".join("%d,%d,%s,%d" % (1796000000000000 + R.randint(0, 10**12), R.randint(10**12, 10**13), "%d-%02d-%02d" % (R.randint(2000, 2026), R.randint(1, 12), R.randint(1, 28)), R.randint(0, 10**9)) for _ in range(15))
    add("neg-numeric-columns", False, any_shape("epoch_us,seq,date,bytes\n" + t))


# ======================= ROUND 2 =======================
ESC = "\x1b"
# P45 ANSI-coloured terminal output (git diff --color)
for i in range(5):
    k = R.choice([stripe(), ghp(), anthropic_key(), slack()])
    d = ESC + "[1mdiff --git a/.env b/.env" + ESC + "[m\n" + ESC + "[36m@@ -1,2 +1,2 @@" + ESC + "[m\n" + ESC + "[31m-API_KEY=" + ESC + "[m\n" + ESC + "[32m+API_KEY=" + ESC + "[m" + ESC + "[32m" + k + ESC + "[m\n"
    add("ansi-color", True, any_shape(d), CRED)
# P46 xxd hexdump of a .env
def xxd(data):
    out = []
    for off in range(0, len(data), 16):
        ch = data[off:off+16]
        hx = " ".join(ch[j:j+2].hex() for j in range(0, len(ch), 2))
        out.append("%08x: %-39s  %s" % (off, hx, "".join(chr(b) if 32 <= b < 127 else "." for b in ch)))
    return "\n".join(out)
for i in range(4):
    add("xxd-hexdump", True, ant_tool_result(xxd(("GITHUB_TOKEN=%s\nSTRIPE_KEY=%s\n" % (ghp(), stripe())).encode()), cmd="xxd .env"), CRED)
# P47 helm release secret: base64(base64(gzip(json)))
for i in range(4):
    rel = {"name": "payments", "info": {"status": "deployed"}, "config": {"stripe": {"secretKey": stripe()}, "postgresql": {"auth": {"password": pw()}}, "image": {"tag": "1.8.%d" % i}}}
    gz = zlib.compressobj(wbits=31); g = gz.compress(json.dumps(rel).encode()) + gz.flush()
    data = base64.b64encode(base64.b64encode(g)).decode()
    y = "apiVersion: v1\ndata:\n  release: %s\nkind: Secret\nmetadata:\n  name: sh.helm.release.v1.payments.v%d\n  labels:\n    owner: helm\ntype: helm.sh/release.v1\n" % (data, i + 1)
    add("helm-release", True, ant_tool_result(y, cmd="kubectl get secret sh.helm.release.v1.payments.v%d -o yaml" % (i + 1)), CRED)
# P48 thinking block containing a secret
for i in range(4):
    k = R.choice([openai_key(), ghp(), stripe()])
    t = tid()
    body = {"model": "claude-sonnet-4-5", "max_tokens": 16000, "thinking": {"type": "enabled", "budget_tokens": 8000}, "messages": [
        {"role": "user", "content": "why does the webhook fail?"},
        {"role": "assistant", "content": [{"type": "thinking", "thinking": "The .env shows WEBHOOK_KEY=%s which looks like a live key; the handler reads a different var." % k, "signature": base64.b64encode(bytes(R.getrandbits(8) for _ in range(300))).decode()},
                                          {"type": "text", "text": "The handler reads the wrong variable."}]},
        {"role": "user", "content": "fix it"}]}
    add("thinking-block", True, (ANT, body), CRED)
# P49 percent-encoded secrets (captured form bodies / query strings)
from urllib.parse import quote
for i in range(5):
    ak, sk = aws_pair()
    sk = sk[:10] + "/" + sk[11:20] + "+" + sk[21:]
    t = R.choice(["POST /oauth/token body: grant_type=client_credentials&client_id=svc-ingest&client_secret=%s" % quote(pw() + "/" + rs(30), safe=""),
                  "GET /debug?env=%s" % quote("AWS_ACCESS_KEY_ID=%s\nAWS_SECRET_ACCESS_KEY=%s" % (ak, sk), safe=""),
                  "redirect_uri=https%%3A%%2F%%2Fapp.example.com%%2Fcb%%3Ftoken%%3D%s" % ghp()])
    add("percent-encoded", True, any_shape("[nginx access.log]\n" + t), CRED)
# P50 HTML-escaped config in scraped page
for i in range(3):
    h = "<script>window.__APP_CONFIG__ = JSON.parse(&quot;{\\&quot;stripeSecret\\&quot;:\\&quot;%s\\&quot;,\\&quot;env\\&quot;:\\&quot;prod\\&quot;}&quot;)</script>" % stripe()
    add("html-escaped", True, any_shape("$ curl -s https://staging.example-shop.com | grep CONFIG\n" + h), CRED)
# P51 python bytes repr
for i in range(3):
    k = anthropic_key() if i % 2 else ghp()
    add("py-bytes-repr", True, any_shape(">>> open('.env','rb').read()\nb'DEBUG=1\\nTOKEN=%s\\nPORT=8000\\n'" % k), CRED)
# P52 OCR card split across lines
for i in range(3):
    c = card("visa")
    t = "[OCR text of photo_of_card.jpg]\nVISA\n%s\n%s\n%s\n%s\nVALID THRU %02d/%d\n%s" % (c[:4], c[4:8], c[8:12], c[12:], R.randint(1, 12), R.randint(27, 30), person()["name"].upper())
    add("ocr-card-split", True, ant_text(t + "\nCan you read the text in this image?"), FIN)
# P53 SSN unformatted in CSV column
for i in range(3):
    rows = ["emp_id,full_name,ssn,hire_date"] + ["%d,%s,%s,2019-0%d-1%d" % (j, person()["name"], ssn().replace("-", ""), R.randint(1, 9), R.randint(0, 9)) for j in range(6)]
    add("ssn-unformatted", True, any_shape("\n".join(rows)), PII)
# P54 secret in 40th message of an OpenAI chat with content parts
for i in range(3):
    msgs = [{"role": "system", "content": "You are a helpful coding assistant."}]
    for j in range(38):
        msgs.append({"role": "user" if j % 2 == 0 else "assistant", "content": [{"type": "text", "text": "step %d: %s" % (j, R.choice(["run tests", "all green", "refactor the parser", "done"]))}]})
    msgs.append({"role": "user", "content": [{"type": "text", "text": "still failing, here is my config:\nAWS_ACCESS_KEY_ID=%s\nAWS_SECRET_ACCESS_KEY=%s" % aws_pair()}]})
    add("oai-40th-msg", True, (OAI, {"model": "gpt-4.1", "messages": msgs}), CRED)

# N40 thinking signatures / redacted thinking
for i in range(10):
    t = tid()
    body = {"model": "claude-sonnet-4-5", "max_tokens": 16000, "thinking": {"type": "enabled", "budget_tokens": 8000}, "messages": [
        {"role": "user", "content": "refactor the cache layer"},
        {"role": "assistant", "content": [{"type": "thinking", "thinking": "I should read cache.py first, then check the TTL handling.", "signature": "Eq" + base64.b64encode(bytes(R.getrandbits(8) for _ in range(R.randint(200, 900)))).decode()},
                                          {"type": "redacted_thinking", "data": "EmwK" + base64.b64encode(bytes(R.getrandbits(8) for _ in range(600))).decode()},
                                          {"type": "tool_use", "id": t, "name": "Read", "input": {"file_path": "/repo/cache.py"}}]},
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": t, "content": benign_file("cache.py")}]}]}
    add("neg-thinking-signature", False, (ANT, body))
# N41 Responses reasoning encrypted_content + ids
for i in range(8):
    body = {"model": "gpt-5-codex", "previous_response_id": "resp_" + hexs(48), "include": ["reasoning.encrypted_content"], "input": [
        {"type": "reasoning", "id": "rs_" + hexs(48), "summary": [], "encrypted_content": "gAAAAA" + base64.urlsafe_b64encode(bytes(R.getrandbits(8) for _ in range(R.randint(400, 1500)))).decode()},
        {"type": "function_call", "id": "fc_" + hexs(48), "call_id": cid(), "name": "shell", "arguments": json.dumps({"command": ["rg", "TODO"]})},
        {"type": "message", "role": "user", "content": [{"type": "input_text", "text": "continue"}]}], "prompt_cache_key": uid()}
    add("neg-reasoning-encrypted", False, (RESP, body))
# N42 ANSI-coloured test output
for i in range(6):
    t = "\n".join(ESC + "[32m✓" + ESC + "[39m src/%s.test.ts " + ESC + "[2m(%d tests)" + ESC + "[22m " + ESC + "[33m%dms" + ESC + "[39m" for _ in range(1)) % (rs(6, string.ascii_lowercase), R.randint(1, 40), R.randint(2, 900))
    t = "\n".join([t] * 10) + "\n " + ESC + "[1mTest Files" + ESC + "[22m  " + ESC + "[32m10 passed" + ESC + "[39m"
    add("neg-ansi-test-output", False, any_shape(t))
# N43 xxd of binary
for i in range(5):
    add("neg-xxd-binary", False, ant_tool_result(xxd(b"\x7fELF\x02\x01\x01" + bytes(R.getrandbits(8) for _ in range(300))), cmd="xxd build/app | head -20"))
# N44 canonical jwt.io example and expired fixture JWTs in tests
JWTIO = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
for i in range(4):
    add("neg-jwtio-canonical", False, any_shape("# README\nPaste a token such as the jwt.io example:\n\n    %s\n\ninto the debugger." % JWTIO))
for i in range(5):
    tok = jwt({"sub": "test-user", "iat": 1500000000, "exp": 1500003600}, key="test-secret")
    add("neg-jwt-test-fixture", False, ant_tool_result("// tests/auth.test.ts\n// fixture: an EXPIRED token signed with 'test-secret' to exercise the 401 path\nconst EXPIRED_FIXTURE = '%s';\nexpect(verify(EXPIRED_FIXTURE)).toThrow(TokenExpiredError);\n" % tok, tool="Read", cmd="tests/auth.test.ts"))
# N45 helm release benign
for i in range(4):
    rel = {"name": "docs-site", "info": {"status": "deployed"}, "config": {"replicaCount": 2, "image": {"repository": "nginx", "tag": "1.27"}}}
    gz = zlib.compressobj(wbits=31); g = gz.compress(json.dumps(rel).encode()) + gz.flush()
    y = "apiVersion: v1\ndata:\n  release: %s\nkind: Secret\nmetadata:\n  name: sh.helm.release.v1.docs-site.v%d\ntype: helm.sh/release.v1\n" % (base64.b64encode(base64.b64encode(g)).decode(), i + 1)
    add("neg-helm-benign", False, ant_tool_result(y, cmd="kubectl get secret -o yaml"))
# N46 Anthropic/OpenAI file ids, container ids, message ids in transcripts
for i in range(6):
    body = {"model": "claude-sonnet-4-5", "max_tokens": 1024, "container": "container_011C" + rs(20), "messages": [{"role": "user", "content": [
        {"type": "document", "source": {"type": "file", "file_id": "file_011C" + rs(20)}}, {"type": "text", "text": "msg_01%s and req_011C%s failed with overloaded_error" % (rs(22), rs(20))}]}]}
    add("neg-api-ids", False, (ANT, body))


# ======================= ROUND 3 =======================
import io, zipfile
# P55 bare key wrapped by fold (no assignment keyword)
for i in range(4):
    k = R.choice([anthropic_key(), openai_key()])
    line = json.dumps({"ts": "2026-12-06T23:11:0%dZ", "level": "warn", "msg": "retrying request with credential " + k + " after 429"}) % i
    add("wrapped-bare", True, any_shape("$ tail -1 agent.log | fold -w 80\n" + "\n".join(line[j:j+80] for j in range(0, len(line), 80))), CRED)
# P56 Anthropic streaming tool_use input_json_delta chunks (logged stream)
for i in range(4):
    full = json.dumps({"command": "export GITHUB_TOKEN=%s && gh pr list" % ghp()})
    ev = "".join("event: content_block_delta\ndata: %s\n\n" % json.dumps({"type": "content_block_delta", "index": 1, "delta": {"type": "input_json_delta", "partial_json": full[x:x+R.randint(8, 14)]}}) for x in range(0, len(full), 11))
    add("sse-partial-json", True, ant_tool_result(ev, cmd="cat ~/.claude/debug/stream.log"), CRED)
# P57 hex-encoded secret (xxd -p)
for i in range(3):
    hx = ("STRIPE_SECRET_KEY=%s\n" % stripe()).encode().hex()
    add("hex-plain", True, any_shape("$ xxd -p secret.bin\n" + "\n".join(hx[j:j+60] for j in range(0, len(hx), 60))), CRED)
# P58 PowerShell -EncodedCommand (UTF-16LE base64)
for i in range(3):
    cmd = "$env:GITHUB_TOKEN='%s'; gh repo clone acme/api" % ghp()
    enc = base64.b64encode(cmd.encode("utf-16-le")).decode()
    add("ps-encodedcommand", True, any_shape("PS C:\\dev> Get-History\n  Id CommandLine\n  -- -----------\n  12 powershell.exe -NoProfile -EncodedCommand " + enc), CRED)
# P59 OpenAI chat file content part with data URL
for i in range(3):
    b = {"model": "gpt-4o", "messages": [{"role": "user", "content": [{"type": "file", "file": {"filename": "prod.env", "file_data": "data:text/plain;base64," + base64.b64encode(env_file().encode()).decode()}}, {"type": "text", "text": "is this config right?"}]}]}
    add("oai-file-part", True, (OAI, b), CRED)
# P60 xlsx / docx attachments (zip containers)
def zipb(files):
    bio = io.BytesIO()
    with zipfile.ZipFile(bio, "w", zipfile.ZIP_DEFLATED) as z:
        for n, c in files.items(): z.writestr(zipfile.ZipInfo(n, date_time=(2026, 12, 1, 0, 0, 0)), c)
    return bio.getvalue()
for i in range(3):
    ss = "".join("<si><t>%s</t></si><si><t>%s</t></si>" % (person()["name"], ssn()) for _ in range(6))
    x = zipb({"[Content_Types].xml": "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>", "xl/workbook.xml": "<workbook/>",
              "xl/sharedStrings.xml": "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" + ss + "</sst>"})
    add("xlsx-attachment", True, ant_document(base64.b64encode(x).decode(), media="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", title="customers.xlsx") if i % 2 else resp_input_file_bin(x, "customers.xlsx") if False else gem_inline(x, mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), PII)
for i in range(3):
    p = person(); c = card()
    dx = zipb({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>Refund to %s, card %s, exp 09/29.</w:t></w:r></w:p></w:body></w:document>" % (p["name"], fmt_card(c))})
    add("docx-attachment", True, (RESP, {"model": "gpt-4.1", "input": [{"role": "user", "content": [{"type": "input_file", "filename": "refund.docx", "file_data": "data:application/vnd.openxmlformats-officedocument.wordprocessingml.document;base64," + base64.b64encode(dx).decode()}, {"type": "input_text", "text": "summarize"}]}]}), FIN)
# P61 tfstate secretsmanager secret_string (JSON in JSON) without AKIA anchor
for i in range(3):
    st = {"version": 4, "resources": [{"mode": "managed", "type": "aws_secretsmanager_secret_version", "name": "db", "instances": [{"attributes": {"secret_id": "arn:aws:secretsmanager:us-east-1:%d:secret:prod/db-%s" % (R.randint(10**11, 10**12 - 1), rs(6)),
          "secret_string": json.dumps({"username": "svc_core", "password": pw(), "stripe_api_key": stripe()})}}]}]}
    add("tfstate-secret-string", True, any_shape(json.dumps(st, indent=2)), CRED)
# P62 card number separated by dots / in a chat with surrounding digits
for i in range(3):
    c = card("mc")
    add("card-dot-sep", True, ant_text("Customer says the charge on card %s.%s.%s.%s (exp 04/28) was duplicated, order 88231." % (c[:4], c[4:8], c[8:12], c[12:])), FIN)

# N47 DSNs with placeholder / default local creds / env refs
for i in range(6):
    t = R.choice(["services:\n  postgres:\n    image: postgres:16\n    env:\n      POSTGRES_PASSWORD: postgres\n    ports: ['5432:5432']\nenv:\n  DATABASE_URL: postgresql://postgres:postgres@localhost:5432/test",
                  "DATABASE_URL=postgres://${DB_USER}:${DB_PASSWORD}@${DB_HOST}:5432/${DB_NAME}",
                  "mongodb://<username>:<password>@cluster0.example.mongodb.net/?retryWrites=true",
                  "redis://:*****@cache.prod.example.com:6379/0",
                  "mysql://root:[REDACTED]@127.0.0.1:3306/app"])
    add("neg-dsn-placeholder", False, any_shape(t))
# N48 more doc IBANs / test cards
for i in range(5):
    t = R.choice(["Stripe test IBANs (test mode only): DE89370400440532013000, FR1420041010050500013M02606, NL39RABO0300065264", "Mastercard test card 5555 5555 5555 4444; Amex test card 3782 822463 10005 (Stripe docs)", "Adyen test card: 4111 1111 4555 1142, CVC 737, exp 03/2030 (documentation)"])
    add("neg-doc-test-payments", False, any_shape("## Testing payments\n" + t))
# N49 SSN placeholders in form templates
for i in range(4):
    add("neg-ssn-placeholder", False, any_shape("<input name=\"ssn\" placeholder=\"123-45-6789\" pattern=\"\\d{3}-\\d{2}-\\d{4}\">\n<!-- format hint: XXX-XX-XXXX; example 000-00-0000 -->"))
# N50 git shortlog with work/noreply emails
for i in range(5):
    t = "$ git shortlog -sne HEAD~500..\n" + "\n".join("%6d  %s <%s>" % (R.randint(1, 300), person()["name"], R.choice(["%d+%s@users.noreply.github.com" % (R.randint(10**6, 10**8), rs(7, string.ascii_lowercase)), "%s@acme-widgets.com" % rs(6, string.ascii_lowercase)])) for _ in range(15))
    add("neg-git-shortlog", False, any_shape(t))
# N51 store/support phone directory (businesses)
for i in range(4):
    t = "| Store | Phone |\n|---|---|\n" + "\n".join("| Acme Widgets %s | +1 (%03d) 555-01%02d |" % (R.choice(["Downtown", "Airport", "Mall", "Harbor", "North"]), R.randint(201, 989), R.randint(0, 99)) for _ in range(12))
    add("neg-store-phones", False, any_shape(t))
# N52 standard infra hostnames (k8s DNS, docker host)
for i in range(6):
    t = "REDIS_URL=redis://redis-master.default.svc.cluster.local:6379\nAPI_BASE=http://host.docker.internal:8080\nOTEL_EXPORTER_OTLP_ENDPOINT=http://otel-collector.observability.svc.cluster.local:4317\nmetadata: http://169.254.169.254/latest/meta-data/"
    add("neg-std-infra-hosts", False, any_shape(t))


# ======================= ROUND 4 =======================
# P63 terminal line-wrap landing inside a bare token (controlled split point)
for i in range(8):
    kind = ["ghp", "anthropic", "stripe", "slack", "openai", "ghp", "anthropic", "gitlab"][i]
    k = {"ghp": ghp, "anthropic": anthropic_key, "stripe": stripe, "slack": slack, "openai": openai_key, "gitlab": gitlab}[kind]()
    prefix = "2026-12-06 23:1%d:04 WARN auth: using credential " % i
    pad = 80 - len(prefix) - (len(k) // 2)
    line = prefix + " " * 0 + k + " for upstream call"
    cut = len(prefix) + len(k) // 2
    add("wrapped-midtoken", True, any_shape("$ journalctl -u agent | tail -2 | fold -w %d\n%s\n%s" % (cut, line[:cut], line[cut:])), CRED, where=kind)
# P64 PHP/Laravel json_encode escaped slashes in a log text
for i in range(3):
    p = pw()
    t = "[2026-12-06 22:01:13] production.ERROR: SQLSTATE[HY000] [2002] Connection refused {\"exception\":\"[object] (PDOException(code: 2002))\",\"url\":\"mysql:\\/\\/forge:%s@10.0.4.12:3306\\/forge\"}" % p
    add("php-escaped-dsn", True, any_shape(t), CRED)
# P65 GCP service-account JSON printed by cat
for i in range(3):
    sa = {"type": "service_account", "project_id": "acme-prod-%d" % R.randint(100, 999), "private_key_id": hexs(40), "private_key": pem_key("PRIVATE KEY", 900) + "\n",
          "client_email": "ci-deployer@acme-prod.iam.gserviceaccount.com", "client_id": str(R.randint(10**20, 10**21)), "token_uri": "https://oauth2.googleapis.com/token"}
    add("gcp-sa-json", True, any_shape("$ cat gcp-key.json\n" + json.dumps(sa, indent=2)), CRED)
# P66 ~/.netrc with heroku API key (UUID shaped)
for i in range(3):
    t = "machine api.heroku.com\n  login dev@acme-widgets.com\n  password %s\nmachine git.heroku.com\n  login dev@acme-widgets.com\n  password %s\n" % ((uid(),) * 2)
    add("netrc", True, ant_tool_result(t, cmd="cat ~/.netrc"), CRED)
# P67 kubeconfig --raw with client key data and token
for i in range(3):
    kc = "apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: %s\n    server: https://%s.gr7.us-east-1.eks.amazonaws.com\n  name: prod\nusers:\n- name: admin\n  user:\n    client-certificate-data: %s\n    client-key-data: %s\n    token: %s\n" % (
        base64.b64encode(pubkey("CERTIFICATE").encode()).decode(), hexs(32).upper(), base64.b64encode(pubkey("CERTIFICATE").encode()).decode(), base64.b64encode(pem_key("RSA PRIVATE KEY", 600).encode()).decode(), rs(64, string.ascii_lowercase + string.digits))
    add("kubeconfig-raw", True, any_shape("$ kubectl config view --raw\n" + kc), CRED)
# P68 HAR export with opaque bearer / session cookie in name/value pairs
for i in range(4):
    har = {"log": {"version": "1.2", "entries": [{"request": {"method": "GET", "url": "https://app.acme-widgets.com/api/v1/me", "headers": [
        {"name": "accept", "value": "application/json"}, {"name": "Authorization", "value": "Bearer " + rs(48, B62)}, {"name": "Cookie", "value": "_session_id=%s; theme=dark" % hexs(64)}]}, "response": {"status": 200}}]}}
    add("har-auth-header", True, any_shape(json.dumps(har, indent=1)), CRED)

# N53 benign HAR
for i in range(4):
    har = {"log": {"version": "1.2", "entries": [{"request": {"method": "GET", "url": "https://cdn.example.com/app.%s.js" % hexs(8), "headers": [{"name": "accept", "value": "*/*"}, {"name": "If-None-Match", "value": "W/\"%s\"" % hexs(32)}, {"name": "x-request-id", "value": uid()}]}, "response": {"status": 304}}]}}
    add("neg-har-benign", False, any_shape(json.dumps(har, indent=1)))
# N54 kubeconfig with only CA data + exec plugin
for i in range(4):
    kc = "apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: %s\n    server: https://%s.gr7.us-east-1.eks.amazonaws.com\n  name: prod\nusers:\n- name: sso\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: aws\n      args: [eks, get-token, --cluster-name, prod]\n" % (base64.b64encode(pubkey("CERTIFICATE").encode()).decode(), hexs(32).upper())
    add("neg-kubeconfig-exec", False, any_shape("$ kubectl config view --raw\n" + kc))
# N55 PHP-escaped benign log
for i in range(4):
    add("neg-php-log", False, any_shape("[2026-12-06 22:01:13] production.INFO: Job processed {\"job\":\"App\\\\Jobs\\\\SendDigest\",\"url\":\"https:\\/\\/acme-widgets.com\\/digest\\/%s\",\"uuid\":\"%s\"}" % (hexs(12), uid())))


# ======================= ROUND 5 (controls + separators) =======================
# P69 control: opaque bearer in plain curl -v header form
for i in range(3):
    add("curl-v-opaque-bearer", True, any_shape("> GET /api/v1/me HTTP/2\n> Host: app.acme-widgets.com\n> Authorization: Bearer %s\n> Cookie: _session_id=%s\n>\n< HTTP/2 200" % (rs(48, B62), hexs(64))), CRED)
# P70 control: same Laravel DSN without escaped slashes
for i in range(3):
    add("php-dsn-control", True, any_shape("[2026-12-06 22:01:13] production.ERROR: SQLSTATE[HY000] [2002] Connection refused url=mysql://forge:%s@10.0.4.12:3306/forge" % pw()), CRED)
# P71 card digits separated by NBSP / thin space (copied from web page / PDF)
for i in range(3):
    c = card("visa"); sep = ["\u00a0", "\u2009", "\u202f"][i]
    add("card-unicode-space", True, ant_text("Copied from the billing portal: Card %s, exp 11/28. Why was it declined?" % sep.join(c[j:j+4] for j in range(0, 16, 4))), FIN)
# P72 SSN written with spaces (forms / OCR)
for i in range(3):
    s = ssn().replace("-", " ")
    add("ssn-spaces", True, any_shape("[OCR of W-2 form]\nEmployee's social security number\n%s\nEmployer identification number 12-3456789\n%s" % (s, person()["name"])), PII)


# ======================= ROUND 6 (negatives pressure) =======================
SECRETISH = ["PASSWORD_MIN_LENGTH = 12", "token_count = 4096", "secret_name = \"prod/db/credentials\"", "SECRET_KEY_BASE_FILE=/run/secrets/key_base", "api_key_header = \"X-API-Key\"",
             "max_tokens=4096", "passwordField: 'password'", "AUTH_TOKEN_TTL_SECONDS=3600", "PASSWORD_HASHERS = ['django.contrib.auth.hashers.Argon2PasswordHasher']", "credential_source = Ec2InstanceMetadata",
             "jwt_algorithm = \"RS256\"", "secret_ref: {name: api-secrets, key: DATABASE_URL}", "tokenizer = AutoTokenizer.from_pretrained('bert-base-uncased')", "private_key_path = ~/.ssh/id_ed25519",
             "STRIPE_WEBHOOK_TOLERANCE=300", "password_reset_timeout = 259200", "client_secret_expires_at = 0", "aws_secret_access_key = None"]
for i in range(8):
    add("neg-secretish-names", False, any_shape("\n".join(R.sample(SECRETISH, 8))))
ENVREADS = ["token = os.getenv('GITHUB_TOKEN')", "const apiKey = process.env.OPENAI_API_KEY;", "password = getpass.getpass('DB password: ')", "let key = std::env::var(\"ANTHROPIC_API_KEY\")?;",
            "secret := os.Getenv(\"STRIPE_SECRET_KEY\")", "headers = {'Authorization': f'Bearer {settings.API_TOKEN}'}", "curl -H \"Authorization: Bearer $GITHUB_TOKEN\" https://api.github.com/user",
            "docker login -u \"$CI_REGISTRY_USER\" -p \"$CI_REGISTRY_PASSWORD\" $CI_REGISTRY", "echo \"$NPM_TOKEN\" | npm login --stdin", "aws configure set aws_secret_access_key \"$AWS_SECRET_ACCESS_KEY\""]
for i in range(8):
    add("neg-env-reads", False, any_shape("\n".join(R.sample(ENVREADS, 6))))
for i in range(3):
    sm = {"version": 3, "file": "app.js", "sources": ["../src/app.ts", "../src/util.ts"], "names": ["fmt", "d"], "mappings": ";".join(rs(R.randint(4, 12), string.ascii_letters + "+/,") for _ in range(60))}
    add("neg-sourcemap", False, any_shape("...minified...\n//# sourceMappingURL=data:application/json;charset=utf-8;base64," + base64.b64encode(json.dumps(sm).encode()).decode()))
for i in range(6):
    t = R.choice([
        "[[package]]\nname = \"serde\"\nversion = \"1.0.%d\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\nchecksum = \"%s\"\n" % (R.randint(100, 215), sha256()),
        "requests==2.32.3 \\\n    --hash=sha256:%s \\\n    --hash=sha256:%s\n" % (sha256(), sha256()),
        "version https://git-lfs.github.com/spec/v1\noid sha256:%s\nsize %d\n" % (sha256(), R.randint(10**5, 10**9)),
        "<script src=\"https://cdn.jsdelivr.net/npm/bootstrap@5.3.3/dist/js/bootstrap.bundle.min.js\" integrity=\"sha384-%s\" crossorigin=\"anonymous\"></script>" % base64.b64encode(hashlib.sha384(rs(9).encode()).digest()).decode(),
        "\"@babel/core@^7.24.0\":\n  version \"7.24.%d\"\n  resolved \"https://registry.yarnpkg.com/@babel/core/-/core-7.24.0.tgz#%s\"\n  integrity sha512-%s\n" % (R.randint(0, 9), sha(), base64.b64encode(hashlib.sha512(rs(9).encode()).digest()).decode()),
        "/nix/store/%s-python3-3.12.%d\n/nix/store/%s-openssl-3.0.%d" % (rs(32, "0123456789abcdfghijklmnpqrsvwxyz"), R.randint(1, 9), rs(32, "0123456789abcdfghijklmnpqrsvwxyz"), R.randint(1, 15))])
    add("neg-lockfiles-misc", False, any_shape(t))
for i in range(6):
    t = "Tx hash: 0x%s\nBlock: %d  Block hash: 0x%s\nFrom: 0x%s -> To: 0x%s  Value: 0.%d ETH\nSolana sig: %s" % (hexs(64), R.randint(19 * 10**6, 21 * 10**6), hexs(64), hexs(40), hexs(40), R.randint(1, 999), rs(88, "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"))
    add("neg-chain-hashes", False, any_shape("$ cast tx ...\n" + t))
STOP = "a about above after again against all am an and any are as at be because been before being below between both but by can did do does doing down during each few for from further had has have having he her here hers".split()
for i in range(4):
    add("neg-stopwords", False, any_shape("STOPWORDS = %s\n" % json.dumps(STOP[:R.randint(20, len(STOP))])))
for i in range(4):
    add("neg-i18n", False, any_shape(json.dumps({"auth": {"forgot_password": "Forgot your password?", "password_hint": "At least 12 characters", "api_key_label": "API key", "token_expired": "Your session token expired. Please sign in again.", "card_number": "Card number", "ssn_label": "Social Security number (last 4)"}}, indent=2)))


# ======================= ROUND 7 (name/value pair shapes) =======================
for i in range(3):
    td = {"family": "api", "containerDefinitions": [{"name": "api", "image": "%d.dkr.ecr.us-east-1.amazonaws.com/api:1.2.%d" % (R.randint(10**11, 10**12 - 1), i), "environment": [
        {"name": "NODE_ENV", "value": "production"}, {"name": "DB_PASSWORD", "value": pw()}, {"name": "SESSION_SECRET", "value": rs(40)}]}]}
    add("name-value-ecs", True, any_shape("$ aws ecs describe-task-definition --task-definition api\n" + json.dumps({"taskDefinition": td}, indent=2)), CRED)
for i in range(3):
    y = "spec:\n  containers:\n  - name: api\n    image: ghcr.io/acme/api:1.2.%d\n    env:\n    - name: LOG_LEVEL\n      value: info\n    - name: DB_PASSWORD\n      value: \"%s\"\n    - name: INTERNAL_API_TOKEN\n      value: \"%s\"\n" % (i, pw(), rs(40))
    add("name-value-k8s-env", True, any_shape("$ kubectl get deploy api -o yaml\n" + y), CRED)
for i in range(3):
    o = {"Parameters": [{"Name": "/prod/payments/db_password", "Type": "SecureString", "Value": pw(), "Version": 3, "ARN": "arn:aws:ssm:us-east-1:%d:parameter/prod/payments/db_password" % R.randint(10**11, 10**12 - 1)}], "InvalidParameters": []}
    add("name-value-ssm", True, any_shape("$ aws ssm get-parameters --names /prod/payments/db_password --with-decryption\n" + json.dumps(o, indent=4)), CRED)


# ======================= ROUND 8 (pin-downs) =======================
for i in range(4):
    hname, hval = [("authorization", "Bearer " + rs(48)), ("x-api-key", rs(40)), ("Authorization", "Basic " + base64.b64encode(("svc:" + pw()).encode()).decode()), ("X-Auth-Token", hexs(40))][i]
    har = {"log": {"entries": [{"request": {"method": "POST", "url": "https://api.acme-widgets.com/v2/orders", "headers": [{"name": "content-type", "value": "application/json"}, {"name": hname, "value": hval}]}}]}}
    add("har-variants", True, any_shape(json.dumps(har, indent=1)), CRED, where=hname)
for i in range(6):
    t = ["url=postgresql://app_user:***@localhost:5432/orders", "url=postgresql://app_user:*****@db-prod-01.internal:5432/orders", "url=postgresql://app_user:xxxxx@db-prod-01.internal:5432/orders",
         "url=postgresql://app_user:<redacted>@db-prod-01.internal:5432/orders", "url=postgresql://app_user:%2A%2A%2A@db-prod-01.internal:5432/orders", "url=postgresql://app_user:...@db-prod-01.internal:5432/orders"][i]
    add("neg-masked-dsn-variants", False, any_shape("sqlalchemy.exc.OperationalError: could not connect to server\n" + t), where=t.split(":")[2][:12])


# ======================= ROUND 9 (big transcripts) =======================
BIGCHUNK = long_session_text(600)
def big_text(nbytes):
    out = []; n = 0
    while n < nbytes: out.append(BIGCHUNK); n += len(BIGCHUNK) + 1
    return "\n".join(out)
for i, size in enumerate([1_200_000, 3_000_000, 6_000_000]):
    turns = []
    t = tid()
    body = {"model": "claude-sonnet-4-5", "max_tokens": 8192, "messages": [{"role": "user", "content": "continue the refactor"},
            {"role": "assistant", "content": [{"type": "tool_use", "id": t, "name": "Bash", "input": {"command": "cat build.log"}}]},
            {"role": "user", "content": [{"type": "tool_result", "tool_use_id": t, "content": big_text(size) + "\nDEPLOY_TOKEN=" + ghp() + "\n"}]}]}
    add("huge-body-tail", True, (ANT, body), CRED, where="%d bytes, secret at end" % size)
for i, size in enumerate([1_200_000, 3_000_000]):
    add("neg-huge-body", False, ant_tool_result(big_text(size), cmd="cat build.log"))


# ======================= ROUND 10 (PII without SSN) =======================
for i in range(4):
    rows = ["first_name,last_name,email,mobile,city,signup_date"] + ["%s,%s,%s,+1%03d%03d%04d,%s,2026-0%d-1%d" % (tuple(person()["name"].split()) + (person()["email"], R.randint(201, 989), R.randint(200, 989), R.randint(0, 9999), R.choice(["Austin", "Columbus", "Portland"]), R.randint(1, 9), R.randint(0, 9))) for _ in range(25)]
    add("contact-list-pii", True, any_shape("$ psql -c \"\\copy (select ... from crm_contacts limit 25) to stdout csv header\"\n" + "\n".join(rows)), PII)
for i in range(4):
    p = person()
    t = "Ticket #%d from %s\nCustomer: %s\nDOB: %s\nHome address: %s\nPhone: %s\nMessage: I was double charged, please call me back." % (R.randint(10**5, 10**6), p["email"], p["name"], p["dob"], p["addr"], p["phone"])
    add("single-person-contact", True, mcp_tool_result(t), PII)

with open(os.path.join(HERE, "manifest.jsonl"), "w") as fh:
    for c in cases: fh.write(json.dumps(c) + "\n")
pos = sum(1 for c in cases if "pos" in c["tags"]); neg = len(cases) - pos
print("cases", len(cases), "pos", pos, "neg", neg, "fine", len(counter), "classes", len(set(c["tags"][0] for c in cases)))
