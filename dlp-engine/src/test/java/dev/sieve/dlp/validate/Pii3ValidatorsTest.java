package dev.sieve.dlp.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The validators and changes of the third PII red team: the ssn validator's reference labels, aba-account, micr,
 * split-card, the NIR's key after a label, and the underscore and slash separators of card numbers. Numbers are
 * built here from random digits with their check digits computed, then broken one digit at a time.
 */
class Pii3ValidatorsTest {

    private final Random random = new Random(20_261_206L);

    private static Validator validator(String name) {
        return Validators.create(name, Map.of());
    }

    /** A context with {@code before} before the match and {@code after} after it. */
    private static ValidationContext around(String before, String after) {
        return ValidationContext.around("r", before, after);
    }

    /** The Latin-1 view of {@code s}'s UTF-8 bytes, as the engine hands matches to validators. */
    private static String latin1(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private String routing() {
        while (true) {
            int[] d = new int[9];
            d[0] = random.nextInt(2);
            d[1] = d[0] == 0 ? 1 + random.nextInt(9) : random.nextInt(3);
            int sum = 0;
            for (int i = 2; i < 8; i++) {
                d[i] = random.nextInt(10);
            }
            int[] w = {3, 7, 1, 3, 7, 1, 3, 7};
            for (int i = 0; i < 8; i++) {
                sum += w[i] * d[i];
            }
            d[8] = (10 - sum % 10) % 10;
            StringBuilder b = new StringBuilder();
            for (int x : d) {
                b.append(x);
            }
            if (Aba.valid(d)) {
                return b.toString();
            }
        }
    }

    private String pan() {
        StringBuilder b = new StringBuilder("4");
        for (int i = 0; i < 14; i++) {
            b.append(random.nextInt(10));
        }
        for (int c = 0; c < 10; c++) {
            int[] d = Digits.of(b.toString() + c);
            if (Digits.luhn(d)) {
                return b.toString() + c;
            }
        }
        throw new AssertionError();
    }

    /** {@code s} with the digit at {@code i} changed by one. */
    private static String broken(String s, int i) {
        char c = s.charAt(i);
        return s.substring(0, i) + (char) ('0' + (c - '0' + 1) % 10) + s.substring(i + 1);
    }

    // ---- ssn: reference labels ---------------------------------------------------------------------------------

    @Test
    void ssnRejectsANumberLabelledAsATicketOrOrderAndKeepsOtherLabels() {
        Validator ssn = validator("ssn");
        for (String label : new String[] {"Ticket ", "ticket #", "Jira: ", "Zendesk ticket no. ", "order # ",
            "Invoice number: ", "case id ", "Ref: ", "(incident ", "OPS-", "see PROJ-"}) {
            assertThat(ssn.test("292-02-8533", around("Please look at " + label, " today"))).as(label).isFalse();
        }
        for (String label : new String[] {"SSN: ", "Ticket 4411: customer SSN ", "social security no. ",
            "applicant ", "", "SSN-", "employee id "}) {
            assertThat(ssn.test("292-02-8533", around(label, ""))).as(label).isTrue();
        }
    }

    // ---- aba-account ---------------------------------------------------------------------------------------------

    @Test
    void abaAccountWantsAnAccountRecordNotAnFaq() {
        Validator v = validator("aba-account");
        for (int n = 0; n < 50; n++) {
            String rtn = routing();
            assertThat(v.test(rtn, around("routing number: ", ""))).isTrue();
            assertThat(v.test(rtn, around("{\"aba\": \"", "\"}"))).isTrue();
            assertThat(v.test(rtn, around("Direct deposit: routing ", ", account number 6630281947"))).isTrue();
            assertThat(v.test(rtn, around("Acct # 00482771, transit/routing code on the cheque: ", ""))).isTrue();
            assertThat(v.test(rtn, around("name,routing_number,account\nAna,", ",6630281947\nDana,"))).isTrue();
            assertThat(v.test(rtn, around("The routing number for First Demo Bank in New York is ", " (wires)")))
                    .isFalse();
            assertThat(v.test(rtn, around("bank,routing number,city\nFirst Demo,", ",New York"))).isFalse();
            assertThat(v.test(rtn, around("You need your routing and account numbers. Ours: ", ""))).isFalse();
            for (int i = 0; i < 9; i++) {
                assertThat(v.test(broken(rtn, i), around("routing number: ", ", account 6630281947"))).isFalse();
            }
        }
    }

    // ---- micr ----------------------------------------------------------------------------------------------------

    @Test
    void micrChecksTheRoutingNumberBetweenTransitSymbolsAndTheAccount() {
        Validator v = validator("micr");
        for (int n = 0; n < 50; n++) {
            String rtn = routing();
            assertThat(v.test(latin1("\u2446" + rtn + "\u2446 7098878908\u2448"), around("", ""))).isTrue();
            assertThat(v.test("C" + rtn + "C 7098878908A", around("", ""))).isTrue();
            assertThat(v.test("A" + rtn + "A 70988-789 08C", around("", ""))).isTrue();
            assertThat(v.test("C" + rtn + "A 7098878908A", around("", ""))).isFalse(); // two transit letters differ
            assertThat(v.test("C" + rtn + "C 7098878908C", around("", ""))).isFalse(); // no on-us symbol
            assertThat(v.test("C" + rtn + "C 0000000A", around("", ""))).isFalse();
            assertThat(v.test("C" + rtn + "C 123A", around("", ""))).isFalse();
            for (int i = 0; i < 9; i++) {
                assertThat(v.test(latin1("\u2446" + broken(rtn, i) + "\u2446 7098878908\u2448"), around("", "")))
                        .isFalse();
            }
        }
    }

    // ---- split-card ----------------------------------------------------------------------------------------------

    @Test
    void splitCardJoinsFourFieldsAndChecksLuhnAndTheIndexes() {
        Validator v = validator("split-card");
        for (int n = 0; n < 50; n++) {
            String p = pan().substring(0, 15);
            String pan = null;
            for (int c = 0; c < 10 && pan == null; c++) {
                if (Digits.luhn(Digits.of("4" + p.substring(1) + c))) {
                    pan = "4" + p.substring(1) + c;
                }
            }
            String[] g = {pan.substring(0, 4), pan.substring(4, 8), pan.substring(8, 12), pan.substring(12)};
            assertThat(v.test("cc_part1=" + g[0] + "&cc_part2=" + g[1] + "&cc_part3=" + g[2] + "&cc_part4=" + g[3],
                    around("", ""))).isTrue();
            assertThat(v.test("card[0]\n" + g[0] + "\ncard[1]\n" + g[1] + "\ncard[2]\n" + g[2] + "\ncard[3]\n" + g[3],
                    around("", ""))).isTrue();
            assertThat(v.test("cc_part1=" + g[0] + "&cc_part3=" + g[1] + "&cc_part2=" + g[2] + "&cc_part4=" + g[3],
                    around("", ""))).isFalse();
            String last = broken(g[3], 3);
            assertThat(v.test("card1=" + g[0] + "&card2=" + g[1] + "&card3=" + g[2] + "&card4=" + last,
                    around("", ""))).isFalse();
        }
        assertThat(v.test("card1=1111&card2=1111&card3=1111&card4=1117", around("", ""))).isFalse();
        assertThat(v.test("card1=4539&card2=3272&card3=9518", around("", ""))).isFalse();
    }

    // ---- luhn: underscore and slash separators; fr-nir key label -------------------------------------------------

    @Test
    void luhnTakesUnderscoreAndSlashGroups() {
        Validator luhn = validator("luhn");
        for (int n = 0; n < 20; n++) {
            String pan = pan();
            String g = pan.substring(0, 4) + "_" + pan.substring(4, 8) + "_" + pan.substring(8, 12) + "_"
                    + pan.substring(12);
            assertThat(luhn.test(g, around("", ""))).isTrue();
            assertThat(luhn.test(g.replace('_', '/'), around("", ""))).isTrue();
            assertThat(luhn.test(broken(g, 1), around("", ""))).isFalse();
        }
    }

    @Test
    void nirKeyMayFollowALabelOrASlash() {
        Validator nir = Validators.create("european-id", Map.of("kind", "fr-nir"));
        assertThat(nir.test("1 70 06 45 327 039 05", around("", ""))).isTrue();
        assertThat(nir.test(latin1("1 70 06 45 327 039 cl\u00e9 05"), around("", ""))).isTrue();
        assertThat(nir.test("1 70 06 45 327 039 key: 05", around("", ""))).isTrue();
        assertThat(nir.test("1 70 06 45 327 039 / 05", around("", ""))).isTrue();
        assertThat(nir.test(latin1("1 70 06 45 327 039 cl\u00e9 06"), around("", ""))).isFalse();
        assertThat(nir.test("1 02 12 2B 677 232 65", around("", ""))).isTrue();
    }

    @Test
    void recipientListCountsFiveDistinctAddresses() {
        Validator v = validator("recipient-list");
        StringBuilder b = new StringBuilder("To: ");
        for (int i = 0; i < 4; i++) {
            b.append("Person ").append(i).append(" <p").append(i).append("@corp-mail.demo>; ");
        }
        assertThat(v.test(b.toString(), around("", ""))).isFalse();
        assertThat(v.test(b + "P4 <p0@corp-mail.demo>", around("", ""))).isFalse(); // a repeated address
        assertThat(v.test(b + "ana@example.com", around("", ""))).isFalse();
        assertThat(v.test(b + "P4 <p4@corp-mail.demo>", around("", ""))).isTrue();
        assertThat(v.test(b + "P4 <P4@Corp-Mail.demo>, p5@web.demo.de", around("", ""))).isTrue();
    }
}
