#!/usr/bin/env python3
"""Blind red-team corpus for Sieve: PII / financial / confidential documents. Fixed seed, stdlib only."""
import json, random, base64, gzip, zlib, io, zipfile, os, urllib.parse, quopri, html
R = random.Random(20261206)
OUT = os.path.dirname(os.path.abspath(__file__))
os.makedirs(os.path.join(OUT, "req"), exist_ok=True)
CASES = []

# ---------------- value generators ----------------
FIRST = ["Marisol","Dmitri","Keisha","Tobias","Anneliese","Rahul","Ngozi","Henrik","Lucia","Farrukh","Bethany","Oluwaseun",
         "Camille","Grzegorz","Priyanka","Mateus","Siobhan","Kenji","Fatima","Ewan","Yolanda","Bartholomew","Ingrid","Thanh"]
LAST = ["Okafor","Lindqvist","Castellanos","Whitfield","Nakamura","Brennan","Abernathy","Szymanski","Delacroix","Rutherford",
        "Mbeki","Valdivia","Kowalczyk","Haverford","Oyelaran","Pemberton","Iwasaki","Garroway","Thibodeaux","Quintero"]
STREETS = ["Maple Ridge Dr","Harbor View Ln","Old Mill Rd","Juniper Ct","Bramblewood Ave","Kestrel Way","Cedar Hollow Rd"]
CITIES = [("Columbus","OH","43215"),("Tacoma","WA","98402"),("Raleigh","NC","27601"),("Boise","ID","83702"),("Tulsa","OK","74103"),("Madison","WI","53703")]
def name(): return R.choice(FIRST)+" "+R.choice(LAST)
def addr():
    c=R.choice(CITIES); return f"{R.randint(100,9899)} {R.choice(STREETS)}, {c[0]}, {c[1]} {c[2]}"
def dob(): return f"{R.randint(1948,2003)}-{R.randint(1,12):02d}-{R.randint(1,28):02d}"
def dob_us(): return f"{R.randint(1,12):02d}/{R.randint(1,28):02d}/{R.randint(1948,2003)}"
def email(n): f,l=n.lower().split(); return f"{f}.{l}{R.randint(1,99)}@{R.choice(['gmail.com','outlook.com','yahoo.com','icloud.com','proton.me'])}"
def phone(): return f"({R.randint(201,989)}) {R.randint(201,989)}-{R.randint(1000,9999)}"
def ssn_parts():
    while True:
        a=R.randint(1,899)
        if a!=666: break
    return a,R.randint(1,99),R.randint(1,9999)
def ssn(sep="-"):
    a,g,s=ssn_parts(); return f"{a:03d}{sep}{g:02d}{sep}{s:04d}"
def itin(sep="-"):
    g=R.choice(list(range(70,89))+[90,91,92,94,95,96,97,98,99]); return f"9{R.randint(0,99):02d}{sep}{g}{sep}{R.randint(1,9999):04d}"
def luhn_check(s):
    tot=0
    for i,ch in enumerate(reversed(s)):
        d=int(ch)
        if i%2==0:
            d*=2
            if d>9: d-=9
        tot+=d
    return (10-tot%10)%10
def luhn_ok(s): return luhn_check(s[:-1])==int(s[-1])
def card(prefix=None,length=16):
    if prefix is None: prefix=R.choice(["4","51","52","53","54","55","2221","6011","3528"])
    body=prefix+"".join(str(R.randint(0,9)) for _ in range(length-len(prefix)-1))
    c=body+str(luhn_check(body))
    if c in ("4111111111111111","4242424242424242"): return card(prefix,length)
    return c
def fmt4(c,sep=" "): return sep.join(c[i:i+4] for i in range(0,len(c),4))
def fmt_amex(c,sep=" "): return c[:4]+sep+c[4:10]+sep+c[10:]
def exp(): return f"{R.randint(1,12):02d}/{R.randint(27,31)}"
def cvv(n=3): return "".join(str(R.randint(0,9)) for _ in range(n))
def digits(n): return "".join(str(R.randint(0,9)) for _ in range(n))
def iban(cc,bban_len,alpha_prefix=""):
    bban=alpha_prefix+digits(bban_len-len(alpha_prefix))
    rearr=bban+cc+"00"
    num="".join(str(int(ch,36)) for ch in rearr)
    chk=98-int(num)%97
    return f"{cc}{chk:02d}{bban}"
def iban_sp(i): return " ".join(i[k:k+4] for k in range(0,len(i),4))
def aba():
    while True:
        p=R.choice(["01","02","03","04","05","06","07","08","09","10","11","12","21","22","23","24","25","26","27","28","29","30","31","32"])
        d=p+digits(6)
        for c in range(10):
            s=d+str(c); w=[3,7,1]*3
            if sum(int(s[i])*w[i] for i in range(9))%10==0: return s
def nino():
    bad1="DFIQUV"; bad2="DFIQUVO"
    while True:
        a=R.choice([c for c in "ABCEGHJKLMNPRSTWXYZ" if c not in bad1]); b=R.choice([c for c in "ABCEGHJKLMNPRSTWXYZ" if c not in bad2])
        if a+b not in ("BG","GB","NK","KN","TN","NT","ZZ"): break
    return f"{a}{b}{digits(6)}{R.choice('ABCD')}"
def sin():
    b=str(R.randint(1,7))+digits(7); return b+str(luhn_check(b))
VD=[[0,1,2,3,4,5,6,7,8,9],[1,2,3,4,0,6,7,8,9,5],[2,3,4,0,1,7,8,9,5,6],[3,4,0,1,2,8,9,5,6,7],[4,0,1,2,3,9,5,6,7,8],
    [5,9,8,7,6,0,4,3,2,1],[6,5,9,8,7,1,0,4,3,2],[7,6,5,9,8,2,1,0,4,3],[8,7,6,5,9,3,2,1,0,4],[9,8,7,6,5,4,3,2,1,0]]
VP=[[0,1,2,3,4,5,6,7,8,9],[1,5,7,6,2,8,3,0,9,4],[5,8,0,3,7,9,6,1,4,2],[8,9,1,6,0,4,3,5,2,7],[9,4,5,3,1,2,6,8,7,0],
    [4,2,8,6,5,7,3,9,0,1],[2,7,9,3,8,0,6,4,1,5],[7,0,4,6,9,1,3,2,5,8]]
VINV=[0,4,3,2,1,5,6,7,8,9]
def verhoeff_gen(num):
    c=0
    for i,ch in enumerate(reversed(num)): c=VD[c][VP[(i+1)%8][int(ch)]]
    return str(VINV[c])
def aadhaar():
    b=str(R.randint(2,9))+digits(10); return b+verhoeff_gen(b)
def pan():
    L="ABCDEFGHIJKLMNOPQRSTUVWXYZ"; return "".join(R.choice(L) for _ in range(3))+"P"+R.choice(L)+digits(4)+R.choice(L)
def cpf(fmt=True):
    n=[R.randint(0,9) for _ in range(9)]
    for k in (10,11):
        s=sum(n[i]*(k-i) for i in range(k-1)); d=(s*10)%11; n.append(0 if d==10 else d)
    s="".join(map(str,n)); return f"{s[:3]}.{s[3:6]}.{s[6:9]}-{s[9:]}" if fmt else s
def cnpj():
    n=[R.randint(0,9) for _ in range(8)]+[0,0,0,1]
    for w in ([5,4,3,2,9,8,7,6,5,4,3,2],[6,5,4,3,2,9,8,7,6,5,4,3,2]):
        s=sum(a*b for a,b in zip(n,w)); r=s%11; n.append(0 if r<2 else 11-r)
    s="".join(map(str,n)); return f"{s[:2]}.{s[2:5]}.{s[5:8]}/{s[8:12]}-{s[12:]}"
def dni():
    n=R.randint(10000000,99999999); return f"{n}{'TRWAGMYFPDXBNJZSQVHLCKE'[n%23]}"
def nie():
    p=R.choice("XYZ"); n=R.randint(1000000,9999999); v=int(str("XYZ".index(p))+f"{n:07d}"); return f"{p}{n:07d}{'TRWAGMYFPDXBNJZSQVHLCKE'[v%23]}"
def bsn():
    while True:
        d=[R.randint(0,9) for _ in range(8)]
        s=sum(d[i]*(9-i) for i in range(8))
        for last in range(10):
            if (s-last)%11==0 and d[0]!=0: return "".join(map(str,d))+str(last)
def cn_id():
    area=R.choice(["110105","310104","440305","510107"]); b=dob().replace("-",""); seq=digits(3)
    s=area+b+seq; w=[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]
    return s+"10X98765432"[sum(int(s[i])*w[i] for i in range(17))%11]
def au_tfn():
    w=[1,4,3,7,5,8,6,9,10]
    while True:
        d=digits(9)
        if sum(int(d[i])*w[i] for i in range(9))%11==0: return d
def sg_nric():
    d=digits(7); w=[2,7,6,5,4,3,2]; s=sum(int(d[i])*w[i] for i in range(7))
    return "S"+d+"JZIHGFEDCBA"[s%11]
def fr_nir():
    sx=R.choice("12"); yy=f"{R.randint(50,99)}"; mm=f"{R.randint(1,12):02d}"; dep=f"{R.randint(1,95):02d}"; com=f"{R.randint(1,999):03d}"; ordn=f"{R.randint(1,999):03d}"
    b=sx+yy+mm+dep+com+ordn; k=97-int(b)%97; return f"{b[0]} {b[1:3]} {b[3:5]} {b[5:7]} {b[7:10]} {b[10:13]} {k:02d}"
def mbi():
    L="ACDEFGHJKMNPQRTUVWXY"; return f"{R.randint(1,9)}{R.choice(L)}{R.choice(L+'0123456789')}{R.randint(0,9)}-{R.choice(L)}{R.choice(L+'0123456789')}{R.randint(0,9)}-{R.choice(L)}{R.choice(L)}{R.randint(0,9)}{R.randint(0,9)}"
def mrn(): return f"MRN{digits(7)}"
def uuid(): return "%08x-%04x-4%03x-%04x-%012x"%(R.getrandbits(32),R.getrandbits(16),R.getrandbits(12),0x8000|R.getrandbits(14),R.getrandbits(48))

# ---------------- containers ----------------
def anth(text, model="claude-sonnet-4-5"):
    return "https://api.anthropic.com/v1/messages", {"Content-Type":"application/json","anthropic-version":"2023-06-01"}, json.dumps(
        {"model":model,"max_tokens":2048,"messages":[{"role":"user","content":[{"type":"text","text":text}]}]})
