package dev.sieve.proxy.control;

import dev.sieve.dlp.inspect.Inspection;
import dev.sieve.dlp.inspect.InspectionResult;
import dev.sieve.dlp.inspect.TurnHistory;
import java.nio.ByteBuffer;

/**
 * An {@link Inspection} that holds a {@link RuleLease} on the snapshot it was opened on, and releases it as soon as
 * the inspection no longer needs the engine: after {@link #finish} (which closes the inspection's sessions and
 * afterwards only returns its cached result) or on {@link #close}, whichever comes first.
 */
final class LeasedInspection implements Inspection {

    private final Inspection inspection;
    private final RuleLease lease;

    LeasedInspection(Inspection inspection, RuleLease lease) {
        this.inspection = inspection;
        this.lease = lease;
    }

    @Override
    public void feed(ByteBuffer chunk) {
        inspection.feed(chunk);
    }

    @Override
    public void trailers(java.util.List<java.util.Map.Entry<String, String>> trailers) {
        inspection.trailers(trailers);
    }

    @Override
    public void trackClean() {
        inspection.trackClean();
    }

    @Override
    public long cleanThrough() {
        return inspection.cleanThrough();
    }

    @Override
    public InspectionResult finish(ByteBuffer wholeBody) {
        try {
            return inspection.finish(wholeBody);
        } finally {
            lease.close();
        }
    }

    @Override
    public InspectionResult finish(ByteBuffer wholeBody, TurnHistory history) {
        try {
            return inspection.finish(wholeBody, history);
        } finally {
            lease.close();
        }
    }

    @Override
    public void close() {
        try {
            inspection.close();
        } finally {
            lease.close();
        }
    }
}
