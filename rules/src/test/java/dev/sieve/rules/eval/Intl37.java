package dev.sieve.rules.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Family {@code intl37}: the international identifiers the blind round {@code rt37-intl} found without a rule or
 * without their check, with hard negatives.
 * <ul>
 *   <li>Positives ({@code intl37:<kind>}): Swiss AHV/AVS numbers, Austrian SV-Nummern, Czech and Slovak rodná čísla,
 *       Greek AMKA, Romanian CNP, Portuguese NIF of people and Argentine CUIL/CUIT of people next to their local or
 *       English name, in a label, a sentence, JSON and a table; individuals' Indian PANs; Turkish Troy cards.</li>
 *   <li>Negatives ({@code neg:intl37}, {@code neg:<kind>}): each with a wrong check digit next to its name
 *       ({@code bad-check}); a number of the same shape next to the name that is something else, an order, an EAN, a
 *       phone number, an impossible date, a rodné číslo from before 1954 ({@code lookalike}); public business ids:
 *       Portuguese NIPC, Argentine company CUIT (30, 33, 34), companies', firms', HUFs' and trusts' PANs
 *       ({@code company-id}); a 9792 number failing Luhn and a 9793 one ({@code troy-lookalike}).</li>
 * </ul>
 * Check digits are computed here from the published algorithms. Written with the rules, so not held out.
 */
final class Intl37 {

    static final long SEED = 20_261_237L;
    static final String FAMILY = "intl37";

    private static final List<String> TEXT_CONTAINERS = List.of("text", "json-anthropic", "json-anthropic-tool",
            "json-openai-chat", "json-gemini");
    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private final List<HardCorpus.Out> out = new ArrayList<>();
    private final Rng r;
    private int turn;

    private Intl37(Rng r) {
        this.r = r;
    }

    /** Every case of the family. */
    static List<HardCorpus.Out> cases(Rng r) {
        Intl37 c = new Intl37(r);
        c.positives();
        c.negatives();
        return c.out;
    }

