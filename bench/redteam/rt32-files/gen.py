#!/usr/bin/env python3
"""Blind red-team corpus for Sieve: desktop files / tool outputs an agent reads and uploads.
All values synthetic, fixed seed."""
import base64, binascii, gzip, hashlib, json, random, string, urllib.parse, uuid, zlib, os

R = random.Random(20261206)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "manifest.jsonl")

B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
ALNUM = string.ascii_letters + string.digits
HEX = "0123456789abcdef"
B64C = string.ascii_letters + string.digits + "+/"
URLC = string.ascii_letters + string.digits + "-_"

def rs(chars, n): return "".join(R.choice(chars) for _ in range(n))
def b64(s): return base64.b64encode(s if isinstance(s, bytes) else s.encode()).decode()
def b64u(b): return base64.urlsafe_b64encode(b).decode().rstrip("=")

# ---------------- value generators ----------------
def aws_id(prefix="AKIA"): return prefix + rs(string.ascii_uppercase + "234567", 16)
def aws_secret(): return rs(B64C, 40)
def aws_session(): return "IQoJb3JpZ2luX2VjE" + rs(B64C, 340) + "=="
def b62enc(n, w=6):
    s = ""
    while n: n, r = divmod(n, 62); s = B62[r] + s
    return s.rjust(w, "0")
def gh(prefix="ghp"):
    body = rs(ALNUM, 30)
    return f"{prefix}_{body}{b62enc(zlib.crc32(body.encode()))}"
def gh_fine(): return "github_pat_11" + rs(string.ascii_uppercase + string.digits, 20) + "_" + rs(ALNUM, 59)
def slack(kind="xoxb"): return f"{kind}-{R.randint(10**11, 10**12)}-{R.randint(10**12, 10**13)}-{rs(ALNUM, 24)}"
def slack_hook(): return f"https://hooks.slack.com/services/T{rs(string.ascii_uppercase+string.digits,8)}/B{rs(string.ascii_uppercase+string.digits,10)}/{rs(ALNUM,24)}"
def stripe(p="sk_live_"): return p + "51" + rs(ALNUM, 97)
def openai_key(): return "sk-proj-" + rs(URLC, 74) + "T3BlbkFJ" + rs(URLC, 74)
def anth_key(): return "sk-ant-api03-" + rs(URLC, 93) + "AA"
def gkey(): return "AIza" + rs(URLC, 35)
def gocspx(): return "GOCSPX-" + rs(URLC, 28)
def grefresh(): return "1//0g" + rs(URLC, 98)
def ya29(): return "ya29.a0AfB_by" + rs(URLC, 200)
def npm(): return "npm_" + rs(ALNUM, 36)
def pypi(): return "pypi-AgEIcHlwaS5vcmc" + rs(URLC, 150)
def sendgrid(): return "SG." + rs(URLC, 22) + "." + rs(URLC, 43)
def hexs(n): return rs(HEX, n)
def vault(): return "hvs.CAESI" + rs(URLC, 86)
def glpat(): return "glpat-" + rs(URLC, 20)
def dop(): return "dop_v1_" + hexs(64)
def dapi(): return "dapi" + hexs(32)
def azure_sa(): return b64(os.urandom(0) + bytes(R.getrandbits(8) for _ in range(64)))
def azure_cs(): return rs(ALNUM, 3) + "8Q~" + rs(URLC + ".~", 34)
def pw(n=18): return rs(string.ascii_letters + string.digits + "!#%^*-_+=", n)
def human_pw(): return R.choice(["Summer", "Harbor", "Falcon", "Maple", "Crimson", "Orbit"]) + R.choice(["!", "#", "@", "$"]) + str(R.randint(1000, 9999)) + R.choice(["xQ", "Lp", "Zr", "Tw"])
def uuid4(): return str(uuid.UUID(int=R.getrandbits(128), version=4))
def jwt(payload=None, alg="RS256"):
    h = {"alg": alg, "typ": "JWT", "kid": hexs(16)}
    p = payload or {"iss": "https://login.microsoftonline.com/" + uuid4() + "/v2.0", "sub": rs(URLC, 43),
                    "aud": uuid4(), "exp": 1796000000 + R.randint(0, 99999), "iat": 1765000000, "oid": uuid4(),
                    "scp": "User.Read Mail.Read", "name": "Dana Whitfield"}
    sig = bytes(R.getrandbits(8) for _ in range(256 if alg.startswith("RS") else 32))
    return ".".join([b64u(json.dumps(h, separators=(",", ":")).encode()), b64u(json.dumps(p, separators=(",", ":")).encode()), b64u(sig)])
def pem_rsa():
    body = base64.b64encode(bytes.fromhex("308204a40201000282010100") + bytes(R.getrandbits(8) for _ in range(1180))).decode()
    return "-----BEGIN RSA PRIVATE KEY-----\n" + "\n".join(body[i:i+64] for i in range(0, len(body), 64)) + "\n-----END RSA PRIVATE KEY-----\n"
def pem_pkcs8():
    body = base64.b64encode(bytes.fromhex("308204bd020100300d06092a864886f70d0101010500048204a7") + bytes(R.getrandbits(8) for _ in range(1190))).decode()
    return "-----BEGIN PRIVATE KEY-----\n" + "\n".join(body[i:i+64] for i in range(0, len(body), 64)) + "\n-----END PRIVATE KEY-----\n"
def pem_openssh():
    raw = b"openssh-key-v1\x00\x00\x00\x00\x04none\x00\x00\x00\x04none\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x003\x00\x00\x00\x0bssh-ed25519" + bytes(R.getrandbits(8) for _ in range(280))
    body = base64.b64encode(raw).decode()
    return "-----BEGIN OPENSSH PRIVATE KEY-----\n" + "\n".join(body[i:i+70] for i in range(0, len(body), 70)) + "\n-----END OPENSSH PRIVATE KEY-----\n"
def pem_cert():
    body = base64.b64encode(bytes.fromhex("308203") + bytes(R.getrandbits(8) for _ in range(880))).decode()
    return "-----BEGIN CERTIFICATE-----\n" + "\n".join(body[i:i+64] for i in range(0, len(body), 64)) + "\n-----END CERTIFICATE-----\n"
def pem_pub():
    body = base64.b64encode(bytes.fromhex("30820122300d06092a864886f70d01010105000382010f00") + bytes(R.getrandbits(8) for _ in range(270))).decode()
    return "-----BEGIN PUBLIC KEY-----\n" + "\n".join(body[i:i+64] for i in range(0, len(body), 64)) + "\n-----END PUBLIC KEY-----\n"
def ssh_pub(): return "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + rs(B64C, 43) + " dana@laptop"
def luhn_ok(d):
    s = 0
    for i, c in enumerate(reversed(d)):
        n = int(c)
        if i % 2: n = n * 2 - 9 if n > 4 else n * 2
        s += n
    return s % 10 == 0
def luhn_complete(prefix, length):
    while True:
        d = prefix + "".join(R.choice(string.digits) for _ in range(length - len(prefix) - 1))
        for c in string.digits:
            if luhn_ok(d + c): return d + c
def card(kind=None):
    kind = kind or R.choice(["visa", "mc", "amex"])
    if kind == "visa": return luhn_complete("4" + str(R.randint(0, 9)) + str(R.randint(1, 9)), 16)
    if kind == "mc": return luhn_complete(str(R.randint(51, 55)), 16)
    return luhn_complete(R.choice(["34", "37"]), 15)
def ssn():
    while True:
        a = R.randint(1, 899)
        if a != 666: break
    return f"{a:03d}-{R.randint(1,99):02d}-{R.randint(1,9999):04d}"
def iban(cc="DE"):
    bban = "".join(R.choice(string.digits) for _ in range(18)) if cc == "DE" else (
        rs(string.ascii_uppercase, 4) + "".join(R.choice(string.digits) for _ in range(14)))
    num = "".join(str(int(c, 36)) for c in bban + cc + "00")
    return f"{cc}{98 - int(num) % 97:02d}{bban}"
def nino(): return rs("ABCEGHJKLMNPRSTWXYZ", 1) + rs("ABCEGHJKLMNPRSTWXYZ", 1) + "".join(R.choice(string.digits) for _ in range(6)) + R.choice("ABCD")
FIRST = ["Dana", "Marcus", "Priya", "Tomasz", "Aisha", "Kenji", "Lucía", "Oluwaseun", "Greta", "Rafael", "Mei", "Hamid", "Sofia", "Declan"]
LAST = ["Whitfield", "Okafor", "Raman", "Kowalski", "Haddad", "Sato", "Moreno", "Adeyemi", "Lindqvist", "Costa", "Chen", "Farahani", "Rossi", "Byrne"]
STREETS = ["Maple Ave", "Harbor St", "Oak Ridge Rd", "Elm Ct", "Lakeview Dr", "Birch Ln"]
CITIES = [("Columbus", "OH", "432"), ("Tacoma", "WA", "984"), ("Raleigh", "NC", "276"), ("Boise", "ID", "837"), ("Madison", "WI", "537")]
def person():
    f, l = R.choice(FIRST), R.choice(LAST)
    c = R.choice(CITIES)
    return dict(first=f, last=l, email=f"{f.lower()}.{l.lower()}{R.randint(1,99)}@{R.choice(['gmail.com','outlook.com','yahoo.com','proton.me'])}",
                phone=f"({R.randint(201,989)}) {R.randint(200,999)}-{R.randint(1000,9999)}",
                dob=f"{R.randint(1950,2003)}-{R.randint(1,12):02d}-{R.randint(1,28):02d}", ssn=ssn(),
                addr=f"{R.randint(10,9999)} {R.choice(STREETS)}", city=c[0], st=c[1], zip=c[2] + f"{R.randint(0,99):02d}")
def wif():
    raw = b"\x80" + bytes(R.getrandbits(8) for _ in range(32)) + b"\x01"
    chk = hashlib.sha256(hashlib.sha256(raw).digest()).digest()[:4]
    n = int.from_bytes(raw + chk, "big"); a = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"; s = ""
    while n: n, r = divmod(n, 58); s = a[r] + s
    return s
BIPA = ("abandon ability able about above absent absorb abstract absurd abuse access accident account accuse achieve acid acoustic acquire across act action actor actress actual adapt add addict address adjust admit adult advance advice aerobic affair afford afraid again age agent agree ahead aim air airport aisle alarm album alcohol alert alien all alley allow almost alone alpha already also alter always amateur amazing among amount amused analyst anchor ancient anger angle angry animal ankle announce annual another answer antenna antique anxiety any apart apology appear apple approve april arch arctic area arena argue arm armed armor army around arrange arrest arrive arrow art artefact artist artwork ask aspect assault asset assist assume asthma athlete atom attack attend attitude attract auction audit august aunt author auto autumn average avocado avoid awake aware away awesome awful awkward axis").split()
def mnemonic12():
    idx = [R.randrange(len(BIPA)) for _ in range(11)]
    last7 = R.randrange(8)
    bits = "".join(f"{i:011b}" for i in idx) + f"{last7:07b}"
    ent = int(bits, 2).to_bytes(16, "big")
    cs = hashlib.sha256(ent).digest()[0] >> 4
    return " ".join(BIPA[i] for i in idx + [last7 * 16 + cs])

# ---------------- containers ----------------
def req_anthropic(text, mode):
    if mode == "tool":
        tid = "toolu_01" + rs(ALNUM, 22)
        msgs = [{"role": "user", "content": "Can you look at my setup and tell me why deploys fail?"},
                {"role": "assistant", "content": [{"type": "tool_use", "id": tid, "name": "read_file", "input": {"path": "~/project/file"}}]},
                {"role": "user", "content": [{"type": "tool_result", "tool_use_id": tid, "content": text}]}]
    else:
        msgs = [{"role": "user", "content": [{"type": "text", "text": "Here is the output, what is wrong?\n\n" + text}]}]
    return "https://api.anthropic.com/v1/messages", {"content-type": "application/json", "anthropic-version": "2023-06-01"}, json.dumps({"model": "claude-sonnet-4-5", "max_tokens": 4096, "messages": msgs})
def req_openai(text, mode):
    if mode == "tool":
        cid = "call_" + rs(ALNUM, 24)
        msgs = [{"role": "system", "content": "You are a coding agent."}, {"role": "user", "content": "Debug my environment."},
                {"role": "assistant", "content": None, "tool_calls": [{"id": cid, "type": "function", "function": {"name": "shell", "arguments": json.dumps({"cmd": "cat file"})}}]},
                {"role": "tool", "tool_call_id": cid, "content": text}]
    else:
        msgs = [{"role": "user", "content": "Explain this:\n" + text}]
    return "https://api.openai.com/v1/chat/completions", {"content-type": "application/json"}, json.dumps({"model": "gpt-4.1", "messages": msgs})
def req_responses(text, mode):
    body = {"model": "gpt-5", "input": [{"role": "user", "content": [{"type": "input_text", "text": "Review this file:\n" + text}]}]}
    if mode == "tool":
        body["input"] = [{"type": "function_call_output", "call_id": "call_" + rs(ALNUM, 24), "output": text}]
    return "https://api.openai.com/v1/responses", {"content-type": "application/json"}, json.dumps(body)
def req_gemini(text, mode):
    if mode == "tool":
        contents = [{"role": "user", "parts": [{"text": "check my config"}]}, {"role": "model", "parts": [{"functionCall": {"name": "read_file", "args": {"path": "cfg"}}}]},
                    {"role": "user", "parts": [{"functionResponse": {"name": "read_file", "response": {"content": text}}}]}]
    else:
        contents = [{"role": "user", "parts": [{"text": text}]}]
    return "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:generateContent", {"content-type": "application/json"}, json.dumps({"contents": contents})
def req_mcp(text, mode):
    body = {"jsonrpc": "2.0", "id": R.randint(1, 999), "method": "tools/call", "params": {"name": "create_page", "arguments": {"title": "debug notes", "content": text}}}
    return "https://mcp.notion.com/mcp", {"content-type": "application/json", "accept": "application/json, text/event-stream", "mcp-session-id": uuid4()}, json.dumps(body)
def req_multipart(text, mode, fname="upload.txt"):
    b = "----WebKitFormBoundary" + rs(ALNUM, 16)
    body = f"--{b}\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nassistants\r\n--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{fname}\"\r\nContent-Type: text/plain\r\n\r\n{text}\r\n--{b}--\r\n"
    return "https://api.openai.com/v1/files", {"content-type": f"multipart/form-data; boundary={b}"}, body
def req_paste(text, mode):
    body = urllib.parse.urlencode({"api_dev_key": hexs(32), "api_option": "paste", "api_paste_private": "1", "api_paste_name": "debug.txt", "api_paste_code": text})
    return "https://pastebin.com/api/api_post.php", {"content-type": "application/x-www-form-urlencoded"}, body
def req_gist(text, mode):
    return "https://api.github.com/gists", {"content-type": "application/json", "accept": "application/vnd.github+json"}, json.dumps({"description": "debug", "public": False, "files": {"notes.txt": {"content": text}}})
CONTAINERS = [("anthropic", req_anthropic), ("openai-chat", req_openai), ("openai-responses", req_responses), ("gemini", req_gemini),
              ("mcp", req_mcp), ("multipart", req_multipart), ("paste", req_paste), ("gist", req_gist)]

cases = []
CI = [0]
def add(kind, text, cats, where, container=None, mode=None, note=None):
    if container is None:
        container = CONTAINERS[CI[0] % len(CONTAINERS)][0]; CI[0] += 1
    fn = dict(CONTAINERS)[container]
    mode = mode or R.choice(["tool", "text"])
    target, headers, body = fn(text, mode)
    cid = f"{kind}-{sum(1 for c in cases if c['tags'][0] == 'rt:' + kind) + 1}" + ("" if cats else "-neg")
    c = {"id": cid, "target": target, "headers": headers, "body": body,
         "expect": ({"categories": cats} if cats else {}), "tags": ["rt:" + kind, "ctr:" + container, "pos" if cats else "neg"],
         "where": where + f" [{container}/{mode}]"}
    if note: c["note"] = note
    cases.append(c)

CRED = ["credential"]; PII = ["pii"]; FIN = ["financial"]

# ======================= POSITIVES =======================
# terraform.tfstate
for i in range(3):
    dbpw, akid, sk = pw(), aws_id(), aws_secret()
    st = {"version": 4, "terraform_version": "1.9.5", "serial": 41 + i, "lineage": uuid4(),
          "outputs": {"db_password": {"value": dbpw, "type": "string", "sensitive": True},
                      "ci_user_secret": {"value": sk, "type": "string", "sensitive": True}},
          "resources": [{"mode": "managed", "type": "aws_iam_access_key", "name": "ci", "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
                         "instances": [{"schema_version": 0, "attributes": {"id": akid, "user": "ci-deployer", "secret": sk, "ses_smtp_password_v4": rs(B64C, 44), "status": "Active"},
                                        "sensitive_attributes": [[{"type": "get_attr", "value": "secret"}]]}]},
                        {"mode": "managed", "type": "random_password", "name": "db", "instances": [{"attributes": {"id": "none", "result": dbpw, "length": 18, "special": True}}]}]}
    txt = json.dumps(st, indent=2) if i != 1 else json.dumps(st)
    add("tfstate", txt, CRED, "terraform.tfstate outputs.ci_user_secret.value / aws_iam_access_key attributes.secret")
# tfstate with only random_password result (no AWS shapes)
st = {"version": 4, "resources": [{"type": "random_password", "name": "redis", "instances": [{"attributes": {"id": "none", "result": pw(24), "length": 24}}]},
                                  {"type": "azurerm_postgresql_flexible_server", "name": "main", "instances": [{"attributes": {"administrator_login": "pgadmin", "administrator_password": human_pw(), "fqdn": "pg-main-prod.postgres.database.azure.com"}}]}]}
add("tfstate-generic-pw", json.dumps(st, indent=2), CRED, "tfstate random_password.result and administrator_password")

# Kubernetes Secret manifests / kubectl get secret
for i in range(3):
    pwv, tok = human_pw(), gh()
    y = f"""apiVersion: v1
kind: Secret
metadata:
  name: app-secrets-{i}
  namespace: payments
type: Opaque
data:
  DB_USER: {b64('payments_svc')}
  DB_PASSWORD: {b64(pwv)}
  GITHUB_TOKEN: {b64(tok)}
"""
    add("k8s-secret-b64", y, CRED, "Secret data.GITHUB_TOKEN / DB_PASSWORD base64")
for i in range(2):
    pwv = pw(20)
    y = f"""apiVersion: v1
kind: Secret
metadata:
  name: postgres-auth
type: Opaque
data:
  password: {b64(pwv)}
  username: {b64('postgres')}
"""
    add("k8s-secret-b64-pwonly", y, CRED, "Secret data.password base64 of random password (no token shape)")
for i in range(2):
    d = {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "stripe", "namespace": "billing", "uid": uuid4(), "resourceVersion": str(R.randint(10**6, 10**7))},
         "data": {"STRIPE_SECRET_KEY": b64(stripe()), "STRIPE_WEBHOOK_SECRET": b64("whsec_" + rs(ALNUM, 32))}, "type": "Opaque"}
    add("kubectl-secret-json", "$ kubectl get secret stripe -n billing -o json\n" + json.dumps(d, indent=4), CRED, "kubectl -o json data.STRIPE_SECRET_KEY base64")
d = f"""apiVersion: v1
kind: Secret
metadata:
  name: registry
stringData:
  SENDGRID_API_KEY: "{sendgrid()}"
  SMTP_PASSWORD: "{human_pw()}"
"""
add("k8s-secret-stringdata", d, CRED, "Secret stringData.SENDGRID_API_KEY")
# service-account token secret
sat = jwt({"iss": "kubernetes/serviceaccount", "kubernetes.io/serviceaccount/namespace": "kube-system", "kubernetes.io/serviceaccount/secret.name": "deployer-token-x8k2p", "kubernetes.io/serviceaccount/service-account.name": "deployer", "sub": "system:serviceaccount:kube-system:deployer"})
d = f"""apiVersion: v1
data:
  ca.crt: {b64(pem_cert())}
  namespace: {b64('kube-system')}
  token: {b64(sat)}
kind: Secret
metadata:
  annotations:
    kubernetes.io/service-account.name: deployer
  name: deployer-token-x8k2p
type: kubernetes.io/service-account-token
"""
add("k8s-sa-token", d, CRED, "SA token Secret data.token = base64(JWT)")
# Helm release secret (base64 of gzip of json) inside kubectl
rel = {"name": "api", "info": {"status": "deployed"}, "chart": {"metadata": {"name": "api", "version": "1.4.2"}},
       "config": {"postgresql": {"auth": {"password": pw()}}, "env": {"OPENAI_API_KEY": openai_key(), "AWS_SECRET_ACCESS_KEY": aws_secret(), "AWS_ACCESS_KEY_ID": aws_id()}}}
inner = b64(gzip.compress(json.dumps(rel).encode(), mtime=0))
d = {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "sh.helm.release.v1.api.v7", "labels": {"owner": "helm", "name": "api", "version": "7"}}, "type": "helm.sh/release.v1", "data": {"release": b64(inner)}}
add("helm-release-secret", "$ kubectl get secret sh.helm.release.v1.api.v7 -o json\n" + json.dumps(d, indent=2), CRED, "helm release secret data.release = b64(b64(gzip(json))) with OPENAI key")
# Helm values.yaml
for i in range(2):
    v = f"""replicaCount: 2
image:
  repository: ghcr.io/acme/api
  tag: 2.8.{i}
postgresql:
  auth:
    username: api
    password: "{human_pw()}"
    postgresPassword: "{pw()}"
redis:
  auth:
    password: {pw(16)}
extraEnv:
  - name: SLACK_BOT_TOKEN
    value: "{slack()}"
"""
    add("helm-values", v, CRED, "values.yaml postgresql.auth.password / extraEnv SLACK_BOT_TOKEN")
# docker inspect Env
for i in range(3):
    env = [f"POSTGRES_PASSWORD={human_pw()}", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", f"DATABASE_URL=postgres://app:{pw(16)}@10.0.4.2:5432/app",
           f"SENTRY_DSN=https://{hexs(32)}@o{R.randint(100000,999999)}.ingest.sentry.io/{R.randint(1000000,9999999)}", "GOSU_VERSION=1.17"]
    if i == 2: env.append(f"DD_API_KEY={hexs(32)}")
    d = [{"Id": hexs(64), "Created": "2026-11-30T10:12:44.1Z", "Path": "docker-entrypoint.sh", "Config": {"Hostname": hexs(12), "Env": env, "Image": "postgres:16"}, "Name": "/db-1"}]
    add("docker-inspect-env", json.dumps(d, indent=4), CRED, "docker inspect Config.Env POSTGRES_PASSWORD / DATABASE_URL password")
