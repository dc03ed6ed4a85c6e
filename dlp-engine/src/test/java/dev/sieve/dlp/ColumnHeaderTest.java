package dev.sieve.dlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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

    /** {@code s} as the engine sees a view: its UTF-8 bytes, one char per byte. */
    private static String bytes(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static boolean inColumn(String text, String value, List<String> columns) {
        String view = bytes(text);
        return ColumnHeader.inNamedColumn(view, view.lastIndexOf(bytes(value)), 0, columns);
    }

    @Test
    void blankAlignedTablesNameTheirColumnsWhicheverWayTheyAlign() {
        String pandas = "   Name          Date        City        NRIC     \n"
                + "0  Priya Sharma  2025-03-09  Bengaluru   G4154136P\n"
                + "1  Olivia Brown  2025-04-14  Singapore   F1635213Q\n\n[2 rows x 4 columns]";
        assertThat(inColumn(pandas, "F1635213Q", List.of("nric"))).as("pandas, right-aligned").isTrue();
        assertThat(inColumn(pandas, "F1635213Q", List.of("city"))).as("the next column over").isFalse();
        String kubectl = "NAME        SSN          AGE\napi-0       268651313    3d\nweb-1       574224474    5d\n";
        assertThat(inColumn(kubectl, "574224474", SSN)).as("left-aligned").isTrue();
        assertThat(inColumn(kubectl, "574224474", List.of("age"))).isFalse();
        String cjk = "     \u59d3\u540d        \u65e5\u671f       \u8eab\u4efd\u8bc1\u53f7\u7801\n"
                + "0  \u674e\u5a1c  2024-04-08  32010220040112678X\n";
        assertThat(inColumn(cjk, "32010220040112678X", List.of("\u8eab\u4efd\u8bc1\u53f7"))).as("a CJK header")
                .isTrue();
    }

    @Test
    void boxDrawnTablesNameTheirColumns() {
        String polars = "shape: (2, 3)\n\u250c\u2500\u2500\u2500\u2500\u2500\u252c\u2500\u2500\u2500\u2500\u2500\u2500\u252c"
                + "\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2510\n"
                + "\u2502 name \u2506 city  \u2506 ssn       \u2502\n"
                + "\u2502 ---  \u2506 ---   \u2506 ---       \u2502\n"
                + "\u2502 str  \u2506 str   \u2506 str       \u2502\n"
                + "\u255e\u2550\u2550\u2550\u2550\u2550\u256a\u2550\u2550\u2550\u2550\u2550\u2550\u256a\u2550\u2550\u2550"
                + "\u2550\u2550\u2550\u2550\u2550\u2550\u2561\n"
                + "\u2502 Ana  \u2506 Porto \u2506 268651313 \u2502\n"
                + "\u2502 Bo   \u2506 Lyon  \u2506 574224474 \u2502\n";
        assertThat(inColumn(polars, "574224474", SSN)).as("polars").isTrue();
        assertThat(inColumn(polars.replace(" ssn ", " sku "), "574224474", SSN)).isFalse();
        assertThat(inColumn(polars, "Lyon", SSN)).as("another column").isFalse();
    }

    @Test
    void proseAndBrokenAlignmentGiveNoContext() {
        assertThat(inColumn("the SSN column below\nplease check  268651313  soon\n", "268651313", SSN))
                .as("the value's line must be a row of three cells or more; the line above has no cell over it")
                .isFalse();
        assertThat(inColumn("SSN          NAME\n\n268651313    Ana    x\n", "268651313", SSN)).as("blank line").isFalse();
        assertThat(inColumn("NAME   SSN\nAna 268651313 ok\n", "268651313", SSN)).as("single blanks: no cells")
                .isFalse();
    }

    @Test
    void namesOfOtherScriptsAreWordsToo() {
        assertThat(inColumn("| \u59d3\u540d | \u8eab\u4efd\u8bc1\u53f7 |\n+----+----+\n| \u674e | 110105199906069228 |\n",
                "110105199906069228", List.of("\u8eab\u4efd\u8bc1\u53f7"))).as("MySQL box, Chinese header").isTrue();
        assertThat(inColumn("navn;f\u00f8dselsnummer\nOla;01017012345\n", "01017012345", List.of("f\u00f8dselsnummer")))
                .isTrue();
        assertThat(inColumn("| \u59d3\u540d | \u5730\u5740 |\n| \u674e | 110105199906069228 |\n",
                "110105199906069228", List.of("\u8eab\u4efd\u8bc1\u53f7"))).as("another CJK header").isFalse();
        assertThat(inColumn("navn;f\u00f8dselsdato\nOla;01017012345\n", "01017012345", List.of("f\u00f8dselsnummer")))
                .as("another word with the same ASCII letters").isFalse();
    }
}