    private void positives() {
        add("ch-ahv", "pii.ch-ahv", "AHV-Nr.: " + dotted(ahv()));
        add("ch-ahv", "pii.ch-ahv", "{\"mitarbeiter\": \"Anna Keller\", \"ahv_nummer\": \"" + ahv() + "\"}");
        add("ch-ahv", "pii.ch-ahv", "Bonjour, mon numéro AVS est le " + dotted(ahv()) + ", merci de corriger la fiche.");
        add("ch-ahv", "pii.ch-ahv", "Swiss social security number (AHV): " + ahv());
        add("ch-ahv", "pii.ch-ahv", "Name;Vorname;AHV-Nr\nKeller;Anna;" + dotted(ahv()) + "\nMüller;Jan;" + ahv() + "\n");

        add("at-sv-nummer", "pii.at-sv-nummer", "SV-Nummer: " + spaced(svNummer(), 4));
        add("at-sv-nummer", "pii.at-sv-nummer", "{\"svnr\": \"" + svNummer() + "\", \"name\": \"Huber\"}");
        add("at-sv-nummer", "pii.at-sv-nummer", "Die Versicherungsnummer der Patientin lautet " + spaced(svNummer(), 4)
                + ", e-card liegt vor.");
        add("at-sv-nummer", "pii.at-sv-nummer", "Austrian social security number " + svNummer());
        add("at-sv-nummer", "pii.at-sv-nummer", "Name;SVNR;Ort\nHuber;" + svNummer() + ";Wien\nGruber;"
                + svNummer() + ";Graz\n");

        add("cz-rodne-cislo", "pii.cz-rodne-cislo", "Rodné číslo: " + slashed(rodneCislo()));
        add("cz-rodne-cislo", "pii.cz-rodne-cislo", "{\"rodne_cislo\": \"" + rodneCislo() + "\"}");
        add("cz-rodne-cislo", "pii.cz-rodne-cislo", "Pacientka Jana Nováková, RČ " + slashed(rodneCislo())
                + ", pojišťovna 111");
        add("cz-rodne-cislo", "pii.cz-rodne-cislo", "Slovak birth number " + slashed(rodneCislo()));
        add("cz-rodne-cislo", "pii.cz-rodne-cislo", "jméno;příjmení;rodné číslo\nJan;Novák;" + slashed(rodneCislo())
                + "\nEva;Malá;" + rodneCislo() + "\n");

        add("gr-amka", "pii.gr-amka", "ΑΜΚΑ: " + amka());
        add("gr-amka", "pii.gr-amka", "{\"amka\": \"" + amka() + "\"}");
        add("gr-amka", "pii.gr-amka", "Ασθενής Μαρία Παπαδοπούλου, Α.Μ.Κ.Α. " + amka() + ", παραπομπή για εξετάσεις");
        add("gr-amka", "pii.gr-amka", "Greek social security number (AMKA) " + amka());
        add("gr-amka", "pii.gr-amka", "name;surname;amka\nMaria;Papa;" + amka() + "\nNikos;Lamprou;" + amka() + "\n");

        add("ro-cnp", "pii.ro-cnp", "CNP: " + cnp());
        add("ro-cnp", "pii.ro-cnp", "{\"nume\": \"Popescu\", \"cod_numeric_personal\": \"" + cnp() + "\"}");
        add("ro-cnp", "pii.ro-cnp", "Subsemnatul Ion Popescu, cod numeric personal " + cnp()
                + ", domiciliat în Cluj-Napoca");
        add("ro-cnp", "pii.ro-cnp", "Romanian personal numeric code " + cnp());
        add("ro-cnp", "pii.ro-cnp", "nume;prenume;cnp\nPopescu;Ion;" + cnp() + "\nIonescu;Ana;" + cnp() + "\n");

        add("pt-nif", "pii.pt-nif", "NIF: " + nif(false));
        add("pt-nif", "pii.pt-nif", "{\"nome\": \"Ana Silva\", \"nif\": \"" + nif(false) + "\"}");
        add("pt-nif", "pii.pt-nif", "Cliente Rui Costa, número de contribuinte " + spaced3(nif(false)));
        add("pt-nif", "pii.pt-nif", "Portuguese tax number (NIF) " + nif(true) + ", non-resident");
        add("pt-nif", "pii.pt-nif", "nome;nif;cidade\nAna Silva;" + nif(false) + ";Lisboa\nRui Costa;"
                + spaced3(nif(false)) + ";Porto\n");

        add("ar-cuil", "pii.ar-cuil", "CUIL: " + dashedCuil(cuil()));
        add("ar-cuil", "pii.ar-cuil", "{\"empleado\": \"Juan Gómez\", \"cuit\": \"" + cuil() + "\"}");
        add("ar-cuil", "pii.ar-cuil", "Empleada: Lucía Fernández, C.U.I.L. " + dashedCuil(cuil())
                + ", legajo en RRHH");
        add("ar-cuil", "pii.ar-cuil", "Argentine taxpayer id (CUIT) " + dashedCuil(cuil()));
        add("ar-cuil", "pii.ar-cuil", "apellido;nombre;cuil\nGómez;Juan;" + dashedCuil(cuil()) + "\nPérez;Ana;"
                + cuil() + "\n");

        add("in-pan-individual", "pii.in-pan", "PAN: " + pan('P'));
        add("in-pan-individual", "pii.in-pan", "{\"employee\": \"Priya Sharma\", \"pan_number\": \"" + pan('P') + "\"}");

        add("troy", "financial.card-unionpay-mir", "Troy kart numarası: " + grouped(troy(true)));
        add("troy", "financial.card-unionpay-mir", "{\"kart_no\": \"" + troy(true) + "\", \"skt\": \"11/28\"}");
        add("troy", "financial.card-unionpay-mir", "Ödeme " + troy(true).replaceAll("(.{4})(?!$)", "$1-")
                + " ile alındı.");
    }

