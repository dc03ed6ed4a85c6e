package dev.sieve.rules.eval;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Family {@code places39}: what session 39 closed of the blind round rt39-places.
 * <ul>
 *   <li>Positives ({@code places39:glued-*}): SSNs, Visa cards, IBANs and UK NINOs glued into a file name by
 *       {@code _} or by lower-case letters ({@code w2_408-75-6753_2025.pdf}, {@code stmt4539...final.pdf}), in the
 *       URL path, a query value, a multipart file name, an {@code x-amz-meta-*} header and Content-Disposition (the
 *       {@code |split-name} view); a bare nine-digit SSN in a W-2's file name.</li>
 *   <li>Positives ({@code places39:mp-name}, {@code places39:mp-header}): a GitHub token as a multipart field's name
 *       or in a part header of its own ({@code multipart|part-headers}).</li>
 *   <li>Negatives ({@code neg:places39}): file names with glued numbers that fail the checks (order numbers,
 *       Luhn-failing 16 digits, 9xx/000 SSN areas, IBANs with bad check digits, hashes, build ids, dates and
 *       timestamps, NINO shapes with an excluded prefix), ordinary multipart field names and part headers,
 *       {@code X-Amz-Client-Token} and {@code ClientToken} idempotency tokens, and presigned URLs' credential scope
 *       and signature without an access key id in them.</li>
 * </ul>
 * Written with the fixes, so not held out.
 */
final class Places39 {

    static final long SEED = 20_261_239L;
    static final String FAMILY = "places39";

    private final List<HardCorpus.Out> out = new ArrayList<>();
    private final Rng r;

    private Places39(Rng r) {
        this.r = r;
    }

    static List<HardCorpus.Out> cases(Rng r) {
        Places39 c = new Places39(r);
        c.glued();
        c.multipart();
        c.negatives();
        return c.out;
    }

    // ---- values ----

    private record Val(String rule, String category, String value) {
    }

    private Val ssn() {
        return new Val("pii.us-ssn", "pii", Values.ssn(r));
    }

    private Val card() {
        return new Val("financial.card-visa", "financial", Values.cardNumber(r, x -> "4" + x.digits(14), 16));
    }

    private Val iban() {
        return new Val("financial.iban", "financial", Values.iban(r, false));
    }

    private Val nino() {
        return new Val("pii.uk-nino", "pii", Values.nino(r));
    }

    private static final String[] BEFORE_UNDERSCORE = {"w2_", "payslip_", "stmt_", "scan_", "hr_export_", "ID_"};
    private static final String[] AFTER_UNDERSCORE = {"_2025", "_final", "_v2", "_signed", "_Q3", ""};
    private static final String[] BEFORE_LETTERS = {"stmt", "payslip", "scan", "acct", "export"};
    private static final String[] AFTER_LETTERS = {"final", "copy", "signed", "scan", "v"};
    private static final String[] EXT = {"pdf", "csv", "xlsx", "png", "txt", "json"};

    /** A file name holding {@code value}, glued by {@code _} or (letters) by lower-case words. */
    private String fileName(String value, boolean letters) {
        String ext = r.pick(EXT);
        return letters ? r.pick(BEFORE_LETTERS) + value + r.pick(AFTER_LETTERS) + "." + ext
                : r.pick(BEFORE_UNDERSCORE) + value + r.pick(AFTER_UNDERSCORE) + "." + ext;
    }

    // ---- positives ----

    private void glued() {
        List<Function<Places39, Val>> kinds = List.of(Places39::ssn, Places39::card, Places39::iban, Places39::nino);
        String[] places = {"path", "query", "multipart", "amz-meta", "disposition"};
        int n = 0;
        for (String place : places) {
            for (Function<Places39, Val> kind : kinds) {
                Val v = kind.apply(this);
                boolean letters = n++ % 2 == 1;
                positive("glued-" + place, v, request(place, fileName(v.value(), letters)));
            }
        }
        // a bare nine-digit SSN in a W-2's file name: W-2 is the form that carries the employee's SSN
        for (int i = 0; i < 3; i++) {
            String nine = Values.ssn(r).replace("-", "");
            Val v = new Val("pii.us-ssn-unformatted", "pii", nine);
            positive("glued-w2", v, request(r.pick("path", "query", "multipart"),
                    r.pick("w2_", "W2_", "w-2_") + nine + "_" + r.between(2019, 2026) + ".pdf"));
        }
    }

