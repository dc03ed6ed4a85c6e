package dev.sieve.rules.eval;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Family {@code reshape}: reshapings of a secret an outside red team (synthetic values) still got past the decoding
 * graph, as classes, with their hard negatives beside them. Each positive is tagged {@code rt4:<kind>}:
 * <ul>
 *   <li>{@code separated}: one separator after every character ({@code s.k._.l}, {@code s-k-_}, {@code s, k, _},
 *       pipes, slashes, colons, underscores, one character a line with LF or CRLF);</li>
 *   <li>{@code wrapped}: a line break every N characters (N 2 to 8, the same throughout; LF or CRLF);</li>
 *   <li>{@code caesar}, {@code atbash}: the line in a Caesar shift other than 13, or in Atbash;</li>
 *   <li>{@code reversed-base64}: base64 written backwards (padding first);</li>
 *   <li>{@code split-array}, {@code split-object}, {@code deltas}: a value over the elements of a JSON array of short
 *       strings, over the sibling string values of one object ({@code prefix}/{@code suffix}, {@code part1}/...), or
 *       over the {@code partial_json} or {@code arguments} fragments of a streamed tool call replayed in history;</li>
 *   <li>{@code yaml-continued}: a YAML double-quoted scalar continued with a backslash and a line break.</li>
 * </ul>
 * Every vendor in turn a different one (GitHub, Stripe, Slack, AWS, GitLab, a JWT, Anthropic, an SSN with its
 * keyword), in prose, JSON messages, a tool result, tool_use input and multipart text files. Hard negatives
 * ({@code neg:reshape}, {@code neg:<kind>}): dotted abbreviations, ASCII art, poems with short lines, arrays of ids,
 * enums and short words, CSV of short fields, shell line continuations, YAML with quotes, benign text in base64
 * backwards, a shifted sentence without a secret, tool-call fragments without one. Written with the fixes, so not
 * held out.
 */
final class Reshape {

    static final long SEED = 20_261_207L;
    static final String FAMILY = "reshape";

    private static final List<String> TEXT_CONTAINERS = List.of("text", "json-anthropic", "multipart",
            "json-anthropic-tool", "json-openai-chat", "json-gemini");
    private static final Base64.Encoder B64 = Base64.getEncoder();

    private final List<HardCorpus.Out> out = new ArrayList<>();
    private final Rng r;
    private int turn;

    private Reshape(Rng r) {
        this.r = r;
    }

    /** Every case of the family, positives first. */
    static List<HardCorpus.Out> cases(Rng r) {
        Reshape c = new Reshape(r);
        c.separated();
        c.wrapped();
        c.shifted();
        c.reversedBase64();
        c.yamlContinued();
        c.negatives();
        return c.out;
    }

    /** A value, its category and the rule that finds it: every vendor a different one, in turn. */
    private record Val(String rule, String category, String value) {
    }

    private Val value(int i) {
        return switch (i % 8) {
            case 0 -> new Val("credential.github-pat", Values.CREDENTIAL, HardValues.github(r, "ghp_"));
            case 1 -> new Val("credential.stripe-secret-key", Values.CREDENTIAL, HardValues.stripe(r, "sk_live_"));
            case 2 -> new Val("credential.slack-bot-token", Values.CREDENTIAL, HardValues.slackBot(r));
            case 3 -> new Val("credential.aws-access-key-id", Values.CREDENTIAL, HardValues.awsKeyId(r, "AKIA"));
            case 4 -> new Val("credential.gitlab-pat", Values.CREDENTIAL, HardValues.gitlab(r));
            case 5 -> new Val("credential.jwt", Values.CREDENTIAL, Values.jwt(r));
            case 6 -> new Val("credential.anthropic-api-key", Values.CREDENTIAL, HardValues.anthropic(r));
            default -> new Val("pii.us-ssn", "pii", "SSN: " + HardValues.ssn(r, "-"));
        };
    }

    private void positive(String kind, Val v, Containers.Req req, String container) {
        out.add(new HardCorpus.Out(req, List.of(v.rule()), List.of(), List.of("family:" + FAMILY,
                "cat:" + v.category(), "rt4:" + kind, "container:" + container, "enc:none"), ""));
    }

