package dev.sieve.rules.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Family {@code code38}: the source-code classes of the blind round rt38-code (proprietary source code and confidential
 * engineering material that agents upload) that session 38 closed, with new synthetic companies and wordings and a hard
 * negative beside each class.
 * <ul>
 *   <li>Positives ({@code c38:<kind>}): export-control markings (ITAR and EAR banners and notices, ECCN labels, DoD
 *       distribution statements B-E; {@code export}); paraphrased legal notices (unauthorised reproduction ... without
 *       the prior written consent, any unauthorized duplication ... prohibited, the "all information contained herein"
 *       notice, a copyright line or {@code @copyright} tag that says proprietary; {@code notice}); markings the phrase
 *       rules missed (a "Confidential -- Co Internal" page header, {@code <b>INTERNAL USE ONLY.</b>} in a Javadoc, a Go
 *       package "Co-internal and confidential", Python {@code __classification__}, U//FOUO and NATO banners, Spanish
 *       "confidencial y propietario", 公司机密, 【機密】, "Prop. & Conf.", a Portuguese marking in a diff's block
 *       comment; {@code marker}); a marking in the second file of a long concatenated output ({@code deep}).</li>
 *   <li>Negatives ({@code neg:code38}, {@code neg:<kind>}): export-control training and explainers, an ECCN helper, a
 *       public-release distribution statement; an NDA template's prior written consent, open-source copyright lines;
 *       label tables in code (properties, an object literal, a Python map, JSON labels, a French i18n file), a CLI
 *       flag's bar-separated levels, people under NDA, a banner defined in prose, "internal and confidential" before a
 *       noun.</li>
 * </ul>
 * Written with the fixes, so not held out.
 */
final class Code38 {

    static final long SEED = 20_261_338L;
    static final String FAMILY = "code38";

    // plain text bodies only: the manifest is within a few KiB of its 5 MiB limit (EvalCorpusTest.theCorpusStaysSmall)
    private static final List<String> TEXT_CONTAINERS = List.of("text");
    private static final String[] COMPANIES = {"Veltrane Dynamics Inc.", "Sorrelbrook Instruments Ltd.",
        "Kaskadia Photonics GmbH", "Morrowgate Aerospace Corp.", "Pellucid Grid AG"};
    private static final String[] SHORT = {"Veltrane", "Sorrelbrook", "Kaskadia", "Morrowgate", "Pellucid"};
    private static final String[] PROJECTS = {"Falconet", "Larkspur", "Ostrava", "Cinder", "Wayfarer"};

    private static final String EXPORT = "source-code.export-control";
    private static final String PHRASE = "source-code.confidentiality-phrase";
    private static final String MARKER = "source-code.confidentiality-marker";

    private final List<HardCorpus.Out> out = new ArrayList<>();
    private final Rng r;
    private int turn;

    private Code38(Rng r) {
        this.r = r;
    }

    /** Every case of the family, positives first. */
    static List<HardCorpus.Out> cases(Rng r) {
        Code38 c = new Code38(r);
        c.positives();
        c.negatives();
        return c.out;
    }

    private String company() {
        return COMPANIES[r.nextInt(COMPANIES.length)];
    }

    private String shortName() {
        return SHORT[r.nextInt(SHORT.length)];
    }

    private String project() {
        return PROJECTS[r.nextInt(PROJECTS.length)];
    }

    private String year() {
        return String.valueOf(2018 + r.nextInt(8));
    }

    private String code() {
        return r.pick("int g(int e) { return e >> 1; }\n", "def settle(b):\n    return sum(b)\n",
                "func T() float64 { return 0.77 }\n");
    }

