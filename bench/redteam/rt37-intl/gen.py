#!/usr/bin/env python3
"""rt37-intl: international PII / financial identifiers in agent traffic.

Deterministic (random.Random(3701)), standard library only. Writes manifest.jsonl
next to this file. All values are synthetic; check digits are computed here.
Run with --selftest to check the algorithms against published example values.
"""
import json, os, random, string, sys

R = random.Random(3701)
HERE = os.path.dirname(os.path.abspath(__file__))
DIG = string.digits
UP = string.ascii_uppercase


def rd(n, first_nonzero=False):
    s = "".join(R.choice(DIG) for _ in range(n))
    if first_nonzero and s[0] == "0":
        s = R.choice("123456789") + s[1:]
    return s


def rdate(y0=1950, y1=2004):
    y = R.randint(y0, y1); m = R.randint(1, 12); d = R.randint(1, 28)
    return y, m, d

# ---------------------------------------------------------------- checksums

def luhn_sum(s):
    t = 0
    for i, c in enumerate(reversed(s)):
        v = int(c)
        if i % 2 == 1:
            v *= 2
            if v > 9: v -= 9
        t += v
    return t

def luhn_ok(s): return luhn_sum(s) % 10 == 0
def luhn_cd(s): return str((10 - luhn_sum(s + "0") % 10) % 10)

VD = [[0,1,2,3,4,5,6,7,8,9],[1,2,3,4,0,6,7,8,9,5],[2,3,4,0,1,7,8,9,5,6],[3,4,0,1,2,8,9,5,6,7],
      [4,0,1,2,3,9,5,6,7,8],[5,9,8,7,6,0,4,3,2,1],[6,5,9,8,7,1,0,4,3,2],[7,6,5,9,8,2,1,0,4,3],
      [8,7,6,5,9,3,2,1,0,4],[9,8,7,6,5,4,3,2,1,0]]
VP = [[0,1,2,3,4,5,6,7,8,9],[1,5,7,6,2,8,3,0,9,4],[5,8,0,3,7,9,6,1,4,2],[8,9,1,6,0,4,3,5,2,7],
      [9,4,5,3,1,2,6,8,7,0],[4,2,8,6,5,7,3,9,0,1],[2,7,9,3,8,0,6,4,1,5],[7,0,4,6,9,1,3,2,5,8]]
VINV = [0,4,3,2,1,5,6,7,8,9]

def verhoeff_ok(s):
    c = 0
    for i, ch in enumerate(reversed(s)): c = VD[c][VP[i % 8][int(ch)]]
    return c == 0

def verhoeff_cd(s):
    c = 0
    for i, ch in enumerate(reversed(s)): c = VD[c][VP[(i + 1) % 8][int(ch)]]
    return str(VINV[c])

def wsum(s, w): return sum(int(a) * b for a, b in zip(s, w))

# each validator takes the compact string
def cpf_cd(b):
    r = wsum(b, range(10, 1, -1)) % 11; d1 = 0 if r < 2 else 11 - r
    b2 = b + str(d1); r = wsum(b2, range(11, 1, -1)) % 11; d2 = 0 if r < 2 else 11 - r
    return f"{d1}{d2}"
def cpf_ok(s): return len(s) == 11 and len(set(s)) > 1 and cpf_cd(s[:9]) == s[9:]

CNPJ_W1 = [5,4,3,2,9,8,7,6,5,4,3,2]; CNPJ_W2 = [6] + CNPJ_W1
def cnpj_cd(b):
    r = wsum(b, CNPJ_W1) % 11; d1 = 0 if r < 2 else 11 - r
    r = wsum(b + str(d1), CNPJ_W2) % 11; d2 = 0 if r < 2 else 11 - r
    return f"{d1}{d2}"
def cnpj_ok(s): return cnpj_cd(s[:12]) == s[12:]

CN_W = [7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]
def cn_cd(b): return "10X98765432"[wsum(b, CN_W) % 11]
def cn_ok(s): return cn_cd(s[:17]) == s[17]

def mynum_cd(b):
    t = 0
    for n in range(1, 12):
        p = int(b[11 - n]); q = n + 1 if n <= 6 else n - 5; t += p * q
    r = t % 11
    return "0" if r <= 1 else str(11 - r)
def mynum_ok(s): return mynum_cd(s[:11]) == s[11]

def rrn_cd(b): return str((11 - wsum(b, [2,3,4,5,6,7,8,9,2,3,4,5]) % 11) % 10)
def rrn_ok(s): return rrn_cd(s[:12]) == s[12]

def tfn_ok(s): return wsum(s, [1,4,3,7,5,8,6,9,10]) % 11 == 0
def medicare_cd(b): return str(wsum(b, [1,3,7,9,1,3,7,9]) % 10)
def medicare_ok(s): return s[0] in "23456" and medicare_cd(s[:8]) == s[8]

def nric_cd(p, d):
    t = wsum(d, [2,7,6,5,4,3,2]) + (4 if p in "TG" else 0)
    return ("JZIHGFEDCBA" if p in "ST" else "XWUTRQPNMLK")[t % 11]
def nric_ok(s): return nric_cd(s[0], s[1:8]) == s[8]

def hk_val(c): return 36 if c == " " else (ord(c) - 55 if c.isalpha() else int(c))
def hkid_cd(b):
    b = b.rjust(8)
    t = sum(hk_val(c) * w for c, w in zip(b, range(9, 1, -1)))
    r = (11 - t % 11) % 11
    return "A" if r == 10 else str(r)
def hkid_ok(s): return hkid_cd(s[:-1]) == s[-1]

def nhs_cd(b):
    r = 11 - wsum(b, range(10, 1, -1)) % 11
    return None if r == 10 else str(0 if r == 11 else r)
def nhs_ok(s): return nhs_cd(s[:9]) == s[9]

def ppsn_cd(d, extra=""):
    t = wsum(d, range(8, 1, -1))
    if extra: t += (0 if extra == "W" else ord(extra) - 64) * 9
    r = t % 23
    return "W" if r == 0 else chr(64 + r)
def ppsn_ok(s): return ppsn_cd(s[:7], s[8:9]) == s[7]

def nir_key(b): return "%02d" % (97 - int(b) % 97)
def nir_ok(s): return nir_key(s[:13]) == s[13:]

def steuer_cd(b):
    prod = 10
    for c in b:
        sm = (int(c) + prod) % 10
        if sm == 0: sm = 10
        prod = (sm * 2) % 11
    cd = 11 - prod
    return str(0 if cd == 10 else cd)
def steuer_ok(s): return steuer_cd(s[:10]) == s[10]

CF_ODD = dict(zip("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
  [1,0,5,7,9,13,15,17,19,21,1,0,5,7,9,13,15,17,19,21,2,4,18,20,11,3,6,8,12,14,16,10,22,25,24,23]))
def cf_even(c): return int(c) if c.isdigit() else ord(c) - 65
def cf_cd(b):
    t = sum(CF_ODD[c] if i % 2 == 0 else cf_even(c) for i, c in enumerate(b))
    return chr(65 + t % 26)
def cf_ok(s): return cf_cd(s[:15]) == s[15]

DNI_L = "TRWAGMYFPDXBNJZSQVHLCKE"
def dni_cd(n): return DNI_L[int(n) % 23]
def dni_ok(s):
    n = s[:-1]
    if n[0] in "XYZ": n = str("XYZ".index(n[0])) + n[1:]
    return dni_cd(n) == s[-1]

def ptnif_cd(b):
    r = wsum(b, range(9, 1, -1)) % 11
    return "0" if r < 2 else str(11 - r)
def ptnif_ok(s): return ptnif_cd(s[:8]) == s[8]

def bsn_ok(s): return (wsum(s[:8], range(9, 1, -1)) - int(s[8])) % 11 == 0

def be_cd(b, y2k): return "%02d" % (97 - int(("2" if y2k else "") + b) % 97)
def be_ok(s, y2k=False): return be_cd(s[:9], y2k) == s[9:]

def pesel_cd(b): return str((10 - wsum(b, [1,3,7,9,1,3,7,9,1,3]) % 10) % 10)
def pesel_ok(s): return pesel_cd(s[:10]) == s[10]

def no_cd(b):
    k1 = 11 - wsum(b, [3,7,6,1,8,9,4,5,2]) % 11
    if k1 == 11: k1 = 0
    if k1 == 10: return None
    k2 = 11 - wsum(b + str(k1), [5,4,3,2,7,6,5,4,3,2]) % 11
    if k2 == 11: k2 = 0
    if k2 == 10: return None
    return f"{k1}{k2}"
def no_ok(s): return no_cd(s[:9]) == s[9:]

def cpr_ok(s): return wsum(s, [4,3,2,7,6,5,4,3,2,1]) % 11 == 0

HETU_C = "0123456789ABCDEFHJKLMNPRSTUVWXY"
def hetu_cd(ddmmyy, zzz): return HETU_C[int(ddmmyy + zzz) % 31]
def hetu_ok(s): return hetu_cd(s[:6], s[7:10]) == s[10]

def ean_cd(b):  # b = 12 digits
    t = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(b))
    return str((10 - t % 10) % 10)
def ean_ok(s): return ean_cd(s[:12]) == s[12]

def atsv_cd(s):  # s = 10 digits with placeholder at index 3
    t = wsum(s[:3], [3,7,9]) + wsum(s[4:], [5,8,4,2,1,6])
    r = t % 11
    return None if r == 10 else str(r)
def atsv_ok(s): return atsv_cd(s) == s[3]

def tc_cd(b):
    d = [int(c) for c in b]
    d10 = ((d[0] + d[2] + d[4] + d[6] + d[8]) * 7 - (d[1] + d[3] + d[5] + d[7])) % 10
    d11 = (sum(d) + d10) % 10
    return f"{d10}{d11}"
def tc_ok(s): return s[0] != "0" and tc_cd(s[:9]) == s[9:]

def il_ok(s):
    t = 0
    for i, c in enumerate(s):
        v = int(c) * (1 if i % 2 == 0 else 2)
        t += v - 9 if v > 9 else v
    return t % 10 == 0
def il_cd(b):
    for c in DIG:
        if il_ok(b + c): return c

def cuil_cd(b):
    r = 11 - wsum(b, [5,4,3,2,7,6,5,4,3,2]) % 11
    if r == 11: return "0"
    if r == 10: return None
    return str(r)
def cuil_ok(s): return cuil_cd(s[:10]) == s[10]

def rut_cd(b):
    t = sum(int(c) * w for c, w in zip(reversed(b), [2,3,4,5,6,7] * 3))
    r = 11 - t % 11
    return "0" if r == 11 else ("K" if r == 10 else str(r))
def rut_ok(s): return rut_cd(s[:-1]) == s[-1]

def cnp_cd(b):
    r = wsum(b, [2,7,9,1,4,6,3,5,8,2,7,9]) % 11
    return "1" if r == 10 else str(r)
def cnp_ok(s): return cnp_cd(s[:12]) == s[12]

def rc_ok(s): return int(s) % 11 == 0

TW_L = dict(zip("ABCDEFGHJKLMNPQRSTUVXYWZIO", range(10, 36)))
def tw_cd(b):
    n = TW_L[b[0]]; t = n // 10 + (n % 10) * 9 + wsum(b[1:], [8,7,6,5,4,3,2,1])
    return str((10 - t % 10) % 10)
def tw_ok(s): return tw_cd(s[:9]) == s[9]

DEID_A = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
def deid_cd(b): return str(sum(DEID_A.index(c) * w for c, w in zip(b, [7,3,1] * 3)) % 10)
def deid_ok(s): return deid_cd(s[:9]) == s[9]

# Mexico
CURP_A = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"
def curp_cd(b): return str((10 - sum(CURP_A.index(c) * (18 - i) for i, c in enumerate(b)) % 10) % 10)
def curp_ok(s): return curp_cd(s[:17]) == s[17]
RFC_A = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ"
def rfc_cd(b):
    b = b.rjust(12)
    r = 11 - sum(RFC_A.index(c) * (13 - i) for i, c in enumerate(b)) % 11
    return "0" if r == 11 else ("A" if r == 10 else str(r))
def rfc_ok(s): return rfc_cd(s[:-1]) == s[-1]

def iban_cd(cc, bban):
    n = "".join(str(int(c, 36)) for c in bban + cc + "00")
    return "%02d" % (98 - int(n) % 97)
def iban_ok(s):
    t = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in t)) % 97 == 1

def aba_ok(s): return wsum(s, [3,7,1,3,7,1,3,7,1]) % 10 == 0
def aba_cd(b): return str((10 - wsum(b, [3,7,1,3,7,1,3,7]) % 10) % 10)

def mod11_company(b, w):  # generic: r = sum%11, cd = 11-r (0 for 11), None for 10
    r = 11 - wsum(b, w) % 11
    if r == 11: return "0"
    if r == 10: return None
    return str(r)

