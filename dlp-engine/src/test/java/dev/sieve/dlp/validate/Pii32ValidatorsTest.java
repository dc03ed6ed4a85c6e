package dev.sieve.dlp.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The validators and changes of session 32's PII red team: card-label (id labels, id columns, runs of Luhn-failing
 * ids), the ssn validator's P/N and reference columns, email-domain, phone-fictional, swift-account's placeholders,
 * and line breaks as digit separators. Numbers are built here with their check digits computed.
 */
class Pii32ValidatorsTest {

    private final Random random = new Random(20_261_232L);

    private static Validator validator(String name) {
        return Validators.create(name, Map.of());
    }

    private static ValidationContext around(String before, String after) {
        return ValidationContext.around("r", before, after);
    }

    /** A Luhn-valid number of {@code length} digits starting with {@code prefix}. */
    private String luhn(String prefix, int length) {
        StringBuilder b = new StringBuilder(prefix);
        while (b.length() < length - 1) {
            b.append(random.nextInt(10));
        }
        for (int c = 0; c < 10; c++) {
            int[] d = Digits.of(b.toString() + c);
            if (Digits.luhn(d)) {
                return b.toString() + c;
            }
        }
        throw new AssertionError("unreachable");
    }

    @Test
    void cardLabelRejectsIdLabelsAndKeepsCardLabels() {
        Validator v = validator("card-label");
        for (int i = 0; i < 20; i++) {
            String pan = luhn(i % 2 == 0 ? "4" : "53", 16);
            assertThat(v.test(pan, around("order_ref: ", ""))).isFalse();
            assertThat(v.test(pan, around("{\"ts\": 1}\ntrace_id\n", "\nspan_id\n"))).isFalse();
            assertThat(v.test(pan, around("Kafka offset ", " committed"))).isFalse();
            assertThat(v.test(pan, around("invoice: INV-", ""))).isFalse();
            assertThat(v.test(pan, around("request ", " completed in 12ms"))).isFalse();
            assertThat(v.test(pan, around("orderRef=", ""))).isFalse();
            assertThat(v.test(pan, around("wudfnlqj: ", ""))).isFalse(); // "tracking" through a Caesar-shift view
            assertThat(v.test(pan, around("order_id,amount\n" + luhn("4", 16) + ",12.00\n", ",300.00\n"))).isFalse();
            // card labels, card columns and no label at all keep the number
            assertThat(v.test(pan, around("Card number: ", " exp 04/29"))).isTrue();
            assertThat(v.test(pan, around("card_id: ", ""))).isTrue();
            assertThat(v.test(pan, around("customer,card,amount\nAna Moss,", ",12.00\n"))).isTrue();
            assertThat(v.test(pan, around("order 4411 paid with ", ""))).isTrue();
            assertThat(v.test(pan, around("", ""))).isTrue();
        }
    }

    @Test
    void cardLabelRejectsOneOfARunOfLuhnFailingIdsButNotACardList() {
        Validator v = validator("card-label");
        String pan = luhn("4", 16);
        StringBuilder ids = new StringBuilder("[");
        StringBuilder cards = new StringBuilder("");
        for (int i = 0; i < 10; i++) {
            String id;
            do {
                id = "4" + String.format("%015d", Math.floorMod(random.nextLong(), 1_000_000_000_000_000L));
            } while (Digits.luhn(Digits.of(id)));
            ids.append(id).append(", ");
            cards.append(luhn("4", 16)).append('\n');
        }
        assertThat(v.test(pan, around(ids.toString(), "]"))).isFalse();
        assertThat(v.test(pan, around(cards.toString(), "\n"))).isTrue();
    }

    @Test
    void ssnRejectsPartNumbersAndReferenceColumnsButKeepsSsnColumns() {
        Validator v = validator("ssn");
        assertThat(v.test("570-41-5005", around("BOM rev C\nP/N ", "  resistor 10k"))).isFalse();
        assertThat(v.test("512-03-2291", around("Part No.,Description,Qty\n", ",Hex bolt M6,4\n"))).isFalse();
        assertThat(v.test("536-22-8174", around("SSN,Part No.\n", ",A-100\n"))).isTrue();
        assertThat(v.test("536-22-8174", around("SSN: ", ""))).isTrue();
        // a line break is a separator, one kind at a time
        assertThat(v.test("219\n45\n6780", around("SSN:\n", ""))).isTrue();
        assertThat(v.test("219\n45-6780", around("SSN:\n", ""))).isFalse();
    }

