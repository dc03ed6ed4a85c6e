package dev.sieve.rules.eval;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Family {@code src3}: confidentiality markers and proprietary-source classes a blind red team got past the
 * source-code rules (2026-12-06), as classes written from its list of classes (not its corpus), with the hard
 * negatives beside them. Positives are tagged {@code rt4:<kind>}:
 * <ul>
 *   <li>{@code comment-leader}: a marking alone on a comment line of any language (VB {@code '}, Fortran {@code !},
 *       Vim {@code "}, Lisp {@code ;}, SQL/Haskell/Lua {@code --}, TeX/Erlang/MATLAB {@code %}, {@code REM},
 *       {@code ::}, C, shell, HTML, OCaml, Pascal, a Python docstring), in any case, or in title case first on the
 *       line before a separator and a capitalised note;</li>
 *   <li>{@code obfuscated}: letter-spaced and dotted markings, mixed case, words joined by {@code _} or {@code -}, a
 *       phrase wrapped over two comment lines;</li>
 *   <li>{@code phrasing}: "Handle Accordingly", addressee and audience restrictions, strictly private, company
 *       restricted, need to know, and the bare marking word in other languages as a stamp line;</li>
 *   <li>{@code label}: classification fields in front matter, JSON, TOML and XML, an OOXML custom property named
 *       Classification or Sensitivity in a DOCX; {@code manifest}: proprietary licence fields (package.json,
 *       pyproject, Cargo, Cabal, Python {@code __license__}, a file header); {@code eula}: an end-user licence's
 *       terms.</li>
 * </ul>
 * Hard negatives ({@code neg:src3}, {@code neg:<kind>}): the words in ordinary code (a field, an enum constant, a
 * JSON flag, a UI string, identifiers such as isConfidentialClient and CONFIDENTIAL_COMPUTING_ENABLED), prose about
 * confidential computing, a classification policy explaining its levels, code that applies or parses labels, lists
 * of levels, public and missing classification labels, open-source manifests and {@code publish = false}, a heading
 * per level, "need to know" and "company restricted" in sentences, a field's documentation ({@code # confidential:
 * if true, ...}). Written with the rules, so not held out.
 */
final class Src3 {

    static final long SEED = 20_261_209L;
    static final String FAMILY = "src3";

    private static final List<String> ROTATION = List.of("json-anthropic", "text", "json-openai-chat",
            "json-anthropic-tool", "multipart", "json-gemini", "json-openai-responses", "gzip-octet");

    private static final String LINE = "source-code.marker-line";
    private static final String PHRASE = "source-code.confidentiality-phrase";
    private static final String LICENSE = "source-code.proprietary-license";
    private static final String MARKER = "source-code.confidentiality-marker";

    private final FamilyCases cases;
    private final Rng r;

    private Src3(Rng r) {
        this.r = r;
        this.cases = new FamilyCases(FAMILY, ROTATION, r, "rt4");
    }

    /** Every case of the family, positives first. */
    static List<HardCorpus.Out> cases(Rng r) {
        Src3 c = new Src3(r);
        c.commentLeaders();
        c.obfuscated();
        c.phrasings();
        c.labels();
        c.titled();
        c.negatives();
        return c.cases.all();
    }

    // ---- positives: a bare marking after any comment leader ---------------------------------------------------------