# ---------------------------------------------------------------- self test
def selftest():
    ok = [
        ("cpf", cpf_ok("52998224725")), ("cpf2", cpf_ok("11144477735")),
        ("cnpj", cnpj_ok("11222333000181")), ("verhoeff", verhoeff_cd("236") == "3" and verhoeff_ok("2363")),
        ("cn", cn_ok("11010519491231002X")), ("mynum", mynum_ok("123456789018")),
        ("tfn", tfn_ok("123456782")), ("nric", nric_ok("S1234567D")), ("hkid", hkid_ok("A1234563")),
        ("sin", luhn_ok("046454286")), ("nhs", nhs_ok("9434765919")), ("dni", dni_ok("12345678Z")),
        ("dni-spec", dni_ok("99999999R")), ("bsn", bsn_ok("111222333")), ("ahv", ean_ok("7561234567897")),
        ("tc", tc_ok("10000000146")), ("rut", rut_ok("111111111")), ("tw", tw_ok("A123456789")),
        ("iban-gb", iban_ok("GB82WEST12345698765432")), ("iban-de", iban_ok("DE89370400440532013000")),
        ("aba", aba_ok("021000021")), ("cf", cf_ok("RSSMRA85T10A562S")), ("se", luhn_ok("1212121212")),
        ("steuer", steuer_ok("86095742719")), ("curp", curp_ok("HEGG560427MVZRRL04")),
        ("rfc", rfc_ok("GODE561231GR8")), ("pesel", pesel_ok("44051401359")),
        ("il", il_ok("000000018")), ("ean", ean_ok("9780306406157")),
    ]
    for n, v in ok: print(("OK  " if v else "FAIL"), n)
    return all(v for _, v in ok)

# ---------------------------------------------------------------- languages
LANGS = {
 "pt": dict(names=["Ana Souza", "João Pereira", "Mariana Costa", "Rafael Lima", "Beatriz Almeida", "Lucas Ferreira"],
            cities=["São Paulo", "Recife", "Curitiba", "Porto Alegre", "Lisboa", "Porto"], name="Nome", dob="Data de nascimento",
            city="Cidade", amount="Valor", date="Data", status="Situação", hello="Olá", bye="Atenciosamente"),
 "de": dict(names=["Lena Hoffmann", "Jonas Becker", "Sabine Wolf", "Tobias Krüger", "Miriam Schäfer", "Felix Neumann"],
            cities=["Berlin", "Köln", "Leipzig", "Graz", "Wien", "Zürich"], name="Name", dob="Geburtsdatum",
            city="Ort", amount="Betrag", date="Datum", status="Status", hello="Guten Tag", bye="Mit freundlichen Grüßen"),
 "fr": dict(names=["Camille Martin", "Hugo Bernard", "Léa Dubois", "Nathan Moreau", "Chloé Laurent", "Louis Girard"],
            cities=["Lyon", "Nantes", "Lille", "Bordeaux", "Liège", "Genève"], name="Nom", dob="Date de naissance",
            city="Ville", amount="Montant", date="Date", status="Statut", hello="Bonjour", bye="Cordialement"),
 "es": dict(names=["Lucía García", "Pablo Martínez", "Carmen López", "Diego Sánchez", "Valentina Rojas", "Mateo Gómez"],
            cities=["Madrid", "Sevilla", "Valencia", "Bogotá", "Santiago", "Buenos Aires"], name="Nombre",
            dob="Fecha de nacimiento", city="Ciudad", amount="Importe", date="Fecha", status="Estado", hello="Hola",
            bye="Saludos cordiales"),
 "it": dict(names=["Giulia Ricci", "Marco Esposito", "Francesca Romano", "Luca Colombo", "Sara Bruno"],
            cities=["Milano", "Torino", "Bologna", "Napoli", "Firenze"], name="Nome", dob="Data di nascita",
            city="Città", amount="Importo", date="Data", status="Stato", hello="Buongiorno", bye="Cordiali saluti"),
 "nl": dict(names=["Sanne de Vries", "Daan Jansen", "Eva Bakker", "Bram Visser", "Lotte Smit"],
            cities=["Utrecht", "Rotterdam", "Gent", "Antwerpen", "Eindhoven"], name="Naam", dob="Geboortedatum",
            city="Plaats", amount="Bedrag", date="Datum", status="Status", hello="Beste", bye="Met vriendelijke groet"),
 "pl": dict(names=["Anna Kowalska", "Piotr Nowak", "Katarzyna Wiśniewska", "Tomasz Wójcik", "Magdalena Zając"],
            cities=["Kraków", "Gdańsk", "Wrocław", "Poznań", "Łódź"], name="Imię i nazwisko", dob="Data urodzenia",
            city="Miasto", amount="Kwota", date="Data", status="Status", hello="Dzień dobry", bye="Z poważaniem"),
 "sv": dict(names=["Elin Lindqvist", "Oskar Berg", "Maja Nyström", "Erik Holm", "Astrid Sandberg"],
            cities=["Göteborg", "Malmö", "Uppsala", "Oslo", "Bergen", "Aarhus", "Tampere"], name="Namn",
            dob="Födelsedatum", city="Ort", amount="Belopp", date="Datum", status="Status", hello="Hej",
            bye="Med vänliga hälsningar"),
 "no": dict(names=["Ingrid Haugen", "Sindre Dahl", "Kari Bakken", "Magnus Lie"], cities=["Oslo", "Bergen", "Trondheim"],
            name="Navn", dob="Fødselsdato", city="Sted", amount="Beløp", date="Dato", status="Status", hello="Hei",
            bye="Vennlig hilsen"),
 "da": dict(names=["Freja Madsen", "Mikkel Kristensen", "Ida Poulsen", "Rasmus Holm"], cities=["Aarhus", "Odense", "Aalborg"],
            name="Navn", dob="Fødselsdato", city="By", amount="Beløb", date="Dato", status="Status", hello="Hej",
            bye="Med venlig hilsen"),
 "fi": dict(names=["Aino Virtanen", "Eetu Mäkinen", "Sofia Korhonen", "Juho Nieminen"], cities=["Tampere", "Oulu", "Turku"],
            name="Nimi", dob="Syntymäaika", city="Kaupunki", amount="Summa", date="Päivämäärä", status="Tila",
            hello="Hei", bye="Ystävällisin terveisin"),
 "ja": dict(names=["佐藤 花子", "鈴木 一郎", "高橋 美咲", "田中 健太", "伊藤 さくら"], cities=["東京都", "大阪府", "札幌市", "福岡市"],
            name="氏名", dob="生年月日", city="住所", amount="金額", date="日付", status="状態", hello="お世話になっております。",
            bye="よろしくお願いいたします。"),
 "zh": dict(names=["王芳", "李娜", "张伟", "刘洋", "陈静", "杨磊"], cities=["北京市", "上海市", "深圳市", "成都市", "台北市"],
            name="姓名", dob="出生日期", city="地址", amount="金额", date="日期", status="状态", hello="您好，", bye="此致敬礼"),
 "ko": dict(names=["김민준", "이서연", "박지훈", "최수아", "정하은"], cities=["서울특별시", "부산광역시", "인천광역시"],
            name="성명", dob="생년월일", city="주소", amount="금액", date="날짜", status="상태", hello="안녕하세요.",
            bye="감사합니다."),
 "en": dict(names=["Priya Sharma", "Rahul Verma", "Olivia Brown", "Jack Wilson", "Chloe Tan", "Aisha Khan", "Liam Murphy"],
            cities=["Mumbai", "Bengaluru", "Manchester", "Sydney", "Toronto", "Dublin", "Singapore"], name="Name",
            dob="Date of birth", city="City", amount="Amount", date="Date", status="Status", hello="Hi team,",
            bye="Thanks,"),
 "hi": dict(names=["प्रिया शर्मा", "राहुल वर्मा", "अनीता गुप्ता", "Vikram Singh", "Neha Patel"], cities=["दिल्ली", "Pune", "Jaipur"],
            name="नाम", dob="जन्म तिथि", city="शहर", amount="राशि", date="दिनांक", status="स्थिति", hello="नमस्ते,",
            bye="धन्यवाद"),
 "tr": dict(names=["Ayşe Yılmaz", "Mehmet Demir", "Elif Kaya", "Emre Çelik"], cities=["İstanbul", "Ankara", "İzmir"],
            name="Ad Soyad", dob="Doğum tarihi", city="Şehir", amount="Tutar", date="Tarih", status="Durum",
            hello="Merhaba,", bye="Saygılarımla"),
 "he": dict(names=["נועה כהן", "איתי לוי", "Yael Mizrahi", "Omer Peretz"], cities=["תל אביב", "חיפה", "Jerusalem"],
            name="שם", dob="תאריך לידה", city="עיר", amount="סכום", date="תאריך", status="סטטוס", hello="שלום,",
            bye="בברכה"),
 "ro": dict(names=["Andreea Popescu", "Mihai Ionescu", "Ioana Dumitru"], cities=["București", "Cluj-Napoca", "Iași"],
            name="Nume", dob="Data nașterii", city="Oraș", amount="Sumă", date="Data", status="Stare", hello="Bună ziua,",
            bye="Cu stimă"),
 "el": dict(names=["Μαρία Παπαδοπούλου", "Γιώργος Νικολάου", "Eleni Georgiou"], cities=["Αθήνα", "Θεσσαλονίκη", "Πάτρα"],
            name="Ονοματεπώνυμο", dob="Ημερομηνία γέννησης", city="Πόλη", amount="Ποσό", date="Ημερομηνία",
            status="Κατάσταση", hello="Καλημέρα,", bye="Με εκτίμηση"),
 "cs": dict(names=["Tereza Nováková", "Jan Svoboda", "Petra Dvořáková"], cities=["Praha", "Brno", "Ostrava"],
            name="Jméno", dob="Datum narození", city="Město", amount="Částka", date="Datum", status="Stav",
            hello="Dobrý den,", bye="S pozdravem"),
 "af": dict(names=["Thandi Nkosi", "Pieter van der Merwe", "Lerato Mokoena", "Sipho Dlamini"], cities=["Johannesburg", "Cape Town", "Durban"],
            name="Name", dob="Date of birth", city="City", amount="Amount", date="Date", status="Status", hello="Hi,",
            bye="Regards,"),
}

def L(lang): return LANGS[lang]

# ---------------------------------------------------------------- kinds
# each kind: gen() -> compact valid, fmt(compact) -> list of display variants,
# bad(compact) -> invalid compact (check digit broken), labels, keys

def mutate_until(s, pos_list, alphabet, ok):
    for _ in range(50):
        p = R.choice(pos_list); c = R.choice(alphabet)
        t = s[:p] + c + s[p + 1:]
        if t != s and not ok(t): return t
    raise RuntimeError("cannot break " + s)

def _dob():
    y, m, d = rdate(); return y, m, d

def g_cpf():
    while True:
        b = rd(9)
        if len(set(b)) > 1: return b + cpf_cd(b)
def g_cnpj():
    b = rd(8, True) + "0001"; return b + cnpj_cd(b)
def g_aadhaar():
    b = R.choice("23456789") + rd(10); return b + verhoeff_cd(b)
def g_pan(kind="P"):
    return "".join(R.choice(UP) for _ in range(3)) + kind + R.choice(UP) + rd(4) + R.choice(UP)
STATES = ["DF", "JC", "NL", "PL", "VZ", "MC", "GT", "YN"]
def g_curp():
    y, m, d = _dob()
    b = (R.choice("BCDFGHLMPRSTV") + R.choice("AEIOU") + R.choice("BCDFGHLMPRSTV") + R.choice("AEILMORS") +
         "%02d%02d%02d" % (y % 100, m, d) + R.choice("HM") + R.choice(STATES) +
         "".join(R.choice("BCDFGHJKLMNPRSTVZ") for _ in range(3)) + (R.choice(DIG) if y < 2000 else R.choice(UP)))
    return b + curp_cd(b)
def g_rfc():
    y, m, d = _dob()
    b = (R.choice("BCDFGHLMPRSTV") + R.choice("AEIOU") + R.choice(UP.replace("Ñ", "")) + R.choice(UP) +
         "%02d%02d%02d" % (y % 100, m, d) + R.choice("ABCDEFGHJKLMNPRSTUVWXYZ123456789") + R.choice("ABCDEFGHJKLMNPRSTUVWXYZ123456789"))
    return b + rfc_cd(b)
CN_AREAS = ["110105", "310104", "440305", "510107", "330106", "420111", "320102", "370202"]
def g_cn():
    y, m, d = _dob(); b = R.choice(CN_AREAS) + "%04d%02d%02d" % (y, m, d) + rd(3); return b + cn_cd(b)
def g_mynum():
    b = rd(11, True); return b + mynum_cd(b)
def g_rrn():
    y, m, d = _dob(); s = R.choice("12") if y < 2000 else R.choice("34")
    b = "%02d%02d%02d" % (y % 100, m, d) + s + rd(5); return b + rrn_cd(b)
def g_tfn():
    while True:
        b = rd(8, True)
        for c in DIG:
            if tfn_ok(b + c): return b + c
def g_medicare():
    b = R.choice("23456") + rd(7); return b + medicare_cd(b) + R.choice("123456789")
def g_nric():
    p = R.choice("STFG"); d = rd(7); return p + d + nric_cd(p, d)
def g_hkid():
    p = R.choice(["", ""] + ["K", "C"]) ; p = (R.choice("ACDEGHKPRVYZ") if p == "" else "X" + p[:0] + R.choice("ACDEHKPRVYZ"))
    b = p + rd(6); return b + hkid_cd(b)
def g_sin():
    b = R.choice("1234567") + rd(7); return b + luhn_cd(b)
NINO_A = "ABCEGHJKLMNOPRSTWXYZ"; NINO_B = "ABCEGHJKLMNPRSTWXYZ"
def g_nino():
    while True:
        p = R.choice(NINO_A) + R.choice(NINO_B)
        if p not in ("BG", "GB", "NK", "KN", "TN", "NT", "ZZ"): return p + rd(6) + R.choice("ABCD")
def g_nhs():
    while True:
        b = R.choice("4569") + rd(8); c = nhs_cd(b)
        if c: return b + c
def g_ppsn():
    d = rd(7); ex = R.choice(["", "", "A", "W"]); return d + ppsn_cd(d, ex) + ex