    @Test
    void emailDomainRejectsReservedDomainsOnly() {
        Validator v = validator("email-domain");
        for (String a : new String[] {"user1@acme.test", "a@example.invalid", "qa@foo.example", "dev@test.localhost",
            "x@example.com", "y@mail.example.org", "z@example.co.uk"}) {
            assertThat(v.test(a, around("", ""))).as(a).isFalse();
        }
        for (String a : new String[] {"jane.roe@corp-mail.net", "a@testing.io", "b@examples.com", "c@test.com",
            "d@example-shop.de", "e@mail.co.uk"}) {
            assertThat(v.test(a, around("", ""))).as(a).isTrue();
        }
    }

    @Test
    void emailDomainRejectsACamelCaseTopLevelDomain() {
        Validator v = validator("email-domain");
        for (String a : new String[] {"invoices@acme-supply.seMalm", "orders@nordwind-demo.deKontakt",
            "jane.roe@corp-mail.netPhone", "k.tanaka@mailbox.co.jpTokyo"}) {
            assertThat(v.test(a, around("", ""))).as("glued to the next field: %s", a).isFalse();
        }
        for (String a : new String[] {"JANE.ROE@CORP-MAIL.NET", "Jane.Roe@Corp-Mail.Net", "ops@acme.Com",
            "ann@mixedCase-Host.org", "bo@acme.co.UK"}) {
            assertThat(v.test(a, around("", ""))).as(a).isTrue();
        }
    }

    @Test
    void phoneFictionalRejectsReservedRangesOnly() {
        Validator v = validator("phone-fictional");
        for (String p : new String[] {"+1-555-0100", "(312) 555-0199", "415-555-0142", "+1 415 555 0123",
            "+44 20 7946 0321", "020 7946 0999", "+44 7700 900456", "0161 496 0123", "+44 1632 960123"}) {
            assertThat(v.test(p, around("", ""))).as(p).isFalse();
        }
        for (String p : new String[] {"+1-415-736-0132", "(312) 555-0200", "415-555-0099", "+44 20 7183 0958",
            "+44 7824 900123", "+49 30 12345678", "+14155550", "020 7946 1000", "06 1234567", "030 1234"}) {
            assertThat(v.test(p, around("", ""))).as(p).isTrue();
        }
        // fewer than 7 digits: the month and day of an ISO date (2025-03-05), a version, a short code
        for (String p : new String[] {"03-05", "01 23", "012 345", "04-12 11"}) {
            assertThat(v.test(p, around("", ""))).as(p).isFalse();
        }
    }

    @Test
    void swiftAccountRejectsTemplatePlaceholders() {
        Validator v = validator("swift-account");
        assertThat(v.test(":50K:/ACCOUNTNUMBER", around("", ""))).isFalse();
        assertThat(v.test(":59:/12345678", around("", ""))).isFalse();
        assertThat(v.test(":59:/987654321", around("", ""))).isFalse();
        assertThat(v.test(":59:/15038961", around("", ""))).isTrue();
        assertThat(v.test(":50K:/DE89370400440532013000", around("", ""))).isTrue();
    }

    @Test
    void thePublishedCryptoVectorsAreValidSoOnlyTheExampleListKeepsThemOut() {
        // the pack lists these as published examples: they must pass the validators, or listing them would be moot
        Validator bip39 = validator("bip39");
        for (String phrase : new String[] {
            "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about",
            "legal winner thank year wave sausage worth useful legal winner thank yellow",
            "letter advice cage absurd amount doctor acoustic avoid letter advice cage above",
            "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong",
            "test test test test test test test test test test test junk"}) {
            assertThat(bip39.test(phrase, around("mnemonic: ", ""))).as(phrase).isTrue();
        }
        Validator wif = validator("wif");
        assertThat(wif.test("5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ", around("", ""))).isTrue();
        assertThat(wif.test("KwdMAjGmerYanjeui5SHS7JkmpZvVipYvB2LJGU1ZxJwYvP98617", around("", ""))).isTrue();
    }

    @Test
    void labelWordsSplitSnakeDotsAndCamelCase() {
        assertThat(Label.words("dd.trace_id")).containsExactly("dd", "trace", "id");
        assertThat(Label.words("orderRef")).containsExactly("order", "ref");
        assertThat(Label.nearest("P/N ", 0)).containsExactly("p/n");
        assertThat(Label.nearest("Card number: ", 0)).containsExactly("card");
    }
}
