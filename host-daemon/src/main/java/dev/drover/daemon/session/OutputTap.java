package dev.drover.daemon.session;

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
}
