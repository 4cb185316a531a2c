package dev.drover.daemon.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.daemon.session.ReplayCursor;
import dev.drover.daemon.session.SessionLog;
import dev.drover.protocol.daemon.DaemonMessage;
import dev.drover.protocol.daemon.StreamEndReason;
import dev.drover.protocol.daemon.StreamFrames;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogStreamTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    final List<StreamFrames.Data> frames = new CopyOnWriteArrayList<>();
    final List<DaemonMessage.StreamEnded> ended = new CopyOnWriteArrayList<>();
    final List<String> senders = new CopyOnWriteArrayList<>();

    private LogStream stream(SessionLog log, Duration coalesce) {
        return stream(log, coalesce, Long.MAX_VALUE);
    }

    private LogStream stream(SessionLog log, Duration coalesce, long window) {
        LogStream stream = new LogStream(1, log, new ReplayCursor(log, 0, window), coalesce, new LogStream.Sink() {
            @Override
            public void data(byte[] frame) {
                frames.add(StreamFrames.readData(frame));
                senders.add(Thread.currentThread().getName());
            }

            @Override
            public void ended(DaemonMessage.StreamEnded end) {
                ended.add(end);
            }
        }, done -> {
        });
        stream.start();
        return stream;
    }

    @Test
    void aStreamWaitingForCreditResumesOnEveryGrantWithoutGapOrDuplicate() throws Exception {
        try (SessionLog log = SessionLog.open(dir.resolve("log"), 1 << 20)) {
            LogStream stream = stream(log, Duration.ofMillis(1), 10);
            byte[] data = new byte[5_000];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) ('a' + i % 26);
            }
            log.append(data, 0, data.length);
            Eventually.await(TIMEOUT, () -> bytes().length == 10);
            Thread.sleep(50);
            assertThat(bytes()).hasSize(10);
            for (int granted = 10; granted < data.length; granted += 7) {
                stream.credit(7);
            }
            Eventually.await(TIMEOUT, () -> bytes().length == data.length);
            assertThat(bytes()).isEqualTo(data);
        }
    }

    @Test
    void manyTinyWritesArriveInFewFramesInOrder() throws Exception {
        try (SessionLog log = SessionLog.open(dir.resolve("log"), 1 << 20)) {
            Duration coalesce = Duration.ofMillis(20);
            stream(log, coalesce);
            byte[] one = {'x'};
            long start = System.nanoTime();
            for (int i = 0; i < 2_000; i++) {
                log.append(one, 0, 1);
            }
            long windows = (System.nanoTime() - start) / coalesce.toNanos() + 2;
            log.finish(0);
            Eventually.await(TIMEOUT, () -> !ended.isEmpty());
            assertThat(bytes()).hasSize(2_000);
            // each coalesce window the writes spanned sends its interactive frames and one gathered frame, whatever the load
            assertThat(frames.size()).isLessThanOrEqualTo((int) (windows * (LogStream.INTERACTIVE_FRAMES + 1)) + 1);
            assertThat(ended.getFirst()).isEqualTo(new DaemonMessage.StreamEnded(1, 2_000, StreamEndReason.SESSION_EXITED, 0));
        }
    }

    @Test
    void keystrokeEchoesTypedBackToBackGoOutWithoutWaitingForTheCoalesceDelay() throws Exception {
        try (SessionLog log = SessionLog.open(dir.resolve("log"), 1 << 20)) {
            stream(log, Duration.ofMillis(500));
            byte[] one = {'x'};
            for (int i = 1; i <= 10; i++) {
                long start = System.nanoTime();
                log.append(one, 0, 1);
                int expected = i;
                Eventually.await(TIMEOUT, () -> bytes().length == expected);
                assertThat(System.nanoTime() - start).as("echo %d waited for the coalesce delay", i).isLessThan(250_000_000L);
                Thread.sleep(150);
            }
            assertThat(frames).hasSize(10);
        }
    }

    @Test
    void aCaughtUpStreamSendsAnEchoFromTheThreadThatAppendedIt() throws Exception {
        try (SessionLog log = SessionLog.open(dir.resolve("log"), 1 << 20)) {
            stream(log, Duration.ofMillis(20));
            Thread.sleep(50);
            String appender = Thread.currentThread().getName();
            for (int i = 1; i <= 5; i++) {
                log.append(new byte[] {'x'}, 0, 1);
                assertThat(frames).as("echo %d was sent before append returned", i).hasSize(i);
                Thread.sleep(30);
            }
            assertThat(senders).containsOnly(appender);
            assertThat(frames).extracting(StreamFrames.Data::offset).containsExactly(0L, 1L, 2L, 3L, 4L);
        }
    }

    @Test
    void bulkOutputIsGatheredByTheStreamsOwnThreadIntoFullFrames() throws Exception {
        try (SessionLog log = SessionLog.open(dir.resolve("log"), 1 << 30)) {
            stream(log, Duration.ofMillis(200));
            Thread.sleep(50);
            byte[] chunk = new byte[4096];
            java.util.Arrays.fill(chunk, (byte) 'b');
            for (int i = 0; i < 64; i++) {
                log.append(chunk, 0, chunk.length);
            }
            Eventually.await(TIMEOUT, () -> bytes().length == 64 * 4096);
            assertThat(frames.size()).as("frames for 256 KiB").isLessThanOrEqualTo(LogStream.INTERACTIVE_FRAMES + 5);
            assertThat(frames.stream().mapToInt(f -> f.bytes().remaining()).max().orElseThrow())
                    .isEqualTo(LogStream.MAX_FRAME_BYTES);
        }
    }

    @Test
    void aFrameNeverEndsInsideAUtf8SequenceAndHeldBytesGoOutAfterTheCoalesceDelay() throws Exception {
        byte[] euro = "\u20ac".getBytes(StandardCharsets.UTF_8);
        try (SessionLog log = SessionLog.open(dir.resolve("log"), 1 << 20)) {
            stream(log, Duration.ofMillis(50));
            log.append("a".getBytes(), 0, 1);
            Eventually.await(TIMEOUT, () -> frames.size() == 1);
            Thread.sleep(60);
            log.append(euro, 0, 2);
            Thread.sleep(20);
            assertThat(frames).hasSize(1);
            log.append(euro, 2, 1);
            Eventually.await(TIMEOUT, () -> bytes().length == 4);
            assertThat(frames).hasSize(2);
            assertThat(frames.get(1).offset()).isEqualTo(1);
            assertThat(new String(bytes(), StandardCharsets.UTF_8)).isEqualTo("a\u20ac");

            log.append(euro, 0, 1);
            Eventually.await(TIMEOUT, () -> bytes().length == 5);
            assertThat(frames.getLast().offset()).isEqualTo(4);
        }
    }

    private byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (StreamFrames.Data frame : frames) {
            byte[] b = new byte[frame.bytes().remaining()];
            frame.bytes().duplicate().get(b);
            out.writeBytes(b);
        }
        return out.toByteArray();
    }
}