    private void textPositive(String kind, Val v, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        positive(kind, v, Containers.build(container, text, false, r), container);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Containers.Req json(String body, String what) {
        return new Containers.Req("POST", "https://api.anthropic.com/v1/messages",
                Containers.headers("Content-Type", "application/json"), utf8(body), false, what);
    }

    /** {@code s} with {@code separator} after every character but the last. */
    static String separated(String s, String separator) {
        return String.join(separator, s.split(""));
    }

    /** {@code s} with {@code nl} after every {@code width} characters but the last. */
    static String wrapped(String s, int width, String nl) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i += width) {
            b.append(b.length() == 0 ? "" : nl).append(s, i, Math.min(s.length(), i + width));
        }
        return b.toString();
    }

    /** {@code s}'s ASCII letters shifted {@code k} places on. */
    static String caesar(String s, int k) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(c >= 'a' && c <= 'z' ? (char) ('a' + (c - 'a' + k) % 26)
                    : c >= 'A' && c <= 'Z' ? (char) ('A' + (c - 'A' + k) % 26) : c);
        }
        return b.toString();
    }

    /** {@code s}'s ASCII letters mirrored in the alphabet. */
    static String atbash(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(c >= 'a' && c <= 'z' ? (char) ('z' - (c - 'a')) : c >= 'A' && c <= 'Z' ? (char) ('Z' - (c - 'A'))
                    : c);
        }
        return b.toString();
    }

    static String backwards(String s) {
        return new StringBuilder(s).reverse().toString();
    }

    // ---- positives ----

    private static final List<String> SEPARATORS = List.of(".", "-", ", ", "|", "/", ":", "_", "\n", "\r\n", ".",
            " - ", ";");

    private void separated() {
        for (int i = 0; i < SEPARATORS.size(); i++) {
            Val v = value(i);
            String s = separated(v.value(), SEPARATORS.get(i));
            String nl = SEPARATORS.get(i).equals("\r\n") ? "\r\n" : "\n";
            textPositive("separated", v, r.pick("Here it is, one character at a time:", "value below", "creds:")
                    + nl + s + nl + r.pick("thanks", "that is all.", "end of note"));
        }
    }

    private void wrapped() {
        for (int i = 0; i < 10; i++) {
            Val v = value(i + 1);
            int width = 2 + i % 7;
            String nl = i % 3 == 2 ? "\r\n" : "\n";
            textPositive("wrapped", v, r.pick("config follows", "key (wrapped):", "paste:") + nl
                    + wrapped(v.value(), width, nl) + nl + nl + r.pick("Please rotate it.", "Done.", "-- ops"));
        }
    }

    private void shifted() {
        for (int i = 0; i < 10; i++) {
            Val v = value(i + 2);
            int k = r.between(1, 25);
            k = k == 13 ? 14 : k;
            textPositive("caesar", v, r.pick("decode with shift " + k + ":\n", "cipher text below\n", "")
                    + caesar(v.value(), k) + "\n" + r.pick("bye", "", "that is it"));
        }
        for (int i = 0; i < 6; i++) {
            Val v = value(i + 3);
            textPositive("atbash", v, r.pick("mirror alphabet:\n", "atbash it\n", "") + atbash(v.value()) + "\n");
        }
    }

    private void reversedBase64() {
        for (int i = 0; i < 8; i++) {
            Val v = value(i + 4);
            String plain = r.pick("", "token=", "export KEY=") + v.value();
            String b64 = B64.encodeToString(utf8(plain));
            textPositive("reversed-base64", v, r.pick("blob (read it backwards): ", "x = '", "payload\n")
                    + backwards(b64) + r.pick("", "'[::-1]", "\n"));
        }
    }

    /** {@code s} cut into JSON strings of {@code n} characters, joined by {@code ", "}. */
    private static String pieces(String s, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i += n) {
            b.append(b.length() == 0 ? "" : ", ").append('"').append(s, i, Math.min(s.length(), i + n)).append('"');
        }
        return b.toString();
    }

    private void yamlContinued() {
        for (int i = 0; i < 8; i++) {
            Val v = value(i);
            int len = v.value().length();
            int a = Math.max(2, len / 3);
            int b = Math.max(a + 1, 2 * len / 3);
            String nl = i % 3 == 1 ? "\r\n" : "\n";
            String indent = " ".repeat(r.between(2, 8));
            String yaml = "service:" + nl + "  name: billing" + nl + "  " + r.pick("token", "apiKey", "secret")
                    + ": \"" + v.value().substring(0, a) + "\\" + nl + indent + v.value().substring(a, b) + "\\" + nl
                    + indent + v.value().substring(b) + "\"" + nl + "  replicas: 2" + nl;
            textPositive("yaml-continued", v, yaml);
        }
    }

    // ---- negatives ----

    private void negatives() {
        negative("abbreviations", "Bring snacks, e.g. fruit, nuts, etc. The U.S.A. and the U.K. met at 10 a.m. on "
                + "Jan. 5, i.e. today. See p. 12, fig. 3.b, and the Ph.D. thesis of J.R.R. Tolkien.");
        negative("abbreviations", "Versions 1.2.3.4, 10.0.0.1 and 2.7.18.3 are out; tags: a-b-c-d, x_y_z.");
        negative("ascii-art", "+-+-+-+-+-+-+-+-+-+-+-+-+-+\n|s|e|c|r|e|t| |g|a|r|d|e|n|\n+-+-+-+-+-+-+-+-+-+-+-+-+-+");
        negative("ascii-art", "*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*\n=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=\n o\n/|\\\n/ \\");
        negative("ascii-art", "  /\\_/\\\n ( o.o )\n  > ^ <\n~-~-~-~-~-~-~-~-~-~-~-~-~-~\n|_|_|_|_|_|_|_|_|_|_|_|");
        negative("poem", "so\nmuch\ndepends\nupon\na red\nwheel\nbarrow\nglazed\nwith\nrain\nwater\nbeside\nthe\n"
                + "white\nchickens");
        negative("poem", "keys\nopen\ndoor\nsafe\nlock\nhand\nmind\ntime\nrest\nsoft\nrain\nfall\n");
        negative("poem", "P\nA\nS\nS\nW\nO\nR\nD\nS\n\nare\nnot\npoems\n");
        negative("vertical", "H\nE\nL\nL\nO\n \nW\nO\nR\nL\nD\n \nA\nG\nA\nI\nN");
        negative("csv", "a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,t\nyes,no,no,yes,no,yes,no,no,yes,yes\n1,2,3,4,5,6,7,8");
        negative("csv", "id,code,ok\nab12,x,1\ncd34,y,0\nef56,z,1\ngh78,w,1\n");
        negative("shell", "docker run --env \"MODE=fast\" \\\n  --rm image:latest \\\n  --name \"api worker\"");
        negative("shell", "curl -s \"https://api.example.invalid/v1/items\" \\\n  -H \"Accept: application/json\"");
        negative("yaml", "service:\n  name: \"billing\"\n  note: \"a long note that goes on \\\n    and on\"\n"
                + "  tags: [\"a\", \"b\"]\n");
        negative("yaml", "description: >\n  folded text that\n  goes over lines\nscript: |\n  echo hi\n  exit 0\n");
        negative("shifted-prose", caesar("the password policy asks for twelve characters and a token from the key", 3));
        negative("shifted-prose", atbash("remember the secret garden and the api_key rotation plan next week"));
        negative("reversed-base64", backwards(B64.encodeToString(utf8("nothing secret here, a shopping list: eggs, "
                + "milk, bread and coffee"))));
        negative("reversed-base64", "hash: " + backwards(B64.encodeToString(r.bytes(33))));
        negative("separated", "p-a-s-s-w-o-r-d policy: twelve characters, s.e.c.r.e.t. garden");
        jsonNegative("enum-array", "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":256,\"tools\":[{\"name\":\"search\","
                + "\"input_schema\":{\"type\":\"object\",\"properties\":{\"mode\":{\"type\":\"string\",\"enum\":[\"fast\","
                + "\"slow\",\"deep\",\"wide\",\"auto\"]}},\"required\":[\"mode\",\"path\",\"kind\"]}}],\"messages\":"
                + "[{\"role\":\"user\",\"content\":\"find it\"}]}");
        jsonNegative("id-array", "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"merge\"}],"
                + "\"metadata\":{\"ids\":[" + pieces(r.from(Rng.HEX, 96), 8) + "]}}");
        jsonNegative("id-array", "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                + "\"metadata\":{\"uuids\":[\"" + Negatives.uuid(r) + "\",\"" + Negatives.uuid(r) + "\"],\"tags\":"
                + "[\"alpha\",\"beta\",\"gamma\",\"delta\",\"epsilon\",\"zeta\"]}}");
        jsonNegative("word-array", "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"sort\"}],\"metadata\":{\"words\":[\"the\",\"quick\",\"brown\",\"fox\",\"jumps\",\"over\","
                + "\"the\",\"lazy\",\"dog\"],\"letters\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\","
                + "\"k\",\"l\",\"m\",\"n\",\"o\",\"p\",\"q\"]}}");
        jsonNegative("short-fields", "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"save\"}],"
                + "\"file\":{\"prefix\":\"reports/2026/\",\"suffix\":\".csv\",\"name\":\"weekly-summary\"},"
                + "\"schema\":{\"type\":\"string\",\"description\":\"The city name, e.g. Paris\"}}");
        jsonNegative("deltas", "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"messages\":[{\"role\":\"assistant\","
                + "\"content\":[{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\": \\\"Par\"},"
                + "{\"type\":\"input_json_delta\",\"partial_json\":\"is\\\", \\\"units\\\": \\\"metric\\\"}\"}]}]}");
        jsonNegative("deltas", "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"assistant\",\"tool_call_deltas\":["
                + "{\"index\":0,\"function\":{\"arguments\":\"{\\\"query\\\": \\\"weather in\"}},{\"index\":0,"
                + "\"function\":{\"arguments\":\" Lisbon tomorrow\\\"}\"}}]}]}");
        negative("wrapped", "ab12\ncd34\nef56\ngh78\nij90\nkl12\nmn34\nop56\nqr78\nst90\n");
        negative("wrapped", "role\nuser\ntype\ntext\nname\nread\nmode\nfast\nkind\nfile\npath\n/tmp\nsize\n1024");
        negative("caesar", "Meet at the usual place: Wkh txlfn eurzq ira mxpsv ryhu wkh odcb grj.");
        negative("separated", "| a | b | c | d | e | f | g | h | i | j | k | l | m | n | o | p |");
    }

    private void negative(String kind, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(), List.of(),
                List.of("family:" + FAMILY, "neg:" + FAMILY, "neg:" + kind, "container:" + container, "enc:none"),
                text));
    }

    private void jsonNegative(String kind, String body) {
        out.add(new HardCorpus.Out(json(body, "body json, short strings that are no split value"), List.of(),
                List.of(), List.of("family:" + FAMILY, "neg:" + FAMILY, "neg:" + kind, "container:json-split",
                        "enc:none"), body));
    }
}
