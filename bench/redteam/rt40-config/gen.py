#!/usr/bin/env python3
"""rt40-config: blind red-team corpus for Sieve - secrets in configuration assignments.
Deterministic: python3 gen.py writes manifest.jsonl and cases/*.http next to this file."""
import base64, binascii, hashlib, json, os, random, string, uuid

HERE = os.path.dirname(os.path.abspath(__file__))
R = random.Random(4040)
ALNUM = string.ascii_letters + string.digits
B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
WORDS = ("amber orbit falcon harbor quartz lantern meadow copper willow glacier saffron ember tundra "
         "violet canyon pepper marble thistle cobalt juniper nectar prism raven summit tidal velvet "
         "zephyr basalt cinder dune fjord garnet hollow indigo kettle lumen mosaic nimbus onyx pylon").split()

# ---------------------------------------------------------------- value shapes
def v_mixed(r, n=None, sym="!@#%^&*-_+=?"):
    n = n or r.randint(16, 24)
    while True:
        s = "".join(r.choice(ALNUM + sym) for _ in range(n))
        if any(c.isdigit() for c in s) and any(c.isupper() for c in s) and any(c in sym for c in s) and s[0].isalnum():
            return s
def v_short(r, sym="!#%*-_"):
    return v_mixed(r, r.randint(10, 12), sym)
def v_pass(r):
    return "-".join(r.choice(WORDS) for _ in range(4)) + str(r.randint(10, 99))
def v_hex(r, n=64):
    return "".join(r.choice("0123456789abcdef") for _ in range(n))
def v_b64(r, nbytes=32):
    return base64.b64encode(bytes(r.getrandbits(8) for _ in range(nbytes))).decode()
def v_b64url(r, nbytes=32):
    return base64.urlsafe_b64encode(bytes(r.getrandbits(8) for _ in range(nbytes))).decode().rstrip("=")
def v_uuid(r):
    return str(uuid.UUID(int=r.getrandbits(128), version=4))
def v_alnum(r, n=32):
    return "".join(r.choice(ALNUM) for _ in range(n))
SHAPES = {"mixed": v_mixed, "short": v_short, "passphrase": v_pass, "hex": lambda r: v_hex(r, r.choice([32, 40, 64])),
          "base64": v_b64, "uuid": v_uuid, "alnum": lambda r: v_alnum(r, r.choice([24, 32, 40]))}
SAFE_SHAPES = ["mixed", "short", "passphrase", "hex", "base64", "uuid", "alnum"]
PW_SHAPES = ["mixed", "short", "passphrase", "mixed", "alnum"]
def val(r, shape):
    return SHAPES[shape](r)
def pw_nosemi(r):
    return v_mixed(r, sym="!@#%^*-_+?")
def pw_url(r):  # safe inside URL userinfo
    return v_mixed(r, sym="-_.~")

# ---------------------------------------------------------------- vendor keys
def b62(n, width):
    s = ""
    while n:
        n, d = divmod(n, 62); s = B62[d] + s
    return s.rjust(width, "0")
def gh_token(r, prefix="ghp_"):
    body = v_alnum(r, 30)
    return prefix + body + b62(binascii.crc32(body.encode()) & 0xffffffff, 6)
def npm_token(r):
    body = v_alnum(r, 30)
    return "npm_" + body + b62(binascii.crc32(body.encode()) & 0xffffffff, 6)
def aws_pair(r):
    kid = "AKIA" + "".join(r.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(16))
    sec = "".join(r.choice(ALNUM + "+/") for _ in range(40))
    return kid, sec
def stripe_sk(r): return "sk_live_" + v_alnum(r, 24) + v_alnum(r, 75)
def slack_bot(r): return "xoxb-%d-%d-%s" % (r.randint(10**10, 10**11), r.randint(10**12, 10**13), v_alnum(r, 24))
def sendgrid(r): return "SG." + v_b64url(r, 16)[:22] + "." + v_b64url(r, 32)[:43]
def twilio_sk(r): return "SK" + v_hex(r, 32)
def openai_key(r): return "sk-proj-" + v_b64url(r, 60)[:74] + "T3BlbkFJ" + v_b64url(r, 60)[:74]
def anthropic_key(r): return "sk-ant-api03-" + v_b64url(r, 72)[:95] + "AA"
def google_api(r): return "AIza" + "".join(r.choice(ALNUM + "-_") for _ in range(35))
def gitlab_pat(r): return "glpat-" + "".join(r.choice(ALNUM + "-_") for _ in range(20))
def shopify(r): return "shpat_" + v_hex(r, 32)
def azure_cs(r): return v_alnum(r, 3) + "8Q~" + "".join(r.choice(ALNUM + "~_.-") for _ in range(34))
def google_cs(r): return "GOCSPX-" + "".join(r.choice(ALNUM + "-_") for _ in range(28))
def pypi_token(r): return "pypi-AgEIcHlwaS5vcmc" + v_b64url(r, 120)
def fake_pkcs8(r, nbytes=1190):
    der = bytes.fromhex("308204a40201000282010100") + bytes(r.getrandbits(8) for _ in range(nbytes))
    b = base64.b64encode(der).decode()
    return "-----BEGIN RSA PRIVATE KEY-----\n" + "\n".join(b[i:i+64] for i in range(0, len(b), 64)) + "\n-----END RSA PRIVATE KEY-----\n"
def fake_ec(r):
    der = bytes.fromhex("30770201010420") + bytes(r.getrandbits(8) for _ in range(32)) + bytes.fromhex("a00a06082a8648ce3d030107a144034200") + bytes(r.getrandbits(8) for _ in range(65))
    b = base64.b64encode(der).decode()
    return "-----BEGIN EC PRIVATE KEY-----\n" + "\n".join(b[i:i+64] for i in range(0, len(b), 64)) + "\n-----END EC PRIVATE KEY-----\n"
def fake_pub(r):
    der = bytes.fromhex("30820122300d06092a864886f70d01010105000382010f003082010a0282010100") + bytes(r.getrandbits(8) for _ in range(256)) + bytes.fromhex("0203010001")
    b = base64.b64encode(der).decode()
    return "-----BEGIN PUBLIC KEY-----\n" + "\n".join(b[i:i+64] for i in range(0, len(b), 64)) + "\n-----END PUBLIC KEY-----\n"
def fake_cert(r):
    der = bytes.fromhex("308203") + bytes(r.getrandbits(8) for _ in range(700))
    b = base64.b64encode(der).decode()
    return "-----BEGIN CERTIFICATE-----\n" + "\n".join(b[i:i+64] for i in range(0, len(b), 64)) + "\n-----END CERTIFICATE-----\n"
def ssh_pub(r):
    blob = b"\x00\x00\x00\x07ssh-rsa\x00\x00\x00\x03\x01\x00\x01\x00\x00\x01\x01\x00" + bytes(r.getrandbits(8) for _ in range(256))
    return "ssh-rsa " + base64.b64encode(blob).decode() + " deploy@ci-runner"
def ssh_ed_pub(r):
    blob = b"\x00\x00\x00\x0bssh-ed25519\x00\x00\x00\x20" + bytes(r.getrandbits(8) for _ in range(32))
    return "ssh-ed25519 " + base64.b64encode(blob).decode() + " ops@bastion"
BC = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
def bcrypt_h(r): return "$2b$12$" + "".join(r.choice(BC) for _ in range(53))
def argon2_h(r): return "$argon2id$v=19$m=65536,t=3,p=4$" + v_b64(r, 16).rstrip("=") + "$" + v_b64(r, 32).rstrip("=")
def apr1_h(r): return "$apr1$" + "".join(r.choice(BC) for _ in range(8)) + "$" + "".join(r.choice(BC) for _ in range(22))
def django_h(r): return "pbkdf2_sha256$600000$" + v_alnum(r, 22) + "$" + v_b64(r, 32)
def sha512crypt(r): return "$6$" + "".join(r.choice(BC) for _ in range(16)) + "$" + "".join(r.choice(BC) for _ in range(86))

USERS = ["app", "svc_orders", "billing_rw", "etl_loader", "admin", "deploy", "reporting", "ci-bot", "api_user", "payments"]
HOSTS = ["db1.acme-payments.com", "pg-primary.acmecorp.io", "34.141.22.17", "mysql-01.shopcloud.net",
         "orders-db.c9xk2.eu-west-1.rds.amazonaws.com", "sql-prod-weu.database.windows.net", "cluster0.ab1cd.mongodb.net"]
def host(r): return r.choice(HOSTS)
def user(r): return r.choice(USERS)

# ---------------------------------------------------------------- wrappers (how agents upload)
PROMPTS = ["Deployment fails after the last change, here is the config. What's wrong?",
           "Can you convert this to the new format and keep all values?",
           "Review this file for mistakes before I commit it.",
           "The service can't connect to the database. Config below.",
           "Explain what each setting in this file does.",
           "Migrate this config to Kubernetes manifests please."]
def mk_id(r): return "toolu_01" + v_alnum(r, 22)
def w_anth_user(r, fname, text):
    return ("https://api.anthropic.com/v1/messages", {"model": "claude-sonnet-4-5", "max_tokens": 4096,
            "messages": [{"role": "user", "content": "%s\n\n`%s`:\n```\n%s\n```" % (r.choice(PROMPTS), fname, text)}]}, "place:user-text")
def w_anth_tool(r, fname, text):
    tid = mk_id(r)
    return ("https://api.anthropic.com/v1/messages", {"model": "claude-opus-4-1", "max_tokens": 8192, "system": "You are a coding agent working in /srv/app.",
            "tools": [{"name": "read_file", "description": "Read a file", "input_schema": {"type": "object", "properties": {"path": {"type": "string"}}}}],
            "messages": [{"role": "user", "content": r.choice(PROMPTS)},
                         {"role": "assistant", "content": [{"type": "text", "text": "Let me look at the config."}, {"type": "tool_use", "id": tid, "name": "read_file", "input": {"path": fname}}]},
                         {"role": "user", "content": [{"type": "tool_result", "tool_use_id": tid, "content": [{"type": "text", "text": text}]}]}]}, "place:tool-result")
def w_anth_system(r, fname, text):
    return ("https://api.anthropic.com/v1/messages", {"model": "claude-sonnet-4-5", "max_tokens": 2048,
            "system": [{"type": "text", "text": "Project context. File %s:\n%s" % (fname, text)}],
            "messages": [{"role": "user", "content": r.choice(PROMPTS)}]}, "place:system")
def w_oai_tool(r, fname, text):
    cid = "call_" + v_alnum(r, 24)
    return ("https://api.openai.com/v1/chat/completions", {"model": "gpt-4.1", "messages": [
        {"role": "system", "content": "You are a DevOps assistant."}, {"role": "user", "content": r.choice(PROMPTS)},
        {"role": "assistant", "content": None, "tool_calls": [{"id": cid, "type": "function", "function": {"name": "cat", "arguments": json.dumps({"path": fname})}}]},
        {"role": "tool", "tool_call_id": cid, "content": text}], "tools": [{"type": "function", "function": {"name": "cat", "parameters": {"type": "object", "properties": {"path": {"type": "string"}}}}}]}, "place:tool-result")
def w_oai_args(r, fname, text):
    cid = "call_" + v_alnum(r, 24)
    return ("https://api.openai.com/v1/chat/completions", {"model": "gpt-4o", "messages": [
        {"role": "user", "content": "Create the config file for the staging deploy."},
        {"role": "assistant", "content": None, "tool_calls": [{"id": cid, "type": "function", "function": {"name": "write_file", "arguments": json.dumps({"path": fname, "content": text})}}]},
        {"role": "tool", "tool_call_id": cid, "content": "ok, %d bytes written" % len(text)}]}, "place:tool-args")
def w_oai_resp(r, fname, text):
    cid = "call_" + v_alnum(r, 24)
    return ("https://api.openai.com/v1/responses", {"model": "gpt-5", "input": [
        {"role": "user", "content": [{"type": "input_text", "text": r.choice(PROMPTS)}]},
        {"type": "function_call", "call_id": cid, "name": "shell", "arguments": json.dumps({"command": ["cat", fname]})},
        {"type": "function_call_output", "call_id": cid, "output": text}]}, "place:tool-result")
def w_mcp(r, fname, text):
    return ("https://api.githubcopilot.com/mcp/", {"jsonrpc": "2.0", "id": r.randint(1, 999), "method": "tools/call", "params": {
        "name": "create_or_update_file", "arguments": {"owner": "acme-platform", "repo": "infra-live", "path": fname, "content": text,
                                                       "message": "chore: update %s" % os.path.basename(fname), "branch": "main"}}}, "place:tool-args")
def w_gemini(r, fname, text):
    return ("https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:generateContent", {"contents": [
        {"role": "user", "parts": [{"text": r.choice(PROMPTS)}, {"text": "--- %s ---\n%s" % (fname, text)}]}]}, "place:user-text")
def w_gist(r, fname, text):
    return ("https://api.github.com/gists", {"description": "config for debugging", "public": False, "files": {os.path.basename(fname): {"content": text}}}, "place:file-upload")
def w_anth_doc(r, fname, text):
    return ("https://api.anthropic.com/v1/messages", {"model": "claude-sonnet-4-5", "max_tokens": 4096, "messages": [{"role": "user", "content": [
        {"type": "document", "source": {"type": "base64", "media_type": "text/plain", "data": base64.b64encode(text.encode()).decode()}, "title": fname},
        {"type": "text", "text": r.choice(PROMPTS)}]}]}, "place:document-b64")
def w_gh_contents(r, fname, text):
    return ("https://api.github.com/repos/acme-platform/infra-live/contents/" + fname.lstrip("~/$ ").replace(" ", "_"),
            {"message": "update " + os.path.basename(fname), "content": base64.b64encode(text.encode()).decode(), "branch": "agent/fix-config"}, "place:file-upload-b64")
WRAPS = [("anthropic", w_anth_user), ("anthropic", w_anth_tool), ("openai-chat", w_oai_tool), ("openai-chat", w_oai_args),
         ("openai-responses", w_oai_resp), ("mcp", w_mcp), ("anthropic", w_anth_system), ("gemini", w_gemini), ("gist", w_gist),
         ("anthropic", w_anth_doc), ("github-contents", w_gh_contents)]
WRAP_W = [5, 6, 4, 3, 4, 3, 1, 2, 1, 1, 1]

CASES = []
RAW = {}
def emit(cid, fname, text, expect, tags, r, where, wrap=None):
    # special raw-form wrappers
    choice = wrap or r.choices(["json", "raw-paste", "raw-multipart"], [14, 1, 1])[0]
    if choice == "raw-paste":
        body = text
        req = "PUT /upload/%s HTTP/1.1\r\nHost: paste.devtools-share.io\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: %d\r\n\r\n%s" % (os.path.basename(fname), len(body.encode()), body)
        RAW[cid] = req
        CASES.append({"id": cid, "request": "cases/%s.http" % cid, "expect": expect, "tags": tags + ["wrap:paste-upload", "place:file-upload"], "where": where})
        return
    if choice == "raw-multipart":
        bnd = "----sieveform" + v_alnum(r, 16)
        body = ("--%s\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nassistants\r\n--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\nContent-Type: application/octet-stream\r\n\r\n%s\r\n--%s--\r\n"
                % (bnd, bnd, os.path.basename(fname), text, bnd))
        req = "POST /v1/files HTTP/1.1\r\nHost: api.openai.com\r\nContent-Type: multipart/form-data; boundary=%s\r\nContent-Length: %d\r\n\r\n%s" % (bnd, len(body.encode()), body)
        RAW[cid] = req
        CASES.append({"id": cid, "request": "cases/%s.http" % cid, "expect": expect, "tags": tags + ["wrap:multipart-upload", "place:file-upload"], "where": where})
        return
    name, fn = r.choices(WRAPS, WRAP_W)[0]
    target, body, place = fn(r, fname, text)
    CASES.append({"id": cid, "target": target, "headers": {"Content-Type": "application/json"}, "body": json.dumps(body),
                  "expect": expect, "tags": tags + ["wrap:" + name, place], "where": where})

