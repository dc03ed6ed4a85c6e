package dev.sieve.rules.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Family {@code src32}: the source-code and confidentiality classes of the second blind red team (rt2 docs and fp)
 * that session 32 closed, with hard negatives for every false-positive class fixed and for the near misses of the fixes.
 * <ul>
 *   <li>Positives ({@code s32:<kind>}): government and legal banners (CUI, OFFICIAL-SENSITIVE, attorney work product,
 *       draft not for circulation, a trade secret label), audience restrictions (do not share with customers, not for
 *       public repos, do not forward outside), an e-mail disclaimer's heading, a restriction in a SQL table
 *       comment, HTML headers with entity separators, a proprietary-information page footer ({@code banner}); a
 *       copyright header with All Rights Reserved and no licence, a licence line forbidding redistribution
 *       ({@code closed-header}); hosts under a corp / intranet / internal label of a company domain, a company's -int
 *       domain, a tailnet's generated domain ({@code infra-host}); private addresses in nginx, Terraform, Envoy and ssh
 *       configuration ({@code private-address}).</li>
 *   <li>Negatives ({@code neg:src32}, {@code neg:<kind>}): open-source API notes ("for internal use only" in a
 *       docstring or doc comment of a definition), marketing and legal prose that names a marking, instructions not to
 *       distribute a thing, a classification policy's numbered levels, open-source headers with All Rights Reserved and
 *       a licence, a website footer, documentation placeholders (app.internal, router.lan, mycompany, tailnet-name),
 *       tutorial and default private addresses.</li>
 * </ul>
 * Written with the fixes, so not held out.
 */
final class Src32 {

    static final long SEED = 20_261_332L;
    static final String FAMILY = "src32";

    private static final List<String> TEXT_CONTAINERS = List.of("text", "json-anthropic", "json-anthropic-tool",
            "json-openai-chat", "json-gemini");
    private static final String[] COMPANIES = {"Orvane Systems Ltd.", "Lumivex Robotics GmbH", "Tamarind Freight Co.",
        "Quillon Bio Inc.", "Ardent Pike LLC"};
    private static final String[] LABELS = {"lumivex", "tamarindfreight", "ardentpike", "quillon", "orvane"};
    private static final String[] DASHES = {" \u2014 ", " \u2013 ", " - ", " | "};

    private final List<HardCorpus.Out> out = new ArrayList<>();
    private final Rng r;
    private int turn;

    private Src32(Rng r) {
        this.r = r;
    }

    /** Every case of the family, positives first. */
    static List<HardCorpus.Out> cases(Rng r) {
        Src32 c = new Src32(r);
        c.positives();
        c.negatives();
        return c.out;
    }

    private String company() {
        return COMPANIES[r.nextInt(COMPANIES.length)];
    }

    private String label() {
        return LABELS[r.nextInt(LABELS.length)];
    }

    private int octet() {
        return 11 + r.nextInt(240);
    }

