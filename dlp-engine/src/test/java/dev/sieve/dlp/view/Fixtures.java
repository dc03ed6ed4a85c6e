package dev.sieve.dlp.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationText;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDTextField;

/** Builders for requests and encodings, and a test-only span finder (a regex over each view). */
final class Fixtures {

    /** Synthetic marker the test finder redacts; never a real credential. */
    static final Pattern SECRET = Pattern.compile("SECRET-[0-9]{6}");
    static final String REDACTED = "[REDACTED]";

    private Fixtures() {
    }

    static String secret(int n) {
        return String.format("SECRET-%06d", n);
    }

    static RequestMeta meta(String contentType, String contentEncoding) {
        return meta("/v1/messages", contentType, contentEncoding);
    }

    static RequestMeta meta(String pathAndQuery, String contentType, String contentEncoding) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("Host", "api.example.test"));
        if (contentType != null) {
            headers.add(Map.entry("Content-Type", contentType));
        }
        if (contentEncoding != null) {
            headers.add(Map.entry("Content-Encoding", contentEncoding));
        }
        return new RequestMeta("POST", pathAndQuery, headers);
    }

    /** Decoded views in delivery order, contents as UTF-8 text. */
    record Decoded(DecodeOutcome outcome, Map<String, String> views) {
        Decoded ok() {
            assertThat(outcome).isInstanceOf(DecodeOutcome.Ok.class);
            return this;
        }

        DecodeOutcome.Failed failed() {
            assertThat(outcome).isInstanceOf(DecodeOutcome.Failed.class);
            return (DecodeOutcome.Failed) outcome;
        }
    }

    static Decoded decode(RequestMeta meta, byte[] body) {
        return decode(meta, body, ViewLimits.defaults());
    }

    static Decoded decode(RequestMeta meta, byte[] body, ViewLimits limits) {
        Map<String, String> views = new LinkedHashMap<>();
        DecodeOutcome outcome = Views.decode(meta, ByteBuffer.wrap(body), limits, (path, content) -> {
            byte[] b = new byte[content.remaining()];
            content.get(b);
            assertThat(views.put(path, new String(b, StandardCharsets.UTF_8))).as("duplicate path %s", path).isNull();
        });
        return new Decoded(outcome, views);
    }

    /** Spans of every {@link #SECRET} match in every view, as byte offsets. */
    static Map<String, List<Span>> findSecrets(RequestMeta meta, byte[] body) {
        Map<String, List<Span>> spans = new LinkedHashMap<>();
        DecodeOutcome outcome = Views.decode(meta, ByteBuffer.wrap(body), ViewLimits.defaults(), (path, content) -> {
            if (Views.isJoinedText(path)) {
                return; // a joined view reports only a match across a boundary; a marker lies inside one value
            }
            byte[] b = new byte[content.remaining()];
            content.get(b);
            String text = new String(b, StandardCharsets.UTF_8);
            Matcher m = SECRET.matcher(text);
            while (m.find()) {
                long start = text.substring(0, m.start()).getBytes(StandardCharsets.UTF_8).length;
                long end = start + m.group().getBytes(StandardCharsets.UTF_8).length;
                spans.computeIfAbsent(path, k -> new ArrayList<>()).add(new Span(start, end, REDACTED));
            }
        });
        assertThat(outcome).isInstanceOf(DecodeOutcome.Ok.class);
        return spans;
    }

    /** Finds, rewrites, and returns the rewritten request after asserting no view still holds a secret. */
    static RewriteOutcome.Rewritten redactAll(RequestMeta meta, byte[] body) {
        Map<String, List<Span>> spans = findSecrets(meta, body);
        assertThat(spans).as("test input must contain secrets").isNotEmpty();
        RewriteOutcome outcome = Redactor.rewrite(meta, ByteBuffer.wrap(body), spans, ViewLimits.defaults());
        assertThat(outcome).isInstanceOf(RewriteOutcome.Rewritten.class);
        RewriteOutcome.Rewritten rewritten = (RewriteOutcome.Rewritten) outcome;
        assertThat(rewritten.headerChanges())
                .containsExactly(Map.entry("Content-Length", Integer.toString(rewritten.body().length)));
        RequestMeta after = new RequestMeta(meta.method(), rewritten.pathAndQuery(), meta.headers());
        Decoded again = decode(after, rewritten.body()).ok();
        assertThat(again.views().values()).noneMatch(v -> SECRET.matcher(v).find());
        return rewritten;
    }

    /** A clock on which every look costs a second, so time limits are tested without waiting. */
    static java.time.Clock steppingClock() {
        return new java.time.Clock() {
            private java.time.Instant now = java.time.Instant.EPOCH;

            @Override
            public java.time.Instant instant() {
                java.time.Instant t = now;
                now = now.plusSeconds(1);
                return t;
            }

            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String str(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(b);
        }
        return out.toByteArray();
    }

    static byte[] deflate(byte[] b, boolean raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
        try (DeflaterOutputStream d = new DeflaterOutputStream(out, deflater)) {
            d.write(b);
        } finally {
            deflater.end();
        }
        return out.toByteArray();
    }

    /** A zip of {@code entries} (name to content, in order), each deflated or stored, built by the JDK. */
    static byte[] zip(Map<String, byte[]> entries, boolean deflate) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                java.util.zip.ZipEntry entry = new java.util.zip.ZipEntry(e.getKey());
                if (!deflate) {
                    entry.setMethod(java.util.zip.ZipEntry.STORED);
                    entry.setSize(e.getValue().length);
                    entry.setCompressedSize(e.getValue().length);
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    crc.update(e.getValue());
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    static byte[] brotli(byte[] b) throws IOException {
        Brotli4jLoader.ensureAvailability();
        return Encoder.compress(b);
    }

    static byte[] zstd(byte[] b) {
        return Zstd.compress(b);
    }

    /** A PDF with one line of text per page, content streams Flate-compressed (PDFBox's default). */
    static byte[] pdf(String... pageTexts) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            for (String text : pageTexts) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                    cs.newLineAtOffset(72, 700);
                    cs.showText(text);
                    cs.endText();
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    /**
     * A one-page PDF ({@link #pdf}) with a sticky note per {@code notes} entry (an annotation's
     * /Contents) and, when {@code fieldValue} is not null, a text form field holding it (/V).
     */
    static byte[] pdfWithNotes(String pageText, String fieldValue, String... notes) throws IOException {
        try (PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf(pageText))) {
            PDPage page = doc.getPage(0);
            for (String note : notes) {
                PDAnnotationText sticky = new PDAnnotationText();
                sticky.setRectangle(new PDRectangle(500, 700, 20, 20));
                sticky.setContents(note);
                page.getAnnotations().add(sticky);
            }
            if (fieldValue != null) {
                PDAcroForm form = new PDAcroForm(doc);
                doc.getDocumentCatalog().setAcroForm(form);
                PDTextField field = new PDTextField(form);
                field.setPartialName("reference");
                // Set /V directly: setValue would build an appearance stream, which needs a font resource.
                field.getCOSObject().setString(COSName.V, fieldValue);
                PDAnnotationWidget widget = field.getWidgets().get(0);
                widget.setRectangle(new PDRectangle(180, 600, 320, 20));
                widget.setPage(page);
                page.getAnnotations().add(widget);
                form.getFields().add(field);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }
}