# ---------------------------------------------------------------- positives
POS = []
def P(cls, fmt, n, arguable=False):
    def deco(f):
        POS.append((cls, fmt, n, arguable, f)); return f
    return deco
def shape_of(r, shapes=PW_SHAPES):
    s = r.choice(shapes); return s, val(r, s)
PWKEYS = ["password", "passwd", "pwd", "pass", "db_pass", "db_password", "admin_password", "smtp_password", "ldap_bind_password",
          "redis_password", "root_password", "mysql_password", "service_password", "bind_pw"]
SECKEYS = ["api_secret", "apiSecret", "x_token", "service_token", "internal_api_key", "webhook_secret", "hmac_secret", "shared_secret",
           "app_secret", "auth_token", "partner_api_key", "access_key", "secret", "token", "ingest_key", "license_key"]
SIGKEYS = ["jwt_secret", "signingKey", "signing_key", "session_secret", "cookie_secret", "token_signing_key", "jwtSecret", "secret_key_base"]
ENCKEYS = ["encryption_key", "masterKey", "master_key", "data_key", "aes_key", "field_encryption_key", "crypt_key", "cipher_key"]
CSKEYS = ["client_secret", "clientSecret", "oauth_client_secret", "consumer_secret", "app_client_secret"]
FOREIGN = [("de", "Passwort"), ("es", "contraseña"), ("fr", "mot_de_passe"), ("pt", "senha"), ("nl", "wachtwoord"), ("pl", "hasło"),
           ("ru", "пароль"), ("ja", "パスワード"), ("zh", "密码"), ("it", "parola_d_ordine"), ("sv", "lösenord"), ("tr", "sifre"),
           ("de", "Datenbank_Kennwort"), ("es", "clave_secreta"), ("fr", "cle_api_secrete")]
def up(k): return k.upper().replace(".", "_")
def kindkeys(r, cls):
    return r.choice({"password": PWKEYS, "api-secret": SECKEYS, "signing-key": SIGKEYS, "encryption-key": ENCKEYS, "client-secret": CSKEYS}[cls])
def kshape(r, cls):
    if cls == "password": return shape_of(r)
    if cls == "encryption-key": return shape_of(r, ["hex", "base64", "hex"])
    if cls == "signing-key": return shape_of(r, ["hex", "base64", "mixed", "alnum"])
    return shape_of(r, ["alnum", "hex", "uuid", "base64", "mixed"])
GEN_CLASSES = ["password", "api-secret", "signing-key", "encryption-key", "client-secret"]

def generic(fmt_fn, fmt, n_each=2, shapes_ok=None):
    for cls in GEN_CLASSES:
        def f(r, cls=cls):
            k = kindkeys(r, cls); shape, v = kshape(r, cls)
            fname, text = fmt_fn(r, k, v, shape)
            return fname, text, ["cls-key:" + cls, "shape:" + shape], "value of %s" % k
        POS.append(("generic-" + cls, fmt, n_each, False, f))

def yaml_app(r, k, v, s):
    q = '"%s"' % v if s in ("mixed", "short") else v
    return "config/application.yml", "server:\n  port: 8080\nservice:\n  name: orders-api\n  upstream: https://partner.example.net/v2\n  %s: %s\n  timeout_ms: 3000\nlogging:\n  level: INFO\n" % (k, q)
def toml_f(r, k, v, s):
    return "config/settings.toml", "[server]\nhost = \"0.0.0.0\"\nport = 9000\n\n[auth]\nissuer = \"https://id.acme.dev\"\n%s = \"%s\"\nttl = \"15m\"\n" % (k, v)
def ini_f(r, k, v, s):
    return "etc/app.ini", "; generated by setup\n[main]\ndebug = false\nworkers = 4\n\n[credentials]\nuser = %s\n%s = %s\n" % (user(r), k, v)
def props_f(r, k, v, s):
    kk = r.choice(["app.security.%s", "integration.partner.%s", "acme.%s"]) % k.replace("_", "-")
    return "src/main/resources/application-prod.properties", "server.port=8443\nspring.application.name=ledger\n%s=%s\nmanagement.endpoints.web.exposure.include=health\n" % (kk, v)
def env_f(r, k, v, s):
    q = r.choice(['%s', '"%s"', "'%s'"]) % v
    ex = r.choice(["", "export "])
    return ".env.production", "NODE_ENV=production\nPORT=3000\n%sLOG_LEVEL=info\n%s%s=%s\nFEATURE_NEW_CHECKOUT=true\n" % (ex, ex, up(k), q)
def json_f(r, k, v, s):
    d = {"Logging": {"LogLevel": {"Default": "Information"}}, "AllowedHosts": "*", "Service": {"BaseUrl": "https://api.partner.example", k[0].upper() + k[1:]: v, "RetryCount": 3}}
    return "appsettings.Production.json", json.dumps(d, indent=2)
def hcl_f(r, k, v, s):
    return "terraform/prod.auto.tfvars", "region      = \"eu-west-1\"\nenvironment = \"prod\"\ninstance_type = \"t3.large\"\n%s = \"%s\"\n" % (k.lower(), v)
def compose_f(r, k, v, s):
    return "docker-compose.prod.yml", "services:\n  api:\n    image: registry.acme.io/api:2.14.1\n    ports: [\"8080:8080\"]\n    environment:\n      - APP_ENV=production\n      - %s=%s\n      - LOG_FORMAT=json\n" % (up(k), v)
def docker_f(r, k, v, s):
    return "Dockerfile", "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nENV %s=%s\nENV PORT=8000\nCMD [\"gunicorn\", \"app:app\"]\n" % (up(k), v)
def systemd_f(r, k, v, s):
    return "/etc/systemd/system/worker.service", "[Unit]\nDescription=Queue worker\nAfter=network.target\n\n[Service]\nUser=worker\nEnvironment=\"QUEUE=default\"\nEnvironment=\"%s=%s\"\nExecStart=/opt/worker/bin/worker\nRestart=always\n" % (up(k), v)
def ps_f(r, k, v, s):
    return "deploy/set-env.ps1", "# staging bootstrap\n$env:ASPNETCORE_ENVIRONMENT = \"Staging\"\n$env:%s = '%s'\n& dotnet .\\Api.dll\n" % (up(k), v)
def shell_f(r, k, v, s):
    return "scripts/run-prod.sh", "#!/usr/bin/env bash\nset -euo pipefail\nexport APP_ENV=prod\n%s='%s'\nexport %s\nexec ./bin/server --port 8080\n" % (up(k), v, up(k))
def helm_f(r, k, v, s):
    q = '"%s"' % v
    return "charts/api/values-prod.yaml", "replicaCount: 3\nimage:\n  repository: registry.acme.io/api\n  tag: \"2.14.1\"\nconfig:\n  %s: %s\n  cacheTtl: 300\nresources:\n  limits:\n    cpu: 500m\n" % (k[0].lower() + k[1:], q)
def gha_f(r, k, v, s):
    return ".github/workflows/deploy.yml", "name: deploy\non:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:\n      AWS_REGION: eu-west-1\n      %s: %s\n    steps:\n      - uses: actions/checkout@v4\n      - run: ./deploy.sh\n" % (up(k), v)
def gitlab_f(r, k, v, s):
    return ".gitlab-ci.yml", "stages: [test, deploy]\nvariables:\n  DOCKER_DRIVER: overlay2\n  %s: \"%s\"\ndeploy:\n  stage: deploy\n  script:\n    - ./deploy.sh\n" % (up(k), v)
def ansible_f(r, k, v, s):
    return "group_vars/prod/main.yml", "---\napp_user: deploy\napp_port: 8080\napp_%s: \"%s\"\nntp_servers:\n  - 0.pool.ntp.org\n" % (k.lower(), v)
def xml_f(r, k, v, s):
    return "conf/service.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<configuration>\n  <endpoint url=\"https://partner.example/api\" timeout=\"30\"/>\n  <%s>%s</%s>\n</configuration>\n" % (k, v, k)
def cfgmap_f(r, k, v, s):
    return "k8s/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: api-config\n  namespace: prod\ndata:\n  LOG_LEVEL: info\n  %s: \"%s\"\n" % (up(k), v)
def tfmain_f(r, k, v, s):
    return "terraform/main.tf", "resource \"aws_lambda_function\" \"sync\" {\n  function_name = \"partner-sync\"\n  runtime       = \"python3.12\"\n  environment {\n    variables = {\n      STAGE = \"prod\"\n      %s = \"%s\"\n    }\n  }\n}\n" % (up(k), v)
def serverless_f(r, k, v, s):
    return "serverless.yml", "service: billing-webhooks\nprovider:\n  name: aws\n  runtime: nodejs20.x\n  environment:\n    STAGE: prod\n    %s: %s\nfunctions:\n  hook:\n    handler: src/hook.handler\n" % (up(k), v)
for fn, fmt in [(yaml_app, "yaml"), (toml_f, "toml"), (ini_f, "ini"), (props_f, "properties"), (env_f, "dotenv"), (json_f, "json-appsettings"),
                (hcl_f, "tfvars"), (compose_f, "docker-compose"), (docker_f, "dockerfile"), (systemd_f, "systemd"), (ps_f, "powershell"),
                (shell_f, "shell"), (helm_f, "helm-values"), (gha_f, "github-actions"), (gitlab_f, "gitlab-ci"), (ansible_f, "ansible"),
                (xml_f, "xml"), (cfgmap_f, "k8s-configmap"), (tfmain_f, "terraform"), (serverless_f, "serverless")]:
    generic(fn, fmt, 1)

# ---- specific shapes
@P("k8s-secret-data-b64", "k8s-secret", 8)
def _(r):
    k = r.choice(["password", "db-password", "POSTGRES_PASSWORD", "api-key", "jwt-secret", "client-secret", "REDIS_PASSWORD"])
    s, v = shape_of(r, ["mixed", "short", "passphrase", "alnum", "hex"])
    b = base64.b64encode(v.encode()).decode()
    return "k8s/secret-db.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db-credentials\n  namespace: payments\ntype: Opaque\ndata:\n  username: %s\n  %s: %s\n" % (base64.b64encode(user(r).encode()).decode(), k, b), ["enc:base64", "shape:" + s], "data.%s (base64)" % k
@P("k8s-secret-stringdata", "k8s-secret", 5)
def _(r):
    s, v = shape_of(r)
    k = r.choice(["password", "DB_PASSWORD", "apiSecret", "SMTP_PASS", "token"])
    return "k8s/secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-secrets\ntype: Opaque\nstringData:\n  %s: \"%s\"\n  DB_HOST: %s\n" % (k, v, host(r)), ["shape:" + s], "stringData.%s" % k
@P("k8s-secret-dotenv-b64", "k8s-secret", 3)
def _(r):
    env = "DB_HOST=%s\nDB_USER=%s\nDB_PASSWORD=%s\n" % (host(r), user(r), pw_nosemi(r))
    return "k8s/secret-env.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: api-env\ntype: Opaque\ndata:\n  .env: %s\n" % base64.b64encode(env.encode()).decode(), ["enc:base64", "nested:dotenv"], "data..env (base64 of dotenv)"
@P("connstring-jdbc", "properties", 5)
def _(r):
    v = pw_nosemi(r).replace("&", "")
    form = r.randint(0, 3)
    if form == 0: line = "spring.datasource.url=jdbc:postgresql://%s:5432/orders?user=%s&password=%s&sslmode=require" % (host(r), user(r), v)
    elif form == 1: line = "db.url=jdbc:sqlserver://%s:1433;databaseName=ledger;user=%s;password=%s;encrypt=true" % (host(r), user(r), v)
    elif form == 2: line = "jdbc.url=jdbc:mysql://%s:%s@%s:3306/shop?useSSL=true" % (user(r), pw_url(r), host(r))
    else: line = "url=jdbc:oracle:thin:%s/%s@//%s:1521/ORCLPDB1" % (user(r), pw_url(r), host(r))
    return "src/main/resources/db.properties", "# datasource\n%s\nspring.jpa.hibernate.ddl-auto=validate\n" % line, ["conn:jdbc"], "JDBC URL"
@P("connstring-adonet", "xml-webconfig", 5)
def _(r):
    v = pw_nosemi(r); k = r.choice(["Password", "Pwd", "password", "PWD"])
    return "Web.config", "<?xml version=\"1.0\"?>\n<configuration>\n  <connectionStrings>\n    <add name=\"Default\" connectionString=\"Server=tcp:%s,1433;Initial Catalog=Orders;User ID=%s;%s=%s;Encrypt=True;\" providerName=\"System.Data.SqlClient\" />\n  </connectionStrings>\n  <appSettings>\n    <add key=\"Environment\" value=\"Production\" />\n  </appSettings>\n</configuration>\n" % (host(r), user(r), k, v), ["conn:ado.net"], "connectionString %s=" % k
@P("connstring-adonet", "json-appsettings", 3)
def _(r):
    v = pw_nosemi(r)
    d = {"ConnectionStrings": {"DefaultConnection": "Host=%s;Port=5432;Database=app;Username=%s;Password=%s;SSL Mode=Require" % (host(r), user(r), v)}, "Logging": {"LogLevel": {"Default": "Warning"}}}
    return "appsettings.json", json.dumps(d, indent=2), ["conn:npgsql"], "ConnectionStrings.DefaultConnection"
@P("connstring-odbc", "ini", 3)
def _(r):
    return "odbc.ini", "[ReportingDSN]\nDriver=ODBC Driver 18 for SQL Server\nServer=%s\nDatabase=dw\nUID=%s\nPWD=%s\nTrustServerCertificate=no\n" % (host(r), user(r), pw_nosemi(r)), ["conn:odbc"], "PWD="
@P("connstring-url", "dotenv", 10)
def _(r):
    v = pw_url(r) if r.random() < .7 else v_alnum(r, 20)
    sch = r.choice(["postgresql", "postgres", "mysql", "mongodb+srv", "mongodb", "redis", "rediss", "amqps", "amqp", "mssql", "nats", "kafka+ssl", "clickhouse"])
    k = {"redis": "REDIS_URL", "rediss": "CACHE_URL", "amqp": "RABBITMQ_URL", "amqps": "BROKER_URL", "mongodb": "MONGO_URI", "mongodb+srv": "MONGODB_URI"}.get(sch, "DATABASE_URL")
    uinfo = (":" + v) if sch in ("redis", "rediss") and r.random() < .5 else ("%s:%s" % (user(r), v))
    url = "%s://%s@%s/%s" % (sch, uinfo, host(r), r.choice(["app", "0", "vhost", "orders?retryWrites=true&w=majority"]))
    return ".env", "APP_NAME=orders\n%s=%s\nSENTRY_ENVIRONMENT=prod\n" % (k, url), ["conn:url", "scheme:" + sch], "URL userinfo"
@P("connstring-url", "yaml", 5)
def _(r):
    url = "%s://%s:%s@%s:%d/%s" % (r.choice(["postgresql+psycopg2", "mysql+pymysql", "postgresql+asyncpg"]), user(r), pw_url(r), host(r), r.choice([5432, 3306]), "analytics")
    return "alembic.ini" if r.random() < .5 else "config/database.yml", "[alembic]\nscript_location = migrations\nsqlalchemy.url = %s\n" % url, ["conn:url", "scheme:sqlalchemy"], "sqlalchemy.url"
@P("spring-datasource", "spring-yaml", 5)
def _(r):
    s, v = shape_of(r)
    return "src/main/resources/application.yml", "spring:\n  datasource:\n    url: jdbc:postgresql://%s:5432/orders\n    username: %s\n    password: '%s'\n  jpa:\n    open-in-view: false\n" % (host(r), user(r), v.replace("'", "")), ["shape:" + s], "spring.datasource.password"
