package dev.drover.daemon.session;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for sessions and reading their logs in tests. */
public final class SessionTestSupport {

    private SessionTestSupport() {
    }

    /** Polls {@code condition} every 10 ms; fails when it is still false after {@code timeout}. */
    public static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(10);
        }
    }

    /** Every retained byte of {@code log} from {@code from}. */
    public static byte[] readAll(SessionLog log, long from) throws Exception {
        ReplayCursor cursor = new ReplayCursor(log, from, Long.MAX_VALUE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = cursor.read(buffer)) > 0) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** The retained log as UTF-8 text. */
    public static String text(SessionLog log) {
        try {
            return new String(readAll(log, log.start()), StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
