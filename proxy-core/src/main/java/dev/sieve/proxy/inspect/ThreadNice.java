package dev.sieve.proxy.inspect;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers the operating system's scheduling priority (the Linux nice value) of the calling thread, so that under full
 * CPU load the kernel gives the other threads of the process (the event loops, the small-body lane) the CPU first.
 * Guarantees: only the calling thread is affected (on Linux the nice value is per thread), and only ever towards a
 * lower priority than normal, which needs no privilege. Where it cannot be done (not Linux, no native access) the
 * thread keeps its priority and one warning says so: the priority is a preference for latency, not a safeguard.
 *
 * <p>Through JNA because the JDK has no way to set a thread's nice value ({@link Thread#setPriority} is ignored on
 * Linux unless the whole JVM runs with {@code -XX:ThreadPriorityPolicy=1}, which as root also raises the JIT
 * compiler's threads above everything else).
 */
final class ThreadNice {

    private static final Logger LOG = LoggerFactory.getLogger(ThreadNice.class);
    /** {@code PRIO_PROCESS} with {@code who = 0}: on Linux, the calling thread. */
    private static final int PRIO_PROCESS = 0;

    private ThreadNice() {}

    /** The C library's {@code setpriority(2)}. */
    private interface LibC extends Library {
        int setpriority(int which, int who, int prio);
    }

    /** The loaded C library, or null where there is none to call. */
    private static final class Holder {
        static final LibC LIBC = load();

        private static LibC load() {
            if (!Platform.isLinux()) {
                LOG.warn("inspection: document-lane threads keep normal priority: {} (expected: Linux)",
                        System.getProperty("os.name"));
                return null;
            }
            try {
                return Native.load("c", LibC.class);
            } catch (LinkageError e) {
                LOG.warn("inspection: document-lane threads keep normal priority: {} (expected: JNA native access)",
                        e.toString());
                return null;
            }
        }
    }

    /**
     * Sets the calling thread's nice value to {@code nice}.
     *
     * @param nice 1 (a little below normal) to 19 (only what others leave)
     * @return whether the nice value was set
     */
    static boolean lowerCurrentThread(int nice) {
        if (nice < 1 || nice > 19) {
            throw new IllegalArgumentException("nice: " + nice + " (expected: 1 to 19)");
        }
        LibC libc = Holder.LIBC;
        if (libc == null) {
            return false;
        }
        if (libc.setpriority(PRIO_PROCESS, 0, nice) != 0) {
            LOG.warn("inspection: thread {} keeps normal priority: setpriority failed, errno {} (expected: 0)",
                    Thread.currentThread().getName(), Native.getLastError());
            return false;
        }
        return true;
    }
}