    private void commentLeaders() {
        // leader, the code after the comment line
        String[][] languages = {
                {"'", "Public Function Margin(total As Double) As Double\n    Margin = total * 0.17\nEnd Function"},
                {"!", "program pricing\n  real :: margin = 0.17\nend program pricing"},
                {"\"", "set nocompatible\nnnoremap <leader>p :call Pricing()<CR>"},
                {";;", "(defun margin (total) (* total 0.17))"},
                {";", "[pricing]\nmargin = 0.17"},
                {"--", "SELECT region, SUM(amount) FROM ledger GROUP BY region;"},
                {"--", "module Pricing where\nmargin :: Double\nmargin = 0.17"},
                {"--", "local margin = 0.17\nreturn { margin = margin }"},
                {"%", "\\documentclass{article}\n\\begin{document}\nMargin plan\n\\end{document}"},
                {"%%", "-module(pricing).\n-export([margin/1]).\nmargin(T) -> T * 0.17."},
                {"%", "function m = margin(total)\n  m = total * 0.17;\nend"},
                {"REM", "@echo off\nset MARGIN=17"},
                {"rem", "@echo off\ncall build.cmd"},
                {"::", "@echo off\nset MARGIN=17"},
                {"//", "func margin(total float64) float64 { return total * 0.17 }"},
                {"#", "MARGIN = 0.17\ndef margin(total):\n    return total * MARGIN"},
        };
        List<String> words = List.of("CONFIDENTIAL", "Confidential", "confidential", "Proprietary", "PROPRIETARY",
                "Company Confidential", "Strictly Confidential", "Internal Use Only");
        for (int i = 0; i < languages.length; i++) {
            String word = words.get(i % words.size());
            String text = languages[i][0] + " " + word + "\n" + languages[i][1] + "\n";
            cases.text("comment-leader", LINE, text);
        }
        // block comments and docstrings, the marking alone inside them
        String word = r.pick("CONFIDENTIAL", "Confidential", "Proprietary and Confidential");
        cases.text("comment-leader", LINE, "/* " + word + " */\nint margin(int total) { return total * 17 / 100; }\n");
        cases.text("comment-leader", LINE, "<!-- Confidential -->\n<section id=\"pricing\">17%</section>\n");
        cases.text("comment-leader", LINE, "(* CONFIDENTIAL *)\nlet margin total = total *. 0.17\n");
        cases.text("comment-leader", LINE, "{ Confidential }\nprogram Pricing;\nbegin\nend.\n");
        cases.text("comment-leader", LINE, "\"\"\"CONFIDENTIAL\"\"\"\nimport os\n\nMARGIN = 0.17\n");
        cases.text("comment-leader", LINE, "'''Confidential'''\nfrom decimal import Decimal\n");
        cases.text("comment-leader", LINE, "\"\"\"\nConfidential\n\"\"\"\n\ndef margin(total):\n    return total * 0.17\n");
        cases.text("comment-leader", LINE, "/**\n * CONFIDENTIAL\n */\npublic final class RateCard {}\n");
        cases.text("comment-leader", LINE, "{- Confidential -}\nmodule Pricing where\n");
    }

    // ---- positives: obfuscated markings -----------------------------------------------------------------------------

    private void obfuscated() {
        cases.text("obfuscated", LINE, "// C O N F I D E N T I A L\nint margin = 17;\n");
        cases.text("obfuscated", LINE, "P R O P R I E T A R Y\n\nRouting heuristics v" + r.between(2, 9) + "\n");
        cases.text("obfuscated", LINE, "Status: C  O  N  F  I  D  E  N  T  I  A  L\nOwner: pricing team\n");
        cases.text("obfuscated", LINE, "# C.O.N.F.I.D.E.N.T.I.A.L\nMARGIN = 0.17\n");
        cases.text("obfuscated", LINE, "-- R-E-S-T-R-I-C-T-E-D\nSELECT * FROM payroll;\n");
        cases.text("obfuscated", LINE, "// c.o.n.f.i.d.e.n.t.i.a.l\n");
        cases.text("obfuscated", LINE, "// cOnFiDeNtIaL\nint margin = 17;\n");
        cases.text("obfuscated", LINE, "# PrOpRiEtArY\nimport pricing\n");
        cases.text("obfuscated", LINE, "// CONFIDENTIAL_DO_NOT_DISTRIBUTE\nconst margin = 0.17;\n");
        cases.text("obfuscated", LINE, "# Confidential-Internal\nMARGIN = 0.17\n");
        cases.text("obfuscated", LINE, "/* PROPRIETARY_AND_CONFIDENTIAL */\nint margin;\n");
        cases.text("obfuscated", LINE, "-- confidential.internal\nSELECT 1;\n");
        cases.text("obfuscated", LINE, "// Proprietary and\n// confidential. Do not copy.\npackage pricing\n");
        cases.text("obfuscated", LINE, "# This module is proprietary and\n# confidential to the pricing team.\n");
        cases.text("obfuscated", LINE, " * The contents of this file are strictly\n * confidential.\n");
        cases.text("obfuscated", LINE, "-- Do not\n-- distribute outside the data team.\nSELECT 1;\n");
        cases.text("obfuscated", LINE, "// For internal use\n// only: rate tables of " + (2020 + r.between(0, 6)) + "\n");
    }

    // ---- positives: phrasings and other languages -------------------------------------------------------------------

