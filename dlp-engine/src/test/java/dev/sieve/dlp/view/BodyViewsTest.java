package dev.sieve.dlp.view;

import static dev.sieve.dlp.view.Fixtures.decode;
import static dev.sieve.dlp.view.Fixtures.meta;
import static dev.sieve.dlp.view.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.junit.jupiter.api.Test;

class BodyViewsTest {

    static final String BOUNDARY = "----sieve7MA4YWxk";
    static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;

    /** A multipart body with a text field, a base64 file, a quoted-printable file, a JSON part and a PDF. */
    static byte[] multipart(byte[] pdf) {
        String b64 = Base64.getMimeEncoder().encodeToString(utf8("file line SECRET-000010\n"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8("preamble\r\n--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"purpose\"\r\n\r\n"
                + "assistants SECRET-000011\r\n--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"notes.txt\"\r\n"
                + "Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + b64 + "\r\n--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"qp\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "caf=C3=A9 SECRET-000012=\r\n tail\r\n--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n"
                + "{\"note\":\"SECRET-000013\"}\r\n--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"doc\"; filename=\"r.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n"));
        out.writeBytes(pdf);
        out.writeBytes(utf8("\r\n--" + BOUNDARY + "--\r\nepilogue"));
        return out.toByteArray();
    }

    @Test
    void aPartsFileNameIsScannedAndCannotBeRedacted() {
        byte[] body = utf8("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; "
                + "filename*=UTF-8''SECRET-000020%20notes.txt\r\nContent-Type: text/plain\r\n\r\nplain text\r\n--"
                + BOUNDARY + "--\r\n");

        Fixtures.Decoded d = decode(meta(MULTIPART, null), body).ok();

        assertThat(d.views()).containsEntry("multipart:file|filename", "SECRET-000020 notes.txt");
        RewriteOutcome out = Redactor.rewrite(meta(MULTIPART, null), java.nio.ByteBuffer.wrap(body),
                Fixtures.findSecrets(meta(MULTIPART, null), body), ViewLimits.defaults());
        assertThat(out).isEqualTo(new RewriteOutcome.CannotRewrite("multipart:file|filename",
                "text extracted from a multipart file name cannot be written back into it"));
    }

    @Test
    void aPartsNameAndItsUncommonHeadersAreScannedAndCannotBeRedacted() {
        byte[] body = utf8("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"SECRET-000022\"\r\n\r\n1\r\n--"
                + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"meta\"\r\nX-Part-Auth: SECRET-000023\r\n"
                + "Content-Type: application/json\r\n\r\n{}\r\n--" + BOUNDARY + "--\r\n");

        Fixtures.Decoded d = decode(meta(MULTIPART, null), body).ok();

        assertThat(d.views()).containsEntry("multipart|part-headers",
                "SECRET-000022\nx-part-auth: SECRET-000023\n"); // not meta: a plain name holds no value
        RewriteOutcome out = Redactor.rewrite(meta(MULTIPART, null), java.nio.ByteBuffer.wrap(body),
                Fixtures.findSecrets(meta(MULTIPART, null), body), ViewLimits.defaults());
        assertThat(out).isEqualTo(new RewriteOutcome.CannotRewrite("multipart|part-headers",
                "a part's name or header cannot be redacted in place"));
    }

    @Test
    void aFileNameCutIntoRfc2231ContinuationsIsScannedWhole() {
        String[] dispositions = {
            "filename*0*=UTF-8''SECRET-0; filename*1*=000%32%31; filename*2=.txt",
            "filename*1=21.txt; filename*0*=utf-8'en'SECRET-0000", // out of order, a language tag
            "filename*0=SECRET-00; filename*1=0021.txt",             // literal pieces only
        };
        for (String disposition : dispositions) {
            byte[] body = utf8("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; " + disposition
                    + "\r\nContent-Type: text/plain\r\n\r\nplain text\r\n--" + BOUNDARY + "--\r\n");
            assertThat(decode(meta(MULTIPART, null), body).ok().views()).as(disposition)
                    .containsEntry("multipart:file|filename", "SECRET-000021.txt");
        }
    }

    @Test
    void multipartPartsAreDecodedByTransferEncodingAndType() throws IOException {
        Fixtures.Decoded d = decode(meta(MULTIPART, null), multipart(Fixtures.pdf("pdf text SECRET-000014"))).ok();
        assertThat(d.views()).containsOnlyKeys("multipart:purpose", "multipart:file|filename",
                "multipart:file/notes.txt", "multipart:qp", "multipart:meta|json", "multipart:doc|filename",
                "multipart:doc/r.pdf|pdf"); // plain lower-case field names give no multipart|part-headers view
        assertThat(d.views()).containsEntry("multipart:file|filename", "notes.txt");
        assertThat(d.views()).containsEntry("multipart:purpose", "assistants SECRET-000011")
                .containsEntry("multipart:file/notes.txt", "file line SECRET-000010\n")
                .containsEntry("multipart:qp", "caf\u00e9 SECRET-000012 tail")
                .containsEntry("multipart:meta|json", "note\nSECRET-000013\n");
        assertThat(d.views().get("multipart:doc/r.pdf|pdf")).contains("pdf text SECRET-000014");
    }

    @Test
    void malformedMultipartFailsClosed() {
        String part = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue";
        DecodeOutcome.Failed noClose = decode(meta(MULTIPART, null), utf8(part)).failed();
        assertThat(noClose.reason()).isEqualTo(FailReason.MULTIPART_INVALID);
        assertThat(noClose.detail()).startsWith("multipart: part 0 has no closing boundary");

        DecodeOutcome.Failed noBoundary = decode(meta("multipart/form-data", null), utf8(part)).failed();
        assertThat(noBoundary.reason()).isEqualTo(FailReason.MULTIPART_INVALID);
        assertThat(noBoundary.detail()).startsWith("Content-Type: multipart/form-data without a valid boundary");

        assertThat(decode(meta(MULTIPART, null), utf8("no boundary here")).failed().reason())
                .isEqualTo(FailReason.MULTIPART_INVALID);
        String badBase64 = "--" + BOUNDARY + "\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!!\r\n--" + BOUNDARY + "--";
        assertThat(decode(meta(MULTIPART, null), utf8(badBase64)).failed().reason())
                .isEqualTo(FailReason.CORRUPT_ENCODING);
        String unknownTe = "--" + BOUNDARY + "\r\nContent-Transfer-Encoding: uuencode\r\n\r\nx\r\n--" + BOUNDARY + "--";
        assertThat(decode(meta(MULTIPART, null), utf8(unknownTe)).failed().reason())
                .isEqualTo(FailReason.UNSUPPORTED_ENCODING);
    }

    @Test
    void multipartPartLimit() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            body.append("--").append(BOUNDARY).append("\r\n\r\nv").append(i).append("\r\n");
        }
        body.append("--").append(BOUNDARY).append("--");
        assertThat(decode(meta(MULTIPART, null), utf8(body.toString())).ok().views())
                .containsEntry("multipart:[0]", "v0").containsEntry("multipart:[4]", "v4");
        assertThat(decode(meta(MULTIPART, null), utf8(body.toString()), ViewLimits.defaults().withMaxMultipartParts(4))
                .failed().reason()).isEqualTo(FailReason.MULTIPART_LIMIT);
    }

    @Test
    void formAndQueryAreProjections() {
        RequestMeta meta = meta("/v1/search?q=hello+world&key=SECRET%2D000020&flag&bad=%zz", "application/x-www-form-urlencoded", null);
        assertThat(decode(meta, utf8("name=Jane+Doe&note=caf%C3%A9%20SECRET-000021")).ok().views()).containsExactly(
                entry("query", "q\nhello world\nkey\nSECRET-000020\nflag\nbad\n%zz\n"),
                entry("form", "name\nJane Doe\nnote\ncaf\u00e9 SECRET-000021\n"),
                entry("form|joined", "Jane Doecaf\u00e9 SECRET-000021\n"));
    }

    @Test
    void rawBodiesAreOneView() {
        byte[] binary = {0, 1, 2, 'S', 'E', 'C', (byte) 0xff};
        assertThat(decode(meta("application/octet-stream", null), binary).ok().views()).containsOnlyKeys("body");
        assertThat(decode(meta(null, null), utf8("plain SECRET-000022")).ok().views())
                .containsExactly(entry("body", "plain SECRET-000022"));
        assertThat(decode(meta("text/plain", null), utf8("a PDF starts with %PDF-1.7")).ok().views())
                .containsOnlyKeys("body");
    }

    @Test
    void pdfBodyIsExtractedAndLimited() throws IOException {
        byte[] pdf = Fixtures.pdf("one SECRET-000023", "two", "three");
        assertThat(decode(meta("application/pdf", null), pdf).ok().views().get("pdf"))
                .contains("one SECRET-000023").contains("two").contains("three");
        assertThat(decode(meta("application/octet-stream", null), pdf).ok().views()).containsOnlyKeys("pdf");
        DecodeOutcome.Failed pages = decode(meta("application/pdf", null), pdf, ViewLimits.defaults().withMaxPdfPages(2)).failed();
        assertThat(pages.reason()).isEqualTo(FailReason.PDF_LIMIT);
        assertThat(pages.detail()).isEqualTo("pdf: PDF of 3 pages (expected: <= maxPdfPages 2)");
    }

    @Test
    void pdfAnnotationNotesAndFormFieldValuesAreExtracted() throws IOException {
        byte[] pdf = Fixtures.pdfWithNotes("page text", "field SECRET-000024", "note SECRET-000025", "second\nnote");
        assertThat(decode(meta("application/pdf", null), pdf).ok().views().get("pdf"))
                .contains("page text").contains("field SECRET-000024").contains("note SECRET-000025").contains("second\nnote");
    }

    @Test
    void pdfAnnotationCountIsLimited() throws IOException {
        String[] notes = new String[PdfText.MAX_NOTES + 1];
        java.util.Arrays.fill(notes, "n");
        DecodeOutcome.Failed f = decode(meta("application/pdf", null), Fixtures.pdfWithNotes("page", null, notes)).failed();
        assertThat(f.reason()).isEqualTo(FailReason.PDF_LIMIT);
        assertThat(f.detail()).isEqualTo("pdf: PDF with over 10000 annotations and form fields (expected: <= 10000)");
        assertThat(decode(meta("application/pdf", null), Fixtures.pdfWithNotes("page", null, "n", "n")).ok().views())
                .containsKey("pdf");
    }

    @Test
    void pdfTimeLimitUsesTheInjectedClock() throws IOException {
        byte[] pdf = Fixtures.pdf("one", "two");
        Clock stepping = Fixtures.steppingClock();
        DecodeOutcome outcome = Views.decode(meta("application/pdf", null), ByteBuffer.wrap(pdf),
                ViewLimits.defaults(), (p, c) -> { }, stepping);
        assertThat(outcome).isInstanceOf(DecodeOutcome.Failed.class);
        assertThat(((DecodeOutcome.Failed) outcome).reason()).isEqualTo(FailReason.PDF_LIMIT);
        assertThat(((DecodeOutcome.Failed) outcome).detail()).contains("PDF text extraction over PT2S");
        assertThat(Duration.ofSeconds(2)).isEqualTo(ViewLimits.defaults().maxPdfTime());
    }

    @Test
    void unreadableAndPasswordProtectedPdfsFailClosed() throws IOException {
        byte[] pdf = Fixtures.pdf("confidential");
        byte[] corrupt = java.util.Arrays.copyOf(utf8("%PDF-1.7\n garbage"), 200);
        assertThat(decode(meta("application/pdf", null), corrupt).failed().reason()).isEqualTo(FailReason.PDF_UNREADABLE);

        try (PDDocument doc = Loader.loadPDF(pdf)) {
            doc.protect(new StandardProtectionPolicy("owner-pw", "user-pw", new AccessPermission()));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            DecodeOutcome.Failed f = decode(meta("application/pdf", null), out.toByteArray()).failed();
            assertThat(f.reason()).isEqualTo(FailReason.PDF_UNREADABLE);
            assertThat(f.detail()).contains("encrypted with a password");
        }
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            doc.protect(new StandardProtectionPolicy("owner-pw", "", new AccessPermission()));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            assertThat(decode(meta("application/pdf", null), out.toByteArray()).ok().views().get("pdf"))
                    .contains("confidential");
        }
    }
}
