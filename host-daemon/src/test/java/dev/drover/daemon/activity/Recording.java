package dev.drover.daemon.activity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A PTY stream recorded from a real agent CLI ({@code fixtures/pty/<cli>.*}, copied from the shared
 * fixtures): {@code script}'s bytes after its header line, its timing (seconds since the previous
 * chunk, chunk size) and the marks saying when the operator acted, each at its absolute time.
 */
record Recording(List<Chunk> chunks, List<Mark> marks) {

    record Chunk(Instant at, byte[] bytes) {
    }

    record Mark(Instant at, String name) {
    }

    /**
     * Reads the recording of {@code cli}. Its first chunk's delay counts from its {@code launch} mark,
     * or from {@code start} when it has none (Claude's: {@code script} began at second 05:27:48, and
     * its text echo and answers put the start half a second into it).
     */
    static Recording load(String cli, Instant start) {
        byte[] typescript = resource(cli + ".typescript");
        List<Mark> marks = new ArrayList<>();
        for (String line : lines(cli + ".marks")) {
            String[] fields = line.split(" ");
            marks.add(new Mark(instant(fields[0]), fields[1]));
        }
        Instant at = marks.stream().filter(mark -> mark.name().equals("launch")).map(Mark::at).findFirst().orElse(start);
        int position = indexOf(typescript, (byte) '\n') + 1;
        List<Chunk> chunks = new ArrayList<>();
        for (String line : lines(cli + ".timing")) {
            String[] fields = line.split(" ");
            at = at.plusNanos(new BigDecimal(fields[0]).movePointRight(9).longValueExact());
            int length = Integer.parseInt(fields[1]);
            chunks.add(new Chunk(at, Arrays.copyOfRange(typescript, position, position + length)));
            position += length;
        }
        return new Recording(chunks, marks);
    }

    /** The first mark named {@code name} after {@code after}. */
    Instant mark(String name, Instant after) {
        return marks.stream()
                .filter(mark -> mark.name().equals(name) && mark.at().isAfter(after))
                .map(Mark::at)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no mark " + name + " after " + after));
    }

    static Instant instant(String seconds) {
        BigDecimal value = new BigDecimal(seconds);
        long whole = value.longValue();
        return Instant.ofEpochSecond(whole, value.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue());
    }

    static List<String> lines(String name) {
        return new String(resource(name), StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList();
    }

    private static byte[] resource(String name) {
        String path = name.endsWith(".jsonl") ? "fixtures/hooks/" + name : "fixtures/pty/" + name;
        try (InputStream in = Recording.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
