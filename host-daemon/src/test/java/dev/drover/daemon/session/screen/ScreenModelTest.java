package dev.drover.daemon.session.screen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.daemon.session.OutputTap;
import dev.drover.daemon.session.SessionLog;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScreenModelTest {

    @TempDir
    Path dir;

    @Test
    void aSnapshotRepaintsTheSameScreenInAFreshTerminalAndKnowsItsOffset() throws Exception {
        String output = "plain line\r\n\u001b[1;31mred bold\u001b[0m and \u001b[42mgreen bg\u001b[0m\r\n"
                + "h\u00e9llo \u4e16\u754c\r\n\u001b[5;10Hmoved\u001b[2;3Hx\u001b[?2004h";
        try (SessionLog log = SessionLog.open(dir.resolve("a"), 1 << 20)) {
            byte[] bytes = output.getBytes(StandardCharsets.UTF_8);
            log.append(bytes, 0, bytes.length);
            log.finish(0);
            ScreenModel original = ScreenModel.replay(log, 40, 8, 100);
            ScreenModel.Snapshot snapshot = original.snapshot();
            assertThat(snapshot.offset()).isEqualTo(bytes.length);
            assertThat(snapshot.cols()).isEqualTo(40);
            assertThat(snapshot.rows()).isEqualTo(8);
            assertThat(new String(snapshot.repaint(), StandardCharsets.UTF_8)).contains("\u001b[?2004h").contains("\u001b[0;1;38;5;1mre\u001b[0mx").contains("\u4e16\u754c");

            try (SessionLog copy = SessionLog.open(dir.resolve("b"), 1 << 20)) {
                copy.append(snapshot.repaint(), 0, snapshot.repaint().length);
                copy.finish(0);
                ScreenModel repainted = ScreenModel.replay(copy, 40, 8, 100);
                assertThat(repainted.screenText()).isEqualTo(original.screenText());
                assertThat(repainted.screenText()).contains("rex bold and green bg").contains("moved");
                assertThat(repainted.cursorX()).isEqualTo(original.cursorX());
                assertThat(repainted.cursorY()).isEqualTo(original.cursorY());
            }
        }
    }

    @Test
    void aRepaintCarriesExactlyTheLastScrollbackLinesWhileOldLinesAreDroppedInBatches() throws Exception {
        StringBuilder output = new StringBuilder();
        for (int line = 0; line < 1_000; line++) {
            output.append("line ").append(line).append("\r\n");
        }
        try (SessionLog log = SessionLog.open(dir.resolve("d"), 1 << 20)) {
            byte[] bytes = output.toString().getBytes(StandardCharsets.UTF_8);
            log.append(bytes, 0, bytes.length);
            log.finish(0);
            ScreenModel model = ScreenModel.replay(log, 20, 4, 100);
            String repaint = new String(model.snapshot().repaint(), StandardCharsets.UTF_8);
            assertThat(repaint).contains("line 897\u001b[0m\r\n").contains("line 996\u001b[0m\r\n")
                    .doesNotContain("line 896\u001b[0m");
            assertThat(repaint.split("\r\n")).hasSize(100 + 4);
        }
    }

    // A viewer that loads older output rebuilds its terminal from the raw log and the repaint's
    // screen part; a full wrapped row has no separator, so only screenAt tells where that part begins.
    @Test
    void screenAtSplitsTheRepaintsScrollbackFromItsScreenSoTheRawLogAndTheScreenRebuildTheSameTerminal()
            throws Exception {
        StringBuilder output = new StringBuilder();
        for (int line = 0; line < 30; line++) {
            output.append("line ").append(line).append("\r\n");
        }
        output.append("x".repeat(80)).append("y".repeat(80)).append("\r\nprompt$ ");
        try (SessionLog log = SessionLog.open(dir.resolve("split"), 1 << 20)) {
            byte[] bytes = output.toString().getBytes(StandardCharsets.UTF_8);
            log.append(bytes, 0, bytes.length);
            log.finish(0);
            ScreenModel model = ScreenModel.replay(log, 40, 4, 10);
            ScreenModel.Snapshot snapshot = model.snapshot();
            String repaint = new String(snapshot.repaint(), StandardCharsets.UTF_8);
            String scrollback = new String(snapshot.repaint(), 0, snapshot.screenAt(), StandardCharsets.UTF_8);
            String screen = new String(snapshot.repaint(), snapshot.screenAt(),
                    snapshot.repaint().length - snapshot.screenAt(), StandardCharsets.UTF_8);
            assertThat(scrollback + screen).isEqualTo(repaint);
            assertThat(plain(scrollback)).as("a full wrapped row, no separator").endsWith("line 29\r\n" + "x".repeat(40))
                    .doesNotContain("y");
            assertThat(plain(screen)).startsWith("x".repeat(40) + "y".repeat(80)).contains("\r\nprompt$");

            try (SessionLog rebuilt = SessionLog.open(dir.resolve("split-rebuilt"), 1 << 20)) {
                byte[] erase = "\u001b[H\u001b[2J".getBytes(StandardCharsets.UTF_8);
                rebuilt.append(bytes, 0, bytes.length);
                rebuilt.append(erase, 0, erase.length);
                rebuilt.append(snapshot.repaint(), snapshot.screenAt(), snapshot.repaint().length - snapshot.screenAt());
                rebuilt.finish(0);
                ScreenModel copy = ScreenModel.replay(rebuilt, 40, 4, 10);
                assertThat(copy.screenText()).isEqualTo(model.screenText());
                assertThat(copy.cursorX()).isEqualTo(model.cursorX());
                assertThat(copy.cursorY()).isEqualTo(model.cursorY());
            }
        }
    }

    @Test
    void onTheAlternateScreenTheScreenPartBeginsWithTheSwitchToIt() throws Exception {
        byte[] bytes = "before\r\n\u001b[?1049h\u001b[Hfull screen".getBytes(StandardCharsets.UTF_8);
        try (SessionLog log = SessionLog.open(dir.resolve("alt"), 1 << 20)) {
            log.append(bytes, 0, bytes.length);
            log.finish(0);
            ScreenModel.Snapshot snapshot = ScreenModel.replay(log, 40, 4, 10).snapshot();
            String screen = new String(snapshot.repaint(), snapshot.screenAt(),
                    snapshot.repaint().length - snapshot.screenAt(), StandardCharsets.UTF_8);
            assertThat(screen).startsWith("\u001b[?1049h").contains("full screen");
        }
    }

    @Test
    void itsTextGivesEachRowPlainAndWithItsColoursAndAttributes() throws Exception {
        byte[] bytes = "$ \u001b[1;31mred bold\u001b[0m and \u001b[38;5;202;48;2;1;2;3mcube\u001b[0m\r\nplain"
                .getBytes(StandardCharsets.UTF_8);
        try (SessionLog log = SessionLog.open(dir.resolve("styled"), 1 << 20)) {
            log.append(bytes, 0, bytes.length);
            log.finish(0);
            ScreenModel.Text text = ScreenModel.replay(log, 40, 3, 10).text();
            assertThat(text.lines()).containsExactly("$ red bold and cube", "plain", "");
            assertThat(text.styledLines()).hasSize(3);
            assertThat(text.styledLines().get(0)).contains("\u001b[0;1;38;5;1mred bold").as("the model keeps the 16 colours as indices and turns the cube's into RGB")
                    .contains("\u001b[0;38;2;255;95;0;48;2;1;2;3mcube");
            assertThat(plain(text.styledLines().get(0))).isEqualTo("$ red bold and cube");
            assertThat(plain(text.styledLines().get(1))).isEqualTo("plain");
        }
    }

    private static String plain(String repaint) {
        return repaint.replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "");
    }

    @Test
    void aRepaintOfWideColourfulScrollbackOverTheByteLimitKeepsTheScreenAndTheNewestLines() throws Exception {
        StringBuilder output = new StringBuilder();
        for (int line = 0; line < 300; line++) {
            output.append("\u001b[3").append(line % 8).append('m').append(line).append(' ')
                    .append("\u00e9\u20ac".repeat(30)).append("\u001b[0m\r\n");
        }
        output.append("last words");
        try (SessionLog log = SessionLog.open(dir.resolve("e"), 1 << 20)) {
            byte[] bytes = output.toString().getBytes(StandardCharsets.UTF_8);
            log.append(bytes, 0, bytes.length);
            log.finish(0);
            ScreenModel model = ScreenModel.replay(log, 80, 10, 1_000);
            assertThat(model.snapshot().repaint().length).as("the whole scrollback").isGreaterThan(40_000);

            byte[] repaint = model.snapshot(20_000).repaint();
            assertThat(repaint.length).isLessThanOrEqualTo(20_000 + 200);
            String text = new String(repaint, StandardCharsets.UTF_8);
            assertThat(text).contains("last words").contains("290 \u00e9\u20ac").doesNotContain("m10 \u00e9");
        }
    }

    @Test
    void aSnapshotTakenInsideAnEscapeSequenceOrUtf8CharacterPointsAtItsFirstByte() throws Exception {
        byte[] first = "ab\u001b[3".getBytes(StandardCharsets.UTF_8);
        byte[] euro = "\u20ac".getBytes(StandardCharsets.UTF_8);
        try (SessionLog log = SessionLog.open(dir.resolve("c"), 1 << 20)) {
            log.append(first, 0, first.length);
            ScreenModel model = ScreenModel.start(java.util.UUID.randomUUID(), log, 20, 4, 10, OutputTap.NONE);
            awaitOffset(model, 2);
            log.append("1mc".getBytes(StandardCharsets.UTF_8), 0, 3);
            log.append(euro, 0, 2);
            awaitOffset(model, first.length + 3);
            assertThat(model.snapshot().offset()).isEqualTo(first.length + 3);
            log.append(euro, 2, 1);
            awaitOffset(model, first.length + 6);
            assertThat(model.screenText()).startsWith("abc\u20ac");
            model.close();
        }
    }

    @Test
    void itsTapSeesEveryOutputByteOnceInOrder() throws Exception {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        OutputTap tap = new OutputTap() {
            @Override
            public synchronized void bytes(byte[] bytes, int from, int length) {
                seen.write(bytes, from, length);
            }

            @Override
            public void skipped() {
                throw new AssertionError("nothing was skipped");
            }
        };
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        try (SessionLog log = SessionLog.open(dir.resolve("d"), 1 << 20)) {
            ScreenModel model = ScreenModel.start(java.util.UUID.randomUUID(), log, 20, 4, 10, tap);
            for (int i = 0; i < 200; i++) {
                byte[] chunk = ("line " + i + " \u001b]7;file://h/tmp/" + i + "\u0007\u00e9\r\n").getBytes(StandardCharsets.UTF_8);
                log.append(chunk, 0, chunk.length);
                written.write(chunk);
            }
            awaitOffset(model, written.size());
            model.close();
        }
        synchronized (tap) {
            assertThat(seen.toByteArray()).isEqualTo(written.toByteArray());
        }
    }

    // A repaint ended every row with CRLF, also rows the program's line only wrapped from: the
    // viewer could not reflow them on a resize as tmux does, and its screen then differed.
    @Test
    void aLineThatWrapsIsRepaintedAsOneLineInScrollbackAndOnScreen() throws Exception {
        String wrapped = "x".repeat(100);
        String output = wrapped + "\r\n" + "1\r\n2\r\n3\r\n4\r\n5\r\n6\r\n" + wrapped + "\r\nend";
        try (SessionLog log = SessionLog.open(dir.resolve("wrap"), 1 << 20)) {
            byte[] bytes = output.getBytes(StandardCharsets.UTF_8);
            log.append(bytes, 0, bytes.length);
            log.finish(0);
            ScreenModel model = ScreenModel.replay(log, 40, 8, 100);
            String repaint = new String(model.snapshot().repaint(), StandardCharsets.UTF_8);
            String text = plain(repaint);
            assertThat(text.split("\r\n", -1)).containsSubsequence(wrapped, "1", "6", wrapped, "end");

            try (SessionLog copy = SessionLog.open(dir.resolve("wrap-copy"), 1 << 20)) {
                copy.append(model.snapshot().repaint(), 0, model.snapshot().repaint().length);
                copy.finish(0);
                assertThat(ScreenModel.replay(copy, 40, 8, 100).screenText()).isEqualTo(model.screenText());
            }
        }
    }

    private static void awaitOffset(ScreenModel model, long offset) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (model.snapshot().offset() != offset) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("snapshot offset " + model.snapshot().offset() + ", expected " + offset);
            }
            Thread.sleep(5);
        }
    }
}
