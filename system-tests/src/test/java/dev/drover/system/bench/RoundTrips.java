package dev.drover.system.bench;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * Round-trip times in nanoseconds, taken back to back: each trip starts as soon as the last one
 * ended, after {@code warmup} trips that are not kept.
 */
final class RoundTrips {

    /** One trip on the calling thread: sends and waits until the answer is back. */
    interface Trip {
        void run() throws IOException;
    }

    private final long[] samples;
    private final Runnable send;
    private final CompletableFuture<long[]> done;
    private int index;
    private long sentAt;

    /** For trips whose end arrives on a callback: {@link #arrived} ends one and starts the next. */
    RoundTrips(int warmup, int count, Runnable send, CompletableFuture<long[]> done) {
        this.samples = new long[count];
        this.send = send;
        this.done = done;
        this.index = -warmup - 1;
    }

    /**
     * The answer to the last trip arrived at {@code now} (the first call only starts): keeps its
     * time, then sends the next trip or completes with all of them.
     */
    void arrived(long now) {
        if (index >= 0) {
            samples[index] = now - sentAt;
        }
        if (index + 1 >= samples.length) {
            done.complete(samples);
            return;
        }
        index++;
        sentAt = System.nanoTime();
        send.run();
    }

    /** Runs {@code warmup} and then {@code count} trips on the calling thread. */
    static long[] blocking(int warmup, int count, Trip trip) throws IOException {
        long[] samples = new long[count];
        for (int i = -warmup; i < count; i++) {
            long start = System.nanoTime();
            trip.run();
            if (i >= 0) {
                samples[i] = System.nanoTime() - start;
            }
        }
        return samples;
    }
}