    private void phrasings() {
        String company = r.pick("Lumivex", "Halvorsen", "Brightwater", "Quorra Labs");
        cases.text("phrasing", PHRASE, company + " Proprietary Information - Handle Accordingly\n\nRouting v3 notes\n");
        cases.text("phrasing", PHRASE, "/*\n * Confidential Information \u2013 handle accordingly\n */\n");
        cases.text("phrasing", PHRASE, "Memo to the board. For the addressee only.\n");
        cases.text("phrasing", PHRASE, "FOR THE NAMED ADDRESSEE ONLY\n\nOffer letter draft\n");
        cases.text("phrasing", PHRASE, "Strictly private - compensation review " + (2020 + r.between(0, 6)) + "\n");
        cases.text("phrasing", PHRASE, "Company Restricted\n\nSupplier price list\n");
        cases.text("phrasing", PHRASE, "Distribution: need-to-know\nSubject: acquisition shortlist\n");
        cases.text("phrasing", LINE, "Need to know\n\nThe shortlist has three names.\n");
        cases.text("phrasing", LINE, "# Eyes only\nTARGETS = [\"alpha\", \"beta\"]\n");
        // the bare marking word as a stamp line, in other languages
        List<String> stamps = List.of("Vertraulich", "Streng vertraulich", "Confidentiel", "Confidencial", "Riservato",
                "Vertrouwelijk", "Poufne", "Konfidentiellt",
                "\u041a\u043e\u043d\u0444\u0438\u0434\u0435\u043d\u0446\u0438\u0430\u043b\u044c\u043d\u043e",
                "\u6a5f\u5bc6", "\u673a\u5bc6", "\u6781\u5bc6");
        for (int i = 0; i < stamps.size(); i++) {
            String stamp = stamps.get(i);
            String text = switch (i % 3) {
                case 0 -> stamp + "\n\nQ" + r.between(1, 4) + " " + r.digits(4) + "\n";
                case 1 -> "// " + stamp + "\nint margin = " + r.between(10, 30) + ";\n";
                default -> "Angebot " + r.digits(4) + "\n\n" + stamp + "\n\nSeite 2\n";
            };
            cases.text("phrasing", LINE, text);
        }
        cases.text("phrasing", PHRASE, "\u0421\u0442\u0440\u043e\u0433\u043e \u043a\u043e\u043d\u0444\u0438\u0434"
                + "\u0435\u043d\u0446\u0438\u0430\u043b\u044c\u043d\u043e\n\u041f\u043b\u0430\u043d Q3\n");
        cases.text("phrasing", PHRASE, "\ub300\uc678\ube44\n\n3\ubd84\uae30 \uacc4\ud68d\n");
        cases.text("phrasing", PHRASE, "\u793e\u5916\u79d8\n\u5358\u4fa1\u8868\n");
    }

    // ---- positives: labels, manifests, licences ---------------------------------------------------------------------