@P("maven-settings", "xml-maven", 4)
def _(r):
    s, v = shape_of(r, ["mixed", "alnum", "passphrase"])
    return "~/.m2/settings.xml", "<settings>\n  <servers>\n    <server>\n      <id>acme-releases</id>\n      <username>%s</username>\n      <password>%s</password>\n    </server>\n  </servers>\n</settings>\n" % (user(r), v.replace("&", "")), ["shape:" + s], "<password>"
@P("tomcat-context", "xml-tomcat", 3)
def _(r):
    return "conf/context.xml", "<Context>\n  <Resource name=\"jdbc/OrdersDB\" auth=\"Container\" type=\"javax.sql.DataSource\"\n    maxTotal=\"50\" username=\"%s\" password=\"%s\"\n    driverClassName=\"org.postgresql.Driver\" url=\"jdbc:postgresql://%s:5432/orders\"/>\n</Context>\n" % (user(r), pw_nosemi(r).replace("&", ""), host(r)), [], "Resource password attr"
@P("tomcat-users", "xml-tomcat", 2)
def _(r):
    return "conf/tomcat-users.xml", "<tomcat-users>\n  <role rolename=\"manager-gui\"/>\n  <user username=\"%s\" password=\"%s\" roles=\"manager-gui,admin-gui\"/>\n</tomcat-users>\n" % (user(r), pw_nosemi(r).replace("&", "")), [], "user password attr"
@P("npmrc-authtoken", "npmrc", 5)
def _(r):
    form = r.randint(0, 2)
    if form == 0: line = "//registry.npmjs.org/:_authToken=%s" % npm_token(r)
    elif form == 1: line = "//npm.acmecorp.io/repository/npm-private/:_authToken=%s" % v_uuid(r)
    else: line = "//artifactory.acme.io/api/npm/npm/:_auth=%s" % base64.b64encode(("%s:%s" % (user(r), pw_nosemi(r))).encode()).decode()
    return ".npmrc", "registry=https://registry.npmjs.org/\n@acme:registry=https://npm.acmecorp.io/\n%s\nalways-auth=true\n" % line, ["form:%d" % form], "_authToken/_auth"
@P("pypirc", "pypirc", 3)
def _(r):
    tok = pypi_token(r) if r.random() < .5 else pw_nosemi(r)
    return "~/.pypirc", "[distutils]\nindex-servers =\n    pypi\n    internal\n\n[internal]\nrepository = https://pypi.acmecorp.io/\nusername = %s\npassword = %s\n" % (r.choice(["__token__", user(r)]), tok), [], "password ="
@P("pip-conf", "pip-conf", 3)
def _(r):
    return "/etc/pip.conf", "[global]\nindex-url = https://%s:%s@nexus.acmecorp.io/repository/pypi-all/simple\ntrusted-host = nexus.acmecorp.io\ntimeout = 60\n" % (user(r), pw_url(r)), [], "index-url userinfo"
@P("netrc", "netrc", 3)
def _(r):
    return "~/.netrc", "machine api.partner.example\n  login %s\n  password %s\nmachine git.acmecorp.io login ci-bot password %s\n" % (user(r), pw_nosemi(r), v_alnum(r, 32)), [], "netrc password"
@P("git-credentials", "git-credentials", 3)
def _(r):
    tok = r.choice([gh_token(r), pw_url(r), gitlab_pat(r)])
    return "~/.git-credentials", "https://%s:%s@%s\n" % (r.choice(["oauth2", "x-access-token", user(r)]), tok, r.choice(["github.com", "gitlab.acme.io", "bitbucket.org"])), [], "credential URL"
@P("docker-config-auths", "docker-config", 4)
def _(r):
    a = base64.b64encode(("%s:%s" % (user(r), pw_nosemi(r))).encode()).decode()
    d = {"auths": {r.choice(["registry.acme.io", "https://index.docker.io/v1/", "ghcr.io", "123456789012.dkr.ecr.eu-west-1.amazonaws.com"]): {"auth": a}}, "credsStore": ""}
    return "~/.docker/config.json", json.dumps(d, indent=2), ["enc:base64"], "auths.*.auth (base64 user:pass)"
@P("dockerconfigjson-secret", "k8s-secret", 2)
def _(r):
    a = base64.b64encode(("%s:%s" % (user(r), pw_nosemi(r))).encode()).decode()
    inner = json.dumps({"auths": {"registry.acme.io": {"username": "robot", "password": "x", "auth": a}}})
    inner = json.dumps({"auths": {"registry.acme.io": {"auth": a}}})
    return "k8s/pull-secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: regcred\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: %s\n" % base64.b64encode(inner.encode()).decode(), ["enc:base64-nested"], ".dockerconfigjson base64(json(base64))"
@P("kubeconfig-token", "kubeconfig", 4)
def _(r):
    tok = r.choice(["eyJhbGciOiJSUzI1NiIsImtpZCI6Ik" + v_b64url(r, 20) + "." + base64.urlsafe_b64encode(json.dumps({"iss": "kubernetes/serviceaccount", "sub": "system:serviceaccount:ci:deployer"}).encode()).decode().rstrip("=") + "." + v_b64url(r, 256),
                    v_alnum(r, 6).lower() + "." + v_alnum(r, 16).lower(), "kubeconfig-u-" + v_alnum(r, 12).lower() + ":" + v_alnum(r, 52).lower()])
    return "~/.kube/config", "apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: https://k8s-prod.acmecorp.io:6443\n  name: prod\ncontexts:\n- context: {cluster: prod, user: deployer}\n  name: prod\ncurrent-context: prod\nusers:\n- name: deployer\n  user:\n    token: %s\n" % tok, [], "users[].user.token"
@P("kubeconfig-client-key", "kubeconfig", 3)
def _(r):
    key = base64.b64encode((fake_pkcs8(r) if r.random() < .5 else fake_ec(r)).encode()).decode()
    return "~/.kube/config", "apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n    client-certificate-data: %s\n    client-key-data: %s\n" % (base64.b64encode(fake_cert(r).encode()).decode(), key), ["enc:base64"], "client-key-data"
@P("private-key-in-config", "yaml", 4)
def _(r):
    pem = fake_pkcs8(r) if r.random() < .5 else fake_ec(r)
    ind = "\n".join("    " + l for l in pem.strip().split("\n"))
    return "config/saml.yml", "saml:\n  entity_id: https://app.acme.io/saml\n  signing_key: |\n%s\n  want_assertions_signed: true\n" % ind, [], "PEM block in YAML literal"
@P("private-key-in-config", "json", 3)
def _(r):
    pem = fake_pkcs8(r)
    d = {"type": "service_account", "project_id": "acme-prod-%d" % r.randint(100, 999), "private_key_id": v_hex(r, 40), "private_key": pem,
         "client_email": "deployer@acme-prod.iam.gserviceaccount.com", "client_id": str(r.randint(10**20, 10**21))}
    return "gcp-sa.json", json.dumps(d, indent=2), ["vendor:gcp-sa"], "private_key"
@P("tfstate", "tfstate", 5)
def _(r):
    attr = r.choice([("aws_db_instance", {"password": pw_nosemi(r), "username": user(r), "engine": "postgres"}),
                     ("random_password", {"result": v_mixed(r, 24), "length": 24, "special": True}),
                     ("aws_iam_access_key", {"id": aws_pair(r)[0], "secret": aws_pair(r)[1]}),
                     ("azurerm_storage_account", {"primary_access_key": v_b64(r, 64), "name": "acmeprodsa"}),
                     ("tls_private_key", {"private_key_pem": fake_ec(r), "algorithm": "ECDSA"})])
    st = {"version": 4, "terraform_version": "1.8.5", "serial": r.randint(1, 400), "lineage": v_uuid(r), "outputs": {},
          "resources": [{"mode": "managed", "type": attr[0], "name": "main", "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
                         "instances": [{"schema_version": 0, "attributes": attr[1], "sensitive_attributes": []}]}]}
    return "terraform.tfstate", json.dumps(st, indent=2), ["tf-resource:" + attr[0]], "resources[].instances[].attributes"
@P("tf-provider-inline", "terraform", 4)
def _(r):
    form = r.randint(0, 2)
    if form == 0: t = "provider \"postgresql\" {\n  host     = \"%s\"\n  username = \"%s\"\n  password = \"%s\"\n  sslmode  = \"require\"\n}\n" % (host(r), user(r), pw_nosemi(r))
    elif form == 1:
        k, s = aws_pair(r); t = "provider \"aws\" {\n  region     = \"eu-west-1\"\n  access_key = \"%s\"\n  secret_key = \"%s\"\n}\n" % (k, s)
    else: t = "resource \"aws_db_instance\" \"main\" {\n  engine   = \"mysql\"\n  username = \"admin\"\n  password = \"%s\"\n  instance_class = \"db.t3.medium\"\n}\n" % pw_nosemi(r)
    return "terraform/providers.tf", t, ["form:%d" % form], "provider/resource password"
@P("cli-flag-password", "shell", 12)
def _(r):
    v = v_mixed(r, sym="!#%^*-_+=@"); u = user(r); h = host(r)
    forms = ["mysql -h %s -u %s -p'%s' orders < dump.sql" % (h, u, v),
             "PGPASSWORD='%s' psql -h %s -U %s -d orders -c 'select 1'" % (v, h, u),
             "mysqldump --user=%s --password='%s' --host=%s shop > shop.sql" % (u, v, h),
             "sshpass -p '%s' ssh %s@%s uptime" % (v, u, h),
             "curl -u %s:%s https://nexus.acmecorp.io/service/rest/v1/status" % (u, pw_url(r)),
             "docker login registry.acme.io -u %s -p '%s'" % (u, v),
             "mongosh \"mongodb://%s@%s:27017/admin\" --password '%s'" % (u, h, v),
             "redis-cli -h %s -a '%s' INFO" % (h, v),
             "java -jar app.jar --spring.datasource.password='%s' --server.port=8080" % v,
             "sqlcmd -S %s -U %s -P '%s' -Q \"SELECT @@VERSION\"" % (h, u, v),
             "helm upgrade api ./chart --set db.password='%s' --set image.tag=2.14.1" % v,
             "keytool -importkeystore -srckeystore app.p12 -srcstorepass '%s' -destkeystore app.jks" % v,
             "openssl pkcs12 -export -in cert.pem -inkey key.pem -passout pass:%s -out bundle.p12" % v,
             "rabbitmqctl add_user %s '%s'" % (u, v),
             "htpasswd -b -c /etc/nginx/.htpasswd %s '%s'" % (u, v),
             "az login --service-principal -u %s -p '%s' --tenant %s" % (v_uuid(r), azure_cs(r), v_uuid(r))]
    i = r.randrange(len(forms))
    return r.choice(["scripts/restore.sh", "Makefile", "README-ops.md", "history.txt"]), "#!/bin/sh\n# run from the bastion\nset -e\n%s\necho done\n" % forms[i], ["cli-form:%d" % i], "command-line flag"
@P("sql-password", "sql", 6)
def _(r):
    v = v_mixed(r, sym="!#%^*-_+=@"); u = user(r)
    forms = ["CREATE USER %s WITH PASSWORD '%s';" % (u, v), "ALTER USER %s WITH PASSWORD '%s';" % (u, v),
             "CREATE USER '%s'@'%%' IDENTIFIED BY '%s';" % (u, v), "ALTER USER %s IDENTIFIED BY \"%s\";" % (u, v),
             "CREATE LOGIN %s WITH PASSWORD = '%s', CHECK_POLICY = ON;" % (u, v), "CREATE ROLE %s LOGIN PASSWORD '%s';" % (u, v),
             "SET PASSWORD FOR '%s'@'localhost' = '%s';" % (u, v), "GRANT ALL ON shop.* TO '%s'@'%%' IDENTIFIED BY '%s';" % (u, v)]
    i = r.randrange(len(forms))
    return "db/migrations/V42__service_users.sql", "-- service accounts\nBEGIN;\n%s\nGRANT SELECT ON ALL TABLES IN SCHEMA public TO %s;\nCOMMIT;\n" % (forms[i], u), ["sql-form:%d" % i], "SQL password literal"
@P("nginx-basic-auth-header", "nginx", 3)
def _(r):
    a = base64.b64encode(("%s:%s" % (user(r), pw_nosemi(r))).encode()).decode()
    return "/etc/nginx/conf.d/upstream.conf", "upstream legacy { server legacy.acmecorp.io:8080; }\nserver {\n  listen 443 ssl;\n  location /legacy/ {\n    proxy_pass http://legacy;\n    proxy_set_header Authorization \"Basic %s\";\n  }\n}\n" % a, ["enc:base64"], "proxy_set_header Authorization Basic"
@P("nginx-bearer-header", "nginx", 2)
def _(r):
    return "/etc/nginx/conf.d/api.conf", "server {\n  location /partner/ {\n    proxy_pass https://api.partner.example/;\n    proxy_set_header X-Api-Key %s;\n    proxy_set_header Authorization \"Bearer %s\";\n  }\n}\n" % (v_hex(r, 32), v_alnum(r, 40)), [], "proxy_set_header bearer"
@P("haproxy-userlist", "haproxy", 2)
def _(r):
    return "/etc/haproxy/haproxy.cfg", "userlist stats_users\n  user %s insecure-password %s\n\nlisten stats\n  bind :8404\n  stats enable\n  stats auth admin:%s\n" % (user(r), pw_nosemi(r), pw_nosemi(r)), [], "insecure-password / stats auth"
@P("apache-proxy-pass", "apache", 2)
def _(r):
    return "/etc/apache2/sites-enabled/app.conf", "<VirtualHost *:443>\n  ServerName app.acme.io\n  SetEnv DB_PASSWORD %s\n  SetEnv APP_SECRET %s\n  ProxyPass / http://127.0.0.1:8000/\n</VirtualHost>\n" % (pw_nosemi(r), v_hex(r, 40)), [], "SetEnv"
@P("foreign-key-name", "yaml", 8)
def _(r):
    lang, k = r.choice(FOREIGN); s, v = shape_of(r)
    fmt = r.randint(0, 2)
    if fmt == 0: t = "datenbank:\n  host: %s\n  benutzer: %s\n  %s: \"%s\"\n" % (host(r), user(r), k, v)
    elif fmt == 1: t = "[base_de_datos]\nservidor = %s\nusuario = %s\n%s = %s\n" % (host(r), user(r), k, v)
    else: t = "%s=%s\n" % (k.upper(), v)
    return "config/local.%s" % ["yml", "ini", "env"][fmt], t, ["keylang:" + lang, "shape:" + s], "value of %s" % k
@P("django-secret-key", "python-settings", 3)
def _(r):
    v = "".join(r.choice(string.ascii_lowercase + string.digits + "!@#$%^&*(-_=+)") for _ in range(50))
    return "mysite/settings/production.py", "import os\nDEBUG = False\nALLOWED_HOSTS = ['app.acme.io']\nSECRET_KEY = '%s'\nDATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'NAME': 'app', 'PASSWORD': '%s', 'HOST': '%s'}}\n" % (v.replace("'", ""), pw_nosemi(r), host(r)), [], "SECRET_KEY / DATABASES PASSWORD"
@P("rails-laravel-keys", "dotenv", 3)
def _(r):
    f = r.randint(0, 2)
    if f == 0: t = "APP_NAME=Shop\nAPP_ENV=production\nAPP_KEY=base64:%s\nAPP_DEBUG=false\n" % v_b64(r, 32)
    elif f == 1: t = "RAILS_ENV=production\nRAILS_MASTER_KEY=%s\nRAILS_LOG_TO_STDOUT=1\n" % v_hex(r, 32)
    else: t = "NEXTAUTH_URL=https://app.acme.io\nNEXTAUTH_SECRET=%s\n" % v_b64(r, 32)
    return ".env", t, ["framework:%d" % f], "framework key"
