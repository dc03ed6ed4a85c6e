package dev.sieve.dlp.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LineNumbersTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(LineNumbers.Numbered n) {
        return new String(n.text(), StandardCharsets.UTF_8);
    }

    @Test
    void claudeCodesReadGutterIsTakenOffEveryLine() {
        LineNumbers.Numbered n = LineNumbers.of(utf8("     1\u2192# CONFIDENTIAL\n     2\u2192import os\n     3\u2192\n"
                + "     4\u2192x = 1"));
        assertThat(n).isNotNull();
        assertThat(text(n)).isEqualTo("# CONFIDENTIAL\nimport os\n\nx = 1");
    }

    @Test
    void catNAndAnOffsetReadAreNumberedToo() {
        assertThat(text(LineNumbers.of(utf8("     1\tPGHOST=db\n     2\tPGPASSWORD=x\n")))).isEqualTo(
                "PGHOST=db\nPGPASSWORD=x\n");
        assertThat(text(LineNumbers.of(utf8("   120\u2192a\n   121\u2192b")))).isEqualTo("a\nb");
        assertThat(text(LineNumbers.of(utf8("1\u2192a\n2\u2192b")))).as("unpadded arrows, two lines").isEqualTo("a\nb");
    }

    @Test
    void linesWithoutTheNextNumberAreKeptWhole() {
        LineNumbers.Numbered n = LineNumbers.of(utf8("     1\u2192a\n     2\u2192b\n\n<system-reminder>\n     9\u2192c\n"
                + "     3\u2192d"));
        assertThat(text(n)).isEqualTo("a\nb\n\n<system-reminder>\n     9\u2192c\nd");
    }

    @Test
    void oneRightAlignedLineStandsAlone() {
        assertThat(text(LineNumbers.of(utf8("     1\u2192only line")))).isEqualTo("only line");
        assertThat(text(LineNumbers.of(utf8("     1\tonly line\n\n(end of file)")))).isEqualTo(
                "only line\n\n(end of file)");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "1\tAda\t1815\n2\tAlan\t1912\n3\tGrace\t1906", // a table whose first column counts rows
        "1\u2192a single unpadded line",
        "1\u2192a\n3\u2192b", // not the next number
        "1\u2192a\n2\tb", // two kinds of mark
        "   12 apples\n   13 pears", // no mark after the number
        "Results:\n     1\u2192a\n     2\u2192b", // not at the start
        "12345678\u2192a\n12345679\u2192b", // more digits than a gutter has
        "2024\tQ1\n2025\tQ2",
        "",
        "    "})
    void otherTextsAreNotNumbered(String s) {
        assertThat(LineNumbers.of(utf8(s))).isNull();
    }

    @Test
    void offsetsMapBackAroundTheMarks() {
        // "     1→ab\n     2→cd": marks of 9 bytes (5 spaces, a digit, 3 bytes of the arrow), 7 code points
        LineNumbers.Numbered n = LineNumbers.of(utf8("     1\u2192ab\n     2\u2192cd"));
        assertThat(text(n)).isEqualTo("ab\ncd");
        assertThat(n.sourceStart(0)).isEqualTo(9); // after the first mark
        assertThat(n.sourceStart(1)).isEqualTo(10);
        assertThat(n.sourceEnd(3)).isEqualTo(12); // a span ending at "cd" ends before the second mark
        assertThat(n.sourceStart(3)).isEqualTo(21); // one starting there starts after it
        assertThat(n.sourceEnd(5)).isEqualTo(23);
        assertThat(n.markCodePointsBefore(0)).isEqualTo(7);
        assertThat(n.markCodePointsBefore(2)).isEqualTo(7);
        assertThat(n.markCodePointsBefore(3)).isEqualTo(14);
    }

    @Test
    void editsMovedOntoTheNumberedTextKeepItsMarks() throws CannotRewriteException {
        LineNumbers.Numbered n = LineNumbers.of(utf8("     1\tuser=a\n     2\tpass=SECRET\n     3\tend"));
        String plain = text(n);
        Splicer edits = new Splicer();
        int at = plain.indexOf("SECRET");
        edits.replace(at, at + 6, utf8("[R]"));
        assertThat(new String(n.mapped(edits).applyNested(n.numbered(), "t"), StandardCharsets.UTF_8))
                .isEqualTo("     1\tuser=a\n     2\tpass=[R]\n     3\tend");
        // a span over two lines keeps the first line's mark; the marks inside it go with the value
        Splicer across = new Splicer();
        across.replace(plain.indexOf("user"), plain.indexOf("\nend"), utf8("[R]"));
        assertThat(new String(n.mapped(across).applyNested(n.numbered(), "t"), StandardCharsets.UTF_8))
                .isEqualTo("     1\t[R]\n     3\tend");
    }
}
