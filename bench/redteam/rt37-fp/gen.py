#!/usr/bin/env python3
"""rt37-fp: false-positive hunt corpus for Sieve (international business / data-science traffic).
Deterministic: random.Random(3703). Writes manifest.jsonl next to this file."""
import json, os, random, string

R = random.Random(3703)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "manifest.jsonl")
LANGS = ["en","de","fr","es","pt","it","nl","pl","sv","tr","el","cs","ro","zh","ja","ko"]

# ---------------------------------------------------------------- labels
_L = {
 "order":   "Order No|Bestellnummer|N° de commande|Nº de pedido|Nº do pedido|N. ordine|Ordernummer|Nr zamówienia|Ordernummer|Sipariş No|Αρ. παραγγελίας|Č. objednávky|Nr. comandă|订单号|注文番号|주문번호",
 "invoice": "Invoice No|Rechnungsnummer|N° de facture|Nº de factura|Nº da fatura|N. fattura|Factuurnummer|Nr faktury|Fakturanummer|Fatura No|Αρ. τιμολογίου|Č. faktury|Nr. factură|发票号|請求書番号|송장번호",
 "customer":"Customer No|Kundennummer|N° client|Nº de cliente|Código do cliente|Cod. cliente|Klantnummer|Nr klienta|Kundnummer|Müşteri No|Κωδ. πελάτη|Č. zákazníka|Cod client|客户编号|顧客番号|고객번호",
 "product": "Product|Artikel|Produit|Producto|Produto|Prodotto|Product|Produkt|Produkt|Ürün|Προϊόν|Produkt|Produs|产品|商品|상품",
 "sku":     "SKU|Artikelnummer|Référence|Referencia|Referência|Codice articolo|Artikelnummer|Kod produktu|Artikelnummer|Stok Kodu|Κωδ. είδους|Kód zboží|Cod produs|货号|品番|품번",
 "qty":     "Qty|Menge|Qté|Cantidad|Qtd|Qtà|Aantal|Ilość|Antal|Adet|Ποσότητα|Množství|Cantitate|数量|数量|수량",
 "price":   "Unit Price|Einzelpreis|Prix unitaire|Precio unitario|Preço unitário|Prezzo unitario|Stukprijs|Cena jedn.|Styckpris|Birim Fiyat|Τιμή μονάδας|Jedn. cena|Preț unitar|单价|単価|단가",
 "total":   "Total|Gesamt|Total|Total|Total|Totale|Totaal|Razem|Summa|Toplam|Σύνολο|Celkem|Total|合计|合計|합계",
 "date":    "Date|Datum|Date|Fecha|Data|Data|Datum|Data|Datum|Tarih|Ημερομηνία|Datum|Data|日期|日付|날짜",
 "status":  "Status|Status|Statut|Estado|Situação|Stato|Status|Status|Status|Durum|Κατάσταση|Stav|Stare|状态|状態|상태",
 "id":      "ID|ID|ID|ID|ID|ID|ID|ID|ID|ID|ID|ID|ID|ID|ID|ID",
 "no":      "No.|Nummer|Numéro|Número|Número|Numero|Nummer|Numer|Nummer|Numara|Αριθμός|Číslo|Număr|编号|番号|번호",
 "code":    "Code|Code|Code|Código|Código|Codice|Code|Kod|Kod|Kod|Κωδικός|Kód|Cod|代码|コード|코드",
 "city":    "City|Ort|Ville|Ciudad|Cidade|Città|Plaats|Miasto|Ort|Şehir|Πόλη|Město|Oraș|城市|市区町村|도시",
 "postcode":"Postcode|PLZ|Code postal|Código postal|CEP|CAP|Postcode|Kod pocztowy|Postnummer|Posta Kodu|Τ.Κ.|PSČ|Cod poștal|邮编|郵便番号|우편번호",
 "phone":   "Phone|Telefon|Téléphone|Teléfono|Telefone|Telefono|Telefoon|Telefon|Telefon|Telefon|Τηλέφωνο|Telefon|Telefon|电话|電話番号|전화번호",
 "dept":    "Department|Abteilung|Service|Departamento|Departamento|Reparto|Afdeling|Dział|Avdelning|Departman|Τμήμα|Oddělení|Departament|部门|部署|부서",
 "tracking":"Tracking No|Sendungsnummer|N° de suivi|Nº de seguimiento|Código de rastreio|N. spedizione|Trackingnummer|Nr przesyłki|Kollinummer|Takip No|Αρ. αποστολής|Č. zásilky|AWB|运单号|追跡番号|운송장번호",
 "weight":  "Weight (kg)|Gewicht (kg)|Poids (kg)|Peso (kg)|Peso (kg)|Peso (kg)|Gewicht (kg)|Waga (kg)|Vikt (kg)|Ağırlık (kg)|Βάρος (kg)|Hmotnost (kg)|Greutate (kg)|重量(kg)|重量(kg)|중량(kg)",
 "company": "Company|Firma|Société|Empresa|Empresa|Azienda|Bedrijf|Firma|Företag|Firma|Εταιρεία|Firma|Firmă|公司|会社|회사",
 "amount":  "Amount|Betrag|Montant|Importe|Valor|Importo|Bedrag|Kwota|Belopp|Tutar|Ποσό|Částka|Sumă|金额|金額|금액",
 "name":    "Name|Name|Nom|Nombre|Nome|Nome|Naam|Imię i nazwisko|Namn|Ad Soyad|Όνομα|Jméno|Nume|姓名|氏名|이름",
 "student": "Student No|Matrikelnummer|N° étudiant|Nº de alumno|Nº de matrícula|Matricola|Studentnummer|Nr albumu|Studentnummer|Öğrenci No|Αρ. μητρώου|Č. studenta|Nr. matricol|学号|学籍番号|학번",
 "grade":   "Grade|Note|Note|Nota|Nota|Voto|Cijfer|Ocena|Betyg|Not|Βαθμός|Známka|Notă|成绩|成績|성적",
 "device":  "Device|Gerät|Appareil|Dispositivo|Dispositivo|Dispositivo|Apparaat|Urządzenie|Enhet|Cihaz|Συσκευή|Zařízení|Dispozitiv|设备|端末|기기",
 "serial":  "Serial No|Seriennummer|N° de série|Nº de serie|Nº de série|N. di serie|Serienummer|Nr seryjny|Serienummer|Seri No|Σειριακός αριθμός|Sériové číslo|Serie|序列号|シリアル番号|일련번호",
 "account": "Account|Konto|Compte|Cuenta|Conta|Conto|Rekening|Konto|Konto|Hesap|Λογαριασμός|Účet|Cont|账户|口座|계좌",
 "holder":  "Account holder|Kontoinhaber|Titulaire|Titular|Titular|Intestatario|Rekeninghouder|Właściciel|Kontohavare|Hesap sahibi|Δικαιούχος|Majitel|Titular|户名|名義|예금주",
 "card":    "Card number|Kartennummer|N° de carte|Nº de tarjeta|Nº do cartão|N. carta|Kaartnummer|Nr karty|Kortnummer|Kart No|Αρ. κάρτας|Číslo karty|Nr. card|卡号|カード番号|카드번호",
 "regno":   "Company reg. no|Handelsregister|SIREN|CIF|CNPJ|Codice REA|KvK-nummer|REGON|Org.nr|Ticaret Sicil No|Αρ. ΓΕΜΗ|IČO|Nr. Reg. Com.|统一社会信用代码|法人番号|사업자등록번호",
 "vat":     "VAT ID|USt-IdNr.|N° TVA intracom.|NIF-IVA|NIF (empresa)|Partita IVA|btw-id|NIP|Momsreg.nr|Vergi No|ΑΦΜ εταιρείας|DIČ|CUI|税号|インボイス登録番号|사업자번호",
 "timestamp":"Timestamp (ms)|Zeitstempel (ms)|Horodatage (ms)|Marca de tiempo (ms)|Carimbo (ms)|Timestamp (ms)|Tijdstempel (ms)|Znacznik czasu (ms)|Tidsstämpel (ms)|Zaman damgası (ms)|Χρονοσφραγίδα (ms)|Časové razítko (ms)|Marcaj (ms)|时间戳(ms)|タイムスタンプ(ms)|타임스탬프(ms)",
 "cents":   "Amount (cents)|Betrag (Cent)|Montant (centimes)|Importe (céntimos)|Valor (centavos)|Importo (centesimi)|Bedrag (cent)|Kwota (gr)|Belopp (öre)|Tutar (kuruş)|Ποσό (λεπτά)|Částka (haléře)|Sumă (bani)|金额(分)|金額(銭)|금액(전)",
}
LBL = {k: dict(zip(LANGS, v.split("|"))) for k, v in _L.items()}
def L(k, lang): return LBL[k][lang]

NATID_LABEL = {"en":"SSN","de":"Steuer-ID","fr":"N° de sécurité sociale","es":"DNI","pt":"CPF","it":"Codice fiscale",
  "nl":"BSN","pl":"PESEL","sv":"Personnummer","tr":"TC Kimlik No","el":"ΑΜΚΑ","cs":"Rodné číslo","ro":"CNP",
  "zh":"身份证号","ja":"マイナンバー","ko":"주민등록번호"}
CITIES = {"en":["London","Leeds","Bristol"],"de":["Berlin","München","Köln","Hamburg"],"fr":["Paris","Lyon","Lille"],
 "es":["Madrid","Sevilla","Bilbao"],"pt":["São Paulo","Lisboa","Porto"],"it":["Milano","Roma","Torino"],
 "nl":["Utrecht","Rotterdam","Eindhoven"],"pl":["Kraków","Gdańsk","Poznań"],"sv":["Göteborg","Malmö","Uppsala"],
 "tr":["İstanbul","İzmir","Bursa"],"el":["Αθήνα","Πάτρα","Λάρισα"],"cs":["Praha","Brno","Plzeň"],
 "ro":["Cluj-Napoca","Iași","Brașov"],"zh":["上海","深圳","杭州"],"ja":["大阪市","横浜市","札幌市"],"ko":["서울","부산","인천"]}
PRODUCTS = {"en":["Steel bolt M8","Cable tie 200mm","Office chair","USB-C hub"],"de":["Schraube M8","Kabelbinder","Bürostuhl","Akkuschrauber"],
 "fr":["Vis M8","Collier de serrage","Chaise de bureau","Perceuse"],"es":["Tornillo M8","Brida","Silla de oficina","Taladro"],
 "pt":["Parafuso M8","Abraçadeira","Cadeira","Furadeira"],"it":["Vite M8","Fascetta","Sedia ufficio","Trapano"],
 "nl":["Bout M8","Kabelbinder","Bureaustoel","Boormachine"],"pl":["Śruba M8","Opaska kablowa","Krzesło biurowe","Wiertarka"],
 "sv":["Skruv M8","Buntband","Kontorsstol","Borrmaskin"],"tr":["Cıvata M8","Kablo bağı","Ofis sandalyesi","Matkap"],
 "el":["Βίδα M8","Δεματικό","Καρέκλα γραφείου","Δράπανο"],"cs":["Šroub M8","Stahovací pásek","Kancelářská židle","Vrtačka"],
 "ro":["Șurub M8","Colier","Scaun birou","Bormașină"],"zh":["螺栓M8","扎带","办公椅","电钻"],"ja":["ボルトM8","結束バンド","オフィスチェア","電動ドリル"],
 "ko":["볼트 M8","케이블 타이","사무용 의자","전동 드릴"]}
STATUS = {"en":["shipped","open","paid"],"de":["versandt","offen","bezahlt"],"fr":["expédié","ouvert","payé"],"es":["enviado","abierto","pagado"],
 "pt":["enviado","aberto","pago"],"it":["spedito","aperto","pagato"],"nl":["verzonden","open","betaald"],"pl":["wysłane","otwarte","opłacone"],
 "sv":["skickad","öppen","betald"],"tr":["gönderildi","açık","ödendi"],"el":["απεστάλη","ανοιχτή","εξοφλήθηκε"],"cs":["odesláno","otevřeno","zaplaceno"],
 "ro":["expediat","deschis","plătit"],"zh":["已发货","待处理","已付款"],"ja":["出荷済","未処理","支払済"],"ko":["배송완료","대기","결제완료"]}
FIRST = {"en":["Emma","Oliver"],"de":["Lena","Jonas"],"fr":["Camille","Hugo"],"es":["Lucía","Mateo"],"pt":["Ana","João"],"it":["Giulia","Marco"],
 "nl":["Sanne","Daan"],"pl":["Zofia","Jakub"],"sv":["Ebba","Lucas"],"tr":["Zeynep","Emre"],"el":["Μαρία","Γιώργος"],"cs":["Tereza","Jakub"],
 "ro":["Ioana","Andrei"],"zh":["王芳","李伟"],"ja":["佐藤花子","鈴木一郎"],"ko":["김민지","이준호"]}
LAST = {"en":["Taylor","Hughes","Patel"],"de":["Becker","Wagner","Krüger"],"fr":["Martin","Lefèvre","Girard"],"es":["García","Navarro","Romero"],
 "pt":["Silva","Costa","Pereira"],"it":["Rossi","Bianchi","Ferrari"],"nl":["de Vries","Jansen","Bakker"],"pl":["Nowak","Kowalczyk","Wiśniewski"],
 "sv":["Lindqvist","Berg","Holm"],"tr":["Yılmaz","Kaya","Demir"],"el":["Παπαδόπουλος","Νικολάου","Γεωργίου"],"cs":["Novák","Dvořák","Svoboda"],
 "ro":["Popescu","Ionescu","Dumitru"],"zh":["","",""],"ja":["","",""],"ko":["","",""]}
def person(lang):
    f = R.choice(FIRST[lang]); l = R.choice(LAST[lang])
    return (f + " " + l).strip() if l else f + str(R.randint(1,9))

