package dev.sieve.dlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Bodies built from the sample rules' examples: raw, inside filler text, inside agent-like JSON, repeated. */
final class Corpus {

    private Corpus() {
    }

    static List<String> examples() {
        List<String> out = new ArrayList<>();
        for (Rule r : SampleRules.RULES.rules()) {
            out.addAll(r.examples().match());
            out.addAll(r.examples().noMatch());
        }
        return out;
    }

    static List<String> bodies() {
        List<String> out = new ArrayList<>();
        Random random = new Random(42);
        List<String> examples = examples();
        for (String e : examples) {
            out.add(e);
            out.add("lorem ipsum " + e + " dolor sit amet");
            out.add("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + e.replace("\"", "'") + "\"}]}");
            out.add(e + e);
            out.add(e + "\n" + e);
        }
        for (int k = 0; k < 20; k++) {
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < 15; j++) {
                sb.append(examples.get(random.nextInt(examples.size())));
                sb.append(random.nextBoolean() ? " " : "é\u0085\n");
            }
            out.add(sb.toString());
        }
        StringBuilder emails = new StringBuilder("contacts: ");
        for (int k = 0; k < 12; k++) {
            emails.append("person").append(k).append("@corp-mail.net; ");
        }
        out.add(emails.toString());
        return out;
    }
}