def g_nir():
    y, m, d = _dob(); b = R.choice("12") + "%02d%02d" % (y % 100, m) + "%02d" % R.randint(1, 95) + rd(3) + rd(3)
    return b + nir_key(b)
def g_steuer():
    while True:
        ds = R.sample(DIG, 9); rep = R.choice(ds); ds = ds + [rep]; R.shuffle(ds)
        if ds[0] == "0": continue
        b = "".join(ds); return b + steuer_cd(b)
CF_MONTH = "ABCDEHLMPRST"; BELF = ["H501", "F205", "L219", "A944", "F839", "D612", "G273"]
def g_cf():
    y, m, d = _dob(); fem = R.random() < 0.5
    b = ("".join(R.choice("BCDFGLMNPRSTVZ") for _ in range(3)) + "".join(R.choice("BCDFGLMNPRSTVZ") for _ in range(3)) +
         "%02d" % (y % 100) + CF_MONTH[m - 1] + "%02d" % (d + (40 if fem else 0)) + R.choice(BELF))
    return b + cf_cd(b)
def g_dni():
    n = rd(8, True); return n + dni_cd(n)
def g_nie():
    p = R.choice("XYZ"); n = rd(7); return p + n + dni_cd(str("XYZ".index(p)) + n)
def g_ptnif():
    b = R.choice("123") + rd(7); return b + ptnif_cd(b)
def g_bsn():
    while True:
        b = R.choice("123456") + rd(7); c = wsum(b, range(9, 1, -1)) % 11
        if c < 10: return b + str(c)
def g_be():
    y, m, d = _dob(); b = "%02d%02d%02d" % (y % 100, m, d) + "%03d" % R.randint(1, 997)
    return b + be_cd(b, y >= 2000)
def g_pesel():
    y, m, d = _dob(); mm = m + (20 if y >= 2000 else 0)
    b = "%02d%02d%02d" % (y % 100, mm, d) + rd(4); return b + pesel_cd(b)
def g_se():
    y, m, d = _dob(); b = "%02d%02d%02d" % (y % 100, m, d) + rd(3); return b + luhn_cd(b)
def g_no():
    while True:
        y, m, d = _dob(); b = "%02d%02d%02d" % (d, m, y % 100) + "%03d" % (R.randint(0, 499) if y < 2000 else R.randint(500, 999))
        c = no_cd(b)
        if c: return b + c
def g_cpr():
    while True:
        y, m, d = _dob(); b = "%02d%02d%02d" % (d, m, y % 100) + rd(3)
        for c in DIG:
            if cpr_ok(b + c): return b + c
def g_hetu():
    y, m, d = _dob(); dd = "%02d%02d%02d" % (d, m, y % 100); z = "%03d" % R.randint(2, 899)
    return dd + ("A" if y >= 2000 else "-") + z + hetu_cd(dd, z)
def g_ahv():
    b = "756" + rd(9); return b + ean_cd(b)
def g_atsv():
    while True:
        y, m, d = _dob(); s = R.choice("123456789") + rd(2) + "0" + "%02d%02d%02d" % (d, m, y % 100)
        c = atsv_cd(s)
        if c: return s[:3] + c + s[4:]
def g_tc():
    b = R.choice("123456789") + rd(8); return b + tc_cd(b)
def g_il():
    b = rd(8); return b + il_cd(b)
def g_za():
    y, m, d = _dob(); b = "%02d%02d%02d" % (y % 100, m, d) + rd(4) + R.choice("01") + "8"; return b + luhn_cd(b)
def g_cuil():
    while True:
        b = R.choice(["20", "27"]) + R.choice("123") + rd(7); c = cuil_cd(b)
        if c: return b + c
def g_ardni(): return R.choice("1234") + rd(7)
def g_rut():
    b = str(R.randint(6000000, 24999999)); return b + rut_cd(b)
def g_cedula(): return str(R.randint(10000000, 1099999999))
def g_cnp():
    y, m, d = _dob(); s = (R.choice("12") if y < 2000 else R.choice("56"))
    b = s + "%02d%02d%02d" % (y % 100, m, d) + "%02d" % R.randint(1, 46) + rd(3); return b + cnp_cd(b)
def g_amka():
    y, m, d = _dob(); b = "%02d%02d%02d" % (d, m, y % 100) + rd(4); return b + luhn_cd(b)
def g_rc():
    while True:
        y, m, d = rdate(1955, 2004); mm = m + (50 if R.random() < 0.5 else 0)
        b = "%02d%02d%02d" % (y % 100, mm, d) + rd(3); c = int(b) % 11
        if c < 10:
            c = (11 - c) % 11
            # choose last digit so that whole number divisible by 11
            for x in DIG:
                if int(b + x) % 11 == 0: return b + x
def g_tw():
    b = R.choice("ABCDEFGHJKLMNPQRSTUVXYWZ") + R.choice("12") + rd(7); return b + tw_cd(b)
def g_deid():
    b = R.choice("CFGHJKLMNPRTVWXYZ") + "".join(R.choice("0123456789CFGHJKLMNPRTVWXYZ") for _ in range(8)); return b + deid_cd(b)

def grp(s, sizes, sep=" "):
    out = []; i = 0
    for n in sizes: out.append(s[i:i + n]); i += n
    if i < len(s): out.append(s[i:])
    return sep.join(out)

K = {}
def kind(name, lang, gen, fmts, valid, badpos, balpha, labels, keys, cat="pii", en=None):
    K[name] = dict(name=name, lang=lang, gen=gen, fmts=fmts, valid=valid, badpos=badpos, balpha=balpha,
                   labels=labels, keys=keys, cat=cat, en=en or labels[0])

kind("br-cpf", "pt", g_cpf, lambda s: [f"{s[:3]}.{s[3:6]}.{s[6:9]}-{s[9:]}", s], cpf_ok, [9, 10], DIG,
     ["CPF", "CPF do titular", "Nº do CPF"], ["cpf", "nrCpf", "cpf_titular"])
kind("in-aadhaar", "en", g_aadhaar, lambda s: [grp(s, [4, 4, 4]), s, grp(s, [4, 4, 4], "-")], verhoeff_ok, [11], DIG,
     ["Aadhaar No.", "आधार संख्या", "Aadhaar Number", "UID"], ["aadhaar", "aadhaarNumber", "uid_no"])
kind("in-pan", "en", g_pan, lambda s: [s], None, None, None, ["PAN", "PAN No.", "पैन", "Permanent Account Number"],
     ["pan", "panNumber", "pan_no"])
kind("mx-curp", "es", g_curp, lambda s: [s], curp_ok, [17], DIG, ["CURP", "Clave CURP"], ["curp", "CURP", "clave_curp"])
kind("mx-rfc", "es", g_rfc, lambda s: [s, f"{s[:4]}-{s[4:10]}-{s[10:]}"], rfc_ok, [12], DIG,
     ["RFC", "R.F.C.", "Registro Federal de Contribuyentes"], ["rfc", "RFC", "rfc_empleado"])
kind("cn-resident-id", "zh", g_cn, lambda s: [s], cn_ok, [17], DIG + "X", ["身份证号", "公民身份号码", "身份证号码"],
     ["身份证号", "idCard", "sfzh"], en="Resident ID")
kind("jp-my-number", "ja", g_mynum, lambda s: [grp(s, [4, 4, 4]), s, grp(s, [4, 4, 4], "-")], mynum_ok, [11], DIG,
     ["マイナンバー", "個人番号", "マイナンバー（個人番号）"], ["マイナンバー", "kojin_bango", "myNumber"], en="My Number")
kind("kr-rrn", "ko", g_rrn, lambda s: [f"{s[:6]}-{s[6:]}", s], rrn_ok, [12], DIG, ["주민등록번호", "주민번호"],
     ["주민등록번호", "rrn", "jumin_no"], en="RRN")
kind("au-tfn", "en", g_tfn, lambda s: [grp(s, [3, 3, 3]), s], tfn_ok, [8], DIG, ["TFN", "Tax File Number", "Tax file number"],
     ["tfn", "taxFileNumber", "tfn_no"])
kind("au-medicare", "en", g_medicare, lambda s: [grp(s, [4, 5, 1]), s], lambda s: medicare_ok(s), [8], DIG,
     ["Medicare No.", "Medicare card number", "Medicare number"], ["medicare", "medicareNumber", "medicare_no"])
kind("sg-nric", "en", g_nric, lambda s: [s], nric_ok, [8], "ABCDEFGHIJKLMNPQRTUWXZ", ["NRIC", "NRIC/FIN", "NRIC No."],
     ["nric", "nricFin", "nric_no"])
kind("hk-hkid", "zh", g_hkid, lambda s: [f"{s[:-1]}({s[-1]})", s], hkid_ok, [-1], DIG + "A", ["HKID", "香港身份證號碼", "身份證號碼"],
     ["hkid", "hkidNo", "身份證號碼"], en="HKID")
kind("ca-sin", "en", g_sin, lambda s: [grp(s, [3, 3, 3]), grp(s, [3, 3, 3], "-"), s], luhn_ok, [8], DIG,
     ["SIN", "Social Insurance Number", "NAS", "numéro d'assurance sociale"], ["sin", "socialInsuranceNumber", "nas"])
kind("uk-nino", "en", g_nino, lambda s: [s, f"{s[:2]} {s[2:4]} {s[4:6]} {s[6:8]} {s[8]}"], None, None, None,
     ["NI number", "National Insurance No.", "NINO"], ["nino", "niNumber", "ni_no"])
kind("uk-nhs", "en", g_nhs, lambda s: [grp(s, [3, 3, 4]), s], nhs_ok, [9], DIG, ["NHS number", "NHS No.", "NHS"],
     ["nhsNumber", "nhs_no", "nhs"])
kind("ie-ppsn", "en", g_ppsn, lambda s: [s], ppsn_ok, [7], "ABCDEFGHJKLMNPQRSTVWX", ["PPSN", "PPS Number", "PPS No."],
     ["ppsn", "ppsNumber", "pps_no"])
kind("fr-nir", "fr", g_nir, lambda s: [f"{s[0]} {s[1:3]} {s[3:5]} {s[5:7]} {s[7:10]} {s[10:13]} {s[13:]}", s], nir_ok, [13, 14], DIG,
     ["N° de sécurité sociale", "NIR", "numéro de sécu", "N° INSEE"], ["nir", "numSecu", "numero_securite_sociale"])
kind("de-tax-id", "de", g_steuer, lambda s: [s, grp(s, [2, 3, 3, 3])], steuer_ok, [10], DIG,
     ["Steuer-IdNr.", "Steueridentifikationsnummer", "Steuer-ID", "IdNr"], ["steuerId", "steuer_idnr", "identifikationsnummer"])
kind("de-id-card", "de", g_deid, lambda s: [s], deid_ok, [9], DIG, ["Ausweisnummer", "Personalausweisnummer", "Ausweis-Nr."],
     ["ausweisnummer", "personalausweisNr", "ausweis_nr"])
kind("it-codice-fiscale", "it", g_cf, lambda s: [s], cf_ok, [15], UP, ["Codice Fiscale", "C.F.", "cod. fiscale"],
     ["codiceFiscale", "codice_fiscale", "cf"])
kind("es-dni", "es", g_dni, lambda s: [s, f"{s[:8]}-{s[8]}", f"{s[:2]}.{s[2:5]}.{s[5:8]}-{s[8]}"], dni_ok, [8], DNI_L,
     ["DNI", "NIF", "D.N.I."], ["dni", "nif", "documento"])
kind("es-nie", "es", g_nie, lambda s: [s, f"{s[0]}-{s[1:8]}-{s[8]}"], dni_ok, [8], DNI_L, ["NIE", "N.I.E."], ["nie", "NIE", "num_nie"])
kind("pt-nif", "pt", g_ptnif, lambda s: [s, grp(s, [3, 3, 3])], ptnif_ok, [8], DIG, ["NIF", "Nº contribuinte", "Número de contribuinte"],
     ["nif", "contribuinte", "numero_contribuinte"])
kind("nl-bsn", "nl", g_bsn, lambda s: [s, f"{s[:4]}.{s[4:6]}.{s[6:]}"], bsn_ok, [8], DIG, ["BSN", "Burgerservicenummer", "sofinummer"],
     ["bsn", "burgerservicenummer", "BSN"])
kind("be-national-number", "nl", g_be, lambda s: [f"{s[:2]}.{s[2:4]}.{s[4:6]}-{s[6:9]}.{s[9:]}", s],
     lambda s: be_ok(s) or be_ok(s, True), [9, 10], DIG, ["Rijksregisternummer", "numéro de registre national", "INSZ"],
     ["rijksregisternummer", "insz", "numeroNational"])
kind("pl-pesel", "pl", g_pesel, lambda s: [s], pesel_ok, [10], DIG, ["PESEL", "Nr PESEL"], ["pesel", "PESEL", "nr_pesel"])
kind("se-personnummer", "sv", g_se, lambda s: [f"{s[:6]}-{s[6:]}", s, "19" + s[:6] + "-" + s[6:]], luhn_ok, [9], DIG,
     ["Personnummer", "Personnr", "Pers.nr"], ["personnummer", "persnr", "personnr"])
kind("no-fodselsnummer", "no", g_no, lambda s: [s, f"{s[:6]} {s[6:]}"], no_ok, [9, 10], DIG, ["Fødselsnummer", "F.nr.", "Personnummer"],
     ["fodselsnummer", "fnr", "fødselsnummer"])