# ---------------------------------------------------------------- check digits
def luhn_digit(s):
    tot = 0
    for i, ch in enumerate(reversed(s)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9: d -= 9
        tot += d
    return str((10 - tot % 10) % 10)
def luhn_ok(s):
    return s.isdigit() and luhn_digit(s[:-1]) == s[-1]
def rd(n, first_nonzero=True):
    s = "".join(R.choice(string.digits) for _ in range(n))
    if first_nonzero and s[0] == "0": s = str(R.randint(1,9)) + s[1:]
    return s
def iban(cc, bban):
    num = "".join(str(int(c, 36)) for c in (bban + cc + "00"))
    return cc + "%02d" % (98 - int(num) % 97) + bban
def iban_ok(s):
    s = s.replace(" ", "")
    return int("".join(str(int(c, 36)) for c in s[4:] + s[:4])) % 97 == 1
def group4(s): return " ".join(s[i:i+4] for i in range(0, len(s), 4))
def ean13(prefix12): return prefix12 + str((10 - sum(int(c)*(3 if i%2 else 1) for i,c in enumerate(prefix12)) % 10) % 10)
def gtin14(p13): return p13 + str((10 - sum(int(c)*(3 if i%2==0 else 1) for i,c in enumerate(p13)) % 10) % 10)
def isin(cc, nsin9):
    body = cc + nsin9
    digits = "".join(str(int(c, 36)) for c in body)
    return body + luhn_digit(digits)

# --- national ids (positives; also used to check negatives for accidental validity)
def pesel(y, m, d, serial=None):
    mm = m + (20 if y >= 2000 else 0)
    s = "%02d%02d%02d" % (y % 100, mm, d) + (serial or rd(4, False))
    w = [1,3,7,9,1,3,7,9,1,3]
    return s + str((10 - sum(int(a)*b for a,b in zip(s,w)) % 10) % 10)
def pesel_ok(s):
    if len(s) != 11 or not s.isdigit(): return False
    w = [1,3,7,9,1,3,7,9,1,3]
    if (10 - sum(int(a)*b for a,b in zip(s,w)) % 10) % 10 != int(s[10]): return False
    mm = int(s[2:4]) % 20; dd = int(s[4:6])
    return 1 <= mm <= 12 and 1 <= dd <= 31
def tckn(first9=None):
    d = [int(c) for c in (first9 or rd(9))]
    d10 = ((d[0]+d[2]+d[4]+d[6]+d[8])*7 - (d[1]+d[3]+d[5]+d[7])) % 10
    d11 = (sum(d) + d10) % 10
    return "".join(map(str, d)) + str(d10) + str(d11)
def tckn_ok(s): return len(s) == 11 and s.isdigit() and s[0] != "0" and tckn(s[:9]) == s
def cpf(n9=None):
    d = [int(c) for c in (n9 or rd(9, False))]
    for k in (10, 11):
        r = sum(a*b for a,b in zip(d, range(k, 1, -1))) * 10 % 11
        d.append(0 if r == 10 else r)
    return "".join(map(str, d))
def cpf_ok(s): return len(s) == 11 and s.isdigit() and len(set(s)) > 1 and cpf(s[:9]) == s
def fmt_cpf(s): return "%s.%s.%s-%s" % (s[:3], s[3:6], s[6:9], s[9:])
def cnpj(n12=None):
    d = [int(c) for c in (n12 or (rd(8, False) + "0001"))]
    for w in ([5,4,3,2,9,8,7,6,5,4,3,2], [6,5,4,3,2,9,8,7,6,5,4,3,2]):
        r = sum(a*b for a,b in zip(d, w)) % 11
        d.append(0 if r < 2 else 11 - r)
    s = "".join(map(str, d))
    return "%s.%s.%s/%s-%s" % (s[:2], s[2:5], s[5:8], s[8:12], s[12:])
def bsn(n8=None):
    while True:
        s = n8 or rd(8)
        t = sum(int(c)*w for c, w in zip(s, range(9, 1, -1))) % 11
        if t < 10: return s + str(t)
        n8 = None
def bsn_ok(s): return len(s) == 9 and s.isdigit() and (sum(int(c)*w for c, w in zip(s[:8], range(9,1,-1))) - int(s[8])) % 11 == 0
def dni(n=None):
    n = n if n is not None else R.randint(10000000, 99999999)
    return "%08d%s" % (n, "TRWAGMYFPDXBNJZSQVHLCKE"[n % 23])
def nir(sex, yy, mm, dep, com, order):
    base = "%d%02d%02d%s%03d%03d" % (sex, yy, mm, dep, com, order)
    return base + "%02d" % (97 - int(base) % 97)
def nir_ok(s): return len(s) == 15 and s.isdigit() and s[0] in "12" and 97 - int(s[:13]) % 97 == int(s[13:])
def steuer_id():
    while True:
        digs = list(range(10)); R.shuffle(digs)
        first = digs[:9]; dup = R.choice(first)
        ten = first + [dup]; R.shuffle(ten)
        if ten[0] == 0: continue
        p = 10
        for d in ten:
            s = (d + p) % 10
            if s == 0: s = 10
            p = (s * 2) % 11
        c = 11 - p
        if c == 10: c = 0
        return "".join(map(str, ten)) + str(c)
def steuer_ok(s):
    if len(s) != 11 or not s.isdigit() or s[0] == "0": return False
    cnt = [s[:10].count(c) for c in set(s[:10])]
    if not (sorted(cnt)[-1] in (2, 3) and sorted(cnt).count(1) >= 7 - (1 if 3 in cnt else 0)): return False
    p = 10
    for ch in s[:10]:
        x = (int(ch) + p) % 10
        if x == 0: x = 10
        p = (x * 2) % 11
    c = 11 - p
    return (0 if c == 10 else c) == int(s[10])
def personnummer(y, m, d):
    b = "%02d%02d%02d%03d" % (y % 100, m, d, R.randint(1, 999))
    return b[:6] + "-" + b[6:] + luhn_digit(b)
def amka(y, m, d):
    b = "%02d%02d%02d%04d" % (d, m, y % 100, R.randint(0, 9999))
    return b + luhn_digit(b)
def amka_ok(s):
    return len(s) == 11 and s.isdigit() and luhn_ok(s) and 1 <= int(s[:2]) <= 31 and 1 <= int(s[2:4]) <= 12
def rodne(y, m, d, female):
    while True:
        b = "%02d%02d%02d%03d" % (y % 100, m + (50 if female else 0), d, R.randint(0, 999))
        c = int(b) % 11
        if c == 10: continue
        return b[:6] + "/" + b[6:] + str(c)
def rodne_ok(s):
    return len(s) == 10 and s.isdigit() and int(s) % 11 == 0 and 1 <= int(s[2:4]) % 50 % 20 <= 12 and 1 <= int(s[4:6]) <= 31
def cnp(y, m, d, male):
    s = ("1" if male else "2") if y < 2000 else ("5" if male else "6")
    b = s + "%02d%02d%02d%02d%03d" % (y % 100, m, d, R.randint(1, 46), R.randint(1, 999))
    c = sum(int(a)*w for a, w in zip(b, [2,7,9,1,4,6,3,5,8,2,7,9])) % 11
    return b + ("1" if c == 10 else str(c))
def cnp_ok(s):
    if len(s) != 13 or not s.isdigit() or s[0] not in "123456789": return False
    c = sum(int(a)*w for a, w in zip(s, [2,7,9,1,4,6,3,5,8,2,7,9])) % 11
    return ("1" if c == 10 else str(c)) == s[12] and 1 <= int(s[3:5]) <= 12 and 1 <= int(s[5:7]) <= 31
CNW = [7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]
def cn_id(y, m, d):
    b = R.choice(["110105","310104","440305","330106","510107"]) + "%04d%02d%02d" % (y, m, d) + "%03d" % R.randint(1, 999)
    return b + "10X98765432"[sum(int(a)*w for a, w in zip(b, CNW)) % 11]
def cn_ok(s): return len(s) == 18 and s[:17].isdigit() and "10X98765432"[sum(int(a)*w for a, w in zip(s, CNW)) % 11] == s[17].upper()
def mynumber(b11=None):
    b = b11 or rd(11)
    tot = 0
    for n in range(1, 12):
        p = int(b[11 - n]); q = n + 1 if n <= 6 else n - 5
        tot += p * q
    r = tot % 11
    return b + str(0 if r <= 1 else 11 - r)
def mynumber_ok(s): return len(s) == 12 and s.isdigit() and mynumber(s[:11]) == s
def rrn(y, m, d, g):
    b = "%02d%02d%02d%d%05d" % (y % 100, m, d, g, R.randint(0, 99999))
    c = (11 - sum(int(a)*w for a, w in zip(b, [2,3,4,5,6,7,8,9,2,3,4,5])) % 11) % 10
    return b[:6] + "-" + b[6:] + str(c)
def rrn_ok(s):
    return len(s) == 13 and s.isdigit() and s[6] in "1234" and (11 - sum(int(a)*w for a, w in zip(s, [2,3,4,5,6,7,8,9,2,3,4,5])) % 11) % 10 == int(s[12]) and 1 <= int(s[2:4]) <= 12
CF_ODD = dict(zip("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
  [1,0,5,7,9,13,15,17,19,21,1,0,5,7,9,13,15,17,19,21,2,4,18,20,11,3,6,8,12,14,16,10,22,25,24,23]))
def cf_char(s15):
    t = 0
    for i, c in enumerate(s15):
        t += CF_ODD[c] if i % 2 == 0 else (int(c) if c.isdigit() else ord(c) - 65)
    return chr(65 + t % 26)
def codice_fiscale(sur, name, y, m, d, female):
    def cons(s): return [c for c in s.upper() if c.isalpha() and c not in "AEIOU"]
    def vow(s): return [c for c in s.upper() if c in "AEIOU"]
    s3 = (cons(sur) + vow(sur) + ["X"]*3)[:3]
    nc = cons(name)
    n3 = ([nc[0], nc[2], nc[3]] if len(nc) >= 4 else (nc + vow(name) + ["X"]*3)[:3])
    b = "".join(s3) + "".join(n3) + "%02d" % (y % 100) + "ABCDEHLMPRST"[m-1] + "%02d" % (d + (40 if female else 0)) + R.choice(["H501","F205","L219","G273","A662"])
    return b + cf_char(b)
def ssn():
    while True:
        a = R.randint(101, 665); g = R.randint(1, 99); s = R.randint(1, 9999)
        if (a, g, s) != (123, 45, 6789): return "%03d-%02d-%04d" % (a, g, s)
def nino():
    return R.choice(["AB","CE","JG","KM","NP","PR","SH","TW","WL"]) + rd(6, False) + R.choice("ABCD")

def natid(lang):
    y = R.randint(1955, 2003); m = R.randint(1, 12); d = R.randint(1, 28); fem = R.random() < .5
    return {
      "en": lambda: ssn() if R.random() < .6 else nino(),
      "de": steuer_id,
      "fr": lambda: (lambda v: "%s %s %s %s %s %s %s" % (v[0], v[1:3], v[3:5], v[5:7], v[7:10], v[10:13], v[13:]))(
                 nir(2 if fem else 1, y % 100, m, "%02d" % R.randint(1, 95), R.randint(1, 990), R.randint(1, 999))),
      "es": lambda: dni(),
      "pt": lambda: fmt_cpf(cpf()),
      "it": lambda: codice_fiscale(R.choice(["Rossi","Bianchi","Esposito","Romano","Colombo"]), R.choice(["Giulia","Marco","Francesca","Luca"]), y, m, d, fem),
      "nl": bsn,
      "pl": lambda: pesel(y, m, d),
      "sv": lambda: personnummer(y, m, d),
      "tr": tckn,
      "el": lambda: amka(y, m, d),
      "cs": lambda: rodne(y, m, d, fem),
      "ro": lambda: cnp(y, m, d, not fem),
      "zh": lambda: cn_id(y, m, d),
      "ja": mynumber,
      "ko": lambda: rrn(y, m, d, R.choice([1, 2]) if y < 2000 else R.choice([3, 4])),
    }[lang]()

# --- company identifiers (negatives)
def siren():
    b = rd(8); return b + luhn_digit(b)
def siret():
    s = siren(); b = s + "%04d" % R.randint(1, 99); return b + luhn_digit(b)
def nip():
    while True:
        b = rd(9); c = sum(int(a)*w for a, w in zip(b, [6,5,7,2,3,4,5,6,7])) % 11
        if c < 10: return b + str(c)
def fmt_nip(s): return "%s-%s-%s-%s" % (s[:3], s[3:6], s[6:8], s[8:])
def regon():
    b = rd(8); c = sum(int(a)*w for a, w in zip(b, [8,9,2,3,4,5,6,7])) % 11
    return b + str(0 if c == 10 else c)
def cuit_company():
    while True:
        b = R.choice(["30", "33", "30"]) + rd(8, False)
        c = 11 - sum(int(a)*w for a, w in zip(b, [5,4,3,2,7,6,5,4,3,2])) % 11
        if c == 11: c = 0
        if c == 10: continue
        return "%s-%s-%d" % (b[:2], b[2:], c)
def abn():
    w = [10,1,3,5,7,9,11,13,15,17,19]
    while True:
        b = [R.randint(1, 9)] + [R.randint(0, 9) for _ in range(10)]
        # fix digits 1..2 to satisfy mod 89 by brute force on last two
        for x in range(100):
            b[9], b[10] = x // 10, x % 10
            t = (b[0]-1)*w[0] + sum(d*ww for d, ww in zip(b[1:], w[1:]))
            if t % 89 == 0:
                s = "".join(map(str, b)); return "%s %s %s %s" % (s[:2], s[2:5], s[5:8], s[8:])
GST_CS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
def gstin():
    pan = "".join(R.choice(string.ascii_uppercase) for _ in range(3)) + "C" + R.choice(string.ascii_uppercase) + rd(4, False) + R.choice(string.ascii_uppercase)
    b = "%02d" % R.choice([27, 29, 33, 7, 24]) + pan + "1Z"
    t = 0
    for i, c in enumerate(b):
        v = GST_CS.index(c) * (2 if i % 2 else 1)
        t += v // 36 + v % 36
    return b + GST_CS[(36 - t % 36) % 36]
USCC_CS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
def uscc():
    b = "91" + R.choice(["110108", "310115", "440300", "330100"]) + "".join(R.choice(USCC_CS[:10] + "ABCDEFGHJKLMNPQRTUWXY") for _ in range(9))
    w = [1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28]
    c = (31 - sum(USCC_CS.index(ch)*ww for ch, ww in zip(b, w)) % 31) % 31
    return b + USCC_CS[c]
def houjin():
    b = rd(12)
    t = sum(int(c) * (2 if i % 2 == 0 else 1) for i, c in enumerate(reversed(b)))
    return str(9 - t % 9) + b
def de_vat():
    b = rd(8)
    p = 10
    for ch in b:
        s = (int(ch) + p) % 10
        if s == 0: s = 10
        p = (2 * s) % 11
    c = 11 - p
    return "DE" + b + str(0 if c == 10 else c)
def fr_vat():
    s = siren(); return "FR%02d%s" % ((12 + 3 * (int(s) % 97)) % 97, s)
def it_piva():
    b = rd(10, False); return b + luhn_digit(b)
def company_id(lang):
    return {"en": lambda: ("GB" + rd(9)) if R.random() < .5 else "%08d" % R.randint(1000000, 13999999),
            "de": lambda: "HRB %d" % R.randint(1000, 250000) if R.random() < .5 else de_vat(),
            "fr": lambda: siren() if R.random() < .5 else siret(),
            "es": lambda: R.choice("ABG") + rd(8, False),
            "pt": cnpj, "it": it_piva, "nl": lambda: rd(8),
            "pl": lambda: fmt_nip(nip()) if R.random() < .5 else regon(),
            "sv": lambda: "55" + str(R.randint(2, 9)) + rd(3, False) + "-" + rd(4, False),
            "tr": lambda: rd(10), "el": lambda: "0" + rd(8), "cs": lambda: rd(8),
            "ro": lambda: "RO" + rd(8), "zh": uscc, "ja": houjin, "ko": lambda: "%s-%s-%s" % (rd(3), rd(2), rd(5, False))}[lang]()

# ---------------------------------------------------------------- accidental-validity check of negatives
import re
def accidental(text):
    hits = set()
    for m in re.finditer(r"(?<![\w.])\d[\d\-/ .]{7,22}\d(?![\w])", text):
        raw = m.group(0)
        for cand in {raw, re.sub(r"[\-/ .]", "", raw)}:
            if not cand.isdigit(): continue
            n = len(cand)
            if n == 11:
                if pesel_ok(cand): hits.add("acc:pesel")
                if tckn_ok(cand): hits.add("acc:tckn")
                if cpf_ok(cand): hits.add("acc:cpf")
                if amka_ok(cand): hits.add("acc:amka")
                if steuer_ok(cand): hits.add("acc:steuer-id")
            if n == 9 and bsn_ok(cand): hits.add("acc:bsn")
            if n == 13 and cnp_ok(cand): hits.add("acc:cnp")
            if n == 13 and rrn_ok(cand): hits.add("acc:kr-rrn")
            if n == 12 and mynumber_ok(cand): hits.add("acc:mynumber")
            if n == 15 and nir_ok(cand): hits.add("acc:nir")
            if n == 10 and rodne_ok(cand): hits.add("acc:rodne")
            if 13 <= n <= 19 and luhn_ok(cand) and cand[0] in "3456": hits.add("acc:luhn-card-prefix")
            if n == 18 and cn_ok(cand): hits.add("acc:cn-id")
    return sorted(hits)

# ---------------------------------------------------------------- table frames
def wlen(s):
    return sum(2 if ord(c) > 0x2E80 else 1 for c in s)
def pad(s, w, right=False):
    p = " " * max(0, w - wlen(s)); return p + s if right else s + p
def isnum(s): return bool(re.fullmatch(r"-?[\d.,]+", s))
def widths(h, rows): return [max(wlen(x) for x in col) for col in zip(h, *rows)]
def f_csv(h, rows, sep=","):
    q = lambda x: '"%s"' % x if sep in x else x
    return "\n".join(sep.join(q(c) for c in r) for r in [h] + rows)
def f_tsv(h, rows): return "\n".join("\t".join(r) for r in [h] + rows)
def f_psql(h, rows):
    w = widths(h, rows)
    out = [" " + " | ".join(pad(c, x) for c, x in zip(h, w))]
    out.append("-+-".join("-" * x for x in w).join(["-", "-"]))
    for r in rows: out.append(" " + " | ".join(pad(c, x, isnum(c)) for c, x in zip(r, w)))
    out.append("(%d rows)" % len(rows)); return "\n".join(out)
def f_mysql(h, rows):
    w = widths(h, rows); sepl = "+" + "+".join("-" * (x + 2) for x in w) + "+"
    out = [sepl, "| " + " | ".join(pad(c, x) for c, x in zip(h, w)) + " |", sepl]
    for r in rows: out.append("| " + " | ".join(pad(c, x, isnum(c)) for c, x in zip(r, w)) + " |")
    out += [sepl, "%d rows in set (0.01 sec)" % len(rows)]; return "\n".join(out)
def f_md(h, rows):
    out = ["| " + " | ".join(h) + " |", "|" + "|".join("---" for _ in h) + "|"]
    for r in rows: out.append("| " + " | ".join(r) + " |")
    return "\n".join(out)
def f_pandas(h, rows):
    rows2 = [[str(i)] + r for i, r in enumerate(rows)]; h2 = [""] + h
    w = widths(h2, rows2)
    out = ["  ".join(pad(c, x, True) for c, x in zip(h2, w))]
    for r in rows2: out.append("  ".join(pad(c, x, True) for c, x in zip(r, w)))
    return "\n".join(out)
def f_kubectl(h, rows):
    h2 = [c.upper().replace(" ", "_") for c in h]; w = widths(h2, rows)
    return "\n".join("   ".join(pad(c, x) for c, x in zip(r, w)).rstrip() for r in [h2] + rows)
def f_json(h, rows): return json.dumps([dict(zip(h, r)) for r in rows], ensure_ascii=False, indent=1)
def gutter(text, style, start=1):
    lines = text.split("\n")
    if style == "cc": return "\n".join("%6d\u2192%s" % (i + start, l) for i, l in enumerate(lines))
    return "\n".join("%6d\t%s" % (i + start, l) for i, l in enumerate(lines))
TFRAMES = {"csv": f_csv, "tsv": f_tsv, "psql": f_psql, "mysql": f_mysql, "markdown": f_md, "pandas": f_pandas,
           "kubectl": f_kubectl, "json": f_json}
def render_table(h, rows, frame):
    if frame == "csv-read": return gutter(f_csv(h, rows), "cc")
    if frame == "tsv-catn": return gutter(f_tsv(h, rows), "catn")
    if frame == "polars":
        w = widths(h, rows)
        top = "shape: (%d, %d)\n" % (len(rows), len(h)) + "┌" + "┬".join("─" * (x + 2) for x in w) + "┐"
        hl = "│ " + " ┆ ".join(pad(c, x) for c, x in zip(h, w)) + " │"
        tl = "│ " + " ┆ ".join(pad("str" if not isnum(rows[0][i]) else "i64", w[i]) for i in range(len(h))) + " │"
        mid = "╞" + "╪".join("═" * (x + 2) for x in w) + "╡"
        body = ["│ " + " ┆ ".join(pad(c, x) for c, x in zip(r, w)) + " │" for r in rows]
        bot = "└" + "┴".join("─" * (x + 2) for x in w) + "┘"
        return "\n".join([top, hl, tl, mid] + body + [bot])
    return TFRAMES[frame](h, rows)
ALLFRAMES = list(TFRAMES) + ["csv-read", "tsv-catn", "polars"]

# ---------------------------------------------------------------- API envelopes
PROMPTS = {"en":"Summarise this for the weekly report.","de":"Fasse das bitte für den Wochenbericht zusammen.",
 "fr":"Résume ceci pour le rapport hebdomadaire.","es":"Resume esto para el informe semanal.","pt":"Resuma isto para o relatório semanal.",
 "it":"Riassumi per il report settimanale.","nl":"Vat dit samen voor het weekrapport.","pl":"Podsumuj to do raportu tygodniowego.",
 "sv":"Sammanfatta detta till veckorapporten.","tr":"Bunu haftalık rapor için özetle.","el":"Συνόψισε αυτό για την εβδομαδιαία αναφορά.",
 "cs":"Shrň to pro týdenní report.","ro":"Rezumă asta pentru raportul săptămânal.","zh":"请为周报总结一下。","ja":"週報用に要約してください。","ko":"주간 보고서용으로 요약해 줘."}
TARGETS = {"anthropic": "https://api.anthropic.com/v1/messages", "openai-chat": "https://api.openai.com/v1/chat/completions",
           "openai-resp": "https://api.openai.com/v1/responses",
           "gemini": "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent",
           "mcp": "https://mcp.example.com/mcp"}
def envelope(api, text, lang, tool, tool_input, mode="tool"):
    prompt = PROMPTS[lang]
    if api == "anthropic":
        if mode == "paste":
            msgs = [{"role": "user", "content": prompt + "\n\n" + text}]
        else:
            msgs = [{"role": "user", "content": prompt},
                    {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_01A", "name": tool, "input": tool_input}]},
                    {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_01A", "content": text}]}]
        b = {"model": "claude-sonnet-4-5", "max_tokens": 2048, "messages": msgs}
    elif api == "openai-chat":
        if mode == "paste":
            msgs = [{"role": "user", "content": prompt + "\n\n" + text}]
        else:
            msgs = [{"role": "user", "content": prompt},
                    {"role": "assistant", "content": None, "tool_calls": [{"id": "call_1", "type": "function",
                        "function": {"name": tool, "arguments": json.dumps(tool_input, ensure_ascii=False)}}]},
                    {"role": "tool", "tool_call_id": "call_1", "content": text}]
        b = {"model": "gpt-4o", "messages": msgs}
    elif api == "openai-resp":
        if mode == "paste":
            inp = [{"role": "user", "content": [{"type": "input_text", "text": prompt + "\n\n" + text}]}]
        else:
            inp = [{"role": "user", "content": prompt},
                   {"type": "function_call", "call_id": "fc_1", "name": tool, "arguments": json.dumps(tool_input, ensure_ascii=False)},
                   {"type": "function_call_output", "call_id": "fc_1", "output": text}]
        b = {"model": "gpt-4.1", "input": inp}
    elif api == "gemini":
        if mode == "paste":
            c = [{"role": "user", "parts": [{"text": prompt + "\n\n" + text}]}]
        else:
            c = [{"role": "user", "parts": [{"text": prompt}]},
                 {"role": "model", "parts": [{"functionCall": {"name": tool, "args": tool_input}}]},
                 {"role": "user", "parts": [{"functionResponse": {"name": tool, "response": {"content": text}}}]}]
        b = {"contents": c}
    else:  # mcp: the agent writes the data somewhere through an MCP tool
        b = {"jsonrpc": "2.0", "id": R.randint(1, 999), "method": "tools/call",
             "params": {"name": R.choice(["write_file", "append_note", "create_page"]), "arguments": {"path": "notes/report.md", "content": text}}}
    return json.dumps(b, ensure_ascii=False)
APIS = list(TARGETS)

CASES = []; COUNT = {}
def add(prefix, text, lang, tags, expect=None, tool="Bash", tool_input=None, api=None, mode=None):
    api = api or R.choice(APIS)
    mode = mode or ("paste" if R.random() < .2 else "tool")
    tool_input = tool_input or {"command": "cat data.txt"}
    COUNT[prefix] = COUNT.get(prefix, 0) + 1
    cid = "%s-%03d" % (prefix, COUNT[prefix])
    tags = list(tags) + ["lang:" + lang, "api:" + api]
    if not expect:
        tags += accidental(text)
    CASES.append({"id": cid, "target": TARGETS[api], "headers": {"Content-Type": "application/json"},
                  "body": envelope(api, text, lang, tool, tool_input, mode), "expect": expect or {}, "tags": tags})
def tool_for(frame):
    if frame in ("psql", "mysql"): return "run_sql", {"query": "SELECT * FROM t LIMIT 20"}
    if frame in ("pandas", "polars"): return "python", {"code": "print(df.head(12))"}
    if frame == "csv-read": return "Read", {"file_path": "/home/dev/exports/data.csv"}
    if frame == "tsv-catn": return "Bash", {"command": "cat -n export.tsv"}
    if frame == "kubectl": return "Bash", {"command": "column -t report.txt"}
    return R.choice([("Bash", {"command": "cat export.%s" % frame}), ("read_file", {"path": "export.%s" % frame})])

def day(): return "2024-%02d-%02d" % (R.randint(1, 12), R.randint(1, 28))
def money(lang, lo=5, hi=9000):
    v = R.uniform(lo, hi)
    return ("%.2f" % v).replace(".", ",") if lang in ("de","fr","es","pt","it","nl","pl","sv","tr","el","cs","ro") else "%.2f" % v

# ================================================================ NEGATIVES
def table_case(prefix, cls, lang, h, rows, frame=None, extra=()):
    frame = frame or R.choice(ALLFRAMES)
    t, ti = tool_for(frame)
    add(prefix, render_table(h, rows, frame), lang, ["neg:" + cls, "frame:" + frame] + list(extra), tool=t, tool_input=ti)

# 1. order/invoice/customer numbers shaped like national ids (9,10,11,12,13 digits), under id-like headers
ORDER_SHAPES = [
  ("11d-date", lambda: "2024%02d%02d%03d" % (R.randint(1, 12), R.randint(1, 28), R.randint(0, 999))),
  ("11d", lambda: rd(11)), ("9d", lambda: rd(9)), ("10d", lambda: rd(10)), ("12d", lambda: rd(12)),
  ("13d", lambda: rd(13)), ("11d-seq", None)]
for i in range(48):
    lang = LANGS[i % 16]; shape, fn = ORDER_SHAPES[i % len(ORDER_SHAPES)]
    key = R.choice(["order", "invoice", "customer", "no", "id"])
    n = R.randint(5, 12)
    if fn is None:
        start = R.randint(10**10, 9 * 10**10); vals = [str(start + k * R.randint(1, 40)) for k in range(n)]
    else:
        vals = [fn() for _ in range(n)]
    h = [L(key, lang), L("date", lang), L("product", lang), L("qty", lang), L("total", lang), L("status", lang)]
    rows = [[v, day(), R.choice(PRODUCTS[lang]), str(R.randint(1, 500)), money(lang), R.choice(STATUS[lang])] for v in vals]
    table_case("neg-orders", "order-numbers", lang, h, rows, extra=["shape:" + shape, "hdr:" + key])

# 2. product codes: EAN-13, GTIN-14, ISBN-13, SKU
for i in range(24):
    lang = LANGS[i % 16]; kind = ["ean13", "gtin14", "isbn13", "sku"][i % 4]
    n = R.randint(5, 10); rows = []
    for _ in range(n):
        if kind == "ean13": c = ean13(R.choice(["400", "300", "840", "590", "869", "690", "450", "880", "800", "870", "500"]) + rd(9, False))
        elif kind == "gtin14": c = gtin14(str(R.randint(1, 8)) + R.choice(["400", "590", "869"]) + rd(9, False))
        elif kind == "isbn13": c = ean13("978" + R.choice(["3", "2", "84", "85", "88", "90", "83", "91", "975", "960", "80", "973", "7", "4", "89"]) + rd(9, False))[:13]
        else: c = "%s-%s-%s" % ("".join(R.choice(string.ascii_uppercase) for _ in range(3)), rd(5), rd(2, False))
        rows.append([c, R.choice(PRODUCTS[lang]), money(lang, 1, 400), str(R.randint(0, 4000))])
    h = [R.choice([L("sku", lang), L("code", lang), "EAN" if kind != "isbn13" else "ISBN"]), L("product", lang), L("price", lang), L("qty", lang)]
    table_case("neg-product", "product-codes", lang, h, rows, extra=["shape:" + kind])

# 3. tracking numbers / IMEIs / serials
for i in range(20):
    lang = LANGS[i % 16]; kind = ["imei", "tracking", "serial", "imei"][i % 4]
    rows = []
    for _ in range(R.randint(4, 10)):
        if kind == "imei":
            b = R.choice(["35", "86", "01", "99"]) + rd(12, False); v = b + luhn_digit(b)
        elif kind == "tracking":
            v = R.choice(["00340434" + rd(12, False), "1Z" + "".join(R.choice(string.ascii_uppercase + string.digits) for _ in range(16)),
                          "JJD" + rd(18, False), rd(12), "RR" + rd(9, False) + "DE"])
        else: v = rd(R.choice([10, 11, 12, 14]))
        rows.append([v, R.choice(["Dell Latitude 5440", "iPhone 15", "Galaxy S23", "ThinkPad T14", "Zebra TC52"]) if kind != "tracking" else R.choice(CITIES[lang]),
                     day(), R.choice(STATUS[lang])])
    h = [{"imei": "IMEI", "tracking": L("tracking", lang), "serial": L("serial", lang)}[kind], L("device", lang) if kind != "tracking" else L("city", lang), L("date", lang), L("status", lang)]
    table_case("neg-tracking", "tracking-imei", lang, h, rows, extra=["shape:" + kind])

# 4. timestamps / epoch ms, 5. amounts in cents
for i in range(16):
    lang = LANGS[i % 16]; rows = []
    base = R.randint(1_600_000_000_000, 1_730_000_000_000)
    for k in range(R.randint(6, 14)):
        base += R.randint(1, 90_000)
        rows.append([str(base), R.choice(["sensor-%02d" % R.randint(1, 40), "api-gw", "worker-%d" % R.randint(1, 9)]), "%.3f" % R.uniform(0, 100), str(R.randint(100, 99999))])
    h = [L("timestamp", lang), L("device", lang), "value", L("no", lang)]
    table_case("neg-epoch", "epoch-ms", lang, h, rows)
for i in range(16):
    lang = LANGS[i % 16]; rows = []
    for k in range(R.randint(5, 12)):
        rows.append([rd(R.choice([8, 9, 10])), str(R.randint(100, 99_999_999_999)), R.choice(["EUR", "PLN", "TRY", "SEK", "CZK", "RON", "CNY", "JPY", "KRW", "BRL"]), day()])
    h = [L("invoice", lang), L("cents", lang), "Currency", L("date", lang)]
    table_case("neg-cents", "amount-cents", lang, h, rows)

# 6. phone directories: switchboard/department numbers (neg) and staff extensions with names (arguable)
PHONEFMT = {"en": lambda: "+44 20 7946 %04d" % R.randint(0, 999), "de": lambda: "+49 30 %d-%d" % (R.randint(2000000, 9999999), R.randint(0, 99)),
  "fr": lambda: "+33 1 %02d %02d %02d %02d" % tuple(R.randint(10, 99) for _ in range(4)), "es": lambda: "+34 91 %03d %02d %02d" % (R.randint(100, 999), R.randint(10, 99), R.randint(10, 99)),
  "pt": lambda: "+55 11 3%03d-%04d" % (R.randint(0, 999), R.randint(0, 9999)), "it": lambda: "+39 02 %08d" % R.randint(0, 99999999),
  "nl": lambda: "+31 20 %03d %04d" % (R.randint(100, 999), R.randint(0, 9999)), "pl": lambda: "+48 22 %03d %02d %02d" % (R.randint(100, 999), R.randint(0, 99), R.randint(0, 99)),
  "sv": lambda: "+46 8 %03d %02d %02d" % (R.randint(100, 999), R.randint(0, 99), R.randint(0, 99)), "tr": lambda: "+90 212 %03d %02d %02d" % (R.randint(100, 999), R.randint(0, 99), R.randint(0, 99)),
  "el": lambda: "+30 210 %07d" % R.randint(0, 9999999), "cs": lambda: "+420 2%02d %03d %03d" % (R.randint(0, 99), R.randint(0, 999), R.randint(0, 999)),
  "ro": lambda: "+40 21 %03d %04d" % (R.randint(100, 999), R.randint(0, 9999)), "zh": lambda: "+86 21 %04d %04d" % (R.randint(1000, 9999), R.randint(0, 9999)),
  "ja": lambda: "03-%04d-%04d" % (R.randint(1000, 9999), R.randint(0, 9999)), "ko": lambda: "02-%03d-%04d" % (R.randint(100, 999), R.randint(0, 9999))}
DEPTS = ["Sales", "Support", "Finance", "Logistics", "HR", "Reception", "IT Helpdesk", "Purchasing", "Warehouse"]
for i in range(28):
    lang = LANGS[i % 16]; arg = i >= 16
    if not arg:
        h = [L("dept", lang), L("city", lang), L("phone", lang), "Fax"]
        rows = [[d, R.choice(CITIES[lang]), PHONEFMT[lang](), PHONEFMT[lang]()] for d in R.sample(DEPTS, R.randint(4, 8))]
        table_case("neg-phonedir", "phone-directory", lang, h, rows)
    else:
        h = [L("name", lang), L("dept", lang), "Ext.", L("phone", lang)]
        rows = [[person(lang), R.choice(DEPTS), str(R.randint(100, 999)), PHONEFMT[lang]()] for _ in range(R.randint(4, 8))]
        table_case("neg-phonedir", "phone-directory-staff", lang, h, rows, extra=["arguable"])

# 7. postcodes, sort codes alone, GPS, IPs, hash prefixes
PC = {"en": lambda: R.choice(["SW1A 1AA", "M1 1AE", "EH1 2NG", "B33 8TH"]), "de": lambda: "%05d" % R.randint(1067, 99998), "fr": lambda: "%05d" % R.randint(1000, 95999),
 "es": lambda: "%05d" % R.randint(1000, 52999), "pt": lambda: "%05d-%03d" % (R.randint(1000, 99999), R.randint(0, 999)), "it": lambda: "%05d" % R.randint(10, 98168),
 "nl": lambda: "%04d %s" % (R.randint(1000, 9999), "".join(R.choice("ABCDEFGHJKLMNPRSTVWXZ") for _ in range(2))), "pl": lambda: "%02d-%03d" % (R.randint(0, 99), R.randint(0, 999)),
 "sv": lambda: "%03d %02d" % (R.randint(100, 999), R.randint(0, 99)), "tr": lambda: "%05d" % R.randint(1000, 81999), "el": lambda: "%03d %02d" % (R.randint(100, 851), R.randint(0, 99)),
 "cs": lambda: "%03d %02d" % (R.randint(100, 799), R.randint(0, 99)), "ro": lambda: "%06d" % R.randint(10000, 927999), "zh": lambda: "%06d" % R.randint(100000, 850000),
 "ja": lambda: "%03d-%04d" % (R.randint(1, 999), R.randint(0, 9999)), "ko": lambda: "%05d" % R.randint(1000, 63644)}
for i in range(16):
    lang = LANGS[i]
    rows = [[PC[lang](), R.choice(CITIES[lang]), str(R.randint(1, 900)), money(lang, 10, 90000)] for _ in range(R.randint(6, 12))]
    table_case("neg-postcode", "postcodes", lang, [L("postcode", lang), L("city", lang), L("qty", lang), L("total", lang)], rows)
for i in range(10):
    lang = "en"
    rows = [["%02d-%02d-%02d" % (R.randint(0, 99), R.randint(0, 99), R.randint(0, 99)), R.choice(["Barclays", "HSBC UK", "Lloyds", "NatWest", "Monzo"]), R.choice(["London", "Leeds", "Cardiff"])] for _ in range(R.randint(4, 9))]
    table_case("neg-sortcode", "sort-codes-alone", lang, ["Sort code", "Bank", "Branch"], rows)
for i in range(18):
    lang = LANGS[i % 16]; kind = ["gps", "ip", "hash"][i % 3]
    rows = []
    for _ in range(R.randint(5, 12)):
        if kind == "gps": rows.append([R.choice(CITIES[lang]), "%.6f" % R.uniform(-60, 70), "%.6f" % R.uniform(-120, 150), "%.1f" % R.uniform(0, 2500)])
        elif kind == "ip": rows.append(["%d.%d.%d.%d" % (R.choice([34, 52, 104, 151, 185, 203]), R.randint(0, 255), R.randint(0, 255), R.randint(1, 254)), str(R.randint(1, 65535)), str(R.randint(100, 9_999_999)), R.choice(["GET", "POST", "PUT"])])
        else: rows.append(["%07x" % R.getrandbits(28), day(), "%d files changed" % R.randint(1, 40), str(R.randint(1, 5000))])
    h = {"gps": [L("city", lang), "lat", "lon", "alt (m)"], "ip": ["client_ip", "port", "bytes", "method"], "hash": ["commit", L("date", lang), "stat", "+/-"]}[kind]
    table_case("neg-geoip", "gps-ip-hash", lang, h, rows, extra=["shape:" + kind])

# 8. company registration / VAT numbers (valid check digits, but companies)
for i in range(40):
    lang = LANGS[i % 16]
    if lang == "en" and i % 32 == 0: gen, hdr = abn, "ABN"
    elif lang == "en" and i % 32 == 16: gen, hdr = gstin, "GSTIN"
    elif lang == "es" and i % 32 == 3: gen, hdr = cuit_company, "CUIT"
    elif lang == "pl" and i >= 20: gen, hdr = regon, "REGON"
    else: gen, hdr = (lambda l=lang: company_id(l)), R.choice([L("regno", lang), L("vat", lang)])
    companies = ["Nordwind GmbH", "Atlas Logistics SA", "Baltic Tools Sp. z o.o.", "Kappa Srl", "Helios AB", "Orion A.Ş.", "Delta s.r.o.", "Sakura 株式会社", "华东贸易有限公司", "한빛상사(주)", "Vela BV", "Alfa SRL"]
    rows = [[R.choice(companies), gen(), R.choice(CITIES[lang]), money(lang, 100, 500000)] for _ in range(R.randint(4, 10))]
    table_case("neg-company", "company-id", lang, [L("company", lang), hdr, L("city", lang), L("total", lang)], rows, extra=["hdr:" + hdr])

# 9. tickers and ISINs
for i in range(12):
    lang = LANGS[i % 16]
    rows = []
    for _ in range(R.randint(5, 10)):
        cc = R.choice(["US", "DE", "FR", "GB", "NL", "SE", "PL", "JP", "KR", "CH"])
        rows.append([R.choice(["SAP", "ASML", "VOLV-B", "PKO", "7203", "005930", "AAPL", "NESN", "AIR", "ENI"]), isin(cc, rd(9, False)), money(lang, 1, 900), str(R.randint(1, 50000)), "%+.2f%%" % R.uniform(-5, 5)])
    table_case("neg-isin", "tickers-isin", lang, ["Ticker", "ISIN", L("price", lang), L("qty", lang), "Δ"], rows)

# 10. id-like headers over harmless values
for i in range(24):
    lang = LANGS[i % 16]; key = ["id", "no", "code"][i % 3]
    kind = R.choice(["rowid", "smallcode", "alnum", "uuid"])
    rows = []
    for k in range(R.randint(5, 12)):
        v = {"rowid": str(k + 1), "smallcode": "%04d" % R.randint(1, 9999), "alnum": "%s-%03d" % (R.choice(["A", "B", "K", "X"]), R.randint(1, 999)),
             "uuid": "%08x-%04x-4%03x-a%03x-%012x" % (R.getrandbits(32), R.getrandbits(16), R.getrandbits(12), R.getrandbits(12), R.getrandbits(48))}[kind]
        rows.append([v, R.choice(PRODUCTS[lang]), str(R.randint(1, 99)), R.choice(STATUS[lang])])
    table_case("neg-idhdr", "idlike-header", lang, [L(key, lang), L("product", lang), L("qty", lang), L("status", lang)], rows, extra=["shape:" + kind])

# 11. header names a national id, but cells masked / empty / n/a / placeholders
MASKS = [lambda v: "***.***.%s-**" % rd(3, False), lambda v: "XXXX", lambda v: "", lambda v: "n/a", lambda v: "—",
         lambda v: "•" * 7 + v[-4:] if len(v) > 4 else "****", lambda v: "<redacted>", lambda v: "[REDACTED]", lambda v: "000000000",
         lambda v: "X" * (len(v) - 3) + v[-3:], lambda v: "***-**-" + rd(4, False), lambda v: "null"]
for i in range(36):
    lang = LANGS[i % 16]; mk = MASKS[i % len(MASKS)]
    rows = []
    for _ in range(R.randint(4, 10)):
        raw = re.sub(r"\D", "", natid(lang)) or rd(9)
        rows.append([person(lang), mk(raw), R.choice(CITIES[lang]), day()])
    table_case("neg-masked", "masked-id", lang, [L("name", lang), NATID_LABEL[lang], L("city", lang), L("date", lang)], rows, extra=["mask:%d" % (i % len(MASKS))])

# 12. data-science outputs
def describe_text(cols):
    stats = ["count", "mean", "std", "min", "25%", "50%", "75%", "max"]
    out = ["       " + "  ".join("%16s" % c for c in cols)]
    for s in stats:
        vals = []
        for c in cols:
            if s == "count": vals.append("%16s" % ("%.6e" % R.randint(1000, 999999) if R.random() < .3 else "%.1f" % R.randint(1000, 999999)))
            else: vals.append("%16s" % ("%.6e" % R.uniform(1e6, 9e12) if R.random() < .4 else "%.2f" % R.uniform(0, 1e11)))
        out.append("%-6s " % s + "  ".join(vals))
    return "\n".join(out)
DSCOLS = {"en": ["order_id", "customer_id", "amount_cents", "ts_ms"], "de": ["bestell_nr", "kunden_nr", "betrag_cent", "zeit_ms"],
  "fr": ["num_commande", "num_client", "montant_cts", "horodatage"], "es": ["num_pedido", "id_cliente", "importe_cts", "ts_ms"],
  "pt": ["num_pedido", "cod_cliente", "valor_centavos", "ts_ms"], "it": ["num_ordine", "cod_cliente", "importo_cent", "ts_ms"],
  "nl": ["ordernr", "klantnr", "bedrag_cent", "ts_ms"], "pl": ["nr_zamowienia", "nr_klienta", "kwota_gr", "ts_ms"],
  "sv": ["ordernr", "kundnr", "belopp_ore", "ts_ms"], "tr": ["siparis_no", "musteri_no", "tutar_kurus", "ts_ms"],
  "el": ["αρ_παραγγελιας", "κωδ_πελατη", "ποσο_λεπτα", "ts_ms"], "cs": ["cislo_obj", "cislo_zak", "castka_hal", "ts_ms"],
  "ro": ["nr_comanda", "cod_client", "suma_bani", "ts_ms"], "zh": ["订单号", "客户编号", "金额_分", "时间戳"],
  "ja": ["注文番号", "顧客番号", "金額_銭", "時刻_ms"], "ko": ["주문번호", "고객번호", "금액", "ts_ms"]}
for i in range(32):
    lang = LANGS[i % 16]; kind = ["describe", "head", "corr", "value_counts", "groupby", "numpy", "info", "head"][i % 8]
    cols = DSCOLS[lang]
    if kind == "describe": text = describe_text(cols)
    elif kind == "head":
        rows = [[rd(R.choice([9, 10, 11])), rd(R.choice([7, 8, 11])), str(R.randint(100, 9_999_999)), str(R.randint(1_690_000_000_000, 1_730_000_000_000))] for _ in range(R.randint(5, 10))]
        text = f_pandas(cols, rows) + "\n\n[%d rows x 4 columns]" % R.randint(10000, 9999999)
    elif kind == "corr":
        text = "       " + "  ".join("%14s" % c for c in cols) + "\n" + "\n".join("%-6s " % c[:6] + "  ".join("%14.6f" % (1 if a == b else R.uniform(-1, 1)) for b in cols) for a, c in enumerate(cols))
    elif kind == "value_counts":
        text = cols[1] + "\n" + "\n".join("%s    %d" % (rd(R.choice([9, 10, 11])), R.randint(1, 500)) for _ in range(R.randint(6, 12))) + "\nName: count, dtype: int64"
    elif kind == "groupby":
        text = "%s  %s\n" % (L("city", lang), cols[2]) + "\n".join("%-12s %s" % (c, str(R.randint(10**8, 10**12))) for c in CITIES[lang]) + "\nName: %s, dtype: int64" % cols[2]
    elif kind == "numpy":
        arr = [str(R.randint(10**8, 10**11)) for _ in range(R.randint(8, 16))]
        text = "array([" + ",\n       ".join(", ".join(arr[j:j+4]) for j in range(0, len(arr), 4)) + "], dtype=int64)"
    else:
        text = "<class 'pandas.core.frame.DataFrame'>\nRangeIndex: %d entries, 0 to %d\nData columns (total 4 columns):\n #   Column  Non-Null Count  Dtype\n---  ------  --------------  -----\n" % (n := R.randint(10**5, 10**7), n - 1) + \
               "\n".join(" %d   %s  %d non-null  int64" % (j, c, n) for j, c in enumerate(cols)) + "\ndtypes: int64(4)\nmemory usage: %.1f MB" % (n * 32 / 1e6)
    add("neg-ds", text, lang, ["neg:datascience", "frame:" + kind], tool="python", tool_input={"code": "df.%s()" % kind})

# 13. ops output
def ops_text(kind):
    if kind == "kubectl-top":
        return "NAME                                CPU(cores)   MEMORY(bytes)\n" + "\n".join("%-35s %-12s %s" % ("%s-%s-%s" % (R.choice(["orders-api", "billing", "search", "ingest"]), "%x" % R.getrandbits(36), "".join(R.choice(string.ascii_lowercase + string.digits) for _ in range(5))), "%dm" % R.randint(1, 2000), "%dMi" % R.randint(20, 4000)) for _ in range(R.randint(4, 10)))
    if kind == "kubectl-pods":
        return "NAME                          READY   STATUS    RESTARTS   AGE   IP             NODE\n" + "\n".join("%-29s 1/1     Running   %-10d %dd   10.%d.%d.%d   ip-10-0-%d-%d.eu-west-1.compute.internal" % ("web-%x-%s" % (R.getrandbits(36), "".join(R.choice(string.ascii_lowercase) for _ in range(5))), R.randint(0, 9), R.randint(1, 90), R.randint(0, 255), R.randint(0, 255), R.randint(1, 254), R.randint(0, 255), R.randint(1, 254)) for _ in range(R.randint(3, 8)))
    if kind == "docker-stats":
        return "CONTAINER ID   NAME        CPU %     MEM USAGE / LIMIT     MEM %     NET I/O           BLOCK I/O         PIDS\n" + "\n".join("%012x   %-10s  %.2f%%     %dMiB / %.2fGiB   %.2f%%     %.1fMB / %.1fMB   %dMB / %dkB   %d" % (R.getrandbits(48), R.choice(["redis", "pg", "api", "worker"]), R.uniform(0, 200), R.randint(10, 3000), R.uniform(1, 16), R.uniform(0, 90), R.uniform(0, 900), R.uniform(0, 900), R.randint(0, 900), R.randint(0, 900), R.randint(1, 200)) for _ in range(R.randint(3, 8)))
    if kind == "ps-aux":
        return "USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n" + "\n".join("%-10s %6d %4.1f %4.1f %7d %6d ?        Ssl  %02d:%02d   %d:%02d %s" % (R.choice(["root", "postgres", "www-data", "dev"]), R.randint(1, 4194304), R.uniform(0, 99), R.uniform(0, 40), R.randint(10**5, 10**8), R.randint(10**3, 10**7), R.randint(0, 23), R.randint(0, 59), R.randint(0, 900), R.randint(0, 59), R.choice(["/usr/lib/postgresql/16/bin/postgres -D /var/lib/postgresql/16/main", "python -m uvicorn app:app --port 8000", "/usr/bin/dockerd -H fd://", "node dist/server.js"])) for _ in range(R.randint(5, 12)))
    if kind == "df-h":
        return "Filesystem      Size  Used Avail Use% Mounted on\n" + "\n".join("/dev/nvme0n1p%d  %dG  %dG  %dG  %d%% %s" % (j + 1, R.randint(10, 2000), R.randint(1, 900), R.randint(1, 900), R.randint(1, 99), R.choice(["/", "/home", "/var", "/data"])) for j in range(R.randint(3, 6)))
    if kind == "du":
        return "\n".join("%d\t./%s" % (R.randint(4, 10**9), R.choice(["node_modules", "data/raw", "data/processed", ".git", "build", "logs/2024"])) for _ in range(R.randint(5, 12)))
    if kind == "ls-li":
        return "total %d\n" % R.randint(100, 99999) + "\n".join("%d -rw-r--r-- 1 dev dev %11d %s %2d %02d:%02d %s" % (R.randint(10**8, 10**11), R.randint(0, 10**10), R.choice(["Jan", "Feb", "Mar", "Oct"]), R.randint(1, 28), R.randint(0, 23), R.randint(0, 59), R.choice(["sales_2024.parquet", "events.csv.gz", "model.ckpt", "report.xlsx", "dump.sql"])) for _ in range(R.randint(5, 12)))
    if kind == "git-log":
        out = []
        for _ in range(R.randint(2, 5)):
            out.append("commit %040x\nAuthor: %s <%s@users.noreply.github.com>\nDate:   Mon Mar %d 10:%02d:11 2024 +0100\n\n    %s\n\n %s | %d %s\n %d files changed, %d insertions(+), %d deletions(-)\n" % (
                R.getrandbits(160), R.choice(["mkowalski", "jdoe", "lena-b"]), R.choice(["%d+mkowalski" % R.randint(10**6, 10**8), "jdoe"]), R.randint(1, 28), R.randint(0, 59),
                R.choice(["fix: rounding in invoice totals", "feat: add EAN validation", "chore: bump deps"]), R.choice(["src/billing/totals.py", "lib/ean.ts"]), R.randint(1, 200), "+" * R.randint(1, 20), R.randint(1, 9), R.randint(1, 500), R.randint(1, 500)))
        return "\n".join(out)
    if kind == "ci-log":
        b = R.randint(1000, 99999)
        return "\n".join(["Build #%d started by timer" % b, "Run ID: %d" % R.randint(10**9, 10**11), "Job %d: checkout %040x" % (R.randint(10**9, 10**10), R.getrandbits(160)),
            "[%s] Downloaded 1,284 artifacts (%d bytes) in %d ms" % (day(), R.randint(10**6, 10**10), R.randint(100, 99999)),
            "Tests run: %d, Failures: 0, Errors: 0, Skipped: %d, Time elapsed: %.3f s" % (R.randint(100, 9000), R.randint(0, 50), R.uniform(1, 900)),
            "Uploading coverage for build %d to artifact store (id %d)" % (b, R.randint(10**10, 10**12)), "Finished: SUCCESS"])
    # benchmark
    return "Benchmark                          Mode  Cnt          Score         Error  Units\n" + "\n".join("%-34s thrpt   %d  %13.3f ± %11.3f  ops/s" % (R.choice(["JsonBench.parse", "Crc32.hash", "Regex.scan", "Ean.validate"]) + str(j), 25, R.uniform(1e5, 9e9), R.uniform(1, 1e6)) for j in range(R.randint(3, 8)))
OPS = ["kubectl-top", "kubectl-pods", "docker-stats", "ps-aux", "df-h", "du", "ls-li", "git-log", "ci-log", "benchmark"]
for i in range(30):
    kind = OPS[i % len(OPS)]; lang = R.choice(LANGS)
    add("neg-ops", ops_text(kind), lang, ["neg:ops-output", "frame:" + kind], tool="Bash", tool_input={"command": kind.replace("-", " ")})

# 14. numbered source / config / license / fixtures / TSV counters
CODE = [
 ("py", '"""Invoice totals."""\nfrom decimal import Decimal, ROUND_HALF_UP\n\nVAT_RATES = {"DE": Decimal("0.19"), "FR": Decimal("0.20"), "PL": Decimal("0.23")}\n\n\ndef total(lines, country):\n    net = sum(Decimal(l["qty"]) * Decimal(l["unit_price"]) for l in lines)\n    vat = (net * VAT_RATES[country]).quantize(Decimal("0.01"), ROUND_HALF_UP)\n    return net + vat\n\n\ndef ean13_ok(code: str) -> bool:\n    digits = [int(c) for c in code]\n    return sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits[:12])) % 10 == (10 - digits[12]) % 10\n'),
 ("go", 'package orders\n\nimport (\n\t"fmt"\n\t"time"\n)\n\ntype Order struct {\n\tID        int64     `json:"id"`\n\tNumber    string    `json:"number"`\n\tCreatedAt time.Time `json:"created_at"`\n\tTotalCents int64    `json:"total_cents"`\n}\n\nfunc (o Order) String() string {\n\treturn fmt.Sprintf("order %s (%d cents)", o.Number, o.TotalCents)\n}\n'),
 ("ts", 'export interface Shipment {\n  trackingNo: string;\n  weightKg: number;\n  postcode: string;\n}\n\nexport function volumetricWeight(l: number, w: number, h: number): number {\n  return Math.round((l * w * h) / 5000 * 100) / 100;\n}\n\nexport const CARRIERS = ["DHL", "UPS", "InPost", "PostNL"] as const;\n'),
 ("java", 'package com.example.inventory;\n\nimport java.util.List;\n\npublic final class StockLevel {\n    private final String sku;\n    private final int quantity;\n\n    public StockLevel(String sku, int quantity) {\n        this.sku = sku;\n        this.quantity = quantity;\n    }\n\n    public boolean belowReorderPoint(int threshold) {\n        return quantity < threshold;\n    }\n}\n'),
 ("sql", '-- monthly revenue per country\nSELECT c.country_code,\n       date_trunc(\'month\', o.created_at) AS month,\n       SUM(o.total_cents) / 100.0 AS revenue\nFROM orders o\nJOIN customers c ON c.id = o.customer_id\nWHERE o.status = \'paid\'\nGROUP BY 1, 2\nORDER BY 2 DESC, 3 DESC;\n'),
 ("yaml", 'server:\n  port: 8080\n  shutdown: graceful\nspring:\n  datasource:\n    url: jdbc:postgresql://localhost:5432/inventory\n    username: ${DB_USER}\n    password: ${DB_PASSWORD}\n  jpa:\n    hibernate:\n      ddl-auto: validate\nlogging:\n  level:\n    root: INFO\nfeatures:\n  ean-validation: true\n  max-batch-size: 500\n'),
 ("toml", '[package]\nname = "ean-check"\nversion = "0.4.2"\nedition = "2021"\nlicense = "MIT OR Apache-2.0"\n\n[dependencies]\nserde = { version = "1", features = ["derive"] }\nthiserror = "1.0"\n\n[profile.release]\nlto = true\ncodegen-units = 1\n'),
 ("env", '# local development defaults (no secrets here; see vault for real values)\nAPP_ENV=development\nPORT=3000\nLOG_LEVEL=debug\nDATABASE_HOST=localhost\nDATABASE_PORT=5432\nDATABASE_NAME=shop_dev\nREDIS_URL=redis://localhost:6379/0\nFEATURE_NEW_CHECKOUT=false\nSTRIPE_SECRET_KEY=\nSENTRY_DSN=\n'),
]
LICENSES = [
 "# Copyright (c) 2021 The Pallets Projects\n#\n# Permission is hereby granted, free of charge, to any person obtaining a copy\n# of this software and associated documentation files (the \"Software\"), to deal\n# in the Software without restriction, including without limitation the rights\n# to use, copy, modify, merge, publish, distribute, sublicense, and/or sell\n# copies of the Software, and to permit persons to whom the Software is\n# furnished to do so, subject to the following conditions:\n#\n# THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND.\n",
 "/*\n * Copyright 2015-2024 the original author or authors.\n *\n * Licensed under the Apache License, Version 2.0 (the \"License\");\n * you may not use this file except in compliance with the License.\n * You may obtain a copy of the License at\n *\n *      https://www.apache.org/licenses/LICENSE-2.0\n *\n * Unless required by applicable law or agreed to in writing, software\n * distributed under the License is distributed on an \"AS IS\" BASIS.\n */\n",
 "/* SPDX-License-Identifier: GPL-2.0-or-later\n *\n * Copyright (C) 2019 Free Software Foundation, Inc.\n *\n * This program is free software; you can redistribute it and/or modify\n * it under the terms of the GNU General Public License as published by\n * the Free Software Foundation; either version 2 of the License, or\n * (at your option) any later version.\n */\n",
 "// Copyright 2023 The Go Authors. All rights reserved.\n// Use of this source code is governed by a BSD-style\n// license that can be found in the LICENSE file.\n",
 "# SPDX-FileCopyrightText: 2022 KDE e.V.\n# SPDX-License-Identifier: LGPL-2.1-or-later\n",
]
FIXTURES = [
 'import pytest\n\n\n@pytest.fixture\ndef customer():\n    return {\n        "name": "Test User",\n        "email": "test.user@example.com",\n        "phone": "+1 555 0100",\n        "card": "XXXX-XXXX-XXXX-0000",\n        "api_key": "test-api-key-not-real",\n    }\n\n\ndef test_masking(customer):\n    assert mask(customer["card"]).endswith("0000")\n',
 'describe("checkout", () => {\n  const fakeUser = { id: 42, email: "jane@example.org", password: "password123" };\n  it("rejects empty cart", async () => {\n    await expect(checkout(fakeUser, [])).rejects.toThrow("EMPTY_CART");\n  });\n});\n',
 '{\n  "orders": [\n    {"id": 1, "number": "ORD-0001", "total_cents": 1999, "customer": "ACME Test"},\n    {"id": 2, "number": "ORD-0002", "total_cents": 4500, "customer": "Foo Bar"}\n  ],\n  "token": "dummy-token",\n  "password": "<set-in-ci>"\n}\n',
]
for i in range(36):
    lang = R.choice(LANGS); style = ["cc", "catn", "nl"][i % 3]
    kind = ["code", "code", "license", "fixture", "tsv-counter", "log"][i % 6]
    if kind == "code":
        ext, src = CODE[i % len(CODE)]; path = "src/app.%s" % ext
    elif kind == "license":
        lic = LICENSES[i % len(LICENSES)]; ext, src = CODE[(i // 6) % 5]; src = lic + "\n" + src; path = "vendor/lib.%s" % ext
    elif kind == "fixture":
        src = FIXTURES[i % len(FIXTURES)]; path = "tests/fixtures_%d.py" % i
    elif kind == "tsv-counter":
        src = "\n".join("%s\t%s\t%s\t%s" % (rd(R.choice([9, 11, 13])), R.choice(PRODUCTS[lang]), str(R.randint(1, 99)), money(lang)) for _ in range(R.randint(8, 20))); path = "data/export.tsv"
    else:
        src = "\n".join("%s %s [%s] request_id=%d order=%s duration_ms=%d status=200" % (day(), "%02d:%02d:%02d.%03d" % (R.randint(0, 23), R.randint(0, 59), R.randint(0, 59), R.randint(0, 999)), R.choice(["INFO", "DEBUG"]), R.randint(10**9, 10**12), rd(11), R.randint(1, 900)) for _ in range(R.randint(6, 14))); path = "logs/app.log"
    start = 1 if R.random() < .7 else R.randint(20, 400)
    txt = gutter(src.rstrip("\n"), "cc" if style == "cc" else "catn", start)
    ti = {"file_path": "/repo/" + path} if style == "cc" else {"command": ("cat -n " if style == "catn" else "nl -ba ") + path}
    add("neg-numbered", txt, lang, ["neg:numbered-" + kind, "frame:gutter-" + style], tool="Read" if style == "cc" else "Bash", tool_input=ti)

# 15. business / everyday documents
def doc_text(kind, lang):
    if kind == "invoice":
        lines = "\n".join("%d  %s  %s x %s = %s" % (k + 1, R.choice(PRODUCTS[lang]), R.randint(1, 50), money(lang, 1, 200), money(lang, 10, 5000)) for k in range(R.randint(3, 8)))
        return "%s: %s-%d/%s\n%s: %s\n%s: %s\n%s: %s\n\n%s\n\n%s: %s EUR" % (L("invoice", lang), R.choice(["FV", "INV", "RE", "FA"]), R.randint(1, 9999), "2024", L("date", lang), day(), L("customer", lang), rd(8), L("vat", lang), company_id(lang), lines, L("total", lang), money(lang, 100, 99999))
    if kind == "shipping":
        return "%s %s\n%s: %s\n%s: %s %s\n%s: %.1f\n%s: %s" % ("Lieferschein / Delivery note", rd(10), L("tracking", lang), R.choice(["00340434" + rd(12, False), rd(12)]), L("postcode", lang), PC[lang](), R.choice(CITIES[lang]), L("weight", lang), R.uniform(0.1, 900), L("order", lang), rd(11))
    if kind == "timetable":
        return "\n".join("%s %02d:%02d → %s %02d:%02d  Zug/Train %s %d  Gleis %d" % (R.choice(CITIES[lang]), R.randint(5, 22), R.randint(0, 59), R.choice(CITIES[lang]), R.randint(5, 23), R.randint(0, 59), R.choice(["ICE", "IC", "EC", "RE"]), R.randint(100, 9999), R.randint(1, 20)) for _ in range(R.randint(5, 10)))
    if kind == "sports":
        return "\n".join("%d. %s  %d  %d:%d  %d" % (k + 1, R.choice(["FC Nord", "Sporting", "Dynamo", "Olympia", "Galatasaray", "Ajax"]) + " " + str(R.randint(1, 99)), R.randint(10, 38), R.randint(10, 90), R.randint(10, 90), R.randint(10, 90)) for k in range(R.randint(8, 16)))
    if kind == "grades":
        h = [L("student", lang), L("name", lang), L("grade", lang)]
        return f_md(h, [[rd(R.choice([6, 7, 8, 9])), person(lang), str(R.choice([1, 2, 3, 4, 5, 6]))] for _ in range(R.randint(5, 12))])
    if kind == "pricelist":
        return f_csv([L("sku", lang), L("product", lang), L("price", lang)], [[ean13("400" + rd(9, False)), R.choice(PRODUCTS[lang]), money(lang)] for _ in range(R.randint(5, 12))], ";")
    if kind == "inventory":
        return f_psql([L("code", lang), L("product", lang), L("qty", lang), "Lager/Bin"], [[rd(10), R.choice(PRODUCTS[lang]), str(R.randint(0, 99999)), "%s-%02d-%02d" % (R.choice("ABCDE"), R.randint(1, 40), R.randint(1, 9))] for _ in range(R.randint(5, 12))])
    if kind == "lottery":
        return "\n".join("%s  %s  Superzahl %d  Spiel77 %s" % (day(), " ".join("%02d" % x for x in sorted(R.sample(range(1, 50), 6))), R.randint(0, 9), rd(7, False)) for _ in range(R.randint(5, 12)))
    # scientific
    return "sample_id\twavelength_nm\tabsorbance\tconc_mol_L\n" + "\n".join("S%05d\t%d\t%.5f\t%.6e" % (R.randint(1, 99999), R.randint(200, 900), R.uniform(0, 3), R.uniform(1e-9, 1e-2)) for _ in range(R.randint(6, 15)))
DOCS = ["invoice", "shipping", "timetable", "sports", "grades", "pricelist", "inventory", "lottery", "scientific"]
for i in range(36):
    kind = DOCS[i % len(DOCS)]; lang = LANGS[i % 16]
    extra = ["arguable"] if kind == "grades" else []
    add("neg-doc", doc_text(kind, lang), lang, ["neg:doc-" + kind, "frame:doc"] + extra, tool="read_file", tool_input={"path": "docs/%s.txt" % kind})

# 16. documentation with official specimen values
SPECIMENS = [
 ("en", "US Social Security numbers have the form AAA-GG-SSSS. The number 078-05-1120 is the famous Woolworth wallet specimen; the SSA never issues 000, 666 or 9xx area numbers, and 219-09-9999 appeared in a 1940 pamphlet."),
 ("en", "UK National Insurance numbers look like QQ 12 34 56 C. The prefix QQ is used only for specimens in HMRC guidance."),
 ("de", "Die steuerliche Identifikationsnummer ist 11-stellig; das BZSt-Beispiel lautet 86 095 742 719. Die Prüfziffer wird nach ISO 7064 MOD 11,10 berechnet. Muster-Personalausweis: Erika Mustermann, Ausweisnummer T22000129."),
 ("pl", "Numer PESEL składa się z 11 cyfr: RRMMDDPPPPK. Przykład z dokumentacji: 44051401359 (urodzony 14 maja 1944 r.). Cyfra kontrolna: wagi 1-3-7-9."),
 ("pt", "O CPF tem 11 dígitos (XXX.XXX.XXX-DV). Exemplo usado em documentação: 111.444.777-35. Os dois dígitos verificadores são calculados com módulo 11."),
 ("es", "El DNI consta de 8 cifras y una letra de control (resto de la división entre 23). Ejemplo del modelo oficial: 99999999R."),
 ("it", "Il codice fiscale ha 16 caratteri. Esempio: RSSMRA85T10A562S (Mario Rossi, nato il 10/12/1985 a Bagno di Romagna)."),
 ("nl", "Het BSN voldoet aan de elfproef. Voorbeeldnummer uit de documentatie: 111222333."),
 ("sv", "Skatteverkets testpersonnummer 19121212-1212 (Tolvan Tolvansson) används i exempel och tester."),
 ("zh", "居民身份证号码由18位组成。国家标准 GB 11643 的示例：11010519491231002X，最后一位为校验码（ISO 7064 MOD 11-2）。"),
 ("fr", "Le NIR comporte 13 chiffres plus une clé de 2 chiffres (97 - NIR mod 97). Exemple de la documentation : 2 69 05 49 588 157 80."),
 ("tr", "T.C. Kimlik numarası 11 hanelidir; ilk hane 0 olamaz. Örnek (dokümantasyon): 10000000146."),
 ("ro", "CNP-ul are 13 cifre: S AA LL ZZ JJ NNN C. Exemplu din documentație: 1800101221144."),
 ("en", "Test card numbers: 4111 1111 1111 1111 (Visa), 5555 5555 5555 4444 (Mastercard), 3782 822463 10005 (Amex). Use any future expiry date and any CVC."),
 ("en", "Example IBANs from the ECB/SWIFT registry: DE89 3704 0044 0532 0130 00, GB29 NWBK 6016 1331 9268 19, FR14 2004 1010 0505 0001 3M02 606."),
 ("ko", "주민등록번호는 YYMMDD-SXXXXXC 형식입니다. 예시: 000000-0000000 (문서용 자리표시자)."),
 ("ja", "マイナンバーは12桁で、最後の1桁が検査用数字です。文書例：1234 5678 9018（サンプル）。"),
 ("cs", "Rodné číslo má tvar RRMMDD/XXXX a je dělitelné 11. Vzorový příklad: 736028/5163."),
 ("el", "Ο ΑΜΚΑ αποτελείται από 11 ψηφία (ΗΗΜΜΕΕ + 5 ψηφία). Παράδειγμα τεκμηρίωσης: 01013099997."),
 ("en", "AWS documentation uses the example access key AKIAIOSFODNN7EXAMPLE and secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY."),
]
for i in range(38):
    lang, txt = SPECIMENS[i % len(SPECIMENS)]
    frame = ["doc", "gutter-cc"][i // len(SPECIMENS) % 2]
    body = txt if frame == "doc" else gutter("# Format reference\n\n" + txt.replace(". ", ".\n"), "cc")
    add("neg-specimen", body, lang, ["neg:specimen", "frame:" + frame], tool="Read" if frame == "gutter-cc" else "web_fetch", tool_input={"file_path": "/repo/docs/id-formats.md"} if frame == "gutter-cc" else {"url": "https://example.org/docs/id-formats"})

# ================================================================ POSITIVES
for i in range(64):  # national ids under local header
    lang = LANGS[i % 16]; frame = R.choice(ALLFRAMES)
    rows = [[person(lang), natid(lang), R.choice(CITIES[lang]), day()] for _ in range(R.randint(3, 8))]
    t, ti = tool_for(frame)
    add("pos-natid", render_table([L("name", lang), NATID_LABEL[lang], L("city", lang), L("date", lang)], rows, frame), lang,
        ["kind:natid-table", "frame:" + frame, "id:" + NATID_LABEL[lang]], expect={"categories": ["pii"]}, tool=t, tool_input=ti)
BBAN = {"de": lambda: rd(8) + rd(10, False), "fr": lambda: rd(10, False) + rd(11, False) + rd(2, False), "es": lambda: rd(20, False), "nl": lambda: R.choice(["ABNA", "INGB", "RABO"]) + rd(10, False),
        "pl": lambda: rd(24, False), "pt": lambda: rd(21, False), "it": lambda: R.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") + rd(10, False) + rd(12, False),
        "sv": lambda: rd(20, False), "tr": lambda: rd(5, False) + "0" + rd(16, False), "el": lambda: rd(23, False), "cs": lambda: rd(20, False),
        "ro": lambda: R.choice(["BTRL", "RNCB", "INGB"]) + rd(16, False), "en": lambda: R.choice(["NWBK", "BARC", "HBUK"]) + rd(6, False) + rd(8, False)}
CCODE = {"de": "DE", "fr": "FR", "es": "ES", "nl": "NL", "pl": "PL", "pt": "PT", "it": "IT", "sv": "SE", "tr": "TR", "el": "GR", "cs": "CZ", "ro": "RO", "en": "GB"}
for i in range(26):
    lang = list(BBAN)[i % len(BBAN)]; frame = R.choice(ALLFRAMES)
    rows = [[person(lang), group4(iban(CCODE[lang], BBAN[lang]())), money(lang, 10, 90000), day()] for _ in range(R.randint(3, 8))]
    assert all(iban_ok(r[1]) for r in rows)
    t, ti = tool_for(frame)
    add("pos-iban", render_table([L("holder", lang), "IBAN", L("amount", lang), L("date", lang)], rows, frame), lang,
        ["kind:iban-table", "frame:" + frame], expect={"categories": ["financial"]}, tool=t, tool_input=ti)
for i in range(16):
    lang = LANGS[i % 16]; frame = R.choice(ALLFRAMES); rows = []
    for _ in range(R.randint(3, 7)):
        pre = R.choice(["4" + rd(5, False), "5" + str(R.randint(1, 5)) + rd(4, False), "37" + rd(4, False)])
        n = 15 if pre.startswith("37") else 16
        b = pre + rd(n - 1 - len(pre), False); c = b + luhn_digit(b)
        rows.append([person(lang), " ".join(c[j:j+4] for j in range(0, len(c), 4)), "%02d/%02d" % (R.randint(1, 12), R.randint(26, 30)), money(lang)])
    t, ti = tool_for(frame)
    add("pos-card", render_table([L("holder", lang), L("card", lang), "Exp", L("amount", lang)], rows, frame), lang,
        ["kind:card-table", "frame:" + frame], expect={"categories": ["financial"]}, tool=t, tool_input=ti)
A62 = string.ascii_letters + string.digits
def rs(n, al=A62): return "".join(R.choice(al) for _ in range(n))
for i in range(16):
    lang = R.choice(LANGS); style = ["cc", "catn", "nl"][i % 3]
    secret = [("STRIPE_SECRET_KEY", "sk_live_" + rs(24)), ("DATABASE_URL", "postgres://orders_app:%s@db-prod.acme-corp.net:5432/orders" % rs(14)),
              ("AWS_SECRET_ACCESS_KEY", rs(40, A62 + "/+")), ("GITHUB_TOKEN", "ghp_" + rs(36)), ("SLACK_BOT_TOKEN", "xoxb-%d-%d-%s" % (R.randint(10**10, 10**11), R.randint(10**12, 10**13), rs(24))),
              ("OPENAI_API_KEY", "sk-proj-" + rs(48, A62 + "-_")), ("SENDGRID_API_KEY", "SG." + rs(22) + "." + rs(43)), ("MONGO_URI", "mongodb+srv://svc:%s@cluster0.ab1cd.mongodb.net/shop" % rs(16))][i % 8]
    pre = "APP_ENV=production\nPORT=8080\nLOG_LEVEL=info\n"
    if secret[0] == "AWS_SECRET_ACCESS_KEY": pre += "AWS_ACCESS_KEY_ID=AKIA%s\n" % rs(16, string.ascii_uppercase + "234567")
    src = pre + "%s=%s\nFEATURE_FLAGS=checkout_v2,ean_check\n" % secret
    txt = gutter(src.rstrip("\n"), "cc" if style == "cc" else "catn")
    add("pos-envsecret", txt, lang, ["kind:numbered-env-secret", "frame:gutter-" + style, "secret:" + secret[0]], expect={"categories": ["credential"]},
        tool="Read" if style == "cc" else "Bash", tool_input={"file_path": "/srv/app/.env"} if style == "cc" else {"command": "cat -n .env"})
for i in range(16):
    lang = R.choice(LANGS); style = ["cc", "catn", "nl"][i % 3]
    marker = ["// CONFIDENTIAL - Acme internal", "# CONFIDENTIAL - Acme Corp internal use only", "/* Copyright (c) 2024 Acme Corp. All rights reserved. Proprietary and confidential. */",
              "// INTERNAL USE ONLY - Acme Logistics GmbH - do not distribute"][i % 4]
    ext, src = CODE[i % 5]
    txt = gutter(marker + "\n" + src.rstrip("\n"), "cc" if style == "cc" else "catn")
    add("pos-confidential", txt, lang, ["kind:numbered-confidential", "frame:gutter-" + style], expect={"categories": ["source-code"]},
        tool="Read" if style == "cc" else "Bash", tool_input={"file_path": "/repo/src/core.%s" % ext} if style == "cc" else {"command": "cat -n src/core.%s" % ext})

# positives: secret embedded in a config file among noise (yaml) and a CSV row of natids inside a bigger numbers table
for i in range(8):
    lang = LANGS[(i * 3) % 16]
    h = [L("order", lang), L("name", lang), NATID_LABEL[lang], L("total", lang)]
    rows = [[rd(11), person(lang), natid(lang), money(lang)] for _ in range(R.randint(4, 9))]
    frame = R.choice(ALLFRAMES); t, ti = tool_for(frame)
    add("pos-natid-mixed", render_table(h, rows, frame), lang, ["kind:natid-among-orders", "frame:" + frame], expect={"categories": ["pii"]}, tool=t, tool_input=ti)


# ================================================================ ROUND 2: header-context traps
# 17. headers that NAME a personal id but the values are company ids (mixed CPF/CNPJ, CF/P.IVA, Vergi Kimlik, NIF/CIF, RSIN, CUI/CNP)
def rsin():
    return bsn()  # RSIN of a legal entity uses the same 11-proof as the BSN
def sv_orgnr():
    b = "55" + str(R.randint(2, 9)) + rd(6, False)  # org.nr: third digit >= 2 (month >= 20), Luhn
    return b[:6] + "-" + b[6:] + luhn_digit(b)
def vkn():  # Turkish company tax number (Vergi Kimlik No), 10 digits
    d = [int(c) for c in rd(9, False)]; t = 0
    for i, x in enumerate(d):
        tmp = (x + 9 - i) % 10
        v = (tmp * 2 ** (9 - i)) % 9
        if tmp != 0 and v == 0: v = 9
        t += v
    return "".join(map(str, d)) + str((10 - t % 10) % 10)
MIXHDR = [("pt", "CPF/CNPJ", cnpj), ("it", "Codice fiscale / P.IVA", it_piva), ("tr", "Vergi Kimlik No", vkn), ("es", "NIF/CIF", lambda: R.choice("ABG") + rd(8, False)),
          ("nl", "RSIN / fiscaal nummer", rsin), ("ro", "CUI/CNP", lambda: rd(8)), ("sv", "Personnummer/Org.nr", sv_orgnr), ("pl", "PESEL/NIP", lambda: fmt_nip(nip())),
          ("el", "ΑΦΜ", lambda: "0" + rd(8)), ("ko", "사업자등록번호", lambda: "%s-%s-%s" % (rd(3), rd(2), rd(5, False))), ("ja", "法人番号", houjin), ("zh", "统一社会信用代码/身份证号", uscc)]
for i in range(36):
    lang, hdr, gen = MIXHDR[i % len(MIXHDR)]
    companies = ["Nordwind Ltda.", "Kappa S.r.l.", "Orion Lojistik A.Ş.", "Vela B.V.", "Alfa SRL", "Helios AB", "Baltic Sp. z o.o.", "Delta AE", "한빛상사(주)", "株式会社さくら", "华东贸易有限公司", "Atlas S.L."]
    rows = [[R.choice(companies), gen(), R.choice(CITIES[lang]), money(lang, 100, 900000)] for _ in range(R.randint(4, 9))]
    table_case("neg-mixhdr", "personal-header-company-values", lang, [L("company", lang), hdr, L("city", lang), L("total", lang)], rows, extra=["hdr:" + hdr])

# 18. header contains an id word but is another number: Personalnummer (employee no.), 会員番号, 社員番号, Ürün Kimlik No, Kundenkennung
HDR2 = [("de", "Personalnummer", lambda: rd(6)), ("de", "Personal-Nr.", lambda: rd(8)), ("ja", "会員番号", lambda: rd(12)), ("ja", "社員番号", lambda: rd(7)),
        ("tr", "Ürün Kimlik No", lambda: rd(11)), ("sv", "Personalnummer", lambda: rd(5)), ("pl", "Numer identyfikacyjny produktu", lambda: rd(11)),
        ("zh", "会员编号", lambda: rd(18)), ("ko", "회원번호", lambda: rd(13)), ("es", "Número de identificación del pedido", lambda: rd(8)),
        ("fr", "Identifiant client", lambda: rd(13)), ("cs", "Identifikační číslo zakázky", lambda: rd(10)), ("it", "Codice identificativo ordine", lambda: rd(11)),
        ("en", "Member ID", lambda: rd(9)), ("en", "Employee No", lambda: rd(6)), ("nl", "Burgerservicenummer gecontroleerd", lambda: R.choice(["ja", "nee"]))]
for i in range(32):
    lang, hdr, gen = HDR2[i % len(HDR2)]
    rows = [[gen(), R.choice(PRODUCTS[lang]), str(R.randint(1, 99)), day()] for _ in range(R.randint(5, 10))]
    table_case("neg-idword", "idword-header-other-number", lang, [hdr, L("product", lang), L("qty", lang), L("date", lang)], rows, extra=["hdr:" + hdr])

# 19. national-id header in one column, id-shaped business numbers in another (header bleed), and id column holding yes/no flags
for i in range(32):
    lang = LANGS[i % 16]
    h = [L("order", lang), NATID_LABEL[lang] + R.choice([" ✓", " (verified)", "?"]), L("total", lang), L("status", lang)]
    rows = [[R.choice([rd(11), rd(9), rd(12), rd(13)]), R.choice(["yes", "no", "✓", "✗", "ok", "—"]), money(lang), R.choice(STATUS[lang])] for _ in range(R.randint(5, 10))]
    table_case("neg-bleed", "header-bleed", lang, h, rows)

# 20. date-prefixed order numbers shaped like RRN / rodné číslo / PESEL / personnummer / CNP; 18-digit Taobao-style orders
def dated_order(lang):
    y, m, d = R.randint(20, 24), R.randint(1, 12), R.randint(1, 28)
    if lang == "ko": return "%02d%02d%02d-%d%06d" % (y, m, d, R.randint(1, 4), R.randint(0, 999999))
    if lang == "cs": return "%02d%02d%02d/%04d" % (y, m, d, R.randint(0, 9999))
    if lang == "sv": return "%02d%02d%02d-%04d" % (y, m, d, R.randint(0, 9999))
    if lang == "ro": return "%d%02d%02d%02d%06d" % (R.choice([5, 6]), y, m, d, R.randint(0, 999999))
    if lang == "zh": return "%04d%02d%02d%010d" % (2000 + y, m, d, R.randint(0, 9999999999))
    if lang == "ja": return "%03d-%07d-%07d" % (R.randint(249, 503), R.randint(0, 9999999), R.randint(0, 9999999))
    return "%02d%02d%02d%05d" % (y, m, d, R.randint(0, 99999))
for i in range(32):
    lang = ["ko", "cs", "sv", "ro", "zh", "ja", "pl", "tr"][i % 8]
    rows = [[dated_order(lang), R.choice(PRODUCTS[lang]), money(lang), R.choice(STATUS[lang])] for _ in range(R.randint(6, 14))]
    table_case("neg-datedorder", "date-prefixed-order", lang, [L("order", lang), L("product", lang), L("total", lang), L("status", lang)], rows)

# 21. FinOps / accounting: "Account"/"Konto" columns holding AWS account ids and general-ledger accounts
for i in range(16):
    lang = LANGS[i % 16]
    if i % 2 == 0:
        rows = [[rd(12, False), R.choice(["prod-eu", "staging", "data-lake", "sandbox"]), R.choice(["AmazonEC2", "AmazonS3", "AmazonRDS"]), "%.2f" % R.uniform(1, 90000)] for _ in range(R.randint(5, 10))]
        table_case("neg-finops", "cloud-account-ids", lang, [L("account", lang), "Alias", "Service", "Cost (USD)"], rows)
    else:
        rows = [[str(R.choice([1200, 1400, 1600, 1800, 4400, 4980, 8400, 70000, 1576, 3806])), R.choice(["Forderungen", "Bank", "Umsatzerlöse 19%", "Vorsteuer", "Kasse"]), money(lang, 0, 999999), money(lang, 0, 999999)] for _ in range(R.randint(5, 10))]
        table_case("neg-finops", "gl-accounts", lang, [L("account", lang), "Bezeichnung", "Soll", "Haben"], rows)

# 22. invoice footers with the seller's own bank details / company contact (arguable: business IBAN)
for i in range(16):
    lang = list(BBAN)[i % len(BBAN)]
    foot = "%s · %s · %s: %s · %s: %s\nIBAN %s · BIC %s · %s" % (R.choice(["Nordwind GmbH", "Kappa S.r.l.", "Vela B.V.", "Baltic Sp. z o.o."]), R.choice(CITIES[lang]), L("vat", lang), company_id(lang), L("phone", lang), PHONEFMT[lang](),
        group4(iban(CCODE[lang], BBAN[lang]())), R.choice(["COBADEFFXXX", "INGBNL2A", "BPKOPLPW", "BNPAFRPP"]), "info@nordwind-example.com")
    add("neg-invfooter", doc_text("invoice", lang) + "\n\n" + foot, lang, ["neg:invoice-footer-iban", "frame:doc", "arguable"], tool="read_file", tool_input={"path": "invoices/INV-%d.txt" % i})

# 23. shared mailboxes / supplier master data with generic e-mails; livestock & pets registries with birth dates
for i in range(16):
    lang = LANGS[i % 16]
    rows = [[R.choice(["Nordwind", "Kappa", "Vela", "Orion", "Atlas", "Helios"]) + " " + R.choice(["GmbH", "Srl", "BV", "AB"]), R.choice(["info", "sales", "orders", "support", "invoices"]) + "@" + R.choice(["nordwind", "kappa-srl", "vela", "orion-log", "atlas-tools"]) + ".example", R.choice(CITIES[lang]), PHONEFMT[lang]()] for _ in range(R.randint(5, 10))]
    table_case("neg-supplier", "supplier-generic-email", lang, [L("company", lang), "E-Mail", L("city", lang), L("phone", lang)], rows)
BIRTH = {"en": "Date of birth", "de": "Geburtsdatum", "fr": "Date de naissance", "es": "Fecha de nacimiento", "pt": "Data de nascimento", "it": "Data di nascita", "nl": "Geboortedatum", "pl": "Data urodzenia"}
for i in range(16):
    lang = list(BIRTH)[i % len(BIRTH)]
    rows = [[R.choice(["DE", "FR", "NL", "PL", "IT", "ES"]) + " " + rd(10, False), R.choice(["Holstein", "Fleckvieh", "Charolais", "Limousin", "Labrador", "Maine Coon"]), "%02d.%02d.%d" % (R.randint(1, 28), R.randint(1, 12), R.randint(2015, 2024)), "%d kg" % R.randint(3, 900)] for _ in range(R.randint(5, 10))]
    table_case("neg-animals", "animal-registry-birthdates", lang, [R.choice(["Ear tag", "Ohrmarke", "Chip", "Transponder"]), "Breed/Rasse", BIRTH[lang], L("weight", "en")], rows)

# 24. credential-shaped but harmless tables: kubectl get secrets, docker images digests, gh secret list, KMS key ids
def cred_noise(k):
    if k == "get-secrets":
        return "NAME                     TYPE                                  DATA   AGE\n" + "\n".join("%-24s %-37s %-6d %dd" % (n, t, R.randint(1, 6), R.randint(1, 400)) for n, t in [("db-credentials", "Opaque"), ("stripe-api-key", "Opaque"), ("tls-orders", "kubernetes.io/tls"), ("regcred", "kubernetes.io/dockerconfigjson"), ("default-token-%s" % rs(5, string.ascii_lowercase), "kubernetes.io/service-account-token")])
    if k == "images":
        return "REPOSITORY          TAG       DIGEST                                                                    IMAGE ID       SIZE\n" + "\n".join("%-19s %-9s sha256:%064x   %012x   %dMB" % (R.choice(["orders-api", "postgres", "redis", "nginx"]), R.choice(["1.4.2", "16", "7.2", "latest"]), R.getrandbits(256), R.getrandbits(48), R.randint(20, 900)) for _ in range(R.randint(3, 7)))
    if k == "gh-secrets":
        return "NAME                    UPDATED\n" + "\n".join("%-23s about %d days ago" % (n, R.randint(1, 90)) for n in ["AWS_SECRET_ACCESS_KEY", "STRIPE_SECRET_KEY", "DATABASE_URL", "NPM_TOKEN", "SLACK_WEBHOOK"])
    if k == "describe-secret":
        return "Name:         db-credentials\nNamespace:    orders\nType:  Opaque\n\nData\n====\npassword:  %d bytes\nusername:  %d bytes\nhost:      %d bytes" % (R.randint(16, 40), R.randint(4, 12), R.randint(10, 40))
    if k == "kms":
        return "KeyId                                 Alias                 KeyState  Rotation\n" + "\n".join("%08x-%04x-%04x-%04x-%012x  alias/%-14s Enabled   %s" % (R.getrandbits(32), R.getrandbits(16), R.getrandbits(16), R.getrandbits(16), R.getrandbits(48), R.choice(["orders", "s3-data", "rds", "backup"]), R.choice(["true", "false"])) for _ in range(R.randint(3, 6)))
    return "KEY                 VALUE\n" + "\n".join("%-19s %s" % (k2, v) for k2, v in [("APP_ENV", "production"), ("BUILD_SHA", "%040x" % R.getrandbits(160)), ("CACHE_KEY", "%032x" % R.getrandbits(128)), ("REQUEST_ID", "%08x-%04x-%04x-%04x-%012x" % tuple(R.getrandbits(b) for b in (32, 16, 16, 16, 48))), ("CHECKSUM_SHA256", "%064x" % R.getrandbits(256))])
for i in range(18):
    k = ["get-secrets", "images", "gh-secrets", "describe-secret", "kms", "env-hashes"][i % 6]
    add("neg-credtable", cred_noise(k), R.choice(LANGS), ["neg:credential-shaped-table", "frame:" + k], tool="Bash", tool_input={"command": k})

# 25. source-code markers in ordinary contexts: OSS corporate copyright headers, classification enums, NDA templates
OSSHDR = ["// Copyright (c) Microsoft Corporation. All rights reserved.\n// Licensed under the MIT License.\n",
          "/*\n * Copyright (C) 2009 The Android Open Source Project\n *\n * Licensed under the Apache License, Version 2.0 (the \"License\");\n */\n",
          "# Copyright 2024 Google LLC\n#\n# Licensed under the Apache License, Version 2.0 (the \"License\");\n# you may not use this file except in compliance with the License.\n",
          "// Copyright (c) Meta Platforms, Inc. and affiliates.\n//\n// This source code is licensed under the MIT license found in the\n// LICENSE file in the root directory of this source tree.\n",
          "/* Copyright (c) 2018 Oracle and/or its affiliates. All rights reserved.\n * DO NOT ALTER OR REMOVE COPYRIGHT NOTICES OR THIS FILE HEADER.\n * This code is free software; you can redistribute it and/or modify it\n * under the terms of the GNU General Public License version 2 only.\n */\n"]
CLASSIF = ['from enum import Enum\n\n\nclass Sensitivity(str, Enum):\n    PUBLIC = "public"\n    INTERNAL = "internal"\n    CONFIDENTIAL = "confidential"\n    STRICTLY_CONFIDENTIAL = "strictly_confidential"\n\n\ndef banner(level: Sensitivity) -> str:\n    return f"// {level.value.upper()} - do not distribute" if level != Sensitivity.PUBLIC else ""\n',
           '# Vorlage: Geheimhaltungsvereinbarung (NDA)\n\n§ 1 Vertrauliche Informationen\nAls "vertraulich" gelten alle Informationen, die als CONFIDENTIAL gekennzeichnet sind.\n\n§ 2 Pflichten\nDer Empfänger behandelt vertrauliche Informationen mit der Sorgfalt eines ordentlichen Kaufmanns.\n',
           'const LABELS = {\n  confidential: "Confidential - internal use only",\n  public: "Public",\n};\n\nexport function labelFor(doc: { sensitivity: keyof typeof LABELS }) {\n  return LABELS[doc.sensitivity];\n}\n']
for i in range(30):
    style = ["cc", "catn"][i % 2]
    src = (OSSHDR[i % len(OSSHDR)] + "\n" + CODE[i % 5][1]) if i < 20 else CLASSIF[i % len(CLASSIF)]
    add("neg-srcmarker", gutter(src.rstrip("\n"), style), R.choice(LANGS), ["neg:source-marker-context", "frame:gutter-" + style] + (["sub:oss-corporate-copyright"] if i < 20 else ["sub:classification-code"]),
        tool="Read" if style == "cc" else "Bash", tool_input={"file_path": "/repo/src/x"} if style == "cc" else {"command": "cat -n src/x"})

# 26. placeholder ids under id headers (all zeros, 12345678901, documented fakes)
PLACE = {"pl": ["00000000000", "12345678901", "99999999999"], "tr": ["11111111111", "12345678901", "00000000000"], "pt": ["000.000.000-00", "123.456.789-09", "111.111.111-11"],
         "en": ["000-00-0000", "999-99-9999", "XXX-XX-XXXX"], "nl": ["000000000", "123456782", "999999990"], "de": ["00000000000", "12345678901", "—"],
         "ja": ["000000000000", "123456789012", "未登録"], "zh": ["000000000000000000", "110101199001011234", "未填写"]}
for i in range(24):
    lang = list(PLACE)[i % len(PLACE)]
    rows = [["Test " + str(k + 1), R.choice(PLACE[lang]), "sandbox", day()] for k in range(R.randint(3, 7))]
    table_case("neg-placeholder", "placeholder-id", lang, [L("name", lang), NATID_LABEL[lang], "env", L("date", lang)], rows)

# 27. pandas metadata of id columns (info / isna / dtypes) and numbered CSV whose gutter abuts numbers
for i in range(16):
    lang = LANGS[i % 16]; col = {"pl": "pesel", "tr": "tc_kimlik_no", "pt": "cpf", "nl": "bsn", "en": "ssn", "zh": "身份证号", "ja": "マイナンバー", "ko": "주민등록번호"}.get(lang, "national_id")
    n = R.randint(10**5, 10**7)
    text = R.choice([
        "<class 'pandas.core.frame.DataFrame'>\nRangeIndex: %d entries, 0 to %d\nData columns (total 3 columns):\n #   Column        Non-Null Count    Dtype\n---  ------        --------------    -----\n 0   %s   %d non-null  int64\n 1   order_total   %d non-null  float64\n 2   created_ms    %d non-null  int64\ndtypes: float64(1), int64(2)\nmemory usage: %.1f MB" % (n, n - 1, col, n - R.randint(0, 999), n, n, n * 24 / 1e6),
        "%s            %d\norder_total     0\ncreated_ms      0\ndtype: int64" % (col, R.randint(0, 99999)),
        "%s_valid\nTrue     %d\nFalse    %d\nName: count, dtype: int64" % (col, R.randint(10**6, 10**8), R.randint(1, 10**5)),
        "%s    object\norder_id       int64\namount_cents   int64\nts_ms          int64\ndtype: object\nlen(df) = %d" % (col, n)])
    add("neg-dsmeta", text, lang, ["neg:datascience-id-metadata", "frame:pandas-meta"], tool="python", tool_input={"code": "df.info()"})
for i in range(16):
    lang = LANGS[i % 16]; start = R.randint(40000, 990000)
    src = "\n".join("%s,%s,%s" % (rd(7), rd(4, False), money("en")) for _ in range(R.randint(6, 12)))
    add("neg-gutterabut", gutter(src, ["cc", "catn"][i % 2], start), lang, ["neg:gutter-abutting-numbers", "frame:gutter-" + ["cc", "catn"][i % 2]], tool="Read", tool_input={"file_path": "/data/big.csv", "offset": start})

# ---- round-2 positives in the same shapes (recall check)
for i in range(12):
    lang = ["pt", "it", "tr", "es", "nl", "ro", "sv", "pl", "el", "ko", "ja", "zh"][i]
    hdr = {"pt": "CPF/CNPJ", "it": "Codice fiscale / P.IVA", "tr": "TC Kimlik No", "es": "NIF/CIF", "nl": "BSN", "ro": "CUI/CNP", "sv": "Personnummer/Org.nr", "pl": "PESEL/NIP", "el": "ΑΜΚΑ", "ko": "주민등록번호", "ja": "マイナンバー", "zh": "统一社会信用代码/身份证号"}[lang]
    rows = [[person(lang), natid(lang), R.choice(CITIES[lang]), money(lang)] for _ in range(R.randint(3, 7))]
    frame = R.choice(ALLFRAMES); t, ti = tool_for(frame)
    add("pos-mixhdr", render_table([L("name", lang), hdr, L("city", lang), L("total", lang)], rows, frame), lang, ["kind:natid-mixed-header", "frame:" + frame], expect={"categories": ["pii"]}, tool=t, tool_input=ti)

with open(OUT, "w", encoding="utf-8") as f:
    for c in CASES: f.write(json.dumps(c, ensure_ascii=False) + "\n")
neg = sum(1 for c in CASES if not c["expect"]); print("cases", len(CASES), "negatives", neg, "positives", len(CASES) - neg)