    private void positives() {
        String marker = "source-code.confidentiality-marker";
        String phrase = "source-code.confidentiality-phrase";
        positive("banner", marker, "CUI//" + r.pick("SP-PROPIN", "PRVCY", "SP-EXPT") + "\nStatement of work, option year "
                + (2 + r.nextInt(3)) + ": labour categories and loaded rates.\n");
        positive("banner", marker, "CONTROLLED UNCLASSIFIED INFORMATION\nControlled by: Program Office\nLDC: FEDCON\n");
        positive("banner", marker, "OFFICIAL-SENSITIVE" + r.pick(": COMMERCIAL", "", ": PERSONAL")
                + "\nSupplier scoring round 2: lot " + (1 + r.nextInt(6)) + " moderated scores attached.\n");
        positive("banner", marker, "Handling caveat: OFFICIAL SENSITIVE\nMinutes of the procurement board.\n");
        positive("banner", phrase, "ATTORNEY WORK PRODUCT" + DASHES[r.nextInt(2)] + "PREPARED IN ANTICIPATION OF "
                + "LITIGATION\nExposure in the " + r.pick("Ortiz", "Nakamura", "Bell") + " matter: low to mid six figures.\n");
        positive("banner", phrase, "Privileged & Confidential / Attorney Work Product\n\nRe: supplier dispute, "
                + "draft position paper\n");
        positive("banner", phrase, "Draft" + DASHES[r.nextInt(3)] + "Not for circulation\nReorganisation plan for "
                + "the logistics unit, headcount by site.\n");
        positive("banner", phrase, company() + DASHES[r.nextInt(3)] + "Trade Secret. Blend ratios for batch "
                + (100 + r.nextInt(900)) + ": 0." + (10 + r.nextInt(80)) + " / 0." + (10 + r.nextInt(80)) + "\n");
        positive("banner", phrase, "# pricing_floor.tsv\nsku\tfloor\nTF-" + (100 + r.nextInt(900)) + "\t$"
                + (1000 + r.nextInt(9000)) + "\n# NET PRICES" + DASHES[r.nextInt(3)] + "DO NOT SHARE WITH "
                + r.pick("CUSTOMERS", "PARTNERS", "VENDORS") + "\n");
        positive("banner", phrase, "#!/bin/sh\n# " + company() + " release tooling. Not for public repositories.\n"
                + "rsync -a build/ deploy@10.40.2.9:/srv/\n");
        positive("banner", phrase, "Hi all,\nattached is the carve-out model. Please do not forward outside the deal "
                + "team.\nThanks\n");
        positive("banner", marker, "Regards,\nM. Lindqvist\n\nCONFIDENTIALITY NOTICE: This e-mail and any files "
                + "transmitted with it are intended solely for the use of the addressee.\n");
        positive("banner", phrase, "COMMENT ON TABLE hr." + r.pick("bonus_pool", "salary_bands", "reviews")
                + " IS 'CONFIDENTIAL: " + r.pick("HR", "Finance", "Board") + " only. Do not expose in dashboards.';\n");
        positive("banner", phrase, "<div class=\"hdr\"><span>" + company() + " &mdash; Confidential &mdash; Company "
                + "Internal</span></div><h1>Roadmap</h1>");
        positive("banner", phrase, "Proprietary Information of " + r.pick("Quillon Bio, Inc.", "Orvane Systems Ltd.",
                "Ardent Pike LLC") + " - Page " + (1 + r.nextInt(9)) + " of " + (10 + r.nextInt(20)) + "\n");
        positive("banner", phrase, "notes.md\n_Strictly confidential_ - partner term sheet, v" + (2 + r.nextInt(5))
                + "\n");
        String licence = "source-code.proprietary-license";
        String owner = company();
        positive("closed-header", licence, "/*\n * Copyright (C) " + (2015 + r.nextInt(11)) + " " + owner + "\n"
                + " * All Rights Reserved.\n */\npackage com." + label() + ".routing;\n\npublic final class Planner {}\n");
        positive("closed-header", licence, "# Copyright (c) " + (2018 + r.nextInt(8)) + " " + company()
                + " All rights reserved.\n\nimport pandas as pd\n\nWEIGHTS = {\"recency\": 0.4}\n");
        positive("closed-header", licence, "// \u00a9 " + (2019 + r.nextInt(7)) + " " + company() + ". All rights "
                + "reserved.\n\nexport const margin = 0.18;\n");
        positive("closed-header", licence, "/**\n * Route optimiser SDK\n * License: " + owner.split(" ")[0]
                + " Commercial License v" + (1 + r.nextInt(3)) + " \u2014 redistribution prohibited.\n */\n");
        String infra = "source-code.internal-infra-host";
        positive("infra-host", infra, "Host jump\n  HostName " + r.pick("bastion", "jump", "gw") + "-"
                + r.pick("euw1", "use2", "aps1") + ".corp." + label() + ".com\n  User ops\n");
        positive("infra-host", infra, "spring.datasource.url=jdbc:postgresql://" + r.pick("ledger", "erp", "crm")
                + "-db0" + (1 + r.nextInt(8)) + ".intranet." + label() + ".net:5432/main\n");
        positive("infra-host", infra, "{\n  \"publishConfig\": {\n    \"registry\": \"https://npm.pkg.internal."
                + label() + ".io/\"\n  }\n}\n");
        positive("infra-host", infra, "resource \"aws_route53_record\" \"cache\" {\n  name = \"redis.prod."
                + label() + "-int.net\"\n}\n");
        positive("infra-host", infra, "ssh ci@" + r.pick("gpu-box", "build-7", "runner-2") + ".tail"
                + Integer.toHexString(0x1000 + r.nextInt(0xe000)) + ".ts.net 'nvidia-smi'\n");
        String addr = "source-code.private-address";
        positive("private-address", addr, "upstream api {\n    server 172." + (20 + r.nextInt(11)) + "." + octet()
                + "." + octet() + ":8080;\n    server 172.24." + octet() + "." + octet() + ":8080;\n}\n");
        positive("private-address", addr, "resource \"aws_route53_record\" \"db\" {\n  type    = \"A\"\n  records = "
                + "[\"10." + octet() + "." + octet() + "." + octet() + "\"]\n}\n");
        positive("private-address", addr, "ingress {\n  cidr_blocks = [\"10." + octet() + ".0.0/16\"]\n  from_port = "
                + "5432\n}\n");
        positive("private-address", addr, "- endpoint:\n    address:\n      socket_address: { address: fd"
                + Integer.toHexString(0x10 + r.nextInt(0xe0)) + ":4c2a:" + Integer.toHexString(0x1000 + r.nextInt(0xe000))
                + "::" + (2 + r.nextInt(90)) + ", port_value: 8443 }\n");
        positive("private-address", addr, "Host db\n  HostName 192.168." + (20 + r.nextInt(30)) + "." + octet()
                + "\n  User postgres\n");
    }