kind("dk-cpr", "da", g_cpr, lambda s: [f"{s[:6]}-{s[6:]}", s], cpr_ok, [9], DIG, ["CPR-nr.", "CPR-nummer", "Personnummer"],
     ["cpr", "cprNummer", "cpr_nr"])
kind("fi-hetu", "fi", g_hetu, lambda s: [s], hetu_ok, [10], HETU_C, ["Henkilötunnus", "HETU", "Hetu"], ["hetu", "henkilotunnus", "sotu"])
kind("ch-ahv", "de", g_ahv, lambda s: [f"{s[:3]}.{s[3:7]}.{s[7:11]}.{s[11:]}", s], ean_ok, [12], DIG,
     ["AHV-Nr.", "AHV-Nummer", "Sozialversicherungsnummer", "N° AVS"], ["ahvNr", "ahv_nummer", "avs"])
kind("at-sv-nummer", "de", g_atsv, lambda s: [f"{s[:4]} {s[4:]}", s], atsv_ok, [3], DIG,
     ["SV-Nummer", "Sozialversicherungsnummer", "VSNR"], ["svNummer", "vsnr", "sv_nr"])
kind("tr-kimlik", "tr", g_tc, lambda s: [s], tc_ok, [9, 10], DIG, ["T.C. Kimlik No", "TC Kimlik Numarası", "TCKN"],
     ["tcKimlikNo", "tckn", "kimlik_no"])
kind("il-teudat-zehut", "he", g_il, lambda s: [s, f"{s[:8]}-{s[8]}"], il_ok, [8], DIG, ["ת.ז.", "תעודת זהות", "Teudat Zehut"],
     ["teudatZehut", "tz", "מספר_זהות"])
kind("za-id", "af", g_za, lambda s: [s, f"{s[:6]} {s[6:10]} {s[10:]}"], luhn_ok, [12], DIG, ["ID number", "SA ID No.", "ID Nommer"],
     ["idNumber", "sa_id", "rsa_id_no"])
kind("ar-cuil", "es", g_cuil, lambda s: [f"{s[:2]}-{s[2:10]}-{s[10]}", s], cuil_ok, [10], DIG, ["CUIL", "C.U.I.L.", "CUIL/CUIT"],
     ["cuil", "CUIL", "nro_cuil"])
kind("ar-dni", "es", g_ardni, lambda s: [f"{s[:2]}.{s[2:5]}.{s[5:]}", s], None, None, None, ["DNI", "D.N.I. Nº", "Documento"],
     ["dni", "nroDocumento", "documento"])
kind("cl-rut", "es", g_rut, lambda s: [f"{int(s[:-1]):,}".replace(",", ".") + "-" + s[-1], s[:-1] + "-" + s[-1]], rut_ok, [-1], DIG + "K",
     ["RUT", "R.U.T.", "RUN"], ["rut", "RUT", "run"])
kind("co-cedula", "es", g_cedula, lambda s: [f"{int(s):,}".replace(",", "."), s], None, None, None,
     ["Cédula de ciudadanía", "C.C.", "Cédula"], ["cedula", "numeroCedula", "cc"])
kind("ro-cnp", "ro", g_cnp, lambda s: [s], cnp_ok, [12], DIG, ["CNP", "Cod numeric personal"], ["cnp", "CNP", "cod_numeric_personal"])
kind("gr-amka", "el", g_amka, lambda s: [s], luhn_ok, [10], DIG, ["ΑΜΚΑ", "AMKA", "Α.Μ.Κ.Α."], ["amka", "AMKA", "αμκα"])
kind("cz-rodne-cislo", "cs", g_rc, lambda s: [f"{s[:6]}/{s[6:]}", s], rc_ok, [9], DIG, ["Rodné číslo", "RČ", "rodné č."],
     ["rodneCislo", "rc", "rodne_cislo"])
kind("tw-national-id", "zh", g_tw, lambda s: [s], tw_ok, [9], DIG, ["身分證字號", "統一編號(個人)", "國民身分證統一編號"],
     ["身分證字號", "idNo", "twid"], en="Taiwan ID")

# ---------------------------------------------------------------- frames
def person(lang):
    # "dob" holds a recent record date (not a birth date), so negatives carry no other PII than names
    l = L(lang); y, m, d = rdate(2024, 2025)
    return {"name": R.choice(l["names"]), "dob": "%04d-%02d-%02d" % (y, m, d), "city": R.choice(l["cities"])}

def table_rows(kd, lang, n, values, label):
    l = L(lang); hdr = [l["name"], l["date"], l["city"], label]
    rows = []
    for v in values:
        p = person(lang); rows.append([p["name"], p["dob"], p["city"], v])
    return hdr, rows

def f_csv(hdr, rows, sep=","):
    out = [sep.join(hdr)]
    for r in rows: out.append(sep.join(('"%s"' % c if sep in c else c) for c in r))
    return "\n".join(out)

def wcol(hdr, rows):
    def w(s): return sum(2 if ord(ch) > 0x2e80 else 1 for ch in s)
    ws = [max(w(str(x[i])) for x in [hdr] + rows) for i in range(len(hdr))]
    return ws, lambda s, n: s + " " * (n - w(s))

def f_psql(hdr, rows):
    ws, pad = wcol(hdr, rows)
    out = [" " + " | ".join(pad(h, ws[i]) for i, h in enumerate(hdr)), "-" + "-+-".join("-" * n for n in ws) + "-"]
    for r in rows: out.append(" " + " | ".join(pad(c, ws[i]) for i, c in enumerate(r)))
    out.append("(%d rows)" % len(rows))
    return "\n".join(out)

def f_mysql(hdr, rows):
    ws, pad = wcol(hdr, rows); line = "+" + "+".join("-" * (n + 2) for n in ws) + "+"
    out = [line, "| " + " | ".join(pad(h, ws[i]) for i, h in enumerate(hdr)) + " |", line]
    for r in rows: out.append("| " + " | ".join(pad(c, ws[i]) for i, c in enumerate(r)) + " |")
    out += [line, "%d rows in set (0.01 sec)" % len(rows)]
    return "\n".join(out)

def f_md(hdr, rows):
    out = ["| " + " | ".join(hdr) + " |", "|" + "|".join("---" for _ in hdr) + "|"]
    for r in rows: out.append("| " + " | ".join(r) + " |")
    return "\n".join(out)

def f_pandas(hdr, rows):
    ws, pad = wcol(hdr, rows); iw = len(str(len(rows)))
    out = [" " * iw + "  " + "  ".join(pad(h, ws[i]).rjust(ws[i]) for i, h in enumerate(hdr))]
    for k, r in enumerate(rows): out.append(str(k).ljust(iw) + "  " + "  ".join(pad(c, ws[i]) for i, c in enumerate(r)))
    out.append("\n[%d rows x %d columns]" % (len(rows), len(hdr)))
    return "\n".join(out)

def recs(hdr, rows, keys):
    ks = ["name", "updated", "city", keys]
    return [dict(zip(ks, r)) for r in rows]

def f_json(hdr, rows, key):
    return recs(hdr, rows, key)

def f_yaml(hdr, rows, key):
    out = ["records:"]
    for r in recs(hdr, rows, key):
        first = True
        for k, v in r.items():
            out.append(("  - " if first else "    ") + f'{k}: "{v}"'); first = False
    return "\n".join(out)

def f_xml(hdr, rows, key):
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<export>"]
    safe = key if key.isascii() and key.replace("_", "").isalnum() else "id"
    for r in rows:
        out.append(f"  <person><name>{r[0]}</name><updated>{r[1]}</updated><city>{r[2]}</city><{safe}>{r[3]}</{safe}></person>")
    out.append("</export>")
    return "\n".join(out)

TEXT_FRAMES = {}
def tf(name):
    def deco(f): TEXT_FRAMES[name] = f; return f
    return deco

@tf("email")
def fr_email(lang, label, v, p):
    l = L(lang)
    return (f"From: {p['name']} <kunde{R.randint(10,99)}@example.org>\nTo: support@example.com\nSubject: {label} / {p['city']}\n\n"
            f"{l['hello']}\n\n{label}: {v}\n{l['date']}: {p['dob']}\n{l['city']}: {p['city']}\n\n{l['bye']}\n{p['name']}")

@tf("ticket")
def fr_ticket(lang, label, v, p):
    l = L(lang)
    return (f"[ZD-{R.randint(100000,999999)}] {l['status']}: open | priority: normal\nRequester: {p['name']}\n"
            f"---\n{l['hello']} {p['name']} — {label} {v} ({l['city']}: {p['city']}).\n---\nInternal note: verify identity before refund.")

@tf("kyc-form")
def fr_kyc(lang, label, v, p):
    l = L(lang)
    return (f"== KYC / onboarding ==\n{l['name']}: {p['name']}\n{l['date']}: {p['dob']}\n{l['city']}: {p['city']}\n"
            f"{label}: {v}\nRisk score: {R.randint(1,99)}\nPEP: no\nDocument check: passed")

@tf("payroll")
def fr_payroll(lang, label, v, p):
    l = L(lang); amt = "%d.%02d" % (R.randint(1800, 9800), R.randint(0, 99))
    return (f"Payroll export {R.randint(2023,2025)}-{R.randint(1,12):02d}\n{l['name']};{label};{l['amount']}\n"
            f"{p['name']};{v};{amt}")

@tf("letter")
def fr_letter(lang, label, v, p):
    l = L(lang)
    return (f"{p['city']}, {p['dob'][:4]}\n\n{l['hello']} {p['name']},\n\n... {label}: {v} ...\n\n{l['bye']}\nHR / Personalabteilung")

@tf("log")
def fr_log(lang, label, v, p):
    return (f"2025-03-{R.randint(10,28)}T09:{R.randint(10,59)}:{R.randint(10,59)}Z INFO onboarding.verify "
            f"customer=\"{p['name']}\" {label.replace(' ', '_')}={v} result=match")

@tf("sentence")
def fr_sentence(lang, label, v, p):
    l = L(lang)
    return f"{l['hello']} {p['name']}, {label} {v}, {l['date']} {p['dob']}."

@tf("invoice")
def fr_invoice(lang, label, v, p):
    l = L(lang)
    return (f"INVOICE / RECHNUNG / FACTURE  No. INV-{R.randint(2024,2025)}-{R.randint(1000,9999)}\nBill to: {p['name']}, {p['city']}\n"
            f"{label}: {v}\nItem: consulting services  {l['amount']}: {R.randint(100,9000)}.00 EUR\n")

TABLE_FRAMES = ["csv", "tsv", "psql", "mysql", "markdown", "pandas"]
STRUCT_FRAMES = ["json", "yaml", "xml"]
TEXT_FR = list(TEXT_FRAMES)

# ---------------------------------------------------------------- envelopes
def txt(payload):
    return payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False, indent=1)

ASK = ["Please clean up this data and flag duplicates.", "Summarise this for the team.", "Translate the labels to English.",
       "Check this for errors.", "Convert to a normalized table.", "Draft a reply.", "Extract the fields into JSON."]

def e_anth_user(p):
    return ("https://api.anthropic.com/v1/messages", "anthropic",
            {"model": "claude-sonnet-4-20250514", "max_tokens": 1024,
             "messages": [{"role": "user", "content": R.choice(ASK) + "\n\n" + txt(p)}]})

def e_anth_tool_result(p):
    tid = "toolu_01" + "".join(R.choice(string.ascii_letters) for _ in range(20))
    return ("https://api.anthropic.com/v1/messages", "anthropic",
            {"model": "claude-sonnet-4-20250514", "max_tokens": 2048,
             "tools": [{"name": "query_db", "description": "run SQL", "input_schema": {"type": "object", "properties": {"sql": {"type": "string"}}}}],
             "messages": [{"role": "user", "content": R.choice(ASK)},
                          {"role": "assistant", "content": [{"type": "tool_use", "id": tid, "name": "query_db", "input": {"sql": "SELECT * FROM customers LIMIT 20"}}]},
                          {"role": "user", "content": [{"type": "tool_result", "tool_use_id": tid, "content": [{"type": "text", "text": txt(p)}]}]}]})

def e_anth_tool_use(p):
    tid = "toolu_01" + "".join(R.choice(string.ascii_letters) for _ in range(20))
    inp = {"records": p} if not isinstance(p, str) else {"note": p}
    return ("https://api.anthropic.com/v1/messages", "anthropic",
            {"model": "claude-sonnet-4-20250514", "max_tokens": 1024,
             "messages": [{"role": "user", "content": "Save this to the CRM."},
                          {"role": "assistant", "content": [{"type": "text", "text": "Saving now."}, {"type": "tool_use", "id": tid, "name": "crm_upsert", "input": inp}]},
                          {"role": "user", "content": [{"type": "tool_result", "tool_use_id": tid, "content": "ok"}]}]})

def e_oai_user(p):
    return ("https://api.openai.com/v1/chat/completions", "openai-chat",
            {"model": "gpt-4o", "messages": [{"role": "system", "content": "You are a helpful back-office assistant."},
                                             {"role": "user", "content": R.choice(ASK) + "\n\n" + txt(p)}]})

def e_oai_tool(p):
    cid = "call_" + "".join(R.choice(string.ascii_letters + DIG) for _ in range(24))
    return ("https://api.openai.com/v1/chat/completions", "openai-chat",
            {"model": "gpt-4o", "messages": [{"role": "user", "content": R.choice(ASK)},
              {"role": "assistant", "content": None, "tool_calls": [{"id": cid, "type": "function", "function": {"name": "read_file", "arguments": "{\"path\":\"export.txt\"}"}}]},
              {"role": "tool", "tool_call_id": cid, "content": txt(p)}]})

