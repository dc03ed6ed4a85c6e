package dev.sieve.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The detection gate: {@code sieve eval} over the project's own corpus ({@code rules/src/test/eval}) with the
 * built-in pack must meet floors set just below what the code achieved when they were last raised, so a change that
 * loses detection (or adds false positives) fails the build. Raise the floors when detection improves.
 *
 * <p>Measured 2026-12-04 (issue 11: decoding graph, containers, new detectors, held-out families): recall 0.997
 * (2051/2058), precision 1.000, false-positive rate 0.000 (0/627); by category credential 0.996, financial 1.000,
 * pii 0.994, source-code 1.000; the held-out family:hard 0.987, every other family 1.000. (Before issue 11: recall
 * 0.415, false-positive rate 0.023 on the first 1,865 cases.) Targets: recall >= 0.97, false-positive rate <= 0.005.
 *
 * <p>The detectors' red team (family:redteam-det, 2026-12-05) scored recall 0.757 (259/342) with 4/142 false positives
 * on the pack of that day, 0.980 (335/342) and 0/142 after the rules it prompted, 0.985 (337/342) with
 * credential.login-command-password (docker login -u USER -p VALUE, sshpass -p VALUE).
 * <p>The wrappings' red team (family:redteam-enc, 2026-12-05) scored 0.648 (129/199) with 0/43 false positives when
 * written, 0.717 (134/187) and 0/43 before its decoders; with them (base32, source escapes, UTF-16LE in the graph;
 * char-code lists and spaced-out text through the scan's code hint) 0.957 (179/187) and 0/43; 0.968 (181/187) with the
 * Basic-credentials and repeated-query-parameter fixes. The whole corpus then: recall 0.993, credential 0.992,
 * financial 0.997, pii 0.994, 0/812 false positives.
 * <p>With the wave-3 detectors (2026-12-05: seed phrases standing alone, track data, an e-mail column, 60 more vendor
 * prefixes; family:wave3 written with them, so no held-out measure): recall 0.9993 (2674/2676), credential 0.999,
 * financial, pii and source-code 1.000, every family 1.000 but redteam-enc 0.989 (raw DEFLATE, spaced base64 groups),
 * 0/821 false positives. The held-out families' last misses were what these rules were written for (on purpose, see
 * rules/src/test/eval/README.md), so their 1.000 no longer measures unseen values.
 * <p>With raw DEFLATE in base64 and base64 in spaced groups decoded (2026-12-05; family:wave4 written with them, so
 * no held-out measure): recall 1.000 (2879/2879), every category and family 1.000, 0/836 false positives.
 * <p>With national identifiers outside Europe and the US (2026-12-05, pii-national-intl.yaml; family:ids-intl written
 * with the rules, so no held-out measure: 78 positives, 34 hard negatives): recall 1.000 (2957/2957), every category and
 * family 1.000, 0/870 false positives.
 * <p>With the bank-account and identity-document rules (2026-12-05; family:fin-docs written with them from the third
 * red team's findings, so no held-out measure): recall 1.000 (2943/2943), every category and family 1.000, 0/865 false
 * positives.
 * <p>With the European national identifiers (2026-12-05, pii-national-eu.yaml; family:ids-eu written with them, so
 * no held-out measure): ids-eu 1.000 (65/65), 0/52 false positives; the whole corpus recall 1.000 (2944/2944), 0/888.
 * <p>With the credential formats a red team found missing (2026-12-05; family:cred-more, 68 positives and 16 hard
 * negatives, written with the rules, so no held-out measure): recall 1.000 (2947/2947), every category and family
 * 1.000, 0/852 false positives.
 * <p>All of it merged, with tool-call arguments read as JSON documents, more password forms and confidentiality
 * markings (2026-12-06; family:wave5 written with them from three blind red teams' findings, so no held-out measure:
 * 77 positives, 31 hard negatives): 4,229 cases, recall 1.000 (3231/3231), every category and family 1.000, 0/998
 * false positives.
 * <p>With gzip header names, UTF-16 text, split string literals, CDATA sections and folded lines decoded (2026-12-06;
 * family:evade2 written with the decoders from an outside red team's findings, so no held-out measure: 58 positives,
 * 19 hard negatives): 4,306 cases, recall 1.000 (3289/3289), every category and family 1.000, 0/1017 false positives.
 * <p>With passwords on command lines, TIN columns, all-digit driver's licences, MRNs and sensitivity labels an
 * outside red team found missing (2026-12-06; family:cred-cli, 58 positives and 38 hard negatives, written with the
 * rules, so no held-out measure): 4,402 cases, recall 1.000 (3347/3347), every category and family 1.000, 0/1055
 * false positives.
 * <p>With xz, lzma, bzip2, tar.xz, tar.bz2 and 7z files read by magic, which an outside red team got secrets through
 * (2026-12-06; family:containers2, 18 positives and 10 hard negatives, written with the decoders, so no held-out
 * measure): 4,430 cases, recall 1.000 (3365/3365), every category and family 1.000, 0/1065 false positives.
 * <p>With the target's userinfo and fragment and chunked trailers scanned (2026-12-06; family:target2, saved raw
 * requests an outside red team's shapes, 20 positives and 14 hard negatives, written with the fix, so no held-out
 * measure): 4,464 cases with containers2, recall 1.000 (3385/3385), every category and family 1.000, 0/1079 false positives.
 * <p>With RTF text ({@code \'hh} and Unicode escapes, runs) and SVG text (tspans joined, title, desc, metadata) read,
 * which an outside red team got secrets through (2026-12-06; family:docs2, 15 positives and 12 hard negatives, written
 * with the decoders, so no held-out measure): 4,491 cases, recall 1.000 (3400/3400), every category and family 1.000,
 * 0/1091 false positives.
 * <p>With JSON in UTF-16 and UTF-32 and text in EBCDIC and other declared charsets read (2026-12-06; family:charsets,
 * 16 positives and 10 hard negatives, written with the decoders, so no held-out measure): 4,517 cases, recall 1.000
 * (3416/3416), every category and family 1.000, 0/1101 false positives.
 * <p>With keyword-only vendor keys, framework secrets, name/value pairs, secret table columns, cloud-init chpasswd,
 * passwords echoed into --password-stdin, escaped Authorization headers, Azure Functions keys, URL passwords of other
 * schemes and self-hosted chat webhooks, credential classes an outside red team got past the pack (2026-12-06;
 * family:cred3, 122 positives and 40 hard negatives, written with the rules, so no held-out measure): 4,653 cases,
 * recall 1.000 (3522/3522), every category and family 1.000, 0/1131 false positives.
 * <p>With confidentiality markings in any comment syntax, case and spelling, on stamp lines, wrapped and letter-spaced
 * ({@code source-code.marker-line}), more phrasings, label fields and licence terms, and the {@code marking} validator
 * keeping levels named in policies and code out (2026-12-06; family:src3 written with the rules from a blind red
 * team's list of classes, so no held-out measure: 94 positives, 37 hard negatives): 4,622 cases, recall 1.000
 * (3494/3494), every category and family 1.000, 0/1128 false positives.
 * <p>With base58, base32hex and Crockford base32, base85 and Z85, CSS escapes, IIS {@code %u}, numeric references
 * without a semicolon, xxencode, 8-bit groups, octal dumps, {@code U+} lists and variation-selector smuggling decoded,
 * which an outside red team got secrets through (2026-12-06; family:radix, 65 positives and 36 hard negatives, written
 * with the decoders, so no held-out measure): 4,592 cases, recall 1.000 (3465/3465), every category and family 1.000,
 * 0/1127 false positives.
 * <p>With the third PII red team's classes as rules (2026-12-06; family:pii3, national ids in further formats and
 * columns, CMS-1500 insured ids, state driver's licences, recipient headers, mailto and E.164 lists, split and
 * underscored cards, bank pairs, EFT and MICR lines; 71 positives and 37 hard negatives, written with the rules, so no
 * held-out measure): 4,599 cases, recall 1.000 (3471/3471), every category and family 1.000, 0/1128 false positives.
 * <p>With reshaped secrets decoded (2026-12-06; family:reshape: one separator after every character, short wrapped
 * lines, Caesar shifts and Atbash, base64 backwards, YAML continued scalars; 54 positives and 31 hard negatives,
 * written with the decoders, so no held-out measure): 4,576 cases, recall 1.000 (3454/3454), every category and
 * family 1.000, 0/1122 false positives.
 * <p>With UTF-7, Markdown escapes in a token, gRPC-Web text, base64 after an all-alphabet word and secret first columns
 * (2026-12-06; family:tail11: 50 positives and 27 hard negatives, written with the fixes, so no held-out measure):
 * 5,181 cases, recall 1.000 (3872/3872), every category and family 1.000, 0/1309 false positives.
 * <p>With bodies that do not parse still scanned as text, Python's named escapes read, literals joined by method chains
 * and SQL's ||, and hex dump rows no longer read as cards (2026-12-06; family:tail30: 72 positives and 38 hard
 * negatives, written with the fixes, so no held-out measure; the code before them missed the 60 positives of the first
 * three kinds and flagged the 30 hex dumps): 5,291 cases, recall 1.000 (3944/3944), every category and family 1.000,
 * 0/1347 false positives.
 * <p>With a secret split over several places of one request joined (2026-12-06; family:split: sibling JSON fields,
 * streamed tool-call deltas, two messages of one role, header values, multipart parts and form fields; 45 positives and
 * 36 hard negatives, written with the joins, so no held-out measure): 5,262 cases, recall 1.000 (3917/3917), every
 * category and family 1.000, 0/1345 false positives. Both families together: 5,372 cases, recall 1.000 (3989/3989),
 * 0/1383 false positives.
 * <p>With a token pasted in labelled parts, inline-code table cells, base64 secrets that start with a slash (and
 * subscript assignments), Consul key labels and proprietary licences in their own words read (2026-12-07;
 * family:lead31: 51 positives and 20 hard negatives, written with the fixes, so no held-out measure; the code before
 * them found 2 of the 51): 5,443 cases, recall 1.000 (4040/4040), every category and family 1.000, 0/1403 false
 * positives.
 * <p>With big integers in decimal and base 36, Morse, spelled digits and NATO words and Braille bytes decoded
 * (2026-12-06; family:exotic: 30 positives and 29 hard negatives, written with the decoders, so no held-out measure;
 * base45 and basE91 are not decoded, at no cost to clean requests, so they have no cases): 5,502 cases, recall 1.000
 * (4070/4070), every category and family 1.000, 0/1432 false positives.
 * <p>With TeX's ^^xx notation, XML internal entities, one character per array element, one-byte XOR of hex and
 * base64, lz4 frames and SQLite databases read, an = glued before reversed base64 and a separated keyword before a
 * blank (2026-12-07; family:tail31: 72 positives and 23 hard negatives, written with the fixes, so no held-out
 * measure). All three families together: 5,597 cases, recall 1.000 (4142/4142), every category and family
 * 1.000, 0/1455 false positives.
 * <p>With classification custom properties and copyright page footers, "under embargo until" and mutual
 * non-disclosure agreements, Kubernetes services in environment namespaces and company hosts in .local / .intra zones
 * or with a corp / internal / intranet label (2026-12-06; family:src31: 19 positives and 15 hard negatives, written
 * with the fixes, so no held-out measure): 5,631 cases, recall 1.000 (4161/4161), every category and family 1.000,
 * 0/1470 false positives.
 * <p>With inline HTML and SVG elements, Markdown table cells, literal lists joined by CONCAT / .join('') / ''.join,
 * PHP chr().chr(), RTF, LaTeX and TOML character escapes, ROT47, Caesar shifts of digits, spelled digits in English
 * and Spanish, numbered assignments, other scripts' digits, emoji and ~ filler and reversed labelled lines read
 * (2026-12-06; family:dec32b: 72 positives and 27 hard negatives, written with the fixes, so no held-out measure):
 * 5,730 cases, recall 1.000 (4233/4233), every category and family 1.000, 0/1497 false positives.
 * <p>With hex and character dumps, binary serialisations' strings, gzip cut short, framed base64 (padding inside,
 * a stray character, short lines, YAML !!binary, five layers), hex framings (0x integers, DNS labels, backwards),
 * and terminal escapes read (2026-12-06; family:dec32a: 65 positives and 17 hard negatives,
 * written with the fixes, so no held-out measure): 5,713 cases, every category recall 1.000, 0/1487 false
 * positives.
 * <p>With office XML read raw (WordprocessingML, DrawingML and ODF runs joined, paragraphs and cells breaking the
 * text), streamed model answers and tool calls in a log read as their deltas joined, vendor tokens cut at a line's
 * end joined with the next line, and ARNs in views of joined sibling values (2026-12-07; family:lead33: 57 positives
 * and 30 hard negatives, written with the fixes, so no held-out measure): 6,221 cases, every category recall 1.000,
 * 0/1684 false positives.
 * <p>With UTF-32 and EBCDIC text under base64 or hex, and NATO spelling with case marks after the words and marks
 * written as themselves, read (2026-12-07; family:enc33: 25 positives and 16 hard negatives, written with the fixes,
 * so no held-out measure): 6,175 cases, recall 1.000 (4505/4505), 0/1670 false positives.
 * <p>With secret-store output (Key Vault JSON, SecretString, SSM SecureString table and text rows, GCP payload.data),
 * Cookie headers written in text, OpenVPN auth-user-pass files, INSERT statements into key and token tables and
 * blank-aligned PowerShell and sqlcmd tables read (2026-12-07; family:cred33: 23 positives and 20 hard negatives,
 * written with the fixes, so no held-out measure): 6,177 cases, recall 1.000 (4503/4503), every category 1.000,
 * 0/1674 false positives.
 * <p>With HL7 v2 PID segments, FHIR Patient resources with a name and birthDate, named people's dates of birth in
 * clinical notes, lab reports, insurance cards and student records, and people tables with a DOB column
 * (2026-12-07; family:phi33: 42 positives and 59 hard negatives, written with the rules, so no held-out measure):
 * 6,235 cases, recall 1.000 (4522/4522), every category and family 1.000, 0/1713 false positives.
 * <p>With cards and SSNs in machine shapes (EMV TLV tags 5A and 57, ISO 8583 DE2, 0x integers after their label,
 * OCR word lists of Textract and Azure, SSNs that lost their leading zeros in an SSN column) and labelled ids (New
 * York licence 3-3-3, Indian PAN column, Aadhaar uid column, Mexican RFC, Argentine DNI, Colombian cédula,
 * Personalausweis number and TD1 MRZ) (2026-12-07; family:fin33: 88 positives and 80 hard negatives, written with
 * the fixes, so no held-out measure): 6,302 cases, every category recall 1.000, 0/1734 false positives.
 * <p>With Authorization headers written as name/value pairs (HAR, Postman, Insomnia), JWTs whose claims are those
 * of the jwt.io or RFC 7519 samples (published examples, logged, whichever credential rule matches them), one
 * person's identity record (a named person's DOB with two of a street address, a phone and an e-mail), OCR'd card
 * faces and session cookies kept as name/value pairs (2026-12-07; family:lead34: 50 positives and 48 hard negatives,
 * written with the fixes, so no held-out measure): 6,672 cases, recall 1.000 (4765/4765), 0/1907 false positives.
 * <p>With plain hex wrapped at a fixed width ({@code xxd -p} at 60 columns, folded hexdump and textwrap'd hexlify at
 * 32, 64 and 76, CRLF too) and {@code od -An -tx1 -v} lines joined into one hex run (2026-12-07; family:hex34: 35
 * positives and 22 hard negatives: sha256sum output, git id lists, lockfile integrity, digest lists, UUIDs, colour
 * tables, random dumps, a public key and a fingerprint; written with the fix, so no held-out measure): with lead34,
 * 6,729 cases, recall 1.000 (4800/4800), 0/1929 false positives, outcomes 5190/5190.
 * <p>With keys vendors ship to browsers and apps by design left alone (validator {@code public-key}: Google keys of
 * Firebase client configurations and the Maps loader, the Segment snippet's write key, Algolia search-only keys,
 * Datadog client tokens; Supabase anon keys and the local stack's keys as published examples) while the same vendors'
 * secret keys in the same places stay findings (2026-12-07; family:pub35: 24 positives and 38 hard negatives, of which
 * the session's start flagged 34; written with the fix, so no held-out measure): 6,791 cases, recall 1.000
 * (4824/4824), 0/1967 false positives, outcomes 5252/5252.
 * <p>With the long tail of vendor credential formats of the blind rt35-vendors round (2026-12-07; family:vendor35: 72
 * positives and 28 hard negatives: SonarQube, Render, Neon, JFrog reference tokens, Azure OpenAI 84-character keys,
 * Tavily, Doppler, Plaid, Dropbox, Telegram tokens in Bot API URLs, curl client credentials, W&amp;B and DeepSeek keys
 * next to their word, bare, in prose, configs, code and curl; written with the fixes, so no held-out measure): with
 * pub35, 6,891 cases, recall 1.000 (4896/4896), 0/1995 false positives, outcomes 5352/5352.
 * <p>With private keys read through the line marks of agents' tools, an SSN in three fields, compressed bodies declared
 * JSON or under a mislabelled coding, spaced base64 before a code fence, hard-wrapped JWTs, an empty OpenAI Chat tool output and masked
 * tokens, from the blind rounds rt36-benign and rt36-tools and rt32-evade's leftovers (2026-12-07; family:lead36: 52
 * positives and 26 hard negatives; written with the fixes, so no held-out measure): 6,969 cases, recall 1.000
 * (4948/4948), 0/2021 false positives, outcomes 5430/5430.
 * <p>With files read behind a tool's line-number gutter, national ids under a column header (pandas, MySQL, box-drawn
 * and CSV tables, headers in their own scripts) and seven more national ids, from the blind rounds rt37-intl, rt37-docs
 * and rt37-fp (2026-12-07; family:lead37: 32 positives and 16 hard negatives; family:intl37: 40 positives and 27 hard
 * negatives; written with the fixes, so no held-out measure): 7,084 cases, recall 1.000 (5020/5020), 0/2064 false
 * positives, outcomes 5480/5480.
 * <p>With role mailboxes (info@, sales@ ...) not counted by the e-mail count rules and numbers alone on a line of
 * switchboard or department labels not counted by the phone count rules, from the blind round rt37-fp (2026-12-07;
 * family:fp38: 32 positives and 27 hard negatives, written with the fixes, so no held-out measure): 7,143 cases,
 * recall 1.000 (5052/5052), 0/2091 false positives, outcomes 5507/5507.
 * <p>With export-control markings (ITAR / EAR banners and notices, ECCN labels, DoD distribution statements),
 * paraphrased legal notices, more classification banners and non-English stamps, and label tables in code told apart
 * from markings, from the blind round rt38-code (2026-12-07; family:code38: 26 positives and 19 hard negatives; written
 * with the fixes, so no held-out measure): 7,129 cases, recall 1.000 (5046/5046), 0/2083 false positives, outcomes
 * 5509/5509.
 * <p>With Swiss AHV, Austrian SV-Nummer, Czech/Slovak rodné číslo, Greek AMKA, Romanian CNP, Portuguese NIF and
 * Argentine CUIL/CUIT numbers of people (check digits validated; NIPC and company CUITs left out), individuals' PANs
 * only and Troy cards, from the blind round rt37-intl (2026-12-07; family:intl37: 40 positives and 27 hard negatives,
 * written with the rules, so no held-out measure; the PANs of ids-intl and fin33 made individuals'): 7,036 cases,
 * recall 1.000 (4988/4988), 0/2048 false positives, outcomes 5457/5457.
 * <p>With RFC 2047 encoded words decoded (an SSN or a card in a Q-encoded mail subject, a token split over B words of
 * a folded header, a record one line a word; 2026-12-07, session 38; family:lead38: 22 positives and 10 hard
 * negatives, 18 of them missed before, written with the fix): 7,112 cases with its first 28, recall 1.000
 * (5038/5038), 0/2074 false positives, outcomes 5502/5502.
 * <p>With session 38's four families merged (lead38, fp38, code38, intl38): 7,290 cases, recall 1.000 (5142/5142),
 * 0/2148 false positives, outcomes 5588/5588.
 * <p>With Spanish DNIs/NIEs under a DNI, NIE or NIF column (pii.es-dni, letter checked), Spanish companies' CIFs no
 * longer read as passports after NIF/CIF, the seven national ids of intl37 under camel-case keys, XML tags and form
 * fields, and Brazilian (agência + conta) and Japanese (口座番号, 普通/当座 + 7 digits) bank accounts, from the blind
 * rounds rt37-intl and rt37-fp (2026-12-07; family:intl38: 42 positives and 28 hard negatives, saved as requests in
 * cases/ to keep the manifest under 5 MiB; written with the rules, so no held-out measure; main's jar finds 8 of the
 * 42 and flags 4 of the 28): 7,154 cases, recall 1.000 (5062/5062), 0/2092 false positives, outcomes 5508/5508.
 * <p>With a tool's command and its one-token output read together (view json:$|joined-exchange; 2026-12-07, session
 * 39) and New Relic NRAL license keys and Intercom tokens found without a keyword (family:lead39: 32 positives and
 * 18 hard negatives, none of the 32 found before, written with the fixes): 7,340 cases, recall 1.000 (5174/5174),
 * 0/2166 false positives, outcomes 5638/5638.
 * <p>With the international ids and bank details rt37-intl still got past under their local labels, keys and column
 * headers (family:intl39: 41 positives and 27 hard negatives, written with the rules) merged: 7,408 cases, recall
 * 1.000 (5215/5215), 0/2193 false positives, outcomes 5665/5665.
 * <p>With session 39's other two families merged (places39: values glued into file names, multipart names and part
 * headers, idempotency and presign parameters; tools39: private keys in rg --json, code viewers' HTML and cut before
 * their END line, contact lists with glued fields): 7,513 cases, recall 1.000 (5276/5276), 0/2237 false positives,
 * outcomes 5749/5749.
 * <p>With PEM private keys read out of rg --json streams and code viewers' HTML, keys cut before their END line
 * (credential.private-key-truncated) and bulk rules counting a glued artefact as its value in joined views (session 39,
 * 2026-12-07; family:tools39: 30 positives and 20 hard negatives; the session-start jar finds 4 of the 30 and flags 3
 * of the 20; written with the fixes): 7,340 cases, recall 1.000 (5172/5172), 0/2168 false positives, outcomes
 * 5635/5635.
 * <p>With session 40's three families, written with the fixes after its blind rounds (records40: one named person's
 * record without an id number, 46 positives and 26 hard negatives; shapes40: US PII and financial numbers in the
 * shapes rt40-people found unread, 69 and 42, a nurse's licence in a form with an issuing state, flagged by
 * pii.us-driver-license-field, left out; layers40: binary written as byte literals, hex of compressed files and
 * wrapped base64 whose line breaks are escapes, 24 and 18, of which the session-start jar finds 4 and fails 1 negative
 * as corrupt_encoding): 7,738 cases, recall 1.000 (5415/5415), 0/2323 false positives, outcomes 5867/5867.
 *
 * <p>The report (every miss and false positive, masked, and the per-rule, per-category and per-tag tables) is in this
 * test's output ({@code target/surefire-reports/...EvalCorpusGateTest-output.txt}) and, as JSON, in
 * {@code target/eval-report.json}.
 */
