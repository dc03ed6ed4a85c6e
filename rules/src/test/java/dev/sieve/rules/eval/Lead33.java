package dev.sieve.rules.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Family {@code lead33}: what the lead closed in session 33 from the blind red teams' leftovers, with hard negatives.
 * <ul>
 *   <li>Positives ({@code lead33:<kind>}): office XML an agent reads raw ({@code unzip -p report.docx
 *       word/document.xml}, a PPTX slide, an ODF {@code content.xml}) where Word, PowerPoint or Writer cut a marking,
 *       a token, a card number or an SSN over runs ({@code <w:r><w:t>CONFID</w:t></w:r><w:r><w:t>ENTIAL</w:t>...}).</li>
 *   <li>Positives ({@code lead33:stream-deltas}): a model's streamed answer or tool call as a log or capture holds it
 *       (Anthropic {@code text_delta} and {@code input_json_delta} events, OpenAI chat {@code delta.content} chunks,
 *       Responses {@code output_text.delta}), with a token cut over three to five events.</li>
 *   <li>Positives ({@code lead33:token-wrap}): a token that {@code fold}, a terminal or a log viewer cut at a line's
 *       end, its rest at the next line's start.</li>
 *   <li>Negatives ({@code neg:lead33}, {@code neg:<kind>}): office XML of ordinary text cut over runs, a table whose
 *       cells hold four digits each (cells break the text: no card), and IAM policies whose statements name a
 *       Secrets Manager secret by ARN (in the view of joined sibling values the ARN follows the effect:
 *       {@code Allowarn:aws:...:secret:NAME}); streams of ordinary prose and of a masked token;
 *       whole tokens at a line's end before an assignment or a word, a prefix named in prose at a line's end.</li>
 * </ul>
 * Written with the fixes, so not held out.
 */
final class Lead33 {

    static final long SEED = 20_261_233L;
    static final String FAMILY = "lead33";

    private static final List<String> TEXT_CONTAINERS = List.of("text", "json-anthropic", "json-anthropic-tool",
            "json-openai-chat", "json-gemini");

    private final List<HardCorpus.Out> out = new ArrayList<>();
    private final Rng r;
    private int turn;

    private Lead33(Rng r) {
        this.r = r;
    }

    /** Every case of the family, positives first. */
    static List<HardCorpus.Out> cases(Rng r) {
        Lead33 c = new Lead33(r);
        c.officeRuns();
        c.officeNegatives();
        c.arnNegatives();
        c.streams();
        c.streamNegatives();
        c.wraps();
        c.wrapNegatives();
        return c.out;
    }

    // ---- office XML cut over runs ----

    /** {@code text} cut at {@code cuts} into runs of {@code dialect} ({@code w}, {@code a} or {@code text}). */
    private String runs(String dialect, String text, int... cuts) {
        StringBuilder sb = new StringBuilder();
        int from = 0;
        for (int k = 0; k <= cuts.length; k++) {
            int to = k < cuts.length ? cuts[k] : text.length();
            String piece = text.substring(from, to).replace("&", "&amp;").replace("<", "&lt;");
            switch (dialect) {
                case "w" -> sb.append("<w:r>").append(r.pick("", "<w:rPr><w:b/></w:rPr>",
                                "<w:rPr><w:rFonts w:ascii=\"Calibri\"/><w:sz w:val=\"22\"/></w:rPr>"))
                        .append(piece.startsWith(" ") || piece.endsWith(" ") ? "<w:t xml:space=\"preserve\">" : "<w:t>")
                        .append(piece).append("</w:t></w:r>").append(k == 0 && r.nextInt(3) == 0
                                ? "<w:proofErr w:type=\"spellStart\"/>" : "");
                case "a" -> sb.append("<a:r><a:rPr lang=\"en-US\" dirty=\"0\"/><a:t>").append(piece)
                        .append("</a:t></a:r>");
                default -> sb.append("<text:span text:style-name=\"T").append(k + 1).append("\">").append(piece)
                        .append("</text:span>");
            }
            from = to;
        }
        return switch (dialect) {
            case "w" -> "<w:p w:rsidR=\"00A1" + r.digits(4) + "\"><w:pPr><w:pStyle w:val=\"Normal\"/></w:pPr>" + sb
                    + "</w:p>";
            case "a" -> "<a:p>" + sb + "</a:p>";
            default -> "<text:p text:style-name=\"P1\">" + sb + "</text:p>";
        };
    }

    private String document(String dialect, String paragraphs) {
        return switch (dialect) {
            case "w" -> "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://"
                    + "schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>" + paragraphs
                    + "<w:sectPr/></w:body></w:document>";
            case "a" -> "<p:sld xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><p:cSld><p:spTree>"
                    + "<p:sp><p:txBody><a:bodyPr/>" + paragraphs + "</p:txBody></p:sp></p:spTree></p:cSld></p:sld>";
            default -> "<office:document-content><office:body><office:text>" + paragraphs
                    + "</office:text></office:body></office:document-content>";
        };
    }