def e_oai_resp(p):
    cid = "call_" + "".join(R.choice(string.ascii_letters + DIG) for _ in range(24))
    return ("https://api.openai.com/v1/responses", "openai-responses",
            {"model": "gpt-4.1", "input": [{"role": "user", "content": R.choice(ASK)},
              {"type": "function_call", "call_id": cid, "name": "fetch_record", "arguments": "{\"id\":42}"},
              {"type": "function_call_output", "call_id": cid, "output": txt(p)}]})

GEM = "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent"
def e_gem_user(p):
    return (GEM, "gemini", {"contents": [{"role": "user", "parts": [{"text": R.choice(ASK) + "\n\n" + txt(p)}]}]})

def e_gem_fr(p):
    resp = {"rows": p} if not isinstance(p, str) else {"content": p}
    return (GEM, "gemini", {"contents": [{"role": "user", "parts": [{"text": R.choice(ASK)}]},
              {"role": "model", "parts": [{"functionCall": {"name": "lookup_customer", "args": {"q": "all"}}}]},
              {"role": "user", "parts": [{"functionResponse": {"name": "lookup_customer", "response": resp}}]}]})

def e_mcp(p):
    args = {"records": p} if not isinstance(p, str) else {"text": p, "folder": "/shared/hr"}
    return ("https://mcp.example.com/mcp", "mcp",
            {"jsonrpc": "2.0", "id": R.randint(1, 999), "method": "tools/call", "params": {"name": "notes.create", "arguments": args}})

ENVS = [e_anth_user, e_anth_tool_result, e_anth_tool_use, e_oai_user, e_oai_tool, e_oai_resp, e_gem_user, e_gem_fr, e_mcp]

def headers_for(api):
    h = {"Content-Type": "application/json"}
    if api == "anthropic": h["anthropic-version"] = "2023-06-01"
    if api == "mcp": h["Accept"] = "application/json, text/event-stream"
    return h

# ---------------------------------------------------------------- case assembly
CASES = []; IDS = set()

def add(idbase, payload, cats, tags, env=None, where=None):
    env = env or R.choice(ENVS)
    target, api, body = env(payload)
    uesc = R.random() < 0.08
    n = 1
    while f"{idbase}-{n:03d}" in IDS: n += 1
    cid = f"{idbase}-{n:03d}"; IDS.add(cid)
    tags = list(tags) + [f"api:{api}"] + (["enc:uescape"] if uesc else [])
    c = {"id": cid, "target": target, "headers": headers_for(api),
         "body": json.dumps(body, ensure_ascii=uesc), "expect": {"categories": sorted(set(cats))} if cats else {},
         "tags": tags}
    if where: c["where"] = where
    CASES.append(c)

def render(frame, lang, label, key, values):
    """values: list of display strings. returns payload (str or obj)."""
    if frame in TABLE_FRAMES or frame in STRUCT_FRAMES:
        hdr, rows = table_rows(None, lang, len(values), values, label)
        if frame == "csv": return f_csv(hdr, rows)
        if frame == "tsv": return f_csv(hdr, rows, "\t")
        if frame == "psql": return f_psql(hdr, rows)
        if frame == "mysql": return f_mysql(hdr, rows)
        if frame == "markdown": return f_md(hdr, rows)
        if frame == "pandas": return f_pandas(hdr, rows)
        if frame == "json": return f_json(hdr, rows, key)
        if frame == "yaml": return f_yaml(hdr, rows, key)
        if frame == "xml": return f_xml(hdr, rows, key)
    p = person(lang)
    return TEXT_FRAMES[frame](lang, label, values[0] if len(values) == 1 else ", ".join(values), p)

GENERIC = {"pt": "Número", "de": "Nummer", "fr": "Numéro", "es": "Número", "it": "Numero", "nl": "Nummer", "pl": "Numer",
           "sv": "Nummer", "no": "Nummer", "da": "Nummer", "fi": "Numero", "ja": "番号", "zh": "编号", "ko": "번호", "en": "ID",
           "hi": "संख्या", "tr": "Numara", "he": "מספר", "ro": "Număr", "el": "Αριθμός", "cs": "Číslo", "af": "ID"}

def long_doc(lang, inner):
    l = L(lang); paras = []
    filler = ("The quarterly review covered onboarding throughput, queue times and the migration of the archive to the new "
              "document store. No action is required from the reader for this section. ")
    for i in range(R.randint(12, 20)): paras.append(f"{i+1}. " + filler * R.randint(1, 3))
    paras.insert(R.randint(3, len(paras) - 2), inner)
    return f"{l['hello']}\n\n" + "\n\n".join(paras) + f"\n\n{l['bye']}"

FRAMES_ALL = TABLE_FRAMES + STRUCT_FRAMES + TEXT_FR

def kind_cases(kd, positive, n, neg_style=None, bad=False):
    for i in range(n):
        frame = FRAMES_ALL[(i * 5 + len(CASES)) % len(FRAMES_ALL)]
        lab_mode = ["local", "local", "local", "generic", "en", "none"][(i + len(CASES)) % 6]
        lang = kd["lang"]
        if kd["name"] in ("in-aadhaar", "in-pan") and R.random() < 0.4: lang = "hi"
        if kd["name"] == "ca-sin" and R.random() < 0.4: lang = "fr"
        if kd["name"] == "be-national-number" and R.random() < 0.4: lang = "fr"
        if kd["name"] == "ch-ahv" and R.random() < 0.3: lang = "fr"
        label = {"local": R.choice(kd["labels"]), "generic": GENERIC[lang], "en": kd["en"], "none": ""}[lab_mode]
        if lab_mode == "none" and frame not in TEXT_FR: label = GENERIC[lang]; lab_mode = "generic"
        key = R.choice(kd["keys"]) if lab_mode == "local" else ("id" if lab_mode != "en" else kd["en"].lower().replace(" ", "_"))
        nvals = 1 if frame in TEXT_FR else R.choice([1, 2, 3, 5, 8])
        vals = []
        for _ in range(nvals):
            s = kd["gen"]()
            if bad: s = mutate_until(s, [p if p >= 0 else len(s) + p for p in kd["badpos"]], kd["balpha"], kd["valid"])
            vals.append(R.choice(kd["fmts"](s)))
        payload = render(frame, lang, label, key, vals)
        if positive and frame in TEXT_FR and i % 4 == 3:
            payload = long_doc(lang, payload); frame = frame + "-long"
        tags = [f"kind:{kd['name']}", f"frame:{frame}", f"lang:{lang}", f"label:{lab_mode}", f"rows:{min(nvals,3) if nvals<3 else 'many'}"]
        if positive:
            add(f"pos-{kd['name']}", payload, [kd["cat"]], tags)
        else:
            add(f"neg-{kd['name']}", payload, [], tags + [f"neg:{neg_style}"])

# ---------------------------------------------------------------- financial
IBAN_SPECS = {  # country: bban pattern (n digit, a upper, c alnum)
 "DE": "18n", "AT": "16n", "CH": "5n12n", "FR": "10n11n2n", "ES": "20n", "IT": "1a10n12n", "NL": "4a10n", "BE": "12n",
 "PL": "24n", "SE": "20n", "NO": "11n", "DK": "14n", "FI": "14n", "PT": "21n", "IE": "4a14n", "GB": "4a14n", "LU": "3n13n",
 "GR": "7n16n", "CZ": "20n", "RO": "4a16n", "TR": "5n1n16n", "SA": "2n18n", "AE": "3n16n", "BR": "23n1a1c", "HU": "24n",
 "SK": "20n", "SI": "15n", "HR": "17n", "LT": "16n", "EE": "16n", "BG": "4a6n8n", "IL": "19n", "IS": "22n", "CY": "8n16n",
 "MT": "4a5n18n", "QA": "4a21n", "UA": "6n19n", "KZ": "3n13n",
}
IBAN_BANKS = {"NL": ["ABNA", "INGB", "RABO", "SNSB"], "GB": ["NWBK", "BARC", "LOYD", "HBUK", "MIDL"], "IE": ["AIBK", "BOFI"],
              "IT": None, "RO": ["BTRL", "RNCB", "BRDE"], "BG": ["UNCR", "BPBI"], "MT": ["VALL", "MALT"], "QA": ["QNBA", "DOHB"]}
IBAN_LANG = {"DE": "de", "AT": "de", "CH": "de", "FR": "fr", "ES": "es", "IT": "it", "NL": "nl", "BE": "fr", "PL": "pl",
             "SE": "sv", "NO": "no", "DK": "da", "FI": "fi", "PT": "pt", "IE": "en", "GB": "en", "LU": "fr", "GR": "el",
             "CZ": "cs", "RO": "ro", "TR": "tr", "SA": "en", "AE": "en", "BR": "pt", "HU": "en", "SK": "cs", "SI": "en",
             "HR": "en", "LT": "en", "EE": "en", "BG": "en", "IL": "he", "IS": "en", "CY": "el", "MT": "en", "QA": "en",
             "UA": "en", "KZ": "en"}
IBAN_LABEL = {"de": "IBAN / Bankverbindung", "fr": "IBAN (RIB)", "es": "IBAN / Cuenta", "it": "IBAN / Conto corrente",
              "nl": "Rekeningnummer (IBAN)", "pl": "Numer rachunku (IBAN)", "sv": "IBAN / Kontonummer", "no": "Kontonummer (IBAN)",
              "da": "Kontonummer (IBAN)", "fi": "Tilinumero (IBAN)", "pt": "IBAN / Conta", "en": "IBAN", "el": "IBAN λογαριασμού",
              "cs": "Číslo účtu (IBAN)", "ro": "Cont IBAN", "tr": "IBAN numarası", "he": "מספר חשבון IBAN"}

def g_iban(cc):
    pat = IBAN_SPECS[cc]; out = ""; i = 0; first = True
    import re
    for n, t in re.findall(r"(\d+)([nac])", pat):
        n = int(n)
        if t == "a" and first and IBAN_BANKS.get(cc) and n == 4: out += R.choice(IBAN_BANKS[cc])
        elif t == "n": out += rd(n)
        elif t == "a": out += "".join(R.choice(UP) for _ in range(n))
        else: out += "".join(R.choice(UP + DIG) for _ in range(n))
        first = False
    if cc == "TR": out = out[:5] + "0" + out[6:]
    return cc + iban_cd(cc, out) + out

def fmt_iban(s): return R.choice([" ".join(s[i:i + 4] for i in range(0, len(s), 4)), s])

CARD_BRANDS = [("visa", lambda: "4" + rd(14)), ("mastercard", lambda: str(R.randint(51, 55)) + rd(13)),
               ("mastercard2", lambda: str(R.randint(2221, 2720)) + rd(11)), ("amex", lambda: R.choice(["34", "37"]) + rd(12)),
               ("jcb", lambda: str(R.randint(3528, 3589)) + rd(11)), ("unionpay", lambda: "62" + rd(13)),
               ("discover", lambda: "6011" + rd(11)), ("rupay", lambda: R.choice(["60", "65", "81", "82"]) + rd(13)),
               ("elo", lambda: R.choice(["636368", "504175", "451416"]) + rd(9)), ("mir", lambda: "220" + str(R.randint(0, 4)) + rd(11)),
               ("troy", lambda: "9792" + rd(11)), ("unionpay19", lambda: "62" + rd(16))]
CARD_LABELS = {"de": "Kartennummer", "fr": "numéro de carte", "es": "número de tarjeta", "pt": "número do cartão",
               "it": "numero carta", "nl": "kaartnummer", "pl": "numer karty", "sv": "kortnummer", "ja": "カード番号",
               "zh": "卡号", "ko": "카드번호", "tr": "kart numarası", "en": "card no", "hi": "कार्ड नंबर", "el": "αριθμός κάρτας"}
CARD_EXP = {"de": "gültig bis", "fr": "expire fin", "es": "vence", "pt": "validade", "it": "scadenza", "nl": "geldig tot",
            "pl": "ważna do", "sv": "giltig t.o.m.", "ja": "有効期限", "zh": "有效期", "ko": "유효기간", "tr": "son kullanma",
            "en": "exp", "hi": "समाप्ति", "el": "λήξη"}

def g_card():
    b, f = R.choice(CARD_BRANDS); s = f(); s = s + luhn_cd(s); return b, s

def fmt_card(s):
    if len(s) == 15: return R.choice([f"{s[:4]} {s[4:10]} {s[10:]}", s])
    if len(s) == 16: return R.choice([" ".join(s[i:i + 4] for i in range(0, 16, 4)), "-".join(s[i:i + 4] for i in range(0, 16, 4)), s])
    return R.choice([s, " ".join(s[i:i + 4] for i in range(0, len(s), 4))])