class EvalCorpusGateTest {

    static final Path CORPUS = Path.of("..", "rules", "src", "test", "eval");

    static final List<String> FLOORS = List.of(
            // 1.000 overall and in every category on 2026-12-05; the floors leave room for a generator change.
            "--min-recall", "0.995",
            "--max-fp-rate", "0.005",
            "--min-recall-for", "credential=0.995",
            "--min-recall-for", "financial=0.995",
            "--min-recall-for", "pii=0.995",
            "--min-recall-for", "source-code=0.99",
            "--min-recall-for", "tag:family:plain=1.0",
            "--min-recall-for", "tag:enc:none=0.99",
            "--min-recall-for", "tag:family:container=0.99",
            "--min-recall-for", "tag:family:encoding=0.99",
            "--min-recall-for", "tag:family:nested=0.99",
            "--min-recall-for", "tag:family:detector=0.99",
            "--min-recall-for", "tag:family:hard=0.995",
            "--max-fp-rate-for", "tag:family:hard-negative=0",
            "--min-recall-for", "tag:family:redteam-det=0.99",
            "--max-fp-rate-for", "tag:family:redteam-det=0",
            "--min-recall-for", "tag:family:redteam-enc=0.99",
            "--max-fp-rate-for", "tag:family:redteam-enc=0",
            "--min-recall-for", "tag:family:wave3=1.0",
            "--max-fp-rate-for", "tag:family:wave3=0",
            "--min-recall-for", "tag:family:wave4=1.0",
            "--max-fp-rate-for", "tag:family:wave4=0",
            "--min-recall-for", "tag:family:ids-intl=1.0",
            "--max-fp-rate-for", "tag:family:ids-intl=0",
            "--min-recall-for", "tag:family:fin-docs=1.0",
            "--max-fp-rate-for", "tag:family:fin-docs=0",
            "--min-recall-for", "tag:family:ids-eu=1.0",
            "--max-fp-rate-for", "tag:family:ids-eu=0",
            "--min-recall-for", "tag:family:cred-more=1.0",
            "--max-fp-rate-for", "tag:family:cred-more=0",
            "--min-recall-for", "tag:family:wave5=1.0",
            "--max-fp-rate-for", "tag:family:wave5=0",
            "--min-recall-for", "tag:family:evade2=1.0",
            "--max-fp-rate-for", "tag:family:evade2=0",
            "--min-recall-for", "tag:family:cred-cli=1.0",
            "--max-fp-rate-for", "tag:family:cred-cli=0",
            "--min-recall-for", "tag:family:containers2=1.0",
            "--max-fp-rate-for", "tag:family:containers2=0",
            "--min-recall-for", "tag:family:target2=1.0",
            "--max-fp-rate-for", "tag:family:target2=0",
            "--min-recall-for", "tag:family:docs2=1.0",
            "--max-fp-rate-for", "tag:family:docs2=0",
            "--min-recall-for", "tag:family:charsets=1.0",
            "--max-fp-rate-for", "tag:family:charsets=0",
            "--min-recall-for", "tag:family:cred3=1.0",
            "--max-fp-rate-for", "tag:family:cred3=0",
            "--min-recall-for", "tag:family:src3=1.0",
            "--max-fp-rate-for", "tag:family:src3=0",
            "--min-recall-for", "tag:family:radix=1.0",
            "--max-fp-rate-for", "tag:family:radix=0",
            "--min-recall-for", "tag:family:pii3=1.0",
            "--max-fp-rate-for", "tag:family:pii3=0",
            "--min-recall-for", "tag:family:reshape=1.0",
            "--max-fp-rate-for", "tag:family:reshape=0",
            "--min-recall-for", "tag:family:tail11=1.0",
            "--max-fp-rate-for", "tag:family:tail11=0",
            "--min-recall-for", "tag:family:tail30=1.0",
            "--max-fp-rate-for", "tag:family:tail30=0",
            "--min-recall-for", "tag:family:split=1.0",
            "--max-fp-rate-for", "tag:family:split=0",
            "--min-recall-for", "tag:family:lead31=1.0",
            "--max-fp-rate-for", "tag:family:lead31=0",
            "--min-recall-for", "tag:family:exotic=1.0",
            "--max-fp-rate-for", "tag:family:exotic=0",
            "--min-recall-for", "tag:family:tail31=1.0",
            "--max-fp-rate-for", "tag:family:tail31=0",
            "--min-recall-for", "tag:family:src31=1.0",
            "--max-fp-rate-for", "tag:family:src31=0",
            "--min-recall-for", "tag:family:gen32=1.0",
            "--max-fp-rate-for", "tag:family:gen32=0",
            "--min-recall-for", "tag:family:forms32=1.0",
            "--max-fp-rate-for", "tag:family:forms32=0",
            "--min-recall-for", "tag:family:src32=1.0",
            "--max-fp-rate-for", "tag:family:src32=0",
            "--min-recall-for", "tag:family:pii32=1.0",
            "--max-fp-rate-for", "tag:family:pii32=0",
            "--min-recall-for", "tag:family:dec32b=1.0",
            "--max-fp-rate-for", "tag:family:dec32b=0",
            "--min-recall-for", "tag:family:dec32a=1.0",
            "--max-fp-rate-for", "tag:family:dec32a=0",
            "--min-recall-for", "tag:family:lead33=1.0",
            "--max-fp-rate-for", "tag:family:lead33=0",
            "--min-recall-for", "tag:family:enc33=1.0",
            "--max-fp-rate-for", "tag:family:enc33=0",
            "--min-recall-for", "tag:family:cred33=1.0",
            "--max-fp-rate-for", "tag:family:cred33=0",
            "--min-recall-for", "tag:family:phi33=1.0",
            "--max-fp-rate-for", "tag:family:phi33=0",
            "--min-recall-for", "tag:family:fin33=1.0",
            "--max-fp-rate-for", "tag:family:fin33=0",
            "--min-recall-for", "tag:family:lead34=1.0",
            "--max-fp-rate-for", "tag:family:lead34=0",
            "--min-recall-for", "tag:family:hex34=1.0",
            "--max-fp-rate-for", "tag:family:hex34=0",
            "--min-recall-for", "tag:family:pub35=1.0",
            "--max-fp-rate-for", "tag:family:pub35=0",
            "--min-recall-for", "tag:family:vendor35=1.0",
            "--max-fp-rate-for", "tag:family:vendor35=0",
            "--min-recall-for", "tag:family:lead36=1.0",
            "--max-fp-rate-for", "tag:family:lead36=0",
            "--min-recall-for", "tag:family:lead37=1.0",
            "--max-fp-rate-for", "tag:family:lead37=0",
            "--min-recall-for", "tag:family:intl37=1.0",
            "--max-fp-rate-for", "tag:family:intl37=0",
            "--min-recall-for", "tag:family:lead38=1.0",
            "--max-fp-rate-for", "tag:family:lead38=0",
            // fp38: staff directories and customer lists (personal addresses and numbers beside names) against role
            // mailbox lists and switchboard directories, from the blind round rt37-fp (session 38)
            "--min-recall-for", "tag:family:fp38=1.0",
            "--max-fp-rate-for", "tag:family:fp38=0",
            // family:code38: the source-code classes of the blind round rt38-code (export-control markings, paraphrased
            // legal notices, missed markers, label tables in code), written with the fixes
            "--min-recall-for", "tag:family:code38=1.0",
            "--max-fp-rate-for", "tag:family:code38=0",
            "--min-recall-for", "tag:family:intl38=1.0",
            "--max-fp-rate-for", "tag:family:intl38=0",
            // lead39: a secret store read by an agent's tool, its bare output in the next message (view
            // json:$|joined-exchange), in the four APIs' transcripts, and two vendor shapes read bare; the session-start
            // jar found none of the 32
            "--min-recall-for", "tag:family:lead39=1.0",
            "--max-fp-rate-for", "tag:family:lead39=0",
            // family:intl39: international ids and bank details under their local labels, keys and column headers
            // (NHS, RRN, My Number, resident id, Taiwan id, SA id, PAN, RFC, cédula, DNI, TFN; French, Hindi,
            // Korean, Chinese bank labels), from the blind round rt37-intl after session 38
            "--min-recall-for", "tag:family:intl39=1.0",
            "--max-fp-rate-for", "tag:family:intl39=0",
            // family:places39: values glued into file names, multipart names and part headers, idempotency tokens and
            // presign parameters, from the blind round rt39-places (session 39), written with the fixes
            "--min-recall-for", "tag:family:places39=1.0",
            "--max-fp-rate-for", "tag:family:places39=0",
            // family:tools39: private keys in rg --json, in code viewers' HTML and cut before END, and supplier lists
            // whose fields glue to their addresses (session 39, after rt36-tools), written with the fixes
            "--min-recall-for", "tag:family:tools39=1.0",
            "--max-fp-rate-for", "tag:family:tools39=0",
            // family:records40: one named person's record without an id number (DOB with contact details, a home
            // address in a ticket, a diagnosis / leave / arrest / salary beside a contact detail, a record extract's
            // row, an X12 DMG), from the blind round rt40-people (session 40), written with the fixes
            "--min-recall-for", "tag:family:records40=1.0",
            "--max-fp-rate-for", "tag:family:records40=0",
            // family:shapes40: US PII and financial numbers in the shapes rt40-people found unread (SSN columns, pieces,
            // spelled and markup-split SSNs, ITIN after TIN, state licence shapes, Medicaid, MBI, grouped passports and
            // routing numbers, spelled routing numbers, cards in pieces), against bad checks and numbering runs
            "--min-recall-for", "tag:family:shapes40=1.0",
            "--max-fp-rate-for", "tag:family:shapes40=0",
            // family:layers40: byte literals (Python repr, bytea, SQL 0x, Go/C/Java arrays) of gzip and zlib, hex of
            // bzip2 and xz, MIME base64 with escaped line breaks, from the blind round rt40-layers (session 40),
            // written with the fixes; the session-start jar found 4 of the 24
            "--min-recall-for", "tag:family:layers40=1.0",
            "--max-fp-rate-for", "tag:family:layers40=0",
            "--max-fp-rate-for", "tag:neg:agent-traffic=0",
            "--max-fp-rate-for", "tag:neg:own-credential=0",
            "--max-fp-rate-for", "tag:neg:screenshot=0");

    @Test
    void theBuiltInPackMeetsTheFloorsOnTheProjectCorpus() throws IOException {
        assertThat(CORPUS.resolve("manifest.jsonl")).as("the evaluation corpus").isRegularFile();
        Path json = Path.of("target", "eval-report.json");
        Files.createDirectories(json.getParent());
        List<String> args = new ArrayList<>(List.of("eval", CORPUS.toString(), "--json", json.toString()));
        args.addAll(FLOORS);

        CliRun r = CliRun.run(args.toArray(String[]::new));

        System.out.println(r.out());
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).as("floors (see FAIL lines):\n%s", floorLines(r.out())).isZero();
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.at("/overall/cases").asInt()).isGreaterThanOrEqualTo(1500);
        assertThat(report.at("/floors")).allSatisfy(f -> assertThat(f.get("ok").asBoolean()).as(f.toString()).isTrue());
    }

    private static String floorLines(String out) {
        return String.join("\n", out.lines().filter(l -> l.startsWith("ok ") || l.startsWith("FAIL ")).toList());
    }
}
