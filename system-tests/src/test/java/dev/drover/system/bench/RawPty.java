package dev.drover.system.bench;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/** The baseline: a PTY read and written directly by this JVM (pty4j), no network at all. */
final class RawPty implements AutoCloseable {

    private final PtyProcess process;
    private final InputStream out;
    private final OutputStream in;

    private RawPty(PtyProcess process) {
        this.process = process;
        this.out = process.getInputStream();
        this.in = process.getOutputStream();
    }

    static RawPty start(String script) throws IOException {
        PtyProcess process = new PtyProcessBuilder(new String[] { "bash", "--noprofile", "--norc", "-c", script })
                .setEnvironment(Map.of("TERM", "xterm-256color", "PATH", System.getenv("PATH")))
                .setInitialColumns(120)
                .setInitialRows(40)
                .start();
        return new RawPty(process);
    }

    /** Echo latencies of single bytes through {@code stty raw -echo; cat}. */
    static long[] echo(int warmup, int count) throws IOException, InterruptedException {
        try (RawPty pty = start("stty raw -echo; printf R; exec cat")) {
            pty.out.read();
            return RoundTrips.blocking(warmup, count, () -> {
                pty.in.write('x');
                pty.in.flush();
                if (pty.out.read() != 'x') {
                    throw new IllegalStateException("raw PTY echoed something else");
                }
            });
        }
    }

    /** Bytes per second of {@code head -c <bytes> /dev/zero | tr '\0' a} read from the PTY. */
    static double throughput(long bytes) throws IOException, InterruptedException {
        try (RawPty pty = start("head -c " + bytes + " /dev/zero | tr '\\0' a")) {
            byte[] buffer = new byte[65536];
            long received = 0;
            long start = 0;
            while (received < bytes) {
                int n = pty.out.read(buffer);
                if (n < 0) {
                    break;
                }
                if (received == 0) {
                    start = System.nanoTime();
                }
                received += n;
            }
            return received / ((System.nanoTime() - start) / 1e9);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }
}
