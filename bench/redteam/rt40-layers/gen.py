#!/usr/bin/env python3
"""rt40-layers: blind red-team corpus -- secrets/PII inside realistic multi-layer wrappings.
Deterministic: python3 gen.py writes manifest.jsonl and cases/*.http next to this file."""
import base64, binascii, bz2, gzip, html, io, json, lzma, os, quopri, random, tarfile, urllib.parse, zipfile, zlib, codecs

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(4040)
B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
ALNUM = B62
B64C = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
URLC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'

def rs(n, alpha=ALNUM): return ''.join(rng.choice(alpha) for _ in range(n))
def rbytes(n): return bytes(rng.getrandbits(8) for _ in range(n))

# ---------------------------------------------------------------- synthetic payloads
def b62(n, width=6):
    s = ''
    while n: n, r = divmod(n, 62); s = B62[r] + s
    return s.rjust(width, '0')
def gh_token(prefix='ghp_'):
    body = rs(30); return prefix + body + b62(zlib.crc32(body.encode()))
def aws_pair(): return 'AKIA' + rs(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'), rs(40, B64C)
def luhn_complete(prefix, length):
    d = [int(c) for c in prefix] + [rng.randrange(10) for _ in range(length - len(prefix) - 1)]
    s = 0
    for i, x in enumerate(reversed(d)):
        if i % 2 == 0:
            x *= 2
            if x > 9: x -= 9
        s += x
    return ''.join(map(str, d)) + str((10 - s % 10) % 10)
def card():
    k = rng.randrange(4)
    if k == 0: return luhn_complete('4' + str(rng.randrange(10**4, 10**5)), 16), 'Visa'
    if k == 1: return luhn_complete(str(rng.randrange(51, 56)), 16), 'Mastercard'
    if k == 2: return luhn_complete(rng.choice(['34', '37']), 15), 'Amex'
    return luhn_complete(str(rng.randrange(2221, 2721)), 16), 'Mastercard'
def fmt_card(n):
    if len(n) == 15: return n[:4] + ' ' + n[4:10] + ' ' + n[10:]
    return rng.choice([n, ' '.join(n[i:i+4] for i in range(0, 16, 4)), '-'.join(n[i:i+4] for i in range(0, 16, 4))])
def iban():
    cc = rng.choice(['DE', 'GB', 'FR', 'NL', 'ES', 'IT'])
    if cc == 'DE': bban = rs(18, '0123456789')
    elif cc == 'GB': bban = rng.choice(['NWBK', 'BARC', 'LOYD', 'HBUK']) + rs(14, '0123456789')
    elif cc == 'FR': bban = rs(10, '0123456789') + rs(11, '0123456789') + rs(2, '0123456789')
    elif cc == 'NL': bban = rng.choice(['ABNA', 'INGB', 'RABO']) + rs(10, '0123456789')
    elif cc == 'ES': bban = rs(20, '0123456789')
    else: bban = rng.choice('ABCDEFGHIJ') + rs(10, '0123456789') + rs(12, '0123456789')
    num = ''.join(str(int(c, 36)) for c in bban + cc + '00')
    chk = 98 - int(num) % 97
    return cc + '%02d' % chk + bban
def fmt_iban(i): return rng.choice([i, ' '.join(i[k:k+4] for k in range(0, len(i), 4))])
def ssn():
    while True:
        a = rng.randrange(1, 900)
        if a != 666: break
    return '%03d-%02d-%04d' % (a, rng.randrange(1, 100), rng.randrange(1, 10000))
FIRST = ['Maria', 'James', 'Aiko', 'Olumide', 'Priya', 'Lukas', 'Sofia', 'Daniel', 'Chen', 'Fatima', 'Noah', 'Elena', 'Mateo', 'Grace', 'Ibrahim', 'Hannah']
LAST = ['Delgado', 'Whitfield', 'Tanaka', 'Adeyemi', 'Raman', 'Brandt', 'Moreau', 'Okafor', 'Liang', 'Haddad', 'Kowalski', 'Petrova', 'Sandoval', 'Lindqvist', 'Farouk', 'Becker']
STREETS = ['Maple Ave', 'Oak Street', 'Cedar Lane', 'Harbor Blvd', 'Birchwood Dr', 'Sunset Road', 'Mill Creek Rd', 'Elm Court']
CITIES = [('Portland', 'OR', '972'), ('Austin', 'TX', '787'), ('Columbus', 'OH', '432'), ('Raleigh', 'NC', '276'), ('Denver', 'CO', '802'), ('Tampa', 'FL', '336')]
def person():
    f, l = rng.choice(FIRST), rng.choice(LAST); c = rng.choice(CITIES)
    return dict(name=f + ' ' + l, email='%s.%s%d@%s' % (f.lower(), l.lower(), rng.randrange(10, 99), rng.choice(['gmail.com', 'outlook.com', 'yahoo.com', 'protonmail.com'])),
                phone='(%d) %03d-%04d' % (rng.randrange(201, 990), rng.randrange(200, 999), rng.randrange(10000)),
                addr='%d %s, %s, %s %s%02d' % (rng.randrange(100, 9999), rng.choice(STREETS), c[0], c[1], c[2], rng.randrange(100)),
                dob='%04d-%02d-%02d' % (rng.randrange(1950, 2002), rng.randrange(1, 13), rng.randrange(1, 29)))
def pem_body(prefix, n):
    b = base64.b64encode(prefix + rbytes(n)).decode()
    return '\n'.join(b[i:i+64] for i in range(0, len(b), 64))

def payload(kind):
    """return (text, category). Text is what sits innermost (a file, a line, a record)."""
    global LAST_V
    v = rng.randrange(3); LAST_V = v
    if kind == 'github':
        t = gh_token(rng.choice(['ghp_', 'ghp_', 'gho_', 'ghs_']))
        return [f'export GITHUB_TOKEN={t}\n', f'[remote "origin"]\n\turl = https://x-access-token:{t}@github.com/acme-int/payments-core.git\n', f'{{"token": "{t}", "scopes": ["repo","workflow"]}}'][v], 'credential'
    if kind == 'github-fine':
        t = 'github_pat_11' + rs(20, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789') + '_' + rs(59)
        return [f'GH_PAT={t}\n', f'gh auth login --with-token <<< "{t}"\n', t][v], 'credential'
    if kind == 'aws':
        a, s = aws_pair()
        return [f'[default]\naws_access_key_id = {a}\naws_secret_access_key = {s}\nregion = us-east-1\n',
                f'AWS_ACCESS_KEY_ID={a}\nAWS_SECRET_ACCESS_KEY={s}\n',
                json.dumps({"AccessKeyId": a, "SecretAccessKey": s, "Expiration": "2026-12-09T00:00:00Z"})][v], 'credential'
    if kind == 'stripe':
        t = rng.choice(['sk_live_', 'rk_live_']) + rng.choice([rs(24), '51' + rs(97)])
        return [f'STRIPE_SECRET_KEY={t}\n', f'stripe.api_key = "{t}"\n', f'curl https://api.stripe.com/v1/charges -u {t}:\n'][v], 'credential'
    if kind == 'slack':
        t = 'xoxb-%d-%d-%s' % (rng.randrange(10**10, 10**11), rng.randrange(10**12, 10**13), rs(24))
        w = 'https://hooks.slack.com/services/T%s/B%s/%s' % (rs(8, B62[:36]).upper(), rs(10, B62[:36]).upper(), rs(24))
        return [f'SLACK_BOT_TOKEN={t}\n', f'slack:\n  webhook_url: {w}\n', f'{{"ok":true,"access_token":"{t}","team":{{"id":"T0{rs(8).upper()}"}}}}'][v], 'credential'
    if kind == 'openai':
        t = rng.choice(['sk-proj-' + rs(74, URLC) + 'T3BlbkFJ' + rs(74, URLC), 'sk-' + rs(20) + 'T3BlbkFJ' + rs(20)])
        return [f'OPENAI_API_KEY={t}\n', f'client = OpenAI(api_key="{t}")\n', f'Authorization: Bearer {t}\n'][v], 'credential'
    if kind == 'anthropic':
        t = 'sk-ant-api03-' + rs(93, URLC) + 'AA'
        return [f'ANTHROPIC_API_KEY={t}\n', f'x-api-key: {t}\n', f'{{"anthropic": {{"apiKey": "{t}"}}}}'][v], 'credential'
    if kind == 'google':
        t = 'AIza' + rs(35, URLC)
        return [f'GOOGLE_API_KEY={t}\n', f'https://maps.googleapis.com/maps/api/geocode/json?address=Berlin&key={t}\n', f'gemini_key: "{t}"\n'][v], 'credential'
    if kind == 'pem':
        if v == 0: return '-----BEGIN RSA PRIVATE KEY-----\n' + pem_body(b'\x30\x82\x04\xa4\x02\x01\x00\x02\x82\x01\x01\x00', 1180) + '\n-----END RSA PRIVATE KEY-----\n', 'credential'
        if v == 1: return '-----BEGIN OPENSSH PRIVATE KEY-----\n' + pem_body(b'openssh-key-v1\x00\x00\x00\x00\x04none\x00\x00\x00\x04none', 360) + '\n-----END OPENSSH PRIVATE KEY-----\n', 'credential'
        return '-----BEGIN PRIVATE KEY-----\n' + pem_body(b'\x30\x81\x87\x02\x01\x00\x30\x13\x06\x07\x2a\x86\x48\xce\x3d\x02\x01', 120) + '\n-----END PRIVATE KEY-----\n', 'credential'
    if kind == 'dburl':
        pw = rs(rng.randrange(14, 24), ALNUM + '!#%^*')
        pw_enc = urllib.parse.quote(pw, safe='')
        return [f'DATABASE_URL=postgres://svc_billing:{pw_enc}@db-prod-1.internal.acme.io:5432/billing?sslmode=require\n',
                f'spring.datasource.url=jdbc:mysql://mysql.prod.acme.io:3306/orders\nspring.datasource.username=orders_rw\nspring.datasource.password={pw}\n',
                f'MONGO_URI=mongodb+srv://analytics:{pw_enc}@cluster0.x7k2p.mongodb.net/events?retryWrites=true\n'][v], 'credential'
    if kind == 'jwt':
        h = base64.urlsafe_b64encode(json.dumps({"alg": rng.choice(["HS256", "RS256"]), "typ": "JWT"}, separators=(',', ':')).encode()).rstrip(b'=').decode()
        p = base64.urlsafe_b64encode(json.dumps({"sub": "user_" + rs(10), "iss": "https://auth.acme.io", "aud": "api.acme.io", "iat": 1796000000 + rng.randrange(10**6), "exp": 1796086400 + rng.randrange(10**6), "scope": "admin billing:write"}, separators=(',', ':')).encode()).rstrip(b'=').decode()
        t = h + '.' + p + '.' + rs(43, URLC)
        return [f'Authorization: Bearer {t}\n', f'{{"access_token":"{t}","token_type":"Bearer","expires_in":3600}}', f'session_jwt={t}\n'][v], 'credential'
    if kind == 'card':
        n, brand = card(); p = person()
        exp = '%02d/%02d' % (rng.randrange(1, 13), rng.randrange(27, 32)); cvv = rs(4 if brand == 'Amex' else 3, '0123456789')
        return [f'Cardholder: {p["name"]}\nCard number: {fmt_card(n)}\nExp: {exp}  CVV: {cvv}\n',
                json.dumps({"payment_method": {"type": "card", "number": n, "exp": exp, "cvc": cvv, "name": p['name']}}),
                f'order_id,customer,pan,expiry\n{rng.randrange(10**6)},{p["name"]},{n},{exp}\n'][v], 'financial'
    if kind == 'iban':
        i = iban(); p = person()
        return [f'Beneficiary: {p["name"]}\nIBAN: {fmt_iban(i)}\nAmount: EUR {rng.randrange(100, 90000)}.00\n',
                json.dumps({"creditor": {"name": p['name'], "iban": i, "bic": rs(4).upper() + 'DEFFXXX'}, "amount": rng.randrange(100, 9000)}),
                f'<CdtrAcct><Id><IBAN>{i}</IBAN></Id></CdtrAcct>'][v], 'financial'
    if kind == 'ssn':
        s = ssn(); p = person()
        return [f'Name: {p["name"]}\nDOB: {p["dob"]}\nSSN: {s}\n', json.dumps({"employee": p['name'], "ssn": s, "dob": p['dob']}),
                f'name,ssn,date_of_birth\n{p["name"]},{s},{p["dob"]}\n'][v], 'pii'
    if kind == 'contact':
        p = person()
        return [f'{p["name"]}\n{p["addr"]}\nEmail: {p["email"]}\nPhone: {p["phone"]}\nDOB: {p["dob"]}\n',
                json.dumps({"customer": {"full_name": p['name'], "email": p['email'], "phone": p['phone'], "home_address": p['addr'], "date_of_birth": p['dob']}}),
                f'"{p["name"]}","{p["email"]}","{p["phone"]}","{p["addr"]}"\n'][v], 'pii'
    raise KeyError(kind)
KINDS = ['github', 'aws', 'stripe', 'slack', 'openai', 'anthropic', 'google', 'pem', 'dburl', 'jwt', 'card', 'iban', 'ssn', 'contact', 'github-fine']

# ---------------------------------------------------------------- harmless contents (negatives)
def neg_content(kind):
    if kind == 'buildlog':
        return '\n'.join(f'[{i:03d}] {rng.choice(["INFO", "DEBUG", "WARN"])} gradle :app:compile{rng.choice(["Java", "Kotlin"])} took {rng.randrange(50, 9000)}ms (cache {rng.choice(["hit", "miss"])})' for i in range(rng.randrange(6, 14))) + '\nBUILD SUCCESSFUL in 42s\n'
    if kind == 'prose':
        w = 'the quarterly roadmap review covers latency budgets onboarding flows migration of the scheduler and a retrospective on incident handling with action items for each team'.split()
        return ' '.join(rng.choice(w) for _ in range(rng.randrange(40, 90))).capitalize() + '.\n'
    if kind == 'config-placeholder':
        return rng.choice(['AWS_ACCESS_KEY_ID=${AWS_ACCESS_KEY_ID}\nAWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY}\nREGION=eu-west-1\n',
                           'GITHUB_TOKEN=<your-token-here>\nSTRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx\nDATABASE_URL=postgres://app:${DB_PASSWORD}@localhost:5432/app\n',
                           'openai:\n  api_key: "{{ .Values.openaiKey }}"\n  model: gpt-4o-mini\n  timeout: 30s\n',
                           'ANTHROPIC_API_KEY=sk-ant-...\n# get yours at console.anthropic.com\nMAX_TOKENS=4096\n'])
    if kind == 'docs-example':
        return rng.choice(['aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
                           'Example: curl -H "Authorization: Bearer $TOKEN" https://api.example.com/v1/items\n',
                           'Use the IBAN field, e.g. DE00 0000 0000 0000 0000 00 (format only).\n'])
    if kind == 'public-cert':
        return '-----BEGIN CERTIFICATE-----\n' + pem_body(b'\x30\x82\x03\x5a\x30\x82\x02\x42\xa0\x03\x02\x01\x02', 820) + '\n-----END CERTIFICATE-----\n'
    if kind == 'public-key':
        return rng.choice(['ssh-ed25519 ' + base64.b64encode(b'\x00\x00\x00\x0bssh-ed25519\x00\x00\x00\x20' + rbytes(32)).decode() + ' deploy@ci-runner-07\n',
                           '-----BEGIN PUBLIC KEY-----\n' + pem_body(b'\x30\x82\x01\x22\x30\x0d\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01\x05\x00', 270) + '\n-----END PUBLIC KEY-----\n'])
    if kind == 'hashes':
        return '\n'.join(f'{rbytes(32).hex()}  dist/{rng.choice(["app", "vendor", "runtime", "polyfills"])}.{rbytes(4).hex()}.js' for _ in range(rng.randrange(3, 8))) + '\n'
    if kind == 'gitlog':
        return '\n'.join(f'commit {rbytes(20).hex()}\nAuthor: ci-bot <ci-bot@users.noreply.github.com>\n\n    chore: bump deps ({rbytes(4).hex()})\n' for _ in range(3))
    if kind == 'telemetry':
        return json.dumps({"trace_id": rbytes(16).hex(), "span_id": rbytes(8).hex(), "service": "checkout", "duration_ms": rng.randrange(2, 900),
                           "request_id": '%08x-%04x-4%03x-a%03x-%012x' % (rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(12), rng.getrandbits(12), rng.getrandbits(48)),
                           "status": 200, "region": "us-east-1"})
    if kind == 'order-ids':
        # 16-digit numbers that fail Luhn, tracking numbers
        out = []
        for _ in range(4):
            n = luhn_complete('4', 16); bad = n[:-1] + str((int(n[-1]) + 1 + rng.randrange(8)) % 10)
            out.append(f'order {bad} shipped via 1Z{rs(16, "0123456789ABCDEFGHJKLMNPRSTUVWXYZ")}')
        return '\n'.join(out) + '\n'
    if kind == 'env-refs':
        return 'import os\ntoken = os.environ["GITHUB_TOKEN"]\nkey = os.getenv("STRIPE_SECRET_KEY", "")\nif not key:\n    raise SystemExit("set STRIPE_SECRET_KEY")\n'
    if kind == 'masked':
        return f'Card ending in {rng.randrange(1000, 9999)} (**** **** **** {rng.randrange(1000, 9999)}) was charged; SSN on file: ***-**-{rng.randrange(1000, 9999)}\n'
    if kind == 'k8s-config':
        return 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\ndata:\n  LOG_LEVEL: info\n  FEATURE_FLAGS: "checkout_v2,dark_mode"\n  UPSTREAM: http://orders.svc.cluster.local:8080\n'
    if kind == 'invalid-ssn':
        return f'Test fixtures: 000-{rng.randrange(10, 99)}-{rng.randrange(1000, 9999)}, 666-{rng.randrange(10, 99)}-{rng.randrange(1000, 9999)}, 9{rng.randrange(10, 99)}-00-{rng.randrange(1000, 9999)} are all invalid SSNs.\n'
    if kind == 'imei-inventory':
        rows = []
        for _ in range(4):
            rows.append('device,%s,imei=%s,fw=%d.%d' % (rng.choice(['Pixel 8', 'Galaxy S23', 'iPhone 15']), luhn_complete('35' + rs(6, '0123456789'), 15), rng.randrange(1, 9), rng.randrange(20)))
        return 'MDM inventory export\n' + '\n'.join(rows) + '\n'
    if kind == 'luhn-order-ids':
        return '\n'.join('shipment %s tracking_ref=%s weight=%dg' % (rs(6).upper(), luhn_complete(rng.choice(['4', '5']), 16), rng.randrange(100, 5000)) for _ in range(3)) + '\n'
    if kind == 'example-iban-docs':
        return 'Format check examples from the ISO 13616 docs: DE89 3704 0044 0532 0130 00 and GB82 WEST 1234 5698 7654 32. Validation: move the first four characters to the end and compute mod 97.\n'
    if kind == 'ean-barcodes':
        out = []
        for _ in range(5):
            d = [4, rng.randrange(10)] + [rng.randrange(10) for _ in range(10)]
            c = (10 - sum(x * (3 if i % 2 else 1) for i, x in enumerate(d)) % 10) % 10
            out.append('%s,%s,%d' % (''.join(map(str, d)) + str(c), rng.choice(['Kaffee 500g', 'Hafermilch 1L', 'Brot']), rng.randrange(1, 40)))
        return 'ean13,product,qty\n' + '\n'.join(out) + '\n'
    if kind == 'scanner-regex-src':
        return 'PATTERNS = {\n    "github": re.compile(r"gh[pousr]_[A-Za-z0-9]{36}"),\n    "aws": re.compile(r"AKIA[0-9A-Z]{16}"),\n    "stripe": re.compile(r"sk_live_[0-9a-zA-Z]{24,99}"),\n    "slack": re.compile(r"xox[baprs]-[0-9A-Za-z-]{10,48}"),\n}\n'
    if kind == 'pgp-signature':
        b = base64.b64encode(b'\x89\x02\x33\x04\x00\x01\x08\x00\x1d' + rbytes(520)).decode()
        return '-----BEGIN PGP SIGNATURE-----\n\n' + '\n'.join(b[i:i+64] for i in range(0, len(b), 64)) + '\n=' + rs(4, B64C) + '\n-----END PGP SIGNATURE-----\n'
    if kind == 'known-hosts':
        return '\n'.join('|1|%s|%s ssh-ed25519 %s' % (base64.b64encode(rbytes(20)).decode(), base64.b64encode(rbytes(20)).decode(), base64.b64encode(b'\x00\x00\x00\x0bssh-ed25519\x00\x00\x00\x20' + rbytes(32)).decode()) for _ in range(3)) + '\n'
    if kind == 'snowflake-ids':
        return json.dumps({"messages": [{"id": str((1796000000000 - 1420070400000 + rng.randrange(10**9)) << 22 | rng.getrandbits(22)), "channel_id": str(rng.getrandbits(60)), "content": "deploy finished"} for _ in range(3)]})
    if kind == 'company-contact':
        return 'Acme Corp Support\n500 Market Street, Suite 200, San Francisco, CA 94105\nsupport@acme.io | +1 (800) 555-0199\nHours: Mon-Fri 9am-5pm PT\n'
    if kind == 'famous-examples':
        return rng.choice(['JWT example from jwt.io docs: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c\n',
                           'Token format (docs): ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx, xoxb-XXXXXXXXXXX-XXXXXXXXXXXXX-XXXXXXXXXXXXXXXXXXXXXXXX, AIzaSyXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\n',
                           'ssn: "XXX-XX-XXXX"  # redacted by export job\ncard: "XXXX-XXXX-XXXX-1881"\niban: "DE** **** **** **** **** 00"\n'])
    if kind == 'sensitive-markers':
        return 'Terraform will perform the following actions:\n  # aws_db_instance.main will be updated in-place\n  ~ resource "aws_db_instance" "main" {\n      ~ password = (sensitive value)\n        username = "admin"\n    }\nPlan: 0 to add, 1 to change, 0 to destroy.\n'
    if kind == 'redacted-config':
        return rng.choice(['db:\n  host: pg.internal\n  user: app\n  password: "********"\napi_key: "[REDACTED]"\nclient_secret: <redacted>\n',
                           'env:\n  AWS_ACCESS_KEY_ID: ${{ secrets.AWS_ACCESS_KEY_ID }}\n  AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}\n  NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n',
                           'password: changeme  # default for the local docker-compose only, rotated in prod via vault\nsecret_key: "{{ lookup(\'hashi_vault\', \'secret=kv/app:key\') }}"\n'])
    if kind == 'entropy-assignments':
        return 'build_id = "%s"\ncommit_sha = "%s"\ncache_key = "%s"\nintegrity = "sha512-%s"\nbundle_checksum = "%s"\n' % (
            rs(24), rbytes(20).hex(), base64.urlsafe_b64encode(rbytes(30)).decode(), base64.b64encode(rbytes(64)).decode(), rbytes(32).hex())
    raise KeyError(kind)
NEG_KINDS = ['redacted-config', 'entropy-assignments', 'famous-examples', 'sensitive-markers', 'imei-inventory', 'luhn-order-ids', 'example-iban-docs', 'ean-barcodes', 'scanner-regex-src', 'pgp-signature', 'known-hosts', 'snowflake-ids', 'company-contact', 'buildlog', 'prose', 'config-placeholder', 'docs-example', 'public-cert', 'public-key', 'hashes', 'gitlog', 'telemetry', 'order-ids', 'env-refs', 'masked', 'k8s-config', 'invalid-ssn']

# ---------------------------------------------------------------- layers: bytes -> bytes; BIN marks binary outputs
def T(f): return lambda b: f(b.decode('utf-8')).encode('utf-8')
def pct(s, n):
    for _ in range(n): s = urllib.parse.quote(s, safe='')
    return s
def html_named(s): return html.escape(s, quote=True).replace('\n', '&#10;').replace(':', '&colon;').replace('=', '&equals;').replace('/', '&sol;').replace('.', '&period;')
def gz(b): return gzip.compress(b, mtime=0)
def deflate(b): c = zlib.compressobj(9, zlib.DEFLATED, -15); return c.compress(b) + c.flush()
def mkzip(b):
    bio = io.BytesIO()
    with zipfile.ZipFile(bio, 'w', zipfile.ZIP_DEFLATED) as z:
        zi = zipfile.ZipInfo('config/.env', date_time=(2026, 1, 1, 0, 0, 0)); zi.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(zipfile.ZipInfo('README.txt', date_time=(2026, 1, 1, 0, 0, 0)), b'deployment bundle\n')
        z.writestr(zi, b)
    return bio.getvalue()
def mktgz(b):
    bio = io.BytesIO()
    with tarfile.open(fileobj=bio, mode='w', format=tarfile.USTAR_FORMAT) as t:
        for name, data in (('bundle/NOTES.md', b'# notes\n'), ('bundle/secrets.env', b)):
            ti = tarfile.TarInfo(name); ti.size = len(data); ti.mtime = 0; ti.uname = ti.gname = 'root'
            t.addfile(ti, io.BytesIO(data))
    return gzip.compress(bio.getvalue(), mtime=0)
def jwt_wrap(s):
    h = base64.urlsafe_b64encode(b'{"alg":"HS256","typ":"JWT"}').rstrip(b'=').decode()
    p = base64.urlsafe_b64encode(json.dumps({"sub": "agent-7", "ctx": s}).encode()).rstrip(b'=').decode()
    return h + '.' + p + '.' + rs(43, URLC)
def mime_multi(s):
    return ('MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b1_%s"\r\n\r\n--b1_%s\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSee attached.\r\n--b1_%s\r\nContent-Type: text/plain; name="creds.txt"\r\nContent-Disposition: attachment; filename="creds.txt"\r\n\r\n%s\r\n--b1_%s--\r\n') % ((rs(12),) * 3 + (s,) + (rs(12),)) if False else \
        (lambda b: f'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b1_{b}"\r\n\r\n--b1_{b}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSee attached.\r\n--b1_{b}\r\nContent-Type: text/plain; name="creds.txt"\r\nContent-Disposition: attachment; filename="creds.txt"\r\n\r\n{s}\r\n--b1_{b}--\r\n')(rs(12))
def yaml_b64(s):
    b = base64.b64encode(s.encode()).decode()
    return 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-secrets\ntype: Opaque\ndata:\n  payload: |\n' + '\n'.join('    ' + b[i:i+64] for i in range(0, len(b), 64)) + '\n'
def csv_cell(s): return 'id,filename,content,updated\n%d,notes.txt,"%s",2026-11-30\n' % (rng.randrange(1000), s.replace('"', '""'))
def cdata(s): return '<?xml version="1.0"?>\n<export><item id="%d"><body><![CDATA[%s]]></body></item></export>\n' % (rng.randrange(100), s)
def xml_esc(s): return '<config><entry key="blob">%s</entry></config>' % html.escape(s, quote=False)
def lit_x(s): return 'data = b"' + ''.join('\\x%02x' % c for c in s.encode()) + '"\n'
def lit_oct(s): return 'char blob[] = "' + ''.join('\\%03o' % c for c in s.encode()) + '";\n'
def lit_u(s): return 'const blob = "' + ''.join('\\u%04x' % ord(c) for c in s) + '";\n'
def lit_rust(s): return 'let blob = "' + ''.join('\\u{%x}' % ord(c) for c in s) + '";\n'
def lit_java(s): return 'String blob = "' + s.replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n') + '";\n'
def go_split(s):
    parts = [s[i:i+12] for i in range(0, len(s), 12)]
    return 'var blob = ' + ' +\n\t'.join(json.dumps(p) for p in parts) + '\n'
def pyrepr_bytes(b): return ('payload = ' + repr(b) + '\n').encode()
def atob(s): return f'const cfg = atob("{s}");\n'
def buffer_from(s): return f'const cfg = Buffer.from("{s}", "base64").toString("utf8");\n'
def shell_b64d(s): return f'echo {s} | base64 -d > /tmp/.env && source /tmp/.env\n'
def shell_heredoc(s): return f'base64 -d <<EOF > ~/.config/app/credentials\n{s}\nEOF\n'
def ps_frombase64(s): return f'$cfg = [System.Text.Encoding]::UTF8.GetString([Convert]::FromBase64String("{s}"))\n'
def ps_encoded(b): return ('powershell.exe -NoProfile -EncodedCommand ' + base64.b64encode(("$cfg = @'\n" + b.decode() + "\n'@; Set-Content C:\\app\\.env $cfg").encode('utf-16le')).decode() + '\n').encode()
def url_in_url(s):
    inner = 'https://sso.acme.io/callback?state=%s&data=%s' % (rs(16), urllib.parse.quote(s, safe=''))
    return 'https://app.acme.io/login?redirect_uri=%s&client_id=web' % urllib.parse.quote(inner, safe='')
def cookie_b64json(s): return 'session=' + base64.b64encode(json.dumps({"uid": rng.randrange(10**6), "prefs": {"theme": "dark"}, "note": s}).encode()).decode() + '; Path=/; HttpOnly'
def protobufish(b):
    def fld(no, data): 
        n = len(data); v = b''
        while True:
            x = n & 0x7f; n >>= 7
            v += bytes([x | (0x80 if n else 0)])
            if not n: break
        return bytes([(no << 3) | 2]) + v + data
    return b'\x08' + bytes([rng.randrange(1, 127)]) + fld(2, b'agent-sync') + fld(3, b) + b'\x20\x01'
def msgpackish(b):
    def s8(x): return (b'\xd9' + bytes([len(x)]) + x) if len(x) < 256 else (b'\xda' + len(x).to_bytes(2, 'big') + x)
    return b'\x83' + s8(b'kind') + s8(b'file') + s8(b'path') + s8(b'/srv/app/.env') + s8(b'data') + s8(b)
def xor_b64key(b):
    k = rbytes(4); return k + bytes(c ^ k[i % 4] for i, c in enumerate(b))
def qp(b): return quopri.encodestring(b, quotetabs=True)
def mime_b64(b): return base64.encodebytes(b).replace(b'\n', b'\r\n')
def hexsep(b): return ':'.join('%02x' % c for c in b).encode()
def hexsp(b): return ' '.join('%02X' % c for c in b).encode()

LAYERS = {
    'b64': (base64.b64encode, False), 'b64url': (base64.urlsafe_b64encode, False), 'b64nopad': (lambda b: base64.b64encode(b).rstrip(b'='), False),
    'b64mime': (mime_b64, False), 'hex': (lambda b: b.hex().encode(), False), 'HEX': (lambda b: b.hex().upper().encode(), False),
    'hex-colon': (hexsep, False), 'hex-space': (hexsp, False),
    'pct': (T(lambda s: pct(s, 1)), False), 'pct2': (T(lambda s: pct(s, 2)), False), 'pct3': (T(lambda s: pct(s, 3)), False),
    'form': (T(lambda s: urllib.parse.quote_plus(s)), False), 'json-esc': (T(lambda s: json.dumps(s)[1:-1]), False),
    'json-doc': (T(lambda s: json.dumps({"path": "/workspace/deploy/notes.txt", "encoding": "utf-8", "content": s})), False),
    'uesc': (T(lambda s: ''.join('\\u%04x' % ord(c) for c in s)), False),
    'html-named': (T(html_named), False), 'html-dec': (T(lambda s: ''.join('&#%d;' % ord(c) for c in s)), False),
    'html-hex': (T(lambda s: ''.join('&#x%x;' % ord(c) for c in s)), False), 'qp': (qp, False),
    'gzip': (gz, True), 'zlib': (zlib.compress, True), 'deflate': (deflate, True), 'bzip2': (bz2.compress, True), 'xz': (lzma.compress, True),
    'zip': (mkzip, True), 'tgz': (mktgz, True), 'utf16le': (lambda b: b.decode().encode('utf-16le'), True),
    'dataurl': (lambda b: b'data:text/plain;base64,' + base64.b64encode(b), False), 'dataurl-gz': (lambda b: b'data:application/gzip;base64,' + base64.b64encode(b), False),
    'jwt': (T(jwt_wrap), False), 'mime-multi': (T(mime_multi), False), 'yaml-b64': (T(yaml_b64), False), 'csv': (T(csv_cell), False),
    'cdata': (T(cdata), False), 'xml-esc': (T(xml_esc), False), 'lit-x': (T(lit_x), False), 'lit-oct': (T(lit_oct), False), 'lit-u': (T(lit_u), False),
    'lit-rust': (T(lit_rust), False), 'lit-java': (T(lit_java), False), 'go-split': (T(go_split), False), 'pyrepr': (pyrepr_bytes, False),
    'atob': (T(atob), False), 'buffer-from': (T(buffer_from), False), 'sh-b64d': (T(shell_b64d), False), 'sh-heredoc': (T(shell_heredoc), False),
    'ps-b64': (T(ps_frombase64), False), 'ps-enc': (ps_encoded, False), 'url-in-url': (T(url_in_url), False), 'cookie': (T(cookie_b64json), False),
    'proto': (protobufish, True), 'msgpack': (msgpackish, True), 'xor': (xor_b64key, True), 'rot13': (T(lambda s: codecs.encode(s, 'rot13')), False),
    'reverse': (T(lambda s: s[::-1]), False),
    'b32': (base64.b32encode, False), 'b85': (base64.b85encode, False), 'uu': (lambda b: b''.join(binascii.b2a_uu(b[i:i+45]) for i in range(0, len(b), 45)), False),
    'json-slash': (T(lambda s: json.dumps(s)[1:-1].replace('/', '\\/')), False),
    'xxd': (lambda b: xxd(b).encode(), False),
    'cat-n': (T(lambda s: ''.join('%6d\t%s\n' % (i + 1, l) for i, l in enumerate(s.rstrip('\n').split('\n')))), False),
    'diff-plus': (T(lambda s: 'diff --git a/deploy/blob.b64 b/deploy/blob.b64\nnew file mode 100644\n--- /dev/null\n+++ b/deploy/blob.b64\n@@ -0,0 +1,%d @@\n' % len(s.rstrip('\n').split('\n')) + ''.join('+' + l + '\n' for l in s.rstrip('\n').split('\n'))), False),
    'md-quote': (T(lambda s: 'On Mon, Nov 30, 2026 ops-bot wrote:\n' + ''.join('> ' + l + '\n' for l in s.rstrip('\n').split('\n'))), False),
    'b64-chunks': (lambda b: json.dumps({"upload_id": rs(12), "encoding": "base64", "chunks": [base64.b64encode(b).decode()[i:i+40] for i in range(0, len(base64.b64encode(b)), 40)]}).encode(), False),
    'url-frag': (T(lambda s: 'https://app.acme.io/oauth/callback?client_id=web#state=%s&note=%s&token_type=bearer' % (rs(12), urllib.parse.quote(s, safe=''))), False), 'charcodes': (lambda b: ('const s = String.fromCharCode(' + ','.join(str(c) for c in b) + ');\n').encode(), False),
    'go-bytes': (lambda b: ('var asset = []byte{' + ', '.join('0x%02x' % c for c in b) + '}\n').encode(), False),
    'java-bytes': (lambda b: ('byte[] blob = new byte[]{' + ','.join(str(c - 256 if c > 127 else c) for c in b) + '};\n').encode(), False),
    'pct-all': (lambda b: ''.join('%%%02X' % c for c in b).encode(), False),
    'yaml-binary': (lambda b: ('kind: blob\npayload: !!binary |\n' + '\n'.join('  ' + base64.b64encode(b).decode()[i:i+60] for i in range(0, len(base64.b64encode(b)), 60)) + '\n').encode(), False),
    'sql-hex': (lambda b: ("INSERT INTO app_settings (name, value) VALUES ('bundle', 0x" + b.hex().upper() + ");\n").encode(), False),
    'pg-bytea': (lambda b: ("COPY public.blobs (id, data) FROM stdin;\n1\t\\\\x" + b.hex() + "\n\\.\n").encode(), False),
}
def xxd(b):
    out = []
    for i in range(0, len(b), 16):
        ch = b[i:i+16]
        hx = ' '.join(ch[j:j+2].hex() for j in range(0, len(ch), 2))
        out.append('%08x: %-40s %s' % (i, hx, ''.join(chr(c) if 32 <= c < 127 else '.' for c in ch)))
    return '\n'.join(out) + '\n'

# layers that are not counted as "encoding" depth but still wrappers -- all count; ciphers are arguable
CIPHER = {'xor', 'rot13', 'reverse'}

def apply_chain(text, chain):
    b = text.encode('utf-8'); binary = False
    for name in chain:
        f, isbin = LAYERS[name]
        b = f(b); binary = isbin
    assert not binary, chain
    return b.decode('utf-8')

CHAINS = [s.split('>') for s in '''
b64
b64url
b64nopad
b64mime
hex
HEX
hex-colon
pct
pct2
pct3
form
json-esc>json-esc
json-doc>json-esc>json-esc
uesc
html-named
html-dec
html-hex
qp
gzip>b64
zlib>b64
deflate>b64
bzip2>b64
xz>b64
zip>b64
tgz>b64
gzip>b64>json-esc
gzip>b64>json-esc>pct
zlib>b64url>pct2
b64>b64
b64>json-doc>b64
b64>hex
hex>b64
dataurl
gzip>dataurl-gz
jwt
mime-multi>b64
mime-multi>b64mime>json-esc
cdata>json-esc
xml-esc>json-doc
yaml-b64
yaml-b64>json-esc>json-esc
csv
csv>b64
lit-x
lit-oct
lit-u
lit-rust
lit-java
go-split
gzip>pyrepr
pyrepr
b64>atob
b64>buffer-from
gzip>b64>buffer-from
b64>sh-b64d
b64mime>sh-heredoc
b64>ps-b64
ps-enc
url-in-url
b64>url-in-url
cookie
cookie>pct
proto>b64
msgpack>b64
utf16le>b64
utf16le>hex
b64>html-hex
json-esc>uesc
qp>b64
gzip>b64>json-doc>b64>json-esc
zip>b64>json-doc>gzip>b64
tgz>b64>yaml-b64>json-esc>pct
b64>pct>b64>json-esc>pct>html-dec
gzip>b64>json-esc>json-doc>b64url>pct
xz>b64mime>cdata>json-esc>b64>json-esc
rot13
xor>b64
reverse>b64
bzip2>hex>json-doc>b64
json-doc>json-esc>json-esc>json-esc
b32
gzip>b85
uu
json-slash
zlib>b64>json-slash>pct
b64>qp
html-named>json-esc>json-esc
hex>json-esc>json-esc
deflate>b64url>url-in-url
b64>cdata>json-esc
xxd
gzip>xxd
charcodes
b64>charcodes
go-bytes
gzip>go-bytes
java-bytes
pct-all
pct-all>json-esc
yaml-binary
sql-hex
zlib>sql-hex
pg-bytea
gzip>pg-bytea
cat-n
b64mime>cat-n
gzip>b64mime>cat-n
yaml-b64>cat-n
b64mime>diff-plus
b64mime>md-quote
gzip>b64-chunks
url-frag
'''.split()]

# ---------------------------------------------------------------- envelopes (where agents put things)
ANTH = 'https://api.anthropic.com/v1/messages'
OAI = 'https://api.openai.com/v1/chat/completions'
RESP = 'https://api.openai.com/v1/responses'
TOOLS = ['read_file', 'bash', 'fetch_url', 'search_files', 'get_secret_blob', 'kubectl']
def tid(): return 'toolu_' + rs(24)
def env_body(place, s, cap):
    tool = rng.choice(TOOLS); model = rng.choice(['claude-sonnet-4-5', 'claude-opus-4-1'])
    if place == 'anth-text':
        return ANTH, 'application/json', json.dumps({"model": model, "max_tokens": 1024, "messages": [{"role": "user", "content": f"{cap}\n\n{s}\n\nCan you tell me what this is?"}]})
    if place == 'anth-tool-result':
        i = tid()
        return ANTH, 'application/json', json.dumps({"model": model, "max_tokens": 2048, "tools": [{"name": tool, "description": "tool", "input_schema": {"type": "object"}}], "messages": [
            {"role": "user", "content": "Check the deploy bundle for problems."},
            {"role": "assistant", "content": [{"type": "text", "text": "Reading it."}, {"type": "tool_use", "id": i, "name": tool, "input": {"path": "deploy/bundle.txt"}}]},
            {"role": "user", "content": [{"type": "tool_result", "tool_use_id": i, "content": [{"type": "text", "text": s}]}]}]})
    if place == 'anth-tool-use':
        i = tid()
        return ANTH, 'application/json', json.dumps({"model": model, "max_tokens": 1024, "messages": [
            {"role": "user", "content": "write the config"},
            {"role": "assistant", "content": [{"type": "tool_use", "id": i, "name": "write_file", "input": {"path": "/srv/app/blob.txt", "content": s}}]},
            {"role": "user", "content": [{"type": "tool_result", "tool_use_id": i, "content": "ok"}]}]})
    if place == 'oai-user':
        return OAI, 'application/json', json.dumps({"model": "gpt-4o", "messages": [{"role": "system", "content": "You are a coding agent."}, {"role": "user", "content": cap + "\n" + s}]})
    if place == 'oai-tool-args':
        c = 'call_' + rs(24)
        return OAI, 'application/json', json.dumps({"model": "gpt-4o", "messages": [{"role": "user", "content": "save it"},
            {"role": "assistant", "content": None, "tool_calls": [{"id": c, "type": "function", "function": {"name": "write_file", "arguments": json.dumps({"path": "out/blob.txt", "content": s})}}]},
            {"role": "tool", "tool_call_id": c, "content": "written"}]})
    if place == 'oai-tool-result':
        c = 'call_' + rs(24)
        return OAI, 'application/json', json.dumps({"model": "gpt-4.1", "messages": [{"role": "user", "content": "what is in the artifact?"},
            {"role": "assistant", "content": None, "tool_calls": [{"id": c, "type": "function", "function": {"name": tool, "arguments": "{\"path\":\"artifact.txt\"}"}}]},
            {"role": "tool", "tool_call_id": c, "content": s}]})
    if place == 'oai-responses':
        c = 'call_' + rs(24)
        return RESP, 'application/json', json.dumps({"model": "gpt-4.1", "input": [{"role": "user", "content": "decode the blob"},
            {"type": "function_call", "call_id": c, "name": tool, "arguments": "{}"}, {"type": "function_call_output", "call_id": c, "output": s}]})
    if place == 'mcp-call':
        return 'https://mcp.tools-hub.dev/mcp', 'application/json', json.dumps({"jsonrpc": "2.0", "id": rng.randrange(1000), "method": "tools/call", "params": {"name": "store_note", "arguments": {"title": "bundle", "body": s}}})
    if place == 'gemini':
        return 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:generateContent', 'application/json', json.dumps({"contents": [{"role": "user", "parts": [{"text": cap}, {"text": s}]}]})
    if place == 'form':
        return 'https://paste.devbin.io/api/create', 'application/x-www-form-urlencoded', 'title=notes&lang=text&content=' + urllib.parse.quote_plus(s)
    if place == 'put-raw':
        return 'https://uploads.filedrop.cc/v2/blob/' + rs(10), 'text/plain; charset=utf-8', s
    if place == 'multipart':
        bd = '----agent' + rs(16)
        body = f'--{bd}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nassistants\r\n--{bd}\r\nContent-Disposition: form-data; name="file"; filename="bundle.txt"\r\nContent-Type: text/plain\r\n\r\n{s}\r\n--{bd}--\r\n'
        return 'https://api.openai.com/v1/files', 'multipart/form-data; boundary=' + bd, body
    raise KeyError(place)
PLACES_BODY = ['anth-text', 'anth-tool-result', 'anth-tool-use', 'oai-user', 'oai-tool-args', 'oai-tool-result', 'oai-responses', 'mcp-call', 'gemini', 'form', 'put-raw', 'multipart']
CAPS = ['I found this in the repo, decode it:', 'Output of the previous step:', 'Here is the blob from the ticket:', 'Log attachment follows.', 'Contents of the artifact:']

cases = []
os.makedirs(os.path.join(HERE, 'cases'), exist_ok=True)
def add_inline(cid, target, ctype, body, expect, tags, extra_headers=None):
    h = {"Content-Type": ctype}
    if extra_headers: h.update(extra_headers)
    cases.append({"id": cid, "target": target, "headers": h, "body": body, "expect": expect, "tags": tags})
def add_raw(cid, method, target, headers, body, expect, tags):
    u = urllib.parse.urlsplit(target)
    lines = [f'{method} {target} HTTP/1.1', f'Host: {u.netloc}'] + [f'{k}: {v}' for k, v in headers] + [f'Content-Length: {len(body)}']
    data = ('\r\n'.join(lines) + '\r\n\r\n').encode() + body
    with open(os.path.join(HERE, 'cases', cid + '.http'), 'wb') as f: f.write(data)
    cases.append({"id": cid, "request": f'cases/{cid}.http', "expect": expect, "tags": tags})

def place_case(cid, s, place, expect, tags):
    cap = rng.choice(CAPS)
    if place == 'url-query':
        q = urllib.parse.quote(s, safe='')
        add_raw(cid, 'GET', f'https://collect.metrics-relay.net/v1/ingest?src=agent&blob={q}', [('User-Agent', 'agent-runtime/1.4')], b'', expect, tags)
    elif place == 'header':
        add_inline(cid, ANTH, 'application/json', json.dumps({"model": "claude-sonnet-4-5", "max_tokens": 256, "messages": [{"role": "user", "content": "ping"}]}), expect, tags,
                   {"X-Agent-Context": s})
    elif place == 'body-gzip':
        t, ct, body = env_body(rng.choice(['anth-tool-result', 'oai-tool-result', 'mcp-call']), s, cap)
        add_raw(cid, 'POST', t, [('Content-Type', ct), ('Content-Encoding', 'gzip')], gzip.compress(body.encode(), mtime=0), expect, tags)
    else:
        t, ct, body = env_body(place, s, cap)
        add_inline(cid, t, ct, body, expect, tags)

def pick_place(s, k):
    opts = PLACES_BODY + ['url-query', 'body-gzip'] + (['header'] if '\n' not in s and '\r' not in s and len(s) < 6000 else [])
    return opts[k % len(opts)]

def chain_tags(chain):
    t = ['chain:' + '>'.join(chain), 'depth:%d' % len(chain)] + sorted({'layer:' + x for x in chain})
    return t

# ---------------------------------------------------------------- positives
pos_n = 0
kidx = 0; pidx = 0
for ci, chain in enumerate(CHAINS):
    per = 4
    for j in range(per):
        kind = KINDS[kidx % len(KINDS)]; kidx += 1
        text, cat = payload(kind)
        s = apply_chain(text, chain)
        place = pick_place(s, pidx); pidx += 5 if j % 2 else 3
        tags = ['class:' + kind, 'shape:v%d' % LAST_V] + chain_tags(chain) + ['place:' + place]
        if ({'b85', 'uu', 'charcodes', 'java-bytes', 'b64-chunks'} & set(chain)): tags.append('arguable')
        if len(chain) >= 6 or (CIPHER & set(chain)): tags.append('arguable')
        pos_n += 1
        cats = [cat] + (['credential'] if 'jwt' in chain and cat != 'credential' else [])
        place_case(f'pos-{pos_n:04d}-{kind}', s, place, {"categories": cats}, tags)

# ---------------------------------------------------------------- negatives: same wrappings around harmless content
neg_n = 0
nidx = 0; pidx = 1
for ci, chain in enumerate(CHAINS):
    if 'jwt' in chain: continue
    for j in range(3 if ci % 3 == 0 else 2):
        kind = NEG_KINDS[nidx % len(NEG_KINDS)]; nidx += 1
        s = apply_chain(neg_content(kind), chain)
        place = pick_place(s, pidx); pidx += 7
        tags = ['neg:' + kind] + chain_tags(chain) + ['place:' + place]
        if kind in ('docs-example', 'famous-examples', 'imei-inventory', 'luhn-order-ids', 'example-iban-docs', 'company-contact'): tags.append('arguable')
        neg_n += 1
        place_case(f'neg-{neg_n:04d}-{kind}', s, place, {}, tags)

# ---------------------------------------------------------------- negatives: random-looking harmless blobs
def png_bytes(w=24, h=24):
    raw = b''.join(b'\x00' + bytes(rng.randrange(256) for _ in range(w * 3)) for _ in range(h))
    def chunk(t, d): return len(d).to_bytes(4, 'big') + t + d + zlib.crc32(t + d).to_bytes(4, 'big')
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', w.to_bytes(4, 'big') + h.to_bytes(4, 'big') + b'\x08\x02\x00\x00\x00') + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b'')
def blob_neg(kind):
    """return (place-or-None, text, extra tags)"""
    if kind == 'png-image':
        return 'anth-image', base64.b64encode(png_bytes()).decode(), ['fmt:b64']
    if kind == 'aes-gcm':
        return None, json.dumps({"alg": "A256GCM", "iv": base64.b64encode(rbytes(12)).decode(), "ciphertext": base64.b64encode(rbytes(rng.randrange(60, 400))).decode(), "tag": base64.b64encode(rbytes(16)).decode(), "kid": "kms-key-2026-03"}), ['fmt:b64']
    if kind == 'sops-enc':
        return None, 'db_password: ENC[AES256_GCM,data:%s,iv:%s,tag:%s,type:str]\nsops:\n    kms:\n        - arn: arn:aws:kms:us-east-1:111122223333:key/%s\n' % (base64.b64encode(rbytes(18)).decode(), base64.b64encode(rbytes(12)).decode(), base64.b64encode(rbytes(16)).decode(), '%08x-%04x-%04x-%04x-%012x' % (rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(16), rng.getrandbits(16), rng.getrandbits(48))), ['fmt:yaml']
    if kind == 'signature':
        return None, json.dumps({"payload_sha256": rbytes(32).hex(), "sig_ed25519": base64.b64encode(rbytes(64)).decode(), "pubkey": base64.b64encode(rbytes(32)).decode(), "nonce": rbytes(12).hex()}), ['fmt:b64']
    if kind == 'sri':
        return None, '\n'.join(f'<script src="https://cdn.jsdelivr.net/npm/lib{i}@{rng.randrange(1, 9)}.{rng.randrange(20)}.0/dist/lib.min.js" integrity="sha384-{base64.b64encode(rbytes(48)).decode()}" crossorigin="anonymous"></script>' for i in range(3)), ['fmt:html']
    if kind == 'lockfile':
        return None, json.dumps({"name": "web", "lockfileVersion": 3, "packages": {f"node_modules/pkg-{i}": {"version": f"1.{i}.0", "resolved": f"https://registry.npmjs.org/pkg-{i}/-/pkg-{i}-1.{i}.0.tgz", "integrity": "sha512-" + base64.b64encode(rbytes(64)).decode()} for i in range(5)}}, indent=2), ['fmt:json']
    if kind == 'sourcemap':
        segs = ','.join(rs(rng.randrange(4, 8), 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') for _ in range(120))
        return None, json.dumps({"version": 3, "file": "app.min.js", "sources": ["src/app.ts", "src/util.ts"], "names": ["render", "state", "e", "t"], "mappings": segs + ';' + segs[:200],
                                 "sourcesContent": ["export function render(state) { return `<div>${state.title}</div>`; }\n"]}), ['fmt:json']
    if kind == 'minified-js':
        tbl = ','.join('"%s"' % rs(rng.randrange(20, 60), URLC) for _ in range(25))
        return None, 'var _0x3f2a=[' + tbl + '];(function(a,b){var c=function(d){while(--d){a.push(a.shift());}};c(++b);}(_0x3f2a,0x1b3));function _0x41(i){return _0x3f2a[i-0x0];}', ['fmt:js']
    if kind == 'protobuf-metrics':
        b = b''.join(b'\x0a' + bytes([len(n)]) + n + b'\x11' + rbytes(8) for n in [b'http_requests_total', b'cpu_seconds', b'queue_depth', b'gc_pause_ms'])
        return None, json.dumps({"resourceMetrics": base64.b64encode(b * 3).decode(), "encoding": "protobuf"}), ['fmt:b64']
    if kind == 'wasm':
        return None, 'const wasm = Uint8Array.from(atob("' + base64.b64encode(b'\x00asm\x01\x00\x00\x00' + rbytes(600)).decode() + '"), c => c.charCodeAt(0));', ['fmt:js']
    if kind == 'gzip-log':
        return None, base64.b64encode(gzip.compress(neg_content('buildlog').encode(), mtime=0)).decode(), ['fmt:b64']
    if kind == 'docker-digests':
        return None, '\n'.join(f'ghcr.io/acme/{n}@sha256:{rbytes(32).hex()}' for n in ['api', 'worker', 'web', 'cron']), ['fmt:text']
    if kind == 'ids':
        return None, json.dumps({"s3_upload_id": rs(80, URLC), "etag": '"' + rbytes(16).hex() + '-12"', "x_amz_request_id": rs(16, 'ABCDEF0123456789'), "x_amz_id_2": base64.b64encode(rbytes(54)).decode(), "cf_ray": rbytes(8).hex() + '-FRA'}), ['fmt:json']
    if kind == 'webauthn':
        return None, json.dumps({"id": base64.urlsafe_b64encode(rbytes(32)).rstrip(b'=').decode(), "type": "public-key", "response": {"clientDataJSON": base64.urlsafe_b64encode(json.dumps({"type": "webauthn.get", "challenge": base64.urlsafe_b64encode(rbytes(32)).rstrip(b'=').decode(), "origin": "https://app.acme.io"}).encode()).rstrip(b'=').decode(), "authenticatorData": base64.urlsafe_b64encode(rbytes(37)).rstrip(b'=').decode(), "signature": base64.urlsafe_b64encode(rbytes(72)).rstrip(b'=').decode()}}), ['fmt:b64url']
    if kind == 'font-dataurl':
        return None, '@font-face{font-family:"Inter";src:url(data:font/woff2;base64,' + base64.b64encode(b'wOF2' + rbytes(900)).decode() + ') format("woff2")}', ['fmt:css']
    if kind == 'pgp-pub':
        b = base64.b64encode(b'\x99\x01\x0d\x04' + rbytes(400)).decode()
        return None, '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n' + '\n'.join(b[i:i+64] for i in range(0, len(b), 64)) + '\n=' + rs(4, B64C) + '\n-----END PGP PUBLIC KEY BLOCK-----\n', ['fmt:pem']
    if kind == 'csrf-nonce':
        return None, '<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="' + rs(64) + '"><script nonce="' + base64.b64encode(rbytes(16)).decode() + '"></script></form>', ['fmt:html']
    if kind == 'vault-wrapped':
        return None, '$ANSIBLE_VAULT;1.1;AES256\n' + '\n'.join(rbytes(40).hex() for _ in range(8)) + '\n', ['fmt:text']
    if kind == 'age-enc':
        b = base64.b64encode(rbytes(300)).decode()
        return None, '-----BEGIN AGE ENCRYPTED FILE-----\n' + '\n'.join(b[i:i+64] for i in range(0, len(b), 64)) + '\n-----END AGE ENCRYPTED FILE-----\n', ['fmt:pem']
    if kind == 'sealed-secret':
        return None, 'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: db\nspec:\n  encryptedData:\n    password: ' + base64.b64encode(rbytes(280)).decode() + '\n', ['fmt:yaml']
    if kind == 'jwks-public':
        return None, json.dumps({"keys": [{"kty": "RSA", "use": "sig", "kid": rs(16), "alg": "RS256", "e": "AQAB", "n": base64.urlsafe_b64encode(rbytes(256)).rstrip(b'=').decode()}]}), ['fmt:json']
    if kind == 'git-lfs':
        return None, 'version https://git-lfs.github.com/spec/v1\noid sha256:%s\nsize %d\n' % (rbytes(32).hex(), rng.randrange(10**4, 10**8)), ['fmt:text']
    if kind == 'stripe-public-ids':
        return None, json.dumps({"id": "ch_" + rs(24), "customer": "cus_" + rs(14), "payment_method": "pm_" + rs(24), "publishable_key": "pk_live_" + rs(24), "last4": "%04d" % rng.randrange(10000), "brand": "visa"}), ['fmt:json', 'arguable']
    if kind == 'test-card-docs':
        return None, 'Use the test card 4242 4242 4242 4242 with any future expiry and any CVC in test mode. For declines use 4000 0000 0000 0002.\n', ['fmt:text', 'arguable']
    if kind == 'uuid-list':
        return None, '\n'.join('%08x-%04x-4%03x-%04x-%012x' % (rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(12), 0x8000 | rng.getrandbits(14), rng.getrandbits(48)) for _ in range(10)), ['fmt:text']
    raise KeyError(kind)
BLOB_KINDS = ['png-image', 'aes-gcm', 'sops-enc', 'signature', 'sri', 'lockfile', 'sourcemap', 'minified-js', 'protobuf-metrics', 'wasm', 'gzip-log', 'docker-digests', 'ids', 'webauthn',
              'font-dataurl', 'pgp-pub', 'csrf-nonce', 'vault-wrapped', 'age-enc', 'sealed-secret', 'jwks-public', 'git-lfs', 'stripe-public-ids', 'test-card-docs', 'uuid-list']
BLOB_WRAPS = [[], ['json-esc'], ['b64'], ['gzip', 'b64'], ['json-doc', 'json-esc'], ['pct'], ['b64', 'json-esc']]
pidx = 2
for bi, kind in enumerate(BLOB_KINDS):
    for j in range(3):
        place, text, extra = blob_neg(kind)
        chain = BLOB_WRAPS[(bi + j * 3) % len(BLOB_WRAPS)] if place is None else []
        s = apply_chain(text, chain)
        neg_n += 1; cid = f'neg-{neg_n:04d}-{kind}'
        tags = ['neg:' + kind] + extra + ['chain:' + ('>'.join(chain) or 'none'), 'depth:%d' % len(chain)] + sorted({'layer:' + x for x in chain})
        if place == 'anth-image':
            tags.append('place:anth-image')
            add_inline(cid, ANTH, 'application/json', json.dumps({"model": "claude-sonnet-4-5", "max_tokens": 512, "messages": [{"role": "user", "content": [
                {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": s}}, {"type": "text", "text": "What does this chart show?"}]}]}), {}, tags)
        else:
            place = pick_place(s, pidx); pidx += 5
            tags.append('place:' + place)
            place_case(cid, s, place, {}, tags)


# ---------------------------------------------------------------- depth-0 controls: every payload kind and shape, unwrapped
ctl_n = 0
saved = rng.getstate()
for kind in KINDS:
    for v in range(3):
        # force variant v by re-drawing until payload() picks it (payload draws v first)
        while True:
            st = rng.getstate(); vv = rng.randrange(3); rng.setstate(st)
            if vv == v: break
            rng.randrange(7)
        text, cat = payload(kind)
        ctl_n += 1; pos_n += 1
        place = ['anth-tool-result', 'oai-tool-result', 'mcp-call'][v]
        place_case(f'pos-{pos_n:04d}-ctl-{kind}-v{v}', text, place, {"categories": [cat]}, ['class:' + kind, 'control', 'shape:v%d' % v, 'chain:none', 'depth:0', 'place:' + place])

# ---------------------------------------------------------------- realistic scenarios: how platforms really wrap data
def b64s(x): return base64.b64encode(x.encode() if isinstance(x, str) else x).decode()
def zipdoc(members):
    bio = io.BytesIO()
    with zipfile.ZipFile(bio, 'w', zipfile.ZIP_DEFLATED) as z:
        for n, d in members:
            zi = zipfile.ZipInfo(n, date_time=(2026, 1, 1, 0, 0, 0)); zi.compress_type = zipfile.ZIP_DEFLATED; z.writestr(zi, d)
    return bio.getvalue()
def xlsx(rows):
    strs = [c for r in rows for c in r]
    ss = '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d">' % len(strs) + ''.join('<si><t>%s</t></si>' % html.escape(c) for c in strs) + '</sst>'
    cols = 'ABCDEFGH'; k = 0; sheet = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    for ri, r in enumerate(rows):
        sheet += '<row r="%d">' % (ri + 1)
        for ci, c in enumerate(r): sheet += '<c r="%s%d" t="s"><v>%d</v></c>' % (cols[ci], ri + 1, k); k += 1
        sheet += '</row>'
    sheet += '</sheetData></worksheet>'
    return zipdoc([('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'),
                   ('xl/workbook.xml', '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Sheet1" sheetId="1"/></sheets></workbook>'),
                   ('xl/sharedStrings.xml', ss), ('xl/worksheets/sheet1.xml', sheet)])
def docx(paras):
    body = ''.join('<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % html.escape(p) for p in paras)
    return zipdoc([('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
                   ('word/document.xml', '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' + body + '</w:body></w:document>')])

def scen(kind_pos, neg):
    """return (scenario-name, chain-tag, depth, text, category or None, extra_tags, place or None)"""
    p = person()
    if kind_pos == 'k8s-secret-data':
        if neg: d = {"LOG_LEVEL": "info", "PUBLIC_URL": "https://shop.acme.io", "FEATURE_X": "true"}
        else:
            a, s = aws_pair(); d = {"AWS_ACCESS_KEY_ID": a, "AWS_SECRET_ACCESS_KEY": s, "STRIPE_KEY": 'sk_live_' + rs(24)}
        y = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\ntype: Opaque\ndata:\n' + ''.join(f'  {k}: {b64s(v)}\n' for k, v in d.items())
        return y, 'credential', 'k8s-secret>b64-values', 1
    if kind_pos == 'k8s-secret-data-db':
        if neg: v = 'postgres://app@localhost:5432/app'
        else: v = f'postgres://app_rw:{rs(20)}@pg-main.prod.svc:5432/app'
        y = json.dumps({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "db"}, "data": {"url": b64s(v), "sslmode": b64s("require")}})
        return y, 'credential', 'k8s-secret-json>b64-values', 1
    if kind_pos == 'docker-config':
        if neg: y = json.dumps({"auths": {"ghcr.io": {}}, "credsStore": "desktop", "currentContext": "default"}, indent=2)
        else: y = json.dumps({"auths": {"ghcr.io": {"auth": b64s('ci-bot:' + gh_token())}, "https://index.docker.io/v1/": {"auth": b64s('acmeci:' + rs(20))}}}, indent=2)
        return y, 'credential', 'docker-config>b64(user:token)', 1
    if kind_pos == 'basic-auth-npmrc':
        if neg: y = 'registry=https://registry.npmjs.org/\n//npm.pkg.github.com/:_authToken=${NODE_AUTH_TOKEN}\nalways-auth=true\n'
        else: y = 'registry=https://registry.npmjs.org/\n//nexus.acme.io/repository/npm/:_auth=' + b64s('deploy:' + rs(18)) + '\n//npm.pkg.github.com/:_authToken=' + gh_token() + '\n'
        return y, 'credential', 'npmrc>b64(user:pass)', 1
    if kind_pos == 'cloudwatch-logs':
        if neg: msgs = [f'GET /health 200 {rng.randrange(1, 30)}ms' for _ in range(5)]
        else: msgs = ['GET /health 200 3ms', f'DEBUG outbound call headers={{"Authorization": "Bearer {gh_token()}"}}', 'GET /health 200 4ms']
        inner = json.dumps({"messageType": "DATA_MESSAGE", "owner": "111122223333", "logGroup": "/aws/lambda/sync", "logEvents": [{"id": str(rng.randrange(10**20)), "timestamp": 1796000000000 + i, "message": m} for i, m in enumerate(msgs)]})
        return json.dumps({"awslogs": {"data": b64s(gzip.compress(inner.encode(), mtime=0))}}), 'credential', 'cwlogs>gzip>b64>json', 3
    if kind_pos == 'lambda-event':
        if neg: inner = json.dumps({"sku": "TSHIRT-L", "qty": 2, "coupon": None})
        else:
            n, b = card(); inner = json.dumps({"name": p['name'], "card": {"number": n, "exp": "09/29", "cvc": rs(3, '0123456789')}})
        return json.dumps({"resource": "/pay", "httpMethod": "POST", "headers": {"content-type": "application/json"}, "body": b64s(inner), "isBase64Encoded": True}), 'financial', 'lambda>b64>json', 2
    if kind_pos == 'pubsub-push':
        if neg: inner = json.dumps({"event": "page_view", "path": "/pricing", "ms": 231})
        else: inner = json.dumps({"event": "kyc_submitted", "applicant": {"name": p['name'], "ssn": ssn(), "dob": p['dob']}})
        return json.dumps({"message": {"data": b64s(inner), "messageId": str(rng.randrange(10**15)), "attributes": {"source": "kyc"}}, "subscription": "projects/acme/subscriptions/kyc-push"}), 'pii', 'pubsub>b64>json', 2
    if kind_pos == 'sns-sqs':
        if neg: inner = {"orderId": rs(10), "status": "SHIPPED"}
        else: inner = {"orderId": rs(10), "refund_to": {"iban": iban(), "holder": p['name']}}
        sns = json.dumps({"Type": "Notification", "MessageId": rs(36), "Message": json.dumps(inner), "Timestamp": "2026-11-30T10:00:00Z"})
        return json.dumps({"Records": [{"messageId": rs(36), "body": sns, "eventSource": "aws:sqs"}]}), 'financial', 'sqs>sns-json-str>json-str', 2
    if kind_pos == 'kinesis':
        if neg: inner = json.dumps({"metric": "latency", "p99": 412})
        else: inner = json.dumps({"user": p['name'], "email": p['email'], "phone": p['phone'], "address": p['addr'], "ssn": ssn()})
        return json.dumps({"Records": [{"kinesis": {"partitionKey": "1", "data": b64s(inner), "sequenceNumber": str(rng.randrange(10**20))}}]}), 'pii', 'kinesis>b64>json', 2
    if kind_pos == 'eml-attachment':
        if neg: csvt = 'sku,name,price\nA1,Widget,9.99\nA2,Gadget,19.99\n'
        else: csvt = 'name,ssn,dob\n' + ''.join(f'{person()["name"]},{ssn()},{p["dob"]}\n' for _ in range(3))
        b = b64s(csvt); b = '\r\n'.join(b[i:i+76] for i in range(0, len(b), 76))
        eml = f'From: hr-ops@acme.io\r\nTo: payroll@vendor.example\r\nSubject: export\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="XX"\r\n\r\n--XX\r\nContent-Type: text/plain\r\n\r\nattached\r\n--XX\r\nContent-Type: text/csv; name="export.csv"\r\nContent-Transfer-Encoding: base64\r\n\r\n{b}\r\n--XX--\r\n'
        return eml, 'pii', 'eml>mime>b64>csv', 3
    if kind_pos == 'har':
        if neg: body = json.dumps({"items": [{"id": i, "title": "Item %d" % i} for i in range(3)]})
        else: body = json.dumps({"access_token": 'sk-ant-api03-' + rs(93, URLC) + 'AA', "expires_in": 3600})
        return json.dumps({"log": {"version": "1.2", "entries": [{"request": {"method": "POST", "url": "https://internal.acme.io/oauth/token"}, "response": {"status": 200, "content": {"mimeType": "application/json", "encoding": "base64", "text": b64s(body)}}}]}}), 'credential', 'har>b64>json', 2
    if kind_pos == 'xlsx':
        if neg: rows = [['sku', 'name', 'price']] + [[rs(6).upper(), rng.choice(['Widget', 'Gadget', 'Doohickey']), '%d.99' % rng.randrange(100)] for _ in range(4)]
        else: rows = [['name', 'ssn', 'email']] + [[person()['name'], ssn(), person()['email']] for _ in range(4)]
        return b64s(xlsx(rows)), 'pii', 'xlsx(zip>xml)>b64', 3
    if kind_pos == 'docx':
        if neg: paras = ['Quarterly planning notes', 'Ship the checkout redesign by Q3.', 'Owner: platform team']
        else:
            n, _ = card(); paras = ['Expense reimbursement', f'Corporate card: {fmt_card(n)} exp 04/29', f'Employee: {p["name"]}']
        return b64s(docx(paras)), 'financial', 'docx(zip>xml)>b64', 3
    if kind_pos == 'saml':
        attrs = {"uid": "u-" + rs(8), "department": "Finance", "role": "viewer"} if neg else {"email": p['email'], "displayName": p['name'], "ssn": ssn(), "homeAddress": p['addr']}
        x = '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"><saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"><saml:AttributeStatement>' + ''.join(f'<saml:Attribute Name="{k}"><saml:AttributeValue>{html.escape(v)}</saml:AttributeValue></saml:Attribute>' for k, v in attrs.items()) + '</saml:AttributeStatement></saml:Assertion></samlp:Response>'
        return 'SAMLResponse=' + urllib.parse.quote_plus(b64s(x)) + '&RelayState=' + rs(12), 'pii', 'form>b64>saml-xml', 3
    if kind_pos == 'tfstate':
        if neg: res = {"type": "aws_s3_bucket", "name": "logs", "instances": [{"attributes": {"bucket": "acme-logs", "region": "us-east-1"}}]}
        else: res = {"type": "aws_db_instance", "name": "main", "instances": [{"attributes": {"username": "admin", "password": rs(22), "endpoint": "main.c9x.us-east-1.rds.amazonaws.com:5432"}}, {"attributes": {"id": aws_pair()[0], "secret": aws_pair()[1]}}]}
        st = json.dumps({"version": 4, "terraform_version": "1.9.5", "resources": [res]})
        return b64s(gzip.compress(st.encode(), mtime=0)), 'credential', 'tfstate>gzip>b64', 2
    if kind_pos == 'ipynb':
        if neg: src = ['import pandas as pd\n', 'df = pd.read_csv("sales.csv")\n', 'df.describe()\n']
        else: src = ['import openai\n', f'openai.api_key = "{"sk-proj-" + rs(74, URLC) + "T3BlbkFJ" + rs(74, URLC)}"\n']
        nb = json.dumps({"cells": [{"cell_type": "code", "source": src, "outputs": [], "metadata": {}}], "nbformat": 4, "nbformat_minor": 5})
        return nb, 'credential', 'ipynb-json>source-lines', 1
    if kind_pos == 'git-diff':
        if neg: add = '+    timeout_seconds: 30\n+    retries: 3\n'
        else:
            a, s = aws_pair(); add = f'+AWS_ACCESS_KEY_ID={a}\n+AWS_SECRET_ACCESS_KEY={s}\n'
        return f'diff --git a/.env.production b/.env.production\nindex {rbytes(4).hex()}..{rbytes(4).hex()} 100644\n--- a/.env.production\n+++ b/.env.production\n@@ -1,2 +1,4 @@\n APP_ENV=production\n{add}', 'credential', 'git-diff', 1
    if kind_pos == 'basic-header':
        return None, 'credential', 'header>basic-b64', 1
    if kind_pos == 'url-path-b64':
        return None, 'credential', 'url-path>b64url', 1
    if kind_pos == 'cookie-header':
        return None, 'pii', 'cookie-header>b64>json', 2
    raise KeyError(kind_pos)
SCEN = ['k8s-secret-data', 'k8s-secret-data-db', 'docker-config', 'basic-auth-npmrc', 'cloudwatch-logs', 'lambda-event', 'pubsub-push', 'sns-sqs', 'kinesis', 'eml-attachment', 'har', 'xlsx', 'docx', 'saml', 'tfstate', 'ipynb', 'git-diff', 'basic-header', 'url-path-b64', 'cookie-header']
pidx = 4
for sname in SCEN:
    for neg in (False, False, True, True) if sname not in ('basic-header', 'url-path-b64', 'cookie-header') else (False, False, False, True, True):
        r = scen(sname, neg)
        text, cat, ctag, depth = r
        if neg: neg_n += 1; cid = f'neg-{neg_n:04d}-scen-{sname}'; tags = ['neg:scen-' + sname]; expect = {}
        else: pos_n += 1; cid = f'pos-{pos_n:04d}-scen-{sname}'; tags = ['class:scen-' + sname]; expect = {"categories": [cat]}
        tags += ['scenario', 'chain:' + ctag, 'depth:%d' % depth]
        if sname == 'basic-header':
            up = ('ci-deploy:' + rs(20)) if not neg else rng.choice(['anonymous:', 'guest:guest'])
            tags.append('place:header'); 
            if neg: tags.append('arguable')
            add_raw(cid, 'GET', f'https://artifacts.acme-mirror.io/repository/releases/app-{rng.randrange(100)}.tgz', [('Authorization', 'Basic ' + b64s(up)), ('User-Agent', 'agent-fetch/2.0')], b'', expect, tags)
        elif sname == 'url-path-b64':
            if neg: payloadj = json.dumps({"report": "weekly", "week": rng.randrange(1, 52), "tz": "UTC"})
            else: payloadj = json.dumps({"key": 'AIza' + rs(35, URLC), "project": "acme-prod"}) if rng.randrange(2) else json.dumps({"token": 'xoxb-%d-%d-%s' % (rng.randrange(10**10, 10**11), rng.randrange(10**12, 10**13), rs(24))})
            tags.append('place:url-path')
            add_raw(cid, 'GET', 'https://share.linkdrop.app/s/' + base64.urlsafe_b64encode(payloadj.encode()).rstrip(b'=').decode() + '/view', [('User-Agent', 'agent-fetch/2.0')], b'', expect, tags)
        elif sname == 'cookie-header':
            st = {"cart": rs(8), "theme": "dark"} if neg else {"cart": rs(8), "email": p['email'] if (p := person()) else '', "phone": p['phone'], "ship_to": p['addr'], "name": p['name'], "ssn_last_verified": ssn()}
            tags.append('place:cookie')
            add_raw(cid, 'POST', 'https://checkout.shop-partner.io/api/cart', [('Cookie', 'sid=' + rs(32) + '; prefs=' + b64s(json.dumps(st))), ('Content-Type', 'application/json')], b'{"op":"refresh"}', expect, tags)
        else:
            place = pick_place(text, pidx); pidx += 3
            if place == 'header': place = 'anth-tool-result'
            tags.append('place:' + place)
            place_case(cid, text, place, expect, tags)

# binary uploads: xlsx/zip/gzip bodies posted raw by agents
for i, neg in enumerate([False, False, False, True, True]):
    rows = [['name', 'ssn', 'dob']] + ([[person()['name'], ssn(), person()['dob']] for _ in range(3)] if not neg else [['Widget', 'N/A', '2026-01-01']])
    body = xlsx(rows)
    if neg: neg_n += 1; cid = f'neg-{neg_n:04d}-raw-xlsx'; tags = ['neg:raw-xlsx']; expect = {}
    else: pos_n += 1; cid = f'pos-{pos_n:04d}-raw-xlsx'; tags = ['class:raw-xlsx']; expect = {"categories": ["pii"]}
    add_raw(cid, 'PUT', f'https://storage.files-share.net/upload/{rs(8)}/report.xlsx', [('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')], body, expect, tags + ['scenario', 'chain:xlsx-raw', 'depth:1', 'place:put-raw'])


# ---------------------------------------------------------------- HTTP-layer wrappings in saved raw requests
def chunked(body, cuts):
    out = b''; prev = 0
    for c in cuts + [len(body)]:
        part = body[prev:c]; prev = c
        if part: out += b'%x\r\n' % len(part) + part + b'\r\n'
    return out + b'0\r\n\r\n'
def add_raw_chunked(cid, target, headers, body, expect, tags):
    u = urllib.parse.urlsplit(target)
    lines = [f'POST {target} HTTP/1.1', f'Host: {u.netloc}'] + [f'{k}: {v}' for k, v in headers] + ['Transfer-Encoding: chunked']
    with open(os.path.join(HERE, 'cases', cid + '.http'), 'wb') as f: f.write(('\r\n'.join(lines) + '\r\n\r\n').encode() + body)
    cases.append({"id": cid, "request": f'cases/{cid}.http', "expect": expect, "tags": tags})
HTTPL = ['chunked-split', 'ce-deflate', 'ce-gzip-b64-inside', 'multipart-cte-b64', 'chunked-gzip', 'utf16-json']
for hk in HTTPL:
    for neg in (False, False, False, True, True):
        if neg:
            text = neg_content(rng.choice(['buildlog', 'telemetry', 'k8s-config', 'prose'])); cat = None
        else:
            kind = rng.choice(['github', 'aws', 'openai', 'anthropic', 'stripe', 'card', 'ssn', 'iban', 'pem', 'dburl'])
            text, cat = payload(kind)
        t, ct, body = env_body(rng.choice(['anth-tool-result', 'oai-tool-result', 'mcp-call']), text if hk != 'ce-gzip-b64-inside' else b64s(gzip.compress(text.encode(), mtime=0)), rng.choice(CAPS))
        if neg: neg_n += 1; cid = f'neg-{neg_n:04d}-http-{hk}'; tags = ['neg:http-' + hk]; expect = {}
        else: pos_n += 1; cid = f'pos-{pos_n:04d}-http-{hk}'; tags = ['class:' + kind, 'shape:v%d' % LAST_V, 'http-layer:' + hk]; expect = {"categories": [cat]}
        raw = body.encode()
        if hk == 'chunked-split':
            # cut chunks right through the middle of the value
            mid = raw.find(b'\\n', len(raw) // 3) if not neg else len(raw) // 2
            cuts = sorted({max(1, len(raw) // 2 - 7), len(raw) // 2 + 5, len(raw) // 2 + 11})
            add_raw_chunked(cid, t, [('Content-Type', ct)], chunked(raw, cuts), expect, tags + ['chain:chunked', 'depth:1', 'place:http-body'])
        elif hk == 'chunked-gzip':
            gzb = gzip.compress(raw, mtime=0)
            add_raw_chunked(cid, t, [('Content-Type', ct), ('Content-Encoding', 'gzip')], chunked(gzb, [len(gzb) // 3, 2 * len(gzb) // 3]), expect, tags + ['chain:gzip>chunked', 'depth:2', 'place:http-body'])
        elif hk == 'ce-deflate':
            add_raw(cid, 'POST', t, [('Content-Type', ct), ('Content-Encoding', 'deflate')], zlib.compress(raw), expect, tags + ['chain:ce-deflate', 'depth:1', 'place:http-body'])
        elif hk == 'ce-gzip-b64-inside':
            add_raw(cid, 'POST', t, [('Content-Type', ct), ('Content-Encoding', 'gzip')], gzip.compress(raw, mtime=0), expect, tags + ['chain:gzip>b64>json>ce-gzip', 'depth:3', 'place:http-body'])
        elif hk == 'multipart-cte-b64':
            bd = 'mp' + rs(20); b = b64s(text); b = '\r\n'.join(b[i:i+76] for i in range(0, len(b), 76))
            mp = f'--{bd}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nuser_data\r\n--{bd}\r\nContent-Disposition: form-data; name="file"; filename="notes.txt"\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n{b}\r\n--{bd}--\r\n'
            add_raw(cid, 'POST', 'https://api.openai.com/v1/files', [('Content-Type', 'multipart/form-data; boundary=' + bd)], mp.encode(), expect, tags + ['chain:multipart-cte-b64', 'depth:2', 'place:multipart'])
        elif hk == 'utf16-json':
            add_raw(cid, 'POST', t, [('Content-Type', ct + '; charset=utf-16')], b'\xff\xfe' + body.encode('utf-16le'), expect, tags + ['chain:utf16le-body', 'depth:1', 'place:http-body'])

with open(os.path.join(HERE, 'manifest.jsonl'), 'w') as f:
    for c in cases: f.write(json.dumps(c, sort_keys=True) + '\n')
print('positives', pos_n, 'negatives', neg_n, 'total', len(cases))
