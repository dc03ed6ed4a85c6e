package dev.sieve.rules.eval;

import dev.sieve.dlp.Action;
import dev.sieve.dlp.Rule;
import dev.sieve.dlp.RuleSet;
import dev.sieve.dlp.validate.SampleTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Generates Sieve's evaluation corpus ({@code src/test/eval}): labelled requests for {@code sieve eval}, from fixed
 * seeds. Families (tag {@code family:<name>}):
 * <ul>
 *   <li>{@code plain}: every rule of the pack, four cases each, in the common request shapes;</li>
 *   <li>{@code encoding}: representative values in every encoding (base64 variants, hex variants, percent once and
 *       twice, base64 then percent, JSON \\u escapes, HTML entities, quoted-printable, zero-width characters,
 *       confusable letters in the vendor prefix) and split over URL path segments;</li>
 *   <li>{@code nested}: chains of two to four encodings;</li>
 *   <li>{@code container}: representative values in every container (URL, headers, forms, multipart, gzip, zip,
 *       tar, OOXML, PDF, base64 document and image blocks with PNG/JPEG/GIF metadata);</li>
 *   <li>{@code detector}: what detectors still to come must find (generic assignments, crypto keys, SSN tables,
 *       confidentiality phrasings, glued tokens);</li>
 *   <li>{@code negative}: hard negatives, in the same containers and encodings;</li>
 *   <li>{@code hard} and {@code hard-negative}: the held-out part ({@link HardCorpus}), from its own seed;</li>
 *   <li>{@code redteam-det}: the detectors' red team ({@link RedTeamDetectors}), from its own seed;</li>
 *   <li>{@code redteam-enc}: an outside tester's wrappings and their hard negatives ({@link RedTeamEnc});</li>
 *   <li>{@code wave3} and {@code wave4}: rules and wrappings added later, appended so no earlier case changed;</li>
 *   <li>then, each from its own seed and appended in this order: {@code ids-intl}, national identifiers outside
 *       Europe and the US ({@link IdsIntl}); {@code wave5}, JSON documents in tool-call arguments, password and key
 *       forms and confidentiality markings three blind red teams found passing ({@link Wave5}); {@code fin-docs},
 *       bank accounts and identity documents ({@link FinDocs}); {@code ids-eu}, European national identifiers
 *       ({@link IdsEu}); {@code cred-more}, credential formats ({@link CredMore}); {@code evade2}, gzip header
 *       names, UTF-16 text, split string literals, CDATA sections and folded lines ({@link Evade2}); {@code cred-cli},
 *       passwords on command lines, TIN columns, driver's licences, MRNs and sensitivity labels ({@link CredCli});
 *       {@code containers2}, xz, lzma, bzip2, tar.xz, tar.bz2 and 7z files as a raw body, base64 in a JSON text
 *       block and a multipart part ({@link Containers2}); {@code target2}, secrets in a target's userinfo and
 *       fragment and in chunked trailers, as saved raw requests ({@link Target2}); {@code docs2}, RTF escapes and
 *       runs, SVG tspans and metadata in the same three places ({@link Docs2}); {@code charsets}, JSON in UTF-16
 *       and UTF-32 and text in EBCDIC and other declared charsets ({@link Charsets}); {@code cred3}, keyword-only
 *       vendor keys, framework secrets, name/value pairs, secret table columns and other credential shapes
 *       ({@link Cred3}); {@code src3}, confidentiality markings in any comment syntax, obfuscated, in other
 *       phrasings and languages, labels and proprietary licences ({@link Src3}); {@code radix}, base58, base32hex
 *       and Crockford, base85 and Z85, xxencode, 8-bit groups, octal dumps, code point notations and
 *       variation-selector smuggling ({@link Radix}); {@code pii3}, national ids in further formats and columns, US
 *       insured ids and state licences, contact lists, split and underscored cards, bank pairs, EFT and MICR lines
 *       ({@link Pii3}); {@code reshape}, dotted, one-a-line and wrapped text, Caesar and Atbash, base64 written
 *       backwards and continued YAML scalars ({@link Reshape}); {@code tail11}, UTF-7 (declared and inline), Markdown
 *       backslash escapes in a token, gRPC-Web text, a base64 line after an all-alphabet word and a secret first
 *       column ({@link Tail11}); {@code split}, a secret split over sibling JSON fields, streamed tool-call deltas,
 *       two messages of one role, header values, multipart parts and form fields ({@link Split}); {@code lead31}, a
 *       token pasted in labelled parts, inline-code table cells, base64 that starts with a slash and Consul key
 *       labels ({@link Lead31}); {@code exotic}, big integers in decimal, Morse, spelled digits and NATO words,
 *       Braille bytes ({@link Exotic}); {@code tail31}, TeX {@code ^^xx}, XML internal entities, one character
 *       per array element, one-byte XOR, lz4 and SQLite attachments ({@link Tail31}); {@code src31}, classification
 *       custom properties and page footers, embargo and NDA wording, environment namespaces and company hosts in
 *       build files ({@link Src31}); {@code gen32}, key elements and their next element, SSM SecureString pairs,
 *       weak key endings, app passwords, escaped JSON and passwords in prose ({@link Gen32}); {@code forms32},
 *       credentials without a key = value shape (device configs, positional arguments, command output, Name/Value
 *       and pg_dump tables, kaggle.json, Discord, Cloudflare Tunnel, MSAL, VNC, session cookie exports)
 *       ({@link Forms32}); {@code src32}, government and legal banners, audience restrictions, copyright headers
 *       without a licence, company hosts under a corp / intranet / internal label and private addresses in
 *       infrastructure configuration ({@link Src32}); {@code pii32}, SSNs beside TIN labels and in X12 segments,
 *       ITINs, cards digit by digit, MBIs, CPFs, passports, driver's licences and routing/account pairs
 *       ({@link Pii32}); {@code dec32b}, text cut by markup, table cells and code joins, escapes, ROT47, shifted
 *       digits, spelled and numbered values, non-ASCII digits ({@link Dec32b}); {@code dec32a}, hex and character
 *       dumps, msgpack / CBOR / BSON / protobuf in base64, cut gzip, odd base64 layouts, big integers and hex in DNS
 *       labels ({@link Dec32a}); {@code lead33}, office XML runs, streamed deltas in logs and tokens wrapped at a
 *       line's end ({@link Lead33}); {@code enc33}, UTF-32 and EBCDIC text under base64 or hex and NATO spelling
 *       with case marks ({@link Enc33}); {@code cred33}, secret-store output (Key Vault JSON, SecretString, SSM
 *       SecureString tables), Cookie headers in text, OpenVPN auth-user-pass files, INSERT statements into key
 *       tables and blank-aligned PowerShell and sqlcmd tables ({@link Cred33}); {@code phi33}, health and personal
 *       records (HL7 v2 PID segments, FHIR Patient resources, clinical notes, lab reports, insurance cards and
 *       student records with a DOB, people tables with a DOB column) ({@link Phi33}); {@code fin33}, cards, SSNs
 *       and national ids in machine shapes (EMV TLV, ISO 8583, hex integers, OCR word lists, SSNs that lost their
 *       leading zeros, labelled LatAm, German, Mexican and Indian ids) ({@link Fin33}); {@code lead34}, headers
 *       and cookies written as name/value pairs (HAR, Postman), JWTs with published sample claims, identity records
 *       and OCR'd card faces ({@link Lead34}); {@code hex34}, files dumped as plain hex wrapped at a fixed width
 *       ({@code xxd -p}, folded hexdump, textwrap'd hexlify, {@code od -An -tx1}) ({@link Hex34}); {@code pub35},
 *       keys vendors ship to browsers and apps by design (Firebase client configurations, the Maps loader, the
 *       Segment snippet, Algolia search-only keys, Datadog client tokens, Supabase anon keys) against the same
 *       vendors' secret keys in the same places ({@link Pub35}); {@code vendor35},
 *       the long tail of vendor credential formats (SonarQube, Render, Neon, JFrog reference tokens, Azure OpenAI
 *       84-character keys, Tavily, Doppler, Plaid, Dropbox, Telegram tokens in Bot API URLs,
 *       curl client credentials, W&amp;B and DeepSeek keys next to their word) bare, in prose, configs, code and curl
 *       ({@link Vendor35}); {@code lead36}, private keys through the line marks of agents' tools (numbered
 *       lines, diffs, patches, quotes, comments), an SSN in three fields, compressed bodies declared JSON or with a
 *       mislabelled coding, spaced base64 before a code fence, an empty OpenAI Chat tool output ({@link Lead36});
 *       {@code lead37}, files behind a tool's line-number gutter and national identifiers under a column header
 *       (pandas, MySQL, psql, Markdown, CSV; headers in several scripts) ({@link Lead37});
 *       {@code intl37}, Swiss AHV, Austrian SV-Nummer, Czech/Slovak rodné číslo, Greek AMKA, Romanian CNP,
 *       Portuguese NIF and Argentine CUIL of people, individuals' PANs and Troy cards, against the same shapes with a
 *       wrong check digit and companies' ids ({@link Intl37}); {@code lead38}, RFC 2047 encoded words in mail headers
 *       (an SSN or a card in a Q word, a token split over B words) ({@link Lead38}); {@code fp38}, staff
 *       directories and customer lists against role mailboxes and switchboard directories ({@link Fp38});
 *       {@code code38}, export-control markings, paraphrased legal notices and more confidentiality markings against
 *       explainers and label tables in code ({@link Code38});
 *       {@code intl38}, Spanish DNIs/NIEs under a DNI/NIE/NIF column or after D.N.I., the seven national ids of
 *       intl37 under camel-case keys, XML tags and form fields, Brazilian agência + conta and Japanese bank accounts,
 *       against wrong letters, Spanish companies' CIFs, orders under DNI-like headers and bank words beside other
 *       numbers ({@link Intl38}); {@code lead39}, a secret store read by an agent's tool (vault, op, gcloud, aws,
 *       kubectl, security, az, pass), its bare output in the next message of each API's transcript, against the same
 *       commands' errors and placeholders and ordinary commands' one-token outputs ({@link Lead39});
 *       {@code intl39}, the international ids and bank details rt37-intl still got past
 *       after session 38, under their local labels, keys and column headers ({@link Intl39});
 *       {@code places39}, SSNs, cards, IBANs and NINOs glued into file names by {@code _} or
 *       letters in the path, a query, a multipart file name and headers, tokens as multipart field names and in part
 *       headers, against glued numbers that fail the checks, idempotency tokens and presign parameters
 *       ({@link Places39});
 *       {@code tools39}, private keys in {@code rg --json}, in code viewers' HTML and cut
 *       before their END line, and contact lists with glued fields ({@link Tools39});
 *       {@code records40}, one named person's record without an id number (a DOB with contact details under
 *       prose, German, Spanish and CRM labels, a home address in a ticket, a diagnosis, leave, arrest or salary
 *       beside a contact detail, a row of a patient, claim or class extract, an X12 DMG) against biographies,
 *       offices, pseudonyms, templates, aggregates and one-detail mentions ({@link People40Records});
 *       {@code shapes40}, the shapes of US PII and financial numbers rt40-people found unread (SSNs under soc sec no /
 *       ss_num columns, in pieces over chat lines, fields and two messages, spelled and split by HTML elements;
 *       ITINs after TIN; WA, NJ, MI, PA and FL licences, OLN and KYC JSON; Medicaid ids, MBIs, passports in threes;
 *       routing numbers in threes and spelled; cards over chat lines, two texts and Amex 4-4-4-3), against bad
 *       checks, numbering runs and unlabelled look-alikes ({@link People40Shapes});
 *       {@code layers40}, binary written as byte literals (Python {@code b'\x..'} repr, bytea {@code \x} hex, SQL
 *       {@code 0x} hex, Go/C/Java byte arrays) of gzip and zlib, hex of bzip2 and xz, and MIME base64 of xz whose
 *       line breaks are escapes, closed in session 40 after rt40-layers ({@link Layers40}); each with its hard
 *       negatives.</li>
 * </ul>
 * Expected outcomes are the pack's actions for the target's destination class where the decision is certain (a block rule blocks anywhere; a redact rule
 * redacts in a JSON, text, form, query or multipart body and blocks in a header); elsewhere the outcome is left out.
 * Run {@code EvalCorpusTest} with {@code -Dsieve.eval.regenerate=true} to rewrite the committed corpus.
 */
