package dev.drover.system.bench;

import java.util.Arrays;

/** Latency samples in nanoseconds and their percentiles. */
record Percentiles(long[] samples) {

    static Percentiles of(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Percentiles(sorted);
    }

    /** The {@code p}-th percentile (0 < p ≤ 100) in microseconds. */
    double micros(double p) {
        int index = (int) Math.min(samples.length - 1, Math.ceil(p / 100.0 * samples.length) - 1);
        return samples[Math.max(0, index)] / 1000.0;
    }
}
