package dev.sieve.rules.eval;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Family {@code lead38}: RFC 2047 encoded words, the way mail headers carry text ({@code =?UTF-8?Q?...?=} and
 * {@code =?UTF-8?B?...?=}), in a mail an agent pastes or reads with a tool.
 * <ul>
 *   <li>Positives ({@code lead38:q-word}, {@code lead38:b-words}): an SSN or a card number in a Q-encoded subject or
 *       sender name (blanks written as {@code _}, so the value is glued to its label), a GitHub token split over
 *       two or three B-encoded words of one folded header, and a record one line a B word ({@code lead38:b-lines}:
 *       read joined, the value would run into the next line's label).</li>
 *   <li>Negatives ({@code neg:lead38}, {@code neg:mime-benign}, {@code neg:mime-like}): mail headers whose encoded words
 *       hold ordinary subjects and names in several languages, and code where {@code =?} is an operator.</li>
 * </ul>
 * Written with the fix, so not held out.
 */
final class Lead38 {

    static final long SEED = 20_261_238L;
    static final String FAMILY = "lead38";

    private static final List<String> ROTATION = List.of("json-anthropic-tool", "json-openai-chat", "json-anthropic",
            "json-gemini", "text");

    private final FamilyCases cases;
    private final Rng r;

    private Lead38(Rng r) {
        this.r = r;
        this.cases = new FamilyCases(FAMILY, ROTATION, r, FAMILY);
    }

    static List<HardCorpus.Out> cases(Rng r) {
        Lead38 c = new Lead38(r);
        c.positives();
        c.negatives();
        return c.cases.all();
    }

    static String q(String text) {
        StringBuilder out = new StringBuilder("=?UTF-8?Q?");
        for (byte x : text.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c == ' ') {
                out.append('_');
            } else if (c < 0x21 || c > 0x7e || c == '=' || c == '?' || c == '_') {
                out.append(String.format("=%02X", c));
            } else {
                out.append((char) c);
            }
        }
        return out.append("?=").toString();
    }

    static String b(String text) {
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    private String mail(String from, String subject, String body) {
        return "Return-Path: <" + r.pick("noreply", "ops", "hr-desk") + "@mail.example.org>\n"
                + "Date: Mon, " + r.between(1, 28) + " Sep 2025 09:" + r.between(10, 59) + ":07 +0200\n"
                + "From: " + from + " <" + r.pick("dana", "k.ito", "m.rossi") + "@example.org>\n"
                + "To: team@example.org\nSubject: " + subject + "\nMIME-Version: 1.0\n"
                + "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n" + body + "\n";
    }

    private String intro() {
        return r.pick("Here is the raw email I saved, can you summarise it?\n\n", "cat inbox/msg-" + r.digits(4) + ".eml\n",
                "Headers of the message the user forwarded:\n\n");
    }

    private void positives() {
        for (int i = 0; i < 6; i++) {
            String subject = q(r.pick("SSN ", "Social Security Number: ", "ssn# ") + HardValues.ssn(r, "-") + " "
                    + r.pick("for onboarding", "(payroll)", "Dana Whitlock"));
            cases.text("q-word", "pii.us-ssn", intro() + mail(q(r.pick("Dana Whitlock", "Kenji Ito")), subject,
                    "Please file this with HR."));
        }
        for (int i = 0; i < 6; i++) {
            String[] card = HardValues.CARDS.get(i % 2);
            String subject = q("Card " + HardValues.card(r, i % 2) + " exp " + r.between(1, 12) + "/" + r.between(27, 31));
            cases.text("q-word", card[0], intro() + mail(q("Billing"), subject, "Charge it today."));
        }
        for (int i = 0; i < 6; i++) {
            String token = HardValues.github(r, "ghp_");
            int cut = r.between(8, 20);
            int cut2 = r.between(cut + 4, 32);
            String subject = i % 2 == 0
                    ? b("deploy token " + token.substring(0, cut)) + "\n " + b(token.substring(cut))
                    : b("CI secret " + token.substring(0, cut)) + "\r\n\t" + b(token.substring(cut, cut2)) + " "
                            + b(token.substring(cut2));
            cases.text("b-words", "credential.github-pat", intro() + mail(b("Build Bot"), subject, "See subject."));
        }
        for (int i = 0; i < 4; i++) { // one line of a record in each word: joined, the value runs into the next label
            boolean card = i % 2 == 0;
            String value = card ? HardValues.cardGrouped(HardValues.card(r, 1), " ") : HardValues.ssn(r, "-");
            String subject = b(r.pick("Cardholder: ", "Employee: ") + r.pick("Hiro Tanabe", "Ana Lund")) + " "
                    + b((card ? "Card number: " : "SSN: ") + value) + " "
                    + b(card ? "Exp: 0" + r.between(1, 9) + "/2" + r.between(7, 9) : "DOB: 19" + r.between(60, 99)
                            + "-0" + r.between(1, 9) + "-1" + r.between(0, 9));
            cases.text("b-lines", card ? HardValues.CARDS.get(1)[0] : "pii.us-ssn",
                    intro() + mail(q("Records"), subject, "See subject."));
        }
    }

    private void negatives() {
        List<String> subjects = List.of("Team lunch on Friday", "R\u00e9union budget 2025 \u2013 ordre du jour",
                "Besprechung verschoben auf Donnerstag", "\u9031\u6b21\u30ec\u30dd\u30fc\u30c8\u306e\u4ef6",
                "Invoice 2025-0412 for order 88213 (paid)", "Your ticket #48213 was updated",
                "Re: migration plan v2 \u2013 comments inline", "\u00bfNos vemos el martes?");
        for (int i = 0; i < subjects.size(); i++) {
            String subject = i % 2 == 0 ? q(subjects.get(i)) : b(subjects.get(i));
            cases.neg("mime-benign", intro() + mail(q(r.pick("Ren\u00e9e Dubois", "J\u00f6rg M\u00fcller", "Ana Pe\u00f1a")),
                    subject, "Thanks, see you then."));
        }
        cases.neg("mime-like", "// Kotlin: the elvis operator\nval port = env[\"PORT\"]?.toInt() ?: 8080\n"
                + "val x =?y // not valid, and no encoded word\nwhile (a =? b) {}\n");
        cases.neg("mime-like", "The subject arrived as =?UTF-8?Q?... and Outlook showed it raw; decode it with "
                + "email.header.decode_header() before comparing.\n");
    }
}