def anth_tool(text, tool="read_file", arg=None):
    tid="toolu_01"+"".join(R.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789") for _ in range(22))
    return "https://api.anthropic.com/v1/messages", {"Content-Type":"application/json","anthropic-version":"2023-06-01"}, json.dumps(
        {"model":"claude-opus-4-1","max_tokens":4096,"messages":[
            {"role":"user","content":"Summarise this for me."},
            {"role":"assistant","content":[{"type":"tool_use","id":tid,"name":tool,"input":arg or {"path":"~/Documents/export.csv"}}]},
            {"role":"user","content":[{"type":"tool_result","tool_use_id":tid,"content":text}]}]})
def oai(text):
    return "https://api.openai.com/v1/chat/completions", {"Content-Type":"application/json"}, json.dumps(
        {"model":"gpt-4.1","messages":[{"role":"system","content":"You are a helpful data assistant."},{"role":"user","content":text}]})
def oai_tool(text):
    return "https://api.openai.com/v1/chat/completions", {"Content-Type":"application/json"}, json.dumps(
        {"model":"gpt-4o","messages":[{"role":"user","content":"what's in the file?"},
         {"role":"assistant","content":None,"tool_calls":[{"id":"call_"+digits(8),"type":"function","function":{"name":"shell","arguments":json.dumps({"cmd":"cat report.txt"})}}]},
         {"role":"tool","tool_call_id":"call_x","content":text}]})
def resp(text):
    return "https://api.openai.com/v1/responses", {"Content-Type":"application/json"}, json.dumps(
        {"model":"o4-mini","input":[{"role":"user","content":[{"type":"input_text","text":text}]}]})
def gem(text):
    return "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:generateContent", {"Content-Type":"application/json"}, json.dumps(
        {"contents":[{"role":"user","parts":[{"text":text}]}]})
def gem_inline(data_bytes, mime):
    return "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent", {"Content-Type":"application/json"}, json.dumps(
        {"contents":[{"role":"user","parts":[{"text":"Extract the key points from the attached file."},{"inline_data":{"mime_type":mime,"data":base64.b64encode(data_bytes).decode()}}]}]})
def mcp(text, tool="create_page"):
    return "https://mcp.notion.com/mcp", {"Content-Type":"application/json","Accept":"application/json, text/event-stream"}, json.dumps(
        {"jsonrpc":"2.0","id":R.randint(1,999),"method":"tools/call","params":{"name":tool,"arguments":{"title":"Notes","content":text}}})
def paste(text):
    return "https://pastebin.com/api/api_post.php", {"Content-Type":"application/x-www-form-urlencoded"}, urllib.parse.urlencode(
        {"api_dev_key":"x","api_option":"paste","api_paste_private":"1","api_paste_code":text})
def gist(text, fn="notes.md"):
    return "https://api.github.com/gists", {"Content-Type":"application/json","Accept":"application/vnd.github+json"}, json.dumps(
        {"description":"scratch","public":False,"files":{fn:{"content":text}}})
CONTAINERS=[anth,anth_tool,oai,oai_tool,resp,gem,mcp,gist]
def pick(): return R.choice(CONTAINERS)

def add(cid, kind, cats, where, wrap, text, note=None, extra_tags=()):
    target, headers, body = wrap(text) if callable(wrap) else wrap
    c={"id":cid,"target":target,"headers":headers,"body":body,"expect":({"categories":cats} if cats else {}),
       "tags":["rt:"+kind]+list(extra_tags)+["neg" if not cats else "pos"],"where":where}
    if note: c["note"]=note
    CASES.append(c)

def add_raw(cid, kind, cats, where, target, ctype, body_bytes, extra_headers=None, extra_tags=()):
    u=urllib.parse.urlsplit(target)
    hdr=[f"POST {u.path or '/'} HTTP/1.1", f"Host: {u.netloc}", f"Content-Type: {ctype}", f"Content-Length: {len(body_bytes)}"]
    for k,v in (extra_headers or {}).items(): hdr.append(f"{k}: {v}")
    raw=("\r\n".join(hdr)+"\r\n\r\n").encode()+body_bytes
    p=f"req/{cid}.http"
    open(os.path.join(OUT,p),"wb").write(raw)
    CASES.append({"id":cid,"request":p,"expect":({"categories":cats} if cats else {}),
                  "tags":["rt:"+kind]+list(extra_tags)+["neg" if not cats else "pos"],"where":where})

def multipart(fname, ctype, data, purpose="assistants"):
    b="----WebKitFormBoundary"+"".join(R.choice("abcdefghijkABCDEFGH0123456789") for _ in range(16))
    body=(f"--{b}\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\n{purpose}\r\n--{b}\r\n"
          f"Content-Disposition: form-data; name=\"file\"; filename=\"{fname}\"\r\nContent-Type: {ctype}\r\n\r\n").encode()+data+f"\r\n--{b}--\r\n".encode()
    return f"multipart/form-data; boundary={b}", body

def docx(paras, footer=None, core_title="Document"):
    bio=io.BytesIO(); z=zipfile.ZipFile(bio,"w",zipfile.ZIP_DEFLATED)
    z.writestr("[Content_Types].xml",'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'+('<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>' if footer else '')+'</Types>')
    z.writestr("_rels/.rels",'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    ps="".join(f'<w:p><w:r><w:t xml:space="preserve">{html.escape(p)}</w:t></w:r></w:p>' for p in paras)
    z.writestr("word/document.xml",f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{ps}<w:sectPr>'+('<w:footerReference w:type="default" r:id="rId9"/>' if footer else '')+'</w:sectPr></w:body></w:document>')
    if footer:
        z.writestr("word/_rels/document.xml.rels",'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>')
        z.writestr("word/footer1.xml",f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>{html.escape(footer)}</w:t></w:r></w:p></w:ftr>')
    z.close(); return bio.getvalue()
def xlsx(rows):
    bio=io.BytesIO(); z=zipfile.ZipFile(bio,"w",zipfile.ZIP_DEFLATED)
    z.writestr("[Content_Types].xml",'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    z.writestr("_rels/.rels",'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr("xl/workbook.xml",'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels",'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    strings=[]; idx={}
    def si(s):
        if s not in idx: idx[s]=len(strings); strings.append(s)
        return idx[s]
    rx=""
    for r_i,row in enumerate(rows,1):
        cells=""
        for c_i,v in enumerate(row):
            ref=chr(65+c_i)+str(r_i)
            if isinstance(v,(int,float)): cells+=f'<c r="{ref}"><v>{v}</v></c>'
            else: cells+=f'<c r="{ref}" t="s"><v>{si(v)}</v></c>'
        rx+=f'<row r="{r_i}">{cells}</row>'
    z.writestr("xl/worksheets/sheet1.xml",f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rx}</sheetData></worksheet>')
    z.writestr("xl/sharedStrings.xml",'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'+"".join(f"<si><t>{html.escape(s)}</t></si>" for s in strings)+'</sst>')
    z.close(); return bio.getvalue()
def pptx_notes(slide_text, notes_text):
    bio=io.BytesIO(); z=zipfile.ZipFile(bio,"w",zipfile.ZIP_DEFLATED)
    z.writestr("[Content_Types].xml",'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/><Override PartName="/ppt/slides/slide1.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slide+xml"/><Override PartName="/ppt/notesSlides/notesSlide1.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.notesSlide+xml"/></Types>')
    z.writestr("_rels/.rels",'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="ppt/presentation.xml"/></Relationships>')
    z.writestr("ppt/presentation.xml",'<?xml version="1.0" encoding="UTF-8"?><p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>')
    sp=lambda t:f'<?xml version="1.0" encoding="UTF-8"?><p:sld xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>{html.escape(t)}</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>'
    z.writestr("ppt/slides/slide1.xml",sp(slide_text))
    z.writestr("ppt/notesSlides/notesSlide1.xml",sp(notes_text).replace("p:sld","p:notes"))
    z.close(); return bio.getvalue()
def pdf(lines, compress=False):
    esc=lambda s:s.replace("\\","\\\\").replace("(","\\(").replace(")","\\)")
    content="BT /F1 10 Tf 50 780 Td 12 TL "+" ".join(f"({esc(l)}) '" for l in lines)+" ET"
    cb=content.encode("latin-1")
    if compress: stream=zlib.compress(cb); sd=f"<< /Length {len(stream)} /Filter /FlateDecode >>"
    else: stream=cb; sd=f"<< /Length {len(stream)} >>"
    objs=["<< /Type /Catalog /Pages 2 0 R >>","<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
          "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",None,
          "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out=io.BytesIO(); out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"); offs=[]
    for i,o in enumerate(objs,1):
        offs.append(out.tell())
        if o is None: out.write(f"{i} 0 obj\n{sd}\nstream\n".encode()+stream+b"\nendstream\nendobj\n")
        else: out.write(f"{i} 0 obj\n{o}\nendobj\n".encode())
    x=out.tell(); out.write(f"xref\n0 {len(objs)+1}\n0000000000 65535 f \n".encode())
    for o in offs: out.write(f"{o:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objs)+1} /Root 1 0 R >>\nstartxref\n{x}\n%%EOF\n".encode()); return out.getvalue()

# ===================== CASES =====================
# ================= PII: SSN family =================
n=0
def nid(p):
    global n; n+=1; return f"{p}-{n:03d}"
# SSN CSV dashes
rows="\n".join(f"{R.randint(1000,9999)},{name()},{ssn()},{dob()},{R.choice(['Engineering','Sales','Ops'])}" for _ in range(4))
add(nid("ssn"),"ssn-csv-dash",["pii"],"tool_result: HR CSV column ssn",anth_tool,"emp_id,full_name,ssn,dob,dept\n"+rows)
rows="\n".join(f"{name()}\t{ssn('')}\t{R.randint(52,190)}000" for _ in range(4))
add(nid("ssn"),"ssn-tsv-nodash",["pii"],"pasted TSV, column 'SSN' 9 digits no separators",oai,"Can you dedupe this sheet?\nName\tSSN\tSalary\n"+rows)
rows="\n".join(f"{name()} | {ssn(' ')} | {addr()}" for _ in range(3))
add(nid("ssn"),"ssn-spaces",["pii"],"text list, SSN written with spaces",gem,"Beneficiaries (from the intake form):\n"+rows)
one=ssn('')
add(nid("ssn"),"ssn-json-number",["pii"],"JSON number field \"ssn\" in API response",anth_tool,json.dumps({"data":[{"id":R.randint(1,9999),"firstName":name().split()[0],"lastName":R.choice(LAST),"ssn":int(one),"dob":dob()} for _ in range(1)]+[{"id":R.randint(1,9999),"firstName":name().split()[0],"lastName":R.choice(LAST),"ssn":int(ssn('')),"dob":dob()}]},indent=1))
add(nid("ssn"),"ssn-json-number",["pii"],"JSON number field \"taxpayerId\" (SSN, unformatted)",mcp,json.dumps({"applicant":{"name":name(),"taxpayerId":int(ssn('')),"income":R.randint(30000,200000)}}))
for hdr,lang in [("Número de Seguro Social","es"),("Sozialversicherungsnummer (US SSN)","de"),("Numéro de sécurité sociale (SSN)","fr"),("社会保障番号","ja"),("Número do Seguro Social (EUA)","pt")]:
    rows="\n".join(f"{name()};{ssn('')};{dob_us()}" for _ in range(3))
    add(nid("ssn"),"ssn-foreign-header",["pii"],f"CSV with {lang} header '{hdr}', SSN no dashes",pick(),f"Nombre;{hdr};Fecha\n"+rows if lang=="es" else f"Name;{hdr};DOB\n"+rows)
vals=",\n".join(f"  ({R.randint(1,9999)}, '{name()}', '{ssn()}', '{email(name())}')" for _ in range(3))
add(nid("ssn"),"ssn-sql-insert",["pii"],"SQL INSERT VALUES tuple, 3rd column ssn",oai_tool,f"INSERT INTO customers (id, name, ssn, email) VALUES\n{vals};")
vals=",\n".join(f"  ({R.randint(1,9999)}, '{name()}', '{ssn('')}')" for _ in range(3))
add(nid("ssn"),"ssn-sql-insert-nodash",["pii"],"SQL INSERT, ssn column stored as 9-digit string",resp,f"-- seed from prod dump\nINSERT INTO public.members (member_id, full_name, tin) VALUES\n{vals};")
x="".join(f"<Employee><Name>{name()}</Name><SSN>{ssn()}</SSN><HireDate>{dob()}</HireDate></Employee>" for _ in range(2))
add(nid("ssn"),"ssn-xml",["pii"],"XML <SSN> element",gem,f"<?xml version=\"1.0\"?><Payroll>{x}</Payroll>")
x="".join(f"<emp><nm>{name()}</nm><TaxID>{ssn('')}</TaxID></emp>" for _ in range(2))
add(nid("ssn"),"ssn-xml-nodash",["pii"],"XML <TaxID> element, SSN no dashes",mcp,f"<employees>{x}</employees>")
md="| Name | SSN | DOB |\n|---|---|---|\n"+"\n".join(f"| {name()} | {ssn()} | {dob()} |" for _ in range(3))
add(nid("ssn"),"ssn-markdown",["pii"],"Markdown table column SSN",gist,md)
ht="<table><tr><th>Employee</th><th>Social Security #</th></tr>"+"".join(f"<tr><td>{name()}</td><td>{ssn()}</td></tr>" for _ in range(3))+"</table>"
add(nid("ssn"),"ssn-html-table",["pii"],"HTML table td",anth,"Convert this HTML to CSV:\n"+ht)
ht="<table><tr><th>Employee</th><th>SSN</th></tr>"+"".join(f"<tr><td>{name()}</td><td>&#{ord(s[0])};{s[1:]}</td></tr>" for s in [ssn(),ssn()])+"</table>"
add(nid("ssn"),"ssn-html-entity",["pii"],"HTML table, first SSN digit as numeric entity &#NN;",oai,"Clean up this table:\n"+ht)
a=ssn()
add(nid("ssn"),"ssn-prose",["pii"],"prose in email body: 'my social is ...'",oai,f"Draft a reply to this customer email:\n\nHi, I'm {name()}. I called about my account, you asked for verification - my social is {a} and my date of birth is {dob_us()}. Please fix the address to {addr()}.")
add(nid("ssn"),"ssn-prose-nodash",["pii"],"chat transcript, SSN w/o dashes after 'last four'... full",resp,f"Transcript excerpt:\nAgent: Can you verify your social security number?\nCustomer: sure it's {ssn('')}\nAgent: thanks {name().split()[0]}")
add(nid("ssn"),"ssn-dots",["pii"],"SSN with dots 123.45.6789 in a form dump",gem,f"Applicant: {name()}\nSSN: {ssn('.')}\nEmployer: Harbor Freight Logistics")
# ITIN
rows="\n".join(f"{name()},{itin()},{R.choice(['MX','GT','IN','CN'])}" for _ in range(3))
add(nid("itin"),"itin-csv",["pii"],"CSV column ITIN",anth_tool,"name,itin,country\n"+rows)
add(nid("itin"),"itin-nodash",["pii"],"ITIN without dashes after label",oai,f"Client {name()} (ITIN {itin('')}) needs the 1040-NR prepared.")
# W-2 / 1099 / W-9
w2=f"""Form W-2 Wage and Tax Statement 2025
a Employee's social security number   {ssn()}
b Employer identification number (EIN) {R.randint(10,99)}-{digits(7)}
c Employer's name  Kestrel Analytics LLC, {addr()}
e Employee's first name and initial  Last name  {name()}
f Employee's address  {addr()}
1 Wages, tips, other comp.  {R.randint(40000,190000)}.00   2 Federal income tax withheld {R.randint(4000,30000)}.00"""
add(nid("tax"),"w2-text",["pii"],"W-2 text box a",anth_tool,w2)
f1099=f"""1099-NEC  Nonemployee Compensation  2025
PAYER'S TIN 84-{digits(7)}    RECIPIENT'S TIN {ssn('')}
RECIPIENT'S name {name()}
Street address {addr()}
1 Nonemployee compensation $ {R.randint(2000,90000)}.00"""
add(nid("tax"),"1099-text",["pii"],"1099 RECIPIENT'S TIN no dashes",gem,f1099)
w9=f"""Form W-9 (Rev. March 2024) Request for Taxpayer Identification Number and Certification
1 Name: {name()}
5 Address: {addr()}
Part I Taxpayer Identification Number (TIN)
Social security number
{' '.join(ssn(''))}
Part II Certification ..."""
add(nid("tax"),"w9-boxed-digits",["pii"],"W-9 SSN boxes extracted as space-separated single digits",oai_tool,w9)
# Name+DOB, addresses
rows="\n".join(f"{name()},{dob()},{addr().replace(',',' ')},{phone()}" for _ in range(5))
add(nid("dob"),"name-dob-address-list",["pii"],"CSV of names, DOB, home address, phone (no IDs)",anth_tool,"full_name,date_of_birth,home_address,phone\n"+rows)
rows="\n".join(f"- {name()} — born {dob_us()}, lives at {addr()}" for _ in range(4))
add(nid("dob"),"name-dob-prose",["pii"],"bulleted prose: name, born DATE, address",resp,"Guest list with background checks:\n"+rows)
# passports / DL
rows="\n".join(f"{name()},USA,{R.choice('ACEF')}{digits(8)},{dob()},{R.randint(2027,2034)}-0{R.randint(1,9)}-1{R.randint(0,9)}" for _ in range(3))
add(nid("pass"),"passport-number-csv",["pii"],"travel roster CSV: passport_no column",gem,"traveler,nationality,passport_no,dob,expiry\n"+rows)
add(nid("pass"),"passport-number-prose",["pii"],"booking request text: 'Passport number: 5xxxxxxxx'",oai,f"Book the Lisbon flight for {name()}, DOB {dob_us()}, US passport number {digits(9)}, expires 2031-04-17.")
def mrz():
    ln=R.choice(LAST).upper(); fn=R.choice(FIRST).upper()
    l1=f"P<USA{ln}<<{fn}".ljust(44,"<")
    pn=digits(9); b=dob().replace("-","")[2:]
    def cd(s):
        w=[7,3,1]; v=lambda ch: int(ch) if ch.isdigit() else (0 if ch=="<" else ord(ch)-55)
        return str(sum(v(ch)*w[i%3] for i,ch in enumerate(s))%10)
    ex="3"+digits(1)+"0"+str(R.randint(1,9))+"1"+str(R.randint(0,9))
    l2=f"{pn}{cd(pn)}USA{b}{cd(b)}{R.choice('MF')}{ex}{cd(ex)}"+"<"*14+"0"
    return l1+"\n"+l2+cd(l2[0:10]+l2[13:20]+l2[21:43])
add(nid("pass"),"passport-mrz",["pii"],"OCR of passport page, MRZ lines",anth_tool,"OCR result:\nUNITED STATES OF AMERICA PASSPORT\n"+mrz())
add(nid("dl"),"drivers-licence",["pii"],"KYC JSON: driverLicense {state CA, number A1234567}",mcp,json.dumps({"kyc":{"name":name(),"dob":dob(),"driverLicense":{"state":"CA","number":R.choice("ABCDEFGHJ")+digits(7),"exp":"2029-03-02"}}}))
add(nid("dl"),"drivers-licence-tx",["pii"],"text: 'TX DL# 8 digits'",oai,f"Renter: {name()}\nTX DL# {digits(8)}  Class C\nAddress: {addr()}")
# medical
rows="\n".join(f"{mrn()},{name()},{dob()},{R.choice(['E11.9 Type 2 diabetes','F32.1 Major depressive disorder','C50.911 Malignant neoplasm of breast','B20 HIV disease','O09.93 Supervision of high risk pregnancy'])}" for _ in range(4))
add(nid("med"),"medical-mrn-csv",["pii"],"patient CSV with MRN column + ICD-10 dx",anth_tool,"mrn,patient_name,dob,diagnosis\n"+rows)
note=f"""PROGRESS NOTE
Patient: {name()}   DOB: {dob_us()}   Acct: {digits(8)}
CC: follow-up for HIV, viral load undetectable. Hx of opioid use disorder on buprenorphine 8mg.
Plan: continue ART, recheck CD4 in 3 months. Referred to psychiatry for PTSD."""
add(nid("med"),"medical-note-no-mrn",["pii"],"clinical progress note: name, DOB, HIV/OUD dx; no MRN label",oai,note)
hl7=f"MSH|^~\\&|EPIC|STMARYS|LAB|STMARYS|20250311083000||ORU^R01|{digits(8)}|P|2.5.1\rPID|1||{digits(8)}^^^STMARYS^MR||{R.choice(LAST).upper()}^{R.choice(FIRST).upper()}||{dob().replace('-','')}|F|||{addr()}||{phone()}\rOBX|1|NM|HIV-1 RNA||<20|copies/mL"
add(nid("med"),"medical-hl7",["pii"],"HL7 v2 PID segment (MR id, name, DOB) in tool result",oai_tool,hl7)
fhir={"resourceType":"Patient","id":uuid(),"identifier":[{"system":"urn:oid:2.16.840.1.113883.4.1","value":ssn()}],"name":[{"family":R.choice(LAST),"given":[R.choice(FIRST)]}],"birthDate":dob()}
add(nid("med"),"medical-fhir-ssn",["pii"],"FHIR Patient identifier system SSN OID",mcp,json.dumps(fhir))
add(nid("med"),"medicare-mbi",["pii"],"claims row with Medicare MBI",gem,f"claim_id,beneficiary,mbi,dos\nCLM{digits(6)},{name()},{mbi()},2025-02-11")
# phone / email lists
rows="\n".join(f"{name()},{email(name())},{phone()}" for _ in range(8))
add(nid("contact"),"contact-list-csv",["pii"],"CSV export of 8 customers with personal email + phone",anth_tool,"name,email,phone\n"+rows)
rows="\n".join(f"{(nm:=name())} <{email(nm)}>" for _ in range(10))
add(nid("contact"),"email-list-rfc5322",["pii"],"mailing list: 'Name <email>' lines",gist,rows)
rows="; ".join(f"+44 7{digits(3)} {digits(6)}" for _ in range(8))
add(nid("contact"),"phone-list-uk",["pii"],"semicolon-separated UK mobile numbers",oai,"Send the SMS reminder to: "+rows)
vc="\n".join(f"BEGIN:VCARD\nVERSION:3.0\nFN:{(nm:=name())}\nTEL;TYPE=CELL:{phone()}\nEMAIL:{email(nm)}\nBDAY:{dob()}\nEND:VCARD" for _ in range(4))
add(nid("contact"),"vcard-export",["pii"],"vCard export (.vcf) in MCP call",mcp,vc)
# international IDs
add(nid("intl"),"uk-nino",["pii"],"UK payroll CSV, NI number column",pick(),"Employee,NI Number,Tax code\n"+"\n".join(f"{name()},{nino()},1257L" for _ in range(3)))
add(nid("intl"),"uk-nino-spaced",["pii"],"NINO with spaces 'QQ 12 34 56 C' in letter",pick(),f"Dear HMRC, re: {name()}, National Insurance number {(lambda x: x[:2]+' '+x[2:4]+' '+x[4:6]+' '+x[6:8]+' '+x[8])(nino())}.")
s=sin(); add(nid("intl"),"ca-sin",["pii"],"Canadian SIN with spaces in T4 text",pick(),f"T4 Statement of Remuneration Paid\nEmployee's social insurance number {s[:3]} {s[3:6]} {s[6:]}\nEmployee: {name()}")
add(nid("intl"),"ca-sin-nodash",["pii"],"SIN 9 digits in JSON field 'sin'",pick(),json.dumps({"employee":name(),"sin":sin(),"province":"ON"}))
a=aadhaar(); add(nid("intl"),"in-aadhaar",["pii"],"Aadhaar '1234 5678 9012' in KYC text",pick(),f"KYC details\nName: {name()}\nAadhaar No: {a[:4]} {a[4:8]} {a[8:]}\nPAN: {pan()}")
add(nid("intl"),"in-aadhaar-nolabel",["pii"],"Aadhaar 12 digits in CSV column 'uid'",pick(),"name,uid,mobile\n"+"\n".join(f"{name()},{aadhaar()},+91 9{digits(9)}" for _ in range(3)))
add(nid("intl"),"in-pan",["pii"],"Indian PAN column",pick(),"vendor,pan,gstin\n"+"\n".join(f"{name()},{pan()},27{pan()}1Z{R.randint(1,9)}" for _ in range(3)))
add(nid("intl"),"br-cpf",["pii"],"Brazilian CPF formatted in CSV",pick(),"nome;cpf;nascimento\n"+"\n".join(f"{name()};{cpf()};{dob_us()}" for _ in range(3)))
add(nid("intl"),"br-cpf-plain",["pii"],"CPF 11 digits unformatted in JSON 'cpf'",pick(),json.dumps({"cliente":name(),"cpf":cpf(False),"email":email(name())}))
add(nid("intl"),"es-dni",["pii"],"Spanish DNI/NIE in HR list",pick(),"Nombre,DNI/NIE,Puesto\n"+"\n".join(f"{name()},{R.choice([dni(),nie()])},Analista" for _ in range(4)))
add(nid("intl"),"nl-bsn",["pii"],"Dutch BSN in text",pick(),f"Werknemer: {name()}\nBSN: {bsn()}\nGeboortedatum: {dob_us()}")
add(nid("intl"),"cn-resident-id",["pii"],"Chinese resident ID in CSV",pick(),"姓名,身份证号,电话\n"+"\n".join(f"{name()},{cn_id()},13{digits(9)}" for _ in range(3)))
add(nid("intl"),"au-tfn",["pii"],"Australian TFN",pick(),f"Employee: {name()}\nTax file number: {(lambda t:t[:3]+' '+t[3:6]+' '+t[6:])(au_tfn())}")
add(nid("intl"),"sg-nric",["pii"],"Singapore NRIC",pick(),f"Tenant: {name()}, NRIC {sg_nric()}, moving in 1 May")
add(nid("intl"),"fr-nir",["pii"],"French NIR (numéro de sécu) spaced",pick(),f"Salarié : {name()}\nN° de sécurité sociale : {fr_nir()}")
add(nid("intl"),"br-cnpj-cpf-mixed",["pii"],"Nota fiscal with CPF of buyer",pick(),f"NF-e 000.{digits(3)}.{digits(3)}\nEmitente CNPJ {cnpj()}\nDestinatário: {name()} CPF {cpf()}\nEndereço {addr()}")

# ================= FINANCIAL =================
c=card("4"); add(nid("card"),"card-checkout-json",["financial"],"checkout JSON payment_method.card.number + exp + cvc",anth_tool,json.dumps({"order":"SO-"+digits(6),"payment_method":{"type":"card","card":{"number":c,"exp_month":R.randint(1,12),"exp_year":2029,"cvc":cvv()}},"billing":{"name":name(),"address":addr()}},indent=2))
c=card("55"); add(nid("card"),"card-form-urlencoded",["financial"],"HAR of checkout form post: cardnumber=...&exp=...&cvv=",oai,"Why does this checkout POST fail? Body from HAR:\ncardnumber="+c+"&exp-date="+urllib.parse.quote(exp())+"&cvc="+cvv()+"&name="+urllib.parse.quote(name()))
c=card("6011"); add(nid("card"),"card-pci-log",["financial"],"app log line with PAN=... unmasked",oai_tool,f"2025-03-02T11:22:31.022Z INFO  PaymentGateway - authorize request pan={c} exp={exp().replace('/','')} cvv2={cvv()} amount=149.99 currency=USD merchant=MID{digits(8)}")
c=card("37",15); add(nid("card"),"card-amex-spaced",["financial"],"Amex 4-6-5 in email text",gem,f"Please charge my card for the renewal: AMEX {fmt_amex(c)} exp {exp()} CID {cvv(4)}. Thanks, {name()}")
c=card("52"); add(nid("card"),"card-dashes",["financial"],"MC with dashes in support ticket",resp,f"Ticket #{digits(5)}: customer says card {fmt4(c,'-')} was charged twice, exp {exp()}")
c=card("4"); add(nid("card"),"card-split-fields",["financial"],"card number split in 4 JSON fields cc1..cc4",mcp,json.dumps({"cc1":c[:4],"cc2":c[4:8],"cc3":c[8:12],"cc4":c[12:],"ccexp":exp(),"cvv":cvv()}))
c=card("4"); add(nid("card"),"card-json-number",["financial"],"card as JSON number in transaction dump",anth_tool,json.dumps({"txns":[{"id":digits(6),"card_number":int(c),"amount":R.randint(10,900)}]}))
rows="\n".join(f"{name()}\t{card()}\t{exp()}\t{cvv()}" for _ in range(3))
add(nid("card"),"card-tsv",["financial"],"TSV pasted from spreadsheet: cards + exp + cvv",oai,"Cardholder\tPAN\tExp\tCVV\n"+rows)
c=card("4"); trk=f"%B{c}^{R.choice(LAST).upper()}/{R.choice(FIRST).upper()}^{R.randint(27,31)}{R.randint(1,12):02d}101{digits(13)}?"
add(nid("card"),"card-track1",["financial"],"magstripe track 1 in POS debug log",oai_tool,"POS debug swipe: "+trk)
c=card("3528"); add(nid("card"),"card-jcb-xml",["financial"],"XML <CardNumber> JCB",gem,f"<PaymentRequest><CardNumber>{c}</CardNumber><Expiry>{exp()}</Expiry><CVV>{cvv()}</CVV></PaymentRequest>")
c=card("4"); fw="".join(chr(0xFF10+int(d)) for d in c)
add(nid("card"),"card-fullwidth",["financial"],"Visa in full-width digits (Japanese form paste)",anth,f"カード番号：{fw}　有効期限：{exp()}　セキュリティコード：{cvv()}")
c=card("4"); add(nid("card"),"card-spaced-digits",["financial"],"card digits separated by single spaces (OCR of card)",oai,"OCR of the photo of my card: "+" ".join(c)+f"  VALID THRU {exp()}")
c=card("51"); add(nid("card"),"card-sql",["financial"],"SQL INSERT into payments(card_no,...)",oai_tool,f"INSERT INTO payments (id, holder, card_no, exp, cvv) VALUES ({R.randint(1,999)}, '{name()}', '{c}', '{exp()}', '{cvv()}');")
c=card("4"); add(nid("card"),"card-b64-in-json",["financial"],"base64 of a card-form JSON embedded in a webhook payload field",mcp,json.dumps({"event":"checkout.debug","payload_b64":base64.b64encode(json.dumps({"pan":c,"exp":exp(),"cvv":cvv()}).encode()).decode()}))
# banks
ib=iban("DE",18); add(nid("bank"),"iban-de",["financial"],"IBAN in invoice text",gem,f"Rechnung Nr. {digits(5)}\nBitte überweisen Sie an: {name()}\nIBAN: {iban_sp(ib)}\nBIC: COBADEFFXXX")
ib=iban("FR",23); add(nid("bank"),"iban-fr-compact",["financial"],"IBAN compact in CSV column",anth_tool,"fournisseur,iban,bic\n"+f"{name()},{ib},BNPAFRPPXXX\n{name()},{iban('FR',23)},SOGEFRPP")
ib=iban("NL",14,"ABNA"); add(nid("bank"),"iban-nl-lower",["financial"],"IBAN in lowercase in chat message",oai,f"hey can you pay {name().split()[0]} back, her iban is {ib.lower()}")
ib=iban("GB",18,"NWBK"); add(nid("bank"),"iban-gb-wire",["financial"],"wire instructions: IBAN + SWIFT + beneficiary",resp,f"WIRE INSTRUCTIONS\nBeneficiary: {name()}\nBank: NatWest\nSWIFT: NWBKGB2L\nIBAN: {iban_sp(ib)}\nReference: INV-{digits(5)}")
ro=aba(); ac=digits(10); add(nid("bank"),"aba-account-labeled",["financial"],"direct deposit form: routing + account",anth_tool,f"Direct Deposit Authorization\nEmployee: {name()}\nBank routing number (ABA): {ro}\nAccount number: {ac}\nAccount type: Checking")
ro=aba(); add(nid("bank"),"aba-account-csv",["financial"],"payroll CSV with routing_number, account_number",gem,"employee,routing_number,account_number,net_pay\n"+"\n".join(f"{name()},{aba()},{digits(R.randint(8,12))},{R.randint(1500,7000)}.{digits(2)}" for _ in range(4)))
def nacha():
    rt=aba(); lines=[f"101 {aba()}{digits(10)}2503010830A094101FIRST NATIONAL BANK    KESTREL ANALYTICS LLC  ",
      f"5220KESTREL ANALYTI                    {digits(10)}PPDPAYROLL         250301   1{rt[:8]}0000001"]
    for i in range(3):
        r=aba(); lines.append(f"622{r}{digits(12).ljust(17)}{digits(10)}{digits(6).ljust(15)}{(R.choice(LAST).upper()+' '+R.choice(FIRST).upper()).ljust(22)}  0{rt[:8]}{i+1:07d}")
    return "\n".join(lines)
add(nid("bank"),"ach-nacha-file",["financial"],"NACHA PPD file 6-records (routing+account fixed width)",oai_tool,nacha())
add(nid("bank"),"bank-statement-text",["financial"],"bank statement PDF-text: account number + transactions",gem,f"CHASE  Statement Period 02/01/2025 - 02/28/2025\n{name()}\n{addr()}\nAccount Number: {digits(4)} {digits(4)} {digits(4)}\nBeginning Balance $12,418.22\n02/03 ZELLE TO {name().upper()}  -450.00\n02/05 PAYROLL KESTREL  +3,912.10")
add(nid("bank"),"mt103",["financial"],"SWIFT MT103 message fields :50K: :59:",oai_tool,f":20:REF{digits(8)}\n:32A:250301USD48210,00\n:50K:/{digits(12)}\n{name().upper()}\n{addr().upper()}\n:57A:CHASUS33\n:59:/{digits(10)}\n{name().upper()}\n:71A:OUR")
ro=aba(); add(nid("bank"),"micr-line",["financial"],"MICR line from check OCR",anth_tool,f"OCR of scanned check #1043:\nPay to the order of {name()}  $ 2,450.00\n⑆{ro}⑆ {digits(10)}⑈ 1043")
ro=aba(); add(nid("bank"),"check-ocr-ascii",["financial"],"check MICR OCR'd with ASCII symbols (C...C / A...A style)",oai,f"OCR text from check image:\nMEMO rent march\n|:{ro}|: {digits(9)}\" 2211")
add(nid("bank"),"ca-eft",["financial"],"Canadian void cheque transit/institution/account",gem,f"Pre-authorized debit form\nName: {name()}\nTransit #: {digits(5)}  Institution #: 00{R.randint(1,9)}  Account #: {digits(7)}")
add(nid("bank"),"uk-sortcode-account",["financial"],"UK sort code + account number",pick(),f"Please pay the deposit to {name()}, sort code {digits(2)}-{digits(2)}-{digits(2)}, account number {digits(8)}.")
add(nid("bank"),"au-bsb-account",["financial"],"Australian BSB + account",pick(),f"Refund to BSB {digits(3)}-{digits(3)} Account {digits(9)} ({name()})")
add(nid("bank"),"in-ifsc-account",["financial"],"Indian IFSC + account number",pick(),f"Beneficiary: {name()}\nA/c No: {digits(14)}\nIFSC: HDFC0{digits(6)}")
add(nid("bank"),"brokerage-account",["financial"],"brokerage statement: account number + holdings",pick(),f"Fidelity Brokerage Services\nAccount owner: {name()}  Account #: Z{digits(8)}\nSSN on file: ***-**-{digits(4)}\nHoldings: VTI 420 sh, AAPL 130 sh")
ib=iban("ES",20); add(nid("bank"),"iban-es-sepa-xml",["financial"],"SEPA pain.001 XML <IBAN> creditor",mcp,f"<CdtTrfTxInf><Amt><InstdAmt Ccy=\"EUR\">1250.00</InstdAmt></Amt><Cdtr><Nm>{name()}</Nm></Cdtr><CdtrAcct><Id><IBAN>{ib}</IBAN></Id></CdtrAcct></CdtTrfTxInf>")
ib=iban("IT",23,"X"); add(nid("bank"),"iban-it-mailqp",["financial"],"IBAN inside quoted-printable e-mail body (soft line break)",oai_tool,quopri.encodestring(f"Gentile cliente, le coordinate per il bonifico sono: beneficiario {name()} IBAN {ib} causale fattura {digits(4)}. Cordiali saluti, Ufficio amministrazione Rossi & Figli S.r.l. =".encode()).decode())
# ================= CONFIDENTIAL / PROPRIETARY =================
CO=["Kestrel Analytics","Borealis Robotics","Tidewater Biologics","Halcyon Payments","Quarry Systems","Orchard Logistics"]
def co(): return R.choice(CO)
yr=lambda: R.randint(2019,2025)
src_java=f"""/*
 * Copyright (c) {yr()} {co()}, Inc. All rights reserved.
 * This software is the confidential and proprietary information of {co()}, Inc.
 * You shall not disclose such Confidential Information and shall use it only in
 * accordance with the terms of the license agreement you entered into with the company.
 */
package com.kestrel.billing.ledger;

public final class LedgerReconciler {{
    private static final int MAX_DRIFT_CENTS = 3;
    public boolean reconcile(long expected, long actual) {{ return Math.abs(expected-actual) <= MAX_DRIFT_CENTS; }}
}}"""
add(nid("conf"),"java-proprietary-header",["source-code"],"Java file block-comment proprietary header",anth_tool,src_java)
src_py=f'''"""ranker.py - {co()} internal.

INTERNAL USE ONLY. Not for distribution outside the ML Platform team.
"""
import numpy as np

def score(features, weights):
    return float(np.dot(features, weights) * 0.87 + 0.13)
'''
add(nid("conf"),"py-docstring-internal",["source-code"],"Python module docstring 'INTERNAL USE ONLY'",oai_tool,src_py)
src_go=f"""// Package pricing implements the dynamic surge model.
//
// {co()} CONFIDENTIAL — do not share outside the company.
package pricing

func Surge(base float64, demand int) float64 {{ if demand > 80 {{ return base * 1.6 }}; return base }}
"""
add(nid("conf"),"go-comment-confidential",["source-code"],"Go // comment '<Company> CONFIDENTIAL'",resp,src_go)
src_rs=f"""//! Proprietary and confidential. Unauthorized copying of this file, via any medium, is strictly prohibited.
//! Written by {name()} <{name().split()[0].lower()}@borealis-robotics.com>, March {yr()}
pub fn pid(kp: f32, err: f32) -> f32 {{ kp * err }}
"""
add(nid("conf"),"rust-unauthorized-copying",["source-code"],"Rust //! 'Unauthorized copying ... strictly prohibited'",gem,src_rs)
src_sql=f"""-- =============================================
-- {co()} — Proprietary. Internal use only.
-- Churn scoring view, owner: data-eng
-- =============================================
CREATE VIEW churn_risk AS SELECT account_id, (days_idle*0.4 + tickets*0.6) AS risk FROM accounts;"""
add(nid("conf"),"sql-comment-proprietary",["source-code"],"SQL -- comment banner 'Proprietary. Internal use only.'",oai,src_sql)
src_yaml=f"""# {co()} — INTERNAL. Do not distribute.
service: risk-engine
replicas: 3
env:
  FEATURE_STORE_URL: http://feast.ml.svc.cluster.local:6566
"""
add(nid("conf"),"yaml-comment-internal",["source-code"],"YAML # comment 'INTERNAL. Do not distribute.'",mcp,src_yaml)
src_hs=f"""{{- |
Module      : Quarry.Pricing.Engine
Copyright   : (c) {yr()} Quarry Systems Ltd.
License     : Proprietary
Stability   : internal
-}}
module Quarry.Pricing.Engine where
price :: Double -> Double
price x = x * 1.07"""
add(nid("conf"),"haskell-license-proprietary",["source-code"],"Haskell haddock header 'License : Proprietary'",gist,src_hs)
src_ml=f"""(* Copyright {yr()} Halcyon Payments. All Rights Reserved.
   Confidential: contains trade secrets of Halcyon Payments. *)
let fee amount = amount *. 0.029 +. 0.30"""
add(nid("conf"),"ocaml-trade-secret",["source-code"],"OCaml (* *) 'Confidential: contains trade secrets'",anth_tool,src_ml)
src_vb=f"""' ==========================================================
' Orchard Logistics - Company Confidential
' Macro: RouteCostAllocator   Author: {name()}
' ==========================================================
Sub AllocateCosts()
    Range("D2:D500").Formula = "=B2*C2*0.83"
End Sub"""
add(nid("conf"),"vba-company-confidential",["source-code"],"VBA ' comment 'Company Confidential'",oai,src_vb)
src_m=f"""% TIDEWATER BIOLOGICS - PROPRIETARY
% Assay normalisation, v3. Not for release.
function y = normalise(x)
  y = (x - 0.412) ./ 1.93;
end"""
add(nid("conf"),"matlab-proprietary",["source-code"],"MATLAB % comment 'PROPRIETARY ... Not for release'",gem,src_m)
src_lisp=""";;; borealis-motion.el --- motion planner glue  -*- lexical-binding: t -*-
;;; Commentary: Borealis Robotics internal. Confidential - not for external release.
(defun bor/plan (a b) (+ a b))"""
add(nid("conf"),"lisp-confidential",["source-code"],"Emacs Lisp ;;; commentary 'Confidential - not for external release'",resp,src_lisp)
src_f="""! ---------------------------------------------------------------
! KESTREL ANALYTICS RESTRICTED — export controlled, internal only
! ---------------------------------------------------------------
      SUBROUTINE KALMAN(X, P)
      REAL X(4), P(4,4)
      END"""
add(nid("conf"),"fortran-restricted",["source-code"],"Fortran ! comment 'RESTRICTED ... internal only'",oai_tool,src_f)
src_de=f"""# Copyright (C) {yr()} Tidewater Biologics GmbH. Alle Rechte vorbehalten.
# VERTRAULICH – Nur für den internen Gebrauch. Weitergabe an Dritte untersagt.
def dosis(gewicht): return gewicht * 0.35
"""
add(nid("conf"),"python-german-vertraulich",["source-code"],"Python # comment German 'VERTRAULICH – Nur für den internen Gebrauch'",anth,src_de)
src_fr="""/* Halcyon Payments SAS — CONFIDENTIEL. Diffusion interne uniquement.
   Ne pas communiquer à des tiers. */
function frais(m) { return m * 0.014 + 0.25; }"""
add(nid("conf"),"js-french-confidentiel",["source-code"],"JS /* */ French 'CONFIDENTIEL. Diffusion interne uniquement'",oai,src_fr)
src_ja="""// 株式会社クオリーシステムズ 社外秘 — 無断転載・複製を禁じます
export const rate = (x: number) => x * 1.1;"""
add(nid("conf"),"ts-japanese-shagaihi",["source-code"],"TS comment Japanese '社外秘 無断転載・複製を禁じます'",gem,src_ja)
src_zh="""# 博瑞机器人有限公司 内部资料 严禁外传（机密）
def plan(): pass"""
add(nid("conf"),"py-chinese-jimi",["source-code"],"Python comment Chinese '内部资料 严禁外传（机密）'",mcp,src_zh)
src_es="""<!-- Orchard Logistics S.A. — CONFIDENCIAL. Uso interno exclusivamente. Prohibida su distribución. -->
<template><div class="route-map"/></template>"""
add(nid("conf"),"vue-spanish-confidencial",["source-code"],"Vue HTML comment Spanish 'CONFIDENCIAL. Uso interno'",anth_tool,src_es)
# documents
board=f"""MINUTES OF THE MEETING OF THE BOARD OF DIRECTORS
{co()}, Inc. — {R.randint(1,28)} February 2025
Present: {name()} (Chair), {name()}, {name()}
1. Project HERON: the Board approved a non-binding LOI to acquire Lumen Freight Inc. at an enterprise value of $212M, subject to diligence.
2. The CFO reported Q4 bookings of $48.2M, 11% below plan; a reduction in force of ~60 roles is proposed for April.
Privileged & Confidential — Attorney-Client Communication"""
add(nid("doc"),"board-minutes-privileged",["source-code"],"board minutes footer 'Privileged & Confidential'",anth_tool,board)
ma=f"""Project Falcon — Acquisition Memo (DRAFT v4)
To: Executive Committee   From: Corp Dev
Target: Nimbus Health Analytics. Proposed price: $9.40/share cash (34% premium). Announce date: 14 April.
Synergies: $18M run-rate by FY27, largely headcount in G&A.
This memorandum contains material non-public information. Trading in the securities of either company is prohibited."""
add(nid("doc"),"ma-memo-mnpi",["source-code"],"M&A memo marked 'material non-public information' (no word 'confidential')",oai,ma)
road=f"""# 2026 Product Roadmap — Internal
_Not for external distribution. Please don't forward to customers or partners._
| Quarter | Theme | Notes |
|---|---|---|
| Q1 | Payments v3 | deprecate legacy API, raise take rate to 3.1% |
| Q2 | EU launch | Frankfurt region, pricing 12% above US |"""
add(nid("doc"),"roadmap-markdown",["source-code"],"Markdown roadmap italic 'Not for external distribution'",gist,road)
price=f"""SKU\tList\tFloor (do not disclose)\tPartner discount
KST-ENT-100\t$48,000\t$29,500\t35%
KST-ENT-250\t$96,000\t$61,000\t40%
-- INTERNAL PRICING — DO NOT SHARE WITH CUSTOMERS --"""
add(nid("doc"),"pricing-sheet-tsv",["source-code"],"TSV pricing sheet trailer 'INTERNAL PRICING — DO NOT SHARE'",resp,price)
disc=f"""Hi team,
Attached are the revised FY26 headcount numbers per region. EMEA drops from 212 to 171.
Thanks,
{name()}
VP Finance | Halcyon Payments
--
CONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential and intended solely for the addressee. If you have received it in error, please notify the sender and delete it."""
add(nid("doc"),"email-disclaimer",["source-code"],"e-mail signature CONFIDENTIALITY NOTICE disclaimer",anth,"Summarise this email thread:\n"+disc)
slack=json.dumps([{"type":"message","user":"U0"+digits(8),"text":"heads up: layoffs are happening Thursday, list is in the #exec-private canvas. keep this confidential, not even your reports","ts":f"17{digits(8)}.{digits(6)}"},
                  {"type":"message","user":"U0"+digits(8),"text":"ack. legal wants the WARN notices out by 9am","ts":f"17{digits(8)}.{digits(6)}"}])
add(nid("doc"),"slack-export-lowercase",["source-code"],"Slack export JSON message 'keep this confidential' lowercase",oai_tool,slack)
jira=json.dumps({"key":"SEC-"+digits(4),"fields":{"summary":"Auth bypass in partner SSO","security":{"name":"Internal - Security Team Only"},"description":"Repro: set RelayState to //evil.example and the SAML assertion is accepted by sso-gw.prod.kestrel.internal. Embargoed until fix ships."}})
add(nid("doc"),"jira-security-level",["source-code"],"Jira issue JSON security level 'Internal - Security Team Only' + .internal host",mcp,jira)
conf_html=f"""<div class="confluence-information-macro"><p><strong>Classification: RESTRICTED</strong></p></div><h1>Incident postmortem 2025-02-14</h1><p>Primary DB failover to pg-replica-03.dc2.borealis.lan took 14 min.</p>"""
add(nid("doc"),"confluence-restricted",["source-code"],"Confluence HTML 'Classification: RESTRICTED' + .lan host",gem,conf_html)
add(nid("doc"),"tlp-amber",["source-code"],"threat intel report 'TLP:AMBER'",resp,"TLP:AMBER\nKestrel CSIRT advisory 2025-07: phishing kit targeting our Okta tenant, IOCs below. Share only within the organisation.\nhxxp://okta-kestrel-login[.]top")
add(nid("doc"),"nda-covered",["source-code"],"partner deck text 'Shared under NDA'",oai,"Summarise these slides: 'Borealis Robotics x Lumen — Shared under mutual NDA dated 2025-01-09. Unit cost for the R7 actuator is $212, target $160 by Q3; yield 71%.'")
add(nid("doc"),"gov-banner-cui",["source-code"],"US CUI banner",pick(),"CUI//SP-PROPIN\nContract N00024-25-C-6123 deliverable: cost breakdown, labor rates for Borealis Robotics\nCUI//SP-PROPIN")
add(nid("doc"),"uk-official-sensitive",["source-code"],"UK 'OFFICIAL-SENSITIVE' marking",pick(),"OFFICIAL-SENSITIVE: COMMERCIAL\nTender evaluation scores: Bidder A 71, Bidder B 64 (preferred).")
add(nid("doc"),"embargoed-earnings",["source-code"],"press release draft 'EMBARGOED UNTIL'",pick(),f"EMBARGOED UNTIL 4:05 PM ET, {R.randint(1,28)} MAY 2025 — DRAFT\n{co()} reports Q1 revenue of $312.4M, guidance cut to $1.21B.")
add(nid("doc"),"msip-label",["source-code"],"Microsoft Purview label metadata in docx core props text",pick(),"MSIP_Label_f42aa342-8706-4288-bd11-ebb85995028c_Enabled=true\nMSIP_Label_f42aa342-8706-4288-bd11-ebb85995028c_Name=Highly Confidential\nMSIP_Label_f42aa342-8706-4288-bd11-ebb85995028c_SiteId="+uuid())
# internal infra
cfg=f"""spring:
  datasource:
    url: jdbc:postgresql://10.{R.randint(0,255)}.{R.randint(0,255)}.{R.randint(1,254)}:5432/ledger
  kafka:
    bootstrap-servers: kafka-01.prod.halcyon.internal:9092,kafka-02.prod.halcyon.internal:9092
"""
add(nid("infra"),"spring-rfc1918-internal",["source-code"],"application.yml JDBC to 10.x + *.internal kafka",anth_tool,cfg)
add(nid("infra"),"nginx-upstream-172",["source-code"],"nginx upstream to 172.16-31.x backends",oai_tool,f"upstream billing {{\n  server 172.{R.randint(16,31)}.{R.randint(0,255)}.{R.randint(2,250)}:8080;\n  server 172.{R.randint(16,31)}.{R.randint(0,255)}.{R.randint(2,250)}:8080;\n}}\nserver {{ listen 443 ssl; location / {{ proxy_pass http://billing; }} }}")
add(nid("infra"),"ssh-config-corp",["source-code"],"~/.ssh/config with corp bastion hostnames",gem,"Host bastion\n  HostName bastion-use1.corp.quarrysys.com\n  User deploy\nHost db-*\n  ProxyJump bastion\n  HostName %h.db.corp.quarrysys.com")
add(nid("infra"),"k8s-svc-cluster-local",["source-code"],"Python code calling http://svc.ns.svc.cluster.local",resp,"import requests\nLEDGER='http://ledger-api.payments.svc.cluster.local:8080'\ndef balance(acct): return requests.get(f'{LEDGER}/v1/accounts/{acct}').json()")
add(nid("infra"),"hosts-file-192168",["source-code"],"/etc/hosts with 192.168 internal names",mcp,f"192.168.{R.randint(0,20)}.{R.randint(2,250)}  gitlab.borealis.lan\n192.168.{R.randint(0,20)}.{R.randint(2,250)}  jenkins.borealis.lan\n192.168.{R.randint(0,20)}.{R.randint(2,250)}  nas01")
add(nid("infra"),"terraform-private-zone",["source-code"],"Terraform with private route53 zone + CIDR",oai,'resource "aws_route53_record" "db" {\n  zone_id = aws_route53_zone.private.zone_id\n  name    = "orders-db.prod.orchard-int.net"\n  records = ["10.40.12.7"]\n}')
add(nid("infra"),"ansible-inventory",["source-code"],"Ansible inventory INI of internal hosts",gist,"[payments]\npay-app-01.iad.halcyonpay.corp ansible_host=10.12.4.21\npay-app-02.iad.halcyonpay.corp ansible_host=10.12.4.22\n[db]\npg-primary.iad.halcyonpay.corp",)
add(nid("infra"),"internal-package-java",["source-code"],"Java imports of internal package namespace com.<co>.internal",anth_tool,"package com.halcyonpay.internal.risk;\nimport com.halcyonpay.internal.risk.model.FraudScore;\nimport com.halcyonpay.internal.platform.featureflags.Flags;\npublic class Scorer { }")
add(nid("infra"),"npm-private-scope",["source-code"],"package.json deps on private registry scope",oai,json.dumps({"name":"@kestrel/web-dashboard","private":True,"dependencies":{"@kestrel/ui-kit":"^4.2.0","@kestrel/auth-client":"^2.0.1"},"publishConfig":{"registry":"https://npm.pkg.internal.kestrel-analytics.com/"}},indent=2))
add(nid("infra"),"windows-unc-ad",["source-code"],"PowerShell with UNC paths and AD domain hosts",gem,"$share='\\\\fs01.corp.orchardlog.local\\Finance$\\Payroll'\nGet-ADUser -Server dc02.corp.orchardlog.local -Filter *\nCopy-Item \"$share\\FY25.xlsx\" C:\\temp")
add(nid("infra"),"ipv6-ula",["source-code"],"envoy config to IPv6 ULA fd00::/8 backend",pick(),"clusters:\n- name: ledger\n  load_assignment:\n    endpoints:\n    - lb_endpoints:\n      - endpoint: { address: { socket_address: { address: fd12:3a4b:9c1d:10::21, port_value: 8443 } } }")

# ================= BINARY DOCUMENTS (raw requests) =================
def up_openai(cid,kind,cats,where,fname,ctype,data):
    ct,body=multipart(fname,ctype,data); add_raw(cid,kind,cats,where,"https://api.openai.com/v1/files",ct,body)
rows=[["Employee","SSN","DOB","Salary"]]+[[name(),ssn(),dob(),R.randint(50000,180000)] for _ in range(5)]
up_openai(nid("bin"),"xlsx-ssn",["pii"],"XLSX sharedStrings SSN column (multipart upload)","payroll_2025.xlsx","application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",xlsx(rows))
rows=[["Cardholder","PAN","Exp"]]+[[name(),int(card("4")),exp()] for _ in range(3)]
up_openai(nid("bin"),"xlsx-card-numeric",["financial"],"XLSX numeric cells holding card numbers","chargebacks.xlsx","application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",xlsx(rows))
up_openai(nid("bin"),"docx-footer-confidential",["source-code"],"DOCX footer part 'Strictly Confidential' (body is plain)","Q3_strategy.docx","application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          docx(["Q3 strategy offsite","We will exit the SMB segment and reprice enterprise contracts by +18%."],footer=f"{co()} — Strictly Confidential — Do not forward"))
up_openai(nid("bin"),"docx-body-pii",["pii"],"DOCX body: offer letter with SSN","offer_letter.docx","application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          docx([f"Dear {name()},","We are pleased to offer you the position of Senior Analyst.",f"For payroll setup we have your SSN as {ssn()} and DOB {dob_us()}."]))
up_openai(nid("bin"),"pdf-plain-confidential",["source-code"],"PDF (uncompressed stream) 'CONFIDENTIAL - INTERNAL USE ONLY'","memo.pdf","application/pdf",
          pdf(["CONFIDENTIAL - INTERNAL USE ONLY","Project Heron valuation: EV $212M, 9.1x EBITDA"]))
up_openai(nid("bin"),"pdf-flate-ssn",["pii"],"PDF FlateDecode stream: W-2 text with SSN","w2_2025.pdf","application/pdf",
          pdf(["Form W-2 Wage and Tax Statement 2025",f"a Employee's social security number {ssn()}",f"e Employee's name {name()}"],compress=True))
up_openai(nid("bin"),"pdf-flate-iban",["financial"],"PDF FlateDecode: invoice with IBAN","invoice.pdf","application/pdf",
          pdf(["INVOICE 2025-118",f"Pay to: {name()}",f"IBAN: {iban_sp(iban('DE',18))}  BIC: DEUTDEFFXXX"],compress=True))
up_openai(nid("bin"),"pptx-notes-confidential",["source-code"],"PPTX speaker notes 'Confidential - do not share' (slide itself clean)","allhands.pptx","application/vnd.openxmlformats-officedocument.presentationml.presentation",
          pptx_notes("FY26 priorities","Speaker notes: confidential - do not share outside leadership. We are closing the Austin office in June."))
# gemini inline_data
add(nid("bin"),"gemini-inline-csv-ssn",["pii"],"Gemini inline_data base64 text/csv with SSNs",gem_inline(("name,ssn\n"+"\n".join(f"{name()},{ssn()}" for _ in range(4))).encode(),"text/csv"),None)
add(nid("bin"),"gemini-inline-pdf-card",["financial"],"Gemini inline_data base64 PDF (flate) with card+CVV",gem_inline(pdf(["Card authorisation form",f"Card number: {fmt4(card('4'))}  Exp {exp()}  CVV {cvv()}",f"Cardholder {name()}"],compress=True),"application/pdf"),None)
add(nid("bin"),"anthropic-doc-b64-pdf",["source-code"],"Anthropic document block base64 PDF 'Company Confidential'",
    ("https://api.anthropic.com/v1/messages",{"Content-Type":"application/json","anthropic-version":"2023-06-01"},json.dumps({"model":"claude-sonnet-4-5","max_tokens":1024,"messages":[{"role":"user","content":[{"type":"document","source":{"type":"base64","media_type":"application/pdf","data":base64.b64encode(pdf([f"{co()} - Company Confidential","Headcount plan FY26: reduce EMEA by 41 FTE"],compress=True)).decode()}},{"type":"text","text":"Summarise"}]}]})),None)
# gzip body
gz=gzip.compress(json.dumps({"model":"gpt-4.1","messages":[{"role":"user","content":"Clean this export:\nname,ssn\n"+"\n".join(f"{name()},{ssn()}" for _ in range(3))}]}).encode())
add_raw(nid("bin"),"gzip-body-ssn",["pii"],"Content-Encoding: gzip JSON body, SSN CSV in message","https://api.openai.com/v1/chat/completions","application/json",gz,{"Content-Encoding":"gzip"})
# multipart csv to a non-LLM destination (e.g. transfer.sh style)
ct,body=multipart("customers.csv","text/csv",("id,name,email,card_last4,card_number\n"+"\n".join(f"{R.randint(1,999)},{name()},{email(name())},x,{card()}" for _ in range(3))).encode(),purpose="upload")
add_raw(nid("bin"),"multipart-csv-card",["financial","pii"],"multipart file upload CSV with card_number (file-sharing site)","https://file.io/",ct,body)
# ================= HARD NEGATIVES =================
def neg(kind, where, wrap, text): add(nid("neg"), kind, [], where, wrap, text)
neg("neg-mit-header","MIT licence header in JS file",anth_tool,f"/*!\n * left-pad-ish v1.3.0\n * Copyright (c) {yr()} {name()}\n * Released under the MIT License. Permission is hereby granted, free of charge, to any person obtaining a copy of this software...\n */\nmodule.exports = (s, n, c=' ') => String(s).padStart(n, c);")
neg("neg-apache-header","Apache-2.0 header in Java",oai_tool,f"/*\n * Copyright {yr()} The Apache Software Foundation\n * Licensed under the Apache License, Version 2.0 (the \"License\"); you may not use this file except in compliance with the License.\n * Unless required by applicable law ... WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND.\n */\npackage org.apache.commons.text;\npublic class StrUtil {{}}")
neg("neg-gpl-header","GPL-3.0-or-later header in C",gem,"/* This program is free software: you can redistribute it and/or modify\n * it under the terms of the GNU General Public License as published by\n * the Free Software Foundation, either version 3 of the License, or (at your option) any later version.\n * Copyright (C) 2021 Free Software Foundation, Inc. */\n#include <stdio.h>\nint main(void){return 0;}")
neg("neg-bsd-spdx","SPDX BSD-3-Clause header + 'All rights reserved' (OSS boilerplate)",resp,"// Copyright 2024 The Go Authors. All rights reserved.\n// Use of this source code is governed by a BSD-style\n// license that can be found in the LICENSE file.\n// SPDX-License-Identifier: BSD-3-Clause\npackage slices")
neg("neg-confidentiality-public-doc","public security textbook text on confidentiality / CIA triad",oai,"Explain this passage: 'The CIA triad — confidentiality, integrity and availability — guides security policy. Documents are typically labelled Public, Internal, Confidential or Restricted, and a DLP tool should block uploads marked Confidential.'")
neg("neg-nda-template","blank public NDA template (placeholders)",anth,"Fill in this template for me:\nMUTUAL NON-DISCLOSURE AGREEMENT\n1. 'Confidential Information' means any information disclosed by either party that is marked 'Confidential'.\n2. The Receiving Party shall not disclose Confidential Information to third parties.\nParty A: [NAME]  Party B: [NAME]  Date: [DATE]")
neg("neg-code-confidential-identifier","code with field/enum named CONFIDENTIAL (OSS classification lib)",gist,"from enum import Enum\nclass Sensitivity(Enum):\n    PUBLIC = 0\n    INTERNAL = 1\n    CONFIDENTIAL = 2\n    RESTRICTED = 3\n\ndef label(doc): return Sensitivity.CONFIDENTIAL if doc.has_pii else Sensitivity.PUBLIC")
neg("neg-job-posting","public job ad mentioning confidential information handling",resp,"We're hiring! Payroll Specialist — responsibilities: process bi-weekly payroll, handle confidential employee information with discretion, reconcile 941 filings. Apply at careers page.")
neg("neg-gdpr-text","public regulation text (GDPR Art. 32)",gem,"Article 32 GDPR: the controller and the processor shall implement appropriate technical and organisational measures ... (b) the ability to ensure the ongoing confidentiality, integrity, availability and resilience of processing systems.")
neg("neg-kotlin-internal-keyword","Kotlin 'internal' visibility modifier + com.example package",oai_tool,"package com.example.todo\ninternal class TodoRepository(private val dao: TodoDao) {\n    internal fun all() = dao.getAll()\n}")
neg("neg-unclassified-banner","public doc marked UNCLASSIFIED / Approved for public release",pick(),"UNCLASSIFIED\nDISTRIBUTION STATEMENT A. Approved for public release; distribution is unlimited.\nNIST SP 800-171 Rev. 3 summary for small contractors.")
neg("neg-readme-privacy","OSS README 'Privacy' section",pick(),"## Privacy\nThis extension never sends your code anywhere. All processing is local; no telemetry, no confidential data leaves your machine.")
neg("neg-rfc5737-config","nginx config with RFC5737 documentation IPs and example.com",oai,"server {\n  listen 80;\n  server_name www.example.com;\n  location / { proxy_pass http://192.0.2.10:8080; }\n  allow 198.51.100.0/24;\n  deny 203.0.113.7;\n}")
neg("neg-public-hosts","code calling public APIs (api.github.com, pypi.org)",anth_tool,"import requests\nr = requests.get('https://api.github.com/repos/psf/requests/releases/latest')\nprint(r.json()['tag_name'])\nrequests.get('https://pypi.org/pypi/requests/json')")
neg("neg-localhost-docker","docker-compose with localhost, 127.0.0.1 and service names",gist,"services:\n  web:\n    image: nginx:1.27\n    ports: ['127.0.0.1:8080:80']\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_HOST: db\n      PGHOST: localhost")
neg("neg-home-router-tutorial","public tutorial on home router 192.168.1.1",pick(),"How to reset your home router: open http://192.168.1.1 in a browser, log in with the credentials on the sticker, and go to Advanced > Factory Reset.")
neg("neg-k8s-docs-cluster-local","Kubernetes docs example DNS name",pick(),"From the Kubernetes docs: a Service called my-service in namespace my-ns gets a DNS record my-service.my-ns.svc.cluster.local. Pods can reach it by name.")
# fake-by-construction PII
neg("neg-ssn-zeros","test fixture with 000-00-0000 placeholders",oai_tool,"name,ssn,phone\nJohn Doe,000-00-0000,555-0100\nJane Doe,000-00-0000,555-0101")
neg("neg-555-phones","fiction script with 555-01xx phone numbers",pick(),"Screenplay: INT. DINER - NIGHT\nMARGE: Call me at (312) 555-0143 or (312) 555-0178.\nHANK: I'll try 555-0199 first.")
neg("neg-example-emails","docs listing example.com/example.org addresses",pick(),"Valid: alice@example.com, bob@example.org, carol+tag@example.net\nInvalid: dave@, @example.com, eve@@example.com")
neg("neg-invalid-ssn-666","validator unit test with invalid SSN areas (666/000/9xx with bad group)",gist,"def test_invalid():\n    for s in ['666-12-3456','000-12-3456','123-00-4567','219-09-0000','900-13-4567']:\n        assert not is_valid_ssn(s)")
neg("neg-historical-dob","public figure birth dates from Wikipedia",pick(),"Ada Lovelace (born 10 December 1815, London) and Charles Babbage (born 26 December 1791) collaborated on the Analytical Engine.")
neg("neg-faker-names-no-ids","lorem team page with names and job titles only",pick(),"Our team: "+", ".join(f"{name()} ({R.choice(['CEO','CTO','Head of Design','Engineer'])})" for _ in range(5)))
neg("neg-icd10-reference","ICD-10 code reference table (no patients)",pick(),"| Code | Description |\n|---|---|\n| E11.9 | Type 2 diabetes mellitus without complications |\n| F32.1 | Major depressive disorder, single episode, moderate |\n| B20 | HIV disease |")
neg("neg-drug-label","public drug label text",pick(),"BUPRENORPHINE sublingual tablets. Indications: treatment of opioid dependence. Dosage: target 16 mg once daily. Store at 20-25°C.")
# financial negatives
neg("neg-masked-card","receipt with masked card **** 1234",pick(),f"RECEIPT\nVisa **** **** **** {digits(4)}\nAuth code {digits(6)}\nTotal $84.12")
neg("neg-masked-card-first6last4","payment log with first6/last4 masked PAN",oai_tool,f"2025-03-01 INFO charge ok pan={card('4')[:6]}******{digits(4)} amount=19.99")
neg("neg-tokenized-pan","Stripe/vault tokens instead of PAN",pick(),json.dumps({"payment_method":"pm_1"+''.join(R.choice('ABCDEFGHabcdefgh0123456789') for _ in range(23)),"card":{"brand":"visa","last4":digits(4),"exp_month":4,"exp_year":2029,"fingerprint":''.join(R.choice('ABCDEFGHabcdefgh0123456789') for _ in range(16))}}))
neg("neg-network-token-dpan","Apple Pay style 'device account number' last 4 only",pick(),f"Apple Pay: Device Account Number ending in {digits(4)}; Card ending {digits(4)}")
def luhn_num(prefix,length):
    b=prefix+digits(length-len(prefix)-1); return b+str(luhn_check(b))
neg("neg-order-luhn","order-confirmation e-mail: Luhn-valid 16-digit order number labelled Order #",pick(),f"Thanks for your order! Order # {luhn_num('10',16)}\nShipping to: our warehouse\nItems: 2x USB-C cable")
neg("neg-imei-like-sku","SKU list: Luhn-valid 16-digit internal item codes starting 9",pick(),"item_code,desc,qty\n"+"\n".join(f"{luhn_num('98',16)},Widget {R.randint(1,99)},{R.randint(1,50)}" for _ in range(4)))
neg("neg-discord-snowflakes","Discord message IDs (18-19 digits) some Luhn-valid",oai_tool,json.dumps([{"id":luhn_num("11",19),"channel_id":luhn_num("10",19),"content":"gm"},{"id":luhn_num("12",19),"content":"ship it"}]))
neg("neg-unix-ms-timestamps","metrics CSV with 13-digit ms timestamps and 16-digit trace ids",pick(),"ts_ms,trace_id,latency_ms\n"+"\n".join(f"17{digits(11)},{luhn_num('0',16)},{R.randint(3,900)}" for _ in range(5)))
neg("neg-isbn-ean","book catalogue ISBN-13 / EAN-13",pick(),"title,isbn13\nDune,978-0-441-17271-9\nNeuromancer,9780441569595\nThe Left Hand of Darkness,978-0-441-47812-5")
neg("neg-ups-tracking","shipping tracking numbers",pick(),f"Tracking: UPS 1Z{''.join(R.choice('0123456789ABCDEFGHJK') for _ in range(16))}, FedEx {digits(12)}, USPS 9400 1{digits(3)} {digits(4)} {digits(4)} {digits(4)} {digits(2)}")
neg("neg-public-bank-swift","public bank directory: SWIFT/BIC codes and ABA of banks (no accounts)",pick(),"Bank,BIC,Head office\nJPMorgan Chase,CHASUS33,New York\nDeutsche Bank,DEUTDEFF,Frankfurt\nHSBC UK,MIDLGB22,Birmingham")
neg("neg-iban-format-doc","IBAN format spec table (lengths, no real IBANs)",pick(),"| Country | Length | Format |\n|---|---|---|\n| DE | 22 | DEkk bbbb bbbb cccc cccc cc |\n| FR | 27 | FRkk bbbb bsss sscc cccc cccc ckk |\n| GB | 22 | GBkk bbbb ssss sscc cccc cc |")
neg("neg-stripe-test-cards","Stripe docs public test card numbers (non-4242)",pick(),"Use these test cards in test mode:\n- 4000 0566 5566 5556 Visa (debit)\n- 5555 5555 5555 4444 Mastercard\n- 3782 822463 10005 American Express\nAny future expiry, any CVC.")
neg("neg-prices-amounts","financial report with amounts, percentages and dates",pick(),f"Q4 FY2024 (public 10-K excerpt): revenue $1,204,331,000; operating margin 21.4%; diluted EPS $3.12; 2024-12-31 balance sheet total assets $4,880,120,000.")
neg("neg-versions-semver","changelog version numbers / build numbers",pick(),"## 4.12.0 (2025-03-01)\n- build 20250301.1742.0093\n- bump protobuf 3.25.3 -> 4.29.0\n- node 20.11.1, java 21.0.2+13-LTS")
neg("neg-uuids-git-shas","logs with UUIDs and git SHAs",pick(),"\n".join(f"{uuid()} commit {''.join(R.choice('0123456789abcdef') for _ in range(40))}" for _ in range(4)))
neg("neg-phone-e164-support-lines","public company support numbers (toll-free) on a contact page",pick(),"Contact us: US 1-800-642-7676, UK 0800 028 0011, DE 0800 1826 0000. Hours 9-5.")
neg("neg-zip-and-dates","CSV of US ZIP codes and dates (no people)",pick(),"zip,city,first_delivery\n43215,Columbus,2025-03-01\n98402,Tacoma,2025-03-04\n27601,Raleigh,2025-03-09")
neg("neg-aba-in-docs","public ACH/NACHA spec explaining record layout (no data)",pick(),"NACHA Entry Detail Record (6): positions 1 Record Type Code '6', 2-3 Transaction Code (22 = checking credit), 4-11 Receiving DFI Identification, 12 Check Digit, 13-29 DFI Account Number, 30-39 Amount.")
neg("neg-math-9digit","math homework with 9-digit numbers",pick(),"Is 219448213 prime? Factor 458771209 and 302118877. Show that 987654321 is divisible by 9.")
neg("neg-phone-like-ids","ticket IDs shaped like phone numbers",pick(),"Duplicate tickets: INC-412-555-9081, INC-412-661-0023, INC-212-774-1100 — please merge.")
neg("neg-coordinates","GPS coordinates table",pick(),"lat,lon\n40.7128,-74.0060\n51.5074,-0.1278\n35.6762,139.6503")
neg("neg-hex-colors-hashes","CSS + sha256 checksums",pick(),":root{--brand:#1f6feb;--bg:#0d1117}\nsha256  a3f1c2"+"".join(R.choice("0123456789abcdef") for _ in range(58))+"  release.tar.gz")
neg("neg-sample-data-faker","test fixture clearly fake (Faker, example.com, 555)",gist,"# tests/fixtures/users.yaml (generated by Faker, not real)\n- name: Test User One\n  email: test.user1@example.com\n  phone: 202-555-0114\n  ssn: 000-00-0001\n- name: Test User Two\n  email: test.user2@example.com\n  phone: 202-555-0187")
neg("neg-company-public-address","company HQ address and main line (public)",pick(),"Borealis Robotics, Inc.\n400 Market Street, Suite 1200, San Francisco, CA 94105\nMain: +1 415-555-0132\ninfo@borealis-robotics.com")
neg("neg-ein-public","public company EIN from an SEC filing",pick(),"Apple Inc. (IRS Employer Identification No. 94-2404110), One Apple Park Way, Cupertino, California 95014")
neg("neg-copyright-footer-public-site","website footer © Company 2025 All rights reserved (public page HTML)",pick(),"<footer><p>© 2025 Orchard Logistics. All rights reserved.</p><a href=\"/privacy\">Privacy</a> · <a href=\"/terms\">Terms</a></footer>")
neg("neg-confidential-in-ui-string","i18n file with 'Confidential' as UI label",pick(),json.dumps({"labels":{"public":"Public","internal":"Internal","confidential":"Confidential","restricted":"Restricted"},"tooltip":"Choose who can see this file"}))
neg("neg-public-cve-writeup","public CVE write-up mentioning internal network IPs generically",pick(),"CVE-2024-3400: an attacker can send crafted requests to GlobalProtect; once inside, lateral movement to 10.0.0.0/8 ranges was observed in public reporting.")
neg("neg-oss-internal-package","Go OSS module using 'internal/' directory (Go convention)",pick(),"package server\nimport (\n  \"github.com/prometheus/prometheus/internal/tools\"\n  \"golang.org/x/net/internal/socket\"\n)")
neg("neg-privacy-policy","public privacy policy mentioning SSN/credit card categories",pick(),"Privacy Policy — Information we collect: name, email address, and payment information (credit card number, expiration date). We never store your full Social Security number.")
neg("neg-masked-ssn","support screen with masked SSN ***-**-1234",pick(),f"Customer: {name()}\nSSN: ***-**-{digits(4)}\nStatus: verified")
neg("neg-account-last4","bank notification with account ending digits",pick(),f"Your Chase checking account ending in {digits(4)} received a deposit of $1,240.00 on 03/01.")
neg("neg-dates-versions-table","release calendar table",pick(),"| Version | Release | EOL |\n|---|---|---|\n| 22.04 | 2022-04-21 | 2032-04-21 |\n| 24.04 | 2024-04-25 | 2034-04-25 |")
neg("neg-docx-public-manual","DOCX public user manual (Apache licensed project)",anth,"(manual text) Apache Kafka Quickstart: start ZooKeeper, then bin/kafka-server-start.sh config/server.properties; bootstrap.servers=localhost:9092.")
neg("neg-phone-numbers-formula","spreadsheet formulas, cell refs, numeric",pick(),"=SUM(B2:B500)\n=VLOOKUP(A2,Sheet2!$A$2:$D$900,4,FALSE)\n=TEXT(C2,\"000-00-0000\")")
neg("neg-hl7-spec","HL7 PID segment spec layout (no data)",pick(),"PID-3 Patient Identifier List (CX), PID-5 Patient Name (XPN), PID-7 Date/Time of Birth (DTM), PID-11 Patient Address (XAD). Example: PID|1||<id>^^^<facility>^MR||<family>^<given>")
neg("neg-mrz-spec","ICAO 9303 MRZ specimen from public standard (placeholder <<<)",pick(),"ICAO 9303 TD3 layout: line 1 = 'P<' + issuing state + name (surname<<given), padded with '<' to 44 chars; line 2 = document number, check digit, nationality, DOB, sex, expiry ...")
neg("neg-sql-schema","DDL with ssn/card columns but no data",pick(),"CREATE TABLE customers (\n  id BIGSERIAL PRIMARY KEY,\n  full_name TEXT NOT NULL,\n  ssn CHAR(11),\n  card_number VARCHAR(19),\n  iban VARCHAR(34),\n  dob DATE\n);")
neg("neg-regex-code","DLP regex code for SSN/cards (no values)",pick(),"SSN_RE = re.compile(r'\\b(?!000|666|9\\d\\d)\\d{3}-(?!00)\\d{2}-(?!0000)\\d{4}\\b')\nCARD_RE = re.compile(r'\\b4\\d{12}(?:\\d{3})?\\b')")
# negatives in binary containers
ct,body=multipart("oss_notice.pdf","application/pdf",pdf(["THIRD-PARTY NOTICES","Licensed under the Apache License, Version 2.0","Copyright 2018 Google LLC"],compress=True))
add_raw(nid("neg"),"neg-pdf-oss-notice",[],"PDF third-party notices (Apache)","https://api.openai.com/v1/files",ct,body)
ct,body=multipart("menu.docx","application/vnd.openxmlformats-officedocument.wordprocessingml.document",docx(["Team lunch menu","Tacos, salad, lemonade. RSVP by Friday."],footer="Page 1"))
add_raw(nid("neg"),"neg-docx-benign",[],"DOCX lunch menu","https://api.openai.com/v1/files",ct,body)
ct,body=multipart("inventory.xlsx","application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",xlsx([["SKU","Qty","EAN"]]+[[f"WID-{R.randint(100,999)}",R.randint(1,90),int(luhn_num('40',13))] for _ in range(5)]))
add_raw(nid("neg"),"neg-xlsx-inventory",[],"XLSX inventory with EAN-13 numbers","https://api.openai.com/v1/files",ct,body)
# ================= WAVE 2: variants & new classes =================
add(nid("w2"),"itin-labeled-dash",["pii"],"W-7 acknowledgement text 'ITIN: 9xx-7x-xxxx'",pick(),f"IRS CP565 notice: We assigned you an Individual Taxpayer Identification Number (ITIN). Name: {name()}  ITIN: {itin()}")
add(nid("w2"),"ssn-excel-leading-zero-lost",["pii"],"CSV from Excel: SSN column, low-area SSNs lost leading zeros (8 digits)",anth_tool,"Name,SSN,Hire Date\n"+"\n".join(f"{name()},{int(f'0{R.randint(10,99)}{R.randint(1,99):02d}{R.randint(1,9999):04d}')},{dob_us()}" for _ in range(4)))
rows=[["Name","SSN","Dept"]]+[[name(),int(ssn('')),"Ops"] for _ in range(4)]
ct,body=multipart("hr_roster.xlsx","application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",xlsx(rows)); add_raw(nid("w2"),"xlsx-ssn-numeric",["pii"],"XLSX numeric cells with 9-digit SSNs (no dashes)","https://api.openai.com/v1/files",ct,body)
s1=ssn(); blocks=[{"BlockType":"WORD","Text":t,"Confidence":99.1} for t in ["Social","Security","Number",*s1.split("-"),name().split()[0],"DOB",dob_us()]]
add(nid("w2"),"ssn-ocr-word-blocks",["pii"],"AWS Textract WORD blocks: SSN split into 3 tokens",oai_tool,json.dumps({"Blocks":blocks}))
c=card("4"); blocks=[{"BlockType":"WORD","Text":t} for t in [*fmt4(c).split(),"VALID","THRU",exp()]]
add(nid("w2"),"card-ocr-word-blocks",["financial"],"Textract WORD blocks: card number as 4 tokens",anth_tool,json.dumps({"Blocks":blocks}))
add(nid("w2"),"ssn-url-query",["pii"],"GET request URL query string ?ssn= to a lookup API",("https://api.openai.com/v1/chat/completions",{"Content-Type":"application/json"},json.dumps({"model":"gpt-4.1","messages":[{"role":"user","content":"Tool call log:\nGET https://verify.partner-kyc.com/v2/lookup?first="+name().split()[0]+"&ssn="+ssn('')+"&dob="+dob()}]})),None)
add(nid("w2"),"ssn-in-target-url",["pii"],"SSN in the request target query string itself (agent web fetch)",("https://api.kyc-check.io/v1/verify?name="+urllib.parse.quote(name())+"&ssn="+ssn()+"&dob="+dob(),{"Accept":"application/json"},""),None)
CASES[-1]["method"]="GET"
add(nid("w2"),"salary-review-named",["pii"],"HR comp review: names + salary + performance rating + termination flag",pick(),"Employee,Base Salary,Rating,Action\n"+"\n".join(f"{name()},${R.randint(80,240)},{R.randint(100,999)},{R.choice(['1 - Below','3 - Meets','PIP','Terminate 4/15'])},{R.choice(['-','medical leave','-'])}" for _ in range(5)))
add(nid("w2"),"dob-json-fields",["pii"],"JSON customer records with firstName,lastName,dateOfBirth,homeAddress",pick(),json.dumps([{"firstName":(nm:=name()).split()[0],"lastName":nm.split()[1],"dateOfBirth":dob(),"homeAddress":addr(),"mobile":phone()} for _ in range(3)]))
cond={"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Patient","name":[{"text":name()}],"birthDate":dob()}},{"resource":{"resourceType":"Condition","code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10","code":"F20.9","display":"Schizophrenia, unspecified"}]}}}]}
add(nid("w2"),"fhir-bundle-dx",["pii"],"FHIR Bundle Patient (name,birthDate) + Condition dx",pick(),json.dumps(cond))
add(nid("w2"),"lab-results-named",["pii"],"lab report: patient name, DOB, positive STI result",pick(),f"QUEST DIAGNOSTICS  Patient: {name()}  DOB: {dob_us()}  Specimen: {digits(10)}\nChlamydia trachomatis RNA, TMA: DETECTED (A)\nHIV-1/2 Ag/Ab: NON-REACTIVE")
add(nid("w2"),"passport-labeled-prose",["pii"],"visa letter 'Passport No.: X12345678'",pick(),f"To the Consulate of Japan,\nWe confirm that {name()} (Passport No.: {R.choice('ACE')}{digits(8)}, date of birth {dob_us()}) is employed by us.")
add(nid("w2"),"uk-passport",["pii"],"UK passport number 9 digits labelled",pick(),f"Right to work check: {name()}, British passport number {digits(9)}, expiry 14/08/2031, share code W{digits(2)} {R.choice('ABCDEFGH')}{digits(2)} {R.choice('ABCD')}{digits(2)}")
add(nid("w2"),"mbi-nodash",["pii"],"Medicare MBI without dashes labelled",pick(),f"Medicare Beneficiary Identifier (MBI): {mbi().replace('-','')} — {name()}, DOB {dob_us()}")
add(nid("w2"),"dl-ny-labeled",["pii"],"'Driver License No' NY 9 digits in rental agreement",pick(),f"RENTAL AGREEMENT\nRenter {name()}\nDriver License No: {digits(3)} {digits(3)} {digits(3)}  State: NY  DOB {dob_us()}")
add(nid("w2"),"credit-report",["financial"],"credit report tradelines with full account numbers",pick(),f"EXPERIAN CREDIT REPORT for {name()}\nCAPITAL ONE  Acct# {card('5178')}  Open  Bal $2,314\nWELLS FARGO AUTO  Acct# {digits(12)}  Bal $14,880  30 days late 2024-11")
add(nid("w2"),"payroll-json-bank",["financial"],"Gusto-like payroll JSON: bank_account {routing_number, account_number}",pick(),json.dumps({"employee":{"name":name(),"bank_account":{"routing_number":aba(),"account_number":digits(11),"account_type":"Checking"}}}))
add(nid("w2"),"aba-account-nolabel-pair",["financial"],"Zelle/ACH note: 'RT 9d / ACCT 10d' abbreviations",pick(),f"pls send the refund ach — rt {aba()} acct {digits(10)} ({name()})")
add(nid("w2"),"iban-ch-qrbill",["financial"],"Swiss QR-bill payload (SPC) with CH IBAN",pick(),"SPC\n0200\n1\n"+iban("CH",17)+f"\nS\n{name()}\nBahnhofstrasse\n12\n8001\nZürich\nCH\n\n\n\n\n\n\n\n1250.00\nCHF")
add(nid("w2"),"iban-sepa-epc-qr",["financial"],"EPC/GiroCode QR payload BCD with DE IBAN",pick(),f"BCD\n002\n1\nSCT\nCOBADEFFXXX\n{name()}\n{iban('DE',18)}\nEUR145.00\n\n\nRechnung {digits(5)}")
# confidentiality phrasings / languages
for kind,txt,wr in [
 ("conf-korean","# 대외비 — 보리얼리스 로보틱스 내부 자료, 외부 유출 금지\ndef plan(): pass","Python comment Korean '대외비 ... 외부 유출 금지'"),
 ("conf-russian","// Конфиденциально. Для служебного пользования. ООО «Кестрел»\nint main(){return 0;}","C comment Russian 'Конфиденциально. Для служебного пользования'"),
 ("conf-italian","/* Riservato – Solo per uso interno. Orchard Logistics S.p.A. */\nfunction costo(x){return x*1.2}","JS comment Italian 'Riservato – Solo per uso interno'"),
 ("conf-dutch","# Vertrouwelijk — alleen voor intern gebruik (Quarry Systems B.V.)\nSELECT 1;","SQL comment Dutch 'Vertrouwelijk — alleen voor intern gebruik'"),
 ("conf-portuguese","<!-- CONFIDENCIAL – Uso interno. Halcyon Pagamentos Ltda. Proibida a divulgação. -->\n<div/>","HTML comment Portuguese 'CONFIDENCIAL – Uso interno ... Proibida a divulgação'"),
 ("conf-japanese-gokuhi","【極秘】取締役会資料 2025年3月 — 株式会社ボレアリス\n買収候補: ルーメン社 (評価額 320億円)","Japanese doc banner '【極秘】'"),
 ("conf-need-to-know","NEED TO KNOW ONLY — RIF planning list, ask before sharing.\nAustin office: 23 roles, Denver: 11 roles","plain-text heading 'NEED TO KNOW ONLY'"),
 ("conf-attorney-work-product","ATTORNEY WORK PRODUCT — PREPARED AT THE DIRECTION OF COUNSEL\nAssessment of exposure in Rivera v. Kestrel Analytics: estimated settlement range $1.2M–$2.0M.","legal memo heading 'ATTORNEY WORK PRODUCT'"),
 ("conf-draft-not-for-circulation","DRAFT — NOT FOR CIRCULATION\nFY26 compensation bands: L5 $182k–$221k, L6 $214k–$268k","heading 'DRAFT — NOT FOR CIRCULATION'"),
 ("conf-company-secret-en","Halcyon Payments — Trade Secret. Fraud model feature weights v7: velocity_1h 0.41, bin_country_mismatch 0.22","inline 'Trade Secret' marker in notes"),
 ("conf-copyright-only","/*\n * Copyright (C) 2024 Kestrel Analytics, Inc.\n * All Rights Reserved.\n */\npublic class Forecast { double alpha = 0.37; }","Java header: company copyright + All Rights Reserved, no licence or confidential word"),
 ("conf-unpublished-work","# Unpublished work © 2023 Tidewater Biologics. Unauthorized use prohibited.\nPRIMER_FWD = 'ATGCGTACCTGA'","Python comment 'Unpublished work ©' copyright"),
 ("conf-csharp-xmldoc","/// <summary>\n/// Internal: Quarry Systems proprietary scoring. Do not expose via public API.\n/// </summary>\ninternal static double Score(int x) => x * 0.73;","C# /// XML doc 'Quarry Systems proprietary'"),
 ("conf-sql-table-comment","COMMENT ON TABLE payroll.salaries IS 'CONFIDENTIAL: HR only. Contains compensation for all Kestrel employees.';","SQL COMMENT ON TABLE string 'CONFIDENTIAL: HR only'"),
 ("conf-kdoc-license","/**\n * Borealis Robotics SDK\n * License: Borealis Robotics Commercial License v2 — redistribution prohibited.\n */\nobject Kinematics","Kotlin KDoc 'Commercial License ... redistribution prohibited'"),
 ("conf-jupyter-md","{\"cells\":[{\"cell_type\":\"markdown\",\"source\":[\"# Churn model — internal only\\n\",\"**Do not share outside Data Science.**\"]},{\"cell_type\":\"code\",\"source\":[\"df = pd.read_parquet('s3://kestrel-dw-prod/churn/')\"]}]}","Jupyter notebook markdown cell '**Do not share outside Data Science.**'"),
 ("conf-css-comment","/* ==========================================================\n   Halcyon Payments – Confidential & Proprietary – v2 design system\n   ========================================================== */\n.btn-primary{background:#0a7}","CSS /* */ banner 'Confidential & Proprietary'"),
 ("conf-shell-header","#!/usr/bin/env bash\n# (c) Orchard Logistics. INTERNAL TOOLING – NOT FOR PUBLIC REPOS.\nset -euo pipefail\naws s3 sync ./dist s3://orchard-internal-artifacts/","bash # header 'INTERNAL TOOLING – NOT FOR PUBLIC REPOS'"),
 ("conf-gitlab-ci","# .gitlab-ci.yml — Kestrel Analytics internal pipeline (restricted)\ndeploy:\n  script: helm upgrade ledger ./chart --kube-context prod-use1","YAML header '... internal pipeline (restricted)'"),
 ("conf-proprietary-notice-xml","<!--\n  PROPRIETARY NOTICE: This file contains proprietary information of Tidewater Biologics and is provided under NDA.\n-->\n<project><artifactId>assay-core</artifactId></project>","pom.xml comment 'PROPRIETARY NOTICE ... under NDA'"),
]:
    add(nid("w2"),kind,["source-code"],wr,pick(),txt)
# binary/doc variants
ct,body=multipart("Strategie.docx","application/vnd.openxmlformats-officedocument.wordprocessingml.document",docx(["Strategie 2026","STRENG VERTRAULICH – Nur für Vorstand","Wir planen die Übernahme der Lumen GmbH für 48 Mio. EUR."]))
add_raw(nid("w2"),"docx-german-streng-vertraulich",["source-code"],"DOCX body German 'STRENG VERTRAULICH – Nur für Vorstand'","https://api.openai.com/v1/files",ct,body)
ct,body=multipart("roadmap.pdf","application/pdf",pdf(["Borealis Robotics 2026 Roadmap","R8 arm launch Q3, price $38k","Proprietary Information of Borealis Robotics, Inc. - Page 1 of 12"],compress=True))
add_raw(nid("w2"),"pdf-footer-proprietary-info",["source-code"],"PDF flate footer 'Proprietary Information of <Co>'","https://api.openai.com/v1/files",ct,body)
ct,body=multipart("patients.xlsx","application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",xlsx([["MRN","Patient","DOB","Dx"]]+[[digits(8),name(),dob(),"F33.1"] for _ in range(4)]))
add_raw(nid("w2"),"xlsx-patient-list",["pii"],"XLSX patient list MRN/name/DOB/dx","https://api.anthropic.com/v1/files",ct,body)
u16=("Name\tSSN\n"+"\n".join(f"{name()}\t{ssn()}" for _ in range(3))).encode("utf-16")
ct,body=multipart("export_utf16.txt","text/plain",u16)
add_raw(nid("w2"),"utf16-text-ssn",["pii"],"UTF-16LE (BOM) text file upload with SSN column (Excel 'Unicode text' export)","https://api.openai.com/v1/files",ct,body)
zb=io.BytesIO(); zz=zipfile.ZipFile(zb,"w",zipfile.ZIP_DEFLATED); zz.writestr("export/customers.csv","name,card,exp,cvv\n"+"\n".join(f"{name()},{card()},{exp()},{cvv()}" for _ in range(3))); zz.close()
ct,body=multipart("export.zip","application/zip",zb.getvalue())
add_raw(nid("w2"),"zip-csv-card",["financial"],"ZIP archive containing CSV of cards (multipart upload)","https://api.openai.com/v1/files",ct,body)
eml=f"From: hr@halcyonpay.com\nTo: payroll@adp-partner.com\nSubject: New hire\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=XX\n\n--XX\nContent-Type: text/plain\n\nSee attached.\n--XX\nContent-Type: text/csv; name=newhire.csv\nContent-Transfer-Encoding: base64\n\n"+base64.encodebytes(f"name,ssn,dob\n{name()},{ssn()},{dob()}\n".encode()).decode()+"--XX--\n"
add(nid("w2"),"eml-b64-attachment",["pii"],".eml file read by agent: base64 text/csv attachment with SSN",anth_tool,eml)
add(nid("w2"),"mcp-resource-blob",["financial"],"MCP resources/read result echoed: blob base64 CSV with IBANs",("https://api.anthropic.com/v1/messages",{"Content-Type":"application/json","anthropic-version":"2023-06-01"},json.dumps({"model":"claude-sonnet-4-5","max_tokens":512,"messages":[{"role":"user","content":"resource: "+json.dumps({"contents":[{"uri":"file:///finance/vendors.csv","mimeType":"text/csv","blob":base64.b64encode(("vendor,iban\n"+"\n".join(f"{name()},{iban('DE',18)}" for _ in range(3))).encode()).decode()}]})}]})),None)
add(nid("w2"),"html-email-qp-card",["financial"],"HTML e-mail quoted-printable with =3D and soft breaks around a card number",oai_tool,quopri.encodestring(f"<html><body><p style=\"font-family:Arial\">Booking confirmed for {name()}. Guarantee card: {fmt4(card('4'))} exp {exp()}</p></body></html>".encode()).decode())
# internal infra variants
for kind,txt,wr in [
 ("infra-tailscale-ts-net","ssh deploy@build-runner-3.tail4b2c9.ts.net\ncurl http://100.101.42.17:9100/metrics","tailnet hostname *.ts.net and CGNAT 100.64/10 IP"),
 ("infra-home-arpa-local","mqtt_broker: hass.home.arpa\nprinter: brother-hl.local\nnas: 192.168.50.10","home.arpa / .local / 192.168 in config"),
 ("infra-confluence-wiki-url","See runbook: https://wiki.corp.halcyonpay.com/display/PAY/Ledger+Failover and go/ledger-oncall","internal wiki URL + go/ link in docs"),
 ("infra-jdbc-intranet","db.url=jdbc:oracle:thin:@//erp-db01.intranet.orchardlog.com:1521/FINPRD","properties JDBC to *.intranet.* host"),
 ("infra-aws-private-dns","ENDPOINT=http://ip-10-0-12-34.ec2.internal:8080/health","AWS private DNS ip-10-x.ec2.internal"),
 ("infra-gcp-internal","url: http://metrics-collector.c.kestrel-prod-341812.internal:9090","GCP zonal DNS *.c.PROJECT.internal"),
 ("infra-cidr-sg","ingress { cidr_blocks = [\"10.20.0.0/16\", \"172.20.8.0/21\"] from_port = 5432 }","security group CIDR 10.20.0.0/16"),
 ("infra-python-internal-pkg","from kestrel_internal.billing.ledger import Reconciler\nfrom kestrel_internal.auth import sso","Python imports of kestrel_internal package"),
 ("infra-go-private-module","module git.corp.borealis.io/robotics/motion\nrequire git.corp.borealis.io/robotics/common v1.4.2","go.mod on private git host"),
 ("infra-pip-extra-index","--extra-index-url https://pypi.internal.tidewaterbio.net/simple\ntidewater-assay-core==3.2.1","requirements.txt private index host"),
]:
    add(nid("w2"),kind,["source-code"],wr,pick(),txt)
# more hard negatives
def neg2(kind,where,txt): add(nid("neg"),kind,[],where,pick(),txt)
neg2("neg-ms-mit-header","Microsoft OSS header: Copyright Microsoft Corporation. Licensed under the MIT License.","// Copyright (c) Microsoft Corporation. All rights reserved.\n// Licensed under the MIT License.\nimport * as vscode from 'vscode';")
neg2("neg-aws-apache-spdx","AWS SDK header: Copyright Amazon.com ... SPDX Apache-2.0","# Copyright Amazon.com, Inc. or its affiliates. All Rights Reserved.\n# SPDX-License-Identifier: Apache-2.0\nimport boto3")
neg2("neg-google-apache","Google OSS header Apache 2.0","// Copyright 2023 Google LLC\n//\n// Licensed under the Apache License, Version 2.0 (the \"License\");\npackage main")
neg2("neg-part-numbers-ssn-shape","parts list with NNN-NN-NNNN part numbers labelled Part No.","Part No.,Description,Qty\n"+"\n".join(f"{R.randint(100,899)}-{R.randint(10,99)}-{R.randint(1000,9999)},Hex bolt M{R.randint(3,12)},{R.randint(1,200)}" for _ in range(4)))
neg2("neg-imei-35","device inventory IMEIs (15-digit, Luhn-valid, start 35)","asset_tag,model,imei\n"+"\n".join(f"LT-{R.randint(1000,9999)},iPhone 15,{luhn_num('35'+digits(6),15)}" for _ in range(4)))
neg2("neg-invoice-9digit-luhn","invoice numbers 9 digits (SIN-shaped, Luhn valid)","Open invoices: "+", ".join(luhn_num(str(R.randint(1,7)),9) for _ in range(5))+" — total $12,480")
neg2("neg-iban-bad-checksum","IBAN validator test: invalid checksum strings","assert not valid('DE00"+digits(18)+"')\nassert not valid('FR00"+digits(23)+"')")
neg2("neg-public-routing","bank FAQ: public routing number of a bank, no account","What is our routing number? For checking accounts opened in Ohio, use routing number "+aba()+". Wire transfers use a different number; see our website.")
neg2("neg-public-confidential-news","news article quoting 'strictly confidential'","Reuters: The talks, described by people familiar as 'strictly confidential', are expected to conclude next month, the company said in a public statement on Tuesday.")
neg2("neg-sec-filing-cti","public SEC exhibit 'Confidential treatment requested' legend","Exhibit 10.4 [***] Certain information in this document has been omitted and filed separately with the Securities and Exchange Commission. Confidential treatment has been requested with respect to the omitted portions.")
neg2("neg-tlp-clear","public advisory marked TLP:CLEAR","TLP:CLEAR\nCISA Advisory AA24-109A: indicators are public, disclosure is not limited.")
neg2("neg-card-bin-table","BIN/IIN ranges table (6-8 digit prefixes)","| Network | IIN ranges | Length |\n|---|---|---|\n| Visa | 4 | 13,16,19 |\n| Mastercard | 51-55, 2221-2720 | 16 |\n| Amex | 34, 37 | 15 |")
neg2("neg-phone-digits-8-ssn-shape","US ZIP+4 codes list","43215-1204\n98402-3310\n27601-1148\n83702-5127")
neg2("neg-ca-postal-sin-like","Canadian business numbers (BN, public registry)","Registered charity BN: 10816 1234 RR0001 (public CRA listing)")
neg2("neg-aadhaar-like-order","Flipkart-like order IDs OD + 18 digits","Order OD"+digits(18)+" delivered; Order OD"+digits(18)+" returned")
neg2("neg-gitignore-internal","OSS .gitignore / Makefile with 'internal' dirs","/internal/testdata/\n/build/\n*.pyc\n.env.local")
neg2("neg-rfc1918-iana-doc","RFC 1918 text itself (public)","RFC 1918: The Internet Assigned Numbers Authority (IANA) has reserved the following three blocks of the IP address space for private internets: 10.0.0.0 - 10.255.255.255 (10/8 prefix), 172.16.0.0 - 172.31.255.255 (172.16/12 prefix), 192.168.0.0 - 192.168.255.255 (192.168/16 prefix)")
neg2("neg-faker-cards-masked-csv","analytics CSV with card brand + last4 + amount","brand,last4,amount\nvisa,"+digits(4)+",12.00\nmastercard,"+digits(4)+",88.10\namex,"+digits(4)+",410.00")
neg2("neg-public-ceo-bio","public exec bio with birth year (press kit)","Jane Fraser (born 1967) is CEO of Citigroup; she holds an MBA from Harvard Business School.")
neg2("neg-hipaa-training","HIPAA training slide text (no patients)","HIPAA 101: PHI includes names, dates of birth, MRNs and diagnoses. Never paste PHI into unapproved tools. Report incidents to privacy@.")
# ================= WAVE 3 =================
fw="\n".join(f"{R.randint(1,99999):05d}{R.choice(LAST).upper():<15}{R.choice(FIRST).upper():<12}{ssn('')}{dob().replace('-','')}{R.randint(100000,999999):08d}A" for _ in range(4))
add(nid("w3"),"ssn-fixed-width-mainframe",["pii"],"COBOL fixed-width record: SSN adjacent to DOB digits (no delimiters)",oai_tool,"EMPMAST.DAT (first 4 records):\n"+fw)
add(nid("w3"),"ssn-kv-log",["pii"],"app log key=value ssn=9digits",anth_tool,"\n".join(f"2025-03-0{i+1}T10:0{i}:11Z WARN kyc.Verifier mismatch user_id={R.randint(10000,99999)} ssn={ssn('')} dob={dob()}" for i in range(3)))
add(nid("w3"),"ssn-spaces-labeled",["pii"],"'SSN: NNN NN NNNN' labelled, spaces",pick(),f"Applicant {name()}\nSSN: {ssn(' ')}\nDOB: {dob_us()}")
c=card("62",19); add(nid("w3"),"card-unionpay-19",["financial"],"UnionPay 19-digit card in Chinese form text",pick(),f"持卡人：{name()}\n银行卡号：{c}\n有效期：{exp()}")
c=card("4"); add(nid("w3"),"card-html-input-value",["financial"],"saved checkout HTML: <input name=cc-number value=...>",pick(),f'<form id="pay"><input name="cc-name" value="{name()}"><input name="cc-number" autocomplete="cc-number" value="{c}"><input name="cc-exp" value="{exp()}"><input name="cc-csc" value="{cvv()}"></form>')
c=card("5"+str(R.randint(1,5))); add(nid("w3"),"card-spanish-keys",["financial"],"JSON with Spanish keys numeroTarjeta/fechaVencimiento",pick(),json.dumps({"titular":name(),"numeroTarjeta":c,"fechaVencimiento":exp(),"cvv":cvv()},ensure_ascii=False))
add(nid("w3"),"iban-no-short",["financial"],"Norwegian IBAN (15 chars) in invoice",pick(),f"Faktura {digits(5)}\nKontonummer / IBAN: {iban('NO',11)}\nBIC: DNBANOKKXXX")
def iban_br():
    bban=digits(23)+"C1"; num="".join(str(int(ch,36)) for ch in bban+"BR00"); return f"BR{98-int(num)%97:02d}{bban}"
add(nid("w3"),"iban-br-long",["financial"],"Brazilian IBAN (29 chars) alphanumeric tail",pick(),f"Dados bancários do fornecedor {name()}: IBAN {iban_br()}")
add(nid("w3"),"us-bank-acct-check-text",["financial"],"void check OCR: 'Routing / Account / Check No' words only",pick(),f"VOID\n{name()}\n{addr()}\nRouting No. {aba()}   Account No. {digits(10)}   Check No. 1021")
# more conf docs
add(nid("w3"),"gdocs-html-header",["source-code"],"Google Docs HTML export header div 'Confidential — Company Internal'",pick(),'<html><body><div class="header"><p class="c3"><span class="c1">Kestrel Analytics &mdash; Confidential &mdash; Company Internal</span></p></div><h1>FY26 Pricing Changes</h1><p>Enterprise list +14%.</p></body></html>')
add(nid("w3"),"confluence-storage-xml",["source-code"],"Confluence storage-format XML with ac:structured-macro 'internal only' panel",pick(),'<ac:structured-macro ac:name="warning"><ac:rich-text-body><p>Internal only &ndash; do not share with customers</p></ac:rich-text-body></ac:structured-macro><p>Ledger failover: promote pg-replica-02 then flip DNS.</p>')
add(nid("w3"),"slack-mrkdwn-bold",["source-code"],"Slack mrkdwn '*CONFIDENTIAL*' bold in export JSON",pick(),json.dumps({"messages":[{"user":"U07"+digits(7),"text":"*CONFIDENTIAL* Q3 board deck draft attached — revenue miss is 9%, please don't forward"}]}))
add(nid("w3"),"html-entities-confidential",["source-code"],"HTML page: 'Confidential' written with entities C&#111;nfidential in footer",pick(),"<footer>Borealis Robotics &ndash; C&#111;nfidential &amp; Proprietary &ndash; Internal Use Only</footer><p>Actuator BOM cost $212</p>")
add(nid("w3"),"docx-split-runs",["source-code"],"DOCX where 'CONFIDENTIAL' is split across runs (Word spell/format runs) - raw XML in tool result",pick(),'<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>CONFID</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>ENTIAL</w:t></w:r><w:r><w:t xml:space="preserve"> – Halcyon Payments – Do not dis</w:t></w:r><w:r><w:t>tribute</w:t></w:r></w:p>')
ct,body=multipart("deck.pptx","application/vnd.openxmlformats-officedocument.presentationml.presentation",pptx_notes("Halcyon Payments | Internal Only | Board Pre-read","Notes: revenue miss 9%"))
add_raw(nid("w3"),"pptx-slide-internal-only",["source-code"],"PPTX slide text 'Internal Only' (slide body)","https://api.openai.com/v1/files",ct,body)
# more hard negatives (source-code side)
def neg3(kind,where,txt): add(nid("neg"),kind,[],where,pick(),txt)
neg3("neg-gce-metadata-host","OSS code using metadata.google.internal (well-known public name)","METADATA_URL = 'http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token'\nheaders = {'Metadata-Flavor': 'Google'}")
neg3("neg-host-docker-internal","docker docs: host.docker.internal","From inside the container, reach the host with http://host.docker.internal:8000 (Docker Desktop).")
neg3("neg-k8s-default-svc","OSS client code: kubernetes.default.svc","KUBE_API = 'https://kubernetes.default.svc.cluster.local:443'  # in-cluster config, client-go default")
neg3("neg-imds-ip","AWS IMDS well-known 169.254.169.254","curl -s http://169.254.169.254/latest/meta-data/instance-id")
neg3("neg-android-emulator-10022","Android docs: emulator host alias 10.0.2.2","In the emulator, 10.0.2.2 is a special alias to your host loopback interface (127.0.0.1 on your development machine).")
neg3("neg-oss-internal-use-docstring","numpy-style OSS docstring 'For internal use only.'",'def _broadcast_shape(*args):\n    """Returns the shape of the arrays that would result from broadcasting.\n\n    For internal use only. This function is not part of the public API.\n    """\n    return b.shape')
neg3("neg-android-hide-internal","AOSP javadoc '@hide For internal use only' (Apache-2.0 file)","/*\n * Copyright (C) 2008 The Android Open Source Project\n * Licensed under the Apache License, Version 2.0\n */\n/** @hide For internal use only. */\npublic static final int FLAG_INTERNAL = 0x2;")
neg3("neg-security-md","OSS SECURITY.md 'report confidentially'","# Security Policy\nPlease report vulnerabilities confidentially to security@example.org. Do not open public issues. We will treat your report as confidential.")
neg3("neg-marketing-confidential","SaaS marketing copy about confidentiality","Your files stay private and confidential: end-to-end encryption, SOC 2 Type II, and we never train on your data.")
neg3("neg-git-log-public","git log of a public OSS repo (author names/emails)","\n".join(f"commit {''.join(R.choice('0123456789abcdef') for _ in range(40))}\nAuthor: {(nm:=name())} <{nm.split()[0].lower()}@users.noreply.github.com>\nDate:   Mon Mar {R.randint(1,28)} 10:{R.randint(10,59)}:00 2025 +0000\n\n    fix: typo in docs\n" for _ in range(5)))
neg3("neg-titanic-dataset","public Titanic dataset rows (historical names/ages)","PassengerId,Survived,Pclass,Name,Sex,Age,Ticket,Fare\n1,0,3,\"Braund, Mr. Owen Harris\",male,22,A/5 21171,7.25\n2,1,1,\"Cumings, Mrs. John Bradley\",female,38,PC 17599,71.2833\n3,1,3,\"Heikkinen, Miss. Laina\",female,26,STON/O2. 3101282,7.925")
neg3("neg-embassy-phones","public list of embassy phone numbers","Embassy contacts: France +1 202-944-6000; Germany +1 202-298-4000; Japan +1 202-238-6700; Mexico +1 202-728-1600; Canada +1 202-682-1740")
neg3("neg-classification-policy-doc","public data-classification policy (university web page)","Data Classification Standard (public): Level 1 Public; Level 2 Internal Use Only; Level 3 Confidential (e.g. student records); Level 4 Restricted (SSNs, card numbers). Label documents with the level in the footer.")
neg3("neg-oss-copyright-company-mit","company copyright + MIT SPDX in OSS file","// Copyright (c) 2024 Kestrel Analytics, Inc.\n// SPDX-License-Identifier: MIT\nexport const clamp = (x, a, b) => Math.min(b, Math.max(a, x));")
neg3("neg-ics-ip-tutorial-192","public Raspberry Pi tutorial with 192.168.1.50 static IP","Edit /etc/dhcpcd.conf:\ninterface eth0\nstatic ip_address=192.168.1.50/24\nstatic routers=192.168.1.1\nstatic domain_name_servers=1.1.1.1")
neg3("neg-lorem-restricted-word","code using word 'restricted' in permissions enum","enum Visibility { PUBLIC, UNLISTED, RESTRICTED }\nconst canView = (v) => v !== Visibility.RESTRICTED")
# ================= WAVE 4 =================
c=card("4"); e=f"{R.randint(27,31)}{R.randint(1,12):02d}"
tlv=f"9F0206000000014999 5A08{c} 5F2403{e}31 5713{c}D{e}2011234567890F 9F2608{digits(16)}"
add(nid("w4"),"card-emv-tlv",["financial"],"POS/EMV TLV hex dump: tag 5A PAN and tag 57 track2-equivalent glued to tag bytes",oai_tool,"Terminal log, GENERATE AC:\n"+tlv)
c=card("5"+str(R.randint(1,5)))
iso=f"0200 F23A4481 28E09000 16{c}000000{digits(6)}0000000149990304101530{digits(6)}"
add(nid("w4"),"card-iso8583",["financial"],"ISO 8583 hex/ASCII dump: DE2 LLVAR '16'+PAN adjacent to processing code digits",anth_tool,"ISO8583 trace:\n"+iso)
def td1():
    def cd(x):
        w=[7,3,1]; v=lambda ch: int(ch) if ch.isdigit() else (0 if ch=="<" else ord(ch)-55)
        return str(sum(v(ch)*w[i%3] for i,ch in enumerate(x))%10)
    docno="L"+"".join(R.choice("0123456789CFGHJKLMNPRTVWXYZ") for _ in range(8))
    l1=("IDD"+docno+cd(docno)).ljust(30,"<")
    b=dob().replace('-','')[2:]; ex=f"{R.randint(30,34)}0{R.randint(1,9)}1{R.randint(0,9)}"
    l2=(b+cd(b)+R.choice("MF")+ex+cd(ex)+"D<<").ljust(29,"<")
    l2=l2+cd(l1[5:30]+l2[0:7]+l2[8:15]+l2[18:29])
    return l1+"\n"+l2+"\n"+f"{R.choice(LAST).upper()}<<{R.choice(FIRST).upper()}".ljust(30,"<")
add(nid("w4"),"id-card-mrz-td1",["pii"],"German ID card TD1 MRZ (3x30) from OCR",pick(),"OCR Personalausweis Rückseite:\n"+td1())
def mx_rfc():
    L="ABCDEFGHIJKLMNOPQRSTUVWXYZ"; d=dob().replace('-','')[2:]; return "".join(R.choice(L) for _ in range(4))+d+"".join(R.choice(L+"0123456789") for _ in range(3))
add(nid("w4"),"mx-rfc",["pii"],"Mexican RFC (persona física) in CFDI invoice XML",pick(),f'<cfdi:Receptor Rfc="{mx_rfc()}" Nombre="{name().upper()}" DomicilioFiscalReceptor="0{R.randint(1000,9999)}" UsoCFDI="G03"/>')
add(nid("w4"),"ar-dni-co-cedula",["pii"],"LatAm IDs: Argentine DNI and Colombian cédula labelled",pick(),f"Pasajeros:\n{name()} — DNI {R.randint(20,45)}.{digits(3)}.{digits(3)}\n{name()} — C.C. {R.randint(1,99)}.{digits(3)}.{digits(3)}")
add(nid("w4"),"health-insurance-member",["pii"],"insurance card OCR: member ID + group + name + DOB",pick(),f"BlueCross BlueShield\nMember: {name()}\nMember ID: XEH{digits(9)}\nGroup No: {digits(6)}\nDOB: {dob_us()}\nRxBIN 610014")
add(nid("w4"),"student-records",["pii"],"FERPA student export: name, student ID, DOB, GPA, disability accommodation",pick(),"student_id,name,dob,gpa,iep_504\n"+"\n".join(f"S{digits(7)},{name()},{dob()},{R.randint(15,40)/10},{R.choice(['ADHD 504','none','autism IEP'])}" for _ in range(4)))
add(nid("w4"),"de-ausweis-steuer",["pii"],"German ID number + Steuer-ID labelled",pick(),f"Mitarbeiter: {name()}\nPersonalausweisnummer: L{''.join(R.choice('0123456789CFGHJKLMNPRTVWXYZ') for _ in range(8))}\nGeburtsdatum: {R.randint(1,28):02d}.{R.randint(1,12):02d}.{R.randint(1950,2000)}")
eml=f"From: cfo@halcyonpay.com\nTo: board@halcyonpay.com\nSubject: Q3 numbers\nSensitivity: Company-Confidential\nMIME-Version: 1.0\nContent-Type: text/plain\n\nRevenue came in at $48.2M, 9% below plan. Do not discuss outside the board."
add(nid("w4"),"eml-sensitivity-header",["source-code"],".eml with Outlook 'Sensitivity: Company-Confidential' header",anth_tool,eml)
add(nid("w4"),"pdf-info-subject",["source-code"],"text from pdfinfo: Title/Subject metadata 'Highly Confidential'",pick(),"$ pdfinfo deck.pdf\nTitle:          Project Heron - Board Update\nSubject:        HIGHLY CONFIDENTIAL\nAuthor:         Corp Dev\nPages:          18")
# a few more negatives
neg3("neg-emv-spec","EMV tag reference table (no data)","| Tag | Name |\n|---|---|\n| 5A | Application PAN |\n| 57 | Track 2 Equivalent Data |\n| 5F24 | Application Expiration Date |\n| 9F26 | Application Cryptogram |")
neg3("neg-test-mrz-icao-specimen","ICAO specimen MRZ (UTOPIA, public)","P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10")
neg3("neg-insurance-plan-doc","public insurance plan doc mentioning Member ID field","Your Member ID is printed on the front of your card. Group number and RxBIN are used by pharmacies. Call the number on the back for help.")


with open(os.path.join(OUT,"manifest.jsonl"),"w") as f:
    ids=set()
    for c in CASES:
        assert c["id"] not in ids, c["id"]; ids.add(c["id"])
        f.write(json.dumps(c, ensure_ascii=False)+"\n")
print(len(CASES),"cases;",sum(1 for c in CASES if not c["expect"]),"negatives")
