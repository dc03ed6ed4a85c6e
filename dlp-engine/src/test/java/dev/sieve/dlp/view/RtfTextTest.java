package dev.sieve.dlp.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The RTF reader's rules, one by one (RTF 1.9.1's reader rules), and the SVG sniff. */
class RtfTextTest {

    private static String text(String rtf) {
        return RtfText.text(rtf.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** {@code s} with every character written as {@code \'hh}. */
    static String hex(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(String.format("\\'%02x", (int) c));
        }
        return b.toString();
    }

    @Test
    void hexEscapesAreBytesOfTheCodePage() {
        assertThat(text("{\\rtf1\\ansi " + hex("ghp_abc") + "}")).isEqualTo("ghp_abc");
        assertThat(text("{\\rtf1\\ansi caf\\'e9 \\'80}")).isEqualTo("café €"); // cp1252 by default
        assertThat(text("{\\rtf1\\ansi\\ansicpg1251 \\'e0\\'e1}")).isEqualTo("аб"); // Cyrillic code page
        assertThat(text("{\\rtf1\\ansi\\ansicpg932 \\'82\\'a0}")).isEqualTo("あ"); // a double-byte pair stays a pair
        assertThat(text("{\\rtf1 a\\'zzb}")).isEqualTo("azzb"); // not an escape: ignored, the letters read
    }

    @Test
    void unicodeEscapesSkipTheirFallbackCharacters() {
        assertThat(text("{\\rtf1 \\u8364?x}")).isEqualTo("€x");
        assertThat(text("{\\rtf1 \\u-10179?\\u-8704?}")).isEqualTo("😀"); // signed 16-bit units, a surrogate pair
        assertThat(text("{\\rtf1\\uc2 \\u12354\\'82\\'a0b}")).isEqualTo("あb"); // two fallback bytes skipped
        assertThat(text("{\\rtf1\\uc0 \\u103\\u104p}")).isEqualTo("ghp");
        assertThat(text("{\\rtf1 {\\uc3 \\u103 abc}\\u104 dp}")).isEqualTo("ghp"); // \\uc is scoped to its group
        assertThat(text("{\\rtf1 \\u103{}hp}")).isEqualTo("ghp"); // a brace ends the fallback
    }

    @Test
    void runsSplitByControlWordsAndGroupsJoin() {
        assertThat(text("{\\rtf1 sk_live_hfyH{\\rtlch\\fcs1 \\af0 \\ltrch\\fcs0 \\insrsid1234567 Qx}\\insrsid7 9z}"))
                .isEqualTo("sk_live_hfyHQx9z");
        assertThat(text("{\\rtf1 a\\par b\\line c\\tab d\\cell e\\~f\\\\g\\{h\\}}")).isEqualTo("a\nb\nc\td\te\u00a0f\\g{h}");
        assertThat(text("{\\rtf1 a\r\nb\\\nc}")).isEqualTo("ab\nc"); // source line breaks are not text; \\<LF> is \\par
        assertThat(text("{\\rtf1 {\\v hidden}text}")).isEqualTo("hiddentext");
    }

    @Test
    void tablesPicturesAndDataAreSkippedButUnknownStarredDestinationsAreRead() {
        String rtf = "{\\rtf1\\ansi{\\fonttbl{\\f0\\fswiss Arial;}}{\\colortbl;\\red0\\green0\\blue0;}"
                + "{\\stylesheet{\\s0 Normal;}}{\\*\\generator ghp_Generator 1.0;}{\\*\\unknownthing secret}"
                + "{\\pict\\pngblip 89504e47}{\\*\\themedata 504b0304}body}";
        assertThat(text(rtf)).isEqualTo("secret\nbody"); // the spec would skip \\*\\unknownthing: a scanner reads it
    }

    @Test
    void binaryDataIsSkippedByItsLength() {
        String rtf = "{\\rtf1 a{\\*\\objdata \\bin12 ghp_{}}\\\\x!?} b\\bin4 {}}xc}";
        assertThat(text(rtf)).isEqualTo("a bc"); // braces inside \\bin data are not groups
    }

    @Test
    void documentInformationFieldsAndAnnotationsAreRead() {
        String rtf = "{\\rtf1{\\info{\\title Quarterly}{\\author Ana}{\\doccomm key AKIA}{\\*\\company Acme}"
                + "{\\creatim\\yr2024\\mo1\\dy2}}{\\field{\\*\\fldinst HYPERLINK \"https://x.example/?t=1\"}"
                + "{\\fldrslt link}}{\\*\\annotation note}}";
        assertThat(text(rtf)).isEqualTo("Quarterly\nAna\nkey AKIA\nAcme\nHYPERLINK \"https://x.example/?t=1\"\nlinknote\n");
    }

    @Test
    void malformedRtfGivesWhatWasRead() {
        assertThat(text("{\\rtf1 {\\b bold")).isEqualTo("bold"); // truncated
        assertThat(text("{\\rtf1 a}} b} c")).isEqualTo("a b c"); // extra closing braces, text after the root group
        assertThat(text("{\\rtf1 a\\")).isEqualTo("a");
        assertThat(text("{\\rtf1 \\u")).isEmpty();
        assertThat(text("{\\rtf1 \\bin99999 abc")).isEmpty();
        assertThat(text("{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{deep"))
                .isEqualTo("deep");
        // past the nesting bound groups keep their parent's state: a destination there hides nothing
        String deep = "{".repeat(5000) + "{\\*\\generator hidden}" + "}".repeat(5000);
        assertThat(text("{\\rtf1 a" + deep + "b{\\*\\generator skipped}c}")).isEqualTo("ahiddenbc");
    }

    @Test
    void sniffing() {
        assertThat(RtfText.sniff("{\\rtf1\\ansi".getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(RtfText.sniff("{\"rtf\":1}".getBytes(StandardCharsets.US_ASCII))).isFalse();
        for (String svg : new String[] {"<svg xmlns=\"http://www.w3.org/2000/svg\">",
            "\ufeff<?xml version=\"1.0\"?>\n<!-- made by hand -->\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" "
                    + "\"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n<svg width=\"10\">",
            "  <svg>"}) {
            assertThat(SvgText.sniff(svg.getBytes(StandardCharsets.UTF_8))).as(svg).isTrue();
        }
        for (String other : new String[] {"<svgfoo>", "<html><svg>", "<?xml version=\"1.0\"?><rss>", "{\"a\":1}",
            "<!-- never closed <svg>", "<sv"}) {
            assertThat(SvgText.sniff(other.getBytes(StandardCharsets.UTF_8))).as(other).isFalse();
        }
    }
}
