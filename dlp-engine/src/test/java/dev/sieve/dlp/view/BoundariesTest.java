package dev.sieve.dlp.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The joined view of consecutive values: each boundary glues a window of the end of the earlier value to a window of
 * the start of the later one, cut at characters, one line a boundary; a short middle value also gives the line of
 * the three (a secret cut in three); a finding counts only when it crosses a glue, and is placed at the later value.
 */
class BoundariesTest {

    @Test
    void twoValuesAreGluedWithNothingBetweenAndARunEndsWithANewline() {
        Boundaries b = new Boundaries(8);
        b.add("abcd", 10);
        b.add("efgh", 20);

        assertThat(b.finish()).isTrue();
        assertThat(text(b)).isEqualTo("abcdefgh\n");
        assertThat(b.crosses(2, 6)).isTrue();
        assertThat(b.crosses(0, 4)).as("inside the earlier value").isFalse();
        assertThat(b.crosses(4, 8)).as("inside the later value").isFalse();
        assertThat(b.placeOf(2)).isEqualTo(20);
    }

    /** An empty value (a tool's empty output) is skipped: it neither fails nor breaks the run around it. */
    @Test
    void anEmptyValueIsSkippedInEveryMode() {
        for (Boundaries b : new Boundaries[] {new Boundaries(8), Boundaries.ofValues()}) {
            b.add("", 5);
            b.add("abcd", 10);
            b.add("", 15);
            b.add(new byte[0], 0, 0, 16);
            b.add("efgh", 20);
            b.add("", 25);

            assertThat(b.finish()).isTrue();
            assertThat(text(b)).isEqualTo("abcdefgh\n");
            assertThat(b.placeOf(2)).isEqualTo(20);
        }
    }

    @Test
    void aLoneValueCopiesNothingAndHasNoBoundary() {
        Boundaries b = new Boundaries(8);
        b.add("a lone value of some length", 0);
        b.breakRun();
        b.add("another lone one", 40);

        assertThat(b.finish()).isFalse();
        assertThat(b.length()).isZero();
    }

    @Test
    void aShortMiddleValueIsKeptWholeSoThatThreePiecesAreJoined() {
        Boundaries b = new Boundaries(8);
        b.add("0123456789abcdef", 1);
        b.add("MIDDLE", 2);
        b.add("xyz0123456789", 3);
        b.finish();

        assertThat(text(b)).isEqualTo("89abcdefMIDDLE\n" + "MIDDLExyz01234\n" + "89abcdefMIDDLExyz01234\n");
        assertThat(b.count()).isEqualTo(4);
        assertThat(b.crosses(36, 46)).as("over the whole middle value, both glues").isTrue();
        assertThat(b.placeOf(37)).isEqualTo(2);
        assertThat(b.placeOf(39)).isEqualTo(3);
    }

    @Test
    void ofALongMiddleValueOnlyItsHeadAndTailAreKept() {
        Boundaries b = new Boundaries(4);
        b.add("aaaaXXXX", 1);
        b.add("HEADmiddle-partTAIL", 2);
        b.add("ZZZZzzzz", 3);
        b.finish();

        assertThat(text(b)).isEqualTo("XXXXHEAD\nTAILZZZZ\n");
        assertThat(b.crosses(2, 6)).isTrue();
        assertThat(b.crosses(5, 12)).as("over the newline between head and tail: no glue").isFalse();
        assertThat(b.crosses(11, 15)).isTrue();
    }

    @Test
    void breakRunStartsANewRunAndAddAllShiftsTheBoundaries() {
        Boundaries first = new Boundaries(8);
        first.add("left", 5);
        first.add("right", 6);
        first.breakRun();
        first.add("solo", 7);
        Boundaries other = new Boundaries(8);
        other.add("up__", 8);
        other.add("down", 9);
        Boundaries all = new Boundaries(8);
        all.addAll(first);
        all.addAll(other);

        assertThat(text(all)).isEqualTo("leftright\nup__down\n");
        assertThat(all.count()).isEqualTo(2);
        assertThat(all.crosses(12, 15)).isTrue();
        assertThat(all.placeOf(12)).isEqualTo(9);
        assertThat(all.crosses(9, 12)).isFalse();
    }

