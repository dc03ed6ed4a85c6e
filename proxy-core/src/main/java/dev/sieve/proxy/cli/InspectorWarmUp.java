package dev.sieve.proxy.cli;

import dev.sieve.dlp.inspect.InspectionPolicy;
import dev.sieve.dlp.inspect.Inspector;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Runs one small PDF request through an inspector before a measurement. The first PDF a JVM reads pays a one-time
 * cost (PDFBox maps the standard fonts onto system fonts, seconds on a loaded machine) that counts against the
 * {@code maxPdfTime} limit of whichever request comes first; a running proxy has long paid it. Without this, the
 * same corpus could score differently from one run to the next.
 */
final class InspectorWarmUp {

    private InspectorWarmUp() {
    }

    static void run(Inspector inspector) {
        byte[] pdf = minimalPdf();
        ScanInput.inline("warm-up", "POST", "/", List.of(Map.entry("Content-Type", "application/pdf")), pdf)
                .inspect(inspector, InspectionPolicy.defaults());
    }

    /** A one-page PDF showing one word in Helvetica, with a correct cross-reference table. */
    static byte[] minimalPdf() {
        String[] objects = {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << /Font << /F1 4 0 R >> >> "
                + "/Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            "<< /Length 38 >>\nstream\nBT /F1 12 Tf 10 100 Td (warm up) Tj ET\nendstream"};
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        int[] offsets = new int[objects.length];
        for (int i = 0; i < objects.length; i++) {
            offsets[i] = pdf.length();
            pdf.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
        for (int offset : offsets) {
            pdf.append(String.format("%010d 00000 n \n", offset));
        }
        pdf.append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref)
                .append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
