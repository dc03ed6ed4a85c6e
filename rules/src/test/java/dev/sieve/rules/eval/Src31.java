package dev.sieve.rules.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Family {@code src31}: the source-code and confidentiality classes of issue #11's blind source-code red team that
 * session 31 closed, with hard negatives beside them.
 * <ul>
 *   <li>Positives ({@code rt3:<kind>}): an OOXML custom document property named Classification or Sensitivity whose
 *       value is a level above public ({@code docprops}); a page footer of a copyright line, a level between dashes,
 *       bullets or bars and a page counter ({@code pdf-footer}); "under embargo until" and a mutual non-disclosure
 *       agreement ({@code legal-prose}); Kubernetes service names in a namespace that names an environment
 *       ({@code k8s-env-namespace}); build and config files naming a company host in a .local or .intra zone or a
 *       git, wiki or registry host with a corp / internal / intranet label ({@code infra-host}).</li>
 *   <li>Negatives ({@code neg:src31}, {@code neg:<kind>}): code that handles labels, DLP documentation and README
 *       prose about classification levels, a Public custom property, a copyright footer without a level, public
 *       Kubernetes documentation with svc.cluster.local names, RFC 1918 addresses in a tutorial, open-source go.mod
 *       and Gradle files, an mDNS .local name, prose about embargoes and NDAs.</li>
 * </ul>
 * Written with the fixes, so not held out.
 */
final class Src31 {

    static final long SEED = 20_261_331L;
    static final String FAMILY = "src31";

    private static final List<String> TEXT_CONTAINERS = List.of("text", "json-anthropic", "json-anthropic-tool",
            "json-openai-chat", "json-gemini");
    private static final String[] COMPANIES = {"Orvane Systems Ltd.", "Lumivex Robotics GmbH", "Kestrelpoint Analytics",
        "Tamarind Freight Co.", "Quillon Bio Inc."};
    private static final String[] LABELS = {"lumivex", "kestrelpoint", "ardentpike", "quillon", "orvane"};

    private final List<HardCorpus.Out> out = new ArrayList<>();
    private final Rng r;
    private int turn;

    private Src31(Rng r) {
        this.r = r;
    }

    /** Every case of the family, positives first. */
    static List<HardCorpus.Out> cases(Rng r) {
        Src31 c = new Src31(r);
        c.positives();
        c.negatives();
        return c.out;
    }

    private void positives() {
        String phrase = "source-code.confidentiality-phrase";
        for (int i = 0; i < 4; i++) {
            String name = i % 2 == 0 ? "Classification" : "Sensitivity";
            String level = new String[] {"Confidential", "Restricted", "Internal", "Highly Confidential"}[i];
            positive("docprops", phrase, "<file path=\"" + r.pick("budget.xlsx", "plan.docx", "deck.pptx")
                    + "\">\ndocProps/custom.xml:\n<property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\""
                    + (2 + i) + "\" name=\"" + name + "\">" + (i == 3 ? "\n  " : "") + "<vt:lpwstr>" + level
                    + "</vt:lpwstr></property>\n\nword/document.xml (text): Desk, Limit, Utilisation ...\n</file>");
        }
        for (int i = 0; i < 4; i++) {
            String sep = new String[] {" \u2014 ", " \u2013 ", " | ", " - "}[i];
            String sign = new String[] {"\u00a9 ", "(c) 2025 ", "Copyright 2024 ", "\u00a9 2026 "}[i];
            String level = new String[] {"Internal", "Confidential", "Restricted", "Internal Only"}[i];
            int pages = 5 + r.nextInt(20);
            String counter = i % 2 == 0 ? (1 + r.nextInt(pages)) + " / " + pages : "Page " + (1 + r.nextInt(pages))
                    + " of " + pages;
            positive("pdf-footer", phrase, "Write unit tests for this.\n<file path=\"spec.pdf\">\nCarrier allocation "
                    + "model - validation report\n...\nFigure 4: calibration curve\n\n" + sign + COMPANIES[i] + sep
                    + level + sep + counter + "\n</file>");
        }
        positive("legal-prose", phrase, "--- notes.md ---\nPre-release \u2013 under embargo until publication of the "
                + "interim report.\nPreliminary figures: net interest income 842m (+6%).\n");
        positive("legal-prose", phrase, "Press release (draft). Under embargo until 07:00 CET on the day of the "
                + "results.\nRevenue grew 11%.\n");
        positive("legal-prose", phrase, "This document contains Confidential Information disclosed under the Mutual "
                + "Non-Disclosure Agreement between " + COMPANIES[1] + " and " + COMPANIES[3] + " dated 3 March 2024.\n");
        String host = "source-code.private-network-hostname";
        positive("k8s-env-namespace", host, "File: values-prod.yaml\n\nsettlement:\n  ledgerUrl: http://ledger-api."
                + r.pick("payments", "settlement", "billing") + "-prod.svc.cluster.local:8080\n");
        positive("k8s-env-namespace", host, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fraud-scorer\n"
                + "data:\n  FEATURE_STORE: \"feature-store.risk-staging.svc.cluster.local:6566\"\n");
        positive("k8s-env-namespace", host, "kafka: kafka-0.kafka-headless.data-platform-uat.svc.cluster.local:9092\n");
        String infra = "source-code.internal-infra-host";
        String label = LABELS[r.nextInt(LABELS.length)];
        positive("infra-host", infra, "`.gitmodules`:\n```\n[submodule \"vendor/proto\"]\n\tpath = vendor/proto\n"
                + "\turl = ssh://git@bitbucket." + label + ".local:7999/core/proto.git\n```");
        positive("infra-host", infra, "File: go.mod\n\nmodule git.corp." + label + ".io/data/ingest\n\ngo 1.22\n\n"
                + "require github.com/segmentio/kafka-go v0.4.47\n");
        positive("infra-host", infra, "repositories {\n    maven { url 'https://repo." + label
                + ".intra/artifactory/libs-release' }\n}\n");
        positive("infra-host", infra, "services:\n  planner:\n    image: harbor." + label
                + ".local/motion/planner:7.1.0\n");
        positive("infra-host", infra, "export const API_BASE = process.env.API_BASE ?? 'https://intranet." + label
                + ".com/assay-api/v1';\n");
    }

