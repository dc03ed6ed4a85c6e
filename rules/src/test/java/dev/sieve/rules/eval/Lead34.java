package dev.sieve.rules.eval;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Family {@code lead34}: what the lead closed in session 34 from the blind agent-transcript red team's leftovers, with
 * hard negatives.
 * <ul>
 *   <li>Positives ({@code lead34:header-pair}): an Authorization header written as a name/value pair, the way HAR
 *       files ({@code "headers": [{"name": ..., "value": ...}]}), Postman collections ({@code "key"}) and Insomnia
 *       exports keep request headers: an opaque Bearer or Token credential, or Basic with base64 of user:password,
 *       pretty-printed or on one line, the name in any case.</li>
 *   <li>Positives ({@code lead34:cookie-pair}): a session Cookie header kept the same way.</li>
 *   <li>Positives ({@code lead34:jwt-own-claims}): JWTs with claims of someone's own that start like the jwt.io
 *       sample (its subject and name, plus a claim of their own, or another name).</li>
 *   <li>Positives ({@code lead34:identity-record}): one person's identity record (a support ticket, a CRM card, a
 *       form's line, a JSON record): a named person's labelled date of birth with two of a street address, a phone
 *       number and an e-mail address.</li>
 *   <li>Positives ({@code lead34:card-face}): a card photographed and OCR'd, its number in four lines of four digits
 *       beside VALID THRU / GOOD THRU.</li>
 *   <li>Negatives ({@code neg:lead34}, {@code neg:<kind>}): the same pairs holding a template ({@code {{token}}},
 *       {@code <token>}, {@code ${TOKEN}}), a masked value or a description; the jwt.io sample's and RFC 7519's example
 *       claims re-signed with a docs page's own key and spacing (published examples: logged, not detections); a name and
 *       a DOB with one contact or none, the John Doe specimen, a blank form, a company's own contact lines; an OCR'd
 *       card number that fails Luhn, four groups of digits with nothing of a card around them.</li>
 * </ul>
 * Written with the fixes, so not held out.
 */
final class Lead34 {

    static final long SEED = 20_261_234L;
    static final String FAMILY = "lead34";

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String TOKEN_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final List<String> TEXT_CONTAINERS = List.of("text", "json-anthropic", "json-anthropic-tool",
            "json-openai-chat", "json-gemini");

    private final List<HardCorpus.Out> out = new ArrayList<>();
    private final Rng r;
    private int turn;

    private Lead34(Rng r) {
        this.r = r;
    }

    /** Every case of the family, positives first. */
    static List<HardCorpus.Out> cases(Rng r) {
        Lead34 c = new Lead34(r);
        c.headerPairs();
        c.headerPairNegatives();
        c.ownClaims();
        c.sampleClaims();
        c.identityRecords();
        c.identityRecordNegatives();
        c.cardFaces();
        c.cardFaceNegatives();
        c.cookiePairs();
        return c.out;
    }

    // ---- headers as name/value pairs ----

    /** One request header as its tool writes it: HAR (pretty or one line), Postman or Insomnia. */
    private String pair(int style, String name, String value) {
        return switch (style) {
            case 0 -> "        {\n          \"name\": \"" + name + "\",\n          \"value\": \"" + value + "\"\n        }";
            case 1 -> "{\"name\":\"" + name + "\",\"value\":\"" + value + "\"}";
            case 2 -> "        {\n          \"key\": \"" + name + "\",\n          \"value\": \"" + value
                    + "\",\n          \"type\": \"text\"\n        }";
            default -> "{ \"name\": \"" + name + "\", \"value\": \"" + value + "\", \"disabled\": false }";
        };
    }