final class EvalCorpus {

    static final long SEED = 20_250_611L;

    /** Values in every encoding. */
    static final List<String> REPRESENTATIVE = List.of("credential.github-pat", "credential.aws-key-pair",
            "credential.anthropic-api-key", "credential.openai-api-key", "credential.stripe-secret-key",
            "credential.slack-bot-token", "credential.jwt", "credential.private-key-openssh", "credential.database-url",
            "credential.gcp-api-key", "credential.gitlab-pat", "credential.npm-token",
            "credential.generic-secret-assignment", "financial.card-visa", "financial.card-mastercard",
            "financial.iban", "pii.us-ssn", "pii.us-ssn-unformatted", "pii.uk-nino",
            "source-code.company-confidential");
    /** Values in every container. */
    static final List<String> CONTAINER_REPRESENTATIVE = List.of("credential.github-pat", "credential.aws-key-pair",
            "credential.anthropic-api-key", "credential.jwt", "credential.private-key-openssh",
            "credential.database-url", "credential.stripe-secret-key", "credential.slack-bot-token",
            "financial.card-visa", "financial.iban", "pii.us-ssn", "pii.us-ssn-unformatted", "pii.uk-nino",
            "source-code.company-confidential");
    /** Where plain values go, besides an Anthropic message and a text body. */
    static final List<String> PLAIN_ROTATION = List.of("json-openai-chat", "json-openai-responses", "json-gemini",
            "json-anthropic-tool", "query", "form", "multipart", "header", "cookie", "gzip-ce");
    /** Where encoded values go. */
    static final List<String> ENCODING_ROTATION = List.of("json-anthropic", "json-openai-chat", "text", "json-gemini",
            "query", "form", "multipart", "json-anthropic-tool", "header", "json-openai-responses");
    /** Every container of the container family. */
    static final List<String> CONTAINERS = List.of("json-anthropic", "json-anthropic-tool", "json-openai-chat",
            "json-openai-responses", "json-gemini", "text", "query", "path", "header", "cookie", "form", "multipart",
            "multipart-cte-qp", "multipart-cte-base64", "multipart-gzip", "gzip-ce", "gzip-octet", "zip", "zip-stored",
            "tar", "tar-gz", "docx", "xlsx", "pptx", "openai-file-docx", "pdf-raw", "anthropic-document-text",
            "anthropic-document-pdf", "openai-file-text", "gemini-inline-text", "png-text", "png-itxt", "png-ztxt",
            "jpeg-com", "jpeg-exif", "gif-comment", "openai-image-url-png", "gemini-inline-jpeg");
    /** Containers a redaction can rewrite today (an unencoded value there is redacted, not blocked). */
    private static final Set<String> REWRITABLE = Set.of("json-anthropic", "json-anthropic-tool", "json-openai-chat",
            "json-openai-responses", "json-gemini", "text", "query", "form", "multipart", "multipart-cte-qp",
            "multipart-cte-base64", "gzip-ce", "anthropic-document-text", "openai-file-text", "gemini-inline-text");

