package dev.sieve.proxy.websocket;

import dev.sieve.proxy.config.WebSocketSettings;
import dev.sieve.proxy.decision.DecisionRecorder;
import dev.sieve.proxy.inspect.InspectionLanes;
import dev.sieve.proxy.inspect.RequestInspector;
import dev.sieve.proxy.metrics.SieveMetrics;
import java.time.Duration;

/**
 * What a WebSocket bridge uses of Sieve's shared services (the exchange hands them over with the connection); the
 * accessors are named as in {@code ProxyServices}, which the websocket package does not depend on.
 *
 * @param webSockets limits on inspected WebSocket messages ({@code inspection.websocket})
 * @param inspectionPool the inspection workers a message is inspected on (the lane for its size)
 * @param inspectionWait the longest a message waits for a worker ({@code inspection.queueWait})
 */
public record WebSocketServices(WebSocketSettings webSockets, RequestInspector inspector, DecisionRecorder recorder,
        SieveMetrics metrics, InspectionLanes inspectionPool, Duration inspectionWait) {}