    /** A request of a HAR, Postman or Insomnia export with {@code header} among ordinary ones. */
    private String export(int style, String header) {
        String host = r.pick("api.orderly-demo.invalid", "app.fieldnote.invalid", "billing.kestrel.invalid");
        String path = r.pick("/v1/me", "/api/v2/orders?limit=20", "/graphql", "/v3/invoices/" + r.digits(6));
        String accept = pair(style, r.pick("accept", "Accept"), "application/json");
        String agent = pair(style, "User-Agent", r.pick("Mozilla/5.0 (X11; Linux x86_64)", "PostmanRuntime/7.43.0",
                "insomnia/10.1.1"));
        String headers = String.join(style == 1 || style == 3 ? ", " : ",\n", accept, header, agent);
        return switch (style) {
            case 2 -> "{\n  \"info\": {\"name\": \"" + r.pick("Orders", "Billing", "Me") + "\", \"schema\": "
                    + "\"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"},\n  \"item\": [{\n"
                    + "    \"name\": \"get\",\n    \"request\": {\n      \"method\": \"GET\",\n      \"header\": [\n"
                    + headers + "\n      ],\n      \"url\": \"https://" + host + path + "\"\n    }\n  }]\n}\n";
            case 3 -> "{\"_type\": \"export\", \"__export_format\": 4, \"resources\": [{\"_type\": \"request\", "
                    + "\"method\": \"GET\", \"url\": \"https://" + host + path + "\", \"headers\": [" + headers
                    + "]}]}\n";
            default -> "{\n  \"log\": {\n    \"version\": \"1.2\",\n    \"entries\": [{\n      \"request\": {\n"
                    + "        \"method\": \"GET\",\n        \"url\": \"https://" + host + path + "\",\n"
                    + "        \"headers\": [\n" + headers + "\n        ]\n      },\n      \"response\": {\"status\": "
                    + r.pick("200", "401", "500") + "}\n    }]\n  }\n}\n";
        };
    }

    private String credential(int scheme) {
        return switch (scheme) {
            case 0 -> "Bearer " + r.from(TOKEN_CHARS, r.between(32, 48));
            case 1 -> "Token " + r.from(TOKEN_CHARS, r.between(28, 40));
            default -> "Basic " + Base64.getEncoder().encodeToString((r.pick("svc-build", "ci", "deploy", "ops-bot")
                    + ":" + r.password(r.between(12, 18))).getBytes(StandardCharsets.UTF_8));
        };
    }

    private void headerPairs() {
        String[] intros = {"$ cat capture.har\n", "Here is the HAR from the failing session:\n",
                "$ cat postman/collection.json\n", "exported from Insomnia:\n"};
        for (int i = 0; i < 16; i++) {
            int style = i % 4;
            String name = r.pick("Authorization", "authorization", "AUTHORIZATION");
            add("header-pair", List.of("credential.auth-header-in-command"), List.of(),
                    intros[style] + export(style, pair(style, name, credential(i % 3))));
        }
    }

    private void cookiePairs() {
        for (int i = 0; i < 6; i++) {
            int style = i % 4;
            String cookie = r.pick("_session_id", "sessionid", "JSESSIONID", "connect.sid", "laravel_session") + "="
                    + r.from(TOKEN_CHARS, r.between(26, 40));
            String value = r.pick("theme=dark; ", "lang=en; ", "") + cookie + r.pick("; theme=dark", "", "; tz=UTC");
            add("cookie-pair", List.of("credential.session-cookie-header"), List.of(), "$ cat "
                    + r.pick("capture.har", "collection.json") + "\n" + export(style, pair(style,
                            r.pick("Cookie", "cookie"), value)));
        }
        for (int i = 0; i < 4; i++) {
            String value = r.pick("theme=solarized-dark-high-contrast; lang=en-GB", "sessionid={{session_id}}",
                    "_session_id=<session>; theme=dark", "consent=accepted-all-categories-2026; tz=Europe/Berlin");
            negative("cookie-pair", "$ cat capture.har\n" + export(i % 4, pair(i % 4, "Cookie", value)));
        }
    }

    private void headerPairNegatives() {
        for (int i = 0; i < 12; i++) {
            int style = i % 4;
            String value = switch (i % 6) {
                case 0 -> "Bearer {{access_token}}";
                case 1 -> "Bearer <token>";
                case 2 -> "Bearer ${API_TOKEN}";
                case 3 -> "Basic {{basicAuth}}";
                case 4 -> "Bearer ********";
                default -> "Bearer [REDACTED]";
            };
            negative("header-pair", "$ cat " + r.pick("capture.har", "collection.json", "insomnia.json") + "\n"
                    + export(style, pair(style, r.pick("Authorization", "authorization"), value)));
        }
        for (int i = 0; i < 4; i++) {
            negative("header-pair", "{\"headers\": [{\"name\": \"Authorization\", \"value\": \"\", \"description\": "
                    + "\"" + r.pick("Bearer access token from the login endpoint",
                            "Basic credentials of the service account", "Token issued by the admin console") + "\"}]}\n");
        }
    }

    // ---- JWT claims ----

    private String jwt(String header, String claims) {
        return B64URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "."
                + B64URL.encodeToString(r.bytes(32));
    }

    private String header(boolean spaced) {
        String alg = r.pick("HS256", "HS512", "RS256");
        return spaced ? "{\"alg\": \"" + alg + "\", \"typ\": \"JWT\"}" : "{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}";
    }

    private String usage(String token) {
        return r.pick("const token = '" + token + "';\n", "curl -s https://api.orderly-demo.invalid/v1/me -H "
                + "\"Authorization: Bearer " + token + "\"\n", "id_token=" + token + "\n",
                "// decoded on jwt.io\nlet jwt = \"" + token + "\";\n");
    }

    private void ownClaims() {
        for (int i = 0; i < 8; i++) {
            String claims = switch (i % 4) {
                case 0 -> "{\"sub\":\"1234567890\",\"name\":\"John Doe\",\"iat\":1516239022,\"tenant\":\"t-"
                        + r.digits(4) + "\"}";
                case 1 -> "{\"sub\": \"1234567890\", \"name\": \"" + Values.name(r) + "\", \"iat\": 1516239022}";
                case 2 -> "{\"sub\":\"" + r.digits(10) + "\",\"name\":\"John Doe\",\"iat\":" + (1_800_000_000
                        + r.nextInt(90_000_000)) + "}";
                default -> "{\"iss\":\"joe\",\"exp\":" + (1_900_000_000 + r.nextInt(50_000_000))
                        + ",\"http://example.com/is_root\":true}";
            };
            add("jwt-own-claims", List.of("credential.jwt"), List.of(), usage(jwt(header(i % 2 == 1), claims)));
        }
    }

    private void sampleClaims() {
        for (int i = 0; i < 10; i++) {
            String claims = switch (i % 5) {
                case 0 -> "{\"sub\":\"1234567890\",\"name\":\"John Doe\",\"iat\":1516239022}";
                case 1 -> "{\"sub\": \"1234567890\", \"name\": \"John Doe\", \"iat\": 1516239022}";
                case 2 -> "{\"sub\":\"1234567890\",\"name\":\"John Doe\",\"admin\":true,\"iat\":1516239022}";
                case 3 -> "{\"iat\": 1516239022,\n  \"name\": \"John Doe\",\n  \"sub\": \"1234567890\"\n}";
                default -> "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}";
            };
            negative("jwt-sample", r.pick("// Example token from the docs (the jwt.io sample, re-signed)\n",
                    "The RFC and jwt.io samples decode to well-known claims:\n", "Sample for the README:\n")
                    + usage(jwt(header(i % 2 == 0), claims)));
        }
    }

    // ---- one person's identity record ----

    private String dob() {
        int y = r.between(1940, 2004);
        int m = r.between(1, 12);
        int d = r.between(1, 28);
        return switch (r.nextInt(4)) {
            case 0 -> String.format("%d-%02d-%02d", y, m, d);
            case 1 -> String.format("%02d/%02d/%d", m, d, y);
            case 2 -> List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
                    .get(m - 1) + " " + d + ", " + y;
            default -> String.format("%02d.%02d.%d", d, m, y);
        };
    }

    private String street() {
        return r.between(2, 9899) + " " + r.pick("Elm", "Birch", "Harbour", "Mill", "Quarry", "Linden", "Oak Hill")
                + " " + r.pick("St", "Street", "Ave", "Road", "Rd", "Lane", "Dr", "Court") + ", "
                + r.pick("Dayton, OH 45402", "Leeds LS1 4AB", "Portland, OR 97205", "Austin, TX 78701");
    }

    private String labelledPhone() {
        return r.pick("Phone", "Tel", "Mobile", "Cell") + ": " + r.pick("(" + r.between(201, 989) + ") "
                + r.between(201, 989) + "-" + r.digits(4), "+44 20 7946 0" + r.digits(3), "+1 " + r.between(201, 989)
                + " " + r.between(201, 989) + " " + r.digits(4));
    }

    private void identityRecords() {
        for (int i = 0; i < 12; i++) {
            String name = Values.name(r);
            String email = Values.email(r, 30 + i);
            String label = r.pick("Customer", "Name", "Applicant", "Cardholder", "Account holder", "Contact");
            String dobLabel = r.pick("DOB", "Date of birth", "D.O.B.", "Birth date");
            String text = switch (i % 4) {
                case 0 -> "Ticket #" + r.digits(6) + " from " + email + "\n" + label + ": " + name + "\n" + dobLabel
                        + ": " + dob() + "\nHome address: " + street() + "\n" + labelledPhone()
                        + "\nMessage: I was charged twice, please call me back.\n";
                case 1 -> "Contact card\n" + label + ": " + name + "\nEmail: " + email + "\nAddress: " + street()
                        + "\n" + dobLabel + ": " + dob() + "\nSegment: retail\n";
                case 2 -> label + ": " + name + ", " + dobLabel + " " + dob() + ", " + street() + ", "
                        + labelledPhone() + "\n";
                default -> "{\"" + label.toLowerCase(java.util.Locale.ROOT).replace(' ', '_') + "\": \"" + name
                        + "\", \"dob\": \"" + dob() + "\", \"email\": \"" + email + "\", \"phone\": \""
                        + Values.phone(r) + "\"}\n";
            };
            add("identity-record", List.of("pii.identity-record"), List.of(Values.PII), text);
        }
    }

    private void identityRecordNegatives() {
        for (int i = 0; i < 12; i++) {
            String name = Values.name(r);
            String text = switch (i % 6) {
                case 0 -> "Customer: " + name + "\nDOB: " + dob() + "\nMessage: please move my renewal to March.\n";
                case 1 -> "Customer: " + name + "\nDOB: " + dob() + "\nEmail: " + Values.email(r, 60 + i)
                        + "\nMessage: please update my plan.\n";
                case 2 -> "Customer: John Doe\nDOB: 01/01/1980\nEmail: john.doe@example.com\nPhone: (555) 555-0100\n"
                        + "Address: 123 Main St, Anytown, USA\n";
                case 3 -> "Customer: ____________\nDOB: __/__/____\nHome address: ____________\nPhone: ____________\n";
                case 4 -> "Signup collects: name, DOB, home address, phone and e-mail. Support: (937) 555-0100, "
                        + "help@shop.invalid, 400 Mill Road, Dayton.\n";
                default -> "Name: " + name + ", DOB: " + dob() + ", favourite colour: " + r.pick("green", "blue")
                        + ", team: " + r.pick("Platform", "Billing") + "\n";
            };
            negative("identity-record", text);
        }
    }

    // ---- a card photographed and OCR'd ----

    private void cardFaces() {
        for (int i = 0; i < 8; i++) {
            String pan = Values.cardNumber(r, x -> x.chance(0.5) ? "4" + x.digits(14)
                    : x.pick("51", "52", "55") + x.digits(13), 16);
            StringBuilder lines = new StringBuilder();
            for (int k = 0; k < 16; k += 4) {
                lines.append(pan, k, k + 4).append('\n');
            }
            String thru = r.pick("VALID THRU", "GOOD THRU", "VALID\nTHRU") + " " + String.format("%02d/%02d",
                    r.between(1, 12), r.between(27, 32));
            String text = r.pick("[OCR text of photo_of_card.jpg]\n", "Text found in IMG_" + r.digits(4) + ".HEIC:\n",
                    "tesseract card.png -\n") + r.pick("VISA\n", "mastercard\n", "DEBIT\n", "") + lines
                    + (i % 2 == 0 ? thru + "\n" + Values.name(r).toUpperCase(java.util.Locale.ROOT) + "\n"
                            : Values.name(r).toUpperCase(java.util.Locale.ROOT) + "\n" + thru + "\n");
            add("card-face", List.of("financial.card-other"), List.of(Values.FINANCIAL),
                    text + "Can you read the text in this image?");
        }
    }

    private void cardFaceNegatives() {
        for (int i = 0; i < 6; i++) {
            String pan = Values.cardNumber(r, x -> "4" + x.digits(14), 16);
            StringBuilder lines = new StringBuilder();
            for (int k = 0; k < 16; k += 4) {
                lines.append(pan, k, k + 4).append('\n');
            }
            String text = switch (i % 3) {
                // a Luhn-invalid number on a card face: an OCR misread
                case 0 -> "[OCR text of card.jpg]\nVISA\n" + lines.substring(0, 18) + (char) ('0'
                        + (pan.charAt(15) - '0' + 1) % 10) + "\nVALID THRU 04/29\n";
                // four groups of digits without anything of a card around them
                case 1 -> "Bin locations for aisle 7:\n" + lines + "Restock on Friday.\n";
                default -> "Card faces print VALID THRU and the month; never paste the number itself.\n";
            };
            negative("card-face", text);
        }
    }

    /** A positive expecting {@code rules}; {@code category} (default credential) names its {@code cat:} tag only. */
    private void add(String kind, List<String> rules, List<String> category, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), rules, List.of(),
                List.of("family:" + FAMILY, "cat:" + (category.isEmpty() ? Values.CREDENTIAL : category.get(0)),
                        "lead34:" + kind, "container:" + container, "enc:none"), ""));
    }

    private void negative(String kind, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(), List.of(),
                List.of("family:" + FAMILY, "neg:" + FAMILY, "neg:" + kind, "container:" + container, "enc:none"),
                text));
    }
}
