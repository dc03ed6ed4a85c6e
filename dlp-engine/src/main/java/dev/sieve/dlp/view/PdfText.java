package dev.sieve.dlp.view;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDVariableText;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Text of a PDF (pages, then the notes of each page's annotations, then the values of its form
 * fields, then title/author/subject/keywords) as one view. Annotation /Contents (sticky notes,
 * FreeText boxes) and form field /V values are not in any content stream, so the page text alone
 * misses what a reader types into a form or a comment. Size, page count, output, the number of
 * notes and values, and time (checked at every page start and at every note or value with the
 * context's clock) are bounded. A PDF encrypted with an empty user password is decrypted and read;
 * one that needs a password fails closed.
 */
final class PdfText {

    /**
     * Annotations and form fields read from one PDF. Each costs an object in a file of at most
     * maxPdfBytes; a PDF with more than any real form or review holds fails closed rather than
     * being scanned in part.
     */
    static final int MAX_NOTES = 10_000;

    private PdfText() {
    }

    /** Signals a limit hit inside PDFBox callbacks. */
    private static final class LimitHit extends IOException {
        private final ViewLimits.Limit limit;

        /** {@code limit} is null when no configurable limit was hit. */
        LimitHit(ViewLimits.Limit limit, String message) {
            super(message, null);
            this.limit = limit;
        }
    }

    static Node decode(byte[] pdf, String path, DecodeContext ctx) throws DecodeException {
        ViewLimits limits = ctx.limits();
        if (pdf.length > limits.maxPdfBytes()) {
            throw new DecodeException(FailReason.PDF_LIMIT, ViewLimits.Limit.MAX_PDF_BYTES, path + ": PDF of " + pdf.length
                    + " bytes (expected: <= maxPdfBytes " + limits.maxPdfBytes() + ")");
        }
        String unique = ctx.claimView(path);
        if (ctx.forRewrite()) {
            return ExtractedText.claimed(unique, new byte[0], "a PDF", ctx); // never rewritable: the text itself is not needed
        }
        Stopwatch.Budget time = ctx.stopwatch().start();
        try (PDDocument doc = Loader.loadPDF(new RandomAccessReadBuffer(pdf), "", IOUtils.createMemoryOnlyStreamCache())) {
            int pages = doc.getNumberOfPages();
            if (pages > limits.maxPdfPages()) {
                throw new DecodeException(FailReason.PDF_LIMIT, ViewLimits.Limit.MAX_PDF_PAGES, path + ": PDF of " + pages
                        + " pages (expected: <= maxPdfPages " + limits.maxPdfPages() + ")");
            }
            BoundedWriter out = new BoundedWriter(ctx.remainingBytes());
            new Stripper(ctx, time, path).writeText(doc, out);
            Notes notes = new Notes(ctx, time, path, out);
            for (PDPage page : doc.getPages()) {
                for (PDAnnotation annotation : page.getAnnotations()) {
                    notes.add(annotation.getContents());
                }
            }
            // No fixup: the default one builds missing appearance streams, work the text does not need.
            PDAcroForm form = doc.getDocumentCatalog().getAcroForm(null);
            if (form != null) {
                for (PDField field : form.getFieldTree()) {
                    // Text and choice fields; a button's value is a state name, a signature's a binary blob.
                    if (field instanceof PDVariableText) {
                        notes.add(field.getValueAsString());
                    }
                }
            }
            appendInfo(doc.getDocumentInformation(), out);
            checkDeadline(ctx, time, path);
            byte[] text = out.sb.toString().getBytes(StandardCharsets.UTF_8);
            ctx.charge(text.length, path);
            return ExtractedText.claimed(unique, text, "a PDF", ctx);
        } catch (LimitHit e) {
            throw new DecodeException(FailReason.PDF_LIMIT, e.limit, e.getMessage());
        } catch (InvalidPasswordException e) {
            throw new DecodeException(FailReason.PDF_UNREADABLE,
                    path + ": PDF is encrypted with a password (expected: unencrypted or empty user password)");
        } catch (IOException | RuntimeException | StackOverflowError e) {
            throw new DecodeException(FailReason.PDF_UNREADABLE,
                    path + ": PDF cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static void appendInfo(PDDocumentInformation info, BoundedWriter out) throws IOException {
        if (info == null) {
            return;
        }
        for (String s : new String[] {info.getTitle(), info.getAuthor(), info.getSubject(), info.getKeywords()}) {
            if (s != null && !s.isEmpty()) {
                out.write(s);
                out.write('\n');
            }
        }
    }

    private static void checkDeadline(DecodeContext ctx, Stopwatch.Budget time, String path) throws LimitHit {
        if (time.over(ctx.limits().maxPdfTime())) {
            throw new LimitHit(ViewLimits.Limit.MAX_PDF_TIME, path + ": PDF text extraction over " + ctx.limits().maxPdfTime()
                    + " (expected: <= maxPdfTime)");
        }
    }

    /** Writes annotation notes and field values, one a line, within the count and time bounds. */
    private static final class Notes {
        private final DecodeContext ctx;
        private final Stopwatch.Budget time;
        private final String path;
        private final BoundedWriter out;
        private int count;

        Notes(DecodeContext ctx, Stopwatch.Budget time, String path, BoundedWriter out) {
            this.ctx = ctx;
            this.time = time;
            this.path = path;
            this.out = out;
        }

        void add(String text) throws IOException {
            if (++count > MAX_NOTES) {
                throw new LimitHit(null, path + ": PDF with over " + MAX_NOTES
                        + " annotations and form fields (expected: <= " + MAX_NOTES + ")");
            }
            checkDeadline(ctx, time, path);
            if (text != null && !text.isBlank()) {
                out.write(text);
                out.write('\n');
            }
        }
    }

    private static final class Stripper extends PDFTextStripper {
        private final DecodeContext ctx;
        private final Stopwatch.Budget time;
        private final String path;

        Stripper(DecodeContext ctx, Stopwatch.Budget time, String path) {
            this.ctx = ctx;
            this.time = time;
            this.path = path;
        }

        @Override
        protected void startPage(PDPage page) throws IOException {
            checkDeadline(ctx, time, path);
            super.startPage(page);
        }
    }

    /** Collects text, failing once it would exceed the request's remaining decode budget. */
    private static final class BoundedWriter extends Writer {
        private final StringBuilder sb = new StringBuilder();
        private final long maxChars;

        BoundedWriter(long maxChars) {
            this.maxChars = maxChars;
        }

        @Override
        public void write(char[] cbuf, int off, int len) throws IOException {
            if (sb.length() + (long) len > maxChars) {
                throw new LimitHit(ViewLimits.Limit.MAX_DECODED_BYTES, "pdf: extracted text over the remaining decode budget of " + maxChars
                        + " bytes (expected: <= maxDecodedBytes)");
            }
            sb.append(cbuf, off, len);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
