package dev.drover.daemon.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OscScannerTest {

    /** Records every signal as one line. */
    private static final class Recorded implements ShellSignals {
        final List<String> signals = new ArrayList<>();

        @Override
        public void workingDirectory(String path) {
            signals.add("cwd " + path);
        }

        @Override
        public void promptStarted() {
            signals.add("A");
        }

        @Override
        public void commandInputStarted() {
            signals.add("B");
        }

        @Override
        public void commandLine(String line) {
            signals.add("E " + line);
        }

        @Override
        public void commandExecuted() {
            signals.add("C");
        }

        @Override
        public void commandFinished(Integer exitCode) {
            signals.add("D " + exitCode);
        }
    }

    private static List<String> scan(String... chunks) {
        Recorded recorded = new Recorded();
        OscScanner scanner = new OscScanner(recorded);
        for (String chunk : chunks) {
            byte[] bytes = chunk.getBytes(StandardCharsets.UTF_8);
            scanner.scan(bytes, 0, bytes.length);
        }
        return recorded.signals;
    }

    private static final String OUTPUT = "\u001b]7;file://box/home/ada/my%20project\u0007\u001b]133;A\u0007$ \u001b]133;B\u0007"
            + "false\r\n\u001b]633;E;false\u001b\\\u001b]133;C\u001b\\\u001b]133;D;1\u0007";

    @Test
    void aPromptCycleWithBelAndStTerminatorsGivesEverySignalInOrder() {
        assertThat(scan(OUTPUT)).containsExactly("cwd /home/ada/my project", "A", "B", "E false", "C", "D 1");
    }

    @Test
    void sequencesSplitAtEveryByteGiveTheSameSignals() {
        byte[] bytes = OUTPUT.getBytes(StandardCharsets.UTF_8);
        Recorded recorded = new Recorded();
        OscScanner scanner = new OscScanner(recorded);
        for (int i = 0; i < bytes.length; i++) {
            scanner.scan(bytes, i, 1);
        }
        assertThat(recorded.signals).containsExactly("cwd /home/ada/my project", "A", "B", "E false", "C", "D 1");
        assertThat(scan("\u001b", "]13", "3;D;", "0\u001b", "\\")).containsExactly("D 0");
    }

    @Test
    void workingDirectoriesArePercentDecodedAsUtf8() {
        assertThat(scan("\u001b]7;file://host/tmp/%C3%A9t%C3%A9%3B%25/x\u0007")).containsExactly("cwd /tmp/\u00e9t\u00e9;%/x");
        assertThat(scan("\u001b]7;file:///srv/a%2\u0007")).containsExactly("cwd /srv/a%2");
        assertThat(scan("\u001b]633;P;Cwd=/home/a\\x3bb\u0007")).containsExactly("cwd /home/a;b");
    }

    @Test
    void commandLinesAreUnescapedAsVsCodeEscapesThem() {
        assertThat(scan("\u001b]633;E;echo \"x\\x3by\\\\z\"\\x0als;nonce-123\u0007"))
                .containsExactly("E echo \"x;y\\z\"\nls");
        assertThat(scan("\u001b]633;E;caf\u00e9 \u2603\u0007")).containsExactly("E caf\u00e9 \u2603");
    }

    @Test
    void garbageAndOtherSequencesAreIgnored() {
        assertThat(scan("\u001b]0;window title\u0007\u001b[31mred\u001b[0m\u001b]8;;http://x\u0007link\u001b]8;;\u0007",
                "\u001b]7;http://host/not-a-file\u0007\u001b]7;file://no-path\u0007\u001b]133;Z\u0007\u001b]133;D;abc\u0007",
                "\u001b]633;E;bad\\qescape\u0007\u001b]1337;CurrentDir=/x\u0007\u001b]133\u0007\u001bP+q\u001b\\"))
                .containsExactly("D null");
    }

    @Test
    void anInterruptedSequenceIsDroppedAndTheNextOneStillCounts() {
        assertThat(scan("\u001b]133;D;1\u0018\u001b]133;A\u0007")).containsExactly("A");
        assertThat(scan("\u001b]7;file://h/a\u001b[0m\u001b]133;B\u0007")).containsExactly("B");
        assertThat(scan("\u001b]7;file://h/a\u001b\u001b]133;C\u0007")).containsExactly("C");
        assertThat(scan("\u001b\u001b]133;A\u0007")).containsExactly("A");
    }

    @Test
    void aPayloadLongerThanTheBoundIsDroppedWithoutEndingTheScan() {
        String longCommand = "x".repeat(OscScanner.MAX_PAYLOAD);
        assertThat(scan("\u001b]633;E;" + longCommand + "\u0007\u001b]133;C\u0007")).containsExactly("C");
        String fits = "y".repeat(OscScanner.MAX_PAYLOAD - "633;E;".length());
        assertThat(scan("\u001b]633;E;" + fits + "\u0007")).containsExactly("E " + fits);
        assertThat(scan("\u001b]7;file://h/" + "z".repeat(100_000), "\u0007\u001b]133;A\u0007")).containsExactly("A");
    }

    @Test
    void resetForgetsAnOpenSequence() {
        Recorded recorded = new Recorded();
        OscScanner scanner = new OscScanner(recorded);
        byte[] head = "\u001b]133;".getBytes(StandardCharsets.UTF_8);
        scanner.scan(head, 0, head.length);
        scanner.reset();
        byte[] tail = "A\u0007\u001b]133;B\u0007".getBytes(StandardCharsets.UTF_8);
        scanner.scan(tail, 0, tail.length);
        assertThat(recorded.signals).containsExactly("B");
    }
}
