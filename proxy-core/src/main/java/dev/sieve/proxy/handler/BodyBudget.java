package dev.sieve.proxy.handler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The process-wide budget for request bodies held in memory (buffer, then forward), shared fairly between agents.
 * Thread-safe: the event loops of all agent connections use one budget.
 *
 * <h2>Claims</h2>
 * Each request body opens a {@link Claim} for its agent and reserves through it before reading: a body with a
 * {@code Content-Length} reserves that length whole before its first byte is read (its buffer is allocated at that
 * size); a chunked body, whose length is unknown, reserves in steps as it arrives (room for its next chunk before
 * each read), so that a silent or slow chunked request holds a step, not the whole body limit. A claim is released
 * whole when the body is no longer held.
 *
 * <h2>Agent share</h2>
 * An agent (its proxy-auth id, or its client address) holds at most {@code perAgentLimit} at once, so that one
 * agent, slow, crashed or hostile, cannot take the budget from the others. The configuration keeps the share at
 * least one body of the largest limit, so every agent can always send one body.
 *
 * <h2>Order</h2>
 * A reservation that does not fit waits, with its body unread in the socket (backpressure to the agent). Waiters
 * are served oldest claim first: a chunked body that already holds part of the budget goes before bodies that
 * started after it, so memory that comes free finishes bodies instead of being spread over new ones that would all
 * wait again. A waiter that does not fit the budget stops the line (no younger one overtakes it, so a large body is
 * not starved by small ones); a waiter held back only by its own agent's share does not (one agent's backlog never
 * holds up the others).
 *
 * <h2>Progress</h2>
 * Bodies that each hold part of the budget and wait for more could wait for each other forever. They cannot:
 * <ol>
 *   <li>Every wait is bounded: the exchange withdraws a request that waited {@code inspection.budgetWait}
 *       ({@link Claim#cancel}), answers 503 and releases its claim, which lets the oldest waiter continue. A
 *       circular wait therefore lasts at most that long, and costs the requests that timed out, not the rest.</li>
 *   <li>Every reservation that is not waiting ends in bounded time too: a body being received is cut off below
 *       the minimum data rate, a complete one is released when the upstream answers or times out.</li>
 *   <li>One body of any allowed size fits both the budget and an agent's share, so a waiter at the head of the
 *       line is granted once the reservations ahead of it end, which (1) and (2) guarantee.</li>
 *   <li>The agent share keeps any one agent's stuck bodies to a fraction of the budget, so the waits of other
 *       agents stay short rather than merely bounded.</li>
 * </ol>
 */
public final class BodyBudget {
    private final long limit;
    private final long perAgentLimit;
    /** Claims with a request waiting, oldest claim first. */
    private final TreeMap<Long, Claim> waiting = new TreeMap<>();
    private final Map<String, Long> heldByAgent = new HashMap<>();
    private long reserved;
    private long peak;
    private long nextClaim;

    /** What holds a waiting request back. */
    public enum Blocker {
        /** The whole budget is in use. */
        BUDGET,
        /** Its agent holds its whole share. */
        AGENT_SHARE
    }

    public BodyBudget(long limit, long perAgentLimit) {
        if (limit < 1) {
            throw new IllegalArgumentException("maxBodyBytesInFlight: " + limit + " (expected: > 0)");
        }
        if (perAgentLimit < 1 || perAgentLimit > limit) {
            throw new IllegalArgumentException("maxBodyBytesInFlightPerAgent: " + perAgentLimit
                    + " (expected: from 1 to maxBodyBytesInFlight " + limit + ")");
        }
        this.limit = limit;
        this.perAgentLimit = perAgentLimit;
    }

    /** Opens a claim for one body of {@code agent} (an agent id or a client address). */
    public synchronized Claim open(String agent) {
        return new Claim(agent, nextClaim++);
    }

    /** One body's part of the budget; one reservation request at a time. */
    public final class Claim {
        private final String agent;
        private final long order;
        private long held;
        private long pending;
        private Runnable onGranted;
        private Blocker blocker = Blocker.BUDGET;
        private boolean closed;

        private Claim(String agent, long order) {
            this.agent = agent;
            this.order = order;
        }

        /**
         * Asks for {@code bytes} more (capped so that the claim never exceeds an agent's share). Returns true when
         * granted at once; otherwise the request waits and {@code onGranted} runs later, on the thread that made
         * room, unless the request is {@link #cancel cancelled} or the claim {@link #close closed} first.
         */
        public boolean request(long bytes, Runnable onGranted) {
            List<Runnable> granted = new ArrayList<>(1);
            boolean now;
            synchronized (BodyBudget.this) {
                if (closed || this.onGranted != null) {
                    throw new IllegalStateException("claim: " + (closed ? "closed" : "already waiting")
                            + " (expected: open, without a waiting request)");
                }
                pending = Math.max(0, Math.min(bytes, perAgentLimit - held));
                this.onGranted = onGranted;
                waiting.put(order, this);
                grantWaiters(granted);
                now = !waiting.containsKey(order);
                if (now) {
                    granted.remove(onGranted);
                }
            }
            granted.forEach(Runnable::run);
            return now;
        }

        /** Withdraws the waiting request; true when it was still waiting (it will never be granted then). */
        public boolean cancel() {
            List<Runnable> granted = new ArrayList<>();
            boolean wasWaiting;
            synchronized (BodyBudget.this) {
                wasWaiting = withdraw();
                grantWaiters(granted);
            }
            granted.forEach(Runnable::run);
            return wasWaiting;
        }

        /** Withdraws any waiting request and releases everything held; later calls do nothing. */
        public void close() {
            List<Runnable> granted = new ArrayList<>();
            synchronized (BodyBudget.this) {
                if (closed) {
                    return;
                }
                closed = true;
                withdraw();
                give(this, -held);
                held = 0;
                grantWaiters(granted);
            }
            granted.forEach(Runnable::run);
        }

        /** Bytes this claim holds. */
        public long held() {
            synchronized (BodyBudget.this) {
                return held;
            }
        }

        /** What held the waiting request back when it was last considered. */
        public Blocker blocker() {
            synchronized (BodyBudget.this) {
                return blocker;
            }
        }

        private boolean withdraw() {
            boolean wasWaiting = waiting.remove(order) != null;
            pending = 0;
            onGranted = null;
            return wasWaiting;
        }
    }

    /** Grants waiting requests in claim order (see the class comment); collects their callbacks to run unlocked. */
    private void grantWaiters(List<Runnable> granted) {
        for (Iterator<Claim> it = waiting.values().iterator(); it.hasNext(); ) {
            Claim c = it.next();
            if (heldBy(c.agent) + c.pending > perAgentLimit) {
                c.blocker = Blocker.AGENT_SHARE;
                continue;
            }
            if (reserved + c.pending > limit) {
                c.blocker = Blocker.BUDGET;
                return;
            }
            it.remove();
            give(c, c.pending);
            c.held += c.pending;
            granted.add(c.onGranted);
            c.pending = 0;
            c.onGranted = null;
        }
    }

    private void give(Claim c, long bytes) {
        reserved += bytes;
        peak = Math.max(peak, reserved);
        long agentHeld = heldBy(c.agent) + bytes;
        if (agentHeld == 0) {
            heldByAgent.remove(c.agent);
        } else {
            heldByAgent.put(c.agent, agentHeld);
        }
    }

    private long heldBy(String agent) {
        return heldByAgent.getOrDefault(agent, 0L);
    }

    public synchronized long reserved() {
        return reserved;
    }

    /** Bytes {@code agent} holds. */
    public synchronized long reserved(String agent) {
        return heldBy(agent);
    }

    /** The most ever reserved at once: never above the limit. */
    public synchronized long peak() {
        return peak;
    }

    /** Requests waiting for room. */
    public synchronized int waiting() {
        return waiting.size();
    }

    public long limit() {
        return limit;
    }

    public long perAgentLimit() {
        return perAgentLimit;
    }
}