    private void negatives() {
        negative("api-note", "def _normalize_axis(axis, ndim):\n    \"\"\"Normalize an axis index.\n\n    For internal use "
                + "only. This function is not part of the public API and may change.\n    \"\"\"\n    return axis % ndim\n");
        negative("api-note", "/**\n * @internal For internal use only. Not part of the public API.\n */\nexport function "
                + "createScanner(text: string) {}\n");
        negative("api-note", "class _Cache:\n    \"\"\"Internal use only.\"\"\"\n\n    def get(self, k):\n        "
                + "return self._d[k]\n");
        negative("api-note", "/**\n * Internal use only.\n *\n * @param node the tree\n */\npublic static void walk(Node "
                + "node) {}\n");
        negative("marketing", "Your documents stay private and confidential: encrypted in transit and at rest.\n");
        negative("marketing", "We keep your data private and confidential and never sell it.\n");
        negative("legal-prose", "Q: The letterhead says Privileged & Confidential \u2014 does that make the memo "
                + "privileged?\n");
        negative("legal-prose", "Attorney-client privilege protects communications made in confidence; the attorney "
                + "work product doctrine covers materials prepared for trial.\n");
        negative("legal-prose", "Trade secret law protects formulas and processes; patents - trade secrets are not "
                + "registered.\n");
        negative("instruction", "Please do not distribute pre-release builds outside the beta group.\n");
        negative("instruction", "DO NOT DISTRIBUTE: this fixture is generated by `make fixtures`.\n");
        negative("instruction", "api_key: sk_test_placeholder\nDo not share.\n");
        negative("legal-prose", "The footer template reads: 'This message may contain confidential information. If you "
                + "are not the intended recipient, delete it.' Should we keep it?\n");
        negative("policy", "Data classification (public page): Level 1 Public; Level 2 Internal Use Only; Level 3 "
                + "Confidential; Level 4 Restricted.\n");
        negative("policy", "Tiers: Tier 1: Public, Tier 2: Internal Only, Tier 3: Confidential.\n");
        negative("oss-header", "/*\n * Copyright (c) 2019, The Regents of the University of California.\n * All rights "
                + "reserved.\n *\n * Redistribution and use in source and binary forms, with or without\n * modification, "
                + "are permitted provided that the following conditions are met:\n */\n");
        negative("oss-header", "// Copyright (c) Microsoft Corporation. All rights reserved.\n// Licensed under the MIT "
                + "License.\n\nnamespace Foo;\n");
        negative("oss-header", "// Copyright 2015 The Chromium Authors. All rights reserved.\n// Use of this source "
                + "code is governed by a BSD-style license that can be\n// found in the LICENSE file.\n");
        negative("site-footer", "\u00a9 2025 " + company() + " All rights reserved. Privacy | Terms | Cookies\n");
        negative("placeholder-host", "upstream app { server app.internal:8080; server app2.internal:8080; }\n"
                + "# then open http://router.lan/ to check the port forward\n");
        negative("placeholder-host", "registry=https://npm.internal.mycompany.com/\nHostName bastion.corp.example.com\n");
        negative("placeholder-host", "Every device gets a MagicDNS name such as laptop.tailnet-name.ts.net.\n");
        negative("tutorial-address", "Open http://192.168.1.1, then set host: 192.168.0.10 for the printer. The Android "
                + "emulator reaches your machine at 10.0.2.2.\n");
        negative("tutorial-address", "resource \"aws_vpc\" \"main\" {\n  cidr_block = \"10.0.0.0/16\"\n}\nresource "
                + "\"aws_subnet\" \"a\" {\n  cidr_block = \"10.0.1.0/24\"\n}\n");
        negative("tutorial-address", "[Interface]\nAddress = 10.8.0.2/24\nDNS = 1.1.1.1\n");
        negative("tutorial-address", "Docker's default bridge is 172.17.0.0/16; the gateway address 172.17.0.1.\n");
    }

    // ---- helpers ----

    private void positive(String kind, String rule, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(rule), List.of(),
                List.of("family:" + FAMILY, "cat:" + Values.SOURCE, "s32:" + kind, "container:" + container,
                        "enc:none"), ""));
    }

    private void negative(String kind, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(), List.of(),
                List.of("family:" + FAMILY, "neg:" + FAMILY, "neg:" + kind, "container:" + container, "enc:none"),
                text));
    }
}
