#!/usr/bin/env python3
"""rt40-people: blind red-team corpus of personal data in everyday office work.
Deterministic: python3 gen.py writes manifest.jsonl next to itself. All values synthetic."""
import json, os, random, string, base64

HERE = os.path.dirname(os.path.abspath(__file__))
R = random.Random(4040)

FIRST = ["Dana","Marcus","Priya","Tomasz","Aaliyah","Gretchen","Hiroshi","Lucia","Emeka","Siobhan","Rafael","Ingrid",
         "Deshawn","Mei","Yusuf","Carmen","Bjorn","Nadia","Colby","Imani","Anselm","Ruth","Kwame","Leilani","Otis",
         "Fernanda","Declan","Sunita","Wendell","Anouk","Jorge","Tamsin","Raymond","Beatriz","Ezra","Noor","Clement",
         "Harriet","Zoltan","Keisha","Matteo","Oksana","Darnell","Yvette","Pedro","Magnus","Ama","Loretta","Silas","Rosalind"]
LAST = ["Roe","Okafor","Lindqvist","Castellanos","Whitfield","Nakamura","Brennan","Oyelaran","Kowalczyk","Delacroix",
        "Pemberton","Haddad","Vasquez","Abernathy","Szabo","Fairweather","Mbeki","Thornbury","Gallagher","Ruiz-Tagle",
        "Hollister","Achterberg","Quintero","Ferreira","Sandoval","Oduya","McAllister","Petrakis","Villanueva","Strand",
        "Kaczmarek","Ellison","Iwasaki","Montgomery","Adeyemi","Lachance","Beaumont","Grzelak","Tanaka","Holloway"]
STREETS = ["Maple Ave","Birchwood Dr","Old Mill Rd","Cedar Ln","W 43rd St","Harrison Blvd","Lakeview Ter","Juniper Ct",
           "S Grand Ave","Larkspur Way","Pine Hollow Rd","E Colfax Ave","Quarry St","Wren Cir","N Halsted St"]
CITIES = [("Columbus","OH","432"),("Tacoma","WA","984"),("Mesa","AZ","852"),("Raleigh","NC","276"),("Albany","NY","122"),
          ("Fresno","CA","937"),("Tulsa","OK","741"),("Boise","ID","837"),("Dayton","OH","454"),("Orlando","FL","328"),
          ("Aurora","CO","800"),("Peoria","IL","616"),("Plano","TX","750"),("Reading","PA","196"),("Eugene","OR","974")]
AREA = ["212","312","415","617","702","503","614","919","480","720","305","214","412","206","646","773","818","404"]
MAILDOM = ["gmail.com","yahoo.com","outlook.com","hotmail.com","icloud.com","aol.com","proton.me","comcast.net"]
EMPLOYERS = ["Brightline Logistics","Harbor Dental Group","Quanta Tile & Stone","Riverbend Unified","Pioneer Freight LLC",
             "Cobalt Health Partners","Mesa Verde Credit Union","Northgate Auto Body"]
DIG = "zero one two three four five six seven eight nine".split()

def name(): return R.choice(FIRST), R.choice(LAST)
def full(): f, l = name(); return f"{f} {l}"
def dob(lo=1940, hi=2004):
    return (R.randint(lo, hi), R.randint(1, 12), R.randint(1, 28))
def fmt_date(d, style=None):
    y, m, dd = d
    style = style or R.choice(["us","iso","us2","long","eu"])
    mon = ["January","February","March","April","May","June","July","August","September","October","November","December"][m-1]
    return {"us": f"{m}/{dd}/{y}", "iso": f"{y}-{m:02d}-{dd:02d}", "us2": f"{m:02d}/{dd:02d}/{y}",
            "long": f"{mon} {dd}, {y}", "eu": f"{dd:02d}.{m:02d}.{y}"}[style]
def phone(style=None):
    a = R.choice(AREA); ex = R.randint(201, 989)
    if ex == 555: ex = 556
    n = R.randint(0, 9999)
    style = style or R.choice(["paren","dash","dot","plus"])
    return {"paren": f"({a}) {ex}-{n:04d}", "dash": f"{a}-{ex}-{n:04d}", "dot": f"{a}.{ex}.{n:04d}",
            "plus": f"+1 {a} {ex} {n:04d}"}[style]
def email(f, l):
    return R.choice([f"{f.lower()}.{l.lower()}{R.randint(1,99)}", f"{f[0].lower()}{l.lower()}", f"{l.lower()}.{f.lower()}{R.randint(60,99)}"]).replace(" ","") + "@" + R.choice(MAILDOM)
def address():
    c, s, z = R.choice(CITIES)
    return f"{R.randint(12, 9870)} {R.choice(STREETS)}", f"{c}, {s} {z}{R.randint(10,99)}"
def addr1(): a, b = address(); return f"{a}, {b}"

def ssn_parts():
    while True:
        a = R.randint(1, 899)
        if a == 666: continue
        g = R.randint(1, 99); s = R.randint(1, 9999)
        if (a, g, s) in [(123, 45, 6789), (78, 5, 1120)]: continue
        return f"{a:03d}", f"{g:02d}", f"{s:04d}"
def ssn(sep="-"): return sep.join(ssn_parts())
def itin():
    g = R.choice(list(range(50, 66)) + list(range(70, 89)) + list(range(90, 93)) + list(range(94, 100)))
    return f"9{R.randint(0,99):02d}-{g:02d}-{R.randint(1,9999):04d}"
def luhn_check(digits):
    s = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9: d -= 9
        s += d
    return str((10 - s % 10) % 10)
def card(kind=None):
    kind = kind or R.choice(["visa","mc","amex","disc","mc2"])
    pre, ln = {"visa": ("4", 16), "mc": (str(R.randint(51, 55)), 16), "amex": (R.choice(["34","37"]), 15),
               "disc": ("6011", 16), "mc2": (str(R.randint(2221, 2720)), 16)}[kind]
    body = pre + "".join(str(R.randint(0, 9)) for _ in range(ln - len(pre) - 1))
    return body + luhn_check(body)
def group_card(n, sep=" "):
    if len(n) == 15: return sep.join([n[:4], n[4:10], n[10:]])
    return sep.join(n[i:i+4] for i in range(0, 16, 4))
def aba():
    while True:
        p = R.choice(["01","02","03","04","05","06","07","08","09","10","11","12","21","22","23","24","25","26","27","28","29","30","31","32"])
        d = p + "".join(str(R.randint(0, 9)) for _ in range(6))
        w = [3, 7, 1, 3, 7, 1, 3, 7]
        s = sum(int(c) * k for c, k in zip(d, w))
        ck = (-s) % 10
        return d + str(ck)
def acct(): return "".join(str(R.randint(0, 9)) for _ in range(R.randint(8, 12))).lstrip("0").rjust(9, "4")
def npi():
    b = R.choice("12") + "".join(str(R.randint(0, 9)) for _ in range(8))
    return b + luhn_check("80840" + b)
MBI_L = "ACDEFGHJKMNPQRTUVWXY"
def mbi(sep=""):
    al = MBI_L + "0123456789"
    c = [str(R.randint(1, 9)), R.choice(MBI_L), R.choice(al), str(R.randint(0, 9)), R.choice(MBI_L), R.choice(al),
         str(R.randint(0, 9)), R.choice(MBI_L), R.choice(MBI_L), str(R.randint(0, 9)), str(R.randint(0, 9))]
    s = "".join(c)
    return s if not sep else s[:4] + sep + s[4:7] + sep + s[7:]
def passport_us(): return R.choice([str(R.randint(5, 9)) + "".join(str(R.randint(0, 9)) for _ in range(8)),
                                    R.choice("ACEFGHKLMN") + "".join(str(R.randint(0, 9)) for _ in range(8))])
def digits(n): return "".join(str(R.randint(0, 9)) for _ in range(n))
def dl(state=None):
    state = state or R.choice(["CA","NY","FL","TX","IL","WA","PA","NJ","MI","OH"])
    L = lambda: R.choice(string.ascii_uppercase)
    v = {"CA": L() + digits(7), "NY": digits(3) + " " + digits(3) + " " + digits(3), "FL": f"{L()}{digits(3)}-{digits(3)}-{digits(2)}-{digits(3)}-{digits(1)}",
         "TX": digits(8), "IL": f"{L()}{digits(3)}-{digits(4)}-{digits(4)}", "WA": "WDL" + "".join(R.choice(string.ascii_uppercase + string.digits) for _ in range(9)),
         "PA": digits(2) + " " + digits(3) + " " + digits(3), "NJ": f"{L()}{digits(4)} {digits(5)} {digits(5)}", "MI": f"{L()} {digits(3)} {digits(3)} {digits(3)} {digits(3)}",
         "OH": L() + L() + digits(6)}[state]
    return state, v
def iban(cc):
    bb = {"DE": lambda: digits(18), "FR": lambda: digits(10) + "".join(R.choice(string.ascii_uppercase+string.digits) for _ in range(11)) + digits(2),
          "ES": lambda: digits(20), "NL": lambda: R.choice(["ABNA","INGB","RABO","TRIO"]) + digits(10), "IT": lambda: R.choice(string.ascii_uppercase) + digits(10) + digits(12),
          "GB": lambda: R.choice(["NWBK","BARC","LOYD","HBUK"]) + digits(14), "PL": lambda: digits(24)}[cc]()
    num = "".join(str(int(ch, 36)) for ch in bb + cc + "00")
    ck = 98 - int(num) % 97
    return f"{cc}{ck:02d}{bb}"
def spaced4(s): return " ".join(s[i:i+4] for i in range(0, len(s), 4))
def spell(s): return " ".join(DIG[int(c)] if c.isdigit() else ("dash" if c == "-" else c) for c in s if c != " ")
def mrn(): return R.choice([digits(8), "MR" + digits(7), digits(3) + "-" + digits(2) + "-" + digits(3), "E" + digits(9)])
def nino():
    p = R.choice(["AB","CE","JH","KM","NP","PR","SW","TW","WL","YZ"])
    return f"{p}{digits(6)}{R.choice('ABCD')}"
def sin_ca():
    b = str(R.randint(1, 7)) + digits(7)
    return b + luhn_check(b)
def cpf():
    d = [R.randint(0, 9) for _ in range(9)]
    for n in (10, 11):
        s = sum(x * w for x, w in zip(d, range(n, 1, -1))); r = s * 10 % 11; d.append(0 if r == 10 else r)
    s = "".join(map(str, d)); return f"{s[:3]}.{s[3:6]}.{s[6:9]}-{s[9:]}"
def dni():
    n = R.randint(10000000, 99999999); return f"{n}{'TRWAGMYFPDXBNJZSQVHLCKE'[n % 23]}"
VD = [[0,1,2,3,4,5,6,7,8,9],[1,2,3,4,0,6,7,8,9,5],[2,3,4,0,1,7,8,9,5,6],[3,4,0,1,2,8,9,5,6,7],[4,0,1,2,3,9,5,6,7,8],
      [5,9,8,7,6,0,4,3,2,1],[6,5,9,8,7,1,0,4,3,2],[7,6,5,9,8,2,1,0,4,3],[8,7,6,5,9,3,2,1,0,4],[9,8,7,6,5,4,3,2,1,0]]
VP = [[0,1,2,3,4,5,6,7,8,9],[1,5,7,6,2,8,3,0,9,4],[5,8,0,3,7,9,6,1,4,2],[8,9,1,6,0,4,3,5,2,7],[9,4,5,3,1,2,6,8,7,0],
      [4,2,8,6,5,7,3,9,0,1],[2,7,9,3,8,0,6,4,1,5],[7,0,4,6,9,1,3,2,5,8]]
VINV = [0,4,3,2,1,5,6,7,8,9]
def aadhaar():
    b = str(R.randint(2, 9)) + digits(10)
    c = 0
    for i, ch in enumerate(reversed(b)): c = VD[c][VP[(i + 1) % 8][int(ch)]]
    s = b + str(VINV[c]); return f"{s[:4]} {s[4:8]} {s[8:]}"
def steuer_id():
    while True:
        d = [R.randint(1, 9)] + [R.randint(0, 9) for _ in range(9)]
        if len(set(d)) == 9 or len(set(d)) == 8:
            break
    p = 10
    for x in d:
        s = (x + p) % 10 or 10; p = (s * 2) % 11
    c = (11 - p) % 10
    return "".join(map(str, d)) + str(c)