    private final Map<String, Rule> pack = new HashMap<>();
    private final List<CorpusWriter.Case> cases = new ArrayList<>();
    private final Map<String, Integer> counters = new HashMap<>();

    EvalCorpus(RuleSet rules) {
        rules.rules().forEach(r -> pack.put(r.id(), r));
    }

    /** The whole corpus, in family order. */
    List<CorpusWriter.Case> generate() {
        plain(rng("plain"));
        encodings(rng("encoding"));
        nested(rng("nested"));
        containers(rng("container"));
        detectors(rng("detector"));
        negatives(rng("negative"));
        hard();
        redTeamDetectors();
        redTeamEnc();
        wave3(rng("wave3"));
        wave4(rng("wave4"));
        appended(IdsIntl.FAMILY, IdsIntl.cases(new Rng(IdsIntl.SEED)));
        appended(Wave5.FAMILY, Wave5.cases(new Rng(Wave5.SEED)));
        appended(FinDocs.FAMILY, FinDocs.cases(new Rng(FinDocs.SEED)));
        idsEu();
        appended(CredMore.FAMILY, CredMore.cases(new Rng(CredMore.SEED)));
        appended(Evade2.FAMILY, Evade2.cases(new Rng(Evade2.SEED)));
        appended(CredCli.FAMILY, CredCli.cases(new Rng(CredCli.SEED)));
        appended(Containers2.FAMILY, Containers2.cases(new Rng(Containers2.SEED)));
        appended(Target2.FAMILY, Target2.cases(new Rng(Target2.SEED)));
        appended(Docs2.FAMILY, Docs2.cases(new Rng(Docs2.SEED)));
        appended(Charsets.FAMILY, Charsets.cases(new Rng(Charsets.SEED)));
        appended(Cred3.FAMILY, Cred3.cases(new Rng(Cred3.SEED)));
        appended(Src3.FAMILY, Src3.cases(new Rng(Src3.SEED)));
        appended(Radix.FAMILY, Radix.cases(new Rng(Radix.SEED)));
        appended(Pii3.FAMILY, Pii3.cases(new Rng(Pii3.SEED)));
        appended(Reshape.FAMILY, Reshape.cases(new Rng(Reshape.SEED)));
        appended(Tail11.FAMILY, Tail11.cases(new Rng(Tail11.SEED)));
        appended(Tail30.FAMILY, Tail30.cases(new Rng(Tail30.SEED)));
        appended(Split.FAMILY, Split.cases(new Rng(Split.SEED)));
        appended(Lead31.FAMILY, Lead31.cases(new Rng(Lead31.SEED)));
        appended(Exotic.FAMILY, Exotic.cases(new Rng(Exotic.SEED)));
        appended(Tail31.FAMILY, Tail31.cases(new Rng(Tail31.SEED)));
        appended(Src31.FAMILY, Src31.cases(new Rng(Src31.SEED)));
        appended(Gen32.FAMILY, Gen32.cases(new Rng(Gen32.SEED)));
        appended(Forms32.FAMILY, Forms32.cases(new Rng(Forms32.SEED)));
        appended(Src32.FAMILY, Src32.cases(new Rng(Src32.SEED)));
        appended(Pii32.FAMILY, Pii32.cases(new Rng(Pii32.SEED)));
        appended(Dec32b.FAMILY, Dec32b.cases(new Rng(Dec32b.SEED)));
        appended(Dec32a.FAMILY, Dec32a.cases(new Rng(Dec32a.SEED)));
        appended(Lead33.FAMILY, Lead33.cases(new Rng(Lead33.SEED)));
        appended(Enc33.FAMILY, Enc33.cases(new Rng(Enc33.SEED)));
        appended(Cred33.FAMILY, Cred33.cases(new Rng(Cred33.SEED)));
        appended(Phi33.FAMILY, Phi33.cases(new Rng(Phi33.SEED)));
        appended(Fin33.FAMILY, Fin33.cases(new Rng(Fin33.SEED)));
        appended(Lead34.FAMILY, Lead34.cases(new Rng(Lead34.SEED)));
        appended(Hex34.FAMILY, Hex34.cases(new Rng(Hex34.SEED)));
        appended(Pub35.FAMILY, Pub35.cases(new Rng(Pub35.SEED)));
        appended(Vendor35.FAMILY, Vendor35.cases(new Rng(Vendor35.SEED)));
        appended(Lead36.FAMILY, Lead36.cases(new Rng(Lead36.SEED)));
        appended(Lead37.FAMILY, Lead37.cases(new Rng(Lead37.SEED)));
        appended(Intl37.FAMILY, Intl37.cases(new Rng(Intl37.SEED)));
        appended(Lead38.FAMILY, Lead38.cases(new Rng(Lead38.SEED)));
        appended(Fp38.FAMILY, Fp38.cases(new Rng(Fp38.SEED)));
        appended(Code38.FAMILY, Code38.cases(new Rng(Code38.SEED)));
        appended(Intl38.FAMILY, Intl38.cases(new Rng(Intl38.SEED)));
        appended(Lead39.FAMILY, Lead39.cases(new Rng(Lead39.SEED)));
        appended(Intl39.FAMILY, Intl39.cases(new Rng(Intl39.SEED)));
        appended(Places39.FAMILY, Places39.cases(new Rng(Places39.SEED)));
        appended(Tools39.FAMILY, Tools39.cases(new Rng(Tools39.SEED)));
        appended(People40Records.FAMILY, People40Records.cases(new Rng(People40Records.SEED)));
        appended(People40Shapes.FAMILY, People40Shapes.cases(new Rng(People40Shapes.SEED)));
        appended(Layers40.FAMILY, Layers40.cases(new Rng(Layers40.SEED)));
        return List.copyOf(cases);
    }

