package dev.drover.ingest.mapping;

import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns cumulative data points into deltas by remembering the last point of each series
 * (session, metric, attributes). A new start time or a smaller value is a reset: the point counts in full.
 * A point not newer than the last one is a resend or arrives out of order: it adds nothing.
 * The least recently updated series are forgotten beyond {@link #MAX_SERIES}.
 */
@ApplicationScoped
public class CumulativeSeries {

    /** Series remembered at most. */
    static final int MAX_SERIES = 100_000;

    private record Point(long startNanos, long timeNanos, BigDecimal value) {
    }

    private final Map<String, Point> last = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Point> eldest) {
            return size() > MAX_SERIES;
        }
    };

    /** The amount the series grew since its previous point, or empty when this point adds nothing new. */
    public synchronized Optional<BigDecimal> delta(String series, long startNanos, long timeNanos, BigDecimal value) {
        Point previous = last.get(series);
        if (previous != null && previous.startNanos() == startNanos && timeNanos <= previous.timeNanos()) {
            return Optional.empty();
        }
        last.put(series, new Point(startNanos, timeNanos, value));
        if (previous == null || previous.startNanos() != startNanos || value.compareTo(previous.value()) < 0) {
            return Optional.of(value);
        }
        return Optional.of(value.subtract(previous.value()));
    }
}