def nir():
    sx = R.choice("12"); y = R.randint(40, 99); m = R.randint(1, 12); dep = R.randint(1, 95); com = R.randint(1, 990); o = R.randint(1, 999)
    b = f"{sx}{y:02d}{m:02d}{dep:02d}{com:03d}{o:03d}"; k = 97 - int(b) % 97
    return f"{b[0]} {b[1:3]} {b[3:5]} {b[5:7]} {b[7:10]} {b[10:13]} {k:02d}"

# ---------------------------------------------------------------- wrappers (places)
def J(o): return json.dumps(o, ensure_ascii=False)
AJ = {"Content-Type": "application/json"}
def p_anth_user(t, ask="Please help with this."):
    return "https://api.anthropic.com/v1/messages", AJ, J({"model": "claude-sonnet-4-5", "max_tokens": 2048,
        "messages": [{"role": "user", "content": [{"type": "text", "text": ask + "\n\n" + t}]}]}), "place:anthropic-user"
def p_anth_toolres(t, ask="Look up the record and summarise it."):
    return "https://api.anthropic.com/v1/messages", AJ, J({"model": "claude-opus-4-1", "max_tokens": 1500, "tools": [{"name": "crm_lookup", "description": "Fetch a record", "input_schema": {"type": "object", "properties": {"query": {"type": "string"}}}}],
        "messages": [{"role": "user", "content": ask}, {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_01Q" + digits(6), "name": "crm_lookup", "input": {"query": "latest"}}]},
                     {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_01Q" + digits(6), "content": [{"type": "text", "text": t}]}]}]}), "place:anthropic-tool-result"
def p_anth_system(t, ask="Draft a reply to the customer."):
    return "https://api.anthropic.com/v1/messages", AJ, J({"model": "claude-haiku-4-5", "max_tokens": 800, "system": "You are a support agent. Context:\n" + t,
        "messages": [{"role": "user", "content": ask}]}), "place:anthropic-system"
def p_oai_chat(t, ask="Summarise the following."):
    return "https://api.openai.com/v1/chat/completions", AJ, J({"model": "gpt-4o", "messages": [{"role": "system", "content": "You are a helpful office assistant."}, {"role": "user", "content": ask + "\n" + t}]}), "place:openai-chat"
def p_oai_tool(t, ask="What does the record say?"):
    cid = "call_" + "".join(R.choice(string.ascii_letters) for _ in range(20))
    return "https://api.openai.com/v1/chat/completions", AJ, J({"model": "gpt-4.1", "messages": [{"role": "user", "content": ask},
        {"role": "assistant", "content": None, "tool_calls": [{"id": cid, "type": "function", "function": {"name": "read_file", "arguments": J({"path": "exports/latest.txt"})}}]},
        {"role": "tool", "tool_call_id": cid, "content": t}]}), "place:openai-tool-result"
def p_oai_args(t, ask="Send this to HR."):
    cid = "call_" + "".join(R.choice(string.ascii_letters) for _ in range(20))
    return "https://api.openai.com/v1/chat/completions", AJ, J({"model": "gpt-4o-mini", "messages": [{"role": "user", "content": ask},
        {"role": "assistant", "content": None, "tool_calls": [{"id": cid, "type": "function", "function": {"name": "send_email", "arguments": J({"to": "hr-intake@corp.internal", "subject": "Record", "body": t})}}]},
        {"role": "tool", "tool_call_id": cid, "content": "sent"}]}), "place:openai-tool-args"
def p_responses(t, ask="Continue."):
    return "https://api.openai.com/v1/responses", AJ, J({"model": "gpt-4.1", "input": [{"role": "user", "content": ask},
        {"type": "function_call", "call_id": "fc_" + digits(8), "name": "helpdesk_get_ticket", "arguments": J({"ticket": digits(6)})},
        {"type": "function_call_output", "call_id": "fc_" + digits(8), "output": t}]}), "place:openai-responses"
def p_mcp(t, ask=None):
    return "https://mcp.helpdesk-tools.io/mcp", AJ, J({"jsonrpc": "2.0", "id": R.randint(2, 900), "method": "tools/call",
        "params": {"name": R.choice(["create_ticket_comment", "notes.append", "crm_update_contact", "write_document"]), "arguments": {"title": "Case notes", "content": t}}}), "place:mcp-tools-call"
def p_gemini(t, ask="Extract the fields as JSON."):
    return "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent", AJ, J({"contents": [{"role": "user", "parts": [{"text": ask}, {"text": t}]}]}), "place:gemini"
def p_multipart(t, ask=None, fn="export.txt"):
    b = "----sieveform" + digits(10)
    body = (f"--{b}\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nassistants\r\n--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{fn}\"\r\nContent-Type: text/plain\r\n\r\n{t}\r\n--{b}--\r\n")
    return "https://api.openai.com/v1/files", {"Content-Type": f"multipart/form-data; boundary={b}"}, body, "place:multipart-upload"
def p_plain(t, ask=None):
    host = R.choice(["https://hooks.slack.com/services/T0/B0/x", "https://api.notion.com/v1/pages", "https://paste.example-notes.net/api/create", "https://docs-upload.airtable-like.io/v0/import"])
    if "slack" in host or "notion" in host:
        return host, AJ, J({"text": t} if "slack" in host else {"parent": {"database_id": "d" + digits(8)}, "properties": {"Notes": {"rich_text": [{"text": {"content": t}}]}}}), "place:saas-json"
    return host, {"Content-Type": "text/plain; charset=utf-8"}, t, "place:plain-upload"
PLACES = [p_anth_user, p_anth_toolres, p_oai_chat, p_oai_tool, p_responses, p_mcp, p_anth_system, p_oai_args, p_gemini, p_multipart, p_plain]

CASES = []
COUNT = {}
def add(cls, text, cats, tags, place=None, ask=None, arguable=False, neg=False):
    i = COUNT.get(cls, 0) + 1; COUNT[cls] = i
    cid = f"{cls}-{i:03d}"
    pf = place or PLACES[(i * 7 + len(cls)) % len(PLACES)]
    if ask is not None and pf not in (p_mcp, p_multipart, p_plain):
        target, headers, body, ptag = pf(text, ask)
    else:
        target, headers, body, ptag = pf(text)
    tg = [("neg:" if neg else "class:") + cls] + tags + [ptag]
    if arguable: tg.append("arguable")
    CASES.append({"id": cid, "target": target, "headers": headers, "body": body,
                  "expect": {} if neg else {"categories": sorted(set(cats))}, "tags": tg})
def raw_case(cls, method, target, headers, body, cats, tags, neg=False, arguable=False):
    i = COUNT.get(cls, 0) + 1; COUNT[cls] = i
    cid = f"{cls}-{i:03d}"
    tg = [("neg:" if neg else "class:") + cls] + tags + ["place:raw-http"]
    if arguable: tg.append("arguable")
    CASES.append({"id": cid, "target": target, "headers": headers, "body": body, "method": method,
                  "expect": {} if neg else {"categories": sorted(set(cats))}, "tags": tg})

# ================================================================ POSITIVES
def person():
    f, l = name(); a, c = address()
    return dict(f=f, l=l, n=f"{f} {l}", dob=dob(), street=a, city=c, phone=phone(), email=email(f, l))

# ---- SSN in many shapes
def gen_ssn():
    shapes = []
    for k in range(48):
        p = person(); a, g, s = ssn_parts()
        style = k % 12
        if style == 0:
            t = f"Name: {p['n']}\nDOB: {fmt_date(p['dob'])}\nSSN: {a}-{g}-{s}\nAddress: {p['street']}, {p['city']}"; tg = ["fmt:kv", "sep:dash", "label:ssn"]
        elif style == 1:
            t = f"| employee | dept | soc sec no | start |\n|---|---|---|---|\n| {p['n']} | Warehouse | {a} {g} {s} | 2023-04-17 |\n| {full()} | Dispatch | {ssn(' ')} | 2021-11-02 |"; tg = ["fmt:markdown-table", "sep:space", "label:soc-sec-no"]
        elif style == 2:
            t = f"emp_id,last,first,ss_num,hire_dt,rate\n{R.randint(1000,9999)},{p['l']},{p['f']},{a}{g}{s},03/14/2022,21.50\n{R.randint(1000,9999)},{R.choice(LAST)},{R.choice(FIRST)},{''.join(ssn_parts())},07/01/2019,24.75"; tg = ["fmt:csv", "sep:none", "label:ss-num"]
        elif style == 3:
            t = f"Hi team,\n\nPer our call, the applicant {p['n']} gave us her SS# as {a}.{g}.{s} and her date of birth {fmt_date(p['dob'],'long')}. Please run the credit pull before Friday.\n\nThanks,\nLeasing Office"; tg = ["fmt:email", "sep:dot", "label:ss-hash"]
        elif style == 4:
            t = J({"records": [{"Id": "003" + "".join(R.choice(string.ascii_letters + string.digits) for _ in range(15)), "FirstName": p['f'], "LastName": p['l'], "Birthdate": fmt_date(p['dob'], 'iso'),
                                "SSN__c": f"{a}-{g}-{s}", "MailingStreet": p['street'], "Phone": p['phone']}], "totalSize": 1, "done": True}); tg = ["fmt:json-crm", "sep:dash", "label:ssn-field"]
        elif style == 5:
            t = f"applicant_name  | tax_id      | income\n----------------+-------------+--------\n {p['n']:<15}| {a}-{g}-{s} | 64200\n {full():<15}| {ssn()} | 51800\n(2 rows)"; tg = ["fmt:sql-result", "sep:dash", "label:tax-id"]
        elif style == 6:
            t = f"Summary for the file: the customer, {p['n']}, born {fmt_date(p['dob'],'us')}, lives at {p['street']}, {p['city']}. Her social is {a}-{g}-{s} and she wants the account closed."; tg = ["fmt:agent-summary", "sep:dash", "label:social"]
        elif style == 7:
            t = f"Caller verified identity. Customer read out social security number: {spell(a+g+s)}. Address on file matches."; tg = ["fmt:transcript", "obf:spelled", "label:social-security-number"]
        elif style == 8:
            t = f"<table><tr><th>Name</th><th>SSN</th><th>DOB</th></tr><tr><td>{p['n']}</td><td>{a}-{g}-{s}</td><td>{fmt_date(p['dob'],'us2')}</td></tr></table>"; tg = ["fmt:html-table", "sep:dash", "label:ssn"]
        elif style == 9:
            t = f"W-4 / I-9 intake\nEmployee: {p['n']}\nSSN (first 5): {a}-{g}\nSSN (last 4): {s}\nStart date: 2024-09-03"; tg = ["fmt:kv", "obf:split-fields", "label:ssn"]
        elif style == 10:
            t = f"agent: can you confirm the SSN?\ncustomer: sure its {a}\ncustomer: {g}\ncustomer: {s}\nagent: thank you {p['f']}, you're verified."; tg = ["fmt:chat-transcript", "obf:split-lines", "label:ssn"]
        else:
            t = f"Background check order\nSubject: {p['n']}\nSSN: {a}–{g}–{s}\nD.O.B.: {fmt_date(p['dob'],'us2')}\nConsent signed: yes"; tg = ["fmt:kv", "sep:en-dash", "label:ssn"]
        add("ssn", t, ["pii"], tg)
    # split across two messages
    for k in range(4):
        p = person(); a, g, s = ssn_parts()
        body = J({"model": "claude-sonnet-4-5", "max_tokens": 500, "messages": [
            {"role": "user", "content": f"I'm filling the tenant form for {p['n']}. SSN starts {a}-{g}"},
            {"role": "assistant", "content": "Got it. What are the last four digits?"},
            {"role": "user", "content": f"{s}. DOB {fmt_date(p['dob'])}."}]})
        i = COUNT.get("ssn", 0) + 1; COUNT["ssn"] = i
        CASES.append({"id": f"ssn-{i:03d}", "target": "https://api.anthropic.com/v1/messages", "headers": AJ, "body": body,
                      "expect": {"categories": ["pii"]}, "tags": ["class:ssn", "obf:split-messages", "fmt:chat", "place:anthropic-user", "arguable"] if k >= 2 else ["class:ssn", "obf:split-messages", "fmt:chat", "place:anthropic-user"]})

def gen_itin():
    for k in range(10):
        p = person(); v = itin()
        t = R.choice([f"Client: {p['n']}\nITIN: {v}\nFiling status: Single\nDependents: 2",
                      f"Tax prep notes — {p['n']} does not have an SSN; use individual taxpayer identification number {v} on the 1040.",
                      f"name,itin,tax_year,refund\n{p['n']},{v.replace('-','')},2024,1873.00",
                      f"TIN {v} ({p['n']}, dob {fmt_date(p['dob'])})"])
        add("itin", t, ["pii"], ["label:itin", "domain:tax"])

# ---- bank account + routing
def gen_bank():
    for k in range(34):
        p = person(); r = aba(); ac = acct(); st = k % 9
        if st == 0:
            t = f"Direct Deposit Authorization\nEmployee: {p['n']}\nBank: Mesa Verde Credit Union\nRouting #: {r}\nAccount #: {ac}\nType: Checking\nAmount: 100% net pay"; tg = ["fmt:kv", "domain:payroll"]
        elif st == 1:
            t = f"employee_id,name,aba,acct,type\nE{digits(5)},{p['n']},{r},{ac},checking\nE{digits(5)},{full()},{aba()},{acct()},savings"; tg = ["fmt:csv", "domain:payroll"]
        elif st == 2:
            t = f"Hi Payroll, I changed banks. Please send my pay to routing {r}, account {ac} starting next cycle. — {p['f']} ({p['email']})"; tg = ["fmt:email", "domain:payroll"]
        elif st == 3:
            t = f"Loan application #{digits(7)}\nBorrower: {p['n']}\nEmployer: {R.choice(EMPLOYERS)}, gross monthly income $5,{R.randint(100,999)}\nAutopay from: ABA {r[:3]} {r[3:6]} {r[6:]} / acct {' '.join(ac[i:i+3] for i in range(0,len(ac),3))}"; tg = ["fmt:kv", "sep:space", "domain:loan"]
        elif st == 4:
            t = f"MICR line from the scanned check: ⑆{r}⑆ {ac}⑈ {R.randint(1001,2999)}\nPayer: {p['n']}, {p['street']}"; tg = ["fmt:micr", "domain:check"]
        elif st == 5:
            t = J({"vendor": {"name": p['n'], "type": "individual", "payment_method": {"ach": {"routing_number": r, "account_number": ac, "account_holder": p['n']}}}}); tg = ["fmt:json-api", "domain:ap"]
        elif st == 6:
            t = f"| Name | Bank | RTN | Account |\n|---|---|---|---|\n| {p['n']} | Chase | {r} | {ac} |"; tg = ["fmt:markdown-table", "domain:payroll"]
        elif st == 7:
            t = f"Customer says the refund should go to their checking: bank routing number is {spell(r)} and the account ends in... actually full number {ac}."; tg = ["fmt:transcript", "obf:spelled", "domain:refund"]
        else:
            t = f"Tenant {p['n']} set up rent autopay. R/T {r}  Acct {ac}  (checking). Landlord portal ref {digits(6)}."; tg = ["fmt:note", "label:rt-abbrev", "domain:rental"]
        add("bank-account", t, ["financial"], tg)

def gen_iban():
    L = [("DE", "Gehaltsabrechnung — Mitarbeiter: {n}\nGeb.-Datum: {d}\nIBAN: {i}\nBIC: COBADEFFXXX\nSteuerklasse: 1", "lang:de"),
         ("FR", "Fiche de paie — Salarié : {n}\nNé(e) le : {d}\nIBAN : {i}\nBanque : Crédit Agricole", "lang:fr"),
         ("ES", "Nómina — Empleado: {n}\nFecha de nacimiento: {d}\nCuenta IBAN: {i}", "lang:es"),
         ("NL", "Salarisstrook — Medewerker: {n}\nGeboortedatum: {d}\nIBAN: {i}", "lang:nl"),
         ("IT", "Cedolino — Dipendente: {n}\nData di nascita: {d}\nIBAN: {i}", "lang:it"),
         ("GB", "Payroll change request for {n} (DOB {d}). New account IBAN {i}.", "lang:en"),
         ("PL", "Lista płac — Pracownik: {n}\nData urodzenia: {d}\nNr rachunku: {i}", "lang:pl")]
    for k in range(14):
        cc, tpl, lang = L[k % len(L)]; p = person(); v = iban(cc)
        if k >= 7: v = spaced4(v)
        add("iban", tpl.format(n=p['n'], d=fmt_date(p['dob'], 'eu'), i=v), ["financial"], [lang, "domain:payroll", "sep:space" if k >= 7 else "sep:none"])

def gen_card():
    for k in range(36):
        p = person(); c = card(); st = k % 12
        exp = f"{R.randint(1,12):02d}/{R.randint(26,31)}"; cvv = digits(4 if len(c) == 15 else 3)
        if st == 0:
            t = f"[10:42] {p['f']}: my card is {group_card(c)} exp {exp} cvv {cvv}\n[10:43] Agent Kim: Thanks, processing the replacement order now."; tg = ["fmt:chat-transcript", "sep:space"]
        elif st == 1:
            t = f"Ticket #{digits(6)} — Subject: double charged\nFrom: {p['email']}\n\nHi, I was charged twice on card {group_card(c,'-')}. Please refund to the same card. {p['n']}"; tg = ["fmt:ticket", "sep:dash"]
        elif st == 2:
            t = f"order_id,customer,card_number,exp\nSO-{digits(6)},{p['n']},{c},{exp}"; tg = ["fmt:csv", "sep:none"]
        elif st == 3:
            t = J({"ticket": {"id": R.randint(10000, 99999), "requester": {"name": p['n'], "email": p['email']}, "comments": [{"body": f"Pls charge {c} for the upgrade, exp {exp}"}]}}); tg = ["fmt:json-helpdesk", "sep:none"]
        elif st == 4:
            g = group_card(c).split(" ")
            t = f"customer: ok the number is {g[0]}\ncustomer: {g[1]}\ncustomer: {' '.join(g[2:])}\ncustomer: expiry {exp}"; tg = ["fmt:chat-transcript", "obf:split-lines"]
        elif st == 5:
            t = f"Caller {p['n']} read card number: {spell(c)}, expiration {exp}."; tg = ["fmt:transcript", "obf:spelled"]
        elif st == 6:
            t = f"Travel booking\nTraveler: {p['n']}\nPayment: {R.choice(['VISA','MC','AMEX'])} {group_card(c)}  Exp {exp}\nBilling ZIP: {p['city'][-5:]}"; tg = ["fmt:kv", "sep:space", "domain:travel"]
        elif st == 7:
            t = f"<tr><td>{p['n']}</td><td>{group_card(c, '.')}</td><td>{exp}</td></tr>"; tg = ["fmt:html-table", "sep:dot"]
        elif st == 8:
            t = f"Summary: {p['f']} {p['l']} wants the monthly donation moved to the card ending differently — new card {c[:4]} {c[4:8]} {c[8:12]} {c[12:]}, expiring {exp}. Old card cancelled."; tg = ["fmt:agent-summary", "sep:space"]
        elif st == 9:
            t = f"CARDHOLDER={p['n'].upper()}|PAN={c}|EXP={exp.replace('/','')}|AMT=149.00|AUTH=PENDING"; tg = ["fmt:pipe-log", "sep:none"]
        elif st == 10:
            t = f"Hi, it's {p['f']}. Card: {c[:8]}\n(continued) {c[8:]} thanks"; tg = ["fmt:sms", "obf:split-lines"]
        else:
            t = f"Kunde {p['n']} hat die Kreditkartennummer {group_card(c)} angegeben, gültig bis {exp}. Bitte belasten."; tg = ["lang:de", "sep:space"]
        add("card", t, ["financial"], tg)

def mrz_check(s):
    w = [7, 3, 1]; v = 0
    for i, ch in enumerate(s):
        x = 0 if ch == "<" else (int(ch) if ch.isdigit() else ord(ch) - 55)
        v += x * w[i % 3]
    return str(v % 10)
def gen_passport():
    for k in range(30):
        p = person(); pn = passport_us(); st = k % 10
        if st == 0:
            t = f"PNR {''.join(R.choice(string.ascii_uppercase) for _ in range(6))}\nPassenger: {p['l'].upper()}/{p['f'].upper()} MS\nDOB: {fmt_date(p['dob'],'iso')}\nPassport: {pn} (USA), exp 2031-05-08\nFF: UA MileagePlus {R.choice(string.ascii_uppercase)}{R.choice(string.ascii_uppercase)}{digits(6)}"; tg = ["fmt:kv", "domain:travel", "label:passport"]
        elif st == 1:
            t = f"KYC onboarding\nFull name: {p['n']}\nDate of birth: {fmt_date(p['dob'],'long')}\nID type: US Passport\nID number: {pn}\nAddress: {p['street']}, {p['city']}"; tg = ["fmt:kv", "domain:kyc", "label:id-number"]
        elif st == 2:
            y, m, d = p['dob']; dd = f"{y%100:02d}{m:02d}{d:02d}"; ex = "310508"; num = pn.ljust(9, "<")
            l1 = f"P<USA{p['l'].upper()}<<{p['f'].upper()}".ljust(44, "<")
            opt = "<" * 14
            l2 = f"{num}{mrz_check(num)}USA{dd}{mrz_check(dd)}{R.choice('MF')}{ex}{mrz_check(ex)}{opt}{mrz_check(opt)}"
            l2 = l2 + mrz_check(l2[0:10] + l2[13:20] + l2[21:43])
            t = f"OCR of passport scan:\n{l1}\n{l2}"; tg = ["fmt:mrz", "domain:kyc"]
        elif st == 3:
            t = f"name,dob,passport_no,nationality,seat\n{p['n']},{fmt_date(p['dob'],'iso')},{pn},US,14C\n{full()},{fmt_date(dob(),'iso')},{passport_us()},US,14D"; tg = ["fmt:csv", "domain:travel"]
        elif st == 4:
            t = f"The guest, {p['n']} (born {fmt_date(p['dob'],'us')}), checked in using passport no. {pn}; room 512, departing Sunday."; tg = ["fmt:agent-summary", "domain:hospitality"]
        elif st == 5:
            t = J({"traveler": {"givenName": p['f'], "surname": p['l'], "dateOfBirth": fmt_date(p['dob'], 'iso'), "documents": [{"documentType": "PASSPORT", "number": pn, "issuanceCountry": "US", "expiryDate": "2032-01-19"}]}}); tg = ["fmt:json-api", "domain:travel"]
        elif st == 6:
            uk = digits(9)
            t = f"Visa application — Applicant {p['n']}, DOB {fmt_date(p['dob'],'eu')}, British passport number {uk}, issued HMPO."; tg = ["fmt:prose", "domain:visa", "country:gb"]
        elif st == 7:
            t = f"Reisepassnummer: C{''.join(R.choice('CFGHJKLMNPRTVWXYZ0123456789') for _ in range(8))}\nName: {p['n']}\nGeburtsdatum: {fmt_date(p['dob'],'eu')}\nStaatsangehörigkeit: DEUTSCH"; tg = ["fmt:kv", "lang:de", "country:de"]
        elif st == 8:
            t = f"- Traveler: {p['n']}\n- Passport # {pn[:3]} {pn[3:6]} {pn[3+3:]}\n- D.O.B. {fmt_date(p['dob'],'us2')}\n- Known Traveler Number: {digits(9)}"; tg = ["fmt:bullets", "sep:space", "domain:travel"]
        else:
            t = f"Numéro de passeport : {digits(2)}{R.choice(string.ascii_uppercase)}{R.choice(string.ascii_uppercase)}{digits(5)}\nNom : {p['l'].upper()}\nPrénom : {p['f']}\nDate de naissance : {fmt_date(p['dob'],'eu')}"; tg = ["fmt:kv", "lang:fr", "country:fr"]
        add("passport", t, ["pii"], tg)

def gen_dl():
    for k in range(26):
        p = person(); stt, v = dl(); st = k % 7
        if st == 0: t = f"Driver: {p['n']}\nDL#: {v} ({stt})\nDOB: {fmt_date(p['dob'])}\nExp: 2028"; tg = ["fmt:kv", "label:dl-hash"]
        elif st == 1: t = f"Rental agreement RA{digits(8)} — renter {p['n']}, {stt} driver license {v}, born {fmt_date(p['dob'],'long')}."; tg = ["fmt:prose", "domain:rental-car"]
        elif st == 2: t = f"Incident report: vehicle 2 operated by {p['n']}, DOB {fmt_date(p['dob'],'us2')}, OLN {v} state {stt}, address {p['street']}, {p['city']}."; tg = ["fmt:police-report", "label:oln"]
        elif st == 3: t = f"first,last,dl_state,dl_number,dob\n{p['f']},{p['l']},{stt},{v},{fmt_date(p['dob'],'iso')}"; tg = ["fmt:csv", "label:dl-number"]
        elif st == 4: t = J({"applicant": {"name": p['n'], "dob": fmt_date(p['dob'], 'iso'), "identity": {"type": "drivers_license", "state": stt, "number": v}}}); tg = ["fmt:json-api", "domain:kyc"]
        elif st == 5: t = f"ID checked at counter: {stt} Driver's Licence {v}, name {p['n']}, exp 11/2029."; tg = ["fmt:note", "label:drivers-licence"]
        else: t = f"| Field | Value |\n|---|---|\n| Name | {p['n']} |\n| License No. | {v} |\n| Issuing state | {stt} |\n| Date of birth | {fmt_date(p['dob'])} |"; tg = ["fmt:markdown-table", "label:license-no"]
        add("drivers-licence", t, ["pii"], tg + ["state:" + stt.lower()])

def gen_medicare():
    for k in range(16):
        p = person(); m = mbi("-" if k % 3 == 1 else ""); st = k % 5
        if st == 0: t = f"Patient: {p['n']}\nDOB: {fmt_date(p['dob'],'us2', ) if False else fmt_date(dob(1935,1958),'us2')}\nMedicare MBI: {m}\nPlan: Part A/B"; tg = ["fmt:kv", "label:mbi"]
        elif st == 1: t = f"Eligibility check returned active coverage for {p['n']} (Medicare # {m}), effective 2019-07-01."; tg = ["fmt:prose", "label:medicare-no"]
        elif st == 2: t = f"member_name,mbi,dob,pcp\n{p['n']},{m},{fmt_date(dob(1930,1958),'iso')},Dr. {R.choice(LAST)}"; tg = ["fmt:csv", "label:mbi"]
        elif st == 3: t = J({"patient": {"name": p['n'], "birthDate": fmt_date(dob(1930, 1958), 'iso')}, "coverage": {"payor": "CMS", "subscriberId": m}}); tg = ["fmt:fhir-like", "label:subscriber-id"]
        else: t = f"Beneficiary {p['n']} called about a denied claim. Her Medicare number is {m}; she lives at {p['street']}."; tg = ["fmt:transcript", "label:medicare-number"]
        add("medicare-mbi", t, ["pii"], tg + ["domain:health"])
    for k in range(8):
        p = person(); mid = R.choice([f"{R.choice(string.ascii_uppercase)}{R.choice(string.ascii_uppercase)}{digits(5)}{R.choice(string.ascii_uppercase)}", digits(10), digits(9) + "NY"])
        t = R.choice([f"Medicaid ID: {mid}\nRecipient: {p['n']}\nDOB: {fmt_date(p['dob'])}", f"Prior auth for {p['n']} — Medicaid recipient id {mid}, dob {fmt_date(p['dob'])}, dx F32.1"])
        add("medicaid", t, ["pii"], ["label:medicaid-id", "domain:health"])

DX = [("E11.9", "type 2 diabetes mellitus without complications", "metformin 500 mg PO BID"), ("F33.1", "major depressive disorder, recurrent, moderate", "sertraline 100 mg daily"),
      ("B20", "HIV disease", "bictegravir/emtricitabine/tenofovir AF 1 tab daily"), ("O09.523", "supervision of elderly multigravida, third trimester", "prenatal vitamins"),
      ("F10.20", "alcohol dependence, uncomplicated", "naltrexone 50 mg daily"), ("C50.911", "malignant neoplasm of right female breast", "letrozole 2.5 mg daily"),
      ("I10", "essential hypertension", "lisinopril 20 mg daily"), ("J45.40", "moderate persistent asthma", "budesonide/formoterol 160/4.5 2 puffs BID")]
def gen_clinical():
    for k in range(32):
        p = person(); m = mrn(); code, dx, rx = R.choice(DX); st = k % 8; prov = f"Dr. {R.choice(FIRST)} {R.choice(LAST)}"
        if st == 0: t = f"DISCHARGE SUMMARY\nPatient: {p['l'].upper()}, {p['f']}   MRN: {m}   DOB: {fmt_date(p['dob'],'us2')}\nAdmit: 2025-02-11  Discharge: 2025-02-14\nDiagnosis: {dx} ({code})\nDischarge meds: {rx}\nAttending: {prov}"; tg = ["fmt:discharge-summary", "label:mrn"]
        elif st == 1: t = f"Progress note — {p['n']} (MRN {m}) seen today for follow-up of {dx}. Reports adherence to {rx}. Plan: recheck in 6 weeks."; tg = ["fmt:clinic-note", "label:mrn"]
        elif st == 2: t = f"LAB RESULTS\nName: {p['n']}\nMed Rec #: {m}\nDOB: {fmt_date(p['dob'])}\nHbA1c 8.9 % (H)\nHIV-1/2 Ag/Ab: REACTIVE\nCollected 03/02/2025 07:41"; tg = ["fmt:lab-report", "label:med-rec-no"]
        elif st == 3:
            n = npi()
            t = f"Rx\nPatient: {p['n']}   DOB: {fmt_date(p['dob'])}\nAddress: {p['street']}, {p['city']}\n{rx}, #60, refills 3\nPrescriber: {prov}, NPI {n}, DEA on file"; tg = ["fmt:prescription", "label:npi-with-patient"]
        elif st == 4: t = f"patient_mrn,patient_name,dob,icd10,visit_date\n{m},{p['n']},{fmt_date(p['dob'],'iso')},{code},2025-01-{R.randint(10,28)}\n{mrn()},{full()},{fmt_date(dob(),'iso')},{R.choice(DX)[0]},2025-01-{R.randint(10,28)}"; tg = ["fmt:csv", "label:mrn"]
        elif st == 5: t = J({"resourceType": "Patient", "identifier": [{"system": "urn:oid:2.16.840.1.113883.19.5", "type": {"text": "MRN"}, "value": m}], "name": [{"family": p['l'], "given": [p['f']]}], "birthDate": fmt_date(p['dob'], 'iso'), "telecom": [{"system": "phone", "value": p['phone']}]}); tg = ["fmt:fhir", "label:mrn"]
        elif st == 6: t = f"Hi Dr. {R.choice(LAST)}, forwarding the ED note for {p['n']}, d.o.b. {fmt_date(p['dob'],'us')}, chart no. {m}. She presented with suicidal ideation; psych consult placed."; tg = ["fmt:email", "label:chart-no"]
        else: t = f"Arztbrief\nPatient: {p['n']}, Geb.-Datum {fmt_date(p['dob'],'eu')}\nFallnummer: {digits(9)}\nDiagnose: {dx} ({code})\nMedikation: {rx}"; tg = ["fmt:clinic-note", "lang:de"]
        add("clinical-record", t, ["pii"], tg + ["domain:health"])
    # name + DOB + diagnosis, no id number
    for k in range(14):
        p = person(); code, dx, rx = R.choice(DX); age = 2025 - p['dob'][0]
        t = R.choice([f"Can you rewrite this for the patient portal? {p['n']}, born {fmt_date(p['dob'],'long')}, was diagnosed with {dx} last month and started {rx}.",
                      f"Patient {p['n']} ({age}F, DOB {fmt_date(p['dob'])}) — positive pregnancy test, wants termination counselling. Phone {p['phone']}.",
                      f"Therapy session notes, client {p['n']}, {p['email']}: disclosed relapse (alcohol), history of {dx}. Next session Tuesday.",
                      f"Mrs. {p['l']} of {p['street']}, {p['city']} tested positive for {dx} ({code}); please notify her at {p['phone']}."])
        add("health-no-id", t, ["pii"], ["fmt:prose", "domain:health", "noid"])

def gen_claims():
    for k in range(14):
        p = person(); mem = R.choice([f"{R.choice(['XJH','W','ZGP','MBR'])}{digits(9)}", f"{digits(3)}-{digits(2)}-{digits(4)}-01"]); code, dx, rx = R.choice(DX)
        st = k % 4
        if st == 0: t = f"CLAIM {digits(12)}\nMember: {p['n']}\nMember ID: {mem}  Group: {digits(6)}\nDOB: {fmt_date(p['dob'],'us2')}\nDx: {code}  CPT 99214  Billed $245.00\nRendering NPI: {npi()}"; tg = ["fmt:claim"]
        elif st == 1: t = f"subscriber_id|patient|dob|dx|cpt|paid\n{mem}|{p['n']}|{fmt_date(p['dob'],'iso')}|{code}|90837|132.50"; tg = ["fmt:pipe-table"]
        elif st == 2: t = f"Appeal letter draft: On behalf of my patient {p['n']} (member ID {mem}, date of birth {fmt_date(p['dob'],'long')}), I request reconsideration of the denial for {rx}."; tg = ["fmt:letter"]
        else: t = f"NM1*IL*1*{p['l'].upper()}*{p['f'].upper()}****MI*{mem}~\nDMG*D8*{p['dob'][0]}{p['dob'][1]:02d}{p['dob'][2]:02d}*F~\nN3*{p['street'].upper()}~"; tg = ["fmt:x12-837"]
        add("insurance-claim", t, ["pii"], tg + ["domain:insurance"])

def gen_student():
    for k in range(14):
        p = person(); sid = digits(R.choice([7, 8, 9])); par = full(); st = k % 4
        if st == 0: t = f"Student: {p['n']}  ID {sid}\nDOB: {fmt_date(dob(2008,2016))}\nIEP: yes — specific learning disability (dyslexia)\nGuardian: {par}, {p['phone']}, {p['street']}"; tg = ["fmt:kv"]
        elif st == 1: t = f"student_id,last,first,dob,gpa,discipline_incidents\n{sid},{p['l']},{p['f']},{fmt_date(dob(2005,2010),'iso')},2.1,3\n{digits(8)},{R.choice(LAST)},{R.choice(FIRST)},{fmt_date(dob(2005,2010),'iso')},3.7,0"; tg = ["fmt:csv"]
        elif st == 2: t = f"Counselor note: {p['n']} (grade 10, born {fmt_date(dob(2008,2010),'long')}) disclosed that her parent lost housing; family staying at {p['street']}. Referred to McKinney-Vento liaison."; tg = ["fmt:note"]
        else: t = f"Transcript request — {p['n']}, SID {sid}, DOB {fmt_date(dob(1995,2004),'us2')}, send to {p['email']}."; tg = ["fmt:request"]
        add("student-record", t, ["pii"], tg + ["domain:education"])

def gen_hr():
    for k in range(20):
        p = person(); st = k % 6; sal = R.randint(48, 190) * 1000; emp = "E" + digits(6)
        if st == 0: t = f"Performance review 2024 — {p['n']} (emp {emp})\nRating: 2 / Needs improvement\nManager comments: repeated absences linked to her chemotherapy schedule; consider PIP.\nBase salary: ${sal:,}\nHome: {p['street']}, {p['city']}"; tg = ["fmt:review"]
        elif st == 1: t = f"Disciplinary notice\nEmployee: {p['n']}\nDOB: {fmt_date(p['dob'])}\nIncident: positive post-accident drug screen (THC), 2025-03-04\nAction: final written warning"; tg = ["fmt:kv", "domain:disciplinary"]
        elif st == 2: t = f"name,emp_id,dob,home_phone,salary,ssn\n{p['n']},{emp},{fmt_date(p['dob'],'iso')},{p['phone']},{sal},{ssn()}"; tg = ["fmt:csv", "has:ssn"]
        elif st == 3: t = f"Background check result for {p['n']}, DOB {fmt_date(p['dob'],'us2')}: 2019 misdemeanor DUI conviction, Franklin County case {digits(2)}CR{digits(6)}. Adjudication: guilty plea."; tg = ["fmt:prose", "domain:background-check"]
        elif st == 4: t = f"Hi, quick one: {p['n']} is going on FMLA leave from 4/14 for her pregnancy complications. Her personal cell is {p['phone']} and personal email {p['email']}. Please don't share with the team."; tg = ["fmt:slack-message", "domain:leave"]
        else: t = J({"employee": {"id": emp, "legalName": p['n'], "dateOfBirth": fmt_date(p['dob'], 'iso'), "homeAddress": f"{p['street']}, {p['city']}", "compensation": {"base": sal, "currency": "USD"}, "emergencyContact": {"name": full(), "phone": phone()}}}); tg = ["fmt:json-hris"]
        add("hr-record", t, ["pii"], tg + ["domain:hr"])

def gen_contact():
    for k in range(30):
        p = person(); st = k % 10
        if st == 0: t = f"Customer: {p['n']}\nDOB: {fmt_date(p['dob'])}\nHome address: {p['street']}, {p['city']}\nMobile: {p['phone']}\nEmail: {p['email']}"; tg = ["fmt:kv"]
        elif st == 1: t = J({"id": R.randint(10**8, 10**9), "properties": {"firstname": p['f'], "lastname": p['l'], "email": p['email'], "phone": p['phone'], "address": p['street'], "city": p['city'].split(',')[0], "date_of_birth": fmt_date(p['dob'], 'iso')}}); tg = ["fmt:json-crm"]
        elif st == 2: t = f"Ticket {digits(7)} from {p['n']} <{p['email']}>: 'My package never came. I live at {p['street']}, {p['city']}, call me on {p['phone']}.'"; tg = ["fmt:ticket"]
        elif st == 3:
            rows = "\n".join(f"{x['n']},{x['email']},{x['phone']},\"{x['street']}, {x['city']}\",{fmt_date(x['dob'],'iso')}" for x in [person() for _ in range(12)])
            t = "name,email,phone,address,dob\n" + rows; tg = ["fmt:csv", "bulk"]
        elif st == 4: t = f"So the customer, {p['n']}, born {fmt_date(p['dob'],'us')}, lives at {p['street']} in {p['city']} and can be reached at {p['phone']}. She is disputing the late fee."; tg = ["fmt:agent-summary"]
        elif st == 5: t = f"From: {p['n']} <{p['email']}>\nTo: support@\nSubject: Re: address change\n\nPlease update my address to {p['street']}, {p['city']}. My birthday is {fmt_date(p['dob'],'long')} if you need to verify.\n\n> On Mon, Support wrote:\n> Please confirm your DOB."; tg = ["fmt:email-thread"]
        elif st == 6: t = f"| Name | Phone | Email | DOB |\n|---|---|---|---|\n" + "\n".join(f"| {x['n']} | {x['phone']} | {x['email']} | {fmt_date(x['dob'],'us2')} |" for x in [p] + [person() for _ in range(4)]); tg = ["fmt:markdown-table", "bulk"]
        elif st == 7: t = f"Kundin {p['n']}, geboren am {fmt_date(p['dob'],'eu')}, wohnhaft {p['street']}, Tel. {p['phone']}, beschwert sich über die Rechnung."; tg = ["fmt:prose", "lang:de"]
        elif st == 8: t = f"Cliente: {p['n']}\nFecha de nacimiento: {fmt_date(p['dob'],'eu')}\nDirección: {p['street']}, {p['city']}\nTeléfono: {p['phone']}\nCorreo: {p['email']}"; tg = ["fmt:kv", "lang:es"]
        else: t = f"{p['f']} called again. cell {p['phone'].replace('-',' ')} / email {p['email'].replace('@',' at ').replace('.',' dot ')}. DOB {fmt_date(p['dob'])}."; tg = ["fmt:note", "obf:at-dot"]
        add("contact-record", t, ["pii"], tg)

def gen_court():
    for k in range(12):
        p = person(); st = k % 4; stt, v = dl()
        if st == 0: t = f"INCIDENT REPORT #{digits(2)}-{digits(6)}\nSUSPECT: {p['l'].upper()}, {p['f'].upper()}  DOB {fmt_date(p['dob'],'us2')}  SEX F  RACE W\nADDR: {p['street'].upper()}, {p['city'].upper()}\nDL: {stt} {v}\nNARRATIVE: Subject arrested for shoplifting."; tg = ["fmt:police-report"]
        elif st == 1: t = f"IN THE CIRCUIT COURT ... Petitioner {p['n']} (DOB {fmt_date(p['dob'])}, SSN xxx-xx-{digits(4)}) seeks a protective order against respondent {full()}, residing at {p['street']}."; tg = ["fmt:court-filing", "has:ssn-last4"]
        elif st == 2: t = f"Sealed juvenile record: minor {p['n']}, born {fmt_date(dob(2008,2012),'long')}, adjudicated delinquent, case JV-{digits(6)}."; tg = ["fmt:court-record"]
        else: t = f"Probation officer notes — client {p['n']}, {p['street']}, {p['city']}, phone {p['phone']}; failed UA on 02/19; victim address withheld."; tg = ["fmt:note"]
        add("court-police", t, ["pii"], tg + ["domain:legal"])

def gen_intl():
    items = [("uk-nino", lambda p: f"National Insurance number: {nino()}\nEmployee: {p['n']}\nDOB: {fmt_date(p['dob'],'eu')}", "lang:en"),
             ("uk-nino", lambda p: f"{p['n']}'s NI no. is {' '.join([(x:=nino())[:2], x[2:4], x[4:6], x[6:8], x[8]])} — add to the P45.", "lang:en"),
             ("ca-sin", lambda p: f"SIN: {(s:=sin_ca())[:3]} {s[3:6]} {s[6:]}\nName: {p['n']}\nDate of birth: {fmt_date(p['dob'],'iso')}", "lang:en"),
             ("ca-sin", lambda p: f"Numéro d'assurance sociale : {(s:=sin_ca())[:3]}-{s[3:6]}-{s[6:]} — {p['n']}", "lang:fr"),
             ("de-steuerid", lambda p: f"Steuer-ID: {steuer_id()}\nName: {p['n']}\nGeb.-Datum: {fmt_date(p['dob'],'eu')}", "lang:de"),
             ("fr-nir", lambda p: f"N° de sécurité sociale : {nir()}\nAssuré : {p['n']}", "lang:fr"),
             ("es-dni", lambda p: f"DNI: {dni()}\nNombre: {p['n']}\nFecha de nacimiento: {fmt_date(p['dob'],'eu')}", "lang:es"),
             ("br-cpf", lambda p: f"CPF: {cpf()}\nNome: {p['n']}\nData de nascimento: {fmt_date(p['dob'],'eu').replace('.','/')}", "lang:pt"),
             ("in-aadhaar", lambda p: f"Aadhaar No.: {aadhaar()}\nName: {p['n']}\nDOB: {fmt_date(p['dob'],'eu').replace('.','/')}", "lang:en"),
             ("in-pan", lambda p: f"PAN: {''.join(R.choice(string.ascii_uppercase) for _ in range(3))}P{p['l'][0].upper()}{digits(4)}{R.choice(string.ascii_uppercase)}\nName: {p['n']}", "lang:en"),
             ("mx-curp", lambda p: f"CURP: {p['l'][:2].upper()}{p['f'][0].upper()}X{p['dob'][0]%100:02d}{p['dob'][1]:02d}{p['dob'][2]:02d}{R.choice('HM')}DF{''.join(R.choice('BCDFGHJKLMNPRSTVXZ') for _ in range(3))}0{R.randint(0,9)}\nNombre: {p['n']}", "lang:es"),
             ("it-cf", lambda p: f"Codice fiscale: {''.join(R.choice('BCDFGHLMNPRSTVZ') for _ in range(6))}{p['dob'][0]%100:02d}{'ABCDEHLMPRST'[p['dob'][1]-1]}{p['dob'][2]+40:02d}H501{R.choice(string.ascii_uppercase)}\nNominativo: {p['n']}", "lang:it")]
    for k in range(26):
        kind, fn, lang = items[k % len(items)]; p = person()
        add("intl-id", fn(p), ["pii"], ["id:" + kind, lang])

def gen_application():
    for k in range(14):
        p = person(); r = aba(); ac = acct(); s = ssn(); st = k % 4; emp = R.choice(EMPLOYERS); inc = R.randint(38, 160) * 1000
        if st == 0: t = f"RENTAL APPLICATION\nApplicant: {p['n']}\nSSN: {s}\nDOB: {fmt_date(p['dob'])}\nCurrent address: {p['street']}, {p['city']}\nEmployer: {emp}  Annual income: ${inc:,}\nBank: routing {r} checking {ac}"; tg = ["fmt:kv", "domain:tenant"]
        elif st == 1: t = J({"application": {"borrower": {"name": p['n'], "ssn": s.replace('-', ''), "dob": fmt_date(p['dob'], 'iso'), "employer": emp, "annualIncome": inc}, "funding": {"routingNumber": r, "accountNumber": ac}}}); tg = ["fmt:json-api", "domain:loan"]
        elif st == 2: t = f"Summary of {p['f']}'s mortgage pre-approval packet: {p['n']}, SSN {s}, earns ${inc:,} at {emp}; down payment comes from account {ac} (routing {r})."; tg = ["fmt:agent-summary", "domain:loan"]
        else: t = f"field,value\nname,{p['n']}\nssn,{s}\nemployer,{emp}\nincome,{inc}\naba,{r}\naccount,{ac}"; tg = ["fmt:csv", "domain:loan"]
        add("application", t, ["pii", "financial"], tg)

# ================================================================ NEGATIVES
def neg(cls, t, tags, arguable=False):
    add(cls, t, [], tags, neg=True, arguable=arguable)

def gen_negatives():
    # templates and blank forms
    tpls = ["RENTAL APPLICATION\nApplicant name: ____________\nSSN: ___-__-____\nDate of birth: __/__/____\nBank routing #: _________  Account #: ____________",
            "Direct Deposit Form\nEmployee Name: [FULL NAME]\nRouting Number: [9 DIGITS]\nAccount Number: [ACCOUNT]\nSignature: ______",
            "Dear {{customer.first_name}},\n\nWe received your request dated {{request.date}}. Your case number is {{case.id}}. Please verify your identity with the last four digits of your SSN when you call.\n\nRegards, {{agent.name}}",
            "Patient Name: <patient_name>\nMRN: <mrn>\nDOB: <dob>\nDiagnosis: <icd10>\nMedications: <med_list>",
            "| Field | Format | Example |\n|---|---|---|\n| SSN | NNN-NN-NNNN | XXX-XX-XXXX |\n| DOB | MM/DD/YYYY | MM/DD/YYYY |\n| Passport | 9 digits | ######### |",
            "KYC checklist: collect full legal name, date of birth, residential address, government ID (passport or driver's licence), and proof of address dated within 90 days.",
            "Subject: Your booking\nHi {first_name}, your flight {flight_no} departs {dep_time}. Please bring the passport you used when booking (ending ••••).",
            "Form W-9 instructions: Enter your TIN in the appropriate box. For individuals, this is generally your social security number (SSN). If you are a resident alien and you do not have and are not eligible to get an SSN, your TIN is your IRS individual taxpayer identification number (ITIN).",
            "INTAKE FORM v3\n1. Name ..................\n2. Soc. Sec. No. ....-..-....\n3. Member ID ..........\n4. Primary care physician .........",
            "Employee onboarding email template:\nWelcome {{name}}! On day one please bring two forms of ID from the I-9 list of acceptable documents (e.g. US passport, or driver's license + social security card).",
            "name,ssn,dob,routing,account\n,,,,\n,,,,", "<input name=\"ssn\" pattern=\"\\d{3}-\\d{2}-\\d{4}\" placeholder=\"123-45-6789\" required>",
            "Claim form CMS-1500 box guide: Box 1a Insured's ID number; Box 2 Patient's name; Box 3 Patient's birth date; Box 24J Rendering provider NPI.",
            "Student record export schema: student_id (string, 8), legal_name, dob (date), guardian_phone, iep_flag (bool). No data rows in this file.",
            "Loan application — section 4 (Assets): list each account with institution name, account type, and balance. Do not write full account numbers; the last 4 digits are sufficient."]
    for t in tpls: neg("template", t, ["fmt:template"])
    for k in range(6):
        neg("template", f"Hello {{{{first}}}} {{{{last}}}},\nYour appointment on {{{{date}}}} at {{{{clinic}}}} is confirmed. Reply STOP to opt out. Ref {{{{ref}}}}", ["fmt:template", "domain:health"])
    # synthetic data generators and docs
    gens = ["from faker import Faker\nfake = Faker('en_US')\nfor _ in range(100):\n    print(fake.name(), fake.ssn(), fake.date_of_birth(minimum_age=18))",
            "def fake_card(prefix='4', length=16):\n    digits = [int(c) for c in prefix]\n    while len(digits) < length - 1:\n        digits.append(random.randint(0, 9))\n    return ''.join(map(str, digits)) + str(luhn_check_digit(digits))",
            "## Synthetic patients\nWe use Synthea to generate fake patients. Each record has an MRN, name, birth date and conditions. Never load real PHI into the dev cluster.",
            "SSN_RE = re.compile(r'\\b(?!000|666|9\\d\\d)\\d{3}-(?!00)\\d{2}-(?!0000)\\d{4}\\b')\n# matches US social security numbers for redaction",
            "The ABA routing number checksum: 3*(d1+d4+d7) + 7*(d2+d5+d8) + (d3+d6+d9) must be divisible by 10.",
            "MBI format: position 1 numeric 1-9, position 2 alphabetic (excluding S, L, O, I, B, Z), position 3 alphanumeric, position 4 numeric ... 11 characters total.",
            "const mask = (ssn) => ssn.replace(/^\\d{3}-\\d{2}/, '***-**');\ntest('masks', () => expect(mask('XXX-XX-1234')).toBe('***-**-1234'));",
            "# data-gen config\nrows: 5000\nfields:\n  name: faker.name\n  email: faker.email\n  dob: faker.date_of_birth\n  ssn: faker.ssn\nseed: 42",
            "NPI check digit: prefix the 9 digits with 80840, apply the Luhn algorithm, the result is the 10th digit.",
            "IBAN validation: move the first four characters to the end, replace letters with numbers (A=10 ... Z=35), and check that the number mod 97 equals 1."]
    for t in gens: neg("synthetic-gen", t, ["fmt:code-or-doc"])
    # aggregate statistics
    for k in range(18):
        st = k % 6
        if st == 0: t = f"Q{R.randint(1,4)} support volume: {R.randint(1200,9000)} tickets, median first response {R.randint(2,40)} min, CSAT {R.randint(80,97)}%. Top contact reasons: billing (31%), shipping (22%), login (14%)."
        elif st == 1: t = "state,members,avg_age,pct_diabetic\n" + "\n".join(f"{s},{R.randint(1000,90000)},{R.randint(38,71)}.{R.randint(0,9)},{R.randint(5,19)}.{R.randint(0,9)}" for s in ["OH","WA","AZ","NC","NY","CA"])
        elif st == 2: t = f"Headcount by department: Engineering {R.randint(40,300)}, Sales {R.randint(20,120)}, Support {R.randint(10,80)}. Median base salary ${R.randint(70,140)},{R.randint(100,999)}; attrition {R.randint(5,19)}.{R.randint(0,9)}%."
        elif st == 3: t = f"Readmission rate (30-day) fell from {R.randint(14,19)}.{R.randint(0,9)}% to {R.randint(10,13)}.{R.randint(0,9)}% across {R.randint(3000,12000)} discharges; ages 65+ account for {R.randint(40,60)}%."
        elif st == 4: t = f"| Grade | Students | Avg GPA |\n|---|---|---|\n| 9 | {R.randint(200,400)} | 3.{R.randint(0,9)} |\n| 10 | {R.randint(200,400)} | 2.{R.randint(5,9)} |\n| 11 | {R.randint(200,400)} | 3.{R.randint(0,9)} |"
        else: t = f"Loan portfolio: {R.randint(1000,5000)} applications, approval rate {R.randint(40,70)}%, avg FICO {R.randint(640,760)}, avg DTI {R.randint(25,42)}%, total funded ${R.randint(10,99)}.{R.randint(0,9)}M."
        neg("aggregate", t, ["fmt:stats"])
    # anonymised / pseudonymised
    for k in range(22):
        st = k % 6; h = "".join(R.choice("0123456789abcdef") for _ in range(R.choice([16, 32, 64])))
        if st == 0: t = f"Patient A, 54-year-old female, presented with {R.choice(DX)[1]}. Started {R.choice(DX)[2]}. Outcome favourable at 6 months."
        elif st == 1: t = f"subject_id,age_band,sex,dx,outcome\n{h[:12]},50-59,F,{R.choice(DX)[0]},improved\n{''.join(R.choice('0123456789abcdef') for _ in range(12))},30-39,M,{R.choice(DX)[0]},stable"
        elif st == 2: t = J({"user": {"id": "usr_" + h[:24], "email_sha256": h if len(h) == 64 else h * (64 // len(h)), "region": "US-OH", "plan": "pro", "tickets_90d": R.randint(0, 9)}})
        elif st == 3: t = f"Case study (de-identified per HIPAA Safe Harbor): Participant P-{R.randint(10,99)} is a [age 40s] [occupation redacted] from [state redacted]. She reported [symptom] after starting treatment."
        elif st == 4: t = f"Customer [REDACTED_NAME] (id {h[:10]}) wrote: 'The app logs me out every time.' Contact: [REDACTED_EMAIL], [REDACTED_PHONE]."
        else: t = f"Employee #{R.randint(100,999)} (anonymised) — rating 3, tenure 4y, dept Ops. Name, DOB and address removed by HR analytics export."
        neg("anonymised", t, ["fmt:deidentified"])
    # public figures, public facts
    pubs = ["Abraham Lincoln was born on February 12, 1809, in Hodgenville, Kentucky, and was assassinated on April 14, 1865.",
            "Marie Curie (born 7 November 1867 in Warsaw) won Nobel Prizes in Physics (1903) and Chemistry (1911).",
            "Apple's headquarters are at One Apple Park Way, Cupertino, CA 95014; Tim Cook became CEO in 2011.",
            "The White House is at 1600 Pennsylvania Avenue NW, Washington, DC 20500.",
            "Serena Williams, born September 26, 1981, won 23 Grand Slam singles titles.",
            "Albert Einstein was born on 14 March 1879 in Ulm and died on 18 April 1955 in Princeton, New Jersey.",
            "Write a short bio: Ada Lovelace (10 December 1815 – 27 November 1852) wrote the first published algorithm for Babbage's Analytical Engine.",
            "Angela Merkel, geboren am 17. Juli 1954 in Hamburg, war von 2005 bis 2021 Bundeskanzlerin.",
            "Frida Kahlo nació el 6 de julio de 1907 en Coyoacán, Ciudad de México.",
            "Nelson Mandela was born 18 July 1918 in Mvezo and served as President of South Africa 1994–1999.",
            "Sherlock Holmes lives at 221B Baker Street, London; his friend Dr John Watson narrates the stories.",
            "Shakespeare was baptised on 26 April 1564 in Stratford-upon-Avon."]
    for t in pubs: neg("public-figure", t, ["fmt:prose"])
    # business contacts
    for k in range(18):
        co = R.choice(EMPLOYERS); dom = co.split()[0].lower() + ".com"; a, c = address()
        t = R.choice([f"{co}\nMain line: 1-800-{R.randint(200,999)}-{digits(4)}\nsales@{dom} | support@{dom}\n{a}, {c}",
                      f"For billing questions contact accounts-receivable@{dom} or call our switchboard {phone()} (Mon–Fri 9–5).",
                      f"Vendor list:\n- {co}, info@{dom}, {phone()}\n- {R.choice(EMPLOYERS)}, orders@{R.choice(['acme','globex','initech'])}.com",
                      f"Our office moved to {a}, {c}. Reception: {phone()}. Deliveries via the loading dock."])
        neg("business-contact", t, ["fmt:contact-block"])
    # product ids that look like personal ids
    for k in range(30):
        st = k % 10
        if st == 0: t = f"Order #{digits(3)}-{digits(7)}-{digits(7)} shipped via UPS 1Z{''.join(R.choice(string.ascii_uppercase+string.digits) for _ in range(6))}{digits(10)}."
        elif st == 1: t = f"FedEx tracking {digits(12)}; USPS tracking 9400 1{digits(3)} {digits(4)} {digits(4)} {digits(4)} {digits(2)}. Estimated delivery Thursday."
        elif st == 2: t = f"Invoice INV-{digits(9)} dated 2025-03-{R.randint(10,28)}, PO {digits(10)}, terms Net 30, amount due $4,{digits(3)}.00"
        elif st == 3: t = f"ISBN 978-{R.randint(0,1)}-{digits(3)}-{digits(5)}-{R.randint(0,9)} — 'Practical Statistics for Data Scientists', 2nd ed."
        elif st == 4: t = f"SKU,desc,qty\n{digits(3)}-{digits(2)}-{digits(4)},Hex bolt M8 zinc,400\n{digits(3)}-{digits(2)}-{digits(4)},Washer 8mm,1200\n{digits(3)}-{digits(2)}-{digits(4)},Lock nut M8,380"
        elif st == 5: t = f"Build {digits(3)}.{digits(2)}.{digits(4)} failed on runner ci-{digits(4)}; see job {digits(10)}."
        elif st == 6: t = f"Part number {digits(3)}-{digits(2)}-{digits(4)} (replacement filter) — compatible with models X200 and X300."
        elif st == 7: t = f"Confirmation code {''.join(R.choice(string.ascii_uppercase) for _ in range(6))}, e-ticket {digits(13)}, flight UA {R.randint(100,2999)} on 2025-06-{R.randint(10,28)}."
        elif st == 8: t = f"Serial numbers in lot {digits(6)}: " + ", ".join(f"SN{digits(9)}" for _ in range(5))
        else: t = f"ticket_id,created,priority,status\n{digits(7)},2025-02-{R.randint(10,28)}T10:{R.randint(10,59)}:00Z,P2,closed\n{digits(7)},2025-02-{R.randint(10,28)}T11:{R.randint(10,59)}:00Z,P3,open"
        neg("lookalike-id", t, ["fmt:business-ids"])
    # dates that are not birth dates
    for k in range(10):
        t = R.choice([f"Project kickoff {fmt_date(dob(2024,2026))}; design review {fmt_date(dob(2024,2026))}; launch {fmt_date(dob(2025,2026),'long')}.",
                      f"Policy effective date: {fmt_date(dob(2024,2026))}. Renewal date: {fmt_date(dob(2025,2027))}.",
                      f"Contract signed on {fmt_date(dob(2019,2025),'long')} between {R.choice(EMPLOYERS)} and {R.choice(EMPLOYERS)}.",
                      f"Ticket opened {fmt_date(dob(2024,2025),'us2')}, escalated {fmt_date(dob(2024,2025),'us2')}, resolved {fmt_date(dob(2025,2025),'us2')}."])
        neg("non-birth-date", t, ["fmt:prose"])
    # 555-01xx in docs
    for k in range(8):
        t = R.choice([f"Example: `curl -d 'phone=+1-202-555-01{R.randint(0,99):02d}' https://api.example.com/contacts`",
                      f"Sample contact: Jane Doe, (555) 01{R.randint(0,99):02d}, jane.doe@example.com, 123 Main St, Anytown, USA",
                      f"In the UI mockups use fictional numbers such as 555-01{R.randint(0,99):02d} and emails at example.org only."])
        neg("doc-example-contact", t, ["fmt:doc"])
    # test cards in payment docs
    tests = ["4242 4242 4242 4242", "4000 0566 5566 5556", "5555 5555 5555 4444", "3782 822463 10005", "6011 1111 1111 1117", "4111 1111 1111 1111", "4000 0000 0000 0002", "5105 1051 0510 5100"]
    for k, tc in enumerate(tests):
        t = R.choice([f"To test payments in sandbox mode use card {tc}, any future expiry date and any 3-digit CVC.",
                      f"| Scenario | Card number |\n|---|---|\n| Success | {tc} |\n| Declined | 4000 0000 0000 0002 |",
                      f"it('charges the test card', async () => {{ await pay({{ number: '{tc.replace(' ','')}', exp: '12/34', cvc: '123' }}) }})"])
        neg("test-card-doc", t, ["fmt:doc", "domain:payments"])
    for k in range(4):
        neg("test-card-doc", f"Stripe test mode: card {tests[k]} succeeds; {tests[(k+5)%8]} is declined with code card_declined. Never use real card data in test mode.", ["fmt:doc", "domain:payments"])
    # public NPI of organisations in directory
    for k in range(8):
        org = R.choice(["Riverside Regional Medical Center", "St. Brigid Community Hospital", "Lakeshore Pediatrics Group", "Valley Imaging Associates"])
        t = R.choice([f"Provider directory: {org} — Organization NPI {npi()}, taxonomy 282N00000X, {addr1()}, main phone {phone()}.",
                      f"Billing provider (box 33): {org}, NPI {npi()}, Tax ID on file. Place of service 22."])
        neg("org-npi", t, ["fmt:directory", "domain:health"])
    # policy text
    pol = ["Employees must never paste Social Security numbers, bank account numbers or patient identifiers into AI tools. Use the redaction tool first.",
           "HIPAA defines 18 identifiers, including names, geographic subdivisions smaller than a state, all elements of dates (except year) related to an individual, phone numbers, SSNs, MRNs and health plan beneficiary numbers.",
           "Retention: background check reports are destroyed 7 years after separation. Access is limited to HR business partners.",
           "Under FERPA, schools may disclose directory information (name, grade level) without consent unless parents opt out.",
           "PCI DSS requirement 3.4: render PAN unreadable anywhere it is stored (truncation, tokenization, strong cryptography).",
           "If a customer reads out their full card number on a recorded line, pause recording and ask them to use the IVR keypad instead.",
           "Datenschutz: Gesundheitsdaten sind besondere Kategorien personenbezogener Daten nach Art. 9 DSGVO und dürfen nur mit ausdrücklicher Einwilligung verarbeitet werden.",
           "Pour protéger votre vie privée, ne communiquez jamais votre numéro de sécurité sociale par e-mail.",
           "Driver's license numbers are considered sensitive personal information under CCPA §1798.140(ae).",
           "The SSA randomised SSN assignment in June 2011; area numbers no longer indicate the state of issuance."]
    for t in pol: neg("policy-text", t, ["fmt:policy"])
    # medical / hr / school content with no person
    gen_content = ["Metformin dosing: start 500 mg once or twice daily with meals; titrate by 500 mg weekly to max 2,000–2,550 mg/day. Contraindicated if eGFR < 30.",
                   "ICD-10 codes for diabetes: E10 type 1, E11 type 2, E13 other specified; add .9 for without complications.",
                   "CPT 99213 vs 99214: choose based on medical decision making (low vs moderate) or total time (20–29 vs 30–39 minutes).",
                   "Job description: Payroll Specialist. Processes bi-weekly payroll for 400 employees, reconciles direct-deposit files, maintains I-9 compliance.",
                   "Salary bands 2025: L3 $95k–$120k, L4 $120k–$150k, L5 $150k–$185k. Bands reviewed annually.",
                   "Class schedule fall term: Algebra II period 1, Chemistry period 2, US History period 3, lunch, English 11 period 4.",
                   "Discharge instructions (general): keep the incision dry for 48 hours, take acetaminophen as needed, return if fever > 101.5°F.",
                   "Performance review rubric: 1 = does not meet, 2 = partially meets, 3 = meets, 4 = exceeds, 5 = far exceeds expectations.",
                   "Lab reference ranges: HbA1c normal < 5.7 %, prediabetes 5.7–6.4 %, diabetes ≥ 6.5 %.",
                   "The tenant screening process checks credit, eviction history and income (3x rent). Applications take 2–3 business days."]
    for t in gen_content: neg("domain-content", t, ["fmt:prose"])
    # business/log data with numbers
    for k in range(12):
        st = k % 4
        if st == 0: t = f"2025-03-{R.randint(10,28)}T08:{R.randint(10,59)}:{R.randint(10,59)}Z INFO request_id={''.join(R.choice('0123456789abcdef') for _ in range(32))} latency_ms={R.randint(5,900)} status=200 path=/v1/orders/{digits(8)}"
        elif st == 1: t = f"Coordinates: {R.randint(30,47)}.{digits(6)}, -{R.randint(80,122)}.{digits(6)} (warehouse dock 4)"
        elif st == 2: t = f"commit {''.join(R.choice('0123456789abcdef') for _ in range(40))}\nMerge: fix rounding in invoice totals"
        else: t = f"Quarterly revenue: $1,{digits(3)},{digits(3)}; EBITDA margin {R.randint(10,30)}%; cash $ {digits(3)},{digits(3)},{digits(3)}."
        neg("log-or-metric", t, ["fmt:log"])
    # famous doc example IBANs / routing numbers of banks in docs
    docs = ["IBAN format example: DE89 3704 0044 0532 0130 00 (Germany, 22 characters).",
            "Example UK IBAN from the standard: GB82 WEST 1234 5698 7654 32.",
            "Wire instructions for paying our invoices: Beneficiary: Brightline Logistics Inc., Bank: First Republic, SWIFT FRBBUS6S. Account details are on the invoice PDF.",
            "Bank routing numbers are public: every bank branch publishes its ABA routing number on its website; it identifies the bank, not the customer."]
    for t in docs: neg("doc-example-bank", t, ["fmt:doc"])
    # masked / truncated personal data (no recoverable identifiers)
    for k in range(14):
        p = person()
        t = R.choice([f"Customer {p['f']} {p['l'][0]}. verified with card ending {digits(4)}; refund of $42.10 issued.",
                      f"Payment method on file: Visa •••• {digits(4)}, exp {R.randint(1,12):02d}/{R.randint(26,30)}.",
                      f"SSN on file: ***-**-{digits(4)} (masked). Identity verified via KBA.",
                      f"Account ****{digits(4)} debited $1,250.00 for rent (ref {digits(8)})."])
        neg("masked", t, ["fmt:masked"], arguable=(k % 7 == 0))
    # arguable: single name + work email, work phone, signature
    for k in range(12):
        p = person(); co = R.choice(EMPLOYERS); dom = co.split()[0].lower() + ".com"
        t = R.choice([f"Please loop in {p['n']} ({p['f'].lower()}.{p['l'].lower()}@{dom}) on the renewal thread.",
                      f"--\n{p['n']}\nSenior Account Manager, {co}\nDirect: {phone()}\n{p['f'][0].lower()}{p['l'].lower()}@{dom}",
                      f"Org chart: {p['n']} — Director of Finance; reports to {full()} (CFO).",
                      f"Meeting notes: {p['n']} from {co} agreed to send the revised quote by Friday."])
        neg("business-person", t, ["fmt:work-contact"], arguable=True)

# ================================================================ stage 2: containers and harder negatives
import zipfile, io, gzip
def b64(s): return base64.b64encode(s.encode() if isinstance(s, str) else s).decode()
def zbytes(files):
    bio = io.BytesIO()
    with zipfile.ZipFile(bio, "w", zipfile.ZIP_DEFLATED) as z:
        for fn, data in files:
            zi = zipfile.ZipInfo(fn, date_time=(2025, 1, 1, 0, 0, 0)); zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)
    return bio.getvalue()
def xlsx(rows):
    ss = []; idx = {}
    def si(v):
        if v not in idx: idx[v] = len(ss); ss.append(v)
        return idx[v]
    cols = "ABCDEFGH"
    sheet_rows = "".join(f'<row r="{r+1}">' + "".join(f'<c r="{cols[c]}{r+1}" t="s"><v>{si(v)}</v></c>' for c, v in enumerate(row)) + "</row>" for r, row in enumerate(rows))
    sst = '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + "".join(f"<si><t>{v}</t></si>" for v in ss) + "</sst>"
    return zbytes([("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'),
                   ("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'),
                   ("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'),
                   ("xl/worksheets/sheet1.xml", f'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheet_rows}</sheetData></worksheet>'),
                   ("xl/sharedStrings.xml", sst)])
def docx(paras):
    body = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{p}</w:t></w:r></w:p>" for p in paras)
    return zbytes([("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
                   ("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
                   ("word/document.xml", f'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>')])
def write_http(cid, method, host, path, headers, body):
    os.makedirs(os.path.join(HERE, "cases"), exist_ok=True)
    body = body.encode() if isinstance(body, str) else body
    head = f"{method} {path} HTTP/1.1\r\nHost: {host}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + f"Content-Length: {len(body)}\r\n\r\n"
    with open(os.path.join(HERE, "cases", cid + ".http"), "wb") as f: f.write(head.encode() + body)
    return f"cases/{cid}.http"
def add_raw(cls, method, host, path, headers, body, cats, tags, neg=False, arguable=False):
    i = COUNT.get(cls, 0) + 1; COUNT[cls] = i; cid = f"{cls}-{i:03d}"
    tg = [("neg:" if neg else "class:") + cls] + tags
    if arguable: tg.append("arguable")
    CASES.append({"id": cid, "request": write_http(cid, method, host, path, headers, body), "expect": {} if neg else {"categories": cats}, "tags": tg})
def mp_file(fn, ctype, data):
    b = "----sieve" + digits(12)
    data = data.encode() if isinstance(data, str) else data
    body = (f"--{b}\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nuser_data\r\n--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{fn}\"\r\nContent-Type: {ctype}\r\n\r\n").encode() + data + f"\r\n--{b}--\r\n".encode()
    return {"Content-Type": f"multipart/form-data; boundary={b}"}, body
XL = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DX_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

def gen_containers():
    for k in range(4):
        rows = "\n".join(f"{x['n']},{ssn()},{fmt_date(x['dob'],'iso')}" for x in [person() for _ in range(5)])
        add("attachment", J({"model": "claude-sonnet-4-5", "max_tokens": 1024, "messages": [{"role": "user", "content": [
            {"type": "document", "source": {"type": "base64", "media_type": "text/plain", "data": b64("name,ssn,dob\n" + rows)}, "title": "new_hires.csv"},
            {"type": "text", "text": "Check this file for duplicate people."}]}]}), ["pii"], ["container:anthropic-document-b64", "has:ssn"],
            place=lambda t: ("https://api.anthropic.com/v1/messages", AJ, t, "place:anthropic-user"))
    for k in range(3):
        p = person(); c = card()
        doc = f"Refund request\nCustomer: {p['n']}\nCard: {group_card(c)}\nExp: 09/28\nAddress: {addr1()}"
        add("attachment", J({"model": "gpt-4.1", "input": [{"role": "user", "content": [{"type": "input_file", "filename": "refund.txt", "file_data": "data:text/plain;base64," + b64(doc)},
            {"type": "input_text", "text": "Process this refund."}]}]}), ["financial"], ["container:openai-input-file-b64", "has:card"],
            place=lambda t: ("https://api.openai.com/v1/responses", AJ, t, "place:openai-responses"))
    for k in range(3):
        rows = [["Employee", "SSN", "DOB", "Routing", "Account"]] + [[x['n'], ssn(), fmt_date(x['dob'], 'us2'), aba(), acct()] for x in [person() for _ in range(6)]]
        h, b = mp_file("payroll_march.xlsx", XL, xlsx(rows))
        add_raw("attachment", "POST", "api.openai.com", "/v1/files", h, b, ["financial", "pii"], ["container:xlsx", "place:multipart-upload", "has:ssn", "has:bank"])
    for k in range(3):
        p = person()
        h, b = mp_file("offer_letter.docx", DX_CT, docx([f"Dear {p['n']},", f"Your offer is contingent on a background check. We have your SSN on file as {ssn()} and date of birth {fmt_date(p['dob'],'long')}.", f"Home address: {addr1()}"]))
        add_raw("attachment", "POST", "api.anthropic.com", "/v1/files", h, b, ["pii"], ["container:docx", "place:multipart-upload", "has:ssn"])
    for k in range(3):
        p = person(); s = ssn()
        q = f"/v2/screening?first={p['f']}&last={p['l']}&ssn={s}&dob={fmt_date(p['dob'],'iso')}"
        add_raw("attachment", "GET", "api.tenantcheck-demo.io", q, {"Accept": "application/json"}, b"", ["pii"], ["container:query-string", "place:raw-http", "has:ssn"])
    for k in range(3):
        p = person(); r = aba(); ac = acct()
        body = f"name={p['f']}+{p['l']}&routing_number={r}&account_number={ac}&account_type=checking&email={p['email'].replace('@','%40')}"
        add_raw("attachment", "POST", "payments.vendorportal-demo.com", "/ach/enroll", {"Content-Type": "application/x-www-form-urlencoded"}, body, ["financial"], ["container:form-urlencoded", "place:raw-http", "has:bank"])
    for k in range(3):
        p = person()
        inner = J({"model": "gpt-4o", "messages": [{"role": "user", "content": f"Patient {p['n']}, MRN {mrn()}, DOB {fmt_date(p['dob'])}, Medicare {mbi()} — summarise the chart."}]})
        add_raw("attachment", "POST", "api.openai.com", "/v1/chat/completions", {"Content-Type": "application/json", "Content-Encoding": "gzip"}, gzip.compress(inner.encode(), mtime=0), ["pii"], ["container:gzip", "place:raw-http", "has:mbi"])
    for k in range(3):
        p = person()
        nb = J({"cells": [{"cell_type": "code", "source": ["df = pd.read_sql('select * from customers limit 3', conn)\n", "df"], "outputs": [{"output_type": "execute_result", "data": {"text/plain": [
            "   name               ssn          dob\n", "\n".join(f"{i}  {x['n']:<18} {ssn()}  {fmt_date(x['dob'],'iso')}" for i, x in enumerate([p, person(), person()]))]}}]}], "nbformat": 4})
        add("attachment", nb, ["pii"], ["container:ipynb", "has:ssn"], place=p_multipart)
    # bare SSNs without any label
    for k in range(6):
        p = person()
        t = R.choice([f"{p['n']}  {ssn()}  {p['city']}", f"{p['l'].upper()} {p['f'].upper()} {ssn()} {fmt_date(p['dob'],'us2')}", f"Forwarding for {p['n']}: {ssn()}"])
        add("bare-ssn", t, ["pii"], ["fmt:unlabelled"])

def gen_hard_negatives():
    # SSN-shaped but not SSNs / invalid or famous sample numbers
    hn = ["QA fixture: {\"name\": \"Test User\", \"ssn\": \"000-12-3456\", \"email\": \"test.user@example.com\"}  # area 000 is never issued",
          "SSA note: numbers with area 666 or 900-999 are never assigned to people; e.g. 666-12-3456 fails validation by design.",
          "History: 078-05-1120 is the famous Woolworth wallet-insert SSN that the SSA voided in 1943.",
          "SS7 routing: SCCP called party SSN=146 (CAMEL), calling SSN=8 (MSC). GT 31-6-5543.",
          "Employer Identification Number (EIN): 84-2917365 — Brightline Logistics Inc. (business tax ID, for W-9 requests).",
          "Invoice footer: Federal Tax ID 47-1839204 | DUNS 08-146-7321 | Net 30",
          "Parts list: 406-71-3382 gasket, 406-71-3383 o-ring, 406-71-3390 clamp (supplier catalogue numbers).",
          "Court calendar: Case 2025-CV-004417, hearing 09:30, Dept. 12. Parties: Acme Holdings LLC v. Globex Corp.",
          "Dial-in: +1 646 931 3860, meeting ID 871 0442 6592, passcode 412559.",
          "Release 2025.03.1142 — fixes for the export job (ticket 512-44-1290 in the old numbering scheme)."]
    for t in hn: neg("ssn-lookalike", t, ["fmt:mixed", "hard"])
    # Luhn-valid non-card numbers
    for k in range(8):
        b = "35" + digits(12); imei = b + luhn_check(b)
        g = "6" + digits(14); gift = g + luhn_check(g)
        t = R.choice([f"Asset inventory: laptop LT-{digits(4)} (dock 3), phone IMEI {imei}, assigned to Shared Pool B.",
                      f"Device list\nmodel,imei,status\nPixel 8,{imei},in stock\nPixel 8,{(lambda x: x + luhn_check(x))('35' + digits(12))},in stock",
                      f"Store gift card batch {digits(5)}: first card {gift[:4]} {gift[4:8]} {gift[8:12]} {gift[12:]}, value $25, unassigned stock."])
        neg("luhn-lookalike", t, ["fmt:inventory", "hard"])
    # ABA-valid 9-digit ids / company banking details
    for k in range(6):
        t = R.choice([f"Order {aba()} picked, order {aba()} packed, order {aba()} shipped.", f"Zip+4 batch: 43215-{digits(4)}, 98402-{digits(4)}; route code {aba()}."])
        neg("aba-lookalike", t, ["fmt:business-ids", "hard"])
    for k in range(4):
        t = f"Remit to: Brightline Logistics Inc., {addr1()}\nBank: Mesa Verde Credit Union\nABA {aba()}  Acct {acct()}\nReference your invoice number on the payment."
        neg("company-bank-details", t, ["fmt:invoice", "hard"], arguable=True)
    # official specimen documents
    spec = ["CMS example on the MBI page: 1EG4-TE5-MK73 (this is an example, not a real beneficiary).",
            "ICAO 9303 specimen MRZ:\nP<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10",
            "Sample license on the DMV site shows 'DL I1234568, EXP 08/31/2014, LN SAMPLE, FN ALEXANDER JOSEPH'.",
            "Specimen passport page: Surname HAPPY, Given names TRAVELER, Passport No. 000000000, nationality UNITED STATES OF AMERICA."]
    for t in spec: neg("specimen", t, ["fmt:doc", "hard"])
    # data profiling / schema reports
    for k in range(6):
        t = R.choice([f"Column profile — customers table\nssn: string, 0 nulls, {R.randint(9000,99000)} distinct, pattern NNN-NN-NNNN (100%)\ndob: date, min 1931-02-03, max 2006-11-30\nemail: string, 0.4% nulls",
                      f"DLP scan summary: 37 files contained patterns resembling SSNs, 12 contained card numbers; all were quarantined. No values are shown in this report.",
                      f"CREATE TABLE patients (mrn VARCHAR(12) PRIMARY KEY, full_name TEXT, dob DATE, medicare_mbi CHAR(11), ssn_enc BYTEA);",
                      f"dbt test results: not_null_customers_ssn PASS, unique_customers_email PASS, accepted_values_state PASS ({R.randint(20,90)} tests)."])
        neg("schema-profile", t, ["fmt:schema", "hard"])
    # test fixtures clearly fake
    for k in range(6):
        t = R.choice([f"users.json fixture: [{{\"name\": \"Jane Doe\", \"email\": \"jane@example.com\", \"phone\": \"555-01{R.randint(10,99)}\", \"dob\": \"1900-01-01\"}}]",
                      f"Seed data: John Q. Public, 123 Main Street, Anytown, ST 00000, DOB 01/01/1970, phone (555) 010-{R.randint(1000,1099)}.",
                      f"Lorem ipsum test account: test+{R.randint(1,99)}@example.org / Test McTestface / born 1999-12-31 (fake)."])
        neg("fake-fixture", t, ["fmt:fixture", "hard"])
    # fiction and public rosters
    fic = ["Chapter 3 summary: Elizabeth Bennet, 20, lives at Longbourn in Hertfordshire; Mr Darcy's income is ten thousand a year.",
           "Character sheet: Harry Potter, born 31 July 1980, 4 Privet Drive, Little Whinging, Surrey.",
           "Roster (public): #23 LeBron James, F, born Dec 30, 1984, Akron, OH; #30 Stephen Curry, G, born Mar 14, 1988.",
           "Press release: CEO Jane Fraser will present at the conference; media contact press@citi.com."]
    for t in fic: neg("fiction-public", t, ["fmt:prose", "hard"])

# ================================================================ stage 3
def gen_stage3():
    for k in range(14):
        p = person(); a, g, s = ssn_parts(); st = k % 7
        if st == 0: t = f"<Applicant><Name>{p['n']}</Name><SSN>{a}{g}{s}</SSN><BirthDate>{fmt_date(p['dob'],'iso')}</BirthDate></Applicant>"; tg = ["fmt:xml", "sep:none"]
        elif st == 1: t = f"employee:\n  name: {p['n']}\n  ssn: \"{a}-{g}-{s}\"\n  dob: {fmt_date(p['dob'],'iso')}\n  address: {p['street']}, {p['city']}"; tg = ["fmt:yaml", "sep:dash"]
        elif st == 2: t = f"Cliente: {p['n']}\nNúmero de Seguro Social: {a}-{g}-{s}\nFecha de nacimiento: {fmt_date(p['dob'],'eu')}"; tg = ["fmt:kv", "lang:es", "sep:dash"]
        elif st == 3: t = f"<p>Applicant: {p['n']}<br>SSN: <span>{a}</span>-<span>{g}</span>-<span>{s}</span></p>"; tg = ["fmt:html", "obf:html-spans"]
        elif st == 4: t = f"---------- Forwarded message ---------\nFrom: {p['n']} <{p['email']}>\n\n> Here is the info you asked for\n> SSN {a} {g} {s}\n> DOB {fmt_date(p['dob'])}\n\nThanks for forwarding."; tg = ["fmt:email-quoted", "sep:space"]
        elif st == 5: t = f"ssnum={a}{g}{s};name={p['n']};dob={fmt_date(p['dob'],'iso')}"; tg = ["fmt:kv-inline", "sep:none", "label:ssnum"]
        else: t = f"{p['n']}'s social: {a} - {g} - {s} (she typed it with spaces)"; tg = ["fmt:prose", "sep:spaced-dash"]
        add("ssn", t, ["pii"], tg + ["stage:3"])
    for k in range(4):
        rows = "\n".join(f"- {x['n']}: {x['phone']} (cell), {x['email']}" for x in [person() for _ in range(8)])
        add("contact-record", "Emergency phone tree — personal cells, do not forward:\n" + rows, ["pii"], ["fmt:bullets", "bulk", "stage:3"])

def gen_stage3_neg():
    for k in range(6):
        rows = "\n".join(f"{c} store: ({R.choice(AREA)}) {R.randint(201,989)}-{digits(4)}, {R.randint(100,9999)} {R.choice(STREETS)}" for c, s, z in R.sample(CITIES, 8))
        neg("store-locator", "Store locator — main lines (public):\n" + rows, ["fmt:list", "hard", "bulk"])
    for k in range(5):
        doms = R.sample(["acme.com","globex.com","initech.com","umbrella-corp.com","hooli.com","wayne-ent.com","stark-ind.com","cyberdyne.io","soylent.co","tyrell.com"], 8)
        rows = "\n".join(f"{d.split('.')[0].title()},{R.choice(['sales','support','billing','orders','info','ap'])}@{d},{R.choice(['Net 30','Net 45','Prepaid'])}" for d in doms)
        neg("role-emails", "vendor,contact_email,terms\n" + rows, ["fmt:csv", "hard", "bulk"])
    for k in range(4):
        rows = "\n".join(f"| {R.choice(EMPLOYERS)} | {fmt_date(dob(1950,2015),'iso')} | {R.choice(['OH','WA','TX','NY'])} |" for _ in range(6))
        neg("company-dates", "| Company | Founded | HQ state |\n|---|---|---|\n" + rows, ["fmt:markdown-table", "hard"])
    spec = ["FHIR R4 example resource patient-example.json: name Peter James Chalmers, birthDate 1974-12-25, identifier 12345 (urn:oid:1.2.36.146.595.217.0.1).",
            "HL7 v2 sample from the spec: PID|||555-44-4444||EVERYWOMAN^EVE^E^^^^L|JONES|19620320|F|||153 FERNWOOD DR.^^STATESVILLE^OH^35292",
            "How to read a check: the first number on the bottom, ⑆123456780⑆, is the routing number; then the account number 000123456789 and check number 1001 (sample check image).",
            "Enter the patient's MRN (8 digits, no dashes) in the search box, then press Enter. The MRN field rejects names.",
            "NPPES public file excerpt: NPI 1" + digits(9) + ", Entity Type 2, Organization: Lakeshore Pediatrics Group, Taxonomy 208000000X.",
            "Sample W-2 from the IRS instructions: Employee's SSN 000-00-0000 (do not use), Employer EIN 00-0000000, Wages $00,000.00."]
    for t in spec: neg("specimen", t, ["fmt:doc", "hard"], arguable=("FHIR" in t or "HL7" in t))
    more = ["Reminder: open enrollment closes 11/15. Bring your member ID card to the benefits fair on 11/02 at 10:00.",
            "Our support hours are 8am–8pm ET. Call 1-888-" + digits(3) + "-" + digits(4) + " or chat with us. Average wait is 3 minutes.",
            "Refund policy: refunds go back to the original payment method within 5–10 business days.",
            "Meeting notes: discussed migrating the HRIS to the new vendor; data mapping for SSN, DOB and bank fields will be reviewed by Security before any test load.",
            "Prompt for the support bot: never ask customers for their full card number, SSN or passwords. Ask for the order number instead.",
            "Sprint retro: the payroll export job timed out for 3 of 12 runs; root cause was the bank file generator retrying on 502s.",
            "The clinic will be closed on 12/25 and 1/1. Prescription refills requested by 12/22 will be ready before the holiday.",
            "Our NPI lookup tool calls the public NPPES API: GET https://npiregistry.cms.hhs.gov/api/?number=<npi>&version=2.1",
            "Q3 background-check vendor SLA: 94% of reports returned within 48h; 2.1% required manual county court searches.",
            "Travel policy: book economy for flights under 6 hours; passport details are stored only in the travel agency profile, never in expense reports."]
    for t in more: neg("office-no-pii", t, ["fmt:prose"])

def main():
    gen_ssn(); gen_itin(); gen_bank(); gen_iban(); gen_card(); gen_passport(); gen_dl(); gen_medicare(); gen_clinical()
    gen_claims(); gen_student(); gen_hr(); gen_contact(); gen_court(); gen_intl(); gen_application(); gen_negatives(); gen_containers(); gen_hard_negatives(); gen_stage3(); gen_stage3_neg()
    with open(os.path.join(HERE, "manifest.jsonl"), "w") as f:
        for c in CASES:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    pos = sum(1 for c in CASES if c["expect"]); print(f"{len(CASES)} cases: {pos} positive, {len(CASES)-pos} negative")

if __name__ == "__main__":
    main()