    static Map<String, byte[]> render(RuleSet rules) {
        return CorpusWriter.render(new EvalCorpus(rules).generate());
    }

    static void write(RuleSet rules, Path dir) throws IOException {
        CorpusWriter.write(dir, render(rules));
    }

    private static Rng rng(String family) {
        return new Rng(SEED ^ family.hashCode());
    }

    private void plain(Rng r) {
        int turn = 0;
        for (String rule : Values.RULES.keySet()) {
            List<String> containers = new ArrayList<>(List.of("json-anthropic", "text"));
            while (containers.size() < 4) {
                String c = PLAIN_ROTATION.get(turn++ % PLAIN_ROTATION.size());
                containers.add(c);
            }
            for (String container : containers) {
                Snippet s = Values.RULES.get(rule).apply(r);
                if (!Containers.fits(container, s.text()) || (Containers.ONE_LINE.contains(container) && s.multiline())
                        || (container.equals("cookie") && !Containers.cookieSafe(s.text()))) {
                    container = "json-openai-chat";
                }
                positive("plain", s, container, "none", r);
            }
        }
    }

    private void encodings(Rng r) {
        int turn = 0;
        for (String rule : REPRESENTATIVE) {
            for (String enc : Encodings.TEXT.keySet()) {
                Snippet s = Values.RULES.get(rule).apply(r);
                String encoded = Encodings.apply(enc, s.text(), r);
                String container = fitting(ENCODING_ROTATION, turn++, encoded, s.multiline() || enc.equals("qp")
                        || enc.equals("base64-wrapped"));
                positive("encoding", s.withText(encoded), container, enc, r);
            }
            Snippet s = Values.RULES.get(rule).apply(r);
            Snippet zw = s.withValue(Encodings.VALUE.get("zero-width").apply(s.value(), r));
            positive("encoding", zw, fitting(ENCODING_ROTATION, turn++, zw.text(), s.multiline()), "zero-width", r);
            if (s.category().equals(Values.CREDENTIAL) && Encodings.hasConfusablePrefix(s.value())) {
                Snippet cf = s.withValue(Encodings.VALUE.get("confusable").apply(s.value(), r));
                positive("encoding", cf, fitting(ENCODING_ROTATION, turn++, cf.text(), s.multiline()), "confusable", r);
            }
            if (!s.multiline()) {
                positive("encoding", Values.RULES.get(rule).apply(r), "path-split", "none", r);
            }
        }
    }

    private void nested(Rng r) {
        List<String> shortRules = REPRESENTATIVE.stream().filter(id -> !id.equals("credential.private-key-openssh"))
                .toList();
        List<String> nestable = new ArrayList<>(Encodings.NESTABLE);
        nestable.add("gzip-base64");
        List<String> rotation = List.of("json-anthropic", "query", "text", "form", "header", "json-openai-chat");
        int turn = 0;
        for (int depth = 2; depth <= 4; depth++) {
            for (int i = 0; i < 40; i++) {
                Snippet s = Values.RULES.get(shortRules.get((i + depth) % shortRules.size())).apply(r);
                String text = s.text();
                List<String> chain = new ArrayList<>();
                for (int d = 0; d < depth; d++) {
                    String enc = r.pick(nestable);
                    chain.add(enc);
                    text = enc.equals("gzip-base64")
                            ? Base64.getEncoder().encodeToString(Binary.gzip(text.getBytes(StandardCharsets.UTF_8)))
                            : Encodings.apply(enc, text, r);
                }
                String container = fitting(rotation, turn++, text, false);
                List<String> tags = new ArrayList<>(List.of("depth:" + depth));
                chain.stream().distinct().forEach(step -> tags.add("layer:" + step));
                positive("nested", s.withText(text), container, String.join(">", chain), r, tags.toArray(String[]::new));
            }
        }
    }

    private void containers(Rng r) {
        for (String rule : CONTAINER_REPRESENTATIVE) {
            for (String container : CONTAINERS) {
                Snippet s = Values.RULES.get(rule).apply(r);
                if (!Containers.fits(container, s.text())) {
                    continue;
                }
                positive("container", s, container, "none", r);
            }
        }
    }