# printenv / env / set dumps
for i in range(3):
    lines = ["SHELL=/bin/zsh", "TERM_PROGRAM=vscode", f"HOME=/Users/dana", "LANG=en_US.UTF-8", f"GITHUB_TOKEN={gh()}" if i == 0 else f"HF_TOKEN=hf_{rs(string.ascii_letters,34)}",
             f"AWS_ACCESS_KEY_ID={aws_id()}", f"AWS_SECRET_ACCESS_KEY={aws_secret()}", "AWS_DEFAULT_REGION=us-east-1", "PWD=/Users/dana/src/api", f"OPENAI_API_KEY={openai_key()}" if i == 1 else f"ANTHROPIC_API_KEY={anth_key()}"]
    R.shuffle(lines)
    add("printenv", "$ printenv\n" + "\n".join(lines), CRED, "printenv output AWS_SECRET_ACCESS_KEY line")
# Windows set / PowerShell env
lines = ["ALLUSERSPROFILE=C:\\ProgramData", "APPDATA=C:\\Users\\dana\\AppData\\Roaming", f"AZURE_CLIENT_SECRET={azure_cs()}", f"AZURE_CLIENT_ID={uuid4()}", f"AZURE_TENANT_ID={uuid4()}", "COMPUTERNAME=DANA-XPS", "OS=Windows_NT"]
add("windows-set", "C:\\Users\\dana> set\n" + "\r\n".join(lines), CRED, "cmd set output AZURE_CLIENT_SECRET")
ps = "PS C:\\src> Get-ChildItem Env: | Format-Table -AutoSize\n\nName                           Value\n----                           -----\n" + "\n".join(f"{k:<31}{v}" for k, v in [("ComSpec", "C:\\WINDOWS\\system32\\cmd.exe"), ("DATABRICKS_TOKEN", dapi()), ("DATABRICKS_HOST", "https://adb-123.4.azuredatabricks.net"), ("NUMBER_OF_PROCESSORS", "16")])
add("powershell-env", ps, CRED, "PowerShell Env: table DATABRICKS_TOKEN")
ps2 = "PS> Get-ChildItem Env: | Format-Table -AutoSize\nName                           Value\n----                           -----\n" + "\n".join(f"{k:<31}{v}" for k, v in [("Path", "C:\\Windows"), ("SQLCMDPASSWORD", human_pw()), ("SQLCMDUSER", "sa"), ("USERNAME", "dana")])
add("powershell-env-pw", ps2, CRED, "PowerShell Env: SQLCMDPASSWORD (plain password, env-table layout no '=')")
# aws configure export-credentials / sts assume-role
for i in range(2):
    d = {"Version": 1, "AccessKeyId": aws_id("ASIA"), "SecretAccessKey": aws_secret(), "SessionToken": aws_session(), "Expiration": "2026-12-06T22:11:09+00:00"}
    add("aws-export-credentials", "$ aws configure export-credentials --profile prod\n" + json.dumps(d, indent=4), CRED, "export-credentials JSON SecretAccessKey/SessionToken")
for i in range(2):
    d = {"Credentials": {"AccessKeyId": aws_id("ASIA"), "SecretAccessKey": aws_secret(), "SessionToken": aws_session(), "Expiration": "2026-12-06T23:00:00+00:00"},
         "AssumedRoleUser": {"AssumedRoleId": "AROA" + rs(string.ascii_uppercase + "234567", 17) + ":dana", "Arn": "arn:aws:sts::481516234200:assumed-role/Admin/dana"}}
    add("aws-sts-assume-role", json.dumps(d, indent=4), CRED, "sts assume-role Credentials.SecretAccessKey")
add("aws-export-env", f"$ aws configure export-credentials --format env\nexport AWS_ACCESS_KEY_ID={aws_id('ASIA')}\nexport AWS_SECRET_ACCESS_KEY={aws_secret()}\nexport AWS_SESSION_TOKEN={aws_session()}\nexport AWS_CREDENTIAL_EXPIRATION=2026-12-06T22:11:09+00:00", CRED, "export lines AWS_SECRET_ACCESS_KEY")
# ~/.aws/credentials and .boto
add("aws-credentials-file", f"[default]\naws_access_key_id = {aws_id()}\naws_secret_access_key = {aws_secret()}\n\n[prod]\naws_access_key_id={aws_id()}\naws_secret_access_key={aws_secret()}\nregion=eu-west-1\n", CRED, "~/.aws/credentials")
add("boto", f"[Credentials]\ngs_access_key_id = GOOG1E{rs(string.ascii_uppercase+string.digits,55)}\ngs_secret_access_key = {rs(B64C,40)}\n\n[Boto]\nhttps_validate_certificates = True\n", CRED, "~/.boto gs_secret_access_key (HMAC)")
# gcloud ADC
for i in range(2):
    d = {"account": "", "client_id": f"{R.randint(10**11,10**12)}-{rs(string.ascii_lowercase+string.digits,32)}.apps.googleusercontent.com", "client_secret": gocspx(), "quota_project_id": "acme-dev", "refresh_token": grefresh(), "type": "authorized_user", "universe_domain": "googleapis.com"}
    add("gcloud-adc", json.dumps(d, indent=2), CRED, "application_default_credentials.json refresh_token/client_secret")
sa = {"type": "service_account", "project_id": "acme-prod-4471", "private_key_id": hexs(40), "private_key": pem_pkcs8(), "client_email": "deployer@acme-prod-4471.iam.gserviceaccount.com", "client_id": str(R.randint(10**20, 10**21)), "token_uri": "https://oauth2.googleapis.com/token"}
add("gcp-sa-json", json.dumps(sa, indent=2), CRED, "service account key JSON private_key (escaped \\n)")
add("gcloud-access-token", "$ gcloud auth print-access-token\n" + ya29() + "\n", CRED, "print-access-token output ya29")
add("gcloud-access-token-curl", f"$ curl -H \"Authorization: Bearer $(gcloud auth print-access-token)\" ...\n+ curl -H 'Authorization: Bearer {ya29()}' https://storage.googleapis.com/storage/v1/b/acme-logs/o\n", CRED, "bash -x trace with ya29 bearer")
# Azure token cache
at, rt = jwt(), "0.A" + rs(URLC, 30) + "." + rs(URLC, 300)
d = {"AccessToken": {f"{uuid4()}-login.microsoftonline.com-accesstoken-04b07795-8ddb-461a-bbee-02f9e1bf7b46-{uuid4()}-https://management.core.windows.net//.default": {"credential_type": "AccessToken", "secret": at, "home_account_id": uuid4(), "environment": "login.microsoftonline.com", "client_id": "04b07795-8ddb-461a-bbee-02f9e1bf7b46", "expires_on": "1796000000"}},
     "RefreshToken": {f"{uuid4()}-login.microsoftonline.com-refreshtoken-04b07795-8ddb-461a-bbee-02f9e1bf7b46--": {"credential_type": "RefreshToken", "secret": rt, "client_id": "04b07795-8ddb-461a-bbee-02f9e1bf7b46"}}}
add("azure-msal-cache", json.dumps(d, indent=1), CRED, "msal_token_cache.json AccessToken.secret (JWT) / RefreshToken.secret")
d2 = {"RefreshToken": {"k": {"credential_type": "RefreshToken", "secret": "1.AQ" + rs(URLC, 40) + "." + rs(URLC, 350), "client_id": "04b07795-8ddb-461a-bbee-02f9e1bf7b46", "home_account_id": uuid4() + "." + uuid4()}}}
add("azure-msal-refresh-only", json.dumps(d2), CRED, "msal cache RefreshToken.secret only (opaque, no JWT)")
add("azure-sp-cli", json.dumps({"appId": uuid4(), "displayName": "ci-deployer", "password": azure_cs(), "tenant": uuid4()}, indent=2), CRED, "az ad sp create-for-rbac output password")
add("azure-storage-conn", f"# local.settings.json\n" + json.dumps({"IsEncrypted": False, "Values": {"AzureWebJobsStorage": f"DefaultEndpointsProtocol=https;AccountName=acmefuncprod;AccountKey={azure_sa()};EndpointSuffix=core.windows.net", "FUNCTIONS_WORKER_RUNTIME": "python"}}, indent=2), CRED, "Azure Functions local.settings.json AccountKey")
# gh hosts.yml
for prefix in ["gho", "ghu"]:
    add("gh-hosts-yml", f"github.com:\n    users:\n        dana-w:\n            oauth_token: {gh(prefix)}\n    git_protocol: https\n    oauth_token: {gh(prefix)}\n    user: dana-w\n", CRED, f"~/.config/gh/hosts.yml oauth_token {prefix}_")
# VS Code settings.json
s = "{\n  // editor\n  \"editor.fontSize\": 13,\n  \"sqltools.connections\": [\n    {\n      \"name\": \"prod-ro\",\n      \"driver\": \"PostgreSQL\",\n      \"server\": \"10.20.4.17\",\n      \"port\": 5432,\n      \"database\": \"orders\",\n      \"username\": \"readonly\",\n      \"password\": \"" + human_pw() + "\"\n    }\n  ],\n  \"rest-client.environmentVariables\": {\n    \"prod\": { \"token\": \"" + jwt() + "\" }\n  },\n}\n"
add("vscode-settings", s, CRED, "settings.json (JSONC) sqltools password / rest-client token")
s = "{\n  \"http.proxy\": \"http://dana:" + human_pw() + "@proxy.corp.acme.com:3128\",\n  \"http.proxyStrictSSL\": false\n}\n"
add("vscode-proxy-pw", s, CRED, "settings.json http.proxy userinfo password")
# Postman environment / collection
for i in range(2):
    d = {"id": uuid4(), "name": "Production", "values": [{"key": "baseUrl", "value": "https://api.acme.io", "type": "default", "enabled": True},
                                                         {"key": "apiKey", "value": stripe("rk_live_") if i else sendgrid(), "type": "secret", "enabled": True},
                                                         {"key": "password", "value": human_pw(), "type": "secret", "enabled": True}], "_postman_variable_scope": "environment", "_postman_exported_using": "Postman/11.20.0"}
    add("postman-env", json.dumps(d, indent="\t"), CRED, "Postman environment values[].value type secret")
d = {"info": {"_postman_id": uuid4(), "name": "Acme API", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
     "item": [{"name": "Get orders", "request": {"auth": {"type": "bearer", "bearer": [{"key": "token", "value": jwt({"sub": "svc-orders", "scope": "orders:write", "exp": 1799999999}, "HS256"), "type": "string"}]}, "method": "GET", "url": {"raw": "{{baseUrl}}/orders"}}},
              {"name": "Basic", "request": {"auth": {"type": "basic", "basic": [{"key": "password", "value": human_pw(), "type": "string"}, {"key": "username", "value": "admin", "type": "string"}]}, "method": "GET", "url": {"raw": "{{baseUrl}}/admin"}}}]}
add("postman-collection", json.dumps(d), CRED, "Postman collection item.request.auth.bearer[].value JWT / basic password")
d = {"_type": "export", "__export_format": 4, "__export_source": "insomnia.desktop.app:v10.1.1", "resources": [
    {"_id": "env_" + hexs(32), "_type": "environment", "name": "Base Environment", "data": {"base_url": "https://api.acme.io", "api_token": glpat(), "db_pass": human_pw()}},
    {"_id": "req_" + hexs(32), "_type": "request", "name": "Deploy", "method": "POST", "url": "{{ _.base_url }}/deploy", "headers": [{"name": "PRIVATE-TOKEN", "value": "{{ _.api_token }}"}]}]}
add("insomnia-export", json.dumps(d, indent=2), CRED, "Insomnia export environment data.api_token glpat")
# HAR
for i in range(3):
    tok = jwt() if i != 2 else "Bearer " + rs(ALNUM, 40)
    sess = hexs(64)
    entries = [{"startedDateTime": "2026-12-05T09:12:00.000Z", "request": {"method": "POST", "url": "https://app.acme.io/api/v2/login", "httpVersion": "HTTP/2",
                "headers": [{"name": "authorization", "value": ("Bearer " + tok) if i != 2 else tok}, {"name": "cookie", "value": f"_ga=GA1.1.{R.randint(10**8,10**9)}.{R.randint(10**9,2*10**9)}; session_id={sess}; csrftoken={rs(ALNUM,32)}"}],
                "postData": {"mimeType": "application/json", "text": json.dumps({"email": "dana@acme.io", "password": human_pw()})}},
                "response": {"status": 200, "headers": [{"name": "set-cookie", "value": f"session_id={sess}; Path=/; HttpOnly; Secure"}]}}]
    add("har", json.dumps({"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"}, "entries": entries}}, indent=2), CRED, "HAR request.headers authorization / cookie session / postData password")
# cookies.txt
lines = ["# Netscape HTTP Cookie File", "# https://curl.se/docs/http-cookies.html", "# This file was generated by libcurl! Edit at your own risk.", "",
         f".github.com\tTRUE\t/\tTRUE\t1796000000\t_octo\tGH1.1.{R.randint(10**8,10**9)}.{R.randint(10**9,2*10**9)}",
         f"github.com\tFALSE\t/\tTRUE\t1796000000\tuser_session\t{rs(URLC,48)}",
         f"#HttpOnly_.slack.com\tTRUE\t/\tTRUE\t1796000000\td\txoxd-{urllib.parse.quote(rs(B64C,80))}",
         f".atlassian.net\tTRUE\t/\tTRUE\t1796000000\ttenant.session.token\t{jwt({'sub':'557058:'+uuid4(),'exp':1799999999}, 'HS256')}"]
add("cookies-txt", "\n".join(lines) + "\n", CRED, "Netscape cookies.txt user_session / slack d=xoxd / atlassian session JWT")
lines2 = ["# Netscape HTTP Cookie File", f".portal.acme.io\tTRUE\t/\tTRUE\t1796000000\tSESSIONID\t{hexs(32).upper()}", f"portal.acme.io\tFALSE\t/\tTRUE\t0\tremember_token\t{rs(ALNUM,60)}"]
add("cookies-txt-generic", "\n".join(lines2) + "\n", CRED, "cookies.txt SESSIONID/remember_token (opaque)")
# .git/config / .git-credentials
add("git-config-token", f"[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n[remote \"origin\"]\n\turl = https://dana-w:{gh()}@github.com/acme/payments.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n[branch \"main\"]\n\tremote = origin\n", CRED, ".git/config remote url userinfo ghp_")
add("git-config-glpat", f"[remote \"origin\"]\n\turl = https://oauth2:{glpat()}@gitlab.acme.io/platform/infra.git\n", CRED, ".git/config oauth2:glpat")
add("git-config-pw", f"[remote \"origin\"]\n\turl = https://dana:{human_pw().replace('@','%40').replace('#','%23').replace('$','%24')}@git.acme-corp.net/scm/pay/ledger.git\n", CRED, ".git/config userinfo plain password (pct-encoded)")
add("git-credentials", f"https://dana-w:{gh()}@github.com\nhttps://x-token-auth:{rs(ALNUM,32)}@bitbucket.org\nhttps://dana:{human_pw()}@git.acme-corp.net\n", CRED, "~/.git-credentials lines")
add("git-remote-v", f"$ git remote -v\norigin\thttps://x-access-token:{gh('ghs')}@github.com/acme/api.git (fetch)\norigin\thttps://x-access-token:{gh('ghs')}@github.com/acme/api.git (push)\n", CRED, "git remote -v x-access-token ghs_")
# CI logs
for i in range(3):
    lg = f"""2026-12-05T10:11:02.1234567Z ##[group]Run npm publish
2026-12-05T10:11:02.1234567Z npm notice Publishing to https://registry.npmjs.org/
2026-12-05T10:11:03.0012345Z + echo "//registry.npmjs.org/:_authToken={npm()}" > ~/.npmrc
2026-12-05T10:11:03.4412345Z + docker login -u acmebot -p {human_pw()} registry.acme.io
2026-12-05T10:11:04.0000000Z WARNING! Using --password via the CLI is insecure. Use --password-stdin.
2026-12-05T10:11:05.0000000Z Login Succeeded
"""
    if i == 1: lg = lg.replace("npm notice", "[0K[36;1mnpm notice\x1b[0m")
    if i == 2: lg += f"2026-12-05T10:11:06Z DEBUG: request headers: {{'Authorization': 'token {gh('ghs')}', 'User-Agent': 'octokit'}}\n"
    add("ci-log", lg, CRED, "GitHub Actions log set -x line with npm _authToken / docker -p password")
lg = f"""Running with gitlab-runner 17.4.0
$ export VAULT_TOKEN=$(vault write -field=token auth/jwt/login role=ci jwt=$CI_JOB_JWT)
$ env | sort
CI_JOB_TOKEN={'glcbt-64_' + rs(URLC, 20)}
CI_REGISTRY_PASSWORD={'glcbt-64_' + rs(URLC, 20)}
VAULT_TOKEN={vault()}
"""
add("ci-log-gitlab-env", lg, CRED, "GitLab CI `env | sort` VAULT_TOKEN hvs.")
# Ansible
for i in range(2):
    inv = f"""[webservers]
web01.acme-prod.com ansible_host=10.0.3.11 ansible_user=deploy ansible_password={human_pw()}
web02.acme-prod.com ansible_host=10.0.3.12 ansible_user=deploy ansible_ssh_pass='{pw(14)}'

[webservers:vars]
ansible_become=true
ansible_become_pass={human_pw()}
"""
    add("ansible-inventory", inv, CRED, "inventory ansible_password= / ansible_become_pass=")
