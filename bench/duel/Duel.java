import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Duel SECONDS TASK FILE CONTENT-TYPE GRAPH JAR... : the same task from several benchmark jars in one JVM (one class
 * loader each, Hyperscan shared), round-robin, CPU time of this thread; first third discarded. The task classes
 * (DuelTask, InspectTask) are read from ./classes (system property duel.classes), compiled against a benchmarks.jar.
 */
public class Duel {
    public static void main(String[] a) throws Exception {
        double seconds = Double.parseDouble(a[0]);
        String task = a[1];
        byte[] body = Files.readAllBytes(Path.of(a[2]));
        String type = a[3];
        boolean graph = Boolean.parseBoolean(a[4]);
        String[] jars = Arrays.copyOfRange(a, 5, a.length);
        String m2 = System.getProperty("user.home") + "/.m2/repository/";
        URL[] shared = {
            new File(m2 + "com/gliwka/hyperscan/hyperscan/5.4.0-2.0.0/hyperscan-5.4.0-2.0.0.jar").toURI().toURL(),
            new File(m2 + "com/gliwka/hyperscan/native/5.4.0-1.0.0/native-5.4.0-1.0.0.jar").toURI().toURL(),
            new File(m2 + "com/gliwka/hyperscan/native/5.4.0-1.0.0/native-5.4.0-1.0.0-linux-x86_64.jar").toURI().toURL(),
            new File(m2 + "org/bytedeco/javacpp/1.5.4/javacpp-1.5.4.jar").toURI().toURL(),
            new File(m2 + "org/bytedeco/javacpp/1.5.4/javacpp-1.5.4-linux-x86_64.jar").toURI().toURL()};
        ClassLoader parent = new URLClassLoader(shared, ClassLoader.getPlatformClassLoader());
        URL taskDir = new File(System.getProperty("duel.classes", "classes") + "/").toURI().toURL();
        Runnable[] tasks = new Runnable[jars.length];
        for (int i = 0; i < jars.length; i++) {
            ClassLoader l = new URLClassLoader(new URL[] {taskDir, new File(jars[i]).toURI().toURL()}, parent);
            Thread.currentThread().setContextClassLoader(l);
            tasks[i] = (Runnable) Class.forName(task, true, l).getConstructor(byte[].class, String.class, Boolean.class)
                    .newInstance(body, type, graph);
        }
        var mx = ManagementFactory.getThreadMXBean();
        List<long[]> rounds = new ArrayList<>();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            long[] r = new long[jars.length];
            for (int i = 0; i < jars.length; i++) {
                long t0 = mx.getCurrentThreadCpuTime();
                tasks[i].run();
                r[i] = mx.getCurrentThreadCpuTime() - t0;
            }
            rounds.add(r);
        }
        List<long[]> kept = rounds.subList(rounds.size() / 3, rounds.size());
        StringBuilder sb = new StringBuilder("rounds " + kept.size() + " load " + Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        for (int i = 0; i < jars.length; i++) {
            final int k = i;
            long sum = kept.stream().mapToLong(r -> r[k]).sum();
            double mbs = body.length * (double) kept.size() / 1e6 / (sum / 1e9);
            long[] ratio = kept.stream().mapToLong(r -> r[k] * 10000 / Math.max(1, r[0])).sorted().toArray();
            sb.append(String.format(" | %s %.1f MB/s", new File(jars[i]).getName(), mbs));
            if (i > 0) {
                long sum0 = kept.stream().mapToLong(r -> r[0]).sum();
                sb.append(String.format(" x%.3f (median x%.3f)", sum0 / (double) sum, 10000.0 / ratio[ratio.length / 2]));
            }
        }
        System.out.println(sb);
    }
}
