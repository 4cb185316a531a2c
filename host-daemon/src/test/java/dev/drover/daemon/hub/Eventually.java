package dev.drover.daemon.hub;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition the daemon's threads make true, polling it, or fails the test. */
final class Eventually {

    private Eventually() {
    }

    static void await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(5);
        }
    }
}
