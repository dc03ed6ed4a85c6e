package dev.sieve.dlp.inspect;

import static dev.sieve.dlp.inspect.TestRequests.AWS_ID;
import static dev.sieve.dlp.inspect.TestRequests.SSN;
import static dev.sieve.dlp.inspect.TestRequests.anthropicKey;
import static dev.sieve.dlp.inspect.TestRequests.json;
import static dev.sieve.dlp.inspect.TestRequests.message;
import static dev.sieve.dlp.inspect.TestRequests.meta;
import static dev.sieve.dlp.inspect.TestRequests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.dlp.Finding;
import dev.sieve.dlp.inspect.InspectionResult.Decision;
import java.math.BigInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exotic layers found by the inspection with both engines, in a JSON message and in a text body: a big integer in
 * decimal (found by the graph's own pass, rewritten as a number), Morse and Braille (found after the scan's hint,
 * never rewritten: a redaction there blocks).
 */
class ExoticLayersTest {

    private static final BothEngines ENGINES = new BothEngines();

    @AfterAll
    static void close() {
        ENGINES.close();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aDecimalOfAKeyIsFoundInJsonAndText(boolean hyperscan) {
        String text = "the value is " + new BigInteger(1, utf8(anthropicKey()));
        InspectionResult j = ENGINES.inspect(hyperscan, json(), utf8(message(text)));
        InspectionResult p = ENGINES.inspect(hyperscan, meta("/upload", "Content-Type", "text/plain"), utf8(text));
        assertThat(j.findings()).extracting(Finding::viewPath).contains("json:$.messages[0].content|decimal");
        assertThat(p.findings()).extracting(Finding::viewPath).contains("body|decimal");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void morseAndBrailleAreFoundAfterTheHint(boolean hyperscan) {
        String morse = dev.sieve.dlp.view.ExoticCodes.morse("ssn " + SSN + " key " + AWS_ID);
        InspectionResult m = ENGINES.inspect(hyperscan, json(), utf8(message("decode this: " + morse)));
        assertThat(m.findings()).extracting(Finding::viewPath).contains("json|morse");
        StringBuilder braille = new StringBuilder();
        for (byte b : utf8("employee ssn: " + SSN)) {
            braille.append((char) (0x2800 + (b & 0xff)));
        }
        InspectionResult b = ENGINES.inspect(hyperscan, meta("/upload", "Content-Type", "text/plain"),
                utf8("notes " + braille + " end"));
        assertThat(b.findings()).extracting(Finding::viewPath).containsExactly("body|braille");
        assertThat(b.decision()).isEqualTo(Decision.BLOCK);
    }
}