    private void negatives() {
        negative("code-handles", "public final class LabelPolicy {\n    static final List<String> LEVELS = List.of("
                + "\"Public\", \"Internal\", \"Confidential\");\n    boolean allowed(String level) { return LEVELS"
                + ".indexOf(level) <= 1; }\n}\n");
        negative("code-handles", "props.put(\"Classification\", level);\nif (props.get(\"Classification\") == null) "
                + "{ props.put(\"Classification\", \"Public\"); }\n");
        negative("code-handles", "class Report:\n    def seal(self):\n        self.classification = \"Restricted\"\n"
                + "        self.locked = True\n");
        negative("dlp-docs", "## Labels\n\nOffice stores a label as a custom document property. Set the property to "
                + "one of the levels your policy defines; the scanner reads docProps/custom.xml.\n");
        negative("dlp-docs", "<property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"2\" name=\"Classification"
                + "\"><vt:lpwstr>Public</vt:lpwstr></property>");
        negative("readme-levels", "# Classification levels\n\nWe use four levels, from public to secret. Each page "
                + "footer shows the level and the page number.\n");
        negative("footer", "\u00a9 2024 The Foo Authors \u2014 Apache-2.0 \u2014 2 / 9\n");
        negative("footer", "Copyright 2023 Orvane Systems Ltd. | Page 3 of 12\n");
        negative("k8s-docs", "A Service named my-svc in namespace my-namespace gets the DNS name "
                + "my-svc.my-namespace.svc.cluster.local; kube-dns.kube-system.svc.cluster.local answers queries.\n");
        negative("k8s-docs", "curl http://prometheus-server.monitoring.svc.cluster.local:80/api/v1/query\n");
        negative("rfc1918-tutorial", "Private networks use 10.0.0.0/8, 172.16.0.0/12 and 192.168.0.0/16. Your "
                + "router is usually 192.168.1.1, and a container gets 172.17.0.2.\n");
        negative("oss-build", "module github.com/spf13/cobra\n\ngo 1.21\n\nrequire github.com/inconshreveable/"
                + "mousetrap v1.1.0\n");
        negative("oss-build", "repositories {\n    mavenCentral()\n    maven { url 'https://repo.spring.io/milestone' }\n"
                + "}\ndependencies { implementation 'org.slf4j:slf4j-api:2.0.9' }\n");
        negative("mdns", "ssh pi@raspberrypi.local and then open http://octopi.local in a browser.\n");
        negative("legal-prose", "The press kit explains how an embargo works and when outlets may publish. A mutual "
                + "NDA template is in the legal wiki.\n");
    }

    // ---- helpers ----

    private void positive(String kind, String rule, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(rule), List.of(),
                List.of("family:" + FAMILY, "cat:" + Values.SOURCE, "rt3:" + kind, "container:" + container,
                        "enc:none"), ""));
    }

    private void negative(String kind, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(), List.of(),
                List.of("family:" + FAMILY, "neg:" + FAMILY, "neg:" + kind, "container:" + container, "enc:none"),
                text));
    }
}
