package dev.sieve.dlp.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The uuencode and Ascii85 decoders and the search for their blocks, on outputs of Python's encoders. */
class UuencodeAscii85Test {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String decoded(TextCodecs.Decoded d) {
        return new String(d.bytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void ascii85AsPythonWritesIt() {
        // base64.a85encode(b'Man is distinguished', adobe=True) and (b'\0\0\0\0Man is', adobe=True)
        byte[] text = ascii("<~9jqo^BlbD-BleB1DJ+*+F(f,q~>");
        assertThat(decoded(TextCodecs.ascii85(text, 2, text.length - 2))).isEqualTo("Man is distinguished");
        byte[] zeros = ascii("<~z9jqo^Bla~>");
        assertThat(decoded(TextCodecs.ascii85(zeros, 2, zeros.length - 2))).isEqualTo("\0\0\0\0Man is");
        byte[] wrapped = ascii("9jqo^Blb\n D-BleB1DJ\r\n+*+F(f,q");
        assertThat(decoded(TextCodecs.ascii85(wrapped, 0, wrapped.length))).isEqualTo("Man is distinguished");
    }

    @Test
    void malformedAscii85IsNoLayer() {
        for (String bad : List.of("uuuuu9jqo^", "9jqo^B", "9jqoz^Blb", "9jqo^Bl{bD")) {
            byte[] b = ascii(bad);
            assertThat(TextCodecs.ascii85(b, 0, b.length)).as(bad).isNull();
        }
    }

    @Test
    void uuencodeAsPythonAndGnuWriteIt() {
        // binascii.b2a_uu(b'Man is distinguished') (spaces for 0) and the same with backticks
        for (String line : List.of("436%N(&ES(&1I<W1I;F=U:7-H960 ", "436%N(&ES(&1I<W1I;F=U:7-H960`")) {
            byte[] text = ascii("begin 644 m.txt\n" + line + "\n`\nend\n");
            List<Candidates.Candidate> found = Candidates.findCodes(text, 0, text.length);
            assertThat(found).hasSize(1);
            Candidates.Candidate c = found.get(0);
            assertThat(c.kind()).isEqualTo(Candidates.Kind.UUENCODE);
            assertThat(decoded(TextCodecs.decode(text, c))).isEqualTo("Man is distinguished");
        }
    }

    @Test
    void blocksAreFoundOnlyWithTheirFraming() {
        String line = "436%N(&ES(&1I<W1I;F=U:7-H960`";
        for (String none : List.of("begin 644\n436%N(&ES(&1I", "begin 64 m\n436%N(&ES(&1I",
                "begin 644 m\nhello there\n", "begin 644 m\n", "begin644 m\n" + line, "begin 644m\n" + line,
                "<~9jqo^B~>", "<~9jqo^BlbD-BleB1DJ", "9jqo^BlbD-BleB1DJ+*+F(f,q~>")) {
            byte[] text = ascii(none);
            assertThat(Candidates.findCodes(text, 0, text.length)).as(none).isEmpty();
        }
        byte[] two = ascii("a <~9jqo^BlbD-BleB1DJ+*+F(f,q~> b <~9jqo^BlbD-BleB1DJ+*+F(f,q~> c");
        assertThat(Candidates.findCodes(two, 0, two.length)).extracting(Candidates.Candidate::start)
                .containsExactly(4, 36);
    }

    /** Any bytes after the framing: the search and both decoders end without an exception, inside the text. */
    @Property(tries = 1000)
    void anyBytesAfterTheFramingDecodeOrGiveNullWithoutThrowing(@ForAll byte[] junk, @ForAll boolean uu) {
        byte[] head = ascii(uu ? "begin 644 x\nM" : "<~");
        byte[] text = new byte[head.length + junk.length + 2];
        System.arraycopy(head, 0, text, 0, head.length);
        System.arraycopy(junk, 0, text, head.length, junk.length);
        text[text.length - 2] = '~';
        text[text.length - 1] = '>';
        for (Candidates.Candidate c : Candidates.findCodes(text, 0, text.length)) {
            assertThat(c.start()).isBetween(0, c.end());
            assertThat(c.end()).isLessThanOrEqualTo(text.length);
            TextCodecs.decode(text, c);
        }
        TextCodecs.ascii85(text, 0, text.length);
        TextCodecs.uudecode(text, head.length - 1, text.length);
    }
}