def bank_text(lang, kind_, good=True):
    """returns (kind, text) for non-IBAN bank accounts."""
    p = person(lang)
    if kind_ == "uk-sort-account":
        sc = "%02d-%02d-%02d" % (R.randint(10, 99), R.randint(0, 99), R.randint(0, 99)); ac = rd(8)
        return f"Payee: {p['name']}\nSort code: {sc}\nAccount number: {ac}\nReference: RENT {R.randint(1,12):02d}/25"
    if kind_ == "us-aba-account":
        b = R.choice(["0", "1", "2", "3"]) + rd(7); rt = b + aba_cd(b); ac = rd(R.randint(9, 12))
        return f"Direct deposit form\nEmployee: {p['name']}\nRouting (ABA): {rt}\nAccount #: {ac}\nType: Checking"
    if kind_ == "ca-transit-account":
        tr = rd(5); inst = R.choice(["001", "002", "003", "004", "006", "815"]); ac = rd(7)
        return (R.choice([f"Dépôt direct — {p['name']}\nNuméro de transit : {tr}\nNuméro d'institution : {inst}\nNuméro de compte : {ac}",
                          f"Direct deposit for {p['name']}: transit {tr}, institution {inst}, account {ac}"]))
    if kind_ == "au-bsb-account":
        bsb = "%03d-%03d" % (R.randint(10, 999), R.randint(0, 999)); ac = rd(R.choice([6, 8, 9]))
        return f"Bank details for {p['name']}\nBSB: {bsb}\nAccount number: {ac}\nBank: Commonwealth Bank"
    if kind_ == "in-ifsc-account":
        ifsc = R.choice(["HDFC", "ICIC", "SBIN", "UTIB", "KKBK"]) + "0" + rd(6); ac = rd(R.choice([11, 12, 14]))
        return R.choice([f"Beneficiary: {p['name']}\nA/c No: {ac}\nIFSC: {ifsc}\nBranch: {p['city']}",
                         f"खाताधारक: {p['name']}\nखाता संख्या: {ac}\nIFSC कोड: {ifsc}"])
    if kind_ == "br-agencia-conta":
        ag = rd(4); cc = rd(R.choice([5, 6, 8])); dv = R.choice(DIG)
        return f"Dados bancários — {p['name']}\nBanco: 341 - Itaú Unibanco\nAgência: {ag}\nConta corrente: {cc}-{dv}"
    if kind_ == "swift-account":
        bic = R.choice(["BKCHCNBJ", "ICBKCNBJ", "MHCBJPJT", "BOTKJPJT", "CITIUS33", "HVBKKRSE", "SBININBB"]) + R.choice(["", "XXX"])
        ac = rd(R.choice([10, 12, 16, 19]))
        return R.choice([f"收款人: {p['name']}\n收款银行 SWIFT: {bic}\n账号: {ac}", f"受取人: {p['name']}\nSWIFT: {bic}\n口座番号: {ac}",
                         f"Beneficiary: {p['name']}\nSWIFT/BIC: {bic}\nAccount No.: {ac}"])
    if kind_ == "jp-bank-account":
        return f"振込先: みずほ銀行 渋谷支店（{rd(3)}）\n普通預金 口座番号 {rd(7)}\n口座名義 {p['name']}"