    private void detectors(Rng r) {
        int turn = 0;
        List<String> rotation = List.of("json-anthropic", "text", "json-anthropic-tool", "multipart", "json-openai-chat",
                "docx", "gzip-octet");
        for (var e : Detectors.ASSIGNMENTS.entrySet()) {
            for (int i = 0; i < 5; i++) {
                Snippet s = e.getValue().apply(r);
                positive("detector", s, rotation.get(turn++ % rotation.size()), "none", r, "format:" + e.getKey());
            }
        }
        for (int i = 0; i < 12; i++) {
            positive("detector", Detectors.wif(r), rotation.get(turn++ % rotation.size()), "none", r);
        }
        for (int i = 0; i < 10; i++) {
            positive("detector", Detectors.xprv(r), rotation.get(turn++ % rotation.size()), "none", r);
        }
        for (int i = 0; i < 18; i++) {
            positive("detector", Detectors.bip39(r), rotation.get(turn++ % rotation.size()), "none", r);
        }
        List<String> tableContainers = List.of("text", "json-anthropic-tool", "xlsx", "multipart", "json-anthropic");
        for (int style = 0; style < 4; style++) {
            for (int i = 0; i < 5; i++) {
                positive("detector", Detectors.ssnTable(r, style), tableContainers.get(i), "none", r,
                        "format:" + List.of("csv-dashed", "csv", "psql", "markdown").get(style));
            }
        }
        for (int i = 0; i < 10; i++) {
            positive("detector", Detectors.ssnSpaced(r), rotation.get(turn++ % rotation.size()), "none", r);
        }
        for (int i = 0; i < 20; i++) {
            positive("detector", Detectors.marking(r), rotation.get(turn++ % rotation.size()), "none", r);
        }
        for (int i = 0; i < 20; i++) {
            positive("detector", Detectors.glued(r), rotation.get(turn++ % rotation.size()), "none", r);
        }
    }

    private void negatives(Rng r) {
        List<String> rotation = List.of("json-anthropic", "json-anthropic-tool", "json-openai-chat", "text",
                "json-gemini", "json-openai-responses", "multipart", "form");
        int turn = 0;
        for (var kind : Negatives.KINDS.entrySet()) {
            for (int i = 0; i < 8; i++) {
                String text = kind.getValue().apply(r);
                negative(text, text, fitting(rotation, turn++, text, true), "none", kind.getKey(), r);
            }
        }
        for (String line : benignCorpus()) {
            Containers.Req req = new Containers.Req("POST", "https://api.anthropic.com/v1/messages",
                    Containers.headers("Content-Type", "application/json"), line.getBytes(StandardCharsets.UTF_8),
                    false, "body json (a whole agent request)");
            add("negative", req, List.of(), List.of(), negativeOutcome(line), List.of("family:negative", "neg:agent-traffic",
                    "container:json-anthropic", "enc:none"));
        }
        List<String> kinds = List.of("git-sha", "uuid", "package-lock", "public-cert", "doc-example", "code",
                "license-header", "placeholder-config");
        for (String enc : List.of("base64", "hex", "percent", "html-dec", "json-u", "qp", "base64-wrapped")) {
            for (int i = 0; i < 3; i++) {
                String kind = kinds.get(turn % kinds.size());
                String plain = Negatives.KINDS.get(kind).apply(r);
                String encoded = Encodings.apply(enc, plain, r);
                negative(encoded, plain, fitting(List.of("json-anthropic", "text", "json-openai-chat"), turn++, encoded, true),
                        enc, kind, r);
            }
        }
        for (String container : CONTAINERS) {
            String kind = kinds.get(turn % kinds.size());
            String text = Negatives.KINDS.get(kind).apply(r);
            if (!Containers.fits(container, text)) {
                text = Negatives.KINDS.get("code").apply(r);
                kind = "code";
            }
            if (Containers.fits(container, text)) {
                negative(text, text, container, "none", kind, r);
            }
            turn++;
        }
        screenshots(r);
        ownCredentials(r);
    }

    /** The held-out families, from their own seed ({@link HardCorpus}). */
    private void hard() {
        Rng r = new Rng(HardCorpus.SEED);
        for (HardCorpus.Out o : HardCorpus.positives(r)) {
            add("hard", o.req(), o.rules(), o.categories(), hardOutcome(o.rules(), o.req().target()), o.tags());
        }
        for (HardCorpus.Out o : HardCorpus.negatives(r)) {
            add("hard-negative", o.req(), List.of(), List.of(), negativeOutcome(o.plain()), o.tags());
        }
    }

    /** The detectors' red-team family ({@link RedTeamDetectors}), from its own seed. */
    private void redTeamDetectors() {
        Rng r = new Rng(RedTeamDetectors.SEED);
        for (HardCorpus.Out o : RedTeamDetectors.positives(r)) {
            add(RedTeamDetectors.FAMILY, o.req(), o.rules(), o.categories(), hardOutcome(o.rules(), o.req().target()),
                    o.tags());
        }
        for (HardCorpus.Out o : RedTeamDetectors.negatives(r)) {
            add(RedTeamDetectors.FAMILY, o.req(), List.of(), List.of(), negativeOutcome(o.plain()), o.tags());
        }
    }

    /** {@code block} when an expected rule blocks at the target's destination class; else not stated. */
    private String hardOutcome(List<String> rules, String target) {
        for (String id : rules) {
            Rule rule = pack.get(id);
            if (rule == null) {
                throw new IllegalStateException("rule " + id + " is not in the pack");
            }
            if (rule.action(destinationClass(target)) == Action.BLOCK) {
                return "block";
            }
        }
        return null;
    }