    private void positives() {
        // export control
        positive("export", EXPORT, "/*\n * EXPORT CONTROLLED - ITAR\n * Seeker filter gains for " + project()
                + ".\n */\n" + code());
        positive("export", EXPORT, "# WARNING: This technical data is subject to the International Traffic in Arms\n"
                + "# Regulations (22 CFR 120-130). Release to foreign persons requires a licence.\n" + code());
        positive("export", EXPORT, "// These drawings are controlled under the Export Administration Regulations (EAR)\n"
                + "// and may not be re-exported without authorization. " + company() + ".\n" + code());
        positive("export", EXPORT, "// ECCN " + r.pick("5D002", "3E001", "9E610") + " -- " + shortName()
                + " proprietary; no re-export without a licence.\n" + code());
        positive("export", EXPORT, "Export classification - ECCN: " + r.pick("5E002", "6E001", "7D003")
                + "\nOwner: " + company() + "\n");
        positive("export", EXPORT, "DISTRIBUTION STATEMENT " + r.pick("B", "C", "E") + ". Distribution authorized to "
                + r.pick("U.S. Government agencies", "DoD Components") + " only; Proprietary Information; " + year()
                + ". Other requests shall be referred to " + company() + ".\n");
        positive("export", EXPORT, "-- ITAR CONTROLLED: USML Category XII(e) data; U.S. persons only\nSELECT 1;\n");
        positive("export", EXPORT, "\"\"\"\nThis software is subject to the EAR; export requires a licence.\n\"\"\"\n"
                + code());
        // paraphrased legal notices
        String co = company();
        positive("notice", PHRASE, "/*\n * Unauthorised reproduction, modification or distribution of this file, in whole\n"
                + " * or in part, is strictly prohibited without the prior written consent of " + co + ".\n */\n" + code());
        positive("notice", PHRASE, "// Any unauthorized duplication, modification, distribution or use of this code,\n"
                + "// by any means, is strictly prohibited.\n" + code());
        co = company();
        positive("notice", PHRASE, "/*\n * NOTICE: All information contained herein is, and remains the property of "
                + co + ".\n * The intellectual and technical concepts contained herein are proprietary to\n * " + co
                + " and may be covered by patents.\n */\n" + code());
        positive("notice", PHRASE, "/// @copyright " + year() + " " + company() + " -- proprietary, all rights reserved\n"
                + code());
        positive("notice", PHRASE, "# Copyright " + year() + " " + company() + ". Confidential.\n" + code());
        positive("notice", PHRASE, "<!-- Reproduction of this material is forbidden unless prior written permission is "
                + "obtained from " + company() + ". -->\n<div id=\"app\"></div>\n");
        // markings the phrase rules missed
        positive("marker", PHRASE, "Confidential -- " + company() + " Internal\n\n# Design: " + project()
                + " rollout\n\nShadow traffic for two weeks, then cut over.\n");
        positive("marker", PHRASE, "/**\n * Settlement netting for " + project() + ".\n *\n * <p><b>INTERNAL USE ONLY.</b>"
                + " Property of " + company() + ".\n */\npublic final class Netting {\n}\n");
        positive("marker", PHRASE, "// Package ledger is " + shortName() + "-internal and confidential.\npackage ledger\n");
        positive("marker", PHRASE, "__all__ = [\"floor\"]\n__classification__ = \"" + r.pick("restricted", "confidential")
                + "\"\n\n\ndef floor(seg):\n    return 0.2\n");
        positive("marker", MARKER, "// UNCLASSIFIED//FOR OFFICIAL USE ONLY\n" + code());
        positive("marker", MARKER, "# NATO RESTRICTED\n" + code() + "# NATO RESTRICTED\n");
        positive("marker", PHRASE, "# Copyright " + year() + " " + company() + ". Todos los derechos reservados.\n"
                + "# Confidencial y propietario. Prohibida su distribuci\u00f3n.\n" + code());
        positive("marker", PHRASE, "// \u7248\u6743\u6240\u6709 " + company() + "\n// \u516c\u53f8\u673a\u5bc6\uff0c"
                + "\u4e25\u7981\u5916\u4f20\u3002\n" + code());
        positive("marker", PHRASE, "/*\n * \u3010\u6a5f\u5bc6\u3011" + company() + "\n */\n" + code());
        positive("marker", PHRASE, "// (c) " + year() + " " + company() + " -- Prop. & Conf.\n" + code());
        positive("marker", PHRASE, "diff --git a/src/pricing.ts b/src/pricing.ts\n--- a/src/pricing.ts\n+++ b/src/pricing.ts\n"
                + "@@ -0,0 +1,4 @@\n+/**\n+ * Confidencial \u2013 uso interno da " + company() + ".\n+ */\n+export const k = 1;\n");
        // deep in a concatenated output
        StringBuilder deep = new StringBuilder("==> src/util.py <==\nimport math\n");
        for (int i = 0; i < 130; i++) {
            deep.append("\n\ndef helper_").append(i).append("(x, y=").append(1 + r.nextInt(9))
                    .append("):\n    \"\"\"Scaled distance.\"\"\"\n    return math.hypot(x, y) * 1.").append(r.nextInt(999))
                    .append('\n');
        }
        deep.append("\n==> src/core.py <==\n# ").append(company()).append(" - ").append(project())
                .append("\n# Any unauthorized copying, modification, distribution or use of this software,\n"
                        + "# via any medium, is strictly prohibited.\n").append(code());
        positive("deep", PHRASE, deep.toString());
    }

