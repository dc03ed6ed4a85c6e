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

    private static final List<String> SECRET = List.of("password", "secret", ") values (");

    private static boolean inSecretColumn(String text, String value) {
        return ColumnHeader.inNamedColumn(text, text.lastIndexOf(value), 0, SECRET);
    }

    @Test
    void anInsertStatementNamesTheColumnsOfItsRows() {
        String dump = "INSERT INTO `api_keys` (`id`, `user_id`, `key`, `created_at`) VALUES\n"
                + "(1, 661, 'Av4y1CxIFwwHWVAn', '2026-11-11 09:00:00'),\n(2, 545, 'TT95bIe1GXdc2BwY', '2026-11-12');\n";
        assertThat(inSecretColumn(dump, "TT95bIe1GXdc2BwY")).as("a row under the statement").isTrue();
        assertThat(inSecretColumn(dump, "Av4y1CxIFwwHWVAn")).isTrue();
        assertThat(inSecretColumn(dump, "2026-11-12")).as("another column").isFalse();
        assertThat(inSecretColumn(dump.replace("api_keys", "settings"), "TT95bIe1GXdc2BwY"))
                .as("a key column of a table that holds no keys").isFalse();
        assertThat(inSecretColumn("INSERT INTO users (id, name, password) VALUES (1, 'a, b', 'Xk9mLp2Qz7w'), "
                + "(2, 'c', 'Rt5Yw8Lq3N');", "Rt5Yw8Lq3N")).as("same line, a comma inside quotes").isTrue();
        assertThat(inSecretColumn("INSERT INTO users (id, password, name) VALUES (1, 'Xk9mLp2Qz7w', 'ana');",
                "ana")).isFalse();
        assertThat(inSecretColumn("insert into t (password) values (%s)\", (user, Xk9mLp2Qz7w))", "Xk9mLp2Qz7w"))
                .as("text after the statement").isFalse();
        assertThat(inSecretColumn("id,values\n1,Xk9mLp2Qz7w\n", "Xk9mLp2Qz7w")).as("a gate is no column name")
                .isFalse();
    }

    @Test
    void theHeaderMustBeWithinTheWindow() {
        String text = "id,ssn\n" + "1,268651313\n".repeat(100) + "2,574224474\n";
        int from = text.lastIndexOf("574224474");
        assertThat(ColumnHeader.inNamedColumn(text, from, 0, SSN)).isTrue();
        assertThat(ColumnHeader.inNamedColumn(text, from, from - 200, SSN)).isFalse();
    }
}