    private String intro(String dialect) {
        String line = r.pick("Quarterly review of the onboarding flow", "Minutes of the architecture meeting",
                "Release plan for the billing service", "Notes for the vendor assessment");
        return runs(dialect, line, 9 + r.nextInt(6));
    }

    private void officeRuns() {
        String[] dialects = {"w", "a", "text"};
        String[] shell = {"$ unzip -p report.docx word/document.xml\n", "$ unzip -p deck.pptx ppt/slides/slide3.xml\n",
            "$ unzip -p notes.odt content.xml\n"};
        for (int i = 0; i < 12; i++) {
            int d = i % 3;
            String dialect = dialects[d];
            String marking = r.pick("CONFIDENTIAL", "INTERNAL USE ONLY", "STRICTLY CONFIDENTIAL");
            String body = intro(dialect) + runs(dialect, marking + " - do not distribute", 3 + r.nextInt(4),
                    marking.length() + 5);
            String text = shell[d] + document(dialect, body);
            add("marking-runs", List.of(), List.of(Values.SOURCE), text);
        }
        for (int i = 0; i < 9; i++) {
            int d = i % 3;
            String dialect = dialects[d];
            String token = HardValues.github(r, "ghp_");
            String line = "GITHUB_TOKEN=" + token;
            String text = shell[d] + document(dialect, intro(dialect) + runs(dialect, line, 6 + r.nextInt(8),
                    17 + r.nextInt(8), 30 + r.nextInt(6)));
            add("token-runs", List.of("credential.github-pat"), List.of(), text);
        }
        for (int i = 0; i < 6; i++) {
            int d = i % 3;
            String dialect = dialects[d];
            String card = HardValues.card(r, i % 2);
            String line = "Card number: " + HardValues.cardGrouped(card, " ") + " exp 09/2" + r.between(7, 9);
            String text = shell[d] + document(dialect, intro(dialect) + runs(dialect, line, 15 + r.nextInt(3),
                    22 + r.nextInt(4)));
            add("card-runs", List.of(), List.of(Values.FINANCIAL), text);
        }
        for (int i = 0; i < 6; i++) {
            int d = i % 3;
            String dialect = dialects[d];
            String line = "Employee SSN: " + HardValues.ssn(r, "-");
            String text = shell[d] + document(dialect, intro(dialect) + runs(dialect, line, 16 + r.nextInt(3),
                    21 + r.nextInt(3)));
            add("ssn-runs", List.of(), List.of(Values.PII), text);
        }
    }

    private void officeNegatives() {
        String[] dialects = {"w", "a", "text"};
        for (int i = 0; i < 9; i++) {
            String dialect = dialects[i % 3];
            String line = r.pick("The customer asked for the export to run nightly instead of weekly",
                    "We agreed to keep the public API stable until the next major version",
                    "Latency dropped after the cache warmed up; see the dashboard for details",
                    "Please share the draft with the design team before Friday");
            String text = document(dialect, intro(dialect) + runs(dialect, line, 7 + r.nextInt(9), 25 + r.nextInt(9)));
            negative("office-runs", text);
        }
        for (int i = 0; i < 3; i++) {
            StringBuilder row = new StringBuilder("<w:tbl><w:tr>");
            for (int c = 0; c < 4; c++) {
                row.append("<w:tc><w:p><w:r><w:t>").append(r.digits(4)).append("</w:t></w:r></w:p></w:tc>");
            }
            row.append("</w:tr></w:tbl>");
            negative("office-cells", document("w", runs("w", "Units shipped per region", 6) + row));
        }
    }