# ---------------------------------------------------------------- generate
def main():
    kinds = list(K.values())
    # ---- positives: national ids
    for kd in kinds:
        kind_cases(kd, True, 6 if kd["name"] not in ("ar-dni", "co-cedula", "tw-national-id", "de-id-card") else 5)
    # ---- positives: IBAN (one or two per country)
    for i, cc in enumerate(IBAN_SPECS):
        lang = IBAN_LANG[cc]; p = person(lang)
        frame = ["kyc-form", "invoice", "email", "csv", "json", "payroll", "sentence"][i % 7]
        lab = IBAN_LABEL.get(lang, "IBAN") if i % 5 else "IBAN"
        vals = [fmt_iban(g_iban(cc)) for _ in range(1 if frame not in ("csv", "json") else 3)]
        payload = render(frame, lang, lab, "iban", vals)
        add(f"pos-iban-{cc.lower()}", payload, ["financial"], [f"kind:iban", f"frame:{frame}", f"lang:{lang}", f"country:{cc}"])
    # ---- positives: other bank accounts
    for kn in ["uk-sort-account", "us-aba-account", "ca-transit-account", "au-bsb-account", "in-ifsc-account",
               "br-agencia-conta", "swift-account", "jp-bank-account"]:
        for j in range(5):
            lang = {"uk-sort-account": "en", "us-aba-account": "en", "ca-transit-account": "fr", "au-bsb-account": "en",
                    "in-ifsc-account": "hi", "br-agencia-conta": "pt", "swift-account": "zh", "jp-bank-account": "ja"}[kn]
            t = bank_text(lang, kn)
            fr = "form"
            if j == 3: t = long_doc(lang, t); fr = "form-long"
            add(f"pos-{kn}", t, ["financial"], [f"kind:{kn}", f"frame:{fr}", f"lang:{lang}"])
    # ---- positives: payment cards in local languages
    clangs = list(CARD_LABELS)
    for j in range(30):
        lang = clangs[j % len(clangs)]; brand, s = g_card(); p = person(lang)
        v = fmt_card(s); exp = "%02d/%02d" % (R.randint(1, 12), R.randint(26, 30))
        style = j % 4
        if style == 0: t = f"{CARD_LABELS[lang]}: {v}  {CARD_EXP[lang]} {exp}\n{L(lang)['name']}: {p['name']}"
        elif style == 1: t = render("csv", lang, CARD_LABELS[lang], "card", [fmt_card(g_card()[1]) for _ in range(3)])
        elif style == 2: t = render("json", lang, CARD_LABELS[lang], "cardNumber", [v])
        else: t = f"{L(lang)['hello']} {p['name']} — {CARD_LABELS[lang]} {v}, {CARD_EXP[lang]} {exp}. {L(lang)['bye']}"
        fr = ["inline", "csv", "json", "sentence"][style]
        add(f"pos-card-{brand}", t, ["financial"], [f"kind:card-{brand}", f"frame:{fr}", f"lang:{lang}"])
    # ---- positives: mixed (pii + financial) onboarding records
    mixk = [K[n] for n in ["br-cpf", "de-tax-id", "fr-nir", "it-codice-fiscale", "es-dni", "nl-bsn", "pl-pesel", "se-personnummer",
                           "jp-my-number", "kr-rrn", "cn-resident-id", "in-aadhaar", "tr-kimlik", "ch-ahv"]]
    ibcc = {"br-cpf": "BR", "de-tax-id": "DE", "fr-nir": "FR", "it-codice-fiscale": "IT", "es-dni": "ES", "nl-bsn": "NL",
            "pl-pesel": "PL", "se-personnummer": "SE", "ch-ahv": "CH", "tr-kimlik": "TR"}
    for kd in mixk:
        lang = kd["lang"]; p = person(lang); idv = R.choice(kd["fmts"](kd["gen"]()))
        if kd["name"] in ibcc:
            fin = (IBAN_LABEL.get(lang, "IBAN"), fmt_iban(g_iban(ibcc[kd["name"]])))
        else:
            fin = (CARD_LABELS.get(lang, "card no"), fmt_card(g_card()[1]))
        rec = {L(lang)["name"]: p["name"], L(lang)["date"]: p["dob"], R.choice(kd["labels"]): idv, fin[0]: fin[1]}
        payload = rec if R.random() < 0.5 else "\n".join(f"{k}: {v}" for k, v in rec.items())
        add(f"pos-mixed-{kd['name']}", payload, ["pii", "financial"], [f"kind:mixed", f"kind2:{kd['name']}", "frame:kyc-record", f"lang:{lang}"])

    # ================================================================ negatives
    # ---- wrong check digits, same shapes and labels
    for kd in kinds:
        if kd["valid"]: kind_cases(kd, False, 3, "bad-check", bad=True)
    for i, cc in enumerate(list(IBAN_SPECS)[:14]):
        s = g_iban(cc); s = s[:2] + "%02d" % ((int(s[2:4]) + R.randint(1, 9)) % 97 + 2) + s[4:]
        if iban_ok(s): continue
        lang = IBAN_LANG[cc]
        add("neg-iban-badcheck", render(["kyc-form", "invoice", "csv"][i % 3], lang, IBAN_LABEL.get(lang, "IBAN"), "iban", [fmt_iban(s)]),
            [], ["kind:iban", f"frame:{['kyc-form','invoice','csv'][i % 3]}", f"lang:{lang}", "neg:bad-check"])
    for j in range(12):
        lang = clangs[j % len(clangs)]; _, s = g_card(); s = mutate_until(s, [len(s) - 1], DIG, luhn_ok)
        add("neg-card-badluhn", f"{CARD_LABELS[lang]}: {fmt_card(s)}  {CARD_EXP[lang]} {R.randint(1,12):02d}/{R.randint(26,30)}",
            [], ["kind:card", "frame:inline", f"lang:{lang}", "neg:bad-check"])

    # ---- company / business identifiers (public registers) : negatives
    biz = []
    for _ in range(4): b = g_cnpj(); biz.append(("br-cnpj", "pt", "CNPJ", f"{b[:2]}.{b[2:5]}.{b[5:8]}/{b[8:12]}-{b[12:]}"))
    for _ in range(2): biz.append(("de-vat", "de", "USt-IdNr.", "DE" + rd(9, True)))
    for _ in range(2): biz.append(("de-hrb", "de", "Handelsregister", f"Amtsgericht {R.choice(['München','Hamburg','Köln'])} HRB {R.randint(10000,250000)}"))
    for _ in range(2):
        siren = rd(8, True); siren += luhn_cd(siren); key = (12 + 3 * (int(siren) % 97)) % 97
        biz.append(("fr-siren-tva", "fr", "N° TVA intracommunautaire", f"FR{key:02d} {siren[:3]} {siren[3:6]} {siren[6:]}"))
        sirt = siren + rd(4); sirt += luhn_cd(sirt); biz.append(("fr-siret", "fr", "SIRET", f"{sirt[:3]} {sirt[3:6]} {sirt[6:9]} {sirt[9:]}"))
    for _ in range(2):
        b = rd(10, True); biz.append(("it-partita-iva", "it", "Partita IVA", "IT" + b + luhn_cd(b)))
    for _ in range(2): biz.append(("es-cif", "es", "CIF", R.choice("ABG") + rd(8)))
    for _ in range(2): biz.append(("nl-btw", "nl", "BTW-nummer", f"NL{rd(9)}B01"))
    for _ in range(2): biz.append(("nl-kvk", "nl", "KvK-nummer", rd(8, True)))
    for _ in range(2):
        while True:
            b = "0" + R.choice("4789") + rd(6); c = 97 - int(b) % 97
            biz.append(("be-enterprise", "nl", "Ondernemingsnummer", f"BE {b[:4]}.{b[4:7]}.{b[7:]}{c:02d}"[:0] + f"BE {b}{c:02d}")); break
    for _ in range(2):
        while True:
            b = rd(9, True); c = wsum(b, [6,5,7,2,3,4,5,6,7]) % 11
            if c < 10: biz.append(("pl-nip", "pl", "NIP", f"{b[:3]}-{b[3:6]}-{b[6:8]}-{b[8]}{c}")); break
    for _ in range(2):
        b = "55" + rd(7); b += luhn_cd(b); biz.append(("se-orgnr", "sv", "Organisationsnummer", f"{b[:6]}-{b[6:]}"))
    for _ in range(2):
        while True:
            b = rd(7, True); c = mod11_company(b, [2,7,6,5,4,3,2])
            if c: biz.append(("fi-ytunnus", "fi", "Y-tunnus", f"{b}-{c}")); break
    for _ in range(2):
        while True:
            b = R.choice("89") + rd(7); c = mod11_company(b, [3,2,7,6,5,4,3,2])
            if c: biz.append(("no-orgnr", "no", "Organisasjonsnummer", f"{b[:3]} {b[3:6]} {b[6:]}{c}")); break
    for _ in range(2):
        while True:
            b = rd(8, True); c = mod11_company(b, [5,4,3,2,7,6,5,4])
            if c: biz.append(("ch-uid", "de", "UID", f"CHE-{b[:3]}.{b[3:6]}.{b[6:]}{c} MWST")); break
    for _ in range(2): biz.append(("at-uid", "de", "UID-Nummer", "ATU" + rd(8, True)))
    for _ in range(2): b = "5" + rd(7); biz.append(("pt-nipc", "pt", "NIPC", b + ptnif_cd(b)))
    for _ in range(2):
        while True:
            b = rd(9, True); d = [int(x) for x in "10" + b]; w = [10,1,3,5,7,9,11,13,15,17,19]
            for x in range(10):
                d2 = [int(y) for y in str(x) + "0" + b]; d2[0] = (x) ; 
            # ABN: construct 11 digits n such that sum((n_i - (i==0)) * w_i) % 89 == 0
            for p2 in range(10, 100):
                n = str(p2) + b; dd = [int(y) for y in n]; dd[0] -= 1
                if sum(a * b_ for a, b_ in zip(dd, w)) % 89 == 0:
                    biz.append(("au-abn", "en", "ABN", f"{n[:2]} {n[2:5]} {n[5:8]} {n[8:]}")); break
            else: continue
            break
    for _ in range(2):
        pan = g_pan("C"); st = R.choice(["27", "29", "07", "33"]); g = st + pan + "1Z" + R.choice(DIG + UP)
        biz.append(("in-gstin", "en", "GSTIN", g))
        biz.append(("in-company-pan", "en", "Company PAN", pan))
    USCC_A = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    for _ in range(3):
        b = "91" + R.choice(CN_AREAS) + "".join(R.choice(USCC_A) for _ in range(9))
        w = [1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28]
        c = USCC_A[(31 - sum(USCC_A.index(x) * y for x, y in zip(b, w)) % 31) % 31]
        biz.append(("cn-uscc", "zh", "统一社会信用代码", b + c))
    for _ in range(2):
        b = R.choice(["A", "B", "C"]) + rd(6)  # placeholder unused
        rfc = "".join(R.choice(UP) for _ in range(3)) + "%02d%02d%02d" % (R.randint(0, 24), R.randint(1, 12), R.randint(1, 28)) + R.choice(UP) + R.choice(DIG)
        biz.append(("mx-rfc-moral", "es", "RFC (persona moral)", rfc + rfc_cd(rfc)))
    for _ in range(2): biz.append(("sg-uen", "en", "UEN", f"20{R.randint(10,24)}{rd(5)}{R.choice(UP)}"))
    for _ in range(2):
        b = rd(12, True); c = 9 - sum(int(x) * (1 if i % 2 else 2) for i, x in enumerate(b)) % 9
        biz.append(("jp-corporate-number", "ja", "法人番号", str(c) + b))
    for _ in range(2):
        while True:
            b = rd(9, True); t = wsum(b, [1,3,7,1,3,7,1,3,5]) + (int(b[8]) * 5) // 10; c = (10 - t % 10) % 10
            biz.append(("kr-brn", "ko", "사업자등록번호", f"{b[:3]}-{b[3:5]}-{b[5:]}{c}")); break
    for _ in range(2): biz.append(("tr-vkn", "tr", "Vergi No", rd(10, True)))
    for _ in range(2): biz.append(("za-company-reg", "af", "Company Reg. No.", f"{R.randint(1990,2024)}/{rd(6)}/07"))
    for _ in range(3):
        while True:
            b = R.choice(["30", "33"]) + rd(8, True); c = cuil_cd(b)
            if c: biz.append(("ar-cuit-empresa", "es", "CUIT (empresa)", f"{b[:2]}-{b[2:]}-{c}")); break
    for _ in range(2):
        b = str(R.randint(76000000, 77999999)); biz.append(("cl-rut-empresa", "es", "RUT empresa", f"{int(b):,}".replace(",", ".") + "-" + rut_cd(b)))
    for _ in range(2): biz.append(("co-nit", "es", "NIT", f"{R.randint(800,901)}.{rd(3)}.{rd(3)}-{R.choice(DIG)}"))
    for _ in range(2): biz.append(("cz-ico", "cs", "IČO", rd(8, True)))
    for _ in range(2): biz.append(("uk-company-number", "en", "Company number", rd(8, True)))
    for _ in range(2): biz.append(("uk-vat", "en", "VAT Reg No", f"GB {rd(3,True)} {rd(4)} {rd(2)}"))
    for _ in range(2): biz.append(("ie-cro", "en", "CRO number", rd(6, True)))
    for _ in range(2): biz.append(("ro-cui", "ro", "CUI / CIF", "RO" + rd(8, True)))
    for _ in range(2): biz.append(("dk-cvr", "da", "CVR-nr.", rd(8, True)))
    for _ in range(2): biz.append(("il-company", "he", "ח.פ.", "51" + rd(7)))
    for j, (kn, lang, lab, v) in enumerate(biz):
        p = person(lang)
        fr = j % 4
        if fr == 0: t = (f"Lieferant / Supplier master data\n{lab}: {v}\nCompany: {R.choice(['Acme', 'Nordlicht', 'Solaris', 'Tecnova', 'Kōgen'])} "
                         f"{R.choice(['GmbH', 'S.A.', 'Ltda.', 'AB', 'Sp. z o.o.', 'Ltd', '株式会社'])}\n{L(lang)['city']}: {p['city']}")
        elif fr == 1: t = f"INVOICE INV-{R.randint(2024,2025)}-{rd(5)}\nSeller {lab}: {v}\nNet 30 days. {L(lang)['amount']}: {R.randint(100,99999)}.00"
        elif fr == 2: t = {"vendor": {"name": "Tecnova " + R.choice(["SA", "AG", "BV"]), "registry": lab, "id": v, "country": lang}}
        else: t = f"{lab}\t{L(lang)['city']}\t{L(lang)['amount']}\n{v}\t{p['city']}\t{R.randint(1000,50000)}.00"
        add(f"neg-biz-{kn}", t, [], [f"kind:{kn}", f"frame:{['supplier','invoice','json','tsv'][fr]}", f"lang:{lang}", "neg:company-id"])

    # ---- specimen / documentation values published by authorities or standards
    specs = [("br-cpf", "pt", "CPF (exemplo da documentação)", "111.444.777-35"),
             ("cn-resident-id", "zh", "身份证号（GB 11643 示例）", "11010519491231002X"),
             ("jp-my-number", "ja", "マイナンバー（記載例）", "1234 5678 9018"),
             ("au-tfn", "en", "TFN (ATO example format)", "123 456 782"),
             ("sg-nric", "en", "NRIC (sample)", "S1234567D"), ("hk-hkid", "zh", "HKID（樣本）", "A123456(3)"),
             ("ca-sin", "en", "SIN (Service Canada sample)", "046 454 286"),
             ("uk-nino", "en", "NI number (HMRC example)", "QQ 12 34 56 C"), ("uk-nhs", "en", "NHS number (test patient)", "943 476 5919"),
             ("es-dni", "es", "DNI (espécimen)", "99999999R"), ("es-dni", "es", "DNI de ejemplo", "12345678Z"),
             ("nl-bsn", "nl", "BSN (testnummer)", "111222333"), ("ch-ahv", "de", "AHV-Nr. (Musterausweis)", "756.1234.5678.97"),
             ("tr-kimlik", "tr", "TC Kimlik (örnek)", "10000000146"), ("se-personnummer", "sv", "Personnummer (Tolvan Tolvansson, testperson)", "19121212-1212"),
             ("tw-national-id", "zh", "身分證字號（範例）", "A123456789"), ("it-codice-fiscale", "it", "Codice fiscale (esempio Mario Rossi)", "RSSMRA85T10A562S"),
             ("mx-curp", "es", "CURP (ejemplo)", "HEGG560427MVZRRL04"), ("mx-rfc", "es", "RFC (ejemplo SAT)", "GODE561231GR8"),
             ("iban", "en", "IBAN (ECBS example)", "GB82 WEST 1234 5698 7654 32"), ("iban", "de", "IBAN (Beispiel)", "DE89 3704 0044 0532 0130 00"),
             ("card-visa", "en", "Visa test card", "4111 1111 1111 1111"), ("card-mastercard", "en", "Mastercard test card", "5555 5555 5555 4444"),
             ("card-amex", "en", "Amex test card", "3782 822463 10005"), ("card-visa", "de", "Testkarte (Stripe)", "4242 4242 4242 4242"),
             ("us-aba", "en", "Routing number (example)", "021000021"), ("in-aadhaar", "en", "Aadhaar (UIDAI sample card)", "9999 9999 9999"),
             ("fi-hetu", "fi", "Henkilötunnus (esimerkki)", "131052-308T"), ("pl-pesel", "pl", "PESEL (przykład)", "44051401359"),
             ("de-id-card", "de", "Ausweisnummer (Mustermann)", "T220001293")]
    for j, (kn, lang, lab, v) in enumerate(specs):
        ctx = R.choice(["Documentation — field format reference\n", "Form help text: enter the value as shown, e.g. ",
                        "README: validation examples from the issuing authority's published specimen\n"])
        t = f"{ctx}{lab}: {v}\n(Specimen / example value — not a real person.)"
        add(f"neg-specimen-{kn}", t, [], [f"kind:{kn}", "frame:docs", f"lang:{lang}", "neg:specimen"])

    # ---- BIC alone / bank meta without account
    bics = ["DEUTDEFFXXX", "COBADEFF", "BNPAFRPP", "CAIXESBB", "UNCRITMM", "INGBNL2A", "NDEASESS", "BKCHCNBJ", "MHCBJPJT", "HSBCHKHH",
            "SBININBB", "ITAUBRSP", "ZKBKCHZZ80A", "RZBAATWW"]
    for j, b in enumerate(bics):
        lang = ["de", "de", "fr", "es", "it", "nl", "sv", "zh", "ja", "en", "en", "pt", "de", "de"][j]
        t = R.choice([f"BIC/SWIFT: {b}\nBank: correspondent bank for EUR payments\n{L(lang)['city']}: {R.choice(L(lang)['cities'])}",
                      f"| Bank | BIC |\n|---|---|\n| Hausbank | {b} |\n| Backup | {R.choice(bics)} |"])
        add("neg-bic-only", t, [], ["kind:bic", "frame:bank-meta", f"lang:{lang}", "neg:bic-only"])
    bankmeta = ["Sort code 20-00-00 belongs to Barclays; please confirm the branch before we update the vendor master.",
                "Routing numbers for our banks: Chase 021000021, BoA 026009593 (public ABA directory).",
                "IFSC HDFC0000001 is the Mumbai main branch code — no account details here.",
                "BSB 062-000 is the Commonwealth Bank Sydney branch code.",
                "Unsere Bankverbindungen: Deutsche Bank, Commerzbank, Sparkasse KölnBonn (Details folgen per Post).",
                "Banco do Brasil agência 1234-5 fica na Av. Paulista; o cliente não informou a conta.",
                "Transit 00012, institution 003 = RBC main branch, Toronto.",
                "振込先銀行: 三菱UFJ銀行 本店（001）— 口座番号は別途ご連絡します。"]
    for j, t in enumerate(bankmeta):
        add("neg-bank-meta", t, [], ["kind:bank-meta", "frame:sentence", f"lang:{['en','en','en','en','de','pt','en','ja'][j]}", "neg:bank-no-account"])

    # ---- masked ids
    masked = [("br-cpf", "pt", "CPF", "***.***.247-25"), ("br-cpf", "pt", "CPF", "529.***.***-**"), ("card", "en", "card", "XXXX XXXX XXXX 1234"),
              ("card", "de", "Kartennummer", "**** **** **** 4821"), ("card", "ja", "カード番号", "************9018"),
              ("iban", "de", "IBAN", "DE** **** **** **** **30 00"), ("iban", "fr", "IBAN", "FR76 XXXX XXXX XXXX XXXX XXXX 189"),
              ("in-aadhaar", "en", "Aadhaar", "XXXX XXXX 4821"), ("kr-rrn", "ko", "주민등록번호", "850101-1******"),
              ("cn-resident-id", "zh", "身份证号", "110105********002X"), ("se-personnummer", "sv", "Personnummer", "850709-****"),
              ("uk-nino", "en", "NI number", "QQ ** ** ** C"), ("es-dni", "es", "DNI", "*****678Z"), ("nl-bsn", "nl", "BSN", "*****2333"),
              ("jp-my-number", "ja", "マイナンバー", "**** **** 9018"), ("ca-sin", "en", "SIN", "*** *** 286"),
              ("us-ssn", "en", "SSN", "***-**-6789"), ("mx-curp", "es", "CURP", "HEGG******MVZRRL04"[:4] + "**************")]
    for j, (kn, lang, lab, v) in enumerate(masked):
        fr = j % 3
        if fr == 0: t = f"{lab}: {v}  (masked per policy)\n{L(lang)['name']}: {R.choice(L(lang)['names'])}"
        elif fr == 1: t = f_csv([L(lang)["name"], lab, L(lang)["status"]], [[R.choice(L(lang)["names"]), v, "ok"] for _ in range(3)])
        else: t = {"customer": R.choice(L(lang)["names"]), lab: v, "verified": True}
        add(f"neg-masked-{kn}", t, [], [f"kind:{kn}", f"frame:{['inline','csv','json'][fr]}", f"lang:{lang}", "neg:masked"])

    # ---- ids in code: regex, format strings, validators
    code = [
        ("br-cpf", "python", 'CPF_RE = re.compile(r"^\\d{3}\\.\\d{3}\\.\\d{3}-\\d{2}$")\ndef fmt_cpf(n: str) -> str:\n    return f"{n[:3]}.{n[3:6]}.{n[6:9]}-{n[9:]}"\n'),
        ("iban", "java", 'private static final Pattern IBAN = Pattern.compile("^[A-Z]{2}\\\\d{2}[A-Z0-9]{11,30}$");\nString masked = String.format("%s **** **** %s", iban.substring(0,4), iban.substring(iban.length()-4));\n'),
        ("cn-resident-id", "python", 'ID_RE = r"^[1-9]\\d{5}(18|19|20)\\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\\d|3[01])\\d{3}[0-9Xx]$"\nWEIGHTS = [7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]\nCHECK = "10X98765432"\n'),
        ("in-aadhaar", "js", "const AADHAAR = /^[2-9]\\d{3}\\s?\\d{4}\\s?\\d{4}$/;\nconst PAN = /^[A-Z]{5}[0-9]{4}[A-Z]$/;\nexport const mask = (a) => 'XXXX XXXX ' + a.slice(-4);\n"),
        ("kr-rrn", "python", 'RRN = re.compile(r"\\d{6}-[1-4]\\d{6}")\nprint("%06d-%07d" % (birth, serial))\n'),
        ("es-dni", "python", 'LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"\ndef dni_letter(n: int) -> str:\n    return LETTERS[n % 23]\nassert dni_letter(int("0" * 8)) == "T"\n'),
        ("se-personnummer", "go", 'var pnr = regexp.MustCompile(`^(\\d{2})?\\d{6}[-+]\\d{4}$`)\nfmt.Sprintf("%06d-%04d", date, serial)\n'),
        ("it-codice-fiscale", "java", 'static final String CF = "^[A-Z]{6}\\\\d{2}[ABCDEHLMPRST]\\\\d{2}[A-Z]\\\\d{3}[A-Z]$";\n'),
        ("card", "ts", "const CARD = /\\b(?:4\\d{12}(?:\\d{3})?|5[1-5]\\d{14}|3[47]\\d{13})\\b/;\nconst fmt = (n: string) => n.replace(/(\\d{4})(?=\\d)/g, '$1 ');\n"),
        ("pl-pesel", "python", 'WAGI = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]\ndef pesel_ok(p):\n    return (10 - sum(int(a) * b for a, b in zip(p, WAGI)) % 10) % 10 == int(p[10])\n'),
        ("fr-nir", "sql", "ALTER TABLE salarie ADD CONSTRAINT nir_fmt CHECK (nir ~ '^[12][0-9]{2}(0[1-9]|1[0-2])(2[AB]|[0-9]{2})[0-9]{6}[0-9]{2}$');\n"),
        ("jp-my-number", "python", 'MY_NUMBER = re.compile(r"^\\d{4}\\s?\\d{4}\\s?\\d{4}$")\nQ = [6,5,4,3,2,7,6,5,4,3,2]\n'),
        ("nl-bsn", "csharp", 'static bool ElfProef(string bsn) { int s = 0; for (int i = 0; i < 8; i++) s += (9 - i) * (bsn[i] - \'0\'); return (s - (bsn[8] - \'0\')) % 11 == 0; }\n'),
        ("de-tax-id", "php", "$pattern = '/^[1-9]\\d{10}$/'; // Steuer-IdNr.\nprintf('%02d %03d %03d %03d', ...$parts);\n"),
        ("uk-nino", "python", 'NINO = re.compile(r"^(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\\d{6}[A-D]$")\n'),
        ("mx-curp", "js", "const CURP = /^[A-Z][AEIOUX][A-Z]{2}\\d{6}[HM][A-Z]{5}[0-9A-Z]\\d$/;\n"),
    ]
    for j, (kn, lang_, src) in enumerate(code):
        t = f"Can you review this validator?\n```{lang_}\n{src}```"
        add(f"neg-code-{kn}", t, [], [f"kind:{kn}", "frame:code", "lang:en", "neg:code-pattern"])

    # ---- fixtures clearly labelled fake (valid check digits!)
    for j, kn in enumerate(["br-cpf", "pl-pesel", "nl-bsn", "in-aadhaar", "es-dni", "se-personnummer", "cn-resident-id", "tr-kimlik",
                            "it-codice-fiscale", "kr-rrn"]):
        kd = K[kn]; vals = [kd["gen"]() for _ in range(3)]
        t = (f"# tests/fixtures/{kn}.py — SYNTHETIC TEST DATA, generated, not real persons (faker)\n"
             f"VALID_{kn.upper().replace('-', '_')}_SAMPLES = {json.dumps(vals)}\n"
             f"INVALID_SAMPLES = [\"\", \"abc\"]\n\ndef test_validator():\n    for v in VALID_{kn.upper().replace('-', '_')}_SAMPLES:\n        assert validate(v)\n")
        add(f"neg-fixture-{kn}", t, [], [f"kind:{kn}", "frame:code-fixture", "lang:en", "neg:labelled-fake"])

    # ---- look-alike numbers: order/invoice/tracking/ISBN/EAN/phones/postcodes/dates/timestamps/IPs/versions/hashes/uuids/amounts
    def isbn13():
        b = "978" + rd(9); return b + ean_cd(b)
    def gtin():
        b = R.choice(["400", "300", "760", "789", "490", "880", "690", "869"]) + rd(9); return b + ean_cd(b)
    def usps():
        b = "9400" + rd(17); return b + luhn_cd(b)  # (mod10 variant)
    def correios():
        b = rd(8); w = [8,6,4,2,3,5,9,7]; r = wsum(b, w) % 11; c = 0 if r == 0 else (5 if r == 1 else 11 - r)
        return f"{R.choice(['LB','RR','SX','QB'])}{b}{c}BR"
    look = [
        ("order-number", "de", lambda: f"Bestellnummer: {rd(3,True)}-{rd(7)}-{rd(7)}\nLieferung an: Packstation {R.randint(100,199)}"),
        ("order-number", "ja", lambda: f"注文番号: {rd(3,True)}-{rd(7)}-{rd(7)}\nお届け予定: 2025年3月{R.randint(1,28)}日"),
        ("invoice-number", "fr", lambda: f"Facture n° {R.randint(2023,2025)}{rd(7)} du {R.randint(1,28):02d}/0{R.randint(1,9)}/2025 — montant TTC {R.randint(100,9999)},00 €"),
        ("invoice-number", "es", lambda: f"Factura nº F{rd(11, True)} — Importe: {R.randint(100,9999)},00 €"),
        ("tracking-ups", "en", lambda: f"Tracking: 1Z{''.join(R.choice(UP+DIG) for _ in range(6))}{rd(10)}"),
        ("tracking-dhl", "de", lambda: f"DHL Sendungsnummer: {rd(10,True)}\nStatus: Zugestellt"),
        ("tracking-usps", "en", lambda: f"USPS tracking number {usps()} — delivered"),
        ("tracking-correios", "pt", lambda: f"Código de rastreio Correios: {correios()}"),
        ("tracking-sf", "zh", lambda: f"顺丰运单号: SF{rd(13,True)}"),
        ("isbn", "de", lambda: f"ISBN {isbn13()} — Lehrbuch Betriebswirtschaft, 3. Auflage"),
        ("isbn", "fr", lambda: f"ISBN : {isbn13()}"),
        ("gtin", "en", lambda: render("csv", "en", "EAN/GTIN", "gtin", [gtin() for _ in range(5)])),
        ("gtin", "ja", lambda: f"JANコード: {gtin()} 品名: 緑茶 500ml"),
        ("gtin", "ko", lambda: f"바코드(EAN-13): {gtin()}"),
        ("phone", "de", lambda: f"Telefon: +49 30 {rd(8,True)}\nFax: +49 30 {rd(8,True)}"),
        ("phone", "fr", lambda: f"Tél. : 01 {rd(2)} {rd(2)} {rd(2)} {rd(2)}"),
        ("phone", "zh", lambda: f"联系电话: 1{R.choice('3589')}{rd(9)}"),
        ("phone", "ja", lambda: f"電話番号: 090-{rd(4)}-{rd(4)}"),
        ("phone", "ko", lambda: f"연락처: 010-{rd(4)}-{rd(4)}"),
        ("phone", "en", lambda: f"Call centre: +91 {rd(5,True)} {rd(5)}"),
        ("phone", "pt", lambda: f"Telefone: +55 11 9{rd(4)}-{rd(4)}"),
        ("phone", "tr", lambda: f"Telefon: +90 5{rd(2)} {rd(3)} {rd(2)} {rd(2)}"),
        ("postcode", "nl", lambda: f"Postcode: {R.randint(1000,9999)} {R.choice(UP)}{R.choice(UP)}, {R.choice(L('nl')['cities'])}"),
        ("postcode", "pl", lambda: f"Kod pocztowy: {R.randint(10,99)}-{rd(3)} {R.choice(L('pl')['cities'])}"),
        ("postcode", "ja", lambda: f"〒{rd(3)}-{rd(4)} {R.choice(L('ja')['cities'])}"),
        ("date", "de", lambda: f"Datum: {R.randint(1,28):02d}.{R.randint(1,12):02d}.{R.randint(1990,2025)} — Uhrzeit {R.randint(0,23):02d}:{R.randint(0,59):02d}"),
        ("timestamp", "en", lambda: f'{{"event":"login","ts":{R.randint(1600000000000,1760000000000)},"ms":{R.randint(1600000000000,1760000000000)}}}'),
        ("timestamp", "en", lambda: "\n".join(f"{R.randint(1700000000,1760000000)}.{rd(6)} kernel: eth0 link up" for _ in range(4))),
        ("ip", "en", lambda: f"Blocked IPs: {', '.join('.'.join(str(R.randint(1,254)) for _ in range(4)) for _ in range(5))}"),
        ("version", "en", lambda: f"Upgraded libfoo from {R.randint(1,9)}.{R.randint(0,30)}.{R.randint(0,99)} to {R.randint(1,9)}.{R.randint(0,30)}.{R.randint(0,99)} (build {rd(10,True)})"),
        ("hash", "en", lambda: f"sha1 {''.join(R.choice('0123456789abcdef') for _ in range(40))}\nsha256 {''.join(R.choice('0123456789abcdef') for _ in range(64))}"),
        ("uuid", "en", lambda: "\n".join("-".join("".join(R.choice("0123456789abcdef") for _ in range(n)) for n in (8, 4, 4, 4, 12)) for _ in range(4))),
        ("amounts", "de", lambda: f_csv(["Monat", "Umsatz", "Kosten", "Ergebnis"], [[f"2025-{m:02d}", f"{R.randint(1000000,99999999)}", f"{R.randint(100000,9999999)}", f"{R.randint(10000,999999)}"] for m in range(1, 7)], ";")),
        ("amounts", "pt", lambda: f_psql(["mes", "receita_centavos", "clientes"], [[f"2025-{m:02d}", rd(11, True), str(R.randint(100, 9999))] for m in range(1, 6)])),
        ("amounts", "ja", lambda: f_md(["月", "売上（円）", "件数"], [[f"{m}月", f"{R.randint(10000000,99999999):,}", str(R.randint(10, 999))] for m in range(1, 6)])),
        ("employee-id", "en", lambda: f_csv(["emp_id", "dept", "cost_center"], [[f"E{rd(8)}", R.choice(["ENG", "HR", "FIN"]), rd(6)] for _ in range(6)])),
        ("account-like-ref", "de", lambda: f"Vorgangsnummer {rd(12,True)} / Kundennummer {rd(9,True)}"),
        ("bank-sort-range", "en", lambda: f"Card BIN ranges supported: 4000-4999, 51-55, 2221-2720; see the acquirer's spec v{R.randint(2,9)}.{R.randint(0,9)}"),
        ("iso-date-id-shape", "sv", lambda: f"Ordernr: {R.randint(20,25)}{R.randint(1,12):02d}{R.randint(1,28):02d}-{rd(4)} skickad"),
        ("flight-booking", "en", lambda: f"PNR {''.join(R.choice(UP) for _ in range(6))}, e-ticket {rd(13,True)}, flight LH{R.randint(100,999)}"),
        ("ean-like-756", "de", lambda: f"Artikel-EAN: 76{rd(10)}{0} — Schweizer Schokolade"[:0] + f"Artikel-EAN: {(lambda b: b + ean_cd(b))('76' + rd(10))} — Schokolade 100g"),
        ("cas-number", "en", lambda: f"CAS No. {R.randint(50,9999)}-{rd(2)}-{R.choice(DIG)}; EC {rd(3)}-{rd(3)}-{R.choice(DIG)}"),
        ("git", "en", lambda: f"commit {''.join(R.choice('0123456789abcdef') for _ in range(40))}\nAuthor: CI Bot <ci@example.com>\nDate: Mon Mar 3 10:00:00 2025 +0000"),
        ("lottery-serials", "en", lambda: "Serial numbers: " + ", ".join(rd(9, True) for _ in range(6))),
        ("meter-reading", "de", lambda: f"Zählernummer: {rd(11,True)}\nZählerstand: {R.randint(10000,99999)} kWh"),
        ("imei", "en", lambda: f"Device IMEI: {(lambda b: b + luhn_cd(b))('35' + rd(12))}"),
        ("chinese-zip-phone", "zh", lambda: f"邮编: {rd(6,True)} 电话: 010-{rd(8,True)} 订单号: {rd(18,True)}"),
        ("korean-order", "ko", lambda: f"주문번호: {rd(13,True)} 송장번호: {rd(12,True)}"),
        ("indian-mobile-pin", "en", lambda: f"Mobile: +91 9{rd(9)}  PIN code: {R.randint(110001,855999)}  Order ID: OD{rd(18,True)}"),
    ]
    for j in range(60):
        kn, lang, f = look[j % len(look)]
        t = f()
        add(f"neg-look-{kn}", t, [], [f"kind:{kn}", "frame:misc", f"lang:{lang}", "neg:lookalike"])

    # ---- the same id shapes at wrong length / impossible dates (shape negatives)
    shape = []
    for _ in range(3): s = g_cpf(); shape.append(("br-cpf", "pt", "CPF", s[:3] + "." + s[3:6] + "." + s[6:9] + "-" + s[9:] + "7"))
    for _ in range(3): shape.append(("kr-rrn", "ko", "주민등록번호", f"{rd(2)}{R.randint(13,19)}{R.randint(32,39)}-{R.choice('12')}{rd(6)}"))
    for _ in range(3): shape.append(("cn-resident-id", "zh", "身份证号", R.choice(CN_AREAS) + f"{R.randint(1950,2000)}{R.randint(13,19)}{R.randint(32,39)}{rd(3)}{R.choice(DIG)}"))
    for _ in range(3): shape.append(("uk-nino", "en", "NI number", R.choice(["DA", "FQ", "IV", "UO"]) + rd(6) + R.choice("EFGZ")))
    for _ in range(3): shape.append(("in-pan", "en", "PAN", "".join(R.choice(UP) for _ in range(3)) + "Q" + R.choice(UP) + rd(4) + rd(1)))
    for j, (kn, lang, lab, v) in enumerate(shape):
        add(f"neg-shape-{kn}", f"{lab}: {v}\n{L(lang)['name']}: {R.choice(L(lang)['names'])}", [], [f"kind:{kn}", "frame:inline", f"lang:{lang}", "neg:bad-shape"])

    with open(os.path.join(HERE, "manifest.jsonl"), "w", encoding="utf-8") as fh:
        for c in CASES: fh.write(json.dumps(c, ensure_ascii=False) + "\n")
    npos = sum(1 for c in CASES if c["expect"]); print(f"{len(CASES)} cases: {npos} positive, {len(CASES) - npos} negative")

if __name__ == "__main__":
    if "--selftest" in sys.argv:
        sys.exit(0 if selftest() else 1)
    if not selftest(): sys.exit("self-test failed")
    main()