    private void screenshots(Rng r) {
        for (int i = 0; i < 8; i++) {
            byte[] png = Negatives.screenshot(r, 48 + 8 * i, 32 + 4 * i);
            String b64 = Base64.getEncoder().encodeToString(png);
            String body;
            String target;
            String where;
            if (i % 3 == 0) {
                target = "https://api.openai.com/v1/chat/completions";
                body = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\","
                        + "\"image_url\":{\"url\":\"data:image/png;base64," + b64 + "\"}}]}]}";
                where = "body json image_url data URL";
            } else if (i % 3 == 1) {
                target = "https://api.anthropic.com/v1/messages";
                body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"messages\":[{\"role\":\"user\",\"content\":"
                        + "[{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\""
                        + b64 + "\"}},{\"type\":\"text\",\"text\":\"Why is the button misaligned?\"}]}]}";
                where = "body json image block";
            } else {
                target = "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent";
                body = "{\"contents\":[{\"parts\":[{\"inline_data\":{\"mime_type\":\"image/png\",\"data\":\"" + b64
                        + "\"}},{\"text\":\"Describe the screenshot.\"}]}]}";
                where = "body json inline_data";
            }
            add("negative", new Containers.Req("POST", target, Containers.headers("Content-Type", "application/json"),
                    body.getBytes(StandardCharsets.UTF_8), false, where), List.of(), List.of(), "allow",
                    List.of("family:negative", "neg:screenshot", "container:image-block", "enc:none"));
        }
    }

    /** A model API key in the auth header its own provider expects: the agent authenticating, not a leak. */
    private void ownCredentials(Rng r) {
        for (int i = 0; i < 2; i++) {
            String anthropic = Values.RULES.get("credential.anthropic-api-key").apply(r).value();
            String openai = Values.RULES.get("credential.openai-api-key").apply(r).value();
            String google = Values.RULES.get("credential.gcp-api-key").apply(r).value();
            ownCredential("https://api.anthropic.com/v1/messages", "x-api-key", anthropic);
            ownCredential("https://api.openai.com/v1/chat/completions", "Authorization", "Bearer " + openai);
            ownCredential("https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent",
                    "x-goog-api-key", google);
        }
    }