    private void labels() {
        List<String> levels = List.of("RESTRICTED", "CONFIDENTIAL", "INTERNAL", "Confidential", "restricted",
                "Highly Confidential", "internal");
        List<String> keys = List.of("classification", "confidentiality", "sensitivity", "data_classification",
                "Classification", "security-classification", "confidentiality");
        for (int i = 0; i < levels.size(); i++) {
            String key = keys.get(i);
            String level = levels.get(i);
            String text = switch (i % 4) {
                case 0 -> "---\ntitle: Pricing model " + r.between(2, 9) + "\n" + key + ": " + level + "\nowner: "
                        + "finance\n---\n\n# Pricing model\n";
                case 1 -> "{\n  \"title\": \"Pricing model\",\n  \"" + key + "\": \"" + level + "\"\n}\n";
                case 2 -> "[document]\ntitle = \"Pricing model\"\n" + key + " = \"" + level + "\"\n";
                default -> "<document>\n  <" + key + ">" + level + "</" + key + ">\n</document>\n";
            };
            cases.text("label", PHRASE, text);
        }
        // an OOXML document whose custom property names the level (Sieve reads docProps/custom.xml as NAME: VALUE)
        String[][] props = {{"Classification", "Confidential"}, {"Sensitivity", "Internal"},
                {"Classification", "Restricted"}};
        for (String[] p : props) {
            byte[] doc = Binary.office(Binary.Office.DOCX, List.of("Pricing model", "Margins by region"), n -> n / 2,
                    Map.of("docProps/custom.xml", customXml(p[0], p[1]).getBytes(StandardCharsets.UTF_8)));
            Containers.Req req = new Containers.Req("PUT", "https://uploads.demo.invalid/v1/files/pricing.docx",
                    Containers.headers("Content-Type",
                            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"), doc, true,
                    "body DOCX docProps/custom.xml " + p[0]);
            cases.positive("label", List.of(PHRASE), req, "docx");
        }
        // proprietary licence fields of manifests and headers
        String name = r.pick("pricing-core", "route-optimizer", "fraud-scorer");
        cases.text("manifest", LICENSE, "{\n  \"name\": \"" + name + "\",\n  \"version\": \"1." + r.between(0, 9)
                + ".0\",\n  \"private\": true,\n  \"license\": \"SEE LICENSE IN LICENSE.txt\"\n}\n");
        cases.text("manifest", LICENSE, "{\n  \"name\": \"@corp/" + name + "\",\n  \"private\": true,\n  \"license\": "
                + "\"UNLICENSED\"\n}\n");
        cases.text("manifest", LICENSE, "[project]\nname = \"" + name + "\"\nlicense = \"Proprietary\"\n");
        cases.text("manifest", LICENSE, "[package]\nname = \"" + name.replace('-', '_') + "\"\nlicense = \"Proprietary\"\n"
                + "publish = false\n");
        cases.text("manifest", LICENSE, "<project>\n  <licenses>\n    <license>\n      <name>Proprietary</name>\n"
                + "    </license>\n  </licenses>\n</project>\n");
        cases.text("manifest", LICENSE, "name:                " + name + "\nversion:             0.1.0\nlicense:"
                + "             AllRightsReserved\nbuild-type:          Simple\n");
        cases.text("manifest", LICENSE, "__author__ = \"pricing team\"\n__license__ = \"Proprietary. All rights reserved. "
                + "Confidential.\"\n");
        cases.text("manifest", LICENSE, "{-|\nModule      : Pricing\nLicense     : Proprietary. All rights reserved. "
                + "Confidential.\n-}\n");
        cases.text("manifest", LICENSE, "# License: Proprietary\n# Owner: pricing team\n");
        cases.text("eula", LICENSE, "END USER LICENSE AGREEMENT\n\nThe Software is licensed, not sold. You may not "
                + "reverse engineer, decompile or disassemble the Software.\n");
        cases.text("eula", LICENSE, "3. Restrictions. Licensee shall not modify, reverse engineer or decompile the "
                + "Software.\n");
        cases.text("eula", PHRASE, "This software is the confidential and proprietary information of "
                + r.pick("Lumivex Robotics", "Halvorsen Maritime") + " (\"Confidential Information\").\n");
    }

    /** A {@code docProps/custom.xml} with one text property. */
    private static String customXml(String name, String value) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Properties xmlns=\"http://schemas."
                + "openxmlformats.org/officeDocument/2006/custom-properties\" xmlns:vt=\"http://schemas.openxmlformats"
                + ".org/officeDocument/2006/docPropsVTypes\"><property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\""
                + " pid=\"2\" name=\"" + name + "\"><vt:lpwstr>" + value + "</vt:lpwstr></property></Properties>";
    }

    // ---- positives: a title-case marking first on a comment line, then a capitalised note ---------------------------

    private void titled() {
        String company = r.pick("Lumivex Robotics", "Halvorsen Maritime", "Brightwater Labs");
        cases.text("comment-leader", MARKER, "// Confidential - Property of " + company + "\npackage pricing\n");
        cases.text("comment-leader", MARKER, "' Proprietary: Pricing Engine v" + r.between(2, 9) + "\nOption Explicit\n");
        cases.text("comment-leader", MARKER, "-- Confidential \u2013 Q" + r.between(1, 4) + " rate tables\nSELECT 1;\n");
        cases.text("comment-leader", MARKER, "% Strictly Confidential: Board Draft\n\\documentclass{article}\n");
        cases.text("comment-leader", MARKER, "# Company Confidential \u2013 \u00a9 2026 " + company + "\nimport os\n");
        cases.text("comment-leader", MARKER, ";; Proprietary. " + company + " internal tooling\n(defun margin (x) x)\n");
        cases.neg("field-doc", "class Document:\n    # confidential: if true, the document is hidden from search\n"
                + "    confidential: bool = False\n");
        cases.neg("field-doc", "/**\n * Confidential: if set, the viewer shows a banner.\n */\nboolean confidential;\n");
    }

    // ---- hard negatives ---------------------------------------------------------------------------------------------