    private void arnNegatives() {
        for (int i = 0; i < 6; i++) {
            String account = "4" + r.digits(11);
            String region = r.pick("us-east-1", "eu-west-1", "ap-southeast-2");
            String name = r.pick("prod/stripe", "prod/db-password", "staging/api-token", "ci/github-secret")
                    + "-" + r.from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 6);
            String policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n"
                    + "      \"Principal\": {\"AWS\": \"arn:aws:iam::" + account + ":role/" + r.pick("ci", "deploy",
                    "lambda-exec") + "\"},\n      \"Action\": [\"secretsmanager:GetSecretValue\"],\n"
                    + "      \"Resource\": \"arn:aws:secretsmanager:" + region + ":" + account + ":secret:" + name
                    + "\"\n    }\n  ]\n}";
            negative("arn-policy", policy);
        }
    }

    private void add(String kind, List<String> rules, List<String> categories, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), rules, categories,
                List.of("family:" + FAMILY, "cat:" + (categories.isEmpty() ? Values.CREDENTIAL : categories.get(0)),
                        "lead33:" + kind, "container:" + container, "enc:none"), ""));
    }

    private void negative(String kind, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(), List.of(),
                List.of("family:" + FAMILY, "neg:" + FAMILY, "neg:" + kind, "container:" + container, "enc:none"),
                text));
    }

    // ---- streamed deltas in a log ----

    /** {@code text} cut into {@code n} pieces, one event a line, in the {@code dialect} of one provider's stream. */
    private String stream(int dialect, String text, int n) {
        StringBuilder sb = new StringBuilder(switch (dialect) {
            case 0 -> "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_01"
                    + r.digits(12) + "\",\"role\":\"assistant\"}}\n\n";
            case 1 -> "";
            default -> "{\"type\":\"response.created\",\"sequence_number\":0}\n";
        });
        int from = 0;
        for (int k = 0; k < n; k++) {
            int to = k == n - 1 ? text.length() : from + Math.max(1, (text.length() - from) / (n - k) + r.nextInt(3) - 1);
            String piece = text.substring(from, Math.min(to, text.length())).replace("\\", "\\\\").replace("\"", "\\\"")
                    .replace("\n", "\\n");
            from = Math.min(to, text.length());
            sb.append(switch (dialect) {
                case 0 -> "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
                        + "{\"type\":\"text_delta\",\"text\":\"" + piece + "\"}}\n\n";
                case 1 -> "data: {\"id\":\"chatcmpl-" + r.digits(8) + "\",\"object\":\"chat.completion.chunk\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + piece + "\"},\"finish_reason\":null}]}\n\n";
                default -> "{\"type\":\"response.output_text.delta\",\"item_id\":\"msg_" + r.digits(10)
                        + "\",\"output_index\":0,\"content_index\":0,\"delta\":\"" + piece + "\"}\n";
            });
        }
        sb.append(switch (dialect) {
            case 0 -> "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"}}\n";
            case 1 -> "data: [DONE]\n";
            default -> "{\"type\":\"response.completed\"}\n";
        });
        return sb.toString();
    }

    private void streams() {
        String[] intro = {"$ tail -n 40 logs/agent-stream.log\n", "Here is the raw stream from the proxy log:\n\n",
            "captured with mitmdump -w, events below\n"};
        for (int i = 0; i < 12; i++) {
            boolean github = i % 2 == 0;
            String token = github ? HardValues.github(r, "ghp_") : HardValues.stripe(r, "sk_live_");
            String answer = r.pick("Sure. Set the variable like this: ", "The key from the vault is ",
                    "Use this for the deploy step: ") + token + r.pick(" and restart.", "\nDone.", "");
            String text = intro[i % 3] + stream(i % 3, answer, 3 + r.nextInt(3));
            add("stream-deltas", List.of(github ? "credential.github-pat" : "credential.stripe-secret-key"),
                    List.of(), text);
        }
    }

    private void streamNegatives() {
        for (int i = 0; i < 6; i++) {
            String answer = i % 2 == 0
                    ? r.pick("The token bucket refills at ten requests a second, so the retry waits 100 ms.",
                            "Rotate the key in the dashboard, then update the secret in the vault and redeploy.")
                    : "Your token ghp_****************************" + r.digits(4) + " was revoked; create a new one.";
            negative("stream-deltas", stream(i % 3, answer, 4 + r.nextInt(4)));
        }
    }

    // ---- a token cut at a line's end ----

    private void wraps() {
        for (int i = 0; i < 12; i++) {
            boolean github = i % 2 == 0;
            String token = github ? HardValues.github(r, "ghp_") : HardValues.stripe(r, "sk_live_");
            // Heads of 40 characters or more: the folded width exceeds what is left of the token, cut once.
            String head = r.pick("2026-12-0" + r.between(1, 6) + " 2" + r.between(0, 3) + ":1" + r.digits(1) + ":0"
                    + r.digits(1) + " WARN auth: using credential ", "[worker-" + r.digits(2)
                    + "] retrying upstream request with key ", "deploy step 4/7 (production): exporting token=");
            int width = Math.max(60, head.length() + 8 + r.nextInt(Math.min(20, token.length() - 12)));
            String line = head + token + r.pick(" for upstream call", " (attempt 2)", " succeeded");
            StringBuilder folded = new StringBuilder(r.pick("$ journalctl -u agent | tail -1 | fold -w " + width + "\n",
                    "$ kubectl logs deploy/api --tail=1 | fold -w " + width + "\n", ""));
            for (int at = 0; at < line.length(); at += width) {
                folded.append(line, at, Math.min(line.length(), at + width)).append('\n');
            }
            add("token-wrap", List.of(github ? "credential.github-pat" : "credential.stripe-secret-key"), List.of(),
                    folded.toString());
        }
    }

    private void wrapNegatives() {
        for (int i = 0; i < 6; i++) {
            String text = switch (i % 3) {
                case 0 -> "GITHUB_TOKEN=ghp_" + "*".repeat(36) + "\nNEXT_RELEASE=2026.12\nDEPLOY_REGION=eu-west-1\n";
                case 1 -> "Tokens that start with ghp_\nare personal access tokens; rotate them every ninety days.\n";
                default -> "The Stripe keys (sk_live_\nand rk_live_ prefixes) never belong in the repository.\n";
            };
            negative("token-wrap", text);
        }
    }
}