    private void ownCredential(String target, String header, String value) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(Containers.headers("Content-Type", "application/json",
                header, value));
        String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
        add("negative", new Containers.Req("POST", target, headers, body.getBytes(StandardCharsets.UTF_8), false,
                "request header " + header + " to its own provider"), List.of(), List.of(), "allow",
                List.of("family:negative", "neg:own-credential", "container:header", "enc:none"));
    }

    private static String fitting(List<String> rotation, int turn, String payload, boolean multiline) {
        for (int k = 0; k < rotation.size(); k++) {
            String c = rotation.get((turn + k) % rotation.size());
            if (Containers.fits(c, payload) && !(multiline && Containers.ONE_LINE.contains(c))) {
                return c;
            }
        }
        return "json-anthropic";
    }

    private void positive(String family, Snippet s, String container, String enc, Rng r, String... extraTags) {
        boolean rawJson = enc.equals("json-u") && Containers.JSON_STRING.contains(container);
        Containers.Req req = Containers.build(container, s.text(), rawJson, r);
        String where = req.where() + (enc.equals("none") ? "" : "; encoded " + enc.replace(">", " then "));
        req = new Containers.Req(req.method(), req.target(), req.headers(), req.body(), req.binary(), where);
        List<String> tags = new ArrayList<>(List.of("family:" + family, "cat:" + s.category(), "container:" + container,
                "enc:" + (enc.contains(">") ? "nested" : enc)));
        if (s.detector() != null) {
            tags.add("detector:" + s.detector());
        }
        tags.addAll(List.of(extraTags));
        List<String> categories = s.rules().isEmpty() ? List.of(s.category()) : List.of();
        add(family, req, s.rules(), categories, outcome(s.rules(), destinationClass(req.target()), container, enc), tags);
    }

    /**
     * A negative's outcome: {@code log} when it holds a published example value of a rule that reports examples
     * ({@code ignore_examples}), which Sieve records as a log-level example finding (not a detection); else
     * {@code allow}. Compared as the engine does: case-insensitive, spaces and hyphens ignored; a published sample
     * token ({@link SampleTokens}) is such an example for every credential rule.
     */
    private String negativeOutcome(String plain) {
        if (SampleTokens.within(plain)) {
            return "log";
        }
        String text = compact(plain);
        for (Rule rule : pack.values()) {
            if (rule.ignoreExamples()) {
                for (String example : rule.publishedExamples()) {
                    if (text.contains(compact(example))) {
                        return "log";
                    }
                }
            }
        }
        return "allow";
    }

    private static String compact(String s) {
        return s.toLowerCase(java.util.Locale.ROOT).replace(" ", "").replace("-", "");
    }

    /** @param plain the negative's text before {@code enc} was applied */
    private void negative(String text, String plain, String container, String enc, String kind, Rng r) {
        boolean rawJson = enc.equals("json-u") && Containers.JSON_STRING.contains(container);
        Containers.Req req = Containers.build(container, text, rawJson, r);
        String where = req.where() + (enc.equals("none") ? "" : "; encoded " + enc);
        req = new Containers.Req(req.method(), req.target(), req.headers(), req.body(), req.binary(), where);
        add("negative", req, List.of(), List.of(), negativeOutcome(plain), List.of("family:negative", "neg:" + kind,
                "container:" + container, "enc:" + enc));
    }

    /**
     * The destination class {@code sieve eval} gives a target under the built-in allowlist: the model endpoints this
     * corpus sends to are {@code model-provider}, every other host {@code other}.
     */
    static String destinationClass(String target) {
        String host = java.net.URI.create(target).getHost();
        return host != null && MODEL_PROVIDERS.contains(host) ? "model-provider" : "other";
    }

    private static final java.util.Set<String> MODEL_PROVIDERS = java.util.Set.of("api.anthropic.com",
            "api.openai.com", "generativelanguage.googleapis.com");

    /** The decision the pack's actions for the destination's class make certain, or null. */
    private String outcome(List<String> rules, String destinationClass, String container, String enc) {
        if (rules.isEmpty()) {
            return null;
        }
        Action strongest = Action.LOG;
        for (String id : rules) {
            Rule rule = pack.get(id);
            if (rule == null) {
                throw new IllegalStateException("rule " + id + " is not in the pack");
            }
            Action action = rule.action(destinationClass);
            if (action.ordinal() > strongest.ordinal()) {
                strongest = action;
            }
        }
        return switch (strongest) {
            case BLOCK -> "block";
            case LOG -> "log";
            case REDACT -> Containers.ONE_LINE.contains(container) ? "block"
                    : enc.equals("none") && REWRITABLE.contains(container) ? "redact" : null;
        };
    }

    private void add(String family, Containers.Req req, List<String> rules, List<String> categories, String outcome,
            List<String> tags) {
        int n = counters.merge(family, 1, Integer::sum);
        String id = String.format("%s-%04d", family, n);
        cases.add(new CorpusWriter.Case(id, req, rules, categories, outcome, tags));
    }

    /** The rules module's benign agent-traffic corpus: whole Anthropic requests, one per line. */
    private static List<String> benignCorpus() {
        try (InputStream in = EvalCorpus.class.getResourceAsStream("/corpus/benign.jsonl")) {
            if (in == null) {
                throw new IllegalStateException("resource corpus/benign.jsonl (expected: on the test class path)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rules added after the families above were written, so that appending them changed none of those cases. */
    static final List<String> WAVE3_RULES = List.of("credential.bip39-mnemonic-bare", "financial.card-track-data",
            "pii.email-column", "credential.devops-platform-token", "credential.business-api-token");

    /**
     * The {@link #WAVE3_RULES} in the containers of the plain family and base64-encoded, and hard negatives beside them:
     * a seed phrase of list words that fails its checksum, prose of short words alone in a message, a phrase inside a
     * longer text with no wallet word (another rule's, near a wallet word), two addresses under an e-mail column,
     * addresses under another column, a cache key that starts with key-, digits around an equals sign.
     */
    private void wave3(Rng r) {
        List<String> rotation = List.of("json-anthropic", "json-openai-chat", "text", "json-anthropic-tool",
                "json-gemini", "json-openai-responses", "multipart", "form", "anthropic-document-text", "gzip-octet",
                "zip", "docx");
        int turn = 0;
        for (String rule : WAVE3_RULES) {
            for (int i = 0; i < rotation.size(); i++) {
                Snippet s = Values.RULES.get(rule).apply(r);
                positive("wave3", s, fitting(rotation, turn++, s.text(), s.multiline()), "none", r);
            }
            Snippet s = Values.RULES.get(rule).apply(r);
            positive("wave3", s.withText(Encodings.apply("base64", s.text(), r)), fitting(List.of("json-anthropic",
                    "text", "json-openai-chat"), turn++, s.text(), true), "base64", r);
        }
        String phrase = Checksums.bip39(r.bytes(16), Detectors.BIP39);
        String[] words = phrase.split(" ");
        // the last word's low four bits are the checksum of 12 words: another value there never checks
        int last = Detectors.BIP39.indexOf(words[11]);
        String broken = phrase.substring(0, phrase.length() - words[11].length())
                + Detectors.BIP39.get(last & ~0xf | (last + 1) & 0xf);
        List<String> negatives = List.of(broken,
                "fix the login page then run every test again before you ship this build to staging today",
                "we wrote " + phrase + " on the whiteboard during the workshop",
                "name,email,plan\nAna Moss,ana.moss@mailbox.demo.net,pro\nLee Park,lee.park@post.demo.io,pro\n",
                "name,owner,repo\nAna Moss,ana.moss@mailbox.demo.net,app\nLee Park,lee.park@post.demo.io,api\n"
                        + "Omar Ito,omar.ito@inbox.demo.de,web\n",
                "cache_key = \"key-2026-12-05-session-store-primary\"",
                "checksum 1700000000000=4111111 ok, build 20261205=1701");
        for (String text : negatives) {
            Containers.Req req = Containers.build(fitting(rotation, turn++, text, true), text, false, r);
            add("wave3", req, List.of(), List.of(), negativeOutcome(text), List.of("family:wave3", "neg:wave3",
                    "container:" + fitting(rotation, turn - 1, text, true), "enc:none"));
        }
    }

    /** Rules whose value is only found standing alone (not inside a longer text). */
    private static final Set<String> ALONE_ONLY = Set.of("credential.bip39-mnemonic-bare");

    /**
     * The wrappings decoded since wave 3, for every rule the corpus has a value generator for, in rotating containers:
     * base64 in groups of four one space apart (alone, after a label, or before a note on the next line; then, for
     * every third rule, groups of 5, 8, 12, 32 or 76 characters), and raw
     * DEFLATE in base64 (one block of literals, a block with back-references, or stored blocks; the value alone or
     * inside a config file; the base64 alone or after a label). Hard negatives beside them: spaced groups of random
     * bytes and of a benign sentence, a line of four-letter words, a hex dump in groups of four, raw DEFLATE of benign
     * text, base64 of random bytes that starts like a DEFLATE block of text, a list of random base64 tokens, groups of
     * 8 and 76 of random bytes, a line of words of one length.
     */
    private void wave4(Rng r) {
        List<String> rotation = List.of("json-anthropic", "json-openai-chat", "text", "json-gemini", "form",
                "multipart", "json-anthropic-tool", "json-openai-responses", "header", "query");
        Base64.Encoder b64 = Base64.getEncoder();
        int turn = 0;
        int k = 0;
        for (String rule : Values.RULES.keySet()) {
            Snippet s = Values.RULES.get(rule).apply(r);
            String groups = spaced(b64.encodeToString(s.text().getBytes(StandardCharsets.UTF_8)));
            String text = switch (k % 3) {
                case 0 -> groups;
                case 1 -> r.pick("token: ", "secret = ", "payload=", "backup ") + groups;
                default -> groups + "\n(copied from the vault export)";
            };
            positive("wave4", s.withText(text), fitting(rotation, turn++, text, text.indexOf('\n') >= 0),
                    "base64-spaced", r);
            Snippet d = Values.RULES.get(rule).apply(r);
            String plain = k % 4 == 3 && !ALONE_ONLY.contains(rule) ? configAround(d.text(), r) : d.text();
            byte[] bytes = plain.getBytes(StandardCharsets.UTF_8);
            byte[] deflated = switch (k % 3) {
                case 0 -> Binary.deflate(bytes);
                case 1 -> Binary.deflateLz(bytes);
                default -> Binary.deflateStored(bytes);
            };
            String carried = (k % 2 == 0 ? "" : "compressed (raw deflate, base64): ") + b64.encodeToString(deflated);
            positive("wave4", d.withText(carried), fitting(rotation, turn++, carried, false), "deflate-raw>base64", r);
            k++;
        }
        List<String> negatives = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            negatives.add(spaced(b64.encodeToString(r.bytes(r.between(18, 60)))));
        }
        negatives.add("note: " + spaced(b64.encodeToString("the quarterly numbers look fine, ship the report on Monday"
                .getBytes(StandardCharsets.UTF_8))));
        negatives.add("this week they will move more work from Lima into Oslo once each team gets some rest");
        negatives.add("0000000 227b 6f6d 6564 226c 3a22 6c63 7561 6564 0a7d 2022 6f72 656c 3a22 2022\n"
                + "0000020 7375 7265 2c22 2220 6f63 746e 6e65 2274 203a 6822 6c65 6f6c 7d22 000a");
        String benign = "# deploy notes\nregion = eu-west-1\nreplicas = 3\nlog_level = info\nowner = platform team\n";
        negatives.add(b64.encodeToString(Binary.deflate(benign.getBytes(StandardCharsets.UTF_8))));
        negatives.add("compressed: " + b64.encodeToString(Binary.deflateLz(benign.repeat(3).getBytes(StandardCharsets.UTF_8))));
        negatives.add(b64.encodeToString(Binary.deflateStored(benign.getBytes(StandardCharsets.UTF_8))));
        for (int i = 0; i < 2; i++) {
            byte[] head = Binary.deflate("report ".getBytes(StandardCharsets.UTF_8));
            byte[] tail = r.bytes(r.between(24, 48));
            byte[] both = java.util.Arrays.copyOf(head, head.length - 1 + tail.length);
            System.arraycopy(tail, 0, both, head.length - 1, tail.length);
            negatives.add(b64.encodeToString(both));
        }
        StringBuilder tokens = new StringBuilder("artifact digests:\n");
        for (int i = 0; i < 40; i++) {
            tokens.append("  - ").append(b64.encodeToString(r.bytes(r.pick(List.of(16, 20, 24, 32, 33))))).append('\n');
        }
        negatives.add(tokens.toString());
        for (String text : negatives) {
            String container = fitting(rotation, turn++, text, text.indexOf('\n') >= 0);
            Containers.Req req = Containers.build(container, text, false, r);
            add("wave4", req, List.of(), List.of(), negativeOutcome(text), List.of("family:wave4", "neg:wave4",
                    "container:" + container, "enc:none"));
        }
        // Groups of other widths (fold -w N | tr '\n' ' '), every third rule, appended after the cases above.
        int[] widths = {8, 12, 5, 76, 32};
        k = 0;
        for (String rule : Values.RULES.keySet()) {
            if (k++ % 3 != 0) {
                continue;
            }
            Snippet s = Values.RULES.get(rule).apply(r);
            String groups = spaced(b64.encodeToString(s.text().getBytes(StandardCharsets.UTF_8)), widths[k % 5]);
            String text = k % 2 == 0 ? groups : r.pick("attachment: ", "encoded note: ") + groups;
            positive("wave4", s.withText(text), fitting(rotation, turn++, text, false), "base64-spaced", r);
        }
        negatives = List.of(spaced(b64.encodeToString(r.bytes(57)), 8), spaced(b64.encodeToString(r.bytes(90)), 76),
                "deploy staging tonight review changes tomorrow");
        for (String text : negatives) {
            String container = fitting(rotation, turn++, text, false);
            add("wave4", Containers.build(container, text, false, r), List.of(), List.of(), negativeOutcome(text),
                    List.of("family:wave4", "neg:wave4", "container:" + container, "enc:none"));
        }
    }

    /** Base64 in groups of four one space apart. */
    private static String spaced(String base64) {
        return spaced(base64, 4);
    }

    /** Base64 in groups of {@code width} one space apart. */
    private static String spaced(String base64, int width) {
        StringBuilder out = new StringBuilder(base64.length() + base64.length() / width + 1);
        for (int i = 0; i < base64.length(); i += width) {
            out.append(i == 0 ? "" : " ").append(base64, i, Math.min(base64.length(), i + width));
        }
        return out.toString();
    }

    /** {@code text} as one entry of a config file, between ordinary settings. */
    private static String configAround(String text, Rng r) {
        List<String> lines = List.of("region = eu-west-1", "replicas = 3", "log_level = info", "timeout_ms = 2500",
                "feature_flags = search,export", "owner = platform-team", "retry_limit = 5", "cache_ttl = 600");
        StringBuilder out = new StringBuilder("# service configuration\n");
        int before = r.between(2, 6);
        for (int i = 0; i < before; i++) {
            out.append(r.pick(lines)).append('\n');
        }
        out.append(text).append('\n');
        for (int i = 0; i < 3; i++) {
            out.append(r.pick(lines)).append('\n');
        }
        return out.toString();
    }

    /**
     * Family {@code ids-eu} ({@link IdsEu}), from its own seed. A positive's outcome is the pack's action for its
     * container, as in the plain family (the values are unencoded).
     */
    private void idsEu() {
        for (HardCorpus.Out o : IdsEu.cases(new Rng(IdsEu.SEED))) {
            if (o.rules().isEmpty()) {
                add(IdsEu.FAMILY, o.req(), List.of(), List.of(), negativeOutcome(o.plain()), o.tags());
                continue;
            }
            String container = o.tags().stream().filter(t -> t.startsWith("container:")).findFirst().orElseThrow()
                    .substring("container:".length());
            add(IdsEu.FAMILY, o.req(), o.rules(), o.categories(),
                    outcome(o.rules(), destinationClass(o.req().target()), container, "none"), o.tags());
        }
    }

    /** Family {@code redteam-enc} ({@link RedTeamEnc}), from its own seed. */
    private void redTeamEnc() {
        for (HardCorpus.Out o : RedTeamEnc.cases(new Rng(RedTeamEnc.SEED))) {
            boolean negative = o.rules().isEmpty() && o.categories().isEmpty();
            add("redteam-enc", o.req(), o.rules(), o.categories(), negative ? "allow"
                    : hardOutcome(o.rules(), o.req().target()), o.tags());
        }
    }

    /**
     * A family appended after the others, from its own seed: a positive's outcome is {@code block} where an expected
     * rule blocks, a negative's as for the other negatives.
     */
    private void appended(String family, List<HardCorpus.Out> outs) {
        for (HardCorpus.Out o : outs) {
            boolean negative = o.rules().isEmpty() && o.categories().isEmpty();
            add(family, o.req(), o.rules(), o.categories(), negative ? negativeOutcome(o.plain())
                    : hardOutcome(o.rules(), o.req().target()), o.tags());
        }
    }
}