    @Test
    void windowsAreCutAtCharactersInStringsAndInUtf8Bytes() {
        String emoji = "\ud83d\ude00";
        for (int pad = 0; pad < 3; pad++) {
            String before = "x".repeat(pad) + emoji.repeat(4);
            String after = emoji.repeat(4) + "y".repeat(pad);
            Boundaries chars = new Boundaries(3);
            chars.add(before, 0);
            chars.add(after, 1);
            chars.finish();
            String joined = text(chars);
            assertThat(joined).doesNotContain("\ufffd").endsWith("\n");
            assertThat(joined).startsWith(emoji).contains(emoji + emoji);

            byte[] a = before.getBytes(StandardCharsets.UTF_8);
            byte[] b = after.getBytes(StandardCharsets.UTF_8);
            Boundaries bytes = new Boundaries(6);
            bytes.add(a, 0, a.length, 0);
            bytes.add(b, 0, b.length, 1);
            bytes.finish();
            assertThat(text(bytes)).doesNotContain("\ufffd").isEqualTo(emoji + emoji + "\n");
        }
    }

    @Test
    void valuesKeepOnlyTheRunAtTheBoundaryAndAMarginBesideIt() {
        String prose = "word ".repeat(100);
        Boundaries b = Boundaries.ofValues();
        b.add(prose + "api_key=sk_live_0123", 0);
        b.add("456789abcdef and then " + prose, 1);
        b.finish();

        String joined = text(b);
        assertThat(joined).contains("api_key=sk_live_0123456789abcdef");
        assertThat(joined.length()).isLessThan(2 * Boundaries.MARGIN + 60);
        int glue = joined.indexOf("456789");
        assertThat(b.crosses(glue - 20, glue + 12)).isTrue();
    }

    @Test
    void aShortLabelThatStartsTheLaterValueIsSkippedOnASecondLine() {
        for (String label : new String[] {"Part 2: ", "2/2 - ", "second half:  ", "rest = ", "(2) > "}) {
            Boundaries b = Boundaries.ofValues();
            b.add("Part 1: sk_live_0123", 0);
            b.add(label + "456789abcdef", 1);
            b.finish();

            String joined = text(b);
            assertThat(joined).as(label).contains("sk_live_0123456789abcdef\n");
            int glue = joined.indexOf("sk_live_0123456789") + 12;
            assertThat(b.crosses(glue - 4, glue + 4)).isTrue();
            assertThat(b.placeOf(glue - 4)).isEqualTo(1);
        }
    }

    @Test
    void aSeparatorInsideATokenOrBeforeAShortValueOrAfterFourWordsIsNoLabel() {
        for (String later : new String[] {"sk-proj-abcdefgh", "id=abcdefgh", "Part 2: abc", "one two three four: abcdefgh",
                "a \"quoted\": abcdefgh", ": abcdefgh"}) {
            Boundaries b = Boundaries.ofValues();
            b.add("tail0123", 0);
            b.add(later, 1);
            b.finish();

            assertThat(text(b).split("\n")).as(later).hasSize(1);
        }
    }

    @Test
    void aValueWithoutWhiteSpaceIsKeptUpToTheWindow() {
        String run = "A".repeat(Boundaries.WINDOW * 3);
        Boundaries b = Boundaries.ofValues();
        b.add(run, 0);
        b.add(run, 1);
        b.finish();

        assertThat(b.length()).isEqualTo(2 * Boundaries.WINDOW + 1);
    }

    private static String text(Boundaries b) {
        ByteBuffer c = b.content();
        byte[] out = new byte[c.remaining()];
        c.get(out);
        return new String(out, StandardCharsets.UTF_8);
    }
}