@P("fernet-key", "python-settings", 2)
def _(r):
    return "airflow.cfg", "[core]\nexecutor = CeleryExecutor\nfernet_key = %s\n\n[webserver]\nsecret_key = %s\n" % (base64.urlsafe_b64encode(bytes(r.getrandbits(8) for _ in range(32))).decode(), v_hex(r, 32)), [], "fernet_key"
@P("vendor-key-in-config", "mixed", 22)
def _(r):
    kind = r.choice(["aws", "github", "stripe", "slack", "sendgrid", "twilio", "openai", "anthropic", "gitlab", "shopify", "azure-cs", "google-cs", "npm", "slack-webhook", "datadog"])
    if kind == "aws":
        k, s = aws_pair(r); t = "[default]\naws_access_key_id = %s\naws_secret_access_key = %s\nregion = eu-west-1\n" % (k, s); fn = "~/.aws/credentials"
    else:
        v = {"github": lambda: gh_token(r), "stripe": lambda: stripe_sk(r), "slack": lambda: slack_bot(r), "sendgrid": lambda: sendgrid(r),
             "twilio": lambda: twilio_sk(r), "openai": lambda: openai_key(r), "anthropic": lambda: anthropic_key(r), "gitlab": lambda: gitlab_pat(r),
             "shopify": lambda: shopify(r), "azure-cs": lambda: azure_cs(r), "google-cs": lambda: google_cs(r), "npm": lambda: npm_token(r),
             "slack-webhook": lambda: "https://hooks.slack.com/services/T%s/B%s/%s" % (v_alnum(r, 8).upper(), v_alnum(r, 10).upper(), v_alnum(r, 24)),
             "datadog": lambda: v_hex(r, 32)}[kind]()
        key = {"github": "GITHUB_TOKEN", "stripe": "STRIPE_SECRET_KEY", "slack": "SLACK_BOT_TOKEN", "sendgrid": "SENDGRID_API_KEY", "twilio": "TWILIO_API_SECRET",
               "openai": "OPENAI_API_KEY", "anthropic": "ANTHROPIC_API_KEY", "gitlab": "GITLAB_TOKEN", "shopify": "SHOPIFY_ACCESS_TOKEN", "azure-cs": "AZURE_CLIENT_SECRET",
               "google-cs": "GOOGLE_CLIENT_SECRET", "npm": "NPM_TOKEN", "slack-webhook": "SLACK_WEBHOOK_URL", "datadog": "DD_API_KEY"}[kind]
        f = r.randint(0, 4)
        if f == 0: t, fn = "services:\n  worker:\n    environment:\n      %s: %s\n" % (key, v), "docker-compose.yml"
        elif f == 1: t, fn = "%s = \"%s\"\n" % (key.lower(), v), "config.toml"
        elif f == 2: t, fn = json.dumps({"env": {key: v}}, indent=2), ".vscode/launch.json"
        elif f == 3: t, fn = "ENV %s=%s\n" % (key, v), "Dockerfile"
        else: t, fn = "<add key=\"%s\" value=\"%s\" />\n" % (key, v), "App.config"
    return fn, t, ["vendor:" + kind], "vendor key"
@P("kv-inline-json-string", "json", 4)
def _(r):
    # config passed as a JSON string inside JSON (e.g. ECS task def / Lambda env / ConfigMap data)
    inner = json.dumps({"db": {"host": host(r), "user": user(r), "password": pw_nosemi(r)}, "cache": {"ttl": 60}})
    d = {"family": "orders", "containerDefinitions": [{"name": "api", "image": "acme/api:2", "environment": [{"name": "APP_CONFIG_JSON", "value": inner}]}]}
    return "ecs/taskdef.json", json.dumps(d, indent=2), ["nested:json-string"], "environment[].value (JSON in JSON)"
@P("ecs-env-name-value", "json", 4)
def _(r):
    k = up(r.choice(PWKEYS + SECKEYS)); s, v = shape_of(r, ["mixed", "alnum", "hex", "uuid"])
    d = {"family": "orders", "containerDefinitions": [{"name": "api", "environment": [{"name": "STAGE", "value": "prod"}, {"name": k, "value": v}]}]}
    return "ecs/taskdef.json", json.dumps(d, indent=2), ["form:name-value", "shape:" + s], "name/value pair"
@P("k8s-env-literal", "k8s-deployment", 5)
def _(r):
    k = up(r.choice(PWKEYS + SECKEYS + SIGKEYS)); s, v = shape_of(r)
    return "k8s/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n      - name: api\n        image: registry.acme.io/api:2.14.1\n        env:\n        - name: LOG_LEVEL\n          value: info\n        - name: %s\n          value: \"%s\"\n" % (k, v), ["form:name-value", "shape:" + s], "env[].value"
