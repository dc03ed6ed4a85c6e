package dev.sieve.dlp.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FileNamesTest {

    private static String split(String text) {
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        List<Candidates.Candidate> found = FileNames.find(t, 0, t.length, null);
        // the dots found through the text's string (vectorised) and byte by byte are the same
        assertThat(FileNames.find(t, 0, t.length, text)).isEqualTo(found);
        if (found == null) {
            return null;
        }
        assertThat(found).hasSize(1);
        Candidates.Candidate c = found.get(0);
        assertThat(c.kind()).isEqualTo(Candidates.Kind.SPLIT_NAME);
        return new String(FileNames.decode(t, c.start(), c.end()).bytes(), StandardCharsets.US_ASCII);
    }

    @Test
    void aNumberGluedByUnderscoreOrLettersIsReadAsAWordOfItsOwn() {
        assertThat(split("/hr/uploads/w2_408-75-6753_2025.pdf")).isEqualTo("w2 408-75-6753\n2025.pdf");
        assertThat(split("stmt4539327295181753final.pdf")).isEqualTo("stmt 4539327295181753\nfinal.pdf");
        assertThat(split("attachment; filename=\"w2_GB50LOYD18510857407382.pdf\""))
                .isEqualTo("w2 GB50LOYD18510857407382.pdf");
        assertThat(split("stmtKP456643Dfinal.pdf")).isEqualTo("stmt KP456643D\nfinal.pdf"); // a NINO stays whole
        assertThat(split("x_PL78696879825219033596940002_2025.pdf"))
                .isEqualTo("x PL78696879825219033596940002\n2025.pdf");
    }

    @Test
    void namesWithoutAGluedValueRunAreNotCandidates() {
        assertThat(split("report-2025-12-07.pdf")).isNull();          // dashes are boundaries already
        assertThat(split("w2_2025.pdf")).isNull();                    // too few digits
        assertThat(split("INV4539327295181753.pdf")).isNull();        // upper-case glue: one code
        assertThat(split("stmt_4539327295181753")).isNull();          // no extension: not a file name
        assertThat(split("see stmt 4539327295181753.pdf")).isNull();  // not glued
        assertThat(split("backup_20251207.tar")).isNull();           // a date: no value the rules validate
        assertThat(split("log_20251207123456.txt")).isNull();        // a timestamp of 14 digits failing Luhn
        assertThat(split("node_v18123456.x(")).isNull();             // an extension followed by ( is code
        assertThat(split("w2_408756753.pdf(")).isNull();
        assertThat(split("a sentence. Then w2_408756753 more")).isNull();
    }
}
