package dev.drover.daemon.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionLogTest {

    @TempDir
    Path dir;

    @Test
    void aCursorReadingWhileTheLogGrowsSeesEveryByteOnceInOrder() throws Exception {
        byte[] expected = new byte[2_000_000];
        new Random(7).nextBytes(expected);
        try (SessionLog log = SessionLog.open(dir.resolve("log"), 8L << 20)) {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                Random sizes = new Random(11);
                int at = 0;
                try {
                    while (at < expected.length) {
                        int n = Math.min(expected.length - at, 1 + sizes.nextInt(9000));
                        log.append(expected, at, n);
                        at += n;
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                log.finish(0);
            });
            ReplayCursor cursor = new ReplayCursor(log, 0, Long.MAX_VALUE);
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            while (!cursor.exhausted()) {
                int n = cursor.read(buffer);
                seen.write(buffer, 0, n);
            }
            writer.get(10, TimeUnit.SECONDS);
            assertThat(seen.toByteArray()).isEqualTo(expected);
            assertThat(cursor.position()).isEqualTo(2_000_000L);
        }
    }

    @Test
    void replayFromAnOffsetGivesExactlyTheBytesFromThatOffset() throws Exception {
        byte[] bytes = "0123456789abcdefghij".getBytes();
        try (SessionLog log = SessionLog.open(dir.resolve("log"), 8L << 20)) {
            log.append(bytes, 0, 10);
            log.append(bytes, 10, 10);
            ReplayCursor cursor = new ReplayCursor(log, 7, 1000);
            byte[] buffer = new byte[100];
            int n = cursor.read(buffer);
            assertThat(new String(buffer, 0, n)).isEqualTo("789abcdefghij");
            assertThat(cursor.position()).isEqualTo(20);
            assertThat(cursor.read(buffer)).isZero();
        }
    }

    @Test
    void theCursorStopsAtTheWindowAndCreditLetsItGoOn() throws Exception {
        byte[] bytes = new byte[100];
        Arrays.fill(bytes, (byte) 'x');
        try (SessionLog log = SessionLog.open(dir.resolve("log"), 8L << 20)) {
            log.append(bytes, 0, 100);
            ReplayCursor cursor = new ReplayCursor(log, 10, 30);
            byte[] buffer = new byte[1000];
            assertThat(cursor.read(buffer)).isEqualTo(30);
            assertThat(cursor.read(buffer)).isZero();
            cursor.credit(25);
            assertThat(cursor.read(buffer)).isEqualTo(25);
            assertThat(cursor.position()).isEqualTo(65);
            cursor.credit(1000);
            assertThat(cursor.read(buffer)).isEqualTo(35);
            assertThat(cursor.read(buffer)).isZero();
        }
    }

    @Test
    void aStalledCursorDoesNotHoldBackAppends() throws Exception {
        byte[] chunk = new byte[64 * 1024];
        try (SessionLog log = SessionLog.open(dir.resolve("log"), 8L << 20)) {
            ReplayCursor stalled = new ReplayCursor(log, 0, 1024);
            int[] wakeups = new int[1];
            log.onChange(() -> wakeups[0]++);
            long started = System.nanoTime();
            for (int i = 0; i < 160; i++) {
                log.append(chunk, 0, chunk.length);
            }
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertThat(log.end()).isEqualTo(160L * 64 * 1024);
            assertThat(wakeups[0]).isEqualTo(160);
            assertThat(elapsedMillis).isLessThan(5000);
            assertThat(stalled.read(new byte[4096])).isEqualTo(1024);
            assertThat(stalled.read(new byte[4096])).isZero();
        }
    }

    @Test
    void aFinishedLogReopenedFromDiskKeepsItsEndAndExitCode() throws Exception {
        Path file = dir.resolve("log");
        try (SessionLog log = SessionLog.open(file, 8L << 20)) {
            log.append("hello".getBytes(), 0, 5);
        }
        try (SessionLog reopened = SessionLog.openFinished(file, 8L << 20, null)) {
            assertThat(reopened.end()).isEqualTo(5);
            assertThat(reopened.finished()).isTrue();
            assertThat(reopened.exitCode()).isNull();
            ReplayCursor cursor = new ReplayCursor(reopened, 5, 10);
            assertThat(cursor.exhausted()).isTrue();
        }
    }

    @Test
    void writingThreeTimesTheRetentionAdvancesTheStartAndKeepsReplayExact() throws Exception {
        byte[] expected = new byte[3_000];
        new Random(3).nextBytes(expected);
        LogRetention retention = new LogRetention(1_000, 1L << 30);
        try (SessionLog log = SessionLog.open(dir.resolve("log"), 100)) {
            log.onRoll(() -> retention.enforce(java.util.List.of(log)));
            for (int at = 0; at < expected.length; at += 37) {
                log.append(expected, at, Math.min(37, expected.length - at));
            }
            retention.enforce(java.util.List.of(log));
            assertThat(log.end()).isEqualTo(3_000);
            assertThat(log.start()).isEqualTo(2_000);
            assertThat(log.retained()).isLessThanOrEqualTo(1_000);
            for (long from : new long[] {2_000, 2_001, 2_550, 2_999, 3_000}) {
                ReplayCursor cursor = new ReplayCursor(log, from, Long.MAX_VALUE);
                ByteArrayOutputStream seen = new ByteArrayOutputStream();
                byte[] buffer = new byte[64];
                int n;
                while ((n = cursor.read(buffer)) > 0) {
                    seen.write(buffer, 0, n);
                }
                assertThat(seen.toByteArray()).isEqualTo(Arrays.copyOfRange(expected, (int) from, 3_000));
            }
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ReplayCursor(log, 1_999, 10))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        try (SessionLog reopened = SessionLog.open(dir.resolve("log"), 100)) {
            assertThat(reopened.start()).isEqualTo(2_000);
            assertThat(reopened.end()).isEqualTo(3_000);
            reopened.append("xyz".getBytes(), 0, 3);
            assertThat(reopened.end()).isEqualTo(3_003);
            byte[] tail = new byte[3];
            assertThat(reopened.read(3_000, java.nio.ByteBuffer.wrap(tail))).isEqualTo(3);
            assertThat(new String(tail)).isEqualTo("xyz");
        }
    }

    @Test
    void aCursorOvertakenByRetentionReportsItsOffsetGone() throws Exception {
        try (SessionLog log = SessionLog.open(dir.resolve("log"), 100)) {
            log.append(new byte[250], 0, 250);
            ReplayCursor slow = new ReplayCursor(log, 10, Long.MAX_VALUE);
            assertThat(log.dropOldest()).isTrue();
            assertThat(log.dropOldest()).isTrue();
            assertThat(log.dropOldest()).isFalse();
            assertThat(log.start()).isEqualTo(200);
            assertThat(slow.read(new byte[10])).isEqualTo(-1);
        }
    }

    @Test
    void theTotalRetentionTakesTheOldestSegmentsOfTheLargestLogFirst() throws Exception {
        try (SessionLog big = SessionLog.open(dir.resolve("big"), 100); SessionLog small = SessionLog.open(dir.resolve("small"), 100)) {
            big.append(new byte[550], 0, 550);
            small.append(new byte[250], 0, 250);
            new LogRetention(10_000, 500).enforce(java.util.List.of(big, small));
            assertThat(big.start()).isEqualTo(300);
            assertThat(small.start()).isZero();
            assertThat(big.retained() + small.retained()).isLessThanOrEqualTo(500);
        }
    }
}