    private void multipart() {
        for (int i = 0; i < 4; i++) {
            String token = Values.githubToken(r.pick("ghp_", "gho_"), r);
            Val v = new Val(token.startsWith("gho_") ? "credential.github-oauth-token" : "credential.github-pat",
                    "credential", token);
            positive("mp-name", v, multipartRequest("Content-Disposition: form-data; name=\"" + token + "\"", "1"));
        }
        for (int i = 0; i < 4; i++) {
            String token = Values.githubToken(r.pick("ghp_", "gho_"), r);
            Val v = new Val(token.startsWith("gho_") ? "credential.github-oauth-token" : "credential.github-pat",
                    "credential", token);
            String header = r.pick("X-Part-Auth", "X-Upload-Ctx", "X-Meta");
            positive("mp-header", v, multipartRequest("Content-Disposition: form-data; name=\"meta\"\r\n" + header
                    + ": " + token, "{}"));
        }
    }

    // ---- negatives ----

    private void negatives() {
        // glued digits that fail every check: an order number, a Luhn-failing 16 digits, a 9xx and a 000 SSN area,
        // an IBAN with bad check digits, a NINO shape with an excluded prefix, hashes, build ids, dates, timestamps
        String card = Values.cardNumber(r, x -> "4" + x.digits(14), 16);
        String badCard = card.substring(0, 15) + (char) ('0' + (card.charAt(15) - '0' + 1) % 10);
        String iban = Values.iban(r, false);
        String badIban = iban.substring(0, 2) + String.format("%02d", (Integer.parseInt(iban.substring(2, 4)) + 1) % 97)
                + iban.substring(4);
        List<String> names = List.of(
                "invoice_" + r.digits(8) + "_2025.pdf",
                "order" + r.digits(10) + "final.pdf",
                "stmt" + badCard + "final.pdf",
                "w2_" + r.between(900, 999) + "-" + String.format("%02d", r.between(1, 99)) + "-"
                        + String.format("%04d", r.between(1, 9999)) + "_2025.pdf",
                "w2_000-" + String.format("%02d", r.between(1, 99)) + "-" + String.format("%04d", r.between(1, 9999))
                        + ".pdf",
                "stmt" + badIban + "final.pdf",
                "scan_QQ" + r.digits(6) + "C_2025.pdf",
                "build_" + r.from(Rng.HEX, 12) + "_" + r.digits(8) + ".tar",
                "app-" + r.digits(4) + "." + r.digits(2) + "_build" + r.digits(7) + ".zip",
                "backup_" + "2025" + String.format("%02d%02d", r.between(1, 12), r.between(1, 28)) + "_"
                        + r.digits(6) + ".sql",
                "log" + r.digits(13) + "events.json",
                "report_" + r.from(Rng.HEX, 40) + ".csv",
                "IMG_" + "2025" + r.digits(4) + "_" + r.digits(6) + ".png",
                "sha" + r.from(Rng.HEX, 16) + "v" + r.digits(6) + ".txt");
        String[] places = {"path", "query", "multipart", "amz-meta", "disposition"};
        for (int i = 0; i < names.size(); i++) {
            negative("glued", request(places[i % places.length], names.get(i)));
        }
        // ordinary multipart names and part headers
        negative("mp-names", multipartRequest("Content-Disposition: form-data; name=\"purpose\"\r\n"
                + "X-Upload-Id: " + r.from(Rng.HEX, 32), "fine-tune"));
        negative("mp-names", multipartRequest("Content-Disposition: form-data; name=\"password_confirmation_hint\"",
                "the usual one"));
        negative("mp-names", multipartRequest("Content-Disposition: form-data; name=\"session_token_ttl\"\r\n"
                + "X-Request-Id: " + java.util.UUID.nameUUIDFromBytes(r.digits(8).getBytes(StandardCharsets.UTF_8)),
                "3600"));
        // idempotency tokens
        for (int i = 0; i < 3; i++) {
            negative("idempotency", new Containers.Req("POST", "https://" + r.pick("ec2", "elasticloadbalancing",
                    "ssm") + ".us-east-1.amazonaws.com/", Containers.headers("X-Amz-Client-Token",
                    r.from(Rng.ALNUM, 32), "Content-Type", "application/json"),
                    utf8("{\"ClientToken\": \"" + r.from(Rng.ALNUM, 8) + "-" + r.from(Rng.HEX, 24) + "\"}"), false,
                    "idempotency token"));
        }
        negative("idempotency", new Containers.Req("POST", "https://cloudformation.us-east-1.amazonaws.com/",
                Containers.headers("Content-Type", "application/x-www-form-urlencoded"),
                utf8("Action=CreateStack&StackName=web&ClientRequestToken=" + r.from(Rng.ALNUM, 12) + "-"
                        + r.from(Rng.HEX, 20)), false, "idempotency token"));
        // presigned URLs without a key id: a role's credential scope spelled out, the signature
        for (int i = 0; i < 3; i++) {
            negative("presign", new Containers.Req("GET", "https://exports-" + r.digits(4)
                    + ".s3.us-east-1.amazonaws.com/report.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential="
                    + r.pick("scope", "signer", "uploader") + r.from(Rng.ALNUM, 12) + "%2F2026120" + r.between(1, 9)
                    + "%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261207T101500Z&X-Amz-Expires=900"
                    + "&X-Amz-SignedHeaders=host&X-Amz-Signature=" + r.from(Rng.HEX, 64), List.of(), new byte[0], false,
                    "presigned URL"));
        }
    }