    private void negatives() {
        // export control
        negative("export-explainer", "Export-control training: the ITAR (22 CFR 120-130) covers defense articles on the "
                + "USML; the EAR (15 CFR 730-774) covers dual-use items. Ask Trade Compliance for the ECCN before you ship "
                + "export-controlled parts.\n");
        negative("export-explainer", "def is_controlled(eccn: str) -> bool:\n    return eccn != \"EAR99\"\n");
        negative("export-explainer", "Most mass-market encryption software falls under ECCN 5D992 after "
                + "self-classification.\n");
        negative("export-explainer", "DISTRIBUTION STATEMENT A. Approved for public release: distribution unlimited.\n");
        negative("export-explainer", "Distribution Statement C restricts distribution to U.S. Government agencies and their "
                + "contractors only.\n");
        negative("export-explainer", "EXPORT CONTROLLED is a marking the author applies; it means a licence may be "
                + "needed.\n");
        negative("export-explainer", "banner.itar=This document may be subject to export control regulations.\n");
        // notices
        negative("notice-near", "3. The Receiving Party shall not disclose Confidential Information to any third party "
                + "without the prior written consent of the Disclosing Party.\n");
        negative("notice-near", "// Copyright (c) " + year() + " The Larkspur Authors. Licensed under the MIT License.\n"
                + code());
        negative("notice-near", "# Copyright " + year() + " " + company() + ", confidential computing team\n"
                + "# SPDX-License-Identifier: Apache-2.0\n");
        // label tables and mentions
        negative("label-table", "label.level.public=Public\nlabel.level.internal=Internal use only\n"
                + "label.level.secret=Strictly confidential\n");
        negative("label-table", "const TEXT: Record<Level, string> = {\n  public: \"Public\",\n  internal: \"Internal use "
                + "only\",\n  confidential: \"Confidential \u2014 do not distribute\",\n};\n");
        negative("label-table", "BANNERS = {\n    Level.CONFIDENTIAL: \"CONFIDENTIAL\",\n    Level.RESTRICTED: "
                + "\"RESTRICTED - do not distribute\",\n}\n");
        negative("label-table", "{\"labels\": [{\"name\": \"Public\", \"color\": \"green\"}, {\"name\": \"Highly "
                + "Confidential\", \"color\": \"red\"}]}\n");
        negative("label-table", "{\n  \"niveau\": {\n    \"internal\": \"Usage interne uniquement\",\n    \"restricted\": "
                + "\"Diffusion restreinte\"\n  }\n}\n");
        negative("changelog", "4c1d2e9 feat: add --level flag (public|internal|confidential)\n");
        negative("policy-faq", "Q: Who may read it?\nA: Any employee or contractor under NDA, but nobody outside.\n");
        negative("banner-explainer", "OFFICIAL-SENSITIVE is a handling caveat, not a separate classification.\n");
        negative("policy-faq", "Staff must protect internal and confidential information at all times.\n");
    }

    // ---- helpers ----

    private void positive(String kind, String rule, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(rule), List.of(),
                List.of("family:" + FAMILY, "cat:" + Values.SOURCE, "c38:" + kind, "container:" + container,
                        "enc:none"), ""));
    }

    private void negative(String kind, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(), List.of(),
                List.of("family:" + FAMILY, "neg:" + FAMILY, "neg:" + kind, "container:" + container, "enc:none"),
                text));
    }
}