    private void negatives() {
        negative("bad-check", "AHV-Nr.: " + dotted(wrongLast(ahv())));
        negative("bad-check", "SV-Nummer: " + spaced(bumpSv(svNummer()), 4));
        negative("bad-check", "Rodné číslo: " + slashed(wrongLast(rodneCislo())));
        negative("bad-check", "ΑΜΚΑ: " + wrongLast(amka()));
        negative("bad-check", "CNP: " + wrongLast(cnp()));
        negative("bad-check", "NIF: " + wrongLast(nif(false)));
        negative("bad-check", "CUIL: " + dashedCuil(wrongLast(cuil())));

        negative("lookalike", "AHV-Rentenrechner, Artikel-EAN 7613" + r.digits(8) + ", Preis CHF 49.-");
        negative("lookalike", "Bestellung " + ahv() + " wurde versandt.");
        negative("lookalike", "SV-Nummer folgt; Rechnung " + r.between(1000, 9999) + " 3" + r.between(2, 9)
                + r.digits(4) + " bitte bis Freitag begleichen.");
        negative("lookalike", "rodné číslo " + String.format("%02d%02d%02d/%03d", r.between(20, 53), r.between(1, 12),
                r.between(1, 28), r.between(0, 999)) + " (narozen před rokem 1954)");
        negative("lookalike", "objednávka " + slashed(rodneCislo()) + " odeslána");
        negative("lookalike", "ΑΜΚΑ: εκκρεμεί, τηλέφωνο 210" + r.digits(7) + ", παραγγελία 32" + r.digits(9));
        negative("lookalike", "CNP: în curs de verificare; comanda " + cnp(13, r.between(1, 52)) + " a fost expediată");
        negative("lookalike", "CNP " + cnp(r.between(1, 12), 99) + " (județ 99 nu există)");
        negative("lookalike", "NIF: pendente; telemóvel " + r.pick("91", "92", "93", "96") + r.digits(1) + " "
                + r.digits(3) + " " + r.digits(3));
        negative("lookalike", "CUIL: pendiente; pedido 21-" + r.between(10_000_000, 45_999_999) + "-"
                + r.digits(1) + " enviado");

        negative("company-id", "NIPC da empresa: " + nipc());
        negative("company-id", "Fatura: Fornecedor Lda., NIF " + nipc() + ", Rua Augusta 10, Lisboa");
        negative("company-id", "CUIT de la empresa: " + dashedCuil(companyCuit("30")));
        negative("company-id", "Proveedor: Transportes del Sur S.A., CUIT " + dashedCuil(companyCuit("33")));
        negative("company-id", "CUIT " + dashedCuil(companyCuit("34")) + " (sociedad del estado)");
        negative("company-id", "Supplier PAN: " + pan('C') + " (private limited company)");
        negative("company-id", "vendor,pan,gstin\nRavi & Sons (HUF)," + pan('H') + ",27AAAPZ1234C1Z5\nAcme Traders LLP,"
                + pan('F') + ",27AAAPZ1234C1Z6\n");
        negative("company-id", "PAN of the trust: " + pan('T'));

        negative("troy-lookalike", "Troy kart numarası: " + grouped(troy(false)));
        negative("troy-lookalike", "sipariş no 9793" + troy(true).substring(4));
    }

    // ---- values (check digits from the published algorithms) ----------------------------------------------------

    private String ahv() {
        String body = "756" + r.digits(9);
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (body.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return body + (10 - sum % 10) % 10;
    }

    private String svNummer() {
        int[] w = {3, 7, 9, 0, 5, 8, 4, 2, 1, 6};
        while (true) {
            String v = r.between(100, 999) + "0" + date6();
            int sum = 0;
            for (int i = 0; i < 10; i++) {
                sum += w[i] * (v.charAt(i) - '0');
            }
            if (sum % 11 != 10) {
                return v.substring(0, 3) + sum % 11 + v.substring(4);
            }
        }
    }

    /** Another digit in the check place, the date kept. */
    private static String bumpSv(String v) {
        return v.substring(0, 3) + (char) ('0' + (v.charAt(3) - '0' + 1) % 10) + v.substring(4);
    }

    private String rodneCislo() {
        while (true) {
            int yy = r.pick(List.of(r.between(54, 99), r.between(0, 24)));
            int month = r.between(1, 12) + (r.chance(0.5) ? 50 : 0);
            String nine = String.format("%02d%02d%02d%03d", yy, month, r.between(1, 28), r.between(0, 999));
            long check = (11 - Long.parseLong(nine) * 10 % 11) % 11;
            if (check < 10) {
                return nine + check;
            }
        }
    }

    private String amka() {
        String body = date6() + r.digits(4);
        return body + Checksums.luhn(body);
    }

    private String cnp() {
        return cnp(r.between(1, 12), r.between(1, 52));
    }

    /** A CNP with a computed check digit for {@code month} and {@code county}, valid or not. */
    private String cnp(int month, int county) {
        int[] w = {2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9};
        String body = r.pick("1", "2", "5", "6") + String.format("%02d%02d%02d%02d", r.between(0, 99),
                month, r.between(1, 28), county) + r.digits(3);
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += w[i] * (body.charAt(i) - '0');
        }
        return body + (sum % 11 == 10 ? 1 : sum % 11);
    }

