package dev.drover.daemon.session.tmux;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A pane's queued input: chunks across writes, in order, and a bound on what tmux holds. */
class PaneInputTest {

    @Test
    void writesArePastedTogetherInOrderAndEachIsTakenWithTheChunkHoldingItsLastByte() {
        PaneInput input = new PaneInput(10, 8);
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        assertThat(input.add(bytes("abcd"), add(writes))).as("the first write queues a turn").isTrue();
        assertThat(input.add(bytes("efghijkl"), add(writes))).as("a turn is already queued").isFalse();
        assertThat(input.add(bytes("mn"), add(writes))).isFalse();

        PaneInput.Chunk first = input.take();
        assertThat(new String(first.bytes())).isEqualTo("abcdefghij");
        assertThat(first.finished()).containsExactly(writes.get(0));
        assertThat(input.claimTurn()).as("more waits").isTrue();
        PaneInput.Chunk second = input.take();
        assertThat(new String(second.bytes())).isEqualTo("klmn");
        assertThat(second.finished()).containsExactly(writes.get(1), writes.get(2));
        assertThat(input.claimTurn()).as("nothing waits").isFalse();
        assertThat(input.take()).isNull();
        assertThat(input.empty()).isTrue();
    }

    /**
     * Regression: a flood of one pane went to tmux as fast as tmux read its commands, and tmux reads
     * them all into a queue of its own: another pane's keystroke waited behind all of it. A pane
     * now gets no turn while tmux holds its chunks unanswered, however much of it waits.
     */
    @Test
    void aPaneGetsNoTurnWhileTmuxHoldsItsBoundOfChunks() {
        PaneInput input = new PaneInput(4, 2);
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        ByteArrayOutputStream given = new ByteArrayOutputStream();
        input.add(bytes("0123456789abcdefghij"), add(writes));
        given.writeBytes(input.take().bytes());
        assertThat(input.claimTurn()).isTrue();
        given.writeBytes(input.take().bytes());
        assertThat(input.claimTurn()).as("two chunks unanswered").isFalse();
        assertThat(input.take()).as("a turn taken anyway gives tmux nothing").isNull();
        assertThat(input.add(bytes("klmn"), add(writes))).as("more input queues no turn").isFalse();

        assertThat(input.answered()).as("an answer frees a turn").isTrue();
        given.writeBytes(input.take().bytes());
        assertThat(input.claimTurn()).isFalse();
        assertThat(input.answered()).isTrue();
        assertThat(input.claimTurn()).as("the turn is already queued").isFalse();
        given.writeBytes(input.take().bytes());
        assertThat(input.answered()).isTrue();
        given.writeBytes(input.take().bytes());
        assertThat(input.answered()).isTrue();
        given.writeBytes(input.take().bytes());
        assertThat(given.toString()).isEqualTo("0123456789abcdefghijklmn");
        assertThat(input.answered()).isFalse();
        assertThat(input.answered()).isFalse();
        assertThat(input.empty()).isTrue();
    }

    @Test
    void droppedInputCountsAsTaken() {
        PaneInput input = new PaneInput(4, 2);
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        input.add(bytes("abc"), add(writes));
        input.add(bytes("def"), add(writes));
        input.drop();
        assertThat(writes).allMatch(CompletableFuture::isDone);
        assertThat(input.empty()).isTrue();
    }

    private static CompletableFuture<Void> add(List<CompletableFuture<Void>> writes) {
        CompletableFuture<Void> taken = new CompletableFuture<>();
        writes.add(taken);
        return taken;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
