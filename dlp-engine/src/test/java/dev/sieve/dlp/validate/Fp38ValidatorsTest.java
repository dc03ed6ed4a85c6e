package dev.sieve.dlp.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Session 38's validators for the bulk contact rules: personal-mailbox (role accounts such as info@ and sales@ are
 * not a person's address) and phone-person-line (a number alone on its line with a switchboard or department label
 * is a company's). Every value here is synthetic.
 */
class Fp38ValidatorsTest {

    private static Validator validator(String name) {
        return Validators.create(name, Map.of());
    }

    /** The scanner hands validators the UTF-8 bytes of the text, one char per byte. */
    private static String bytes(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static boolean phoneCounts(String before, String number, String after) {
        return validator("phone-person-line").test(number,
                ValidationContext.around("r", bytes(before), bytes(after)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"info@nordwind-demo.de", "Sales@kappa-demo.it", "support-uk@vela-demo.nl",
        "customer.service@orion-demo.com", "customerservice@orion-demo.com", "invoices+2026@atlas-demo.se",
        "hr@helios-demo.pl", "kontakt@nordwind-demo.de", "vertrieb@nordwind-demo.de", "ventas@vela-demo.es",
        "contato@atlas-demo.com.br", "comptabilite@kappa-demo.fr", "info2@vela-demo.nl", "no-reply@orion-demo.com",
        "postmaster@helios-demo.org", "mailto:Kontakt@nordwind-demo.de", "info.de@orion-demo.com", "sprzedaz@baltic-demo.pl"})
    void roleAccountsAreNotPersonal(String address) {
        assertThat(validator("personal-mailbox").test(address, ValidationContext.empty("r"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ana.moss@corp-mail.net", "d.park@web-demo.de", "anna.sales@nordwind-demo.de",
        "infoanna@nordwind-demo.de", "jo.hr@kappa-demo.it", "salesforce-admin-bot@vela-demo.nl", "pr@orion-demo.com",
        "it@orion-demo.com", "m.ito+news@proton-demo.net", "hr.manager@helios-demo.pl", "teamlead@vela-demo.nl",
        "helloanna@vela-demo.nl", "kim@info-demo.com"})
    void personalAddressesCount(String address) {
        assertThat(validator("personal-mailbox").test(address, ValidationContext.empty("r"))).isTrue();
    }

    @Test
    void switchboardLabelsAloneOnTheirLineDoNotCount() {
        String n = "+49 30 8385462";
        assertThat(phoneCounts("Kontakt\nZentrale: ", n, "\nFax: +49 30 8385463\n")).isFalse();
        assertThat(phoneCounts("Fax: ", n, "\n")).isFalse();
        assertThat(phoneCounts("| Customer service | ", n, " |\n")).isFalse();
        assertThat(phoneCounts("Sales & Support hotline (tel.) ", n, " ext. 20\n")).as("numbers and neutral words")
                .isFalse();
        assertThat(phoneCounts("Téléphone standard : ", n, "\n")).as("accents folded").isFalse();
        assertThat(phoneCounts("Accueil / Standard\t", n, "\nAnna")).isFalse();
        assertThat(phoneCounts("Centralita: ", n, "\n")).isFalse();
        assertThat(phoneCounts("{\n\"Zentrale\"\n", n, "\n")).as("a JSON view: the name on the line above")
                .isFalse();
        assertThat(phoneCounts("Sales\r\n", n, "\r\n")).isFalse();
        assertThat(phoneCounts("Växel: ", n, "\n")).isFalse();
        assertThat(phoneCounts("Müşteri Hizmetleri: ", n, "\n")).isFalse();
        assertThat(phoneCounts("代表電話：", n, "\n")).isFalse();
        assertThat(phoneCounts("총무팀 ", n, "\n")).isFalse();
        assertThat(phoneCounts("サポート ", n, "\n")).as("a kana voicing mark is folded alike").isFalse();
        assertThat(phoneCounts("{\"Zentrale\": \"", n, "\",\\n\"Fax\": \"+49 30 8385463\"}"))
                .as("a JSON-escaped line break ends the line").isFalse();
    }

    @Test
    void namesAndOtherWordsCount() {
        String n = "+49 30 8385462";
        assertThat(phoneCounts("Anna Roe, Sales, ", n, "\n")).as("a name beside the department").isTrue();
        assertThat(phoneCounts("Zentrale (Anna Roe): ", n, "\n")).isTrue();
        assertThat(phoneCounts("0  HR  Köln  ", n, "  +49 30 8385463\n")).as("a city: not told from a name")
                .isTrue();
        assertThat(phoneCounts("", n, "\n")).as("no label at all").isTrue();
        assertThat(phoneCounts("Anna Roe\n", n, "\n")).as("a name on the line above").isTrue();
        assertThat(phoneCounts("phone\n", n, "\n")).as("a neutral name above").isTrue();
        assertThat(phoneCounts("Zentrale\n\n", n, "\n")).as("a blank line between").isTrue();
        assertThat(phoneCounts("Zentrale: ", n, "")).as("the view's last line, no break after it").isTrue();
        assertThat(phoneCounts("\"phone\": \"", n, "\",\n")).as("neutral words only").isTrue();
        assertThat(phoneCounts("mobile: ", n, "\n")).isTrue();
        assertThat(phoneCounts("王伟 ", n, "\n")).isTrue();
        assertThat(phoneCounts("x".repeat(200) + " Zentrale: ", n, "\n")).as("line start not within the window")
                .isTrue();
        assertThat(phoneCounts("Zentrale: ", n, " " + "y".repeat(60))).as("no line end within the window")
                .isTrue();
    }
}