@P("env-dump", "env-dump", 6)
def _(r):
    k = up(r.choice(PWKEYS + SECKEYS + SIGKEYS + ENCKEYS)); s, v = shape_of(r, SAFE_SHAPES)
    lines = ["HOSTNAME=api-7d9c6b5f4-x2kqp", "HOME=/root", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin", "KUBERNETES_SERVICE_HOST=10.96.0.1", "LANG=C.UTF-8", "%s=%s" % (k, v), "PYTHON_VERSION=3.12.4"]
    r.shuffle(lines)
    return "$ env (kubectl exec)", "\n".join(lines) + "\n", ["shape:" + s], "env output line"
@P("printenv-json", "json", 3)
def _(r):
    k = up(r.choice(SECKEYS + SIGKEYS)); v = v_alnum(r, 32)
    return "docker inspect api", json.dumps([{"Id": v_hex(r, 64), "Config": {"Env": ["PATH=/usr/bin", "APP_ENV=prod", "%s=%s" % (k, v)], "Image": "acme/api:2"}}], indent=2), [], "Config.Env[]"
@P("redis-conf", "redis-conf", 2)
def _(r):
    return "/etc/redis/redis.conf", "bind 0.0.0.0\nport 6379\nprotected-mode yes\nrequirepass %s\nmasterauth %s\nmaxmemory 2gb\n" % (pw_nosemi(r), pw_nosemi(r)), [], "requirepass"
@P("pgpass", "pgpass", 2)
def _(r):
    return "~/.pgpass", "%s:5432:orders:%s:%s\n*:*:*:replicator:%s\n" % (host(r), user(r), pw_nosemi(r).replace(":", ""), v_alnum(r, 18)), [], "pgpass field 5"
@P("wp-config", "php", 2)
def _(r):
    return "wp-config.php", "<?php\ndefine( 'DB_NAME', 'wordpress' );\ndefine( 'DB_USER', 'wp_%s' );\ndefine( 'DB_PASSWORD', '%s' );\ndefine( 'DB_HOST', '%s' );\ndefine( 'AUTH_KEY', '%s' );\n" % (v_alnum(r, 5).lower(), pw_nosemi(r), host(r), v_mixed(r, 64, "!@#%^&*-_+=?{}[]|<>")), [], "define DB_PASSWORD"
@P("vault-token-config", "hcl", 2)
def _(r):
    return "agent.hcl", "vault {\n  address = \"https://vault.acmecorp.io:8200\"\n}\nauto_auth {\n  method \"approle\" {\n    config = {\n      role_id   = \"%s\"\n      secret_id = \"%s\"\n    }\n  }\n}\n" % (v_uuid(r), v_uuid(r)), [], "approle secret_id (UUID)"
@P("wireguard-private", "ini", 2)
def _(r):
    return "/etc/wireguard/wg0.conf", "[Interface]\nAddress = 10.8.0.2/24\nPrivateKey = %s\nDNS = 10.8.0.1\n\n[Peer]\nPublicKey = %s\nEndpoint = vpn.acme.io:51820\nAllowedIPs = 0.0.0.0/0\n" % (v_b64(r, 32), v_b64(r, 32)), [], "WireGuard PrivateKey"
@P("smtp-mail-config", "yaml", 3)
def _(r):
    return "config/mail.yml", "mail:\n  smtp:\n    host: smtp.office365.com\n    port: 587\n    starttls: true\n    username: noreply@acme-corp.example\n    password: %s\n" % pw_nosemi(r), [], "mail.smtp.password"
@P("ldap-bind", "ini", 2)
def _(r):
    return "sssd.conf", "[domain/acmecorp]\nid_provider = ldap\nldap_uri = ldaps://ldap.acmecorp.io\nldap_default_bind_dn = cn=svc-sssd,ou=svc,dc=acmecorp,dc=io\nldap_default_authtok = %s\n" % pw_nosemi(r), [], "ldap_default_authtok"
@P("cloud-init-chpasswd", "yaml", 2)
def _(r):
    return "cloud-init/user-data.yaml", "#cloud-config\nchpasswd:\n  list: |\n    ubuntu:%s\n  expire: false\nssh_pwauth: true\n" % pw_nosemi(r).replace(":", ""), [], "chpasswd list"
@P("commented-out-secret", "yaml", 3)
def _(r):
    return "config/prod.yml", "database:\n  host: %s\n  # old password, rotate later: %s\n  password: ${DB_PASSWORD}\n" % (host(r), pw_nosemi(r)), ["place:comment"], "comment"
@P("weak-but-real-prod", "yaml", 3, arguable=True)
def _(r):
    v = r.choice(["Summer2024!", "Welcome123", "Acme@2023", "Passw0rd1", "Spring2025#", "Company123!"])
    return "inventory/prod/hosts.yml", "all:\n  vars:\n    ansible_user: %s\n    ansible_become_password: %s\n  hosts:\n    app-prod-01: {}\n" % (user(r), v), ["shape:dictionary"], "ansible_become_password"

# ---------------------------------------------------------------- negatives
NEG = []
CUR = [0]
def pick(lst):
    """negatives cycle through their variants so every variant appears"""
    return lst[CUR[0] % len(lst)]
def N(kind, fmt, n, arguable=False):
    def deco(f):
        NEG.append((kind, fmt, n, arguable, f)); return f
    return deco
PLACEHOLDERS = ["changeme", "<your-password>", "${DB_PASSWORD}", "{{ .Values.db.password }}", "${{ secrets.DB_PASSWORD }}", "%(DB_PASS)s",
                "$(cat /run/secrets/db_password)", "xxxxxxxxxxxx", "REDACTED", "********", "<REPLACE_ME>", "${env:DB_PASSWORD}", "{{ db_password }}",
                "${var.db_password}", "$DB_PASSWORD", "your_api_secret_here", "TODO", "[MASKED]", "<secret>", "%DB_PASSWORD%", "#{DbPassword}#",
                "${SECRET_KEY:?must be set}", "${file(\"/run/secrets/api\")}", "!ENV ${JWT_SECRET}", "${ssm:/prod/db/password}", "{{ lookup('env','DB_PASS') }}",
                "...", "-", "<redacted>", "__SECRET__", "secret_value_goes_here", "example-password", "sk_test_...", "dummy"]
@N("placeholder", "mixed", 40)
def _(r):
    k = r.choice(PWKEYS + SECKEYS + SIGKEYS + CSKEYS + ENCKEYS); ph = r.choice(PLACEHOLDERS)
    fns = [lambda: ("config/app.yml", "service:\n  name: api\n  %s: \"%s\"\n" % (k, ph.replace('"', "'"))),
           lambda: (".env.example", "APP_ENV=production\n%s=%s\n" % (up(k), ph)),
           lambda: ("settings.toml", "[auth]\n%s = \"%s\"\n" % (k, ph.replace('"', "'"))),
           lambda: ("application.properties", "app.%s=%s\n" % (k.replace("_", "-"), ph)),
           lambda: ("appsettings.json", json.dumps({"Service": {k: ph}}, indent=2)),
           lambda: ("docker-compose.yml", "services:\n  db:\n    image: postgres:16\n    environment:\n      %s: %s\n" % (up(k), ph if not ph.startswith("{") else "'%s'" % ph)),
           lambda: ("main.tf", "resource \"aws_db_instance\" \"db\" {\n  %s = %s\n}\n" % (k.lower(), ph if ph.startswith("${var") else "\"%s\"" % ph)),
           lambda: ("Web.config", "<add name=\"Default\" connectionString=\"Server=db;Database=app;User ID=app;Password=%s;\" />\n" % ph.replace('"', "'")),
           lambda: ("deploy.sh", "mysql -h db -u app -p\"%s\" app < seed.sql\n" % ph.replace('"', "'"))]
    fn, t = pick(fns)()
    return fn, t, [], "placeholder"
@N("template-ref", "helm", 8)
def _(r):
    t = pick(["apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ include \"api.fullname\" . }}\ntype: Opaque\ndata:\n  password: {{ .Values.postgresql.auth.password | b64enc | quote }}\n  jwt-secret: {{ required \"jwtSecret required\" .Values.jwtSecret | b64enc }}\n",
                  "env:\n  DB_PASSWORD: ${{ secrets.DB_PASSWORD }}\n  API_SECRET: ${{ secrets.PARTNER_API_SECRET }}\n  SIGNING_KEY: ${{ vars.SIGNING_KEY_NAME }}\n",
                  "variables:\n  DB_PASSWORD: $CI_DB_PASSWORD\n  MASTER_KEY: $MASTER_KEY_FROM_VAULT\n",
                  "db_password: \"{{ vault_db_password }}\"\napi_secret: \"{{ lookup('community.hashi_vault.hashi_vault', 'secret=secret/data/api:secret') }}\"\n",
                  "[database]\npassword = %(DB_PASSWORD)s\nsecret_key = %(SECRET_KEY)s\n",
                  "spring:\n  datasource:\n    password: ${SPRING_DATASOURCE_PASSWORD:}\n  security:\n    oauth2:\n      client:\n        registration:\n          azure:\n            client-secret: ${AZURE_CLIENT_SECRET}\n",
                  "locals {\n  db_password = data.aws_secretsmanager_secret_version.db.secret_string\n  api_key     = var.partner_api_key\n}\n",
                  "$env:DB_PASSWORD = (Get-Secret -Name DbPassword -AsPlainText)\n$env:JWT_SECRET = $env:KEYVAULT_JWT\n"])
    return "templates/secret.yaml", t, [], "template expression"
@N("secret-manager-ref", "mixed", 12)
def _(r):
    t = pick(["DB_PASSWORD=vault:secret/data/prod/db#password\nAPI_SECRET=vault:secret/data/prod/partner#api_secret\n",
                  "db_password_arn: arn:aws:secretsmanager:eu-west-1:%d:secret:prod/db/password-%s\n" % (r.randint(10**11, 10**12 - 1), v_alnum(r, 6)),
                  "env:\n- name: DB_PASSWORD\n  valueFrom:\n    secretKeyRef:\n      name: db-credentials\n      key: password\n- name: JWT_SECRET\n  valueFrom:\n    secretKeyRef: {name: api-secrets, key: jwt}\n",
                  "secrets:\n  - name: DB_PASSWORD\n    valueFrom: arn:aws:ssm:eu-west-1:%d:parameter/prod/db/password\n" % r.randint(10**11, 10**12 - 1),
                  "ConnectionStrings__Default=@Microsoft.KeyVault(SecretUri=https://acme-kv.vault.azure.net/secrets/DbConn/%s)\n" % v_hex(r, 32),
                  "DB_PASSWORD=op://Production/Postgres/password\nSTRIPE_KEY=op://Production/Stripe/secret key\n",
                  "spring.datasource.password=${sm://projects/acme-prod/secrets/db-password/versions/latest}\n",
                  "apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nspec:\n  data:\n  - secretKey: password\n    remoteRef:\n      key: prod/db\n      property: password\n",
                  "existingSecret: postgres-credentials\nexistingSecretPasswordKey: postgres-password\nauth:\n  usePasswordFiles: true\n",
                  "password_file: /run/secrets/db_password\nPOSTGRES_PASSWORD_FILE=/run/secrets/pg_pass\ntokenPath: /var/run/secrets/kubernetes.io/serviceaccount/token\n"])
    return "deploy/config.yaml", t, [], "secret-manager reference"
@N("sops-encrypted", "yaml", 6)
def _(r):
    def enc(): return "ENC[AES256_GCM,data:%s,iv:%s,tag:%s,type:str]" % (v_b64(r, r.randint(12, 30)), v_b64(r, 32), v_b64(r, 16))
    t = "db:\n    user: %s\n    password: %s\napi_secret: %s\nsops:\n    kms:\n    -   arn: arn:aws:kms:eu-west-1:111122223333:key/%s\n        created_at: \"2025-03-02T10:11:12Z\"\n        enc: %s\n    lastmodified: \"2025-03-02T10:11:13Z\"\n    mac: %s\n    version: 3.8.1\n" % (enc(), enc(), enc(), v_uuid(r), v_b64(r, 180), enc())
    if r.random() < .4:
        t = json.dumps({"data": enc(), "sops": {"mac": enc(), "version": "3.9.0", "age": [{"recipient": "age1" + "".join(r.choice("qpzry9x8gf2tvdw0s3jn54khce6mua7l") for _ in range(58)), "enc": "-----BEGIN AGE ENCRYPTED FILE-----\n%s\n-----END AGE ENCRYPTED FILE-----\n" % v_b64(r, 120)}]}}, indent=2)
    return "secrets.enc.yaml", t, [], "sops ENC[...]"
@N("ansible-vault", "yaml", 5)
def _(r):
    hx = v_hex(r, 80 * r.randint(4, 8))
    blk = "\n".join("          " + hx[i:i+80] for i in range(0, len(hx), 80))
    return "group_vars/prod/vault.yml", "db_user: app\ndb_password: !vault |\n          $ANSIBLE_VAULT;1.1;AES256\n%s\napi_port: 8443\n" % blk, [], "ansible-vault block"
@N("sealed-secret", "k8s", 5)
def _(r):
    return "k8s/sealed-db.yaml", "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: db-credentials\n  namespace: payments\nspec:\n  encryptedData:\n    password: AgB%s\n    username: AgC%s\n  template:\n    type: Opaque\n" % (v_b64(r, 400).rstrip("="), v_b64(r, 300).rstrip("=")), [], "SealedSecret encryptedData"
@N("password-hash", "mixed", 18)
def _(r):
    h = r.choice([bcrypt_h, argon2_h, apr1_h, django_h, sha512crypt])(r)
    fns = [lambda: (".htpasswd", "%s:%s\nops:%s\n" % (user(r), h if h.startswith("$apr1") or h.startswith("$2") else apr1_h(r), apr1_h(r))),
           lambda: ("config/users.yml", "users:\n  - name: admin\n    password_hash: \"%s\"\n    roles: [admin]\n" % h),
           lambda: ("grafana.ini", "[security]\nadmin_user = admin\nadmin_password_hash = %s\n" % h),
           lambda: ("fixtures/users.json", json.dumps([{"model": "auth.user", "pk": 1, "fields": {"username": "admin", "password": django_h(r), "is_superuser": True}}], indent=2)),
           lambda: ("cloud-init.yaml", "users:\n  - name: ops\n    passwd: %s\n    lock_passwd: false\n" % sha512crypt(r)),
           lambda: ("traefik.yml", "http:\n  middlewares:\n    auth:\n      basicAuth:\n        users:\n          - \"admin:%s\"\n" % apr1_h(r)),
           lambda: ("alertmanager/web.yml", "basic_auth_users:\n  prometheus: %s\n" % bcrypt_h(r)),
           lambda: ("rabbitmq/definitions.json", json.dumps({"users": [{"name": "svc", "password_hash": v_b64(r, 36), "hashing_algorithm": "rabbit_password_hashing_sha256", "tags": ["management"]}]}, indent=2))]
    fn, t = pick(fns)()
    return fn, t, [], "password hash"
@N("public-key-or-cert", "mixed", 14)
def _(r):
    fns = [lambda: ("config/jwt.yml", "jwt:\n  issuer: https://id.acme.io\n  public_key: |\n%s\n" % "\n".join("    " + l for l in fake_pub(r).strip().split("\n"))),
           lambda: ("~/.ssh/authorized_keys", ssh_pub(r) + "\n" + ssh_ed_pub(r) + "\n"),
           lambda: ("k8s/tls-configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ca-bundle\ndata:\n  ca.crt: |\n%s\n" % "\n".join("    " + l for l in fake_cert(r).strip().split("\n"))),
           lambda: ("~/.kube/config", "clusters:\n- cluster:\n    certificate-authority-data: %s\n    server: https://k8s.acmecorp.io:6443\n  name: prod\n" % base64.b64encode(fake_cert(r).encode()).decode()),
           lambda: ("/etc/wireguard/peer.conf", "[Peer]\nPublicKey = %s\nPresharedKey = \nAllowedIPs = 10.8.0.0/24\n" % v_b64(r, 32)),
           lambda: ("known_hosts", "github.com %s\n" % ssh_ed_pub(r).rsplit(" ", 1)[0]),
           lambda: ("jwks.json", json.dumps({"keys": [{"kty": "RSA", "use": "sig", "kid": v_hex(r, 16), "alg": "RS256", "n": v_b64url(r, 256), "e": "AQAB"}]}, indent=2)),
           lambda: ("terraform/keys.tf", "resource \"aws_key_pair\" \"deployer\" {\n  key_name   = \"deployer\"\n  public_key = \"%s\"\n}\n" % ssh_ed_pub(r))]
    fn, t = pick(fns)()
    return fn, t, [], "public material"
@N("digest-checksum", "mixed", 14)
def _(r):
    fns = [lambda: ("k8s/deploy.yaml", "containers:\n- name: api\n  image: registry.acme.io/api@sha256:%s\n- name: sidecar\n  image: envoyproxy/envoy@sha256:%s\n" % (v_hex(r), v_hex(r))),
           lambda: ("SHA256SUMS", "%s  sieve-linux-amd64.tar.gz\n%s  sieve-darwin-arm64.tar.gz\n" % (v_hex(r), v_hex(r))),
           lambda: (".terraform.lock.hcl", "provider \"registry.terraform.io/hashicorp/aws\" {\n  version = \"5.54.1\"\n  hashes = [\n    \"h1:%s\",\n    \"zh:%s\",\n  ]\n}\n" % (v_b64(r, 32), v_hex(r))),
           lambda: ("package-lock.json", json.dumps({"packages": {"node_modules/lodash": {"version": "4.17.21", "resolved": "https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz", "integrity": "sha512-" + v_b64(r, 64)}}}, indent=2)),
           lambda: ("Cargo.lock", "[[package]]\nname = \"serde\"\nversion = \"1.0.203\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\nchecksum = \"%s\"\n" % v_hex(r)),
           lambda: ("requirements.txt", "requests==2.32.3 \\\n    --hash=sha256:%s \\\n    --hash=sha256:%s\n" % (v_hex(r), v_hex(r))),
           lambda: (".gitmodules", "[submodule \"vendor/proto\"]\n\tpath = vendor/proto\n\turl = https://github.com/acme/proto.git\n# pinned at %s\n" % v_hex(r, 40)),
           lambda: ("helmfile.lock", "version: v0.162.0\ndependencies:\n- name: postgresql\n  repository: https://charts.bitnami.com/bitnami\n  version: 15.5.0\ndigest: sha256:%s\ngenerated: \"2025-05-01T09:00:00Z\"\n" % v_hex(r)),
           lambda: (".github/workflows/ci.yml", "steps:\n  - uses: actions/checkout@%s # v4.1.7\n  - uses: actions/setup-node@%s # v4\n" % (v_hex(r, 40), v_hex(r, 40))),
           lambda: ("flake.lock", json.dumps({"nodes": {"nixpkgs": {"locked": {"narHash": "sha256-" + v_b64(r, 32), "rev": v_hex(r, 40), "type": "github"}}}}, indent=2))]
    fn, t = pick(fns)()
    return fn, t, [], "digest"
@N("public-id", "mixed", 14)
def _(r):
    fns = [lambda: ("azure.tfvars", "tenant_id       = \"%s\"\nsubscription_id = \"%s\"\nclient_id       = \"%s\"\n" % (v_uuid(r), v_uuid(r), v_uuid(r))),
           lambda: ("config/oauth.yml", "oauth:\n  client_id: %d-%s.apps.googleusercontent.com\n  redirect_uri: https://app.acme.io/callback\n  scopes: [openid, email]\n" % (r.randint(10**11, 10**12), v_alnum(r, 32).lower())),
           lambda: ("appsettings.json", json.dumps({"AzureAd": {"Instance": "https://login.microsoftonline.com/", "TenantId": v_uuid(r), "ClientId": v_uuid(r), "CallbackPath": "/signin-oidc"}}, indent=2)),
           lambda: ("terraform.tfstate", json.dumps({"version": 4, "lineage": v_uuid(r), "serial": 12, "resources": [{"type": "aws_s3_bucket", "instances": [{"attributes": {"id": "acme-logs", "arn": "arn:aws:s3:::acme-logs", "hosted_zone_id": "Z1BKCTXD74EZPE"}}]}]}, indent=2)),
           lambda: ("config.toml", "[tracing]\nservice_name = \"orders\"\nrequest_id_header = \"X-Request-Id\"\nsample_trace_id = \"%s\"\ninstance_id = \"i-%s\"\n" % (v_hex(r, 32), v_hex(r, 17))),
           lambda: ("values.yaml", "serviceAccount:\n  annotations:\n    eks.amazonaws.com/role-arn: arn:aws:iam::%d:role/orders-irsa\nnodeSelector:\n  topology.kubernetes.io/zone: eu-west-1a\n" % r.randint(10**11, 10**12 - 1)),
           lambda: (".env", "NEXT_PUBLIC_POSTHOG_HOST=https://eu.posthog.com\nNEXT_PUBLIC_APP_ID=%s\nGA_MEASUREMENT_ID=G-%s\n" % (v_uuid(r), v_alnum(r, 10).upper())),
           lambda: ("docker-compose.yml", "services:\n  api:\n    container_name: api\n    labels:\n      com.acme.build: \"%s\"\n      com.acme.commit: \"%s\"\n" % (v_hex(r, 12), v_hex(r, 40)))]
    fn, t = pick(fns)()
    return fn, t, [], "public identifier"
@N("policy-setting", "mixed", 14)
def _(r):
    t = pick(["password_policy:\n  min_length: 12\n  require_uppercase: true\n  require_digit: true\n  max_age_days: 90\npassword_min_length: 12\npassword_history: 5\n",
                  "AUTH_PASSWORD_VALIDATORS = [\n    {'NAME': 'django.contrib.auth.password_validation.MinimumLengthValidator', 'OPTIONS': {'min_length': 12}},\n]\nPASSWORD_HASHERS = ['django.contrib.auth.hashers.Argon2PasswordHasher']\n",
                  "[security]\ndisable_initial_admin_creation = false\ncookie_secure = true\npassword_reset_enabled = true\nsecret_rotation_days = 30\n",
                  "features:\n  passwordless_login: true\n  enable_password_reset: false\n  show_api_key_in_ui: false\n  token_ttl_seconds: 3600\n",
                  "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=https://id.acme.io/.well-known/jwks.json\nserver.servlet.session.cookie.secure=true\njwt.expiration=86400\n",
                  "bcrypt_rounds: 12\nsalt_rounds: 10\npbkdf2_iterations: 600000\nkey_size: 256\nsecret_length: 32\ntoken_length: 40\n",
                  "[mysqld]\nvalidate_password.length=14\nvalidate_password.policy=STRONG\ndefault_authentication_plugin=caching_sha2_password\n",
                  "password_field: password\nusername_field: email\npassword_confirmation_field: password_confirmation\ntoken_header: X-Api-Token\nsecret_header_name: X-Hub-Signature-256\n",
                  "kind: Secret\napiVersion: v1\nmetadata:\n  name: empty-placeholder\ntype: Opaque\ndata: {}\n",
                  "DB_PASSWORD=\nAPI_SECRET=\nJWT_SECRET=\n# fill these in from 1Password before running\n",
                  "password: \"\"\nsecret: null\napi_key: ~\ntoken: ''\n",
                  "required_env:\n  - DB_PASSWORD\n  - JWT_SECRET\n  - STRIPE_SECRET_KEY\n  - ENCRYPTION_KEY\noptional_env: [SENTRY_DSN]\n",
                  "ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256;\nssl_session_tickets off;\nssl_password_file /etc/keys/global.pass;\n",
                  "PasswordAuthentication no\nPermitRootLogin prohibit-password\nPubkeyAuthentication yes\nAuthorizedKeysFile .ssh/authorized_keys\n"])
    return "config/security.yml", t, [], "setting, not a secret"
@N("docs-config-keys", "markdown", 10)
def _(r):
    t = pick(["## Configuration\n\n| Variable | Description | Required |\n|---|---|---|\n| `DB_PASSWORD` | Password of the database user | yes |\n| `JWT_SECRET` | HMAC key used to sign session tokens, at least 32 random bytes | yes |\n| `ENCRYPTION_KEY` | 32-byte hex key for field encryption | yes |\n",
                  "To rotate the signing key, generate a new one with `openssl rand -hex 32` and set `SIGNING_KEY` in the secret manager. Never commit it to `config/*.yml`.\n",
                  "# Set the password before starting:\n#   export PGPASSWORD=<password from vault>\n#   psql -h $DB_HOST -U $DB_USER\n",
                  "The `client_secret` field must be supplied through the `OAUTH_CLIENT_SECRET` environment variable; `client_id` can live in the repo.\n",
                  "```yaml\n# values.yaml\nauth:\n  password: \"\"  # set with --set auth.password=...\n  existingSecret: \"\"  # or use an existing secret\n```\n",
                  "- `requirepass <password>`: require clients to AUTH.\n- `masterauth <master-password>`: password used by replicas.\n",
                  "mysql -u root -p   # prompts for the password interactively\ndocker login --password-stdin < token.txt\n"])
    return "docs/configuration.md", t, [], "documentation"
@N("code-reads-secret", "source", 8)
def _(r):
    t = pick(["import os\nDB_PASSWORD = os.environ[\"DB_PASSWORD\"]\nJWT_SECRET = os.getenv(\"JWT_SECRET\")\nif not JWT_SECRET:\n    raise RuntimeError(\"JWT_SECRET missing\")\n",
                  "const secret = process.env.SESSION_SECRET ?? (() => { throw new Error('SESSION_SECRET not set') })();\n",
                  "@Value(\"${app.security.signing-key}\")\nprivate String signingKey;\n",
                  "password := os.Getenv(\"REDIS_PASSWORD\")\nrdb := redis.NewClient(&redis.Options{Addr: addr, Password: password})\n",
                  "var cs = builder.Configuration.GetConnectionString(\"Default\");\nvar key = builder.Configuration[\"Jwt:Key\"];\n",
                  "password = getpass.getpass(\"DB password: \")\nconn = psycopg.connect(host=host, user=user, password=password)\n"])
    return "src/config.py", t, [], "code reads env"
@N("conn-no-password", "mixed", 12)
def _(r):
    t = pick(["DATABASE_URL=postgresql://app@%s:5432/orders?sslmode=verify-full\n" % host(r),
                  "REDIS_URL=redis://redis:6379/0\nCELERY_BROKER_URL=amqp://rabbitmq:5672//\n",
                  "Server=%s;Database=Orders;Integrated Security=True;TrustServerCertificate=False;\n" % host(r),
                  "Server=tcp:%s,1433;Database=app;Authentication=Active Directory Managed Identity;\n" % host(r),
                  "spring.datasource.url=jdbc:postgresql://%s:5432/orders?sslmode=require\nspring.datasource.username=app\n" % host(r),
                  "MONGO_URI=mongodb+srv://${MONGO_USER}:${MONGO_PASS}@cluster0.ab1cd.mongodb.net/app\n",
                  "dsn = \"host=%s port=5432 dbname=app user=app sslmode=verify-full sslrootcert=/etc/ssl/rds.pem\"\n" % host(r),
                  "DATABASE_URL=postgres://%s:%s@%s:5432/app\n" % ("${PGUSER}", "${PGPASSWORD}", host(r)),
                  "index-url = https://pypi.org/simple\nextra-index-url = https://__token__:${PYPI_TOKEN}@pypi.acmecorp.io/simple\n",
                  "//npm.pkg.github.com/:_authToken=${NODE_AUTH_TOKEN}\n@acme:registry=https://npm.pkg.github.com\n",
                  "https://github.com/acme/infra-live.git\ngit@github.com:acme/infra-live.git\n",
                  "SENTRY_DSN=https://%s@o%d.ingest.sentry.io/%d\n" % (v_hex(r, 32), r.randint(100000, 999999), r.randint(1000000, 9999999))])
    return "config/.env", t, [], "connection without secret"
@N("encrypted-blob", "mixed", 6)
def _(r):
    t = pick(["-----BEGIN PGP MESSAGE-----\n\n%s\n=%s\n-----END PGP MESSAGE-----\n" % ("\n".join(v_b64(r, 48) for _ in range(6)), v_b64(r, 3)),
                  "-----BEGIN AGE ENCRYPTED FILE-----\n%s\n-----END AGE ENCRYPTED FILE-----\n" % "\n".join(v_b64(r, 48) for _ in range(5)),
                  "credentials.yml.enc: %s--%s--%s\n" % (v_b64(r, 200), v_b64(r, 12), v_b64(r, 16)),
                  "encrypted_db_password: \"vault:v1:%s\"\n" % v_b64(r, 48),
                  "kms_ciphertext: AQICAHh%s\n" % v_b64(r, 180)])
    return "secrets/blob.txt", t, [], "ciphertext"
@N("configmap-nonsecret-b64", "k8s", 6)
def _(r):
    payload = r.choice(["server {\n  listen 80;\n  root /usr/share/nginx/html;\n}\n", "log_level: info\nworkers: 4\nregion: eu-west-1\n", "{\"feature_flags\":{\"new_checkout\":true,\"dark_mode\":false}}"])
    return "k8s/cm.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: nginx-conf\ntype: Opaque\ndata:\n  default.conf: %s\n  favicon.ico: %s\n" % (base64.b64encode(payload.encode()).decode(), v_b64(r, 120)), [], "base64 of non-secret"
@N("random-nonsecret-values", "mixed", 10)
def _(r):
    t = pick(["cache:\n  key_prefix: \"orders:%s:\"\n  etag_seed: %s\nbuild:\n  id: %s\n" % (v_hex(r, 8), v_hex(r, 16), v_uuid(r)),
                  "[idempotency]\nnamespace = %s\nheader = Idempotency-Key\n" % v_uuid(r),
                  "csp:\n  script-src: \"'self' 'sha256-%s'\"\n" % v_b64(r, 32),
                  "migrations:\n  - id: %s\n    checksum: %s\n  - id: %s\n    checksum: %s\n" % (v_hex(r, 12), v_hex(r, 32), v_hex(r, 12), v_hex(r, 32)),
                  "test_vectors:\n  hmac_sha256_rfc4231_case1:\n    key: 0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b\n    data: 4869205468657265\n",
                  "color_palette:\n  primary: \"#1F6FEB\"\n  accent: \"#F78166\"\nfont_hash: %s\n" % v_hex(r, 40),
                  "apiVersion: v1\nkind: ConfigMap\ndata:\n  ANALYTICS_WRITE_KEY_NAME: segment-write-key\n  SESSION_COOKIE_NAME: __Host-sid\n  CSRF_HEADER: X-CSRF-Token\n"])
    return "config/misc.yml", t, [], "high-entropy non-secret"
@N("dev-default", "docker-compose", 12, arguable=True)
def _(r):
    t = pick(["services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: postgres\n      POSTGRES_PASSWORD: postgres\n    ports: [\"5432:5432\"]\n",
                  "services:\n  mysql:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: root\n      MYSQL_PASSWORD: secret\n",
                  "SECRET_KEY=dev-secret-key-not-for-prod\nDEBUG=1\nDATABASE_URL=postgres://postgres:postgres@localhost:5432/app_dev\n",
                  "RABBITMQ_URL=amqp://guest:guest@localhost:5672/\nREDIS_URL=redis://:password@localhost:6379/0\n",
                  "# config/test.yml\ndatabase:\n  username: test\n  password: test\njwt_secret: test-secret\n",
                  "spring:\n  datasource:\n    url: jdbc:h2:mem:testdb\n    username: sa\n    password: password\n",
                  "MINIO_ROOT_USER=minioadmin\nMINIO_ROOT_PASSWORD=minioadmin\n",
                  "KEYCLOAK_ADMIN=admin\nKEYCLOAK_ADMIN_PASSWORD=admin\nKC_DB_PASSWORD=keycloak\n",
                  "elasticsearch:\n  environment:\n    - ELASTIC_PASSWORD=changeme\n    - xpack.security.enabled=false\n"])
    return "docker-compose.dev.yml", t, [], "local dev default"
@N("doc-example-key", "mixed", 6, arguable=True)
def _(r):
    t = pick(["[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
                  "STRIPE_PUBLISHABLE_KEY=pk_live_%s\n" % v_alnum(r, 24),
                  "firebase:\n  apiKey: \"%s\"\n  authDomain: acme-app.firebaseapp.com\n  projectId: acme-app\n" % google_api(r),
                  "STRIPE_SECRET_KEY=sk_test_%s\n" % v_alnum(r, 24),
                  "recaptcha_site_key: 6L%s\n" % v_alnum(r, 38)])
    return "config/example.env", t, [], "documented example / public client key"

# ================================================================ batch 2: harder positives
@P("encryption-key-extra", "mixed", 12)
def _(r):
    k = r.choice(["ENCRYPTION_KEY", "encryptionKey", "DATA_ENCRYPTION_KEY", "aes256_key", "MASTER_KEY", "kek", "dek_b64", "AES_KEY_HEX",
                  "cookie_encryption_key", "backup_passphrase", "TOKEN_ENC_KEY", "pii_encryption_key", "storage_encryption_secret"])
    s, v = shape_of(r, ["hex", "base64", "hex", "base64", "passphrase"])
    f = r.randint(0, 4)
    if f == 0: fn, t = "config/crypto.yml", "crypto:\n  algorithm: AES-256-GCM\n  %s: %s\n  rotate_days: 90\n" % (k, v)
    elif f == 1: fn, t = ".env", "%s=%s\n" % (up(k), v)
    elif f == 2: fn, t = "appsettings.json", json.dumps({"DataProtection": {"ApplicationName": "orders", k[0].upper() + k[1:]: v}}, indent=2)
    elif f == 3: fn, t = "config/storage.toml", "[storage]\nbucket = \"acme-backups\"\n%s = \"%s\"\n" % (k.lower(), v)
    else: fn, t = "application.properties", "app.crypto.%s=%s\n" % (k.lower().replace("_", "-"), v)
    return fn, t, ["shape:" + s, "keyname:" + k], "value of %s" % k
@P("foreign-key-extra", "mixed", 12)
def _(r):
    lang, k = r.choice(FOREIGN); s, v = shape_of(r, ["mixed", "alnum", "short"])
    f = r.randint(0, 3)
    if f == 0: fn, t = ".env", "DB_HOST=%s\n%s=%s\n" % (host(r), k.upper(), v)
    elif f == 1: fn, t = "config.json", json.dumps({"datenbank" if lang == "de" else "db": {"host": host(r), "user": user(r), k: v}}, ensure_ascii=False, indent=2)
    elif f == 2: fn, t = "einstellungen.ini", "[verbindung]\nserver = %s\nbenutzer = %s\n%s = %s\n" % (host(r), user(r), k, v)
    else: fn, t = "config.yml", "servidor:\n  usuario: %s\n  %s: '%s'\n" % (user(r), k, v)
    return fn, t, ["keylang:" + lang, "shape:" + s], "value of %s" % k
@P("odd-key-name", "mixed", 16)
def _(r):
    k = r.choice(["pw", "pword", "PSWD", "p4ss", "DB__PASSWORD", "Database:Password", "PASSWORD_DB", "pass_phrase", "keystorePass",
                  "truststore.password", "ssl.key.password", "creds", "login_secret", "ADMIN_PW", "sa_pwd", "upw", "passwordValue", "dbCredential"])
    s, v = shape_of(r, ["mixed", "short", "alnum"])
    if k == "creds": v = "%s:%s" % (user(r), v)
    f = r.randint(0, 3)
    if f == 0: fn, t = "config.yml", "db:\n  host: %s\n  %s: \"%s\"\n" % (host(r), k, v)
    elif f == 1: fn, t = ".env", "%s=%s\n" % (k, v)
    elif f == 2: fn, t = "gradle.properties", "org.gradle.jvmargs=-Xmx2g\n%s=%s\n" % (k, v)
    else: fn, t = "settings.json", json.dumps({"host": host(r), k: v})
    return fn, t, ["keyname:" + k, "shape:" + s], "value of %s" % k
@P("kafka-jaas", "properties", 4)
def _(r):
    return "client.properties", "bootstrap.servers=pkc-4r297.europe-west1.gcp.confluent.cloud:9092\nsecurity.protocol=SASL_SSL\nsasl.mechanism=PLAIN\nsasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"%s\" password=\"%s\";\n" % (v_alnum(r, 16).upper(), r.choice([v_b64(r, 48), pw_nosemi(r)])), [], "sasl.jaas.config password"
@P("gradle-signing", "properties", 3)
def _(r):
    return "~/.gradle/gradle.properties", "signing.keyId=%s\nsigning.password=%s\nsigning.secretKeyRingFile=/home/ci/.gnupg/secring.gpg\nossrhUsername=%s\nossrhPassword=%s\n" % (v_hex(r, 8).upper(), pw_nosemi(r), user(r), pw_nosemi(r)), [], "signing.password / ossrhPassword"
@P("mycnf", "ini", 3)
def _(r):
    return "~/.my.cnf", "[client]\nuser=%s\npassword=\"%s\"\nhost=%s\n\n[mysqldump]\nsingle-transaction\n" % (user(r), pw_nosemi(r), host(r)), [], "[client] password"
@P("s3cfg-minio", "ini", 3)
def _(r):
    return "~/.s3cfg", "[default]\nhost_base = minio.acmecorp.io\naccess_key = %s\nsecret_key = %s\nuse_https = True\n" % (v_alnum(r, 20).upper(), v_alnum(r, 40)), ["vendorless-s3"], "secret_key (non-AWS)"
@P("composer-auth", "json", 2)
def _(r):
    return "auth.json", json.dumps({"http-basic": {"repo.packagist.com": {"username": "token", "password": v_hex(r, 40)}}, "bearer": {"satis.acmecorp.io": v_alnum(r, 32)}}, indent=4), [], "http-basic password"
@P("nuget-config", "xml", 2)
def _(r):
    return "NuGet.config", "<configuration>\n  <packageSourceCredentials>\n    <AcmeFeed>\n      <add key=\"Username\" value=\"%s\" />\n      <add key=\"ClearTextPassword\" value=\"%s\" />\n    </AcmeFeed>\n  </packageSourceCredentials>\n</configuration>\n" % (user(r), v_alnum(r, 52).lower()), [], "ClearTextPassword"
@P("yarnrc-cargo-gem", "mixed", 4)
def _(r):
    f = r.randint(0, 2)
    if f == 0: return ".yarnrc.yml", "npmRegistries:\n  \"https://npm.acmecorp.io\":\n    npmAlwaysAuth: true\n    npmAuthToken: %s\n" % v_uuid(r), [], "npmAuthToken"
    if f == 1: return "~/.cargo/credentials.toml", "[registries.acme]\ntoken = \"Bearer %s\"\n" % v_alnum(r, 32), [], "cargo token"
    return "~/.gem/credentials", "---\n:acme_gem_repo: Basic %s\n" % base64.b64encode(("%s:%s" % (user(r), pw_nosemi(r))).encode()).decode(), [], "gem credentials"
@P("dbt-snowflake-profile", "yaml", 3)
def _(r):
    return "~/.dbt/profiles.yml", "analytics:\n  target: prod\n  outputs:\n    prod:\n      type: snowflake\n      account: xy12345.eu-west-1\n      user: DBT_SVC\n      password: \"%s\"\n      role: TRANSFORMER\n      warehouse: TRANSFORMING\n" % pw_nosemi(r), [], "profiles password"
@P("airflow-conn-uri", "dotenv", 3)
def _(r):
    return ".env", "AIRFLOW_CONN_WAREHOUSE=postgres://%s:%s@%s:5432/dw\nAIRFLOW__CORE__LOAD_EXAMPLES=False\n" % (user(r), pw_url(r), host(r)), [], "AIRFLOW_CONN_ URI"
@P("prometheus-basic-auth", "yaml", 3)
def _(r):
    return "prometheus.yml", "scrape_configs:\n  - job_name: partner-exporter\n    scheme: https\n    basic_auth:\n      username: prom\n      password: %s\n    static_configs:\n      - targets: ['metrics.partner.example:9100']\n" % pw_nosemi(r), [], "basic_auth.password"
@P("grafana-datasource", "yaml", 2)
def _(r):
    return "provisioning/datasources/pg.yaml", "apiVersion: 1\ndatasources:\n  - name: Orders\n    type: postgres\n    url: %s:5432\n    user: grafana\n    secureJsonData:\n      password: '%s'\n" % (host(r), pw_nosemi(r)), [], "secureJsonData.password"
@P("logstash-fluentd", "other", 3)
def _(r):
    if r.random() < .5:
        return "pipeline/logstash.conf", "output {\n  elasticsearch {\n    hosts => [\"https://es.acmecorp.io:9200\"]\n    user => \"logstash_writer\"\n    password => \"%s\"\n  }\n}\n" % pw_nosemi(r), ["fmt:logstash"], "password =>"
    return "fluent.conf", "<match app.**>\n  @type elasticsearch\n  host es.acmecorp.io\n  user fluentd\n  password %s\n</match>\n" % pw_nosemi(r), ["fmt:fluentd"], "password directive"
@P("gha-with-password", "github-actions", 3)
def _(r):
    return ".github/workflows/release.yml", "jobs:\n  push:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/login-action@v3\n        with:\n          registry: registry.acmecorp.io\n          username: robot$ci\n          password: %s\n" % v_alnum(r, 32), [], "with.password"
@P("ansible-inventory-ini", "ini", 3)
def _(r):
    return "inventory/prod.ini", "[web]\nweb-01.acmecorp.io ansible_user=deploy ansible_password=%s ansible_become_pass=%s\nweb-02.acmecorp.io\n" % (pw_nosemi(r), pw_nosemi(r)), [], "ansible_password="
@P("unattend-xml", "xml", 2)
def _(r):
    return "autounattend.xml", "<UserAccounts>\n  <AdministratorPassword>\n    <Value>%s</Value>\n    <PlainText>true</PlainText>\n  </AdministratorPassword>\n</UserAccounts>\n" % pw_nosemi(r), [], "AdministratorPassword Value"
@P("openvpn-auth-file", "other", 2)
def _(r):
    return "/etc/openvpn/client/auth.txt", "%s\n%s\n" % (user(r), pw_nosemi(r)), ["fmt:two-line"], "second line"
@P("cron-env", "other", 2)
def _(r):
    return "crontab -l", "# m h dom mon dow command\n15 2 * * * MYSQL_PWD='%s' mysqldump -u backup shop | gzip > /backup/shop.sql.gz\n" % pw_nosemi(r), ["fmt:crontab"], "MYSQL_PWD in cron"
@P("curl-header-in-script", "shell", 4)
def _(r):
    h = r.choice(["X-API-Key", "X-Auth-Token", "Api-Key", "X-Internal-Token", "Authorization: Token"])
    v = r.choice([v_hex(r, 32), v_alnum(r, 40), v_uuid(r)])
    hdr = "%s %s" % (h, v) if h.startswith("Authorization") else "%s: %s" % (h, v)
    return "scripts/sync.sh", "#!/bin/bash\ncurl -fsS -H '%s' -H 'Content-Type: application/json' https://api.partner.example/v1/sync -d @payload.json\n" % hdr, [], "curl -H header"
@P("yaml-flow-inline", "yaml", 4)
def _(r):
    k = r.choice(["password", "secret", "token", "apiKey"])
    return "config/clients.yml", "clients:\n  - {name: billing, url: 'https://billing.acmecorp.io', %s: '%s'}\n  - {name: crm, url: 'https://crm.acmecorp.io', %s: '%s'}\n" % (k, v_alnum(r, 28), k, pw_nosemi(r)), [], "flow mapping"
@P("toml-inline-table", "toml", 3)
def _(r):
    return "Config.toml", "[database]\nprimary = { host = \"%s\", user = \"%s\", password = \"%s\" }\n" % (host(r), user(r), pw_nosemi(r)), [], "inline table"
@P("xml-attr-secret", "xml", 3)
def _(r):
    a = r.choice(["secret", "apiKey", "sharedSecret", "clientSecret", "password"])
    return "conf/integrations.xml", "<integrations>\n  <partner id=\"ups\" endpoint=\"https://onlinetools.ups.example/api\" %s=\"%s\" timeout=\"20\"/>\n</integrations>\n" % (a, v_alnum(r, 32)), [], "XML attribute"
@P("url-encoded-pw-in-url", "dotenv", 3)
def _(r):
    raw = v_mixed(r, sym="@#%/:?")
    enc = "".join(c if c.isalnum() else "%%%02X" % ord(c) for c in raw)
    return ".env", "DATABASE_URL=postgresql://%s:%s@%s:5432/app\n" % (user(r), enc, host(r)), ["enc:percent"], "percent-encoded userinfo"
@P("jenkins-pipeline", "groovy", 3)
def _(r):
    return "Jenkinsfile", "pipeline {\n  agent any\n  environment {\n    REGISTRY = 'registry.acmecorp.io'\n    DEPLOY_TOKEN = '%s'\n  }\n  stages { stage('deploy') { steps { sh './deploy.sh' } } }\n}\n" % v_alnum(r, 36), [], "environment block"
@P("makefile-var", "makefile", 2)
def _(r):
    return "Makefile", "REGISTRY ?= registry.acmecorp.io\nAPI_TOKEN ?= %s\n\ndeploy:\n\t./deploy.sh --token $(API_TOKEN)\n" % v_hex(r, 40), [], "make variable"
@P("cloudformation-inline", "yaml", 3)
def _(r):
    return "template.yaml", "Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      MasterUsername: dbadmin\n      MasterUserPassword: '%s'\n      DBInstanceClass: db.t3.medium\n" % pw_nosemi(r), [], "MasterUserPassword"
@P("hashicorp-nomad-consul", "hcl", 2)
def _(r):
    return "consul.hcl", "datacenter = \"eu1\"\nencrypt = \"%s\"\nacl {\n  enabled = true\n  tokens {\n    initial_management = \"%s\"\n  }\n}\n" % (v_b64(r, 32), v_uuid(r)), [], "gossip encrypt key / acl token"
@P("passphrase-words", "mixed", 4)
def _(r):
    v = " ".join(r.choice(WORDS) for _ in range(5))
    f = r.randint(0, 1)
    if f == 0: return "config/backup.yml", "restic:\n  repository: s3:s3.amazonaws.com/acme-backups\n  password: \"%s\"\n" % v, ["shape:spaced-passphrase"], "restic password"
    return ".env", "KEYSTORE_PASSPHRASE=\"%s\"\n" % v, ["shape:spaced-passphrase"], "passphrase"
@P("json-escaped-in-json", "json", 3)
def _(r):
    inner = "DB_PASSWORD=%s\nJWT_SECRET=%s\n" % (pw_nosemi(r), v_hex(r, 48))
    return "vercel-env-export.json", json.dumps({"envFile": inner, "project": "storefront"}), ["nested:escaped-newlines"], "env file as JSON string"
@P("secret-in-log-line", "log", 3)
def _(r):
    return "logs/app.log", "2025-06-01T10:02:11Z INFO  config loaded: {'db_host': '%s', 'db_user': '%s', 'db_password': '%s', 'pool': 10}\n2025-06-01T10:02:12Z ERROR connection refused\n" % (host(r), user(r), pw_nosemi(r)), ["fmt:log"], "dict repr in log"

# ================================================================ batch 2: harder negatives
@N("template-ref-extra", "mixed", 20)
def _(r):
    t = pick(["production:\n  password: <%= ENV['DB_PASSWORD'] %>\n  secret_key_base: <%= Rails.application.credentials.secret_key_base %>\n",
                  "MasterUserPassword: !Sub '{{resolve:secretsmanager:prod/db:SecretString:password}}'\nApiKey: !Ref PartnerApiKeyParam\n",
                  "Parameters:\n  DbPassword:\n    Type: String\n    NoEcho: true\n    MinLength: 12\n",
                  "PASSWORD=$(openssl rand -base64 24)\nSECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_hex(32))')\n",
                  "spring.datasource.password=${vcap.services.orders-db.credentials.password}\n",
                  "auth:\n  password: {{ .Env.PG_PASSWORD }}\n  token: {{ env \"API_TOKEN\" }}\n",
                  "resource \"random_password\" \"db\" {\n  length  = 32\n  special = true\n}\nresource \"aws_db_instance\" \"db\" {\n  password = random_password.db.result\n}\n",
                  "env:\n- name: DB_PASSWORD\n  value: $(DB_PASSWORD_FROM_FILE)\n",
                  "db_password: \"{{ lookup('aws_ssm', '/prod/db/password') }}\"\n",
                  "Password=@Password;User ID=@UserId\n-- parameters bound at runtime\n",
                  "secret_key: ${file:/etc/app/secret_key}\nkeystore.password=${KEYSTORE_PASSWORD:-}\n",
                  "$env:DB_PASSWORD = Read-Host -AsSecureString 'DB password'\n",
                  "variable \"db_password\" {\n  type      = string\n  sensitive = true\n}\n",
                  "password: !vault secret/data/db:password\n",
                  "DB_PASSWORD={{op://Prod/db/password}}\nAPI_TOKEN=keyring:acme/api\n"])
    return "config/templated.yml", t, [], "templated value"
@N("hash-in-password-field", "mixed", 16)
def _(r):
    t = pick(["spring.security.user.password={bcrypt}%s\n" % bcrypt_h(r),
                  "userPassword: {SSHA}%s\n" % v_b64(r, 24),
                  "\"app_user\" \"SCRAM-SHA-256$4096:%s$%s:%s\"\n" % (v_b64(r, 16), v_b64(r, 32), v_b64(r, 32)),
                  "CREATE USER 'report'@'%%' IDENTIFIED WITH mysql_native_password AS '*%s';\n" % v_hex(r, 40).upper(),
                  "admin:\n  password: \"%s\"\n  # generated with: htpasswd -nbB\n" % bcrypt_h(r),
                  "users:\n  admin:\n    hash: %s\n" % argon2_h(r),
                  "[users]\nadmin = %s\n" % sha512crypt(r),
                  "ALTER ROLE app PASSWORD 'SCRAM-SHA-256$4096:%s$%s:%s';\n" % (v_b64(r, 16), v_b64(r, 32), v_b64(r, 32)),
                  "<password>{%s}</password>\n<!-- maven master-encrypted -->\n" % v_b64(r, 36),
                  "root:%s:19800:0:99999:7:::\n" % sha512crypt(r),
                  "ADMIN_PASSWORD_SHA256=%s\n" % v_hex(r, 64)])
    return "config/users.conf", t, [], "hash or encrypted value in password field"
@N("public-key-hex", "mixed", 10)
def _(r):
    t = pick(["webhooks:\n  verify_public_key: %s\n  algorithm: ed25519\n" % v_hex(r, 64),
                  "DISCORD_PUBLIC_KEY=%s\nDISCORD_APPLICATION_ID=%d\n" % (v_hex(r, 64), r.randint(10**17, 10**18)),
                  "[signing]\npublic_key = \"%s\"\nkey_id = \"%s\"\n" % (v_b64(r, 32), v_hex(r, 16)),
                  "host_key_fingerprint: SHA256:%s\n" % v_b64(r, 32).rstrip("="),
                  "minisign_pubkey: RWQ%s\n" % v_b64(r, 39),
                  "ssh_host_key_public: %s\n" % ssh_ed_pub(r)])
    return "config/verify.yml", t, [], "public verification key"
@N("id-not-secret", "mixed", 16)
def _(r):
    t = pick(["api_key_id: %s\napi_key_name: ci-readonly\nlast_rotated: 2025-04-01\n" % v_uuid(r),
                  "secret_name: prod/orders/db-password\nsecret_version: %s\n" % v_hex(r, 32),
                  "kms_key_id: arn:aws:kms:eu-west-1:%d:key/%s\n" % (r.randint(10**11, 10**12 - 1), v_uuid(r)),
                  "token_endpoint: https://login.acmecorp.io/oauth2/token\ntoken_endpoint_auth_method: client_secret_post\njwks_uri: https://login.acmecorp.io/.well-known/jwks.json\n",
                  "password_reset_url: https://app.acmecorp.io/reset?ref=%s\n" % v_hex(r, 12),
                  "secretRef:\n  name: db-%s\ntokenSecretName: gh-runner-token\n" % v_hex(r, 6),
                  "key_vault_secret_id = \"https://acme-kv.vault.azure.net/secrets/db-password/%s\"\n" % v_hex(r, 32),
                  "signing_key_id: %s\nsigning_alg: RS256\n" % v_uuid(r),
                  "GOOGLE_CLOUD_PROJECT=acme-prod-%d\nGCP_SERVICE_ACCOUNT=deployer@acme-prod.iam.gserviceaccount.com\n" % r.randint(100, 999),
                  "idempotency_key_header: Idempotency-Key\nsample_idempotency_key: %s\n" % v_uuid(r),
                  "correlation_id: %s\nsession_id_cookie: sid\n" % v_uuid(r),
                  "token_type: Bearer\naccess_token_ttl: 900\nrefresh_token_ttl: 2592000\n"])
    return "config/identity.yml", t, [], "identifier near secret words"
@N("secret-word-nonsecret-value", "mixed", 14)
def _(r):
    t = pick(["password_hash_algorithm: argon2id\nsecret_type: Opaque\ntoken_format: jwt\n",
                  "apiVersion: v1\nkind: Secret\nmetadata:\n  name: tls-cert\ntype: kubernetes.io/tls\ndata:\n  tls.crt: %s\n" % base64.b64encode(fake_cert(r).encode()).decode(),
                  "PASSWORD_LENGTH=24\nPASSWORD_CHARSET=alnum\nSECRET_ROTATION=enabled\n",
                  "keystore.type=PKCS12\nkeystore.path=/etc/ssl/app.p12\ntruststore.path=/etc/ssl/ca.p12\n",
                  "jwt:\n  algorithm: HS256\n  secret_env: JWT_SECRET\n  issuer: orders\n",
                  "auth:\n  method: password\n  provider: ldap\n  token_cache: redis\n",
                  "[client]\nuser=readonly\n# password in ~/.mylogin.cnf (obfuscated by mysql_config_editor)\n",
                  "github_token_permissions:\n  contents: read\n  packages: write\n",
                  "ANSIBLE_VAULT_PASSWORD_FILE=~/.vault_pass.txt\nKUBECONFIG=~/.kube/config\nAWS_PROFILE=prod\n",
                  "client_secret: \"\"  # public client (PKCE), no secret\nclient_id: storefront-spa\n"])
    return "config/auth.yml", t, [], "secret-like key, harmless value"
@N("test-vector-known-value", "mixed", 6, arguable=True)
def _(r):
    t = pick(["# RFC 7519 example\njwt_secret: your-256-bit-secret\n",
                  "spec/fixtures/config.yml:\n  password: correct horse battery staple\n",
                  "# Django startproject default, replaced in prod\nSECRET_KEY = 'django-insecure-%s'\n" % "".join(r.choice(string.ascii_lowercase + string.digits + "!@#$%^&*(-_=+)") for _ in range(50)),
                  "tests:\n  fake_api_key: test_%s\n" % v_hex(r, 24),
                  "mock:\n  password: P@ssw0rd\n  user: testuser\n"])
    return "spec/fixtures/config.yml", t, [], "test fixture / known example"
@N("config-no-secrets", "mixed", 14)
def _(r):
    t = pick(["apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n      - name: api\n        image: registry.acmecorp.io/api@sha256:%s\n        resources: {limits: {cpu: 500m, memory: 512Mi}}\n" % v_hex(r),
                  "[tool.poetry]\nname = \"orders\"\nversion = \"2.14.1\"\n[tool.poetry.dependencies]\npython = \"^3.12\"\nfastapi = \"^0.111\"\n",
                  "server {\n  listen 443 ssl http2;\n  ssl_certificate /etc/ssl/acme.crt;\n  ssl_certificate_key /etc/ssl/acme.key;\n  location / { proxy_pass http://127.0.0.1:8000; }\n}\n",
                  "FROM node:20-alpine\nARG NPM_TOKEN\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\nENV NODE_ENV=production\n",
                  "terraform {\n  backend \"s3\" {\n    bucket = \"acme-tfstate\"\n    key    = \"prod/terraform.tfstate\"\n    region = \"eu-west-1\"\n    encrypt = true\n  }\n}\n",
                  "[Service]\nEnvironmentFile=/etc/orders/env\nLoadCredential=db-password:/etc/credstore/db-password\nExecStart=/opt/orders/bin/orders\n",
                  "listen stats\n  bind :8404\n  stats enable\n  stats uri /stats\n  stats refresh 10s\n",
                  "[Interface]\nAddress = 10.8.0.2/24\nPostUp = wg set %i private-key /etc/wireguard/private.key\n",
                  "{\"compilerOptions\":{\"target\":\"ES2022\",\"strict\":true,\"outDir\":\"dist\"}}\n",
                  "steps:\n  - name: Login\n    uses: docker/login-action@v3\n    with:\n      username: ${{ github.actor }}\n      password: ${{ secrets.GITHUB_TOKEN }}\n"])
    return "config/file", t, [], "plain config"
@N("ciphertext-field", "mixed", 8)
def _(r):
    t = pick(["<add key=\"DbPassword\" value=\"%s\" encrypted=\"true\" />\n" % v_b64(r, 48),
                  "jenkins:\n  credentials:\n    password: \"{AQAAABAAAAAQ%s}\"\n" % v_b64(r, 48),
                  "db.password=ENC(%s)\njasypt.encryptor.algorithm=PBEWITHHMACSHA512ANDAES_256\n" % v_b64(r, 48),
                  "<EncryptedData Type=\"http://www.w3.org/2001/04/xmlenc#Element\"><CipherData><CipherValue>%s</CipherValue></CipherData></EncryptedData>\n" % v_b64(r, 96),
                  "credentials.yml.enc\n%s--%s--%s\n" % (v_b64(r, 120), v_b64(r, 12), v_b64(r, 16))])
    return "config/encrypted.conf", t, [], "encrypted value"

# ================================================================ batch 3: command output, config-as-code, network gear
@P("secret-store-output", "cli-output", 6)
def _(r):
    v = pw_nosemi(r)
    f = r.randint(0, 4)
    if f == 0: return "$ aws ssm get-parameter --with-decryption", json.dumps({"Parameter": {"Name": "/prod/orders/db_password", "Type": "SecureString", "Value": v, "Version": 7}}, indent=4), ["form:ssm"], "Parameter.Value"
    if f == 1: return "$ aws secretsmanager get-secret-value", json.dumps({"Name": "prod/db", "SecretString": json.dumps({"username": user(r), "password": v, "host": host(r)}), "VersionStages": ["AWSCURRENT"]}, indent=4), ["form:secretsmanager", "nested:json-string"], "SecretString"
    if f == 2: return "$ vault kv get secret/prod/db", "====== Data ======\nKey         Value\n---         -----\npassword    %s\nusername    %s\n" % (v, user(r)), ["form:vault-table"], "vault table"
    if f == 3: return "$ heroku config -a shop", "=== shop Config Vars\nDATABASE_URL:  postgres://%s:%s@ec2-34-250-1-2.eu-west-1.compute.amazonaws.com:5432/d%s\nSESSION_SECRET: %s\n" % (v_alnum(r, 14).lower(), v_hex(r, 64), v_alnum(r, 13).lower(), v_hex(r, 32)), ["form:heroku"], "config vars"
    return "$ terraform output -json", json.dumps({"db_password": {"sensitive": True, "type": "string", "value": v}, "endpoint": {"sensitive": False, "type": "string", "value": host(r)}}, indent=2), ["form:tf-output"], "output value"
@P("config-as-code", "source", 10)
def _(r):
    v = r.choice([pw_nosemi(r), v_alnum(r, 32), v_hex(r, 40)])
    f = r.randint(0, 5)
    return [("config.php", "<?php\n$db_host = '%s';\n$db_user = 'shop';\n$db_password = '%s';\n" % (host(r), v)),
            ("settings.py", "DB_HOST = \"%s\"\nDB_PASS = \"%s\"\nDEBUG = False\n" % (host(r), v)),
            ("config/initializers/partner.rb", "Partner.configure do |config|\n  config.endpoint = 'https://api.partner.example'\n  config.api_secret = '%s'\nend\n" % v),
            ("config.js", "module.exports = {\n  port: 3000,\n  db: { host: '%s', password: '%s' },\n};\n" % (host(r), v)),
            ("internal/config/defaults.go", "package config\n\nconst (\n\tDefaultHost = \"%s\"\n\tserviceToken = \"%s\"\n)\n" % (host(r), v)),
            ("src/main/kotlin/Config.kt", "object Config {\n    const val API_URL = \"https://api.partner.example\"\n    const val API_SECRET = \"%s\"\n}\n" % v)][f] + (["lang:%d" % f], "string literal")
@P("network-device", "network", 5)
def _(r):
    f = r.randint(0, 4)
    v = pw_nosemi(r)
    if f == 0: t = "hostname edge-rtr-01\nusername admin privilege 15 password 0 %s\nenable password %s\n" % (v, pw_nosemi(r))
    elif f == 1: t = "network={\n    ssid=\"ACME-Corp\"\n    psk=\"%s\"\n    key_mgmt=WPA-PSK\n}\n" % v
    elif f == 2: t = "vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    authentication {\n        auth_type PASS\n        auth_pass %s\n    }\n}\n" % v[:8]
    elif f == 3: t = "//fs01.acmecorp.io/finance /mnt/finance cifs username=svc_backup,password=%s,vers=3.0 0 0\n" % v.replace(",", "")
    else: t = "[smtp.sendgrid.net]:587 apikey:%s\n" % sendgrid(r)
    return ["router.cfg", "wpa_supplicant.conf", "keepalived.conf", "/etc/fstab", "/etc/postfix/sasl_passwd"][f], t, ["net-form:%d" % f], "device/OS credential"
@P("yaml-tricky-syntax", "yaml", 6)
def _(r):
    v = pw_nosemi(r); f = r.randint(0, 3)
    if f == 0: t = "defaults: &db\n  user: app\n  password: &pw %s\nprod:\n  <<: *db\n  password: *pw\n" % v
    elif f == 1: t = "database:\n  password: >-\n    %s\n  host: %s\n" % (v, host(r))
    elif f == 2: t = "containers:\n- name: redis\n  image: redis:7\n  command: [\"redis-server\", \"--requirepass\", \"%s\"]\n" % v
    else: t = "env:\n  JAVA_OPTS: \"-Xmx1g -Djavax.net.ssl.keyStorePassword=%s -Dfile.encoding=UTF-8\"\n" % v
    return "config/app.yml", t, ["yaml-form:%d" % f], "tricky YAML"
@P("dotenv-inline-comment", "dotenv", 4)
def _(r):
    k = up(r.choice(PWKEYS + SECKEYS)); s, v = shape_of(r)
    return ".env.local", "%s=%s # rotated 2025-05, prod value\nOTHER=1\n" % (k, v), ["shape:" + s], "value with trailing comment"
@P("azure-storage-conn", "json", 3)
def _(r):
    cs = "DefaultEndpointsProtocol=https;AccountName=acmeprod%s;AccountKey=%s;EndpointSuffix=core.windows.net" % (v_alnum(r, 4).lower(), v_b64(r, 64))
    return "local.settings.json", json.dumps({"IsEncrypted": False, "Values": {"AzureWebJobsStorage": cs, "FUNCTIONS_WORKER_RUNTIME": "dotnet-isolated"}}, indent=2), ["vendor:azure-storage"], "AccountKey"

@P("dockerfile-arg-default", "dockerfile", 3)
def _(r):
    k = up(r.choice(PWKEYS + SECKEYS)); v = r.choice([pw_nosemi(r), v_alnum(r, 32)])
    return "Dockerfile", "FROM eclipse-temurin:21-jre\nARG %s=%s\nARG APP_VERSION=2.14.1\nRUN ./configure --token \"$%s\"\nCOPY build/app.jar /app.jar\n" % (k, v, k), [], "ARG default"
@P("package-json-config", "json", 3)
def _(r):
    d = {"name": "@acme/worker", "version": "3.2.0", "scripts": {"start": "node dist/index.js"},
         "config": {"apiBase": "https://api.partner.example", r.choice(["apiSecret", "partnerToken", "dbPassword", "signingSecret"]): r.choice([v_alnum(r, 32), pw_nosemi(r), v_hex(r, 40)])}}
    return "package.json", json.dumps(d, indent=2), [], "package.json config"

# ---- batch 3 negatives
@N("placeholder-vendor-shape", "mixed", 14)
def _(r):
    t = pick(["STRIPE_SECRET_KEY=sk_live_XXXXXXXXXXXXXXXXXXXXXXXX\n", "GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n",
                  "api_key: \"1234567890abcdef1234567890abcdef\"\n", "secret: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"\n",
                  "AWS_SECRET_ACCESS_KEY=<your-secret-access-key>\nAWS_ACCESS_KEY_ID=<your-access-key-id>\n",
                  "OPENAI_API_KEY=sk-...your-key...\nANTHROPIC_API_KEY=sk-ant-...\n", "jwt_secret: 0000000000000000000000000000000000000000000000000000000000000000\n",
                  "SLACK_BOT_TOKEN=xoxb-your-bot-token\n", "password: \"<%= @password %>\"\n", "token: YOUR_TOKEN_HERE\n",
                  "ENCRYPTION_KEY=replace-with-output-of-openssl-rand-hex-32\n", "client_secret: \"{client-secret}\"\n"])
    return "config/.env.sample", t, [], "placeholder shaped like a key"
@N("conn-placeholder", "mixed", 12)
def _(r):
    t = pick(["DATABASE_URL=postgres://user:password@localhost:5432/mydb\n", "MONGO_URI=mongodb://<username>:<password>@cluster0.ab1cd.mongodb.net/test\n",
                  "BROKER_URL=amqp://USER:PASS@rabbitmq:5672/\n", "REDIS_URL=redis://:${REDIS_PASSWORD}@redis:6379/0\n",
                  "git clone https://x-access-token:${GITHUB_TOKEN}@github.com/acme/infra-live.git\n",
                  "jdbc:postgresql://db:5432/app?user=app&password=${DB_PASSWORD}\n", "Server=db;Database=app;User Id=sa;Password=<YourStrong@Passw0rd>;\n",
                  "mysql -u root -p\"$MYSQL_ROOT_PASSWORD\" -h db app\nPGPASSWORD=$PGPASS psql -h db -U app\n",
                  "echo \"$CR_PAT\" | docker login ghcr.io -u \"$GITHUB_ACTOR\" --password-stdin\ncurl -u \"$NEXUS_USER:$NEXUS_TOKEN\" https://nexus.acmecorp.io\n",
                  "CREATE USER app WITH PASSWORD :'app_password';\nALTER USER legacy PASSWORD NULL;\nALTER USER old_user PASSWORD EXPIRE;\n",
                  "helm upgrade api ./chart --set db.password=\"$DB_PASSWORD\" --set image.tag=$TAG\n"])
    return "docs/connect.md", t, [], "connection with placeholder credentials"
@N("masked-output", "cli-output", 12)
def _(r):
    t = pick(["$ kubectl describe secret db-credentials\nName:         db-credentials\nType:  Opaque\n\nData\n====\npassword:  24 bytes\nusername:  3 bytes\n",
                  "$ terraform plan\n  + resource \"aws_db_instance\" \"main\" {\n      + password = (sensitive value)\n      + username = \"admin\"\n    }\n",
                  "$ heroku config\nDATABASE_URL: postgres://***:***@ec2-1-2-3-4.compute-1.amazonaws.com:5432/db\nSECRET_KEY:   ************\n",
                  "$ gh secret list\nDB_PASSWORD      Updated 2025-05-01\nJWT_SECRET       Updated 2025-03-12\nSTRIPE_KEY       Updated 2024-11-30\n",
                  "$ env | grep -i pass\nDB_PASSWORD=[REDACTED]\nSMTP_PASSWORD=[REDACTED]\n",
                  "$ vault kv metadata get secret/prod/db\ncreated_time     2025-01-02T10:00:00Z\ncurrent_version  4\nmax_versions     0\n",
                  "$ aws secretsmanager describe-secret --secret-id prod/db\n{\n  \"ARN\": \"arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/db-AbCdEf\",\n  \"RotationEnabled\": true,\n  \"VersionIdsToStages\": {\"%s\": [\"AWSCURRENT\"]}\n}\n" % v_uuid(r),
                  "$ docker inspect api --format '{{.Config.Env}}'\n[PATH=/usr/bin HOSTNAME=%s GIT_SHA=%s BUILD_ID=%s]\n" % (v_hex(r, 12), v_hex(r, 40), v_uuid(r)),
                  "$ env\nHOSTNAME=api-7d9c6b5f4-x2kqp\nINVOCATION_ID=%s\nGIT_COMMIT=%s\nLS_COLORS=rs=0:di=01;34:ln=01;36\nHOME=/home/app\n" % (v_hex(r, 32), v_hex(r, 40))])
    return "terminal.txt", t, [], "masked / metadata-only output"
@N("k8s-secret-b64-harmless", "k8s", 8)
def _(r):
    vals = {"username": user(r), "host": host(r), "port": "5432", "database": "orders", "password": r.choice(["changeme", "${DB_PASSWORD}", "REPLACE_ME", ""])}
    data = "\n".join("  %s: %s" % (k, base64.b64encode(v.encode()).decode()) for k, v in vals.items())
    return "k8s/secret-template.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db-conn\ntype: Opaque\ndata:\n%s\n" % data, ["enc:base64"], "base64 of placeholder/non-secret"
@N("path-not-secret", "mixed", 10)
def _(r):
    t = pick(["ssl_key: /etc/ssl/private/app.key\nssl_cert: /etc/ssl/certs/app.crt\n", "private_key_path: ~/.ssh/id_ed25519\n",
                  "token_file: /var/run/secrets/tokens/vault-token\nsecret_dir: /etc/orders/secrets\n", "GOOGLE_APPLICATION_CREDENTIALS=/var/secrets/google/key.json\n",
                  "keystore: classpath:keystore/app.p12\npassword-file: /etc/orders/keystore.pass\n", "[auth]\nhtpasswd_file = /etc/nginx/.htpasswd\nsecret_key_file = /etc/app/secret.key\n"])
    return "config/paths.yml", t, [], "file path to secret"
@N("public-client-key", "mixed", 8, arguable=True)
def _(r):
    t = pick(["AUTH0_CLIENT_ID=%s\nAUTH0_DOMAIN=acme.eu.auth0.com\n" % v_alnum(r, 32),
                  "NEXT_PUBLIC_MAPBOX_TOKEN=pk.eyJ1IjoiYWNtZSIsImEiOiJ%s\n" % v_b64url(r, 18),
                  "ALGOLIA_APP_ID=%s\nALGOLIA_SEARCH_ONLY_KEY=%s\n" % (v_alnum(r, 10).upper(), v_hex(r, 32)),
                  "SENTRY_DSN=https://%s@o%d.ingest.sentry.io/%d\n" % (v_hex(r, 32), r.randint(100000, 999999), r.randint(1000000, 9999999)),
                  "VITE_SUPABASE_ANON_KEY=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.%s.%s\n" % (base64.urlsafe_b64encode(json.dumps({"iss": "supabase", "role": "anon", "ref": v_alnum(r, 20).lower()}).encode()).decode().rstrip("="), v_b64url(r, 32))])
    return "web/.env.production", t, [], "public client-side key"
@N("net-device-hash", "network", 6)
def _(r):
    t = pick(["enable secret 9 $9$%s$%s\nusername admin privilege 15 secret 9 $9$%s$%s\n" % (v_alnum(r, 14), v_alnum(r, 43), v_alnum(r, 14), v_alnum(r, 43)),
                  "snmp-server group RO v3 priv\nip ssh version 2\nservice password-encryption\n",
                  "set system login user admin authentication encrypted-password \"%s\"\n" % sha512crypt(r)])
    return "router.cfg", t, [], "hashed device password"

# ---------------------------------------------------------------- main
def fmt_from(fname):
    b = os.path.basename(fname).lower()
    for suf, f in [(".yml", "yaml"), (".yaml", "yaml"), (".toml", "toml"), (".json", "json"), (".tf", "terraform"), (".tfvars", "tfvars"),
                   (".ini", "ini"), (".cfg", "ini"), (".config", "xml"), (".xml", "xml"), (".properties", "properties"), (".sh", "shell"),
                   (".md", "markdown"), (".hcl", "hcl"), (".py", "python")]:
        if b.endswith(suf): return f
    if "env" in b: return "dotenv"
    if b == "dockerfile": return "dockerfile"
    return "other"

def main():
    for cls, fmt, n, arg, f in POS:
        for i in range(n):
            fname, text, extra, where = f(R)
            cid = "pos-%s-%s-%02d" % (cls, fmt, i)
            ff = fmt if fmt != "mixed" else fmt_from(fname)
            tags = ["class:" + cls, "fmt:" + ff] + extra + (["arguable"] if arg else [])
            emit(cid, fname, text, {"categories": ["credential"]}, tags, R, where)
    for kind, fmt, n, arg, f in NEG:
        for i in range(n):
            CUR[0] = i
            fname, text, extra, where = f(R)
            ff = fmt if fmt not in ("mixed",) else fmt_from(fname)
            tags = ["neg:" + kind, "fmt:" + ff] + extra + (["arguable"] if arg else [])
            emit("neg-%s-%02d" % (kind, i), fname, text, {}, tags, R, where)
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)), "duplicate ids"
    os.makedirs(os.path.join(HERE, "cases"), exist_ok=True)
    for fn in os.listdir(os.path.join(HERE, "cases")):
        os.remove(os.path.join(HERE, "cases", fn))
    for cid, req in RAW.items():
        with open(os.path.join(HERE, "cases", cid + ".http"), "w", encoding="utf-8", newline="") as fh:
            fh.write(req)
    with open(os.path.join(HERE, "manifest.jsonl"), "w", encoding="utf-8") as fh:
        for c in CASES:
            fh.write(json.dumps(c, ensure_ascii=False) + "\n")
    npos = sum(1 for c in CASES if c["expect"]); print("cases", len(CASES), "positives", npos, "negatives", len(CASES) - npos, "raw", len(RAW))

if __name__ == "__main__":
    main()