    private void negatives() {
        cases.neg("code", "if (doc.confidential) {\n    redact(doc);\n}\n");
        cases.neg("code", "return Level.CONFIDENTIAL;\n");
        cases.neg("code", "{\"id\": " + r.digits(5) + ", \"confidential\": false, \"title\": \"Lunch menu\"}\n");
        cases.neg("code", "enum Classification {\n    PUBLIC,\n    INTERNAL,\n    CONFIDENTIAL,\n    RESTRICTED\n}\n");
        cases.neg("code", "button.setLabel(\"Mark as CONFIDENTIAL\");\nbutton.setTooltip(\"Stamps every page\");\n");
        cases.neg("code", "class Level(Enum):\n    PUBLIC = 1\n    INTERNAL = 2\n    CONFIDENTIAL = 3\n");
        cases.neg("code", "SELECT id FROM docs WHERE label = 'CONFIDENTIAL';\n");
        cases.neg("identifier", "if (client.isConfidentialClient()) {\n    return tokenEndpoint.exchange(code);\n}\n");
        cases.neg("identifier", "CONFIDENTIAL_COMPUTING_ENABLED = os.getenv(\"CC_ENABLED\", \"false\") == \"true\"\n");
        cases.neg("identifier", "export const CONFIDENTIAL_CLIENT_SCOPES = [\"openid\", \"profile\"];\n");
        cases.neg("prose", "Azure confidential computing protects data in use with hardware-based enclaves.\n");
        cases.neg("prose", "// keep user data confidential when logging; never print tokens\n");
        cases.neg("policy", "Our data classification policy has four levels: Public, Internal Use Only, Confidential "
                + "and Highly Confidential. Highly Confidential data must be encrypted at rest and in transit.\n");
        cases.neg("policy", "## Levels\n\n- **Public**: may be published.\n- **Internal Use Only**: documents for "
                + "employees.\n- **Confidential**: customer data.\n- **Strictly Confidential**: board papers.\n");
        cases.neg("policy", "| Level | Examples | Handling |\n|---|---|---|\n| Internal Use Only | wiki pages | SSO |\n"
                + "| Highly Confidential | board papers | encrypted |\n");
        cases.neg("policy", "Documents marked \"Highly Confidential\" go to the vault; \"Internal Use Only\" documents "
                + "stay on the intranet.\n");
        cases.neg("policy", "## Confidential\n\nData whose disclosure would harm the company or its customers.\n\n"
                + "## Public\n\nData anyone may read.\n");
        cases.neg("policy", "Apply the Internal Only label to drafts; the Highly Confidential label needs approval.\n");
        cases.neg("label-code", "def watermark(page, label=\"Internal Use Only\"):\n    page.stamp(label, opacity=0.2)"
                + "\n");
        cases.neg("label-code", "LABELS = [\"Public\", \"Internal\", \"Confidential\", \"Highly Confidential\"]\n");
        cases.neg("label-code", "const levels = ['Public', 'Internal Use Only', 'Strictly Confidential'];\n");
        cases.neg("label-code", "LEVELS = [\n    'Public',\n    'Confidential',\n]\n");
        cases.neg("label-code", "if meta.get(\"classification\") == \"confidential\":\n    add_banner(page)\n");
        cases.neg("label-code", "Levels:\nPublic\nInternal\nConfidential\nSecret\n");
        cases.neg("public-label", "---\ntitle: Lunch menu\nclassification: public\n---\n");
        cases.neg("public-label", "{\"confidentiality\": \"high\", \"integrity\": \"high\", \"availability\": "
                + "\"medium\"}\n");
        byte[] doc = Binary.office(Binary.Office.DOCX, List.of("Lunch menu", "Soup of the day"), n -> n / 2,
                Map.of("docProps/custom.xml", customXml("Classification", "Public").getBytes(StandardCharsets.UTF_8)));
        cases.negative("public-label", new Containers.Req("PUT", "https://uploads.demo.invalid/v1/files/menu.docx",
                Containers.headers("Content-Type",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"), doc, true,
                "body DOCX docProps/custom.xml"), "docx", "Classification: Public");
        cases.neg("oss-manifest", "[package]\nname = \"demo\"\nversion = \"0.1.0\"\nlicense = \"MIT OR Apache-2.0\"\n"
                + "publish = false\n");
        cases.neg("oss-manifest", "{\n  \"name\": \"demo-app\",\n  \"private\": true,\n  \"license\": \"MIT\"\n}\n");
        cases.neg("oss-manifest", "name:                demo\nlicense:             BSD-3-Clause\n");
        cases.neg("sentence", "Everything you need to know about the build is in the README.\n");
        cases.neg("sentence", "In 2019 the company restricted access to the lab to badge holders.\n");
        cases.neg("sentence", "Courts have held that reverse engineering for interoperability can be fair use.\n");
        cases.neg("sentence", "// do not\n// copy the buffer twice\n");
        cases.neg("sentence", "Ihre Daten werden vertraulich behandelt.\n");
    }
}
