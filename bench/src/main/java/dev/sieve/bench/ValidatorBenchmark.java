package dev.sieve.bench;

import dev.sieve.bench.fixture.Secrets;
import dev.sieve.dlp.validate.ValidationContext;
import dev.sieve.dlp.validate.Validator;
import dev.sieve.dlp.validate.Validators;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What does one validator call on a candidate cost? Validators run only on pattern candidates, so this bounds the
 * per-candidate overhead. {@code validator}: luhn, iban, ssn, entropy ({@code min: 3.5} on 40 characters), jwt;
 * {@code candidate}: {@code valid} (passes) or {@code invalid} (a near miss the validator rejects: wrong check
 * digit, reserved SSN area, low entropy, header without {@code alg}). Each invocation validates one of 64
 * pre-generated candidates in turn.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar Validator -rf json -rff validators.json}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class ValidatorBenchmark {

    private static final int CANDIDATES = 64;

    @Param({"luhn", "iban", "ssn", "entropy", "jwt"})
    public String validator;

    @Param({"valid", "invalid"})
    public String candidate;

    private Validator check;
    private ValidationContext context;
    private String[] inputs;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        check = validator.equals("entropy") ? Validators.create("entropy", Map.of("min", 3.5))
                : Validators.create(validator, Map.of());
        context = ValidationContext.empty("bench." + validator);
        boolean valid = switch (candidate) {
            case "valid" -> true;
            case "invalid" -> false;
            default -> throw new IllegalArgumentException("candidate: '" + candidate + "' (expected: valid or invalid)");
        };
        Secrets secrets = new Secrets(new Random(7));
        inputs = new String[CANDIDATES];
        for (int i = 0; i < CANDIDATES; i++) {
            inputs[i] = valid ? validCandidate(secrets) : invalidCandidate(secrets);
            if (check.test(inputs[i], context) != valid) {
                throw new IllegalStateException("fixture: a generated " + candidate + " " + validator
                        + " candidate was " + (valid ? "rejected" : "accepted") + " (expected: " + candidate + ")");
            }
        }
    }

    private String validCandidate(Secrets secrets) {
        return switch (validator) {
            case "luhn" -> secrets.visaCard();
            case "iban" -> secrets.germanIban();
            case "ssn" -> secrets.ssn();
            case "entropy" -> secrets.awsSecretAccessKey();
            case "jwt" -> secrets.jwt();
            default -> throw unknown();
        };
    }

    private String invalidCandidate(Secrets secrets) {
        return switch (validator) {
            case "luhn" -> secrets.visaCardBadChecksum();
            case "iban" -> {
                String iban = secrets.germanIban();
                yield iban.substring(0, 2) + (iban.charAt(2) == '9' ? '0' : (char) (iban.charAt(2) + 1))
                        + iban.substring(3);
            }
            case "ssn" -> "666" + secrets.ssn().substring(3);
            case "entropy" -> "aaaaaaaaaabbbbbbbbbbaaaaaaaaaabbbbbbbbbb";
            case "jwt" -> {
                String jwt = secrets.jwt();
                yield "eyJ0eXAiOiJKV1QifQ" + jwt.substring(jwt.indexOf('.'));
            }
            default -> throw unknown();
        };
    }

    private IllegalArgumentException unknown() {
        return new IllegalArgumentException("validator: '" + validator + "' (expected: luhn, iban, ssn, entropy or jwt)");
    }

    @Benchmark
    public boolean validate() {
        String input = inputs[next];
        next = (next + 1) & (CANDIDATES - 1);
        return check.test(input, context);
    }
}
