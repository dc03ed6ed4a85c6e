package dev.sieve.dlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnHeaderTest {

    private static final List<String> SSN = List.of("ssn", "social security");

    private static boolean inColumn(String text, String value) {
        int from = text.lastIndexOf(value);
        return ColumnHeader.inNamedColumn(text, from, 0, SSN);
    }

    @Test
    void csvTsvPsqlAndMarkdownHeadersNameTheirColumn() {
        assertThat(inColumn("id,name,ssn,dob\n1,Ana,268651313,1974\n2,Dana,574224474,1979\n", "574224474")).isTrue();
        assertThat(inColumn("name\tSocial_Security\tteam\nAna\t268651313\tops\n", "268651313")).isTrue();
        assertThat(inColumn(" id | name | ssn  | dob\n----+------+------+-----\n  1 | Ana | 268651313 | 1974\n",
                "268651313")).isTrue();
        assertThat(inColumn("| Name | Customer SSN | Team |\n|---|---|---|\n| Ana | 268651313 | ops |\n", "268651313"))
                .isTrue();
        assertThat(inColumn("ssn,name\n268651313,Ana\n", "268651313")).as("first column").isTrue();
    }

    @Test
    void otherColumnsBrokenTablesAndProseGetNoContext() {
        assertThat(inColumn("id,ssn,order\n1,***-**-1313,268651313\n", "268651313")).as("another column").isFalse();
        assertThat(inColumn("id,name,ssn\n\norder,268651313,x\n", "268651313")).as("blank line ends the table").isFalse();
        assertThat(inColumn("ssn is required\norder 268651313 shipped\n", "268651313")).as("no delimiter").isFalse();
        assertThat(inColumn("268651313,Ana\n", "268651313")).as("no header").isFalse();
        assertThat(inColumn("id,classnames,x\n1,268651313,y\n", "268651313")).as("whole words only").isFalse();
    }

    @Test
    void aPgDumpCopyLineNamesTheColumnsOfItsTabSeparatedRows() {
        String dump = "COPY public.members (id, name, ssn, joined) FROM stdin;\n1\tAna\t268651313\t2026-01-02\n"
                + "2\tDana\t574224474\t2026-01-03\n\\.\n";
        assertThat(inColumn(dump, "574224474")).isTrue();
        assertThat(inColumn(dump.replace("ssn", "ref"), "574224474")).as("another column").isFalse();
        assertThat(inColumn("COPY members (id, ssn) FROM stdin;\n1\tAna\t268651313\n", "268651313"))
                .as("more cells than the list has").isFalse();
        assertThat(inColumn("copy members (id, name, ssn) to '/tmp/m.csv';\n1\tAna\t268651313\n", "268651313"))
                .as("COPY TO is no header of the rows after it").isFalse();
    }

    @Test
    void theHeaderMustBeWithinTheWindow() {
        String text = "id,ssn\n" + "1,268651313\n".repeat(100) + "2,574224474\n";
        int from = text.lastIndexOf("574224474");
        assertThat(ColumnHeader.inNamedColumn(text, from, 0, SSN)).isTrue();
        assertThat(ColumnHeader.inNamedColumn(text, from, from - 200, SSN)).isFalse();
    }
}
