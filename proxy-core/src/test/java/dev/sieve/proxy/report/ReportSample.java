package dev.sieve.proxy.report;

import dev.sieve.proxy.audit.AuditLog;
import dev.sieve.proxy.audit.LabelEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A realistic, deterministic week of audit records for the screenshot in docs/report.png: six agents running
 * sessions around the clock (quieter at the weekend), mostly allowed traffic, a few percent logged, redacted, blocked
 * or denied, behaviour alerts, and analysts' labels on most blocks (a few false positives). Everything is synthetic.
 */
final class ReportSample {
    static final Instant SINCE = Instant.parse("2026-11-26T00:00:00Z");
    static final Instant UNTIL = Instant.parse("2026-12-03T00:00:00Z");

    private static final String[] AGENTS = {"support-bot", "code-review-agent", "sales-assistant", "data-pipeline",
        "research-agent", "hr-helper"};
    /** Destinations, repeated by how often agents use them. */
    private static final String[] HOSTS = {"api.anthropic.com", "api.anthropic.com", "api.anthropic.com",
        "api.anthropic.com", "api.openai.com", "api.openai.com", "generativelanguage.googleapis.com",
        "mcp.tools.internal.example", "mcp.tools.internal.example", "huggingface.co"};
    private static final String[] DENIED_HOSTS = {"pastebin.com", "transfer.sh", "webhook.site"};
    /** Rules, repeated by how often they fire. */
    private static final String[] RULES = {"pii.email", "pii.email", "pii.email", "pii.email", "pii.us-ssn",
        "pii.us-ssn", "credentials.aws-access-key", "credentials.github-token", "credentials.github-token",
        "pii.credit-card", "code.proprietary-header", "code.proprietary-header", "pii.iban"};

    private ReportSample() {}

    /** Writes the week into {@code dir} through a real audit log. */
    static void write(Path dir) throws Exception {
        Random random = new Random(15);
        List<String> blocks = new ArrayList<>();
        int n = 0;
        try (AuditLog log = ReportFixtures.open(dir, UNTIL)) {
            for (int day = 0; day < 7; day++) {
                Instant midnight = SINCE.plus(Duration.ofDays(day));
                boolean weekend = day == 2 || day == 3; // Nov 28 and 29, 2026
                for (int a = 0; a < AGENTS.length; a++) {
                    int sessions = (weekend ? 3 : 7) + random.nextInt(weekend ? 3 : 6) - (a == 5 ? 2 : 0);
                    long slot = Duration.ofDays(1).toSeconds() / sessions;
                    for (int s = 0; s < sessions; s++) {
                        Instant t = midnight.plusSeconds(slot * s + random.nextInt((int) (slot / 4)));
                        int requests = 4 + random.nextInt(a == 3 ? 40 : 24);
                        for (int r = 0; r < requests; r++) {
                            t = t.plusSeconds(20 + random.nextInt(150));
                            String id = String.format("req_%024x", ++n);
                            double p = random.nextDouble();
                            String host = HOSTS[random.nextInt(HOSTS.length)];
                            String rule = RULES[random.nextInt(RULES.length)];
                            if (p < 0.004 + a * 0.0015) {
                                log.append(ReportFixtures.request(id, AGENTS[a], t, "blocked", host, rule));
                                blocks.add(id);
                            } else if (p < 0.04) {
                                log.append(ReportFixtures.request(id, AGENTS[a], t, "redacted", host, rule));
                            } else if (p < 0.08) {
                                log.append(ReportFixtures.request(id, AGENTS[a], t, "logged", host, rule));
                            } else if (p < 0.09) {
                                log.append(ReportFixtures.request(id, AGENTS[a], t, "denied",
                                        DENIED_HOSTS[random.nextInt(DENIED_HOSTS.length)], null));
                            } else {
                                log.append(ReportFixtures.request(id, AGENTS[a], t, "allowed", host, null));
                            }
                        }
                    }
                }
                for (int k = 0; k < 1 + random.nextInt(3); k++) {
                    String agent = AGENTS[random.nextInt(AGENTS.length)];
                    String kind = List.of("probing", "volume", "new_destination").get(random.nextInt(3));
                    long ttd = 1500 + random.nextInt(180_000);
                    log.append(new ReportFixtures.Alert(midnight.plus(Duration.ofHours(8 + random.nextInt(12))), kind,
                            agent, kind.equals("probing") ? "high" : kind.equals("volume") ? "medium" : "low", ttd,
                            List.of(String.format("req_%024x", n)), switch (kind) {
                                case "probing" -> "7 refused requests to 3 destinations in 10 min";
                                case "volume" -> "uploads 4.2x the agent's hourly baseline";
                                default -> "first use of " + HOSTS[6 + random.nextInt(4)];
                            }));
                }
            }
            Instant labelled = UNTIL.minus(Duration.ofHours(2));
            int labels = 0;
            for (String id : blocks) {
                if (random.nextDouble() < 0.8) {
                    boolean falsePositive = ++labels % 25 == 7; // about 4 %: under the target, not zero
                    log.append(new LabelEntry(labelled, id, falsePositive ? LabelEntry.FALSE_POSITIVE
                            : LabelEntry.CONFIRMED, "admin@10.0.0.7", falsePositive ? "synthetic test data" : ""));
                }
            }
        }
    }
}