    // ---- requests ----

    /** A request that carries {@code name} at {@code place}. */
    private Containers.Req request(String place, String name) {
        String host = "https://" + r.pick("uploads.kestrel.example", "files.quillfeather.example",
                "cdn.obsidian.example");
        return switch (place) {
            case "path" -> new Containers.Req("PUT", host + "/hr/uploads/" + name,
                    Containers.headers("Content-Type", "application/octet-stream"), utf8("x".repeat(32)), true,
                    "file name in the path");
            case "query" -> new Containers.Req("GET", host + "/preview?file=" + name + "&v=" + r.between(1, 9),
                    List.of(), new byte[0], false, "file name in a query value");
            case "multipart" -> multipartRequest("Content-Disposition: form-data; name=\"file\"; filename=\"" + name
                    + "\"\r\nContent-Type: application/octet-stream", "x".repeat(32));
            case "amz-meta" -> new Containers.Req("PUT", host + "/hr/x", Containers.headers(
                    "x-amz-meta-original-name", name, "Content-Type", "application/octet-stream"),
                    utf8("x".repeat(32)), true, "file name in x-amz-meta");
            default -> new Containers.Req("PUT", host + "/api/v2/upload", Containers.headers("Content-Disposition",
                    "attachment; filename=\"" + name + "\"", "Content-Type", "application/octet-stream"),
                    utf8("x".repeat(32)), true, "file name in Content-Disposition");
        };
    }

    private Containers.Req multipartRequest(String partHeaders, String content) {
        String boundary = "----places39" + r.from(Rng.ALNUM, 16);
        String body = "--" + boundary + "\r\n" + partHeaders + "\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
        return new Containers.Req("POST", "https://" + r.pick("paste.example", "uploads.kestrel.example") + "/upload",
                Containers.headers("Content-Type", "multipart/form-data; boundary=" + boundary), utf8(body), false,
                "multipart");
    }

    private void positive(String kind, Val v, Containers.Req req) {
        out.add(new HardCorpus.Out(req, List.of(v.rule()), List.of(), List.of("family:" + FAMILY,
                "cat:" + v.category(), FAMILY + ":" + kind, "container:request", "enc:none"), ""));
    }

    private void negative(String kind, Containers.Req req) {
        out.add(new HardCorpus.Out(req, List.of(), List.of(), List.of("family:" + FAMILY, "neg:" + FAMILY,
                "neg:" + FAMILY + ":" + kind, "container:request", "enc:none"), ""));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