    private String nif(boolean nonResident) {
        return withNifCheck(nonResident ? "45" + r.digits(6) : r.pick("1", "2", "3") + r.digits(7));
    }

    private String nipc() {
        return withNifCheck(r.pick("5", "6", "9") + r.digits(7));
    }

    private static String withNifCheck(String eight) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (9 - i) * (eight.charAt(i) - '0');
        }
        int c = 11 - sum % 11;
        return eight + (c >= 10 ? 0 : c);
    }

    private String cuil() {
        return withCuilCheck(r.pick("20", "27", "23"));
    }

    private String companyCuit(String type) {
        return withCuilCheck(type);
    }

    private String withCuilCheck(String type) {
        int[] w = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
        while (true) {
            String ten = type + r.between(10_000_000, 45_999_999);
            int sum = 0;
            for (int i = 0; i < 10; i++) {
                sum += w[i] * (ten.charAt(i) - '0');
            }
            int c = 11 - sum % 11;
            if (c != 10) {
                return ten + (c == 11 ? 0 : c);
            }
        }
    }

    private String pan(char holder) {
        return r.from(LETTERS, 3) + holder + r.from(LETTERS, 1) + r.between(1000, 9999) + r.from(LETTERS, 1);
    }

    private String troy(boolean valid) {
        String body = "9792" + r.digits(11);
        int check = Checksums.luhn(body);
        return body + (valid ? check : (check + 1) % 10);
    }

    /** DDMMYY, day 1-28. */
    private String date6() {
        return String.format("%02d%02d%02d", r.between(1, 28), r.between(1, 12), r.between(0, 99));
    }

    // ---- formats ----

    private static String dotted(String ahv) {
        return ahv.substring(0, 3) + "." + ahv.substring(3, 7) + "." + ahv.substring(7, 11) + "." + ahv.substring(11);
    }

    private static String spaced(String v, int at) {
        return v.substring(0, at) + " " + v.substring(at);
    }

    private static String spaced3(String v) {
        return v.substring(0, 3) + " " + v.substring(3, 6) + " " + v.substring(6);
    }

    private static String slashed(String v) {
        return v.substring(0, 6) + "/" + v.substring(6);
    }

    private static String dashedCuil(String v) {
        return v.substring(0, 2) + "-" + v.substring(2, 10) + "-" + v.substring(10);
    }

    private static String grouped(String v) {
        return v.substring(0, 4) + " " + v.substring(4, 8) + " " + v.substring(8, 12) + " " + v.substring(12);
    }

    private static String wrongLast(String v) {
        char last = v.charAt(v.length() - 1);
        return v.substring(0, v.length() - 1) + (char) ('0' + (last - '0' + 1) % 10);
    }

    // ---- cases ----

    private List<String> tags(String kind, String category, String container) {
        return List.of("family:" + FAMILY, "cat:" + category, FAMILY + ":" + kind, "container:" + container,
                "enc:none");
    }

    private List<String> negativeTags(String kind, String container) {
        return List.of("family:" + FAMILY, "neg:" + FAMILY, "neg:" + kind, "container:" + container, "enc:none");
    }

    private void add(String kind, String rule, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        String category = rule.startsWith("financial.") ? Values.FINANCIAL : Values.PII;
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(rule), List.of(),
                tags(kind, category, container), ""));
    }

    private void negative(String kind, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(), List.of(),
                negativeTags(kind, container), text));
    }
}
