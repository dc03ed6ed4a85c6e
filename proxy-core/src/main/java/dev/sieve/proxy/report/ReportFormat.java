package dev.sieve.proxy.report;

import java.util.Locale;
import java.util.Optional;

/** Numbers as people read them in the md and html reports: 12,345; 3.4 per 1,000; 2.5 %; 1.2 s. */
final class ReportFormat {
    private ReportFormat() {}

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String rate(double perThousand) {
        return String.format(Locale.ROOT, perThousand >= 100 ? "%,.0f" : "%.1f", perThousand);
    }

    static String percent(Optional<Double> share) {
        return share.map(s -> String.format(Locale.ROOT, "%.1f %%", s * 100)).orElse("n/a");
    }

    static String millis(Optional<Double> ms) {
        return ms.map(ReportFormat::millis).orElse("n/a");
    }

    static String millis(double ms) {
        if (ms < 1000) {
            return String.format(Locale.ROOT, "%.0f ms", ms);
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000);
        }
        if (ms < 3_600_000) {
            return String.format(Locale.ROOT, "%.1f min", ms / 60_000);
        }
        return String.format(Locale.ROOT, "%.1f h", ms / 3_600_000);
    }
}
