package dev.sieve.rules.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Family {@code ids-eu}: European national identifiers next to their names, as an outside red team reported them
 * missed (German Steuer-IdNr, French NIR, Italian codice fiscale, Dutch BSN, Belgian national number, Polish PESEL,
 * Swedish personnummer, Finnish HETU, Norwegian fødselsnummer, Danish CPR, Irish PPSN, Turkish T.C. Kimlik No, and
 * the Spanish NIE after "NIE "), five phrasings each (labels, sentences, JSON, CSV), tagged {@code rt3:<kind>}; check
 * digits from {@link Checksums}. Hard negatives ({@code neg:ids-eu} and {@code neg:<kind>}): each identifier with a
 * wrong check digit (or an impossible date) next to its keyword ({@code wrong-check}), valid values with no keyword
 * as an order number, in a log line or as a number to call ({@code no-keyword}), German prose about a product's
 * Identifikationsnummer ({@code product-prose}), "bsn" and "cpr" inside code ({@code code-substring}), dates shaped
 * like personnummer prefixes in logs ({@code log-dates}), a keyword's letters ending another word ({@code
 * inside-word}: Martin, avenir, Nissan, appsNumber) and Polish "nie" before a phone number ({@code phone}).
 * Written with the rules, so not held out.
 */
final class IdsEu {

    static final long SEED = 20_261_206L;
    static final String FAMILY = "ids-eu";
    private static final List<String> ROTATION = List.of("json-anthropic", "json-openai-chat", "text",
            "json-anthropic-tool", "json-gemini", "multipart", "json-openai-responses", "form",
            "anthropic-document-text", "docx");

    /**
     * One identifier: its rule, phrasings that name it (each makes a whole text from a fresh value), the value with
     * a wrong check digit in the first two phrasings, and a valid value alone.
     */
    private record Id(String kind, String rule, List<Function<Rng, String>> phrasings,
            List<Function<Rng, String>> wrong, Function<Rng, String> bare) {
    }

    private final List<HardCorpus.Out> out = new ArrayList<>();
    private final Rng r;
    private int turn;

    private IdsEu(Rng r) {
        this.r = r;
    }

    /** Every case of the family, positives first. */
    static List<HardCorpus.Out> cases(Rng r) {
        IdsEu f = new IdsEu(r);
        List<Id> ids = ids();
        for (Id id : ids) {
            for (Function<Rng, String> phrasing : id.phrasings()) {
                f.positive(id, phrasing.apply(r));
            }
        }
        for (Id id : ids) {
            for (Function<Rng, String> wrong : id.wrong()) {
                f.negative("wrong-check", wrong.apply(r));
            }
        }
        List<String> framings = List.of("Order %s shipped to the warehouse on Monday.",
                "2026-12-05T10:11:12Z INFO request_id=%s status=200 in 12 ms", "Call back on %s after five.");
        int k = 0;
        for (Id id : ids) {
            f.negative("no-keyword", String.format(framings.get(k++ % framings.size()), id.bare().apply(r)));
        }
        f.specials();
        return f.out;
    }

