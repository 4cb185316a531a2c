package dev.drover.daemon.session;

import java.util.List;
import java.util.function.Supplier;

/**
 * Sees every output byte of a running session once, in log order, on the session's terminal model
 * thread (never on the PTY or keeper reader): a tap must be quick and must not block.
 */
public interface OutputTap {

    /** A tap that ignores everything. */
    OutputTap NONE = new OutputTap() {
        @Override
        public void bytes(byte[] bytes, int from, int length) {
        }

        @Override
        public void skipped() {
        }
    };

    /** The next {@code length} output bytes, at {@code bytes[from]}. */
    void bytes(byte[] bytes, int from, int length);

    /** Output was skipped (retention deleted it before it was read): what follows does not continue what came before. */
    void skipped();

    /**
     * The terminal model has taken every byte written so far (called once per batch of new output,
     * at most every 200 ms): {@code screen} answers the visible screen's text, one line per row.
     */
    default void caughtUp(Supplier<String> screen) {
    }

    /** A tap that shows everything to each of {@code taps}, in order. */
    static OutputTap of(OutputTap... taps) {
        List<OutputTap> all = List.of(taps);
        return new OutputTap() {
            @Override
            public void bytes(byte[] bytes, int from, int length) {
                all.forEach(tap -> tap.bytes(bytes, from, length));
            }

            @Override
            public void skipped() {
                all.forEach(OutputTap::skipped);
            }

            @Override
            public void caughtUp(Supplier<String> screen) {
                all.forEach(tap -> tap.caughtUp(screen));
            }
        };
    }
}
