import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.*;
import java.util.function.LongSupplier;

/** java -cp . Duel SECONDS MODE INPUT SIZE jarA jarB ...: interleaved CPU-time rounds, first third dropped. */
public final class Duel {
    public static void main(String[] a) throws Exception {
        double seconds = Double.parseDouble(a[0]);
        String mode = a[1], input = a[2];
        int size = Integer.parseInt(a[3]);
        List<String> names = new ArrayList<>();
        List<LongSupplier> tasks = new ArrayList<>();
        for (int i = 4; i < a.length; i++) {
            URLClassLoader cl = new URLClassLoader(new URL[] {new File(System.getProperty("duel.classes", "/tmp/duel/cls/")).toURI().toURL(),
                    new File(a[i]).toURI().toURL()}, ClassLoader.getPlatformClassLoader());
            Class<?> c = cl.loadClass("DuelTask");
            tasks.add((LongSupplier) c.getConstructor(String.class, Integer.class, String.class)
                    .newInstance(input, size, mode));
            names.add(new File(a[i]).getName());
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int n = tasks.size();
        List<long[]> nanos = new ArrayList<>();
        long bytes = 0;
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        int round = 0;
        while (System.nanoTime() < deadline) {
            long[] t = new long[n];
            for (int k = 0; k < n; k++) {
                int j = (k + round) % n;
                long t0 = mx.getCurrentThreadCpuTime();
                bytes = tasks.get(j).getAsLong();
                t[j] = mx.getCurrentThreadCpuTime() - t0;
            }
            nanos.add(t);
            round++;
        }
        List<long[]> kept = nanos.subList(nanos.size() / 3, nanos.size());
        double base = 0;
        for (int j = 0; j < n; j++) {
            final int jj = j;
            long sum = kept.stream().mapToLong(t -> t[jj]).sum();
            double mbs = bytes * (double) kept.size() / 1e6 / (sum / 1e9);
            if (j == 0) base = mbs;
            long[] r = kept.stream().mapToLong(t -> t[0] * 10000 / Math.max(1, t[jj])).sorted().toArray();
            System.out.printf(Locale.ROOT, "%-28s %8.1f MB/s  x%.3f (median x%.3f)  rounds %d%n", names.get(j), mbs,
                    mbs / base, r[r.length / 2] / 10000.0, kept.size());
        }
    }
}