    private void specials() {
        negative("product-prose", "Artikel-Identifikationsnummer (GTIN) 4006381333931: die Identifikationsnummer "
                + "des Geräts steht auf dem Typenschild.");
        negative("product-prose", "Die Identifikationsnummer des Geräts lautet " + wrongDigit(deTaxId(r))
                + "; bitte bei Reklamationen angeben.");
        negative("code-substring", "int jobsNumber = " + bsn(r) + "; // batch size for the nightly import");
        negative("code-substring", "LIBS = $(pkg-config --libs libsndfile)  # pinned build " + bsn(r));
        negative("code-substring", "#include <cpr/cpr.h>  // vendored snapshot " + cprDate(r) + "-"
                + r.digits(4));
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            log.append(i % 2 == 0 ? "20" : "").append(logStamp(r)).append(" INFO worker-").append(i)
                    .append(" heartbeat ok\n");
        }
        negative("log-dates", log.toString());
        String stamp;
        do {
            stamp = logStamp(r);
        } while (Checksums.luhnValid(stamp.replace("-", "")));
        negative("log-dates", "personnummer-sync: batch 20" + stamp + " done, 0 errors");
        negative("inside-word", "Martin Weber ordered 3 boxes, order no. " + deTaxId(r));
        negative("inside-word", "Pour l'avenir, la référence " + nir(r) + " reste valable.");
        negative("inside-word", "Nissan dealer invoice " + belgian(r) + " paid in full");
        String l;
        do {
            l = ppsn(r);
        } while (l.length() != 8 || l.charAt(7) != 'L');
        negative("inside-word", "private static final long appsNumber = " + l + ";");
        negative("phone", "Proszę nie dzwonić na " + r.between(500, 899) + r.digits(6) + ", nie mam teraz czasu.");
        negative("phone", "Bel 06" + r.digits(8) + " voor een afspraak met de huisarts.");
    }

    // ---- the identifiers -----------------------------------------------------------------------------------------

    private static List<Id> ids() {
        List<Id> ids = new ArrayList<>();
        ids.add(new Id("de-tax-id", "pii.de-tax-id", List.of(
                r -> "Steuerliche Identifikationsnummer (IdNr): " + deTaxId(r),
                r -> "{\"mitarbeiter\": \"Jana Vogt\", \"steuer_id\": \"" + grouped(deTaxId(r), 2, 3, 3, 3) + "\"}",
                r -> "Hallo, meine Steuer-ID ist " + deTaxId(r) + ", bitte für die Lohnabrechnung übernehmen.",
                r -> "German TIN: " + deTaxId(r) + " (employee relocation file)",
                r -> "Name;Steuer-IdNr\nJana Vogt;" + deTaxId(r) + "\n"), List.of(
                r -> "Steuerliche Identifikationsnummer (IdNr): " + wrongDigit(deTaxId(r)),
                r -> "Hallo, meine Steuer-ID ist " + wrongDigit(deTaxId(r)) + "."), IdsEu::deTaxId));
        ids.add(new Id("fr-nir", "pii.fr-nir", List.of(
                r -> "Numéro de sécurité sociale : " + spacedNir(nir(r)),
                r -> "{\"nom\": \"Claire Roux\", \"nir\": \"" + nir(r) + "\"}",
                r -> "NIR " + spacedNir(nir(r)) + ", carte vitale à jour",
                r -> "Patient né en 1984, n° INSEE " + nir(r),
                r -> "numero de secu: " + nir(r)), List.of(
                r -> "Numéro de sécurité sociale : " + spacedNir(wrongKey(nir(r))),
                r -> "{\"nir\": \"" + wrongKey(nir(r)) + "\"}"), IdsEu::nir));
        ids.add(new Id("it-codice-fiscale", "pii.it-codice-fiscale", List.of(
                r -> "Codice fiscale: " + codiceFiscale(r),
                r -> "Dati cliente - C.F. " + codiceFiscale(r) + " - residenza Milano",
                r -> "{\"codice_fiscale\": \"" + codiceFiscale(r) + "\"}",
                r -> "cod. fisc. " + codiceFiscale(r).toLowerCase(java.util.Locale.ROOT),
                r -> "Intestatario: Marco Bianchi, codice fiscale " + codiceFiscale(r)), List.of(
                r -> "Codice fiscale: " + nextLetter(codiceFiscale(r)),
                r -> "Dati cliente - C.F. " + nextLetter(codiceFiscale(r)) + " - residenza Milano"),
                IdsEu::codiceFiscale));
        ids.add(new Id("nl-bsn", "pii.nl-bsn", List.of(
                r -> "BSN: " + bsn(r),
                r -> "Burgerservicenummer van de patiënt: " + grouped(bsn(r), 4, 2, 3).replace(' ', '.'),
                r -> "{\"bsn\": \"" + bsn(r) + "\", \"naam\": \"de Vries\"}",
                r -> "sofinummer " + bsn(r) + " (oud formaat)",
                r -> "klant_bsn = '" + bsn(r) + "'"), List.of(
                r -> "BSN: " + wrongDigit(bsn(r)),
                r -> "Burgerservicenummer van de patiënt: " + wrongDigit(bsn(r))), IdsEu::bsn));
        ids.add(new Id("be-national-number", "pii.be-national-number", List.of(
                r -> "Rijksregisternummer: " + dottedBelgian(belgian(r)),
                r -> "Numéro national : " + belgian(r),
                r -> "{\"insz\": \"" + dottedBelgian(belgian(r)) + "\"}",
                r -> "national number " + belgian(r) + ", Brussels office",
                r -> "NISS: " + dottedBelgian(belgian(r))), List.of(
                r -> "Rijksregisternummer: " + dottedBelgian(wrongBelgian(belgian(r))),
                r -> "Numéro national : " + wrongBelgian(belgian(r))), IdsEu::belgian));
        ids.add(new Id("pl-pesel", "pii.pl-pesel", List.of(
                r -> "PESEL: " + pesel(r),
                r -> "Pacjent, nr PESEL " + pesel(r) + ", skierowanie na badania",
                r -> "{\"pesel\": \"" + pesel(r) + "\"}",
                r -> "imie;nazwisko;pesel\nAnna;Kowalska;" + pesel(r) + "\n",
                r -> "Numer PESEL klienta to " + pesel(r) + "."), List.of(
                r -> "PESEL: " + wrongDigit(pesel(r)),
                r -> "Pacjent, nr PESEL " + wrongDigit(pesel(r)) + ", skierowanie"), IdsEu::pesel));
        ids.add(new Id("se-personnummer", "pii.se-personnummer", List.of(
                r -> "Personnummer: " + personnummer(r, false, false),
                r -> "personnummer " + personnummer(r, false, true),
                r -> "Samordningsnummer " + personnummer(r, true, false),
                r -> "{\"personnr\": \"" + personnummer(r, false, true).replace("-", "") + "\"}",
                r -> "Kundens personnummer är " + personnummer(r, false, false) + "."), List.of(
                r -> "Personnummer: " + wrongDigit(personnummer(r, false, false)),
                r -> "personnummer " + wrongDigit(personnummer(r, false, true))),
                r -> personnummer(r, false, false)));
        ids.add(new Id("fi-hetu", "pii.fi-hetu", List.of(
                r -> "Henkilötunnus: " + hetu(r),
                r -> "hetu " + hetu(r),
                r -> "{\"henkilotunnus\": \"" + hetu(r) + "\"}",
                r -> "Personbeteckning " + hetu(r) + " (Helsingfors)",
                r -> "Asiakkaan henkilötunnus on " + hetu(r) + "."), List.of(
                r -> "Henkilötunnus: " + nextHetu(hetu(r)),
                r -> "hetu " + nextHetu(hetu(r))), IdsEu::hetu));
        ids.add(new Id("no-fodselsnummer", "pii.no-fodselsnummer", List.of(
                r -> "Fødselsnummer: " + fodselsnummer(r, false),
                r -> "fodselsnummer " + grouped(fodselsnummer(r, false), 6, 5),
                r -> "D-nummer " + fodselsnummer(r, true),
                r -> "{\"fodselsnummer\": \"" + fodselsnummer(r, false) + "\"}",
                r -> "Pasientens fødselsnummer er " + fodselsnummer(r, false) + "."), List.of(
                r -> "Fødselsnummer: " + wrongDigit(fodselsnummer(r, false)),
                r -> "fodselsnummer " + wrongDigit(fodselsnummer(r, false))), r -> fodselsnummer(r, false)));
        ids.add(new Id("dk-cpr", "pii.dk-cpr", List.of(
                r -> "CPR-nr.: " + cprDate(r) + "-" + r.digits(4),
                r -> "{\"cpr\": \"" + cprDate(r) + "-" + r.digits(4) + "\"}",
                r -> "Borger: Mette Hansen, CPR " + cprDate(r) + "-" + r.digits(4),
                r -> "cpr: " + cprDate(r) + r.digits(4),
                r -> "Personnummer (CPR) " + cprDate(r) + "-" + r.digits(4)), List.of(
                // no check digit: the near miss is a date that cannot be
                r -> "CPR-nr.: 3" + r.between(2, 9) + String.format("%02d", r.between(1, 12)) + r.digits(2) + "-"
                        + r.digits(4),
                r -> "{\"cpr\": \"" + String.format("%02d", r.between(1, 28)) + "13" + r.digits(2) + "-"
                        + r.digits(4) + "\"}"), r -> cprDate(r) + "-" + r.digits(4)));
        ids.add(new Id("ie-ppsn", "pii.ie-ppsn", List.of(
                r -> "PPSN: " + ppsn(r),
                r -> "PPS number " + ppsn(r),
                r -> "{\"ppsn\": \"" + ppsn(r) + "\"}",
                r -> "Personal Public Service Number: " + ppsn(r),
                r -> "pps no. " + ppsn(r)), List.of(
                r -> "PPSN: " + nextPpsn(ppsn(r)),
                r -> "PPS number " + nextPpsn(ppsn(r))), IdsEu::ppsn));
        ids.add(new Id("tr-kimlik", "pii.tr-kimlik", List.of(
                r -> "T.C. Kimlik No: " + kimlik(r),
                r -> "TCKN " + kimlik(r),
                r -> "{\"tckn\": \"" + kimlik(r) + "\"}",
                r -> "Müşteri kimlik numarası " + kimlik(r),
                r -> "TC no: " + kimlik(r)), List.of(
                r -> "T.C. Kimlik No: " + wrongDigit(kimlik(r)),
                r -> "TCKN " + wrongDigit(kimlik(r))), IdsEu::kimlik));
        ids.add(new Id("es-nie", "pii.national-id", List.of(
                r -> "Titular: Ana Pérez, NIE " + nie(r),
                r -> "Número de Identidad de Extranjero: " + nie(r),
                r -> "{\"nie\": \"" + nie(r) + "\"}",
                r -> "NIE nº " + nie(r) + ", permiso de residencia",
                r -> "Residente, NIE: " + nie(r)), List.of(
                r -> "Titular: Ana Pérez, NIE " + nextNie(nie(r)),
                r -> "Número de Identidad de Extranjero: " + nextNie(nie(r))), IdsEu::nie));
        return ids;
    }

    // ---- values (check digits from Checksums) --------------------------------------------------------------------

    /** 11 digits, first not 0, one digit of the first ten twice and the rest once, ISO 7064 MOD 11,10. */
    static String deTaxId(Rng r) {
        String ten;
        do {
            ten = (1 + r.nextInt(9)) + r.digits(9);
        } while (!oneDigitTwice(ten));
        return ten + Checksums.deTaxId(ten);
    }

    private static boolean oneDigitTwice(String ten) {
        int[] count = new int[10];
        ten.chars().forEach(c -> count[c - '0']++);
        int twice = 0;
        for (int c : count) {
            if (c > 2) {
                return false;
            }
            twice += c == 2 ? 1 : 0;
        }
        return twice == 1;
    }

    /** 15 characters: sex, year, month, department (sometimes 2A/2B), commune, order, key. */
    static String nir(Rng r) {
        int dept = r.between(1, 95);
        String department = r.chance(0.2) ? r.pick("2A", "2B") : String.format("%02d", dept == 20 ? 21 : dept);
        String thirteen = r.pick("1", "2") + r.digits(2) + String.format("%02d", r.between(1, 12)) + department
                + r.digits(6);
        return thirteen + String.format("%02d", Checksums.nirKey(thirteen));
    }

    private static String spacedNir(String nir) {
        return grouped(nir, 1, 2, 2, 2, 3, 3, 2);
    }

    private static String wrongKey(String nir) {
        int key = Integer.parseInt(nir.substring(13));
        return nir.substring(0, 13) + String.format("%02d", key % 97 + 1);
    }

    /** Six letters, year, month letter, day (+40 for women), place, sometimes an omocodia letter, check letter. */
    static String codiceFiscale(Rng r) {
        String place = r.from("ABCDEFGHILM", 1) + r.digits(3);
        if (r.chance(0.25)) {
            place = place.substring(0, 3) + "LMNPQRSTUV".charAt(place.charAt(3) - '0');
        }
        String fifteen = r.from("BCDFGHLMNPRSTVZ", 3) + r.from("BCDFGLMNPRSTVZAEIOU", 3) + r.digits(2)
                + r.from("ABCDEHLMPRST", 1) + String.format("%02d", r.between(1, 28) + (r.chance(0.5) ? 40 : 0))
                + place;
        return fifteen + Checksums.codiceFiscale(fifteen);
    }

    /** 9 digits, first not 0, passing the 11-test. */
    static String bsn(Rng r) {
        while (true) {
            String eight = (1 + r.nextInt(9)) + r.digits(7);
            int check = Checksums.bsn(eight);
            if (check >= 0) {
                return eight + check;
            }
        }
    }

    /** YYMMDD, a serial and the check for the birth's century. */
    static String belgian(Rng r) {
        boolean from2000 = r.chance(0.3);
        String nine = String.format("%02d%02d%02d%03d", from2000 ? r.between(0, 24) : r.between(40, 99),
                r.between(1, 12), r.between(1, 28), r.between(1, 997));
        return nine + String.format("%02d", Checksums.belgium(nine, from2000));
    }

    private static String dottedBelgian(String n) {
        return n.substring(0, 2) + "." + n.substring(2, 4) + "." + n.substring(4, 6) + "-" + n.substring(6, 9) + "."
                + n.substring(9);
    }

    /** A check that is neither century's. */
    private static String wrongBelgian(String n) {
        String nine = n.substring(0, 9);
        int a = Checksums.belgium(nine, false);
        int b = Checksums.belgium(nine, true);
        int wrong = a % 97 + 1;
        while (wrong == a || wrong == b) {
            wrong = wrong % 97 + 1;
        }
        return nine + String.format("%02d", wrong);
    }

    /** YYMMDD with the century in the month (+20 for the 2000s), a serial, the check digit. */
    static String pesel(Rng r) {
        int year = r.between(1940, 2015);
        String ten = String.format("%02d%02d%02d", year % 100, r.between(1, 12) + (year >= 2000 ? 20 : 0),
                r.between(1, 28)) + r.digits(4);
        return ten + Checksums.pesel(ten);
    }

    /**
     * YYMMDD-XXXX (or YYYYMMDD-XXXX when {@code century}), Luhn over the ten digits; a samordningsnummer's day is
     * +60. Born 1932-1999, so that the number is no valid Danish date (DDMMYY) too.
     */
    static String personnummer(Rng r, boolean coordination, boolean century) {
        int year = r.between(1932, 1999);
        String nine = String.format("%02d%02d%02d", year % 100, r.between(1, 12), r.between(1, 28) + (coordination
                ? 60 : 0)) + r.digits(3);
        String ten = nine + Checksums.luhn(nine);
        return (century ? String.valueOf(year / 100) : "") + ten.substring(0, 6) + "-" + ten.substring(6);
    }

    /** DDMMYY, a century sign, an individual number and the mod-31 check character. */
    static String hetu(Rng r) {
        int year = r.between(1940, 2015);
        String date = String.format("%02d%02d%02d", r.between(1, 28), r.between(1, 12), year % 100);
        String individual = String.format("%03d", r.between(2, 899));
        String sign = year < 2000 ? r.pick("-", "-", "Y", "X") : r.pick("A", "A", "B");
        return date + sign + individual + Checksums.hetu(date + individual);
    }

    private static String nextHetu(String hetu) {
        String alphabet = "0123456789ABCDEFHJKLMNPRSTUVWXY";
        return hetu.substring(0, 10) + alphabet.charAt((alphabet.indexOf(hetu.charAt(10)) + 1) % alphabet.length());
    }

    /** DDMMYY (day +40 for a D-number), an individual number and two mod-11 check digits. */
    static String fodselsnummer(Rng r, boolean dNumber) {
        while (true) {
            int year = r.between(1940, 2015);
            String nine = String.format("%02d%02d%02d%03d", r.between(1, 28) + (dNumber ? 40 : 0), r.between(1, 12),
                    year % 100, year < 2000 ? r.between(0, 499) : r.between(500, 999));
            String n = Checksums.fodselsnummer(nine);
            if (n != null) {
                return n;
            }
        }
    }

    /** A valid DDMMYY. */
    private static String cprDate(Rng r) {
        return String.format("%02d%02d%02d", r.between(1, 28), r.between(1, 12), r.nextInt(100));
    }

    /** 7 digits, the check letter, sometimes a second letter (A, or W in the old format). */
    static String ppsn(Rng r) {
        String seven = r.digits(7);
        String second = r.pick("", "", "A", "W");
        return seven + Checksums.ppsn(seven, second) + second;
    }

    private static String nextPpsn(String ppsn) {
        String letters = "WABCDEFGHIJKLMNOPQRSTUV";
        char next = letters.charAt((letters.indexOf(ppsn.charAt(7)) + 1) % letters.length());
        return ppsn.substring(0, 7) + next + ppsn.substring(8);
    }

    /** 11 digits, first not 0, with the two check digits. */
    static String kimlik(Rng r) {
        return Checksums.kimlik((1 + r.nextInt(9)) + r.digits(8));
    }

    /** X, Y or Z, 7 digits and the DNI letter of the number with X, Y, Z read as 0, 1, 2. */
    static String nie(Rng r) {
        int prefix = r.pick(List.of(0, 0, 1, 1, 2));
        String seven = r.digits(7);
        return "XYZ".charAt(prefix) + seven + Checksums.dniLetter(prefix * 10_000_000L + Long.parseLong(seven));
    }

    private static String nextNie(String nie) {
        String letters = "TRWAGMYFPDXBNJZSQVHLCKE";
        return nie.substring(0, 8) + letters.charAt((letters.indexOf(nie.charAt(8)) + 1) % letters.length());
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** {@code s} with its last digit changed (never to itself). */
    private static String wrongDigit(String s) {
        int last = s.charAt(s.length() - 1) - '0';
        return s.substring(0, s.length() - 1) + (last + 1) % 10;
    }

    private static String nextLetter(String s) {
        char c = s.charAt(s.length() - 1);
        return s.substring(0, s.length() - 1) + (char) ('A' + (c - 'A' + 1) % 26);
    }

    /** {@code s} cut into groups of the given sizes, one blank apart. */
    private static String grouped(String s, int... sizes) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (int size : sizes) {
            out.append(at == 0 ? "" : " ").append(s, at, at + size);
            at += size;
        }
        return out.toString();
    }

    /** A log time stamp YYMMDD-HHMM of this decade. */
    private static String logStamp(Rng r) {
        return String.format("%02d%02d%02d-%02d%02d", r.between(20, 26), r.between(1, 12), r.between(1, 28),
                r.between(0, 23), r.between(0, 59));
    }

    // ---- cases ---------------------------------------------------------------------------------------------------

    private void positive(Id id, String text) {
        String container = HardCorpus.fit(ROTATION, turn++, text);
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(id.rule()), List.of(),
                List.of("family:" + FAMILY, "cat:pii", "container:" + container, "enc:none", "rt3:" + id.kind()),
                text));
    }

    private void negative(String kind, String text) {
        String container = HardCorpus.fit(ROTATION, turn++, text);
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(), List.of(),
                List.of("family:" + FAMILY, "neg:ids-eu", "neg:" + kind, "container:" + container, "enc:none"), text));
    }
}