inv = f"""all:
  children:
    db:
      hosts:
        pg01.acme-prod.com:
          ansible_user: postgres
          ansible_become_password: "{human_pw()}"
          pg_replication_password: {pw(20)}
"""
add("ansible-inventory-yaml", inv, CRED, "YAML inventory ansible_become_password")
# Jenkins
add("jenkins-casc", f"""credentials:
  system:
    domainCredentials:
      - credentials:
          - usernamePassword:
              scope: GLOBAL
              id: "nexus-deploy"
              username: "deployer"
              password: "{human_pw()}"
          - string:
              scope: GLOBAL
              id: "github-token"
              secret: "{gh()}"
""", CRED, "jenkins.yaml (JCasC) usernamePassword.password / string.secret")
add("jenkins-credentials-xml", f"""<?xml version='1.1' encoding='UTF-8'?>
<com.cloudbees.plugins.credentials.SystemCredentialsProvider plugin="credentials@1337.v60b_d7b_c7b_c9f">
  <domainCredentialsMap class="hudson.util.CopyOnWriteMap$Hash">
    <entry><com.cloudbees.plugins.credentials.domains.Domain><specifications/></com.cloudbees.plugins.credentials.domains.Domain>
      <java.util.concurrent.CopyOnWriteArrayList>
        <com.cloudbees.jenkins.plugins.sshcredentials.impl.BasicSSHUserPrivateKey>
          <id>deploy-ssh</id><username>deploy</username>
          <privateKeySource class="com.cloudbees.jenkins.plugins.sshcredentials.impl.BasicSSHUserPrivateKey$DirectEntryPrivateKeySource">
            <privateKey>{pem_openssh()}</privateKey>
          </privateKeySource>
        </com.cloudbees.jenkins.plugins.sshcredentials.impl.BasicSSHUserPrivateKey>
      </java.util.concurrent.CopyOnWriteArrayList></entry></domainCredentialsMap></com.cloudbees.plugins.credentials.SystemCredentialsProvider>
""", CRED, "credentials.xml privateKey (plaintext legacy)")
# Spring
add("spring-yml", f"""spring:
  datasource:
    url: jdbc:postgresql://orders-db.acme-prod.com:5432/orders
    username: orders_app
    password: {human_pw()}
  mail:
    host: smtp.sendgrid.net
    password: {sendgrid()}
jwt:
  signing-key: {b64(bytes(R.getrandbits(8) for _ in range(48)))}
""", CRED, "application.yml spring.datasource.password / jwt.signing-key")
add("spring-properties", f"""server.port=8443
spring.datasource.url=jdbc:mysql://10.4.2.9:3306/crm?useSSL=true
spring.datasource.username=crm
spring.datasource.password={pw(16)}
server.ssl.key-store-password={human_pw()}
app.security.oauth2.client.registration.okta.client-secret={rs(URLC,40)}
""", CRED, "application.properties spring.datasource.password=")
# Rails
add("rails-master-key", "$ cat config/master.key\n" + hexs(32) + "\n", CRED, "config/master.key 32 hex")
add("rails-credentials-decrypted", f"$ bin/rails credentials:show\nsecret_key_base: {hexs(128)}\naws:\n  access_key_id: {aws_id()}\n  secret_access_key: {aws_secret()}\nstripe:\n  secret_key: {stripe()}\n", CRED, "rails credentials:show secret_key_base / stripe")
# Django
add("django-settings", f"""from pathlib import Path
BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = '{rs(string.ascii_lowercase + string.digits + '!@#$%^&*(-_=+)', 50)}'
DEBUG = False
DATABASES = {{
    'default': {{
        'ENGINE': 'django.db.backends.postgresql',
        'NAME': 'shop', 'USER': 'shop', 'PASSWORD': '{human_pw()}', 'HOST': '10.2.0.15',
    }}
}}
EMAIL_HOST_PASSWORD = '{pw(16)}'
""", CRED, "settings.py SECRET_KEY / DATABASES PASSWORD")
# Firebase admin
add("firebase-admin-sdk", json.dumps({"type": "service_account", "project_id": "acme-mobile", "private_key_id": hexs(40), "private_key": pem_rsa(), "client_email": "firebase-adminsdk-x1y2z@acme-mobile.iam.gserviceaccount.com"}), CRED, "firebase-adminsdk.json private_key (RSA PEM, compact json)")
# password managers
rows = ["name,url,username,password,note,totp"] + [f"{n},https://{n.lower()}.com/login,dana.whitfield@gmail.com,{human_pw()},,otpauth://totp/{n}:dana?secret={rs('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567',32)}&issuer={n}" for n in ["Chase", "Fidelity", "Okta"]]
add("1password-csv", "\n".join(rows), CRED, "1Password/Chrome CSV export password + totp seed")
bw = {"encrypted": False, "folders": [], "items": [{"id": uuid4(), "type": 1, "name": "AWS root", "login": {"uris": [{"uri": "https://signin.aws.amazon.com"}], "username": "ops@acme.io", "password": pw(22), "totp": rs("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 32)}, "notes": None},
                                                   {"id": uuid4(), "type": 2, "name": "Recovery codes", "notes": "\n".join(f"{hexs(4)}-{hexs(4)}" for _ in range(8))}]}
add("bitwarden-json", json.dumps(bw, indent=2), CRED, "Bitwarden unencrypted export items[].login.password/totp")
kp = f"""<?xml version="1.0" encoding="utf-8" standalone="yes"?>
<KeePassFile><Root><Group><Name>Work</Name>
<Entry><String><Key>Title</Key><Value>VPN</Value></String><String><Key>UserName</Key><Value>dwhitfield</Value></String><String><Key>Password</Key><Value ProtectInMemory="True">{human_pw()}</Value></String><String><Key>URL</Key><Value>https://vpn.acme.io</Value></String></Entry>
</Group></Root></KeePassFile>"""
add("keepass-xml", kp, CRED, "KeePass XML String Key=Password Value")
# FileZilla / WinSCP / rdp
add("filezilla-sitemanager", f"""<?xml version="1.0" encoding="UTF-8"?>
<FileZilla3 version="3.67.0" platform="windows">
  <Servers>
    <Server>
      <Host>sftp.acme-partner.com</Host><Port>22</Port><Protocol>1</Protocol><Type>0</Type>
      <User>acme_upload</User>
      <Pass encoding="base64">{b64(human_pw())}</Pass>
      <Logontype>1</Logontype><Name>partner sftp</Name>
    </Server>
  </Servers>
</FileZilla3>""", CRED, "sitemanager.xml <Pass encoding=base64>")
add("winscp-ini", f"""[Sessions\\dana@files.acme.io]
HostName=files.acme.io
UserName=dana
Password={('A35C' + hexs(60)).upper()}
PortNumber=22
FSProtocol=2
""", CRED, "WinSCP.ini Password= obfuscated hex")
add("rclone-conf", f"""[s3prod]
type = s3
provider = AWS
access_key_id = {aws_id()}
secret_access_key = {aws_secret()}
region = us-east-1

[nas]
type = sftp
host = 192.168.1.40
user = dana
pass = {rs(URLC, 44)}
""", CRED, "rclone.conf secret_access_key / obscured pass")
add("s3cfg", f"[default]\naccess_key = {aws_id()}\nsecret_key = {aws_secret()}\nhost_base = s3.amazonaws.com\nuse_https = True\n", CRED, "~/.s3cfg secret_key")
# SSH
add("ssh-private-key", "$ cat ~/.ssh/id_ed25519\n" + pem_openssh(), CRED, "OpenSSH private key")
add("ssh-config-and-key", "Host bastion\n  HostName 34.201.1.9\n  User ec2-user\n  IdentityFile ~/.ssh/prod.pem\n\n$ cat ~/.ssh/prod.pem\n" + pem_rsa(), CRED, "ssh config + RSA PEM")
k = pem_rsa().replace("\n", "\\n")
add("pem-escaped-in-env", f'PRIVATE_KEY="{k}"\nAPP_ID=381244\n', CRED, "GitHub App .env PRIVATE_KEY with literal \\n escapes")
# pgpass / my.cnf
add("pgpass", f"# hostname:port:database:username:password\nlocalhost:5432:*:postgres:{pw(12)}\norders-db.acme-prod.com:5432:orders:orders_app:{human_pw()}\n", CRED, "~/.pgpass 5th field")
add("my-cnf", f"[client]\nuser=root\npassword=\"{human_pw()}\"\nhost=127.0.0.1\n\n[mysqldump]\nuser=backup\npassword={pw(14)}\n", CRED, "~/.my.cnf [client] password")
# docker config
for i in range(2):
    user, p = ("_json_key" if i else "acmebot"), (gh() if i == 0 else pw(20))
    d = {"auths": {"ghcr.io" if i == 0 else "registry.acme.io": {"auth": b64(f"{user}:{p}")}}, "credsStore": ""}
    add("docker-config-auth", json.dumps(d, indent="\t"), CRED, "~/.docker/config.json auths.*.auth base64(user:pass)")
add("dockercfg-legacy", json.dumps({"https://index.docker.io/v1/": {"auth": b64("dana:" + human_pw()), "email": "dana@acme.io"}}), CRED, "legacy ~/.dockercfg auth base64")
# kubeconfig
for i in range(2):
    if i == 0:
        user = f"- name: admin\n  user:\n    client-certificate-data: {b64(pem_cert())}\n    client-key-data: {b64(pem_rsa())}\n"
    else:
        user = f"- name: ci\n  user:\n    token: {jwt({'iss':'kubernetes/serviceaccount','sub':'system:serviceaccount:ci:deployer'})}\n"
    kc = f"""apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: {b64(pem_cert())}
    server: https://10.10.0.1:6443
  name: prod
contexts:
- context:
    cluster: prod
    user: {'admin' if i == 0 else 'ci'}
  name: prod
current-context: prod
kind: Config
users:
{user}"""
    add("kubeconfig", kc, CRED, "~/.kube/config client-key-data (b64 PEM) / token")
kc = f"users:\n- name: eks\n  user:\n    token: {'k8s-aws-v1.' + b64u(('https://sts.us-east-1.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=' + aws_id('ASIA') + '%2F20261206%2Fus-east-1%2Fsts%2Faws4_request&X-Amz-Security-Token=' + urllib.parse.quote(aws_session()) + '&X-Amz-Signature=' + hexs(64)).encode())}\n"
add("kubeconfig-eks-token", kc, CRED, "EKS bearer token k8s-aws-v1.<b64url presigned URL>")
# wrangler / vercel / netlify / sentry / travis
add("wrangler-toml", f"""name = "edge-api"
main = "src/index.ts"
compatibility_date = "2026-11-01"
account_id = "{hexs(32)}"

[vars]
ENVIRONMENT = "production"
UPSTREAM_API_KEY = "{stripe('sk_live_')}"
JWT_SECRET = "{rs(ALNUM, 48)}"
""", CRED, "wrangler.toml [vars] API key / JWT_SECRET")
add("cloudflare-cli-token", f"# ~/.wrangler/config/default.toml\noauth_token = \"{rs(URLC, 43)}.{rs(URLC, 43)}\"\nexpiration_time = \"2026-12-06T22:01:44.000Z\"\nrefresh_token = \"{rs(URLC, 43)}.{rs(URLC, 43)}\"\nscopes = [\"account:read\", \"workers:write\"]\n", CRED, "wrangler default.toml oauth_token/refresh_token")
add("vercel-auth", json.dumps({"// Note": "This is your Vercel credentials file. DO NOT SHARE!", "// Docs": "https://vercel.com/docs/projects/project-configuration/global-configuration#auth.json", "token": rs(ALNUM, 24)}, indent=2), CRED, "vercel auth.json token (24 alnum)")
add("netlify-config", json.dumps({"telemetryDisabled": False, "cliId": uuid4(), "userId": hexs(24), "users": {hexs(24): {"id": hexs(24), "name": "Dana", "email": "dana@acme.io", "auth": {"token": "nfp_" + rs(ALNUM, 36), "github": {}}}}}, indent=2), CRED, "netlify config.json users.*.auth.token nfp_")
add("sentryclirc", f"[defaults]\nurl = https://sentry.io/\norg = acme\nproject = web\n\n[auth]\ntoken = sntryu_{hexs(64)}\n", CRED, ".sentryclirc [auth] token sntryu_")
add("sentryclirc-legacy", f"[auth]\ntoken={hexs(64)}\n", CRED, ".sentryclirc legacy 64-hex token")
add("travis-plain-env", f"language: node_js\nenv:\n  global:\n    - NPM_TOKEN={npm()}\n    - COVERALLS_REPO_TOKEN={rs(ALNUM,32)}\n", CRED, ".travis.yml env.global plaintext NPM_TOKEN")
# supabase / prisma .env
srk = jwt({"iss": "supabase", "ref": rs(string.ascii_lowercase, 20), "role": "service_role", "iat": 1765000000, "exp": 2080000000}, "HS256")
add("supabase-env", f"NEXT_PUBLIC_SUPABASE_URL=https://{rs(string.ascii_lowercase,20)}.supabase.co\nSUPABASE_SERVICE_ROLE_KEY={srk}\nDATABASE_URL=\"postgresql://postgres.{rs(string.ascii_lowercase,20)}:{pw(16)}@aws-0-us-east-1.pooler.supabase.com:6543/postgres?pgbouncer=true\"\n", CRED, ".env SUPABASE_SERVICE_ROLE_KEY (JWT role service_role) / DATABASE_URL")
add("prisma-env", f"# Environment variables declared in this file are automatically made available to Prisma.\nDATABASE_URL=\"mysql://root:{human_pw().replace('@','%40').replace('#','%23').replace('$','%24')}@127.0.0.1:3306/shop\"\n", CRED, "prisma .env DATABASE_URL password")
add("mongodb-uri", f"$ mongosh \"mongodb+srv://admin:{pw(16).replace('%','')}@cluster0.{rs(string.ascii_lowercase+string.digits,5)}.mongodb.net/prod?retryWrites=true\"\nCurrent Mongosh Log ID: {hexs(24)}\n", CRED, "mongosh command line URI password")
add("redis-conf", f"bind 0.0.0.0\nport 6379\nrequirepass {pw(24)}\nmasterauth {pw(24)}\n", CRED, "redis.conf requirepass")
# SQL dump users table
rows = []
for i in range(3):
    p = person()
    rows.append(f"({i+1},'{p['email']}','$2b$12${rs(B64C.replace('+','.'),53)}','{hexs(40)}','{stripe('sk_live_') if i == 0 else 'ak_' + rs(ALNUM,40)}')")
sql = "-- MySQL dump 10.13\nLOCK TABLES `users` WRITE;\nINSERT INTO `users` (`id`,`email`,`password_hash`,`reset_token`,`api_key`) VALUES " + ",".join(rows) + ";\nUNLOCK TABLES;\n"
add("sql-dump-users", sql, CRED, "users INSERT api_key sk_live / reset_token")
rows = [f"({i+1},'{hexs(64)}','{uuid4()}','2026-12-0{i+1} 10:00:00')" for i in range(3)]
add("sql-dump-tokens", "COPY public.password_reset_tokens (id, token, user_id, expires_at) FROM stdin;\n" + "\n".join(r.strip("()").replace("','", "\t").replace("'", "").replace(",", "\t", 1) for r in rows) + "\n\\.\n", CRED, "pg_dump COPY password_reset_tokens token column (64 hex)")
# Slack export
sl = [{"type": "message", "user": "U0" + rs(string.ascii_uppercase + string.digits, 9), "text": f"here's the bot token until vault is fixed: {slack()}", "ts": f"{R.randint(1700000000,1760000000)}.{R.randint(100000,999999)}"},
      {"type": "message", "user": "U0" + rs(string.ascii_uppercase + string.digits, 9), "text": "use the webhook " + slack_hook().replace("/", "\\/"), "ts": "1733390000.000200"}]
add("slack-export", json.dumps(sl, indent=4).replace("\\\\/", "\\/"), CRED, "Slack export messages[].text xoxb / escaped-slash webhook")
sl = [{"type": "message", "text": f"db creds for staging: user `app` pass `{human_pw()}`", "ts": "1733390011.000300", "user_profile": {"real_name": "Marcus Okafor"}}]
add("slack-export-pw", json.dumps(sl, indent=4), CRED, "Slack export prose 'pass `...`'")
# Teams export
add("teams-export", json.dumps({"messages": [{"id": "1733390011000", "from": {"user": {"displayName": "Priya Raman"}}, "body": {"contentType": "html", "content": f"<p>Temp API key for the vendor portal: <code>{sendgrid()}</code></p>"}}]}), CRED, "Teams export body.content HTML <code>")
# npmrc / pypirc / netrc / tfrc / ngrok / stripe cli / vault / terraform tfvars / misc
add("npmrc", f"registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken={npm()}\n//npm.pkg.github.com/:_authToken={gh()}\n", CRED, "~/.npmrc _authToken")
add("npmrc-legacy-auth", f"//nexus.acme.io/repository/npm/:_auth={b64('dana:' + human_pw())}\nalways-auth=true\n", CRED, ".npmrc _auth base64(user:pass)")
add("pypirc", f"[distutils]\nindex-servers = pypi\n\n[pypi]\nusername = __token__\npassword = {pypi()}\n", CRED, "~/.pypirc password pypi-")
add("netrc", f"machine api.heroku.com\n  login dana@acme.io\n  password {uuid4()}\nmachine git.heroku.com\n  login dana@acme.io\n  password {uuid4()}\n", CRED, "~/.netrc heroku password (UUID api key)")
add("netrc-oneline", f"machine ftp.acme-partner.com login acmeftp password {human_pw()}\n", CRED, "~/.netrc one-line password")
add("terraform-tfrc", json.dumps({"credentials": {"app.terraform.io": {"token": f"{rs(ALNUM,14)}.atlasv1.{rs(ALNUM,67)}"}}}, indent=2), CRED, "credentials.tfrc.json atlasv1 token")
add("ngrok-yml", f"version: \"3\"\nagent:\n    authtoken: 2{rs(ALNUM,26)}_{rs(ALNUM,21)}\n", CRED, "ngrok.yml authtoken")
add("stripe-cli-config", f"[default]\ndevice_name = 'danas-mbp'\nlive_mode_api_key = '{stripe('rk_live_')}'\nlive_mode_key_expires_at = '2027-03-06'\ntest_mode_api_key = '{stripe('sk_test_')}'\n", CRED, "stripe config.toml live_mode_api_key rk_live_")
add("vault-token-file", f"$ cat ~/.vault-token\n{vault()}", CRED, "~/.vault-token hvs.")
add("vault-kv-get", f"$ vault kv get -mount=secret payments/prod\n======= Secret Path =======\nsecret/data/payments/prod\n\n====== Data ======\nKey             Value\n---             -----\ndb_password     {human_pw()}\nstripe_key      {stripe()}\n", CRED, "vault kv get Data table Value column")
add("tfvars", f"region        = \"us-east-1\"\ndb_password   = \"{human_pw()}\"\ndatadog_api_key = \"{hexs(32)}\"\ncloudflare_api_token = \"{rs(URLC,40)}\"\n", CRED, "terraform.tfvars db_password / datadog_api_key")
add("datadog-yaml", f"api_key: {hexs(32)}\nsite: datadoghq.com\nlogs_enabled: true\n", CRED, "datadog.yaml api_key 32 hex")
add("docker-compose-env", f"services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: app\n      POSTGRES_PASSWORD: {human_pw()}\n  api:\n    environment:\n      - TWILIO_AUTH_TOKEN={hexs(32)}\n      - TWILIO_ACCOUNT_SID=AC{hexs(32)}\n", CRED, "docker-compose.yml environment POSTGRES_PASSWORD / TWILIO_AUTH_TOKEN")
add("bash-history", f"cd ~/src/api\nexport GITHUB_TOKEN={gh()}\nmysql -u root -p'{pw(14)}' -h 127.0.0.1 shop\ncurl -u admin:{human_pw()} https://jenkins.acme.io/api/json\ngit push\n", CRED, "~/.bash_history export / mysql -p / curl -u")
add("zsh-history-ext", f": 1733390000:0;psql \"postgresql://app:{pw(16)}@10.0.4.2/app\"\n: 1733390100:0;ls -la\n: 1733390120:0;http POST :8000/login username=dana password={human_pw()}\n", CRED, "~/.zsh_history extended format psql URI / httpie password=")
nb = {"cells": [{"cell_type": "code", "execution_count": 3, "metadata": {}, "source": ["import os\n", "openai.api_key = \"" + openai_key() + "\"\n"], "outputs": []},
                {"cell_type": "code", "execution_count": 4, "source": ["!cat ~/.aws/credentials"], "outputs": [{"name": "stdout", "output_type": "stream", "text": ["[default]\n", f"aws_access_key_id = {aws_id()}\n", f"aws_secret_access_key = {aws_secret()}\n"]}]}],
      "metadata": {"kernelspec": {"name": "python3"}}, "nbformat": 4, "nbformat_minor": 5}
add("jupyter-notebook", json.dumps(nb, indent=1), CRED, ".ipynb cell source (split into list of lines) with openai key / stream output")
add("docker-history", f"$ docker history --no-trunc acme/api:latest\nIMAGE          CREATED        CREATED BY                                                                                           SIZE\nsha256:{hexs(64)}   2 days ago   RUN |2 NPM_TOKEN={npm()} BUILD_ENV=prod /bin/sh -c npm ci   181MB\n", CRED, "docker history build-arg NPM_TOKEN")
add("crypto-wif", f"# electrum export\n{ {'1' + rs('123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz',33): wif()} }\n".replace("'", '"'), CRED, "wallet private key export WIF (Base58Check)")
add("crypto-mnemonic", f"MetaMask recovery phrase (do not lose!!)\n{mnemonic12()}\n", CRED, "notes file with 12-word BIP39 seed phrase")
add("gpg-private", "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n" + "\n".join(rs(B64C, 64) for _ in range(20)) + "\n=" + rs(B64C, 4) + "\n-----END PGP PRIVATE KEY BLOCK-----\n", CRED, "gpg --export-secret-keys --armor")
add("putty-ppk", "PuTTY-User-Key-File-3: ssh-rsa\nEncryption: none\nComment: rsa-key-20261206\nPublic-Lines: 6\n" + "\n".join(rs(B64C, 64) for _ in range(6)) + "\nPrivate-Lines: 14\n" + "\n".join(rs(B64C, 64) for _ in range(14)) + f"\nPrivate-MAC: {hexs(64)}\n", CRED, "PuTTY .ppk unencrypted private lines")
add("hf-token", f"$ cat ~/.cache/huggingface/token\nhf_{rs(string.ascii_letters,34)}", CRED, "HF token file")
add("openai-key-in-zshrc", f"# ~/.zshrc\nalias k=kubectl\nexport OPENAI_API_KEY=\"{openai_key()}\"\nexport PATH=$HOME/bin:$PATH\n", CRED, ".zshrc export OPENAI_API_KEY (to non-OpenAI host)")
add("anthropic-key-gemini", f"# .env.local\nANTHROPIC_API_KEY={anth_key()}\n", CRED, ".env anthropic key sent to another provider")
add("jwt-secret-env", f"JWT_SECRET={rs(ALNUM,64)}\nSESSION_SECRET={hexs(64)}\nNODE_ENV=production\n", CRED, ".env JWT_SECRET/SESSION_SECRET random")
add("smtp-url", f"MAIL_URL=smtp://apikey:{sendgrid()}@smtp.sendgrid.net:587\n", CRED, "MAIL_URL with SendGrid key in userinfo")
add("webhook-urls", f"DISCORD_WEBHOOK=https://discord.com/api/webhooks/{R.randint(10**17,10**18)}/{rs(URLC,68)}\nSLACK_WEBHOOK={slack_hook()}\n", CRED, ".env discord/slack webhook URLs")
add("connection-string-mssql", f"\"ConnectionStrings\": {{ \"Default\": \"Server=tcp:acme-sql.database.windows.net,1433;Initial Catalog=crm;User ID=crmadmin;Password={human_pw()};Encrypt=True;\" }}", CRED, "appsettings.json ADO.NET Password=")
add("gitlab-runner-toml", f"concurrent = 4\n[[runners]]\n  name = \"build-01\"\n  url = \"https://gitlab.acme.io/\"\n  token = \"glrt-{rs(URLC,20)}\"\n  executor = \"docker\"\n", CRED, "config.toml runners.token glrt-")

# ---- encoding / layout evasions typical of desktop tool output ----
t = gh()
add("hexdump-token", "$ xxd .env | head\n" + "\n".join(f"{i*16:08x}: " + " ".join(binascii.hexlify(chunk.encode()).decode()[j:j+4] for j in range(0, len(chunk)*2, 4)) + "  " + chunk for i, chunk in enumerate([("GITHUB_TOKEN=" + t + "\n")[k:k+16] for k in range(0, len(t) + 14, 16)])), CRED, "xxd hexdump of .env (token split across hexdump lines, ascii column)")
t = aws_secret()
add("less-wrapped", f"aws_access_key_id = {aws_id()}\naws_secret_access_key = {t[:20]}\\\n{t[20:]}\n", CRED, "secret wrapped with backslash-newline")
add("json-unicode-escaped", json.dumps({"config": "".join(f"\\u{ord(c):04x}" if c in "_-" else c for c in f"GITLAB_TOKEN={glpat()}")}).replace("\\\\u", "\\u"), CRED, "token with \\u005f/\\u002d JSON escapes in nested json string")
add("url-encoded-log", "GET /callback?code=" + rs(URLC, 30) + "&state=x HTTP/1.1\nReferer: https://app.acme.io/oauth?access_token=" + urllib.parse.quote(gh("gho")) + "&token_type=bearer\n", CRED, "access log query access_token=gho_")
ak = anth_key()
add("token-in-table", f"$ op item list --format json | jq -r '.[] | [.title,.value] | @tsv'\nprod-anthropic\t{ak}\nstaging-db\t{human_pw()}\n", CRED, "op CLI tsv output")

# ---- PII ----
for i in range(2):
    rows = ["employee_id,first_name,last_name,ssn,dob,home_address,city,state,zip,salary"]
    for j in range(5):
        p = person()
        rows.append(f"E{R.randint(10000,99999)},{p['first']},{p['last']},{p['ssn']},{p['dob']},{p['addr']},{p['city']},{p['st']},{p['zip']},{R.randint(60,220)*1000}")
    add("hr-csv", "\n".join(rows), PII, "HR export ssn column")
rows = ["Employee,NI Number,Bank IBAN,Net Pay"] + [f"{R.choice(FIRST)} {R.choice(LAST)},{nino()},{iban('GB')},£{R.randint(2000,5000)}.{R.randint(10,99)}" for _ in range(4)]
add("payroll-uk", "\n".join(rows), PII + FIN, "UK payroll NI numbers + IBAN")
rows = ["Name,IBAN,BIC,Amount,Reference"] + [f"{R.choice(FIRST)} {R.choice(LAST)},{iban('DE')},COBADEFFXXX,{R.randint(100,9000)}.00,Rechnung {R.randint(1000,9999)}" for _ in range(4)]
add("sepa-batch", "\n".join(rows), FIN, "SEPA payout CSV IBAN column")
p = person()
add("patient-intake", f"PATIENT INTAKE FORM\nName: {p['first']} {p['last']}\nDOB: {p['dob']}\nSSN: {p['ssn'].replace('-', '')}\nAddress: {p['addr']}, {p['city']}, {p['st']} {p['zip']}\nPhone: {p['phone']}\nInsurance: BlueCross Member ID XEH{R.randint(10**8,10**9)}\nDiagnosis: Type 2 diabetes mellitus (E11.9); hypertension (I10)\nMedications: metformin 500mg BID\n", PII, "intake form SSN without dashes + DOB + diagnosis")
crm = [{"id": R.randint(1000, 9999), "properties": {"firstname": (q := person())["first"], "lastname": q["last"], "email": q["email"], "phone": q["phone"], "date_of_birth": q["dob"], "address": q["addr"], "city": q["city"], "zip": q["zip"]}} for _ in range(4)]
add("crm-export", json.dumps({"results": crm}, indent=2), PII, "HubSpot contacts export email/phone/DOB/address")
rows = ["order_id,customer,email,card_number,exp,cvv"] + [f"{R.randint(10**5,10**6)},{(q:=person())['first']} {q['last']},{q['email']},{card()},{R.randint(1,12):02d}/{R.randint(27,31)},{R.randint(100,999)}" for _ in range(3)]
add("orders-cards-csv", "\n".join(rows), FIN + PII, "orders export card_number column (raw PAN) + emails")
c = card("visa")
add("card-spaced-log", f"[2026-12-05 10:11:02] DEBUG PaymentController: charge request {{\"amount\":4999,\"card\":\"{' '.join(c[i:i+4] for i in range(0,16,4))}\",\"exp\":\"09/29\",\"cvc\":\"{R.randint(100,999)}\"}}", FIN, "app debug log card with spaces")
rows = ["name,passport_no,nationality,dob,ssn"] + [f"{(q:=person())['first']} {q['last']},{R.choice('ACEGX')}{R.randint(10**7,10**8)},USA,{q['dob']},{q['ssn']}" for _ in range(3)]
add("travel-roster", "\n".join(rows), PII, "travel roster passport + SSN")
p = person()
add("w2-text", f"Form W-2 Wage and Tax Statement 2025\na Employee's social security number {p['ssn']}\nb Employer identification number (EIN) {R.randint(10,99)}-{R.randint(10**6,10**7)}\ne Employee's first name and initial {p['first']}  Last name {p['last']}\nf Employee's address {p['addr']} {p['city']}, {p['st']} {p['zip']}\n1 Wages, tips, other compensation 84210.55\n", PII, "pdftotext of W-2 SSN")
p = person()
add("pii-jsonl-logs", "\n".join(json.dumps({"ts": "2026-12-05T10:0%d:00Z" % i, "level": "info", "msg": "signup", "user": {"email": p["email"], "phone": p["phone"], "ssn_last4": p["ssn"][-4:], "dob": p["dob"], "full_ssn": p["ssn"] if i == 2 else None}}) for i in range(3)), PII, "app JSONL logs with user.full_ssn")
add("ssn-dotted", f"Applicant: {(q:=person())['first']} {q['last']}\nSocial Security No.: {q['ssn'].replace('-', '.')}\nDate of Birth: {q['dob']}\n", PII, "SSN with dots")

# ======================= NEGATIVES =======================
st = {"version": 4, "terraform_version": "1.9.5", "outputs": {"vpc_id": {"value": "vpc-" + hexs(17), "type": "string"}, "db_endpoint": {"value": "orders.c" + rs(string.ascii_lowercase + string.digits, 11) + ".us-east-1.rds.amazonaws.com", "type": "string"},
      "db_password": {"value": "", "type": "string", "sensitive": True}}, "resources": [{"type": "aws_iam_role", "name": "ci", "instances": [{"attributes": {"arn": "arn:aws:iam::481516234200:role/ci", "unique_id": "AROA" + rs(string.ascii_uppercase + "234567", 17), "id": "ci"}}]}]}
add("tfstate", json.dumps(st, indent=2), None, "tfstate with ids, ARNs, role unique_id, empty sensitive output")
add("tfplan-sensitive", "Terraform will perform the following actions:\n\n  # aws_db_instance.main will be updated in-place\n  ~ resource \"aws_db_instance\" \"main\" {\n        id       = \"orders\"\n      ~ password = (sensitive value)\n        username = \"orders_app\"\n    }\n\nPlan: 0 to add, 1 to change, 0 to destroy.\n", None, "terraform plan (sensitive value)")
add("k8s-secret-b64", f"apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-config\ntype: Opaque\ndata:\n  LOG_LEVEL: {b64('info')}\n  FEATURE_FLAGS: {b64('checkout_v2,dark_mode')}\n  REGION: {b64('us-east-1')}\n", None, "Secret data with non-sensitive base64 values")
add("k8s-valuefrom", "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - name: api\n        env:\n        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef:\n              name: postgres-auth\n              key: password\n        - name: STRIPE_SECRET_KEY\n          valueFrom:\n            secretKeyRef: {name: stripe, key: STRIPE_SECRET_KEY}\n", None, "Deployment env valueFrom.secretKeyRef")
add("sealed-secret", f"apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: stripe\nspec:\n  encryptedData:\n    STRIPE_SECRET_KEY: AgB{rs(B64C, 600)}==\n", None, "SealedSecret encryptedData (asymmetrically encrypted)")
add("external-secret", "apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata:\n  name: db\nspec:\n  secretStoreRef: {name: vault, kind: ClusterSecretStore}\n  data:\n  - secretKey: password\n    remoteRef: {key: secret/data/payments/prod, property: db_password}\n", None, "ExternalSecret remoteRef")
add("kubectl-describe-secret", "$ kubectl describe secret stripe -n billing\nName:         stripe\nNamespace:    billing\nType:  Opaque\n\nData\n====\nSTRIPE_SECRET_KEY:      107 bytes\nSTRIPE_WEBHOOK_SECRET:  38 bytes\n", None, "kubectl describe (byte counts only)")
add("helm-values", "postgresql:\n  auth:\n    existingSecret: postgres-auth\n    secretKeys:\n      adminPasswordKey: postgres-password\n      userPasswordKey: password\n    password: \"\"\nredis:\n  auth:\n    enabled: true\n    existingSecret: redis-auth\n", None, "values.yaml existingSecret, empty password")
add("helm-values-placeholder", "# Override in values-prod.yaml\napiKey: \"<your-api-key>\"\ndatabase:\n  password: \"changeme\"\nsmtp:\n  password: \"{{ .Values.global.smtpPassword }}\"\n", None, "values.yaml placeholders")
d = [{"Id": hexs(64), "Image": "sha256:" + hexs(64), "Config": {"Env": ["PATH=/usr/local/bin:/usr/bin", "NODE_VERSION=22.11.0", "YARN_VERSION=1.22.22", "NODE_ENV=production", "PORT=3000", "DB_PASSWORD_FILE=/run/secrets/db_password"], "Labels": {"org.opencontainers.image.revision": hexs(40)}}, "RepoDigests": ["node@sha256:" + hexs(64)]}]
add("docker-inspect-env", json.dumps(d, indent=4), None, "docker inspect Env without secrets, *_FILE reference, digests")
add("printenv", "$ env\nSHELL=/bin/zsh\nSSH_AUTH_SOCK=/private/tmp/com.apple.launchd." + rs(ALNUM, 10) + "/Listeners\nGPG_KEY=7169605F62C751356D054A26A821E680E5FA6305\nLS_COLORS=di=34:ln=35:so=32:pi=33:ex=31:bd=34;46:cd=34;43\nTERM_SESSION_ID=w0t0p0:" + uuid4().upper() + "\nGIT_COMMIT=" + hexs(40) + "\nAWS_PROFILE=prod\nAWS_REGION=us-east-1\nGITHUB_TOKEN=\n", None, "env dump with GPG key id, session ids, commit sha, empty token")
add("aws-sts-identity", json.dumps({"UserId": "AIDA" + rs(string.ascii_uppercase + "234567", 17), "Account": "481516234200", "Arn": "arn:aws:iam::481516234200:user/dana"}, indent=4), None, "aws sts get-caller-identity output")
add("aws-config-file", "[default]\nregion = us-east-1\noutput = json\n\n[profile prod]\nsso_session = acme\nsso_account_id = 481516234200\nsso_role_name = AdministratorAccess\nregion = us-east-1\n\n[sso-session acme]\nsso_start_url = https://acme.awsapps.com/start\nsso_region = us-east-1\n", None, "~/.aws/config (SSO profile, no keys)")
add("aws-cli-error", "An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.\nRequest ID: " + uuid4() + "\n", None, "aws cli error with request id")
add("gcloud-config", "[core]\naccount = dana@acme.io\nproject = acme-prod-4471\ndisable_usage_reporting = True\n\n[compute]\nregion = us-central1\n", None, "gcloud properties (no creds)")
add("gcp-sa-public", json.dumps({"keys": [{"kid": hexs(40), "kty": "RSA", "alg": "RS256", "use": "sig", "n": rs(URLC, 342), "e": "AQAB"}]}), None, "JWKS public key set (n, e)")
add("azure-account-show", json.dumps({"environmentName": "AzureCloud", "id": uuid4(), "isDefault": True, "name": "Acme Prod", "state": "Enabled", "tenantId": uuid4(), "user": {"name": "dana@acme.io", "type": "user"}}, indent=2), None, "az account show (ids only)")
add("gh-hosts-yml", "github.com:\n    git_protocol: ssh\n    users:\n        dana-w:\n    user: dana-w\n", None, "hosts.yml using keyring (no token)")
add("gh-auth-status", "$ gh auth status\ngithub.com\n  ✓ Logged in to github.com account dana-w (keyring)\n  - Active account: true\n  - Git operations protocol: https\n  - Token: gho_************************************\n  - Token scopes: 'gist', 'read:org', 'repo', 'workflow'\n", None, "gh auth status masked token")
add("vscode-settings", "{\n  \"editor.fontSize\": 13,\n  \"workbench.colorTheme\": \"GitHub Dark\",\n  \"sqltools.connections\": [{\"name\": \"local\", \"driver\": \"PostgreSQL\", \"server\": \"localhost\", \"username\": \"postgres\", \"askForPassword\": true}],\n  \"terminal.integrated.env.osx\": {\"AWS_PROFILE\": \"dev\"}\n}\n", None, "settings.json askForPassword, no secret")
add("postman-env", json.dumps({"id": uuid4(), "name": "Production", "values": [{"key": "baseUrl", "value": "https://api.acme.io", "enabled": True}, {"key": "apiKey", "value": "", "type": "secret", "enabled": True}, {"key": "token", "value": "{{login_token}}", "type": "default", "enabled": True}]}, indent="\t"), None, "Postman env with empty secret and {{var}}")
add("har", json.dumps({"log": {"version": "1.2", "entries": [{"request": {"method": "GET", "url": "https://cdn.acme.io/app.js", "headers": [{"name": "accept", "value": "*/*"}, {"name": "if-none-match", "value": "W/\"" + hexs(40) + "\""}, {"name": "x-request-id", "value": uuid4()}]}, "response": {"status": 304, "headers": [{"name": "etag", "value": "W/\"" + hexs(40) + "\""}, {"name": "cf-ray", "value": hexs(16) + "-IAD"}]}}]}}), None, "HAR with etags, request ids, no auth")
add("cookies-txt", "# Netscape HTTP Cookie File\n.example-news.com\tTRUE\t/\tFALSE\t1796000000\tconsent\tyes\n.example-news.com\tTRUE\t/\tFALSE\t1796000000\ttheme\tdark\n.example-news.com\tTRUE\t/\tFALSE\t1796000000\tlang\ten-US\n", None, "cookies.txt preference cookies only")
add("git-config-token", "[remote \"origin\"]\n\turl = git@github.com:acme/payments.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n[user]\n\tsigningkey = ~/.ssh/id_ed25519.pub\n[gpg]\n\tformat = ssh\n[credential]\n\thelper = osxkeychain\n", None, "git config ssh remote, credential helper")
add("git-log", "$ git log -3 --format='%H %an %s'\n" + "\n".join(f"{hexs(40)} {R.choice(FIRST)} {R.choice(['fix: rotate leaked key (old key revoked)', 'chore: move secrets to vault', 'feat: add token refresh'])}" for _ in range(3)), None, "git log with shas and commit messages about secrets")
add("ci-log", "2026-12-05T10:11:02Z ##[group]Run npm publish\n2026-12-05T10:11:02Z env:\n2026-12-05T10:11:02Z   NODE_AUTH_TOKEN: ***\n2026-12-05T10:11:03Z + echo \"//registry.npmjs.org/:_authToken=***\" > ~/.npmrc\n2026-12-05T10:11:05Z + docker login -u acmebot --password-stdin registry.acme.io\n2026-12-05T10:11:06Z Login Succeeded\n", None, "CI log with *** masked secrets")
add("gha-workflow", "jobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          aws-access-key-id: ${{ secrets.AWS_ACCESS_KEY_ID }}\n          aws-secret-access-key: ${{ secrets.AWS_SECRET_ACCESS_KEY }}\n      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n", None, "GitHub Actions workflow ${{ secrets.X }}")
add("ansible-inventory", "[webservers]\nweb01.acme-prod.com ansible_host=10.0.3.11 ansible_user=deploy ansible_password=\"{{ vault_web_password }}\"\n\n[webservers:vars]\nansible_become_pass=\"{{ lookup('env', 'BECOME_PASS') }}\"\n", None, "inventory with vault var references")
add("ansible-vault", "db_password: !vault |\n          $ANSIBLE_VAULT;1.1;AES256\n          " + "\n          ".join(hexs(80) for _ in range(5)) + "\n", None, "ansible-vault encrypted block")
add("spring-yml", "spring:\n  datasource:\n    url: jdbc:postgresql://${DB_HOST:localhost}:5432/orders\n    username: ${DB_USER}\n    password: ${DB_PASSWORD}\n  cloud:\n    vault:\n      uri: https://vault.acme.io\n      authentication: KUBERNETES\n", None, "application.yml ${ENV} references")
add("django-settings", "import os\nSECRET_KEY = os.environ[\"DJANGO_SECRET_KEY\"]\nDEBUG = os.environ.get(\"DEBUG\") == \"1\"\nDATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'PASSWORD': os.environ.get('DB_PASSWORD', '')}}\nAUTH_PASSWORD_VALIDATORS = [{'NAME': 'django.contrib.auth.password_validation.MinimumLengthValidator'}]\n", None, "settings.py env references")
add("firebase-web-config", "// src/firebase.ts (client-side, public by design)\nconst firebaseConfig = {\n  apiKey: \"" + gkey() + "\",\n  authDomain: \"acme-mobile.firebaseapp.com\",\n  projectId: \"acme-mobile\",\n  storageBucket: \"acme-mobile.appspot.com\",\n  messagingSenderId: \"" + str(R.randint(10**11, 10**12)) + "\",\n  appId: \"1:" + str(R.randint(10**11, 10**12)) + ":web:" + hexs(22) + "\"\n};\n", None, "Firebase web config apiKey (public client identifier)", note="debatable: Google says Firebase web apiKey is not a secret")
add("stripe-publishable", "<script src=\"https://js.stripe.com/v3/\"></script>\n<script>const stripe = Stripe('" + stripe("pk_live_") + "');</script>\n", None, "Stripe publishable key pk_live_ in HTML")
add("supabase-anon", "NEXT_PUBLIC_SUPABASE_URL=https://" + rs(string.ascii_lowercase, 20) + ".supabase.co\nNEXT_PUBLIC_SUPABASE_ANON_KEY=" + jwt({"iss": "supabase", "ref": rs(string.ascii_lowercase, 20), "role": "anon", "iat": 1765000000, "exp": 2080000000}, "HS256") + "\n", None, "Supabase anon key (public, RLS)", note="debatable: anon JWT is public by design")
add("sentry-dsn-frontend", "Sentry.init({\n  dsn: \"https://" + hexs(32) + "@o" + str(R.randint(100000, 999999)) + ".ingest.us.sentry.io/" + str(R.randint(10**6, 10**7)) + "\",\n  tracesSampleRate: 0.1,\n});\n", None, "Sentry DSN in frontend code (public)")
add("bitwarden-encrypted", json.dumps({"encrypted": True, "passwordProtected": True, "salt": b64(bytes(R.getrandbits(8) for _ in range(16))), "kdfType": 1, "kdfIterations": 600000, "kdfMemory": 64, "kdfParallelism": 4, "encKeyValidation_DO_NOT_EDIT": "2." + rs(B64C, 24) + "==|" + rs(B64C, 44) + "|" + rs(B64C, 43) + "=", "data": "2." + rs(B64C, 24) + "==|" + rs(B64C, 400) + "|" + rs(B64C, 43) + "="}, indent=2), None, "Bitwarden password-protected (encrypted) export")
add("filezilla-sitemanager", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<FileZilla3 version=\"3.67.0\"><Servers><Server><Host>ftp.gnu.org</Host><Port>21</Port><Protocol>0</Protocol><User>anonymous</User><Logontype>0</Logontype><Name>GNU mirror</Name></Server></Servers></FileZilla3>", None, "sitemanager.xml anonymous, no Pass")
add("ssh-public", "$ cat ~/.ssh/id_ed25519.pub\n" + ssh_pub() + "\n$ cat ~/.ssh/authorized_keys\n" + ssh_pub() + "\nssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQ" + rs(B64C, 500) + " ci@build\n", None, "public keys / authorized_keys")
add("known-hosts", "\n".join(f"|1|{rs(B64C,27)}=|{rs(B64C,27)}= ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBB{rs(B64C,87)}=" for _ in range(4)), None, "~/.ssh/known_hosts hashed entries")
add("pem-public-cert", "$ cat certs/ca.pem\n" + pem_cert() + "$ cat jwt-public.pem\n" + pem_pub(), None, "certificate + PUBLIC KEY PEM")
add("ssh-config", "Host bastion\n  HostName 34.201.1.9\n  User ec2-user\n  IdentityFile ~/.ssh/prod.pem\n  IdentitiesOnly yes\nHost *.internal\n  ProxyJump bastion\n", None, "ssh config only")
add("pgpass-example", "# ~/.pgpass format: hostname:port:database:username:password\n# Use '*' as wildcard. File must be chmod 0600.\n", None, "pgpass doc comment only")
add("docker-config-auth", json.dumps({"auths": {"ghcr.io": {}, "https://index.docker.io/v1/": {}}, "credsStore": "desktop", "currentContext": "desktop-linux"}, indent="\t"), None, "docker config.json credsStore (no auth)")
add("kubeconfig", f"apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: {b64(pem_cert())}\n    server: https://{hexs(32).upper()}.gr7.us-east-1.eks.amazonaws.com\n  name: prod\nusers:\n- name: prod\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: aws\n      args: [eks, get-token, --cluster-name, prod]\n", None, "kubeconfig exec plugin + CA cert data")
add("travis-secure", "language: node_js\nenv:\n  global:\n    - secure: \"" + rs(B64C, 684) + "=\"\ndeploy:\n  provider: npm\n  api_key:\n    secure: \"" + rs(B64C, 684) + "=\"\n", None, ".travis.yml secure: encrypted values")
add("env-example", "# Copy to .env and fill in\nOPENAI_API_KEY=sk-...\nANTHROPIC_API_KEY=your-anthropic-key-here\nSTRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx\nDATABASE_URL=postgresql://user:password@localhost:5432/mydb\nAWS_SECRET_ACCESS_KEY=<aws-secret>\nJWT_SECRET=change-me\n", None, ".env.example placeholders")
add("env-redacted", "OPENAI_API_KEY=[REDACTED]\nGITHUB_TOKEN=ghp_****************************\nDB_PASSWORD=********\nAWS_SECRET_ACCESS_KEY=<redacted>\n", None, "redacted .env")
rows = [f"({i+1},'{(q:=person())['first'].lower()}_{R.randint(1,999)}','$2b$12${rs(B64C.replace('+','.'),53)}','2026-11-2{i} 10:00:00')" for i in range(4)]
add("sql-dump-users", "INSERT INTO `accounts` (`id`,`username`,`password_hash`,`last_login`) VALUES " + ",".join(rows) + ";\n", None, "bcrypt hashes + usernames only")
add("package-lock", json.dumps({"name": "api", "lockfileVersion": 3, "packages": {"node_modules/express": {"version": "4.21.1", "resolved": "https://registry.npmjs.org/express/-/express-4.21.1.tgz", "integrity": "sha512-" + b64(bytes(R.getrandbits(8) for _ in range(64)))}, "node_modules/jsonwebtoken": {"version": "9.0.2", "integrity": "sha512-" + b64(bytes(R.getrandbits(8) for _ in range(64)))}}}, indent=2), None, "package-lock integrity hashes")
add("go-sum", "\n".join(f"github.com/{R.choice(['aws','golang-jwt','stripe'])}/{R.choice(['aws-sdk-go-v2','jwt','stripe-go'])} v1.{R.randint(1,40)}.{R.randint(0,9)} h1:{b64(bytes(R.getrandbits(8) for _ in range(32)))}" for _ in range(6)), None, "go.sum h1: hashes")
add("slack-export", json.dumps([{"type": "message", "text": "PSA: never paste tokens here. Rotate via `vault write auth/token/create`; tokens look like `xoxb-…` and must go in 1Password.", "ts": "1733390000.000100"}, {"type": "message", "text": "deploy finished: " + hexs(40)[:7], "ts": "1733390001.000100"}], indent=4), None, "Slack export prose about tokens")
add("security-doc", "## Rotating credentials\n1. Generate a new key in the console (`Settings → API keys`).\n2. Update `STRIPE_SECRET_KEY` in Vault at `secret/payments/prod`.\n3. Revoke the old key; keys start with `sk_live_` and are shown once.\nNever commit `.env`, `~/.aws/credentials`, or `id_rsa`.\n", None, "runbook prose about secrets")
add("hr-csv", "sku,product_name,price_usd,stock,warehouse_zip\n" + "\n".join(f"SKU-{R.randint(10000,99999)},{R.choice(['Widget','Gadget','Cable'])} {R.randint(1,9)},{R.randint(5,99)}.99,{R.randint(0,500)},{R.choice(CITIES)[2]}{R.randint(10,99)}" for _ in range(6)), None, "product CSV, no PII")
add("trace-ids-luhn", "\n".join(json.dumps({"ts": "2026-12-05T10:0%d:00Z" % i, "trace_id": luhn_complete(R.choice(["4", "5"]), 16), "span_id": hexs(16), "duration_ms": R.randint(1, 900)}) for i in range(3)), None, "OTel-style logs with numeric 16-digit trace_id (Luhn-valid by chance)")
add("imei-inventory", "asset_tag,model,imei,assigned_to_dept\n" + "\n".join(f"LT-{R.randint(1000,9999)},iPhone 15,{luhn_complete('35', 15)},{R.choice(['Sales','Eng','Ops'])}" for _ in range(4)), None, "device inventory IMEIs (Luhn-valid 15-digit)")
add("version-numbers", "Versions:\n  openssl 3.0.13-0ubuntu3.4\n  build 123-45-6789? no: build-id 2024-11-0530\n  phone-support: 1-800-555-0199\n  ticket: INC-482-71-9930\n", None, "ticket/phone numbers resembling SSN")
add("uuid-and-hashes", "$ sha256sum dist/*\n" + "\n".join(f"{hexs(64)}  dist/api-{R.randint(1,9)}.tar.gz" for _ in range(3)) + f"\n$ md5 .env\nMD5 (.env) = {hexs(32)}\nrequest_id={uuid4()}\n", None, "sha256/md5 digests, UUIDs")
add("jwt-expired-doc", "The access token is a JWT with three dot-separated base64url parts: header.payload.signature. The header typically contains `{\"alg\":\"RS256\",\"typ\":\"JWT\"}`.\n", None, "prose about JWT structure")
add("vault-status", "$ vault status\nKey             Value\n---             -----\nSeal Type       shamir\nInitialized     true\nSealed          false\nTotal Shares    5\nThreshold       3\nVersion         1.17.2\nCluster ID      " + uuid4() + "\nHA Enabled      false\n", None, "vault status output")
add("npmrc", "registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n@acme:registry=https://npm.pkg.github.com\nsave-exact=true\n", None, ".npmrc ${NPM_TOKEN} reference")
add("wrangler-toml", "name = \"edge-api\"\nmain = \"src/index.ts\"\naccount_id = \"" + hexs(32) + "\"\n[[kv_namespaces]]\nbinding = \"CACHE\"\nid = \"" + hexs(32) + "\"\n# secrets: run `wrangler secret put UPSTREAM_API_KEY`\n", None, "wrangler.toml account_id / KV id (not secret)")
add("public-pgp", "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n" + "\n".join(rs(B64C, 64) for _ in range(12)) + "\n=" + rs(B64C, 4) + "\n-----END PGP PUBLIC KEY BLOCK-----\n", None, "PGP public key block")
add("crypto-address", "Donations: bc1q" + rs("qpzry9x8gf2tvdw0s3jn54khce6mua7l", 38) + "\nETH: 0x" + hexs(40) + "\n", None, "public crypto addresses")
add("ci-log-gitlab-env", "$ env | sort\nCI_COMMIT_SHA=" + hexs(40) + "\nCI_JOB_ID=" + str(R.randint(10**9, 10**10)) + "\nCI_PIPELINE_ID=" + str(R.randint(10**6, 10**7)) + "\nCI_PROJECT_PATH=acme/api\nCI_RUNNER_ID=42\nCI_JOB_TOKEN=[MASKED]\n", None, "GitLab env with [MASKED]")
add("pii-work-directory", "Team directory (internal wiki):\n" + "\n".join(f"- {R.choice(FIRST)} {R.choice(LAST)} — {R.choice(['SRE', 'Payments', 'Design'])} — Slack @{R.choice(FIRST).lower()}" for _ in range(5)), None, "names + team only", note="possibly arguable")
add("aws-arn-policy", json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::481516234200:role/ci"}, "Action": ["secretsmanager:GetSecretValue"], "Resource": "arn:aws:secretsmanager:us-east-1:481516234200:secret:prod/stripe-" + rs(ALNUM, 6)}]}, indent=2), None, "IAM policy with secret ARN")
add("aws-secretsmanager-describe", json.dumps({"ARN": "arn:aws:secretsmanager:us-east-1:481516234200:secret:prod/db-" + rs(ALNUM, 6), "Name": "prod/db", "RotationEnabled": True, "VersionIdsToStages": {uuid4(): ["AWSCURRENT"]}}, indent=4), None, "describe-secret metadata (no value)")
add("docker-history", "$ docker history acme/api:latest\nIMAGE          CREATED       CREATED BY                                      SIZE\n" + hexs(12) + "   2 days ago    CMD [\"node\" \"server.js\"]                      0B\n" + hexs(12) + "   2 days ago    RUN /bin/sh -c npm ci --omit=dev # buildkit   181MB\n", None, "docker history without secrets")
add("ssh-keygen-output", "$ ssh-keygen -t ed25519 -C dana@acme.io\nYour identification has been saved in /Users/dana/.ssh/id_ed25519\nYour public key has been saved in /Users/dana/.ssh/id_ed25519.pub\nThe key fingerprint is:\nSHA256:" + rs(B64C, 43) + " dana@acme.io\nThe key's randomart image is:\n+--[ED25519 256]--+\n|   .o+=*o.       |\n+----[SHA256]-----+\n", None, "ssh-keygen output, fingerprint only")
add("jenkins-credentials-ids", "<com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>\n  <scope>GLOBAL</scope>\n  <id>nexus-deploy</id>\n  <description>Nexus deploy user</description>\n  <username>deployer</username>\n  <password>{AQAAABAAAAAQ" + rs(B64C, 44) + "=}</password>\n</com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>\n", None, "Jenkins credentials.xml encrypted {AQAAAB...} value", note="encrypted with controller master key")
add("iban-doc", "Payment instructions: pay to our company account. Our VAT ID is DE" + "".join(R.choice(string.digits) for _ in range(9)) + ". Invoice number 2026-11-0042. Amount due: €1,240.00.\n", None, "invoice without IBAN: VAT id")
add("mnemonic-prose", "The wallet asks for your recovery phrase — 12 or 24 words from the BIP39 list such as 'abandon', 'ability', 'able'. Never type it into a website.\n", None, "prose about seed phrases")

# ======================= BATCH 2: more desktop config formats =======================
# XML-family configs (KeePass/FileZilla missed in batch 1)
add("keepass-xml", f"""<KeePassFile><Meta><Generator>KeePassXC</Generator></Meta><Root><Group><Name>Root</Name>
<Entry><UUID>{b64(bytes(R.getrandbits(8) for _ in range(16)))}</UUID><String><Key>Notes</Key><Value/></String><String><Key>Password</Key><Value ProtectInMemory="True">{pw(20)}</Value></String><String><Key>Title</Key><Value>prod db</Value></String><String><Key>UserName</Key><Value>postgres</Value></String></Entry>
</Group></Root></KeePassFile>""", CRED, "KeePassXC XML export Password value (random)")
add("keepass-csv", '"Group","Title","Username","Password","URL","Notes","TOTP"\n' + "\n".join(f'"Root/Work","{t}","dwhitfield","{human_pw()}","https://{t.lower()}.acme.io","",""' for t in ["Jira", "VPN", "Grafana"]), CRED, "KeePassXC CSV export Password column")
add("filezilla-recentservers", f"""<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>
<FileZilla3 version="3.66.4" platform="mac">
    <RecentServers>
        <Server><Host>203.0.113.40</Host><Port>21</Port><Protocol>0</Protocol><Type>0</Type><User>webmaster</User><Pass encoding="base64">{b64(pw(14))}</Pass><Logontype>1</Logontype></Server>
    </RecentServers>
</FileZilla3>""", CRED, "recentservers.xml <Pass encoding=base64>")
add("maven-settings", f"""<settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">
  <servers>
    <server>
      <id>nexus-releases</id>
      <username>deployment</username>
      <password>{human_pw()}</password>
    </server>
  </servers>
</settings>""", CRED, "~/.m2/settings.xml <server><password>")
add("nuget-config", f"""<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources><add key="acme" value="https://pkgs.dev.azure.com/acme/_packaging/feed/nuget/v3/index.json" /></packageSources>
  <packageSourceCredentials>
    <acme>
      <add key="Username" value="dana@acme.io" />
      <add key="ClearTextPassword" value="{rs(string.ascii_lowercase + string.digits, 52)}" />
    </acme>
  </packageSourceCredentials>
</configuration>""", CRED, "NuGet.Config ClearTextPassword (Azure DevOps PAT 52 chars)")
add("web-config", f"""<configuration>
  <appSettings>
    <add key="PaymentGateway.ApiSecret" value="{rs(ALNUM, 40)}" />
    <add key="Environment" value="Production" />
  </appSettings>
  <connectionStrings>
    <add name="Default" connectionString="Data Source=10.1.2.3;Initial Catalog=Billing;User Id=billing_app;Password={human_pw()};" providerName="System.Data.SqlClient" />
  </connectionStrings>
</configuration>""", CRED, "web.config appSettings ApiSecret / connectionString Password=")
add("tomcat-users", f"""<tomcat-users xmlns="http://tomcat.apache.org/xml">
  <role rolename="manager-gui"/>
  <user username="admin" password="{human_pw()}" roles="manager-gui,admin-gui"/>
</tomcat-users>""", CRED, "tomcat-users.xml password attribute")
add("macos-plist-token", f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>AccountEmail</key>
	<string>dana@acme.io</string>
	<key>RefreshToken</key>
	<string>{rs(URLC, 64)}</string>
	<key>SyncEnabled</key>
	<true/>
</dict>
</plist>""", CRED, "defaults export plist <key>RefreshToken</key><string>")
add("mremoteng-confcons", f"""<?xml version="1.0" encoding="utf-8"?>
<mrng:Connections xmlns:mrng="http://mremoteng.org" Name="Connections" Export="false" EncryptionEngine="AES" BlockCipherMode="GCM" KdfIterations="1000" FullFileEncryption="false" Protected="{rs(B64C,120)}" ConfVersion="2.6">
    <Node Name="dc01" Type="Connection" Username="Administrator" Domain="ACME" Password="{rs(B64C, 64)}==" Hostname="10.0.0.10" Protocol="RDP" Port="3389" />
</mrng:Connections>""", CRED, "mRemoteNG confCons.xml Password (default-key AES, decryptable)")
add("rdp-file", f"full address:s:10.0.0.10\nusername:s:ACME\\Administrator\npassword 51:b:{('01000000D08C9DDF0115D1118C7A00C04FC297EB' + hexs(400)).upper()}\nscreen mode id:i:2\n", CRED, ".rdp password 51:b: DPAPI blob", note="debatable: DPAPI blob bound to user profile")
# INI / dotfile families
add("gradle-properties", f"org.gradle.jvmargs=-Xmx4g\nossrhUsername=acme-release\nossrhPassword={human_pw()}\nsigning.keyId={hexs(8).upper()}\nsigning.password={pw(16)}\nsigning.secretKeyRingFile=/Users/dana/.gnupg/secring.gpg\n", CRED, "~/.gradle/gradle.properties ossrhPassword / signing.password")
add("android-keystore-props", f"storePassword={pw(16)}\nkeyPassword={pw(16)}\nkeyAlias=upload\nstoreFile=/Users/dana/keys/upload.jks\n", CRED, "keystore.properties storePassword/keyPassword")
add("cargo-credentials", f"[registry]\ntoken = \"cio{rs(ALNUM, 32)}\"\n", CRED, "~/.cargo/credentials.toml token cio...")
add("composer-auth", json.dumps({"http-basic": {"repo.packagist.com": {"username": "token", "password": hexs(40)}}, "github-oauth": {"github.com": gh("gho")}}, indent=4), CRED, "composer auth.json http-basic password / github-oauth")
add("yarnrc-yml", f"npmRegistryServer: \"https://npm.pkg.github.com\"\nnpmAuthToken: \"{npm()}\"\nnpmScopes:\n  acme:\n    npmAlwaysAuth: true\n    npmAuthToken: {gh()}\n", CRED, ".yarnrc.yml npmAuthToken")
add("gem-credentials", f"---\n:rubygems_api_key: rubygems_{hexs(48)}\n", CRED, "~/.gem/credentials rubygems_")
add("poetry-auth-toml", f"[http-basic.acme]\nusername = \"dana\"\npassword = \"{human_pw()}\"\n", CRED, "pypoetry auth.toml password")
add("pip-conf", f"[global]\nindex-url = https://dana:{rs(ALNUM, 24)}@pkgs.acme.io/simple/\ntimeout = 60\n", CRED, "pip.conf index-url userinfo password")
add("databrickscfg", f"[DEFAULT]\nhost = https://adb-{R.randint(10**15,10**16)}.7.azuredatabricks.net\ntoken = {dapi()}\n\n[staging]\nhost = https://acme-staging.cloud.databricks.com\nusername = dana@acme.io\npassword = {human_pw()}\n", CRED, "~/.databrickscfg token / password")
add("snowsql-config", f"[connections.prod]\naccountname = acme-prod\nusername = DANA\npassword = {human_pw()}\nwarehousename = ANALYST_WH\n", CRED, "~/.snowsql/config password")
add("dbt-profiles", f"analytics:\n  target: prod\n  outputs:\n    prod:\n      type: postgres\n      host: 10.3.1.5\n      user: dbt\n      pass: {pw(18)}\n      port: 5432\n      dbname: warehouse\n      schema: analytics\n", CRED, "dbt profiles.yml pass:")
add("kaggle-json", json.dumps({"username": "danawhitfield", "key": hexs(32)}), CRED, "~/.kaggle/kaggle.json key (32 hex)")
add("glab-config", f"hosts:\n    gitlab.com:\n        token: {glpat()}\n        api_host: gitlab.com\n        git_protocol: ssh\n", CRED, "glab config.yml token glpat")
add("pulumi-credentials", json.dumps({"current": "https://api.pulumi.com", "accessTokens": {"https://api.pulumi.com": "pul-" + hexs(40)}, "accounts": {"https://api.pulumi.com": {"accessToken": "pul-" + hexs(40), "username": "dana"}}}, indent=4), CRED, "~/.pulumi/credentials.json pul-")
add("firebase-tools-json", json.dumps({"tokens": {"expires_at": 1765100000000, "refresh_token": grefresh(), "scopes": ["email", "openid", "https://www.googleapis.com/auth/cloudplatformprojects.readonly"], "access_token": ya29()}, "user": {"email": "dana@acme.io"}}, indent=2), CRED, "configstore/firebase-tools.json refresh_token")
add("odbc-ini", f"[WAREHOUSE]\nDriver=/opt/simba/lib/libsparkodbc.dylib\nHost=10.9.0.4\nUID=etl_user\nPWD={human_pw()}\n", CRED, "odbc.ini PWD=")
add("wp-config", f"<?php\ndefine( 'DB_NAME', 'wordpress' );\ndefine( 'DB_USER', 'wp_prod' );\ndefine( 'DB_PASSWORD', '{pw(20)}' );\ndefine( 'DB_HOST', '10.0.9.8' );\ndefine( 'AUTH_KEY',         '{rs(string.printable[:94].replace(chr(39),'').replace(chr(92),''), 64)}' );\n", CRED, "wp-config.php define DB_PASSWORD / AUTH_KEY")
add("laravel-env", f"APP_NAME=Shop\nAPP_ENV=production\nAPP_KEY=base64:{b64(bytes(R.getrandbits(8) for _ in range(32)))}\nDB_PASSWORD={pw(16)}\nMAIL_PASSWORD={rs(ALNUM,20)}\n", CRED, "Laravel .env APP_KEY base64: / DB_PASSWORD")
add("dotnet-user-secrets", json.dumps({"ConnectionStrings:Default": f"Host=10.2.2.2;Database=crm;Username=crm;Password={human_pw()}", "Auth0:ClientSecret": rs(URLC, 64)}, indent=2), CRED, "dotnet user-secrets secrets.json")
add("msmtprc", f"account gmail\nhost smtp.gmail.com\nport 587\nauth on\nuser dana.whitfield@gmail.com\npassword {rs(string.ascii_lowercase, 16)}\n", CRED, "~/.msmtprc password (Gmail app password 16 lowercase)")
add("muttrc", f"set imap_user = 'dana@acme.io'\nset imap_pass = '{human_pw()}'\nset smtp_url = 'smtps://dana@acme.io@smtp.office365.com:465/'\n", CRED, "~/.muttrc imap_pass")
add("gitconfig-sendemail", f"[sendemail]\n\tsmtpserver = smtp.gmail.com\n\tsmtpuser = dana.whitfield@gmail.com\n\tsmtpPass = {rs(string.ascii_lowercase, 4)} {rs(string.ascii_lowercase, 4)} {rs(string.ascii_lowercase, 4)} {rs(string.ascii_lowercase, 4)}\n\tsmtpserverport = 587\n", CRED, "~/.gitconfig sendemail.smtpPass (Gmail app password with spaces)")
add("wpa-supplicant", f"network={{\n\tssid=\"ACME-Corp\"\n\tkey_mgmt=WPA-EAP\n\teap=PEAP\n\tidentity=\"dwhitfield\"\n\tpassword=\"{human_pw()}\"\n}}\nnetwork={{\n\tssid=\"HomeNet\"\n\tpsk=\"{human_pw()}\"\n}}\n", CRED, "wpa_supplicant.conf password= / psk=")
add("nm-connection", f"[connection]\nid=ACME-Guest\ntype=wifi\n[wifi-security]\nkey-mgmt=wpa-psk\npsk={pw(14)}\n", CRED, "NetworkManager .nmconnection psk=")
add("openvpn-auth", f"$ cat ~/vpn/auth.txt\ndwhitfield\n{human_pw()}\n$ grep auth-user-pass ~/vpn/acme.ovpn\nauth-user-pass auth.txt\n", CRED, "openvpn auth-user-pass file (user, password lines)")
add("macos-security-cli", f"$ security find-generic-password -s 'Slack Safe Storage' -w\n{rs(B64C, 22)}==\n$ security find-internet-password -s github.com -w\n{gh()}\n", CRED, "security find-*-password -w output")
add("macos-security-cli-pw", f"$ security find-generic-password -a dana -s 'prod-db' -w\n{human_pw()}\n", CRED, "security find-generic-password -w output (plain password alone)")
add("lpass-show", f"$ lpass show --password 'Shared-Infra/AWS root'\n{pw(22)}\n", CRED, "lpass show --password output")
add("op-read", f"$ op read 'op://Private/Stripe/credential'\n{stripe('rk_live_')}\n$ op item get 'prod db' --fields password --reveal\n{human_pw()}\n", CRED, "op read output")
add("kubectl-create-literal", f"$ history | grep kubectl\n  512  kubectl create secret generic api-keys --from-literal=MAILGUN_KEY={hexs(32)}-{hexs(8)}-{hexs(8)} --from-literal=DB_PASS='{human_pw()}'\n", CRED, "kubectl --from-literal=KEY=value")
add("docker-run-e", f"$ docker run -d -e POSTGRES_PASSWORD='{human_pw()}' -e PGADMIN_DEFAULT_PASSWORD={pw(12)} -p 5432:5432 postgres:16\n", CRED, "docker run -e *_PASSWORD")
add("ps-aux-args", f"$ ps aux | grep java\ndana  4412  3.1  2.0 java -Dspring.datasource.password={pw(16)} -Djavax.net.ssl.keyStorePassword={human_pw()} -jar app.jar\n", CRED, "ps aux process args -D...password=")
add("slack-desktop-xoxc", f"$ strings ~/Library/Application\\ Support/Slack/Local\\ Storage/leveldb/*.ldb | grep xoxc\n\"token\":\"xoxc-{R.randint(10**11,10**12)}-{R.randint(10**12,10**13)}-{R.randint(10**12,10**13)}-{hexs(64)}\"\n", CRED, "Slack desktop leveldb xoxc- token")
add("discord-token", f"$ strings leveldb/000005.ldb | grep -o '[A-Za-z0-9_-]\\{{24\\}}\\.[A-Za-z0-9_-]\\{{6\\}}\\.[A-Za-z0-9_-]\\{{38\\}}'\n{b64u(str(R.randint(10**17,10**18)).encode())}.{rs(URLC,6)}.{rs(URLC,38)}\n", CRED, "Discord user token from leveldb strings")
add("cloudflared-tunnel", f"$ cloudflared tunnel token acme-prod\n{b64(json.dumps({'a': hexs(32), 't': uuid4(), 's': b64(bytes(R.getrandbits(8) for _ in range(32)))}))}\n", CRED, "cloudflared tunnel token (base64 JSON with secret s)")
add("github-app-pem-b64", f"GITHUB_APP_ID=381244\nGITHUB_APP_PRIVATE_KEY_B64={b64(pem_rsa())}\n", CRED, ".env base64 of whole PEM private key")
add("env-file-b64", f"$ base64 -i .env.production\n{b64('STRIPE_SECRET_KEY=' + stripe() + chr(10) + 'DATABASE_URL=postgres://app:' + pw(16) + '@10.0.0.5/app' + chr(10))}\n", CRED, "base64 of whole .env (for CI secret)")
add("yaml-block-scalar", f"tls:\n  key: |\n{''.join('    ' + l + chr(10) for l in pem_pkcs8().splitlines())}", CRED, "YAML block scalar PEM indented")
add("properties-unicode", f"db.user=report\ndb.password={''.join(chr(92) + 'u%04x' % ord(c) for c in human_pw()[:6])}{pw(8)}\n", CRED, "Java .properties password with \\uXXXX escapes")
add("opaque-non-obvious-key", f"# .env\nPAYMENTS_PROVIDER=adyen\nADYEN_CRED={b64(bytes(R.getrandbits(8) for _ in range(30)))}\nADYEN_MERCHANT=AcmeECOM\n", CRED, ".env value under non-obvious key name _CRED")
add("ssh-askpass-script", f"#!/bin/sh\n# ~/bin/askpass.sh used by SSH_ASKPASS\necho '{human_pw()}'\n", CRED, "askpass script echoing password")
add("expect-script", f"#!/usr/bin/expect\nspawn ssh admin@10.0.0.1\nexpect \"password:\"\nsend \"{human_pw()}\\r\"\ninteract\n", CRED, "expect script send password")
add("sshpass-cmd", f"sshpass -p '{pw(14)}' rsync -av ./dist/ deploy@203.0.113.10:/var/www/\n", CRED, "sshpass -p in deploy script")
add("curl-header-cmd", f"curl -s https://api.pagerduty.com/incidents -H 'Authorization: Token token={rs(URLC,20)}' -H 'Accept: application/vnd.pagerduty+json;version=2'\n", CRED, "curl -H Authorization Token token=")
add("curl-apikey-header", f"curl https://api.acme-vendor.com/v1/export -H \"X-Api-Key: {rs(ALNUM, 40)}\" -o export.csv\n", CRED, "curl X-Api-Key header opaque")
add("chrome-devtools-copy-curl", f"curl 'https://app.acme.io/graphql' \\\n  -H 'accept: */*' \\\n  -H 'cookie: _ga=GA1.1.{R.randint(10**8,10**9)}.1733390000; __Secure-next-auth.session-token={rs(URLC,120)}' \\\n  --data-raw '{{\"query\":\"{{ me {{ id }} }}\"}}'\n", CRED, "DevTools 'Copy as cURL' next-auth session cookie")
# more opaque-in-context variants of batch-1 misses
add("sql-dump-tokens", "-- Dumping data for table `api_keys`\nINSERT INTO `api_keys` (`id`, `user_id`, `key`, `created_at`) VALUES\n" + ",\n".join(f"({i}, {R.randint(100,999)}, '{rs(ALNUM, 40)}', '2026-11-1{i} 09:00:00')" for i in range(1, 4)) + ";\n", CRED, "mysqldump api_keys.key column opaque")
add("sql-select-output", "psql> SELECT id, user_id, access_token FROM oauth_sessions LIMIT 3;\n id |      user_id       |               access_token\n----+--------------------+------------------------------------------\n" + "\n".join(f"  {i} | {R.randint(10000,99999)}              | {rs(ALNUM,40)}" for i in range(1, 4)) + "\n(3 rows)\n", CRED, "psql table output access_token column")
add("cookies-txt-generic", "# Netscape HTTP Cookie File\n" + f"#HttpOnly_app.acme-corp.net\tFALSE\t/\tTRUE\t1796000000\tJSESSIONID\t{hexs(32).upper()}\n#HttpOnly_.acme-corp.net\tTRUE\t/\tTRUE\t1796000000\tPHPSESSID\t{rs(string.ascii_lowercase+string.digits,26)}\n", CRED, "cookies.txt JSESSIONID/PHPSESSID")
add("cookie-json-export", json.dumps([{"domain": ".salesforce.com", "name": "sid", "value": "00D" + rs(ALNUM, 12) + "!" + rs(URLC + ".", 96), "httpOnly": True, "secure": True, "path": "/"}]), CRED, "EditThisCookie JSON export salesforce sid")
add("slack-export-pw", json.dumps([{"type": "message", "text": f"root pw for the new NAS is {human_pw()} — change it after", "ts": "1733390011.000300"}], indent=4), CRED, "Slack prose 'root pw for ... is X'")
add("chat-password-prose", f"From: Marcus\nTo: Dana\nSubject: staging access\n\nHey, login is admin / {human_pw()} for https://staging.acme.io — please don't share.\n", CRED, "email prose user / password")
add("powershell-env-pw", "PS> Get-ChildItem Env:\n\nName                           Value\n----                           -----\n" + "\n".join(f"{k:<31}{v}" for k, v in [("OS", "Windows_NT"), ("NUGET_API_KEY", "oy2" + rs(string.ascii_lowercase + string.digits, 43)), ("USERNAME", "dana")]), CRED, "PowerShell Env: table NUGET_API_KEY oy2...")
add("hexdump-token", "$ hexdump -C ~/.npmrc\n" + "\n".join(f"{i*16:08x}  " + " ".join(f"{b:02x}" for b in ch) + "  |" + "".join(chr(b) if 32 <= b < 127 else "." for b in ch) + "|" for i, ch in enumerate([(("//registry.npmjs.org/:_authToken=" + npm() + "\n").encode())[k:k+16] for k in range(0, 75, 16)])), CRED, "hexdump -C of .npmrc")
# ---- PII batch 2 ----
def vcard():
    q = person(); return f"BEGIN:VCARD\nVERSION:3.0\nFN:{q['first']} {q['last']}\nN:{q['last']};{q['first']};;;\nEMAIL;TYPE=HOME:{q['email']}\nTEL;TYPE=CELL:{q['phone']}\nADR;TYPE=HOME:;;{q['addr']};{q['city']};{q['st']};{q['zip']};USA\nBDAY:{q['dob']}\nEND:VCARD"
add("vcard-export", "\n".join(vcard() for _ in range(4)), PII, "contacts.vcf export (names/phones/addresses/birthdays)")
q = person()
add("hl7-adt", f"MSH|^~\\&|EPIC|ACMEHOSP|||20261205101100||ADT^A04|{R.randint(10**6,10**7)}|P|2.5\rPID|1||{R.randint(10**6,10**7)}^^^ACMEHOSP^MR||{q['last'].upper()}^{q['first'].upper()}||{q['dob'].replace('-','')}|F|||{q['addr']}^^{q['city']}^{q['st']}^{q['zip']}||{q['phone']}|||||{R.randint(10**8,10**9)}|{q['ssn']}\rDG1|1||E11.9^Type 2 diabetes^I10\r", PII, "HL7 v2 ADT PID segment (SSN field 19, DOB, MRN)")
q = person()
add("fhir-patient", json.dumps({"resourceType": "Patient", "id": uuid4(), "identifier": [{"system": "http://hl7.org/fhir/sid/us-ssn", "value": q["ssn"].replace("-", "")}, {"type": {"coding": [{"code": "MR"}]}, "value": "MRN" + str(R.randint(10**6, 10**7))}], "name": [{"family": q["last"], "given": [q["first"]]}], "birthDate": q["dob"], "telecom": [{"system": "phone", "value": q["phone"]}], "address": [{"line": [q["addr"]], "city": q["city"], "state": q["st"], "postalCode": q["zip"]}]}, indent=2), PII, "FHIR Patient identifier us-ssn (no dashes)")
q = person()
add("edi-834", f"ISA*00*          *00*          *ZZ*ACMEHR         *ZZ*BCBS           *261205*1011*^*00501*000000905*0*P*:~\nINS*Y*18*021*28*A***FT~\nREF*0F*{q['ssn'].replace('-','')}~\nNM1*IL*1*{q['last'].upper()}*{q['first'].upper()}****34*{q['ssn'].replace('-','')}~\nDMG*D8*{q['dob'].replace('-','')}*F~\n", PII, "X12 834 enrollment NM1*IL ... *34*<SSN>")
add("aamva-dl-barcode", f"@\n\x1e\rANSI 636014080102DL00410288ZC03290024DLDAQ{'D' + str(R.randint(10**6,10**7))}\nDCS{(q:=person())['last'].upper()}\nDAC{q['first'].upper()}\nDBB{q['dob'][5:7]}{q['dob'][8:]}{q['dob'][:4]}\nDAG{q['addr'].upper()}\nDAI{q['city'].upper()}\nDAJ{q['st']}\nDAK{q['zip']}0000\n", PII, "decoded PDF417 driver licence (AAMVA)")
add("ssn-prose-spaces", f"User: hi, my SSN is {ssn().replace('-', ' ')} and DOB 04/12/1987, can you fill the form?\n", PII, "chat transcript SSN with spaces")
add("ach-nacha", "101 021000021 1234567891612051011A094101JPMORGAN CHASE         ACME CORP              \n5220ACME CORP                           1234567891PPDPAYROLL         261205   1021000020000001\n" + "".join(f"622{R.choice(['021000021','011000015','026009593'])}{str(R.randint(10**9,10**10)).ljust(17)}{R.randint(10**5,10**6):010d}{'EMP' + str(R.randint(1000,9999)):<15}{(R.choice(FIRST) + ' ' + R.choice(LAST))[:22]:<22}  0021000020000{i+1:03d}\n" for i in range(3)), FIN, "NACHA ACH file entry detail records (account numbers)")
add("bank-statement-csv", "Date,Description,Amount,Balance\n2026-11-01,DIRECT DEP ACME CORP,3120.55,8120.11\n2026-11-03,ZELLE TO MARCUS OKAFOR,-200.00,7920.11\n\nAccount: Checking ****" + str(R.randint(1000, 9999)) + "\nRouting: 021000021  Account number: " + str(R.randint(10**9, 10**10)) + "\n", FIN, "bank statement CSV footer routing + account number")
add("card-in-receipt-email", f"Thanks for your order!\nPayment: {card('mc')} exp 08/28\nBilling: {(q:=person())['first']} {q['last']}, {q['addr']}, {q['city']} {q['st']}\n", FIN, "receipt email full PAN (merchant bug)")
add("card-amex-dashes", f"corp card for vendor signups: {(lambda c: c[:4]+'-'+c[4:10]+'-'+c[10:])(card('amex'))} exp 11/29 CID {R.randint(1000,9999)}\n", FIN, "notes file Amex with dashes 4-6-5")
# ---- negatives batch 2 ----
add("keepass-xml", "<KeePassFile><Meta><Generator>KeePassXC</Generator><DatabaseName>Passwords</DatabaseName><MemoryProtection><ProtectTitle>False</ProtectTitle><ProtectPassword>True</ProtectPassword></MemoryProtection></Meta><Root><Group><Name>Root</Name></Group></Root></KeePassFile>", None, "KeePass XML meta, no entries")
add("maven-settings", "<settings>\n  <servers>\n    <server>\n      <id>nexus-releases</id>\n      <username>${env.NEXUS_USER}</username>\n      <password>${env.NEXUS_PASSWORD}</password>\n    </server>\n  </servers>\n</settings>", None, "settings.xml ${env.X} references")
add("maven-settings-encrypted", "<server>\n  <id>nexus</id>\n  <username>deploy</username>\n  <password>{" + rs(B64C, 44) + "=}</password>\n</server>", None, "settings.xml maven-encrypted {…} password", note="encrypted with settings-security master")
add("web-config", "<configuration>\n  <appSettings>\n    <add key=\"Environment\" value=\"Production\" />\n    <add key=\"ApiBaseUrl\" value=\"https://api.acme.io\" />\n    <add key=\"MaxRetries\" value=\"5\" />\n  </appSettings>\n  <connectionStrings>\n    <add name=\"Default\" connectionString=\"Server=10.1.2.3;Database=Billing;Integrated Security=True;\" />\n  </connectionStrings>\n</configuration>", None, "web.config Integrated Security, no password")
add("gradle-properties", "org.gradle.jvmargs=-Xmx4g -XX:MaxMetaspaceSize=512m\norg.gradle.parallel=true\nkotlin.code.style=official\nandroid.useAndroidX=true\nsigning.keyId=" + hexs(8).upper() + "\n", None, "gradle.properties without secrets")
add("google-services-json", json.dumps({"project_info": {"project_number": str(R.randint(10**11, 10**12)), "project_id": "acme-mobile", "storage_bucket": "acme-mobile.appspot.com"}, "client": [{"client_info": {"mobilesdk_app_id": f"1:{R.randint(10**11,10**12)}:android:{hexs(16)}", "android_client_info": {"package_name": "io.acme.app"}}, "oauth_client": [{"client_id": f"{R.randint(10**11,10**12)}-{rs(string.ascii_lowercase+string.digits,32)}.apps.googleusercontent.com", "client_type": 3}]}]}, indent=2), None, "google-services.json without api_key (client ids only)")
add("htpasswd-hashes", "\n".join(f"{R.choice(FIRST).lower()}:$apr1${rs(ALNUM,8)}${rs(ALNUM+'./',22)}" for _ in range(3)), None, ".htpasswd apr1 hashes", note="hashes only")
add("masked-card-receipt", f"Payment method: Visa ending in {R.randint(1000,9999)}\nCard: **** **** **** {R.randint(1000,9999)}\nAuth code: {rs(string.ascii_uppercase+string.digits,6)}\nTransaction ID: ch_{rs(ALNUM,24)}\n", None, "receipt with masked card + charge id")
add("ups-tracking", "\n".join(f"Tracking: 1Z{rs(string.ascii_uppercase+string.digits,16)}  Order #{R.randint(10**15,10**16)}" for _ in range(3)), None, "tracking numbers + 16-digit order numbers")
add("aba-routing-doc", "To set up direct deposit, our bank's routing number is listed on the public Fed directory. Wire instructions: SWIFT CHASUS33.\n", None, "public bank identifiers only")
add("fhir-patient-synthetic-schema", json.dumps({"resourceType": "StructureDefinition", "name": "USCorePatient", "element": [{"path": "Patient.identifier", "short": "An identifier for this patient", "example": [{"label": "SSN", "valueIdentifier": {"system": "http://hl7.org/fhir/sid/us-ssn", "value": "<ssn>"}}]}]}, indent=2), None, "FHIR profile schema doc with <ssn> placeholder")
add("vcard-company", "BEGIN:VCARD\nVERSION:3.0\nFN:Acme Support\nORG:Acme Inc.\nTEL;TYPE=WORK:+1-800-555-0100\nEMAIL;TYPE=WORK:support@acme.io\nURL:https://acme.io\nEND:VCARD", None, "company vCard (business contact)")
add("psql-schema", "psql> \\d oauth_sessions\n      Column      |  Type   | Nullable\n------------------+---------+---------\n id               | integer | not null\n email            | text    |\n access_token     | text    |\n refresh_token    | text    |\n", None, "psql schema description with token column names")
add("kubectl-secret-list", "$ kubectl get secrets -A\nNAMESPACE   NAME                          TYPE                                  DATA   AGE\nbilling     stripe                        Opaque                                2      41d\nkube-system deployer-token-x8k2p          kubernetes.io/service-account-token   3      212d\npayments    sh.helm.release.v1.api.v7     helm.sh/release.v1                    1      3d\n", None, "kubectl get secrets listing")
add("macos-security-cli", "$ security find-generic-password -s 'prod-db'\nkeychain: \"/Users/dana/Library/Keychains/login.keychain-db\"\nversion: 512\nclass: \"genp\"\nattributes:\n    \"acct\"<blob>=\"dana\"\n    \"svce\"<blob>=\"prod-db\"\n    \"mdat\"<timedate>=0x32303236313230353130313130305A00  \"20261205101100Z\\000\"\n", None, "security find-generic-password without -w (metadata only)")
add("bash-history", "cd ~/src/api\ngit pull --rebase\nkubectl get pods -n billing\nexport AWS_PROFILE=prod\nvault login -method=oidc\nop signin\ndocker login ghcr.io --username dana-w --password-stdin < ~/.ghcr\n", None, "shell history without literal secrets")
add("ci-log-test-fixture-hash", "PASS src/auth/hash.test.ts\n  ✓ hashes password with argon2id ($argon2id$v=19$m=65536,t=3,p=4$" + rs(B64C, 22) + "$" + rs(B64C, 43) + ") (512 ms)\n  ✓ rejects wrong password (488 ms)\n", None, "test log with argon2 hash")
add("openapi-spec", "components:\n  securitySchemes:\n    ApiKeyAuth:\n      type: apiKey\n      in: header\n      name: X-API-Key\n    bearerAuth:\n      type: http\n      scheme: bearer\n      bearerFormat: JWT\n", None, "OpenAPI securitySchemes")
add("docker-run-secret-file", "$ docker run -d --env-file .env -e POSTGRES_PASSWORD_FILE=/run/secrets/pg -v ./pg.txt:/run/secrets/pg:ro postgres:16\n", None, "docker run with *_FILE and --env-file")
add("wpa-supplicant", "ctrl_interface=/var/run/wpa_supplicant\nupdate_config=1\nnetwork={\n\tssid=\"CoffeeShop-Free\"\n\tkey_mgmt=NONE\n}\n", None, "open Wi-Fi network config")

# ======================= BATCH 3 =======================
import io, zipfile, tarfile, sqlite3, tempfile
os.makedirs(os.path.join(os.path.dirname(OUT), "cases"), exist_ok=True)
def add_file(kind, fname, data, ctype, cats, where, target="https://api.openai.com/v1/files", extra_headers=None, cte=None):
    b = "----formdata-undici-0" + "".join(R.choice(string.digits) for _ in range(11))
    part_h = f"Content-Disposition: form-data; name=\"file\"; filename=\"{fname}\"\r\nContent-Type: {ctype}\r\n"
    if cte: part_h += f"Content-Transfer-Encoding: {cte}\r\n"; data = base64.encodebytes(data)
    body = (f"--{b}\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nuser_data\r\n--{b}\r\n" + part_h + "\r\n").encode() + data + f"\r\n--{b}--\r\n".encode()
    u = urllib.parse.urlsplit(target)
    head = f"POST {u.path} HTTP/1.1\r\nHost: {u.netloc}\r\nContent-Type: multipart/form-data; boundary={b}\r\nContent-Length: {len(body)}\r\n"
    for k, v in (extra_headers or {}).items(): head += f"{k}: {v}\r\n"
    n = sum(1 for c in cases if c['tags'][0] == 'rt:' + kind) + 1
    cid = f"{kind}-{n}" + ("" if cats else "-neg")
    rel = f"cases/{cid}.http"
    open(os.path.join(os.path.dirname(OUT), rel), "wb").write(head.encode() + b"\r\n" + body)
    cases.append({"id": cid, "request": rel, "expect": ({"categories": cats} if cats else {}), "tags": ["rt:" + kind, "ctr:multipart-file", "pos" if cats else "neg"], "where": where + f" [multipart file {fname}]"})
def zbytes(files):
    bio = io.BytesIO()
    with zipfile.ZipFile(bio, "w", zipfile.ZIP_DEFLATED) as z:
        for n, c in files:
            zi = zipfile.ZipInfo(n, date_time=(2026, 12, 5, 10, 0, 0)); zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, c)
    return bio.getvalue()
def tgz(files):
    bio = io.BytesIO()
    with tarfile.open(fileobj=bio, mode="w:gz", format=tarfile.GNU_FORMAT) as t:
        for n, c in files:
            ti = tarfile.TarInfo(n); d = c.encode(); ti.size = len(d); ti.mtime = 1765000000; t.addfile(ti, io.BytesIO(d))
    return gzip.compress(gzip.decompress(bio.getvalue()), mtime=0)
def xlsx(rows):
    ss, idx = [], {}
    def si(v):
        if v not in idx: idx[v] = len(ss); ss.append(v)
        return idx[v]
    sheet_rows = "".join(f'<row r="{r+1}">' + "".join(f'<c r="{chr(65+c)}{r+1}" t="s"><v>{si(v)}</v></c>' for c, v in enumerate(row)) + "</row>" for r, row in enumerate(rows))
    return zbytes([("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'),
                   ("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
                   ("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Employees" sheetId="1" r:id="rId1"/></sheets></workbook>'),
                   ("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'),
                   ("xl/worksheets/sheet1.xml", f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheet_rows}</sheetData></worksheet>'),
                   ("xl/sharedStrings.xml", f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(ss)}" uniqueCount="{len(ss)}">' + "".join(f"<si><t>{v}</t></si>" for v in ss) + "</sst>")])
add_file("zip-project-env", "api-src.zip", zbytes([("api/README.md", "# api\n"), ("api/.env", f"NODE_ENV=production\nSTRIPE_SECRET_KEY={stripe()}\nDATABASE_URL=postgres://app:{pw(16)}@10.0.0.5/app\n"), ("api/index.js", "console.log('hi')\n")]), "application/zip", CRED, "zip of project containing .env")
add_file("tgz-aws-dir", "aws-backup.tar.gz", tgz([(".aws/config", "[default]\nregion = us-east-1\n"), (".aws/credentials", f"[default]\naws_access_key_id = {aws_id()}\naws_secret_access_key = {aws_secret()}\n")]), "application/gzip", CRED, "tar.gz of ~/.aws with credentials")
hr = [["Employee", "SSN", "DOB", "Home address"]] + [[f"{(q:=person())['first']} {q['last']}", q["ssn"], q["dob"], f"{q['addr']}, {q['city']} {q['st']}"] for _ in range(5)]
add_file("xlsx-hr", "employees.xlsx", xlsx(hr), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", PII, "xlsx sharedStrings SSN column")
db = tempfile.mktemp(suffix=".db"); con = sqlite3.connect(db)
con.execute("create table api_tokens (id integer primary key, user_email text, token text)")
for i in range(3): con.execute("insert into api_tokens values (?,?,?)", (i, f"svc{i}@acme.io", gh() if i == 0 else npm()))
con.commit(); con.close(); data = open(db, "rb").read(); os.remove(db)
add_file("sqlite-db", "app.db", data, "application/vnd.sqlite3", CRED, "SQLite db file rows with ghp_/npm_ tokens")
add_file("multipart-b64-cte", "notes.txt", f"deploy notes\nexport GITHUB_TOKEN={gh()}\n".encode(), "text/plain", CRED, "multipart part with Content-Transfer-Encoding: base64", cte="base64")
add_file("zip-negative", "site.zip", zbytes([("site/index.html", "<h1>Hello</h1>"), ("site/.env.example", "API_KEY=your-key-here\n")]), "application/zip", None, "zip with placeholders only")
ssn_list = [["Name", "Department", "Start date"]] + [[f"{R.choice(FIRST)} {R.choice(LAST)}", R.choice(["Eng", "Ops"]), "2024-01-08"] for _ in range(4)]
add_file("xlsx-neg", "roster.xlsx", xlsx(ssn_list), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", None, "xlsx with names/departments only")
# Windows legacy configs
add("unattend-xml", f"""<unattend xmlns="urn:schemas-microsoft-com:unattend">
  <settings pass="oobeSystem">
    <component name="Microsoft-Windows-Shell-Setup">
      <UserAccounts>
        <AdministratorPassword>
          <Value>{b64((human_pw() + 'AdministratorPassword').encode('utf-16-le'))}</Value>
          <PlainText>false</PlainText>
        </AdministratorPassword>
      </UserAccounts>
      <AutoLogon><Password><Value>{human_pw()}</Value><PlainText>true</PlainText></Password><Username>Administrator</Username><Enabled>true</Enabled></AutoLogon>
    </component>
  </settings>
</unattend>""", CRED, "unattend.xml AutoLogon Password/Value plaintext + base64 AdministratorPassword")
add("gpp-cpassword", f"""<?xml version="1.0" encoding="utf-8"?>
<Groups clsid="{{3125E937-EB16-4b4c-9934-544FC6D24D26}}"><User clsid="{{DF5F1855-51E5-4d24-8B1A-D9BDE98BA1D1}}" name="LocalAdmin" image="2" changed="2026-11-01 10:00:00" uid="{{{uuid4().upper()}}}"><Properties action="U" newName="" fullName="" description="" cpassword="{rs(B64C, 43)}" changeLogon="0" noChange="1" neverExpires="1" acctDisabled="0" userName="LocalAdmin"/></User></Groups>""", CRED, "SYSVOL Groups.xml cpassword (public AES key)")
add("keepass-xml", f"<Entry><String><Key>Title</Key><Value>Gmail</Value></String><String><Key>Password</Key><Value ProtectInMemory=\"True\">{human_pw()}</Value></String></Entry>", CRED, "KeePass entry fragment")
add("macos-plist-token", f"$ defaults read com.acme.desktop\n{{\n    AuthToken = \"{rs(ALNUM, 48)}\";\n    LastSync = \"2026-12-05 10:11:00 +0000\";\n}}\n", CRED, "defaults read old-style plist AuthToken")
# cloud CLI outputs
sv = json.dumps({"username": "admin", "password": pw(20), "host": "10.0.2.2"})
add("aws-secretsmanager-value", json.dumps({"ARN": "arn:aws:secretsmanager:us-east-1:481516234200:secret:prod/db-" + rs(ALNUM, 6), "Name": "prod/db", "VersionId": uuid4(), "SecretString": sv, "VersionStages": ["AWSCURRENT"]}, indent=4), CRED, "get-secret-value SecretString (escaped JSON string)")
add("aws-ssm-param", json.dumps({"Parameter": {"Name": "/prod/payments/db_password", "Type": "SecureString", "Value": human_pw(), "Version": 3, "ARN": "arn:aws:ssm:us-east-1:481516234200:parameter/prod/payments/db_password"}}, indent=4), CRED, "ssm get-parameter --with-decryption Value")
add("aws-ssm-table", "$ aws ssm get-parameters-by-path --path /prod/api --with-decryption --output table\n-----------------------------------------------------\n|               GetParametersByPath                |\n+---------------------------------------------------+\n||                   Parameters                    ||\n|+------------------------+------------------------+|\n||  Name                  |  /prod/api/signing_key ||\n||  Type                  |  SecureString          ||\n||  Value                 |  " + rs(ALNUM, 40) + "  ||\n|+------------------------+------------------------+|\n", CRED, "aws --output table Value row")
add("kubectl-jsonpath-decoded", f"$ kubectl get secret postgres-auth -o jsonpath='{{.data.password}}' | base64 -d\n{pw(20)}\n", CRED, "kubectl jsonpath | base64 -d output (bare password)")
add("heroku-config", f"$ heroku config -a acme-api\n=== acme-api Config Vars\nDATABASE_URL:        postgres://u{rs(string.ascii_lowercase,13)}:p{hexs(64)}@ec2-3-91-1-1.compute-1.amazonaws.com:5432/d{rs(string.ascii_lowercase,13)}\nSESSION_SECRET:      {hexs(64)}\nPAPERTRAIL_API_TOKEN: {rs(ALNUM, 20)}\n", CRED, "heroku config aligned KEY: value")
add("gcloud-secrets-access", f"$ gcloud secrets versions access latest --secret=openai-key\n{openai_key()}", CRED, "gcloud secrets versions access output")
add("az-keyvault-show", json.dumps({"attributes": {"enabled": True}, "id": f"https://acme-kv.vault.azure.net/secrets/sql-admin/{hexs(32)}", "name": "sql-admin", "value": human_pw()}, indent=2), CRED, "az keyvault secret show value")
# newer token formats in CLI configs
add("wireguard-conf", f"[Interface]\nPrivateKey = {b64(bytes(R.getrandbits(8) for _ in range(32)))}\nAddress = 10.8.0.2/32\nDNS = 1.1.1.1\n\n[Peer]\nPublicKey = {b64(bytes(R.getrandbits(8) for _ in range(32)))}\nEndpoint = vpn.acme.io:51820\nAllowedIPs = 0.0.0.0/0\n", CRED, "wg0.conf [Interface] PrivateKey")
add("tailscale-authkey", f"$ sudo tailscale up --authkey tskey-auth-k{rs(ALNUM,10)}CNTRL-{rs(ALNUM,33)}\n", CRED, "tailscale up --authkey")
add("flyctl-config", f"access_token: FlyV1 fm2_{rs(URLC + ',', 300)}\n", CRED, "~/.fly/config.yml access_token FlyV1 fm2_")
add("op-service-account", f"export OP_SERVICE_ACCOUNT_TOKEN=ops_{b64u(json.dumps({'signInAddress': 'acme.1password.com', 'userAuth': {'method': 'SRPg-4096', 'alg': 'PBES2g-HS256', 'iterations': 650000, 'salt': rs(URLC,22)}, 'email': rs(string.ascii_lowercase,12) + '@1passwordserviceaccounts.com', 'srpX': hexs(64), 'muk': {'alg': 'A256GCM', 'ext': True, 'k': rs(URLC, 43), 'key_ops': ['encrypt', 'decrypt'], 'kty': 'oct', 'kid': 'mp'}, 'secretKey': 'A3-' + rs(string.ascii_uppercase+string.digits,6), 'deviceUuid': rs(string.ascii_lowercase+string.digits,26)}).encode())}\n", CRED, "1Password service account token ops_eyJ...")
add("linear-notion-figma", f"# ~/.config/mcp/servers.json\n" + json.dumps({"mcpServers": {"linear": {"command": "npx", "args": ["-y", "linear-mcp"], "env": {"LINEAR_API_KEY": "lin_api_" + rs(ALNUM, 40)}}, "notion": {"command": "npx", "env": {"NOTION_TOKEN": "ntn_" + "".join(R.choice(string.digits) for _ in range(11)) + rs(ALNUM, 35)}}, "figma": {"env": {"FIGMA_TOKEN": "figd_" + rs(URLC, 40)}}}}, indent=2), CRED, "MCP client config env LINEAR_API_KEY/NOTION_TOKEN/FIGMA_TOKEN")
add("claude-desktop-config", json.dumps({"mcpServers": {"postgres": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-postgres", f"postgresql://admin:{human_pw().replace('@','%40').replace('#','%23').replace('$','%24')}@10.0.5.5:5432/prod"]}, "brave": {"command": "npx", "env": {"BRAVE_API_KEY": "BSA" + rs(ALNUM, 28)}}}}, indent=2), CRED, "claude_desktop_config.json args DB URL / env BRAVE_API_KEY")
add("cursor-mcp-json", json.dumps({"mcpServers": {"github": {"url": "https://api.githubcopilot.com/mcp/", "headers": {"Authorization": "Bearer " + gh()}}, "sentry": {"url": "https://mcp.sentry.dev/mcp", "headers": {"Authorization": f"Bearer sntryu_{hexs(64)}"}}}}, indent=2), CRED, ".cursor/mcp.json headers Authorization Bearer")
add("postman-pmak", f"POSTMAN_API_KEY=PMAK-{hexs(24)}-{hexs(34)}\n", CRED, ".env PMAK- key")
add("atlassian-token", f"# ~/.config/.jira/.config.yml\nserver: https://acme.atlassian.net\nlogin: dana@acme.io\napi_token: ATATT3xFfGF0{rs(URLC, 170)}={hexs(8).upper()}\n", CRED, "jira-cli config api_token ATATT3x")
add("env-other-keynames", f"# .env\nMAIL_PWD={human_pw()}\nLDAP_BIND_CREDENTIALS={pw(18)}\nPAYPAL_CLIENT_SECRET={rs(URLC, 80)}\nSIGNING_SALT={rs(ALNUM, 32)}\n", CRED, ".env MAIL_PWD / LDAP_BIND_CREDENTIALS / PAYPAL_CLIENT_SECRET")
add("opaque-non-obvious-key", f"export ACME_PROD_AUTH={rs(ALNUM, 40)}\nexport ACME_PROD_URL=https://api.acme.io\n", CRED, "export *_AUTH opaque")
add("eml-quoted-printable", "From: ops@acme.io\nTo: dana@acme.io\nSubject: new creds\nMIME-Version: 1.0\nContent-Type: text/plain; charset=\"utf-8\"\nContent-Transfer-Encoding: quoted-printable\n\nHi Dana,=0A=0Ayour new access key:=0A=0AAWS_ACCESS_KEY_ID=3D" + aws_id() + "=0AAWS_SECRET_ACCESS_KEY=3D" + (lambda k: k[:25] + "=\n" + k[25:])(aws_secret()) + "=0A\n", CRED, ".eml quoted-printable (=3D, soft line break splits secret)")
add("eml-base64-body", "From: it@acme.io\nTo: dana@acme.io\nSubject: VPN\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n" + base64.encodebytes(f"Your temporary VPN password is {human_pw()}\nand your GitLab token is {glpat()}\n".encode()).decode(), CRED, ".eml base64 body")
q = person()
def mrz_cd(s):
    w = [7, 3, 1]; v = lambda c: int(c) if c.isdigit() else (0 if c == "<" else ord(c) - 55)
    return str(sum(v(c) * w[i % 3] for i, c in enumerate(s)) % 10)
pno = f"{R.randint(10**8, 10**9 - 1)}"; dob = q["dob"][2:].replace("-", ""); exp = f"{R.randint(27,35)}0412"; pers = "<" * 14
l2 = pno + mrz_cd(pno) + "USA" + dob + mrz_cd(dob) + "F" + exp + mrz_cd(exp) + pers + mrz_cd(pers)
l2 += mrz_cd(pno + mrz_cd(pno) + dob + mrz_cd(dob) + exp + mrz_cd(exp) + pers + mrz_cd(pers))
add("passport-mrz-ocr", f"$ tesseract scan.png -\nP<USA{q['last'].upper()}<<{q['first'].upper()}".ljust(44 + len("$ tesseract scan.png -\n"), "<") + "\n" + l2 + "\n", PII, "OCR passport MRZ with valid check digits")
q = person()
add("edi-834", f"NM1*IL*1*{q['last'].upper()}*{q['first'].upper()}*A***34*{q['ssn'].replace('-','')}~\nPER*IP**HP*{q['phone'].replace('(','').replace(') ','').replace('-','')}~\nN3*{q['addr'].upper()}~\nN4*{q['city'].upper()}*{q['st']}*{q['zip']}~\nDMG*D8*{q['dob'].replace('-','')}*F~\n", PII, "834 member loop SSN qualifier 34 + DOB + address")
add("gmail-app-password", f"# ~/.config/himalaya/config.toml\n[accounts.gmail]\nemail = \"dana.whitfield@gmail.com\"\nbackend.auth.type = \"password\"\nbackend.auth.raw = \"{' '.join(rs(string.ascii_lowercase,4) for _ in range(4))}\"\n", CRED, "himalaya config Gmail app password")
# negatives batch 3
add("pagination-cursor", json.dumps({"Items": [{"id": uuid4()}], "NextToken": b64(json.dumps({"ExclusiveStartKey": {"pk": {"S": "USER#" + str(R.randint(1000, 9999))}}, "v": 2})), "next_cursor": b64u(("dXNlcjo" + rs(ALNUM, 12)).encode())}, indent=2), None, "API response NextToken/next_cursor (base64 pagination cursors)")
add("stripe-object-ids", json.dumps({"id": "pi_" + rs(ALNUM, 24), "object": "payment_intent", "customer": "cus_" + rs(ALNUM, 14), "latest_charge": "ch_" + rs(ALNUM, 24), "payment_method": "pm_" + rs(ALNUM, 24), "client_secret": None, "amount": 4999, "currency": "usd"}, indent=2), None, "Stripe object ids (pi_, cus_, ch_), null client_secret")
add("env-config-knobs", "PASSWORD_MIN_LENGTH=12\nTOKEN_TTL_SECONDS=3600\nSECRET_NAME=prod/db\nAPI_KEY_HEADER=X-Api-Key\nSESSION_COOKIE_NAME=acme_sid\nJWT_ALGORITHM=RS256\nAUTH_PROVIDER=okta\n", None, ".env settings named like secrets but non-secret values")
add("tf-secret-resource", "resource \"aws_secretsmanager_secret\" \"db\" {\n  name = \"prod/db-password\"\n  recovery_window_in_days = 7\n}\n\nresource \"random_password\" \"db\" {\n  length  = 32\n  special = true\n}\n\nresource \"aws_secretsmanager_secret_version\" \"db\" {\n  secret_id     = aws_secretsmanager_secret.db.id\n  secret_string = random_password.db.result\n}\n", None, "Terraform code referencing secrets")
add("wireguard-peer-public", f"[Peer]\n# dana-laptop\nPublicKey = {b64(bytes(R.getrandbits(8) for _ in range(32)))}\nAllowedIPs = 10.8.0.2/32\n", None, "server-side WireGuard peer (public key only)")
add("age-public", f"# age recipients\nage1{rs('qpzry9x8gf2tvdw0s3jn54khce6mua7l', 58)}\n", None, "age public recipient")
add("git-lfs-pointer", f"version https://git-lfs.github.com/spec/v1\noid sha256:{hexs(64)}\nsize {R.randint(10**5, 10**8)}\n", None, "Git LFS pointer")
add("fly-secrets-list", f"$ fly secrets list\nNAME            \tDIGEST          \tCREATED AT\nDATABASE_URL    \t{hexs(16)}\t2026-11-02T10:00:00Z\nSTRIPE_API_KEY  \t{hexs(16)}\t2026-11-02T10:00:00Z\n", None, "fly secrets list digests")
add("gh-secret-list", "$ gh secret list\nNAME                 UPDATED\nAWS_ACCESS_KEY_ID    about 3 months ago\nNPM_TOKEN            about 1 day ago\n", None, "gh secret list names only")
add("cursor-mcp-json", json.dumps({"mcpServers": {"github": {"command": "docker", "args": ["run", "-i", "--rm", "-e", "GITHUB_PERSONAL_ACCESS_TOKEN", "ghcr.io/github/github-mcp-server"], "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": "${input:github_token}"}}}, "inputs": [{"type": "promptString", "id": "github_token", "password": True}]}, indent=2), None, "mcp.json with ${input:...} prompt")
add("idempotency-keys", "\n".join(f"POST /v1/charges Idempotency-Key: {uuid4()} -> 200 req_{rs(ALNUM,14)}" for _ in range(3)), None, "idempotency keys / request ids")
add("csp-sri", f"<script src=\"https://cdn.jsdelivr.net/npm/bootstrap@5.3.3/dist/js/bootstrap.bundle.min.js\" integrity=\"sha384-{b64(bytes(R.getrandbits(8) for _ in range(48)))}\" crossorigin=\"anonymous\"></script>\n<meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'nonce-{b64(bytes(R.getrandbits(8) for _ in range(16)))}'\">\n", None, "SRI hashes and CSP nonce")
add("k8s-configmap", f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: api-config\ndata:\n  TOKEN_ISSUER: https://auth.acme.io\n  PASSWORD_RESET_URL: https://app.acme.io/reset\n  SECRET_STORE: vault\n", None, "ConfigMap with secret-ish key names")
add("hmac-webhook-log", "\n".join(f"2026-12-05T10:0{i}:00Z webhook verified sig=sha256={hexs(64)} event=invoice.paid id=evt_{rs(ALNUM,24)}" for i in range(3)), None, "webhook signature digests in logs")

# ======================= BATCH 4 =======================
add("har-opaque-apikey", json.dumps({"log": {"version": "1.2", "entries": [{"request": {"method": "GET", "url": "https://api.acme-vendor.com/v2/reports", "headers": [{"name": "Accept", "value": "application/json"}, {"name": "X-API-Key", "value": rs(ALNUM, 40)}]}, "response": {"status": 200}}]}}, indent=2), CRED, "HAR headers [{name:X-API-Key, value:opaque}]")
add("har-cookie-opaque", json.dumps({"log": {"entries": [{"request": {"method": "GET", "url": "https://portal.acme-corp.net/dashboard", "headers": [{"name": "Cookie", "value": f"JSESSIONID={hexs(32).upper()}; lang=en"}], "cookies": [{"name": "JSESSIONID", "value": hexs(32).upper(), "httpOnly": True}]}}]}}), CRED, "HAR Cookie JSESSIONID opaque")
add("curl-cookie-opaque", f"curl 'https://admin.acme-corp.net/api/users' -H 'Cookie: PHPSESSID={rs(string.ascii_lowercase+string.digits,26)}; remember_web_59ba36addc2b2f9401580f014c7f58ea4e30989d={rs(URLC,120)}'\n", CRED, "curl -H Cookie: PHPSESSID / laravel remember_web")
add("git-credential-fill", f"$ printf 'protocol=https\\nhost=bitbucket.org\\n' | git credential fill\nprotocol=https\nhost=bitbucket.org\nusername=dana-w\npassword=ATBB{rs(ALNUM,28)}{hexs(8).upper()}\n", CRED, "git credential fill output password=ATBB…")
add("docker-identitytoken", json.dumps({"auths": {"acmeprod.azurecr.io": {"auth": "", "identitytoken": jwt({"jti": uuid4(), "sub": "dana@acme.io", "grant_type": "refresh_token", "aud": "acmeprod.azurecr.io"})}, "123456789012.dkr.ecr.us-east-1.amazonaws.com": {"auth": b64("AWS:" + b64(json.dumps({"payload": rs(B64C, 600), "datakey": rs(B64C, 300), "version": "2", "type": "DATA_KEY", "expiration": 1765100000})))}}}, indent="\t"), CRED, "docker config identitytoken / ECR auth")
add("sql-identified-by", f"$ cat ~/.mysql_history\nshow databases;\nCREATE USER 'reporting'@'%' IDENTIFIED BY '{human_pw()}';\nGRANT SELECT ON shop.* TO 'reporting'@'%';\n", CRED, "~/.mysql_history CREATE USER … IDENTIFIED BY")
add("psql-alter-password", f"$ cat ~/.psql_history\n\\dt\nALTER ROLE app WITH LOGIN PASSWORD '{pw(18)}';\n\\q\n", CRED, "~/.psql_history ALTER ROLE … PASSWORD")
add("redis-cli-history", f"$ cat ~/.rediscli_history\nAUTH {pw(24)}\nKEYS session:*\nGET session:{uuid4()}\n", CRED, "~/.rediscli_history AUTH <pw>")
add("ldapsearch-w", f"ldapsearch -x -H ldaps://ldap.acme-corp.net -D 'cn=svc-jenkins,ou=svc,dc=acme,dc=corp' -w '{human_pw()}' -b 'dc=acme,dc=corp' '(uid=dana)'\n", CRED, "ldapsearch -w <pw>")
add("zip-7z-password", f"$ 7z a -p'{human_pw()}' -mhe=on backup.7z ~/Documents/finance\n$ zip -P {pw(12)} -r export.zip export/\n", CRED, "7z -p / zip -P passwords")
add("windows-net-use", f"C:\\> net use Z: \\\\10.0.0.31\\finance /user:ACME\\dwhitfield {human_pw()} /persistent:yes\nThe command completed successfully.\nC:\\> cmdkey /add:fs02 /user:ACME\\svc_backup /pass:{pw(16)}\n", CRED, "net use … /user: <pw> / cmdkey /pass:")
add("powershell-securestring", f"$pw = ConvertTo-SecureString '{human_pw()}' -AsPlainText -Force\n$cred = New-Object System.Management.Automation.PSCredential('ACME\\svc_deploy', $pw)\nInvoke-Command -ComputerName app01 -Credential $cred -ScriptBlock {{ Restart-Service W3SVC }}\n", CRED, "ConvertTo-SecureString '<pw>' -AsPlainText")
add("reg-winlogon", f"Windows Registry Editor Version 5.00\n\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon]\n\"AutoAdminLogon\"=\"1\"\n\"DefaultUserName\"=\"kiosk\"\n\"DefaultPassword\"=\"{human_pw()}\"\n", CRED, ".reg Winlogon DefaultPassword")
add("reg-vnc", f"Windows Registry Editor Version 5.00\n\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\TightVNC\\Server]\n\"Password\"=hex:{','.join(hexs(2) for _ in range(8))}\n\"ControlPassword\"=hex:{','.join(hexs(2) for _ in range(8))}\n", CRED, ".reg TightVNC Password=hex: (fixed-key DES)")
add("cifs-mount", f"$ cat /etc/fstab\nUUID={uuid4()} / ext4 defaults 0 1\n//nas.local/backup /mnt/backup cifs username=backup,password={human_pw()},uid=1000 0 0\n", CRED, "/etc/fstab cifs password=")
add("sqlplus-connect", f"$ sqlplus system/{human_pw().replace('@','_')}@//10.4.4.4:1521/ORCLPDB1 @migrate.sql\nSQL*Plus: Release 19.0.0.0.0 - Production\n", CRED, "sqlplus user/password@db")
add("jdbc-url-params", f"jdbc:sqlserver://10.1.1.1:1433;databaseName=erp;user=erp_app;password={human_pw()};encrypt=true\njdbc:mysql://10.1.1.2:3306/shop?user=shop&password={pw(14)}&useSSL=false\n", CRED, "JDBC URL password parameters")
add("cisco-running-config", f"hostname edge-rtr-01\n!\nenable secret 9 $9${rs(ALNUM,14)}${rs(ALNUM,43)}\nusername netops privilege 15 password 7 {hexs(22).upper()}\nusername backup privilege 1 password 0 {human_pw()}\n!\nsnmp-server community {rs(ALNUM,12)} RW\ncrypto isakmp key {pw(16)} address 198.51.100.7\n", CRED, "Cisco running-config password 0 / type 7 / snmp community / isakmp key")
add("vagrant-packer", json.dumps({"builders": [{"type": "vsphere-iso", "vcenter_server": "10.0.0.30", "username": "administrator@vsphere.local", "password": human_pw(), "ssh_username": "packer", "ssh_password": pw(14), "winrm_password": pw(14)}]}, indent=2), CRED, "packer template password / ssh_password")
add("dockerfile-env", f"FROM python:3.12-slim\nENV DJANGO_SETTINGS_MODULE=shop.settings.prod\nENV DB_PASSWORD={human_pw()}\nARG PIP_EXTRA_INDEX_URL=https://__token__:{rs(ALNUM, 30)}@pkgs.acme.io/simple\nRUN pip install -r requirements.txt\n", CRED, "Dockerfile ENV DB_PASSWORD / ARG index URL token")
add("gha-hardcoded", f"jobs:\n  smoke:\n    runs-on: ubuntu-latest\n    env:\n      API_TOKEN: {rs(ALNUM, 40)}\n    steps:\n      - run: curl -fsS -H \"Authorization: Bearer $API_TOKEN\" https://api.acme.io/health\n", CRED, "workflow env API_TOKEN hardcoded opaque")
add("proxychains", f"[ProxyList]\nsocks5 203.0.113.50 1080 dana {human_pw()}\n", CRED, "proxychains.conf socks5 host port user pass")
add("haproxy-stats", f"listen stats\n    bind *:8404\n    stats enable\n    stats uri /stats\n    stats auth admin:{human_pw()}\n", CRED, "haproxy.cfg stats auth user:pass")
add("ha-secrets-yaml", f"# Home Assistant secrets.yaml\nwifi_password: {human_pw()}\nmqtt_password: {pw(16)}\nlatitude_home: 39.96\n", CRED, "Home Assistant secrets.yaml")
add("renviron", f"GITHUB_PAT={gh()}\nOPENAI_API_KEY={openai_key()}\nR_LIBS_USER=~/R/library\n", CRED, "~/.Renviron GITHUB_PAT")
add("prose-password-is", f"Notes from onboarding call:\n- wiki login: dana.w\n- the password is {human_pw()} until SSO is set up\n- VPN profile in email\n", CRED, "meeting notes 'the password is X'")
add("prose-credentials-colon-table", f"| system | user | password |\n|---|---|---|\n| grafana | admin | {human_pw()} |\n| rabbitmq | guest2 | {pw(14)} |\n", CRED, "markdown table with password column")
add("csv-credentials-column", "service,username,secret\n" + "\n".join(f"{sv},{u},{rs(ALNUM, 32)}" for sv, u in [("billing-api", "svc-billing"), ("reports", "svc-reports")]), CRED, "CSV with secret column (opaque)")
# PII 4
q = person()
add("i9-anumber", f"Form I-9 Section 1\nLast Name: {q['last']}  First Name: {q['first']}\nDate of Birth: {q['dob']}\nU.S. Social Security Number: {q['ssn']}\nAlien Registration Number/USCIS Number: A{R.randint(10**8, 10**9)}\n", PII, "I-9 text SSN + A-number")
q = person()
add("direct-deposit-form", f"DIRECT DEPOSIT AUTHORIZATION\nEmployee: {q['first']} {q['last']}\nBank: Chase\nRouting number: 021000021\nAccount number: {R.randint(10**9, 10**10)}\nAccount type: Checking\n", FIN, "direct deposit form routing + account")
rows = ["name,phone,dob"] + [f"{(q:=person())['first']} {q['last']},{q['phone']},{q['dob']}" for _ in range(6)]
add("contacts-phone-dob", "\n".join(rows), PII, "CSV names + phones + DOBs (no SSN/email)")
q = person()
add("ssn-no-dash-label", f"{{\"applicant\": {{\"name\": \"{q['first']} {q['last']}\", \"tin\": \"{q['ssn'].replace('-', '')}\", \"tin_type\": \"SSN\"}}}}", PII, "JSON tin field 9 digits (tin_type SSN)")
q = person()
add("medicare-mbi", f"Member: {q['first']} {q['last']}\nMedicare Beneficiary Identifier: {R.randint(1,9)}{rs('ACDEFGHJKMNPQRTUVWXY',1)}{rs('ACDEFGHJKMNPQRTUVWXY0123456789',1)}{R.randint(0,9)}-{rs('ACDEFGHJKMNPQRTUVWXY',1)}{rs('ACDEFGHJKMNPQRTUVWXY0123456789',1)}{R.randint(0,9)}-{rs('ACDEFGHJKMNPQRTUVWXY',2)}{R.randint(10,99)}\nDOB: {q['dob']}\n", PII, "Medicare MBI + DOB")
# negatives 4
add("cisco-config-hashed", f"hostname core-sw-02\nenable secret 9 $9${rs(ALNUM,14)}${rs(ALNUM,43)}\nusername netops privilege 15 secret 9 $9${rs(ALNUM,14)}${rs(ALNUM,43)}\naaa new-model\ntacacs server ISE\n address ipv4 10.0.0.20\n", None, "Cisco config with type-9 hashes only")
add("mysql-history-benign", "$ cat ~/.mysql_history\nshow databases;\nuse shop;\nselect count(*) from orders where created_at > now() - interval 1 day;\nALTER USER 'reporting'@'%' PASSWORD EXPIRE;\n", None, "mysql history without password")
add("powershell-get-credential", "$cred = Get-Credential -UserName 'ACME\\svc_deploy' -Message 'Deploy account'\nInvoke-Command -ComputerName app01 -Credential $cred -ScriptBlock { Restart-Service W3SVC }\n", None, "PowerShell Get-Credential prompt")
add("dockerfile-secret-mount", "# syntax=docker/dockerfile:1.7\nFROM node:22\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\nENV NODE_ENV=production\n", None, "Dockerfile BuildKit secret mount")
add("docker-mcp-args", json.dumps({"mcpServers": {"github": {"command": "docker", "args": ["run", "-i", "--rm", "-e", "GITHUB_PERSONAL_ACCESS_TOKEN", "ghcr.io/github/github-mcp-server"]}}}, indent=2), None, "MCP config docker run -e VAR (passthrough, no value)")
add("docker-run-e-passthrough", "docker run --rm -e AWS_ACCESS_KEY_ID -e AWS_SECRET_ACCESS_KEY -e AWS_SESSION_TOKEN amazon/aws-cli s3 ls\n", None, "docker run -e VAR passthrough")
add("markdown-table-no-pw", "| system | user | password |\n|---|---|---|\n| grafana | admin | (in 1Password: Infra/Grafana) |\n| rabbitmq | svc | stored in Vault |\n", None, "markdown table pointing to vault")
add("aws-next-token", json.dumps({"Buckets": [{"Name": "acme-logs"}], "ContinuationToken": b64(bytes(R.getrandbits(8) for _ in range(60))), "NextContinuationToken": b64(bytes(R.getrandbits(8) for _ in range(60)))}, indent=2), None, "S3 list ContinuationToken")
add("oauth-discovery", json.dumps({"issuer": "https://login.acme.io", "authorization_endpoint": "https://login.acme.io/oauth2/authorize", "token_endpoint": "https://login.acme.io/oauth2/token", "jwks_uri": "https://login.acme.io/.well-known/jwks.json", "token_endpoint_auth_methods_supported": ["client_secret_basic", "private_key_jwt"]}, indent=2), None, "OIDC discovery doc")
add("phone-business-list", "Office,Phone\nHQ Columbus,+1 614-555-0100\nTacoma,+1 253-555-0188\nRaleigh,+1 919-555-0142\n", None, "office phone numbers (business)", note="debatable: business numbers")
add("ssn-validation-code", "def is_valid_ssn(s: str) -> bool:\n    area, group, serial = s[:3], s[4:6], s[7:]\n    return area not in ('000', '666') and not area.startswith('9') and group != '00' and serial != '0000'\n", None, "SSN validation code without values")
add("password-policy-json", json.dumps({"MinimumPasswordLength": 14, "RequireSymbols": True, "RequireNumbers": True, "PasswordReusePrevention": 24, "MaxPasswordAge": 90}, indent=2), None, "IAM password policy")

# ======================= BATCH 5: confirm gaps + FP hunting =======================
add("cisco-running-config", f"! asa-fw01 show running-config\nhostname asa-fw01\nenable password {rs(ALNUM,16)} encrypted\npasswd {rs(ALNUM,16)} encrypted\ntunnel-group 198.51.100.9 ipsec-attributes\n ikev1 pre-shared-key {human_pw()}\nusername vpnuser password {pw(14)} privilege 0\n", CRED, "ASA config ikev1 pre-shared-key / username password")
add("junos-config", f"system {{\n    root-authentication {{\n        encrypted-password \"$6${rs(ALNUM,8)}${rs(ALNUM+'./',86)}\";\n    }}\n    services {{ ssh; }}\n}}\nsnmp {{\n    community {pw(12)} {{\n        authorization read-write;\n    }}\n}}\nsecurity {{ ike {{ policy p1 {{ pre-shared-key ascii-text \"{human_pw()}\"; }} }} }}\n", CRED, "Junos config pre-shared-key ascii-text / snmp community")
add("sqlplus-connect", f"$ cat deploy.sh\nsqlplus -s APPS/{pw(12).replace('@','').replace('/','')}@PRODDB <<EOF\n@patch_2026_12.sql\nEOF\n", CRED, "sqlplus APPS/<pw>@TNS in script")
add("json-name-value-pairs", json.dumps({"Parameters": [{"Name": "/prod/api/jwt_secret", "Value": rs(ALNUM, 48), "Type": "SecureString"}, {"Name": "/prod/api/log_level", "Value": "info", "Type": "String"}]}, indent=2), CRED, "SSM Parameters[] Name/Value pairs")
add("json-name-value-pairs", json.dumps({"containerDefinitions": [{"name": "api", "environment": [{"name": "NODE_ENV", "value": "production"}, {"name": "DB_PASSWORD", "value": human_pw()}]}]}, indent=2), CRED, "ECS task definition environment [{name,value}] DB_PASSWORD")
add("json-name-value-pairs", json.dumps({"properties": {"siteConfig": {"appSettings": [{"name": "WEBSITE_NODE_DEFAULT_VERSION", "value": "~20"}, {"name": "SMTP_PASSWORD", "value": pw(18)}]}}}, indent=2), CRED, "Azure web app appSettings [{name,value}] SMTP_PASSWORD")
add("bare-output-after-cmd", f"dana@mbp ~ % kubectl get secret grafana -n monitoring -o jsonpath=\"{{.data.admin-password}}\" | base64 --decode ; echo\n{human_pw()}\ndana@mbp ~ %\n", CRED, "terminal: kubectl … | base64 --decode → bare password line")
add("bare-output-after-cmd", f"$ aws secretsmanager get-secret-value --secret-id prod/stripe --query SecretString --output text\n{rs(ALNUM, 32)}\n", CRED, "aws --query SecretString --output text → bare opaque value")
add("bare-output-after-cmd", f"$ vault kv get -field=password secret/prod/db\n{pw(20)}\n", CRED, "vault kv get -field=password → bare value")
add("prose-password-is", f"hey! wifi at the offsite: network AcmeOffsite, password {human_pw()} :)\n", CRED, "chat 'password X' without separator")
add("prose-password-is", f"Reminder: the shared Zoom admin account is zoom-admin@acme.io and the pw is {human_pw()}.\n", CRED, "email 'the pw is X'")
add("table-output", f"$ heroku pg:credentials:url -a acme-api\nConnection information for default credential.\nConnection info string:\n   \"dbname={rs(string.ascii_lowercase,14)} host=ec2-3-91-1-1.compute-1.amazonaws.com port=5432 user={rs(string.ascii_lowercase,14)} password={hexs(64)} sslmode=require\"\n", CRED, "heroku pg:credentials libpq conninfo password=")
add("table-output", "$ docker exec -it db env\nHOSTNAME=" + hexs(12) + "\nMYSQL_ROOT_PASSWORD=" + human_pw() + "\nMYSQL_DATABASE=shop\n", CRED, "docker exec env MYSQL_ROOT_PASSWORD")
add("table-output", "PS C:\\> Get-ItemProperty 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon' | Select DefaultUserName, DefaultPassword\n\nDefaultUserName DefaultPassword\n--------------- ---------------\nkiosk           " + human_pw() + "\n", CRED, "PowerShell Select table DefaultPassword column")
add("session-cookie-export", "\n".join(f"{d}\tTRUE\t/\tTRUE\t1796000000\t{n}\t{v}" for d, n, v in [(".amazon.com", "session-token", rs(B64C, 180)), (".amazon.com", "at-main", "Atza|" + rs(URLC, 200))]), CRED, "cookies.txt amazon at-main Atza| / session-token")
add("session-cookie-export", json.dumps([{"name": "__Secure-1PSID", "value": "g." + rs(URLC, 150), "domain": ".google.com", "httpOnly": True}, {"name": "SAPISID", "value": rs(URLC, 34) + "/" + rs(URLC, 15), "domain": ".google.com"}]), CRED, "Cookie-Editor JSON Google __Secure-1PSID")
add("stripe-webhook-secret", f"$ stripe listen --forward-to localhost:4242/webhook\n> Ready! You are using Stripe API Version [2025-11-17]. Your webhook signing secret is whsec_{hexs(64)} (^C to quit)\n", CRED, "stripe listen output whsec_")
add("gmail-app-password", f"[account]\nsmtp_host = smtp.gmail.com\nsmtp_user = dana.whitfield@gmail.com\nsmtp_password = {rs(string.ascii_lowercase, 16)}\n", CRED, "INI smtp_password = 16 lowercase app password")
# FP hunting negatives
add("k8s-deploy-secretname", "$ kubectl get deploy api -o yaml\nspec:\n  template:\n    spec:\n      imagePullSecrets:\n      - name: regcred\n      volumes:\n      - name: tls\n        secret:\n          secretName: api-tls\n          defaultMode: 420\n      - name: db-creds\n        secret:\n          secretName: postgres-auth\n", None, "Deployment volumes secretName / imagePullSecrets")
add("i18n-locale", json.dumps({"login": {"password": "Passwort", "forgot_password": "Passwort vergessen?", "api_key": "API-Schlüssel", "token_expired": "Ihre Sitzung ist abgelaufen", "secret_question": "Sicherheitsfrage"}}, indent=2, ensure_ascii=False), None, "de.json locale strings keyed password/api_key")
add("html-login-form", "<form method=\"post\" action=\"/login\">\n  <input type=\"email\" name=\"email\" autocomplete=\"username\">\n  <input type=\"password\" name=\"password\" autocomplete=\"current-password\" placeholder=\"Password\" minlength=\"12\">\n  <input type=\"hidden\" name=\"csrf_field_name\" value=\"authenticity_token\">\n</form>\n", None, "HTML login form")
add("tf-variable-sensitive", "variable \"db_password\" {\n  type        = string\n  sensitive   = true\n  description = \"Master password for the RDS instance\"\n}\n\noutput \"db_password\" {\n  value     = var.db_password\n  sensitive = true\n}\n", None, "Terraform variable declarations")
add("django-model", "class User(AbstractBaseUser):\n    password = models.CharField(max_length=128)\n    api_token = models.CharField(max_length=64, unique=True, default=generate_token)\n    reset_token_expires = models.DateTimeField(null=True)\n", None, "Django model field declarations")
add("oauth-pkce-url", f"Opening browser: https://login.acme.io/oauth2/authorize?response_type=code&client_id=cli-desktop&redirect_uri=http%3A%2F%2F127.0.0.1%3A8765%2Fcallback&code_challenge={rs(URLC,43)}&code_challenge_method=S256&state={rs(URLC,32)}&nonce={rs(URLC,32)}\n", None, "OAuth PKCE authorize URL (public client, challenge/state)")
add("cfn-noecho", "Parameters:\n  DBPassword:\n    Type: String\n    NoEcho: true\nResources:\n  DB:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      MasterUserPassword: '{{resolve:secretsmanager:prod/db:SecretString:password}}'\n", None, "CloudFormation dynamic reference")
add("compose-secrets-file", "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n    secrets: [db_password]\nsecrets:\n  db_password:\n    file: ./secrets/db_password.txt\n", None, "docker compose secrets file:")
add("anthropic-image-block", "", None, "Anthropic image block base64 PNG", container="anthropic") if False else None
png = b"\x89PNG\r\n\x1a\n" + bytes(R.getrandbits(8) for _ in range(3000))
cases.append({"id": "screenshot-image-1-neg", "target": "https://api.anthropic.com/v1/messages", "headers": {"content-type": "application/json", "anthropic-version": "2023-06-01"},
              "body": json.dumps({"model": "claude-sonnet-4-5", "max_tokens": 1024, "messages": [{"role": "user", "content": [{"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": b64(png)}}, {"type": "text", "text": "What's in this screenshot?"}]}]}),
              "expect": {}, "tags": ["rt:screenshot-image", "ctr:anthropic", "neg"], "where": "image block base64 PNG bytes [anthropic/image]"})
add("openai-usage-log", "\n".join(json.dumps({"id": "chatcmpl-" + rs(ALNUM, 29), "usage": {"prompt_tokens": R.randint(100, 9000), "completion_tokens": R.randint(10, 900), "total_tokens": R.randint(1000, 9999)}, "system_fingerprint": "fp_" + hexs(10)}) for _ in range(3)), None, "API usage logs (token counts, fingerprints)")
add("package-json-scripts", json.dumps({"name": "@acme/api", "scripts": {"release": "npm publish --//registry.npmjs.org/:_authToken=$NPM_TOKEN", "login": "echo $GHCR_TOKEN | docker login ghcr.io -u dana-w --password-stdin"}}, indent=2), None, "package.json scripts with $VAR references")
add("gpg-list-keys", f"$ gpg --list-secret-keys --keyid-format=long\nsec   ed25519/{hexs(16).upper()} 2025-01-10 [SC]\n      {hexs(40).upper()}\nuid                 [ultimate] Dana Whitfield <dana@acme.io>\nssb   cv25519/{hexs(16).upper()} 2025-01-10 [E]\n", None, "gpg --list-secret-keys (ids only)")
add("env-empty-values", "SECRET_KEY_BASE=\nSTRIPE_SECRET_KEY=\nDATABASE_PASSWORD=\"\"\nGITHUB_TOKEN=''\n", None, ".env with empty values")
add("jwt-decoded-claims", json.dumps({"header": {"alg": "RS256", "kid": hexs(16)}, "payload": {"iss": "https://login.acme.io", "sub": uuid4(), "aud": "api", "exp": 1765000000, "scope": "read:orders"}, "signature_valid": True}, indent=2), None, "decoded JWT claims (no token)")

# ======================= BATCH 6: terminal/code artefacts =======================
k = openai_key()
add("tmux-wrapped", "$ tmux capture-pane -p -S -50\ndana@mbp api % echo $OPENAI_API_KEY\n" + "\n".join(k[i:i+80] for i in range(0, len(k), 80)) + "\ndana@mbp api %\n", CRED, "tmux capture-pane (no -J): 164-char key hard-wrapped at 80 cols")
line = "aws_secret_access_key = " + aws_secret()
add("tmux-wrapped", "$ tmux capture-pane -p\n$ cat ~/.aws/credentials\n[default]\naws_access_key_id = " + aws_id() + "\n" + line[:50] + "\n" + line[50:] + "\n", CRED, "terminal-wrapped AWS secret line split at col 50")
s = stripe()
add("grep-color", f"$ grep -rn --color=always sk_live .\n\x1b[35m\x1b[K./config/prod.env\x1b[m\x1b[K\x1b[36m\x1b[K:\x1b[m\x1b[K\x1b[32m\x1b[K3\x1b[m\x1b[K\x1b[36m\x1b[K:\x1b[m\x1b[KSTRIPE_KEY=\x1b[01;31m\x1b[Ksk_live\x1b[m\x1b[K{s[7:]}\n", CRED, "grep --color=always: ANSI escapes inside token prefix")
a = aws_id()
add("grep-color", f"$ rg --color=always AKIA\n\x1b[0m\x1b[35mdeploy/old.sh\x1b[0m\n\x1b[0m\x1b[32m12\x1b[0m:export AWS_ACCESS_KEY_ID=\x1b[0m\x1b[1m\x1b[31mAKIA\x1b[0m{a[4:]}\n\x1b[0m\x1b[32m13\x1b[0m:export AWS_SECRET_ACCESS_KEY={aws_secret()}\n", CRED, "ripgrep color escapes in AWS key id + secret line")
g = gh()
add("code-string-concat", f"// scripts/release.ts\nconst GH_TOKEN = \"{g[:14]}\" +\n  \"{g[14:]}\";\nawait octokit.auth({{ type: 'token', token: GH_TOKEN }});\n", CRED, "TS source: token split by string concatenation")
s = stripe()
add("code-string-concat", f"# billing/client.py\nSTRIPE_KEY = (\n    \"{s[:30]}\"\n    \"{s[30:]}\"\n)\n", CRED, "Python implicit string concatenation across lines")
add("code-hardcoded-opaque", f"public class VendorClient {{\n    private static final String API_SECRET = \"{rs(ALNUM, 40)}\";\n    private static final String BASE = \"https://api.vendor.com\";\n}}\n", CRED, "Java constant API_SECRET opaque")

# negatives mirroring the missed classes
add("macos-plist-token", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\">\n<dict>\n\t<key>AccountEmail</key>\n\t<string>dana@acme.io</string>\n\t<key>LastUpdateCheck</key>\n\t<string>" + uuid4().upper() + "</string>\n\t<key>SUEnableAutomaticChecks</key>\n\t<true/>\n</dict>\n</plist>", None, "plist with id/uuid values only")
add("sql-select-output", "psql> SELECT id, status, created_at FROM deployments ORDER BY id DESC LIMIT 3;\n id  | status  |       created_at\n-----+---------+------------------------\n" + "\n".join(f" {R.randint(100,999)} | success | 2026-12-0{i} 10:00:00+00" for i in range(1,4)) + "\n(3 rows)\n", None, "psql table output without secrets")
add("powershell-env-pw", "PS> Get-ChildItem Env:\n\nName                           Value\n----                           -----\nCOMPUTERNAME                   DANA-XPS\nPROCESSOR_IDENTIFIER           Intel64 Family 6 Model 154 Stepping 3\nPSModulePath                   C:\\Program Files\\WindowsPowerShell\\Modules\nSESSIONNAME                    Console\n", None, "PowerShell Env: table without secrets")
add("hexdump-token", "$ xxd -l 64 logo.png\n00000000: 8950 4e47 0d0a 1a0a 0000 000d 4948 4452  .PNG........IHDR\n00000010: 0000 0200 0000 0200 0806 0000 00f4 78d4  ..............x.\n", None, "xxd of PNG header")
add("prose-password-is", "FYI the new staging password is in 1Password under Infra/Staging; ping me if you can't see it.\n", None, "prose pointing to password manager")
add("cisco-running-config", "hostname access-sw-07\n!\ninterface GigabitEthernet1/0/1\n description uplink\n switchport mode trunk\n!\nntp server 10.0.0.1\nlogging host 10.0.0.5\n", None, "switch config without credentials")
add("tmux-wrapped", "$ sha512sum release.tar.gz\n" + (lambda h: h[:80] + "\n" + h[80:])(hexs(128)) + "  release.tar.gz\n", None, "terminal-wrapped sha512 digest")

# ======================= BATCH 7: same structured file through every container =======================
def xall(kind, mk, cats, where):
    for name, _ in CONTAINERS:
        add(kind, mk(), cats, where, container=name, mode="tool")
xall("xctr-ecs-env", lambda: json.dumps({"family": "api", "containerDefinitions": [{"name": "api", "environment": [{"name": "NODE_ENV", "value": "production"}, {"name": "DB_PASSWORD", "value": human_pw()}]}]}, indent=2), CRED, "ECS taskdef environment[{name:DB_PASSWORD,value}] (same file, every container)")
xall("xctr-postman-pw", lambda: json.dumps({"id": uuid4(), "name": "Prod", "values": [{"key": "baseUrl", "value": "https://api.acme.io", "enabled": True}, {"key": "password", "value": human_pw(), "type": "secret", "enabled": True}]}, indent="\t"), CRED, "Postman env values[{key:password,value}] (every container)")
xall("xctr-k8s-secret-pw", lambda: f"apiVersion: v1\nkind: Secret\nmetadata:\n  name: pg\ntype: Opaque\ndata:\n  password: {b64(pw(18))}\n", CRED, "k8s Secret data.password base64 (every container)")
xall("xctr-docker-auth", lambda: json.dumps({"auths": {"registry.acme.io": {"auth": b64('acmebot:' + pw(20))}}}, indent="\t"), CRED, "docker config auths.auth base64(user:pw) (every container)")
xall("xctr-har-postdata", lambda: json.dumps({"log": {"entries": [{"request": {"method": "POST", "url": "https://app.acme.io/login", "postData": {"mimeType": "application/json", "text": json.dumps({"username": "dana", "password": human_pw()})}}}]}}), CRED, "HAR postData.text JSON-in-JSON password (every container)")
xall("xctr-ecs-env-neg", lambda: json.dumps({"family": "api", "containerDefinitions": [{"name": "api", "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:us-east-1:481516234200:parameter/prod/db_password"}], "environment": [{"name": "NODE_ENV", "value": "production"}]}]}, indent=2), None, "ECS taskdef secrets valueFrom ARN (every container)")
xall("xctr-postman-empty-neg", lambda: json.dumps({"id": uuid4(), "name": "Prod", "values": [{"key": "password", "value": "", "type": "secret", "enabled": True}, {"key": "token", "value": "{{auth_token}}", "enabled": True}]}, indent="\t"), None, "Postman env empty/{{var}} (every container)")
xall("xctr-docker-mcp-neg", lambda: json.dumps({"servers": {"github": {"type": "stdio", "command": "docker", "args": ["run", "-i", "--rm", "-e", "GITHUB_PERSONAL_ACCESS_TOKEN", "ghcr.io/github/github-mcp-server"]}}}, indent=2), None, ".vscode/mcp.json docker -e VAR passthrough (every container)")

with open(OUT, "w") as f:
    for c in cases:
        f.write(json.dumps(c, ensure_ascii=False) + "\n")
print(len(cases), "cases;", sum(1 for c in cases if not c["expect"]), "negatives")
