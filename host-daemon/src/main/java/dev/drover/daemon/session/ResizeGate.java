package dev.drover.daemon.session;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Debounces window-size requests: each viewer's resize arrives separately, only the last one within
 * {@link #DEBOUNCE_MILLIS} counts, and it is applied only when it changes the size.
 */
public final class ResizeGate {

    static final long DEBOUNCE_MILLIS = 50;
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("resize-gate").daemon().factory());

    /** Applies a size; runs on the gate's timer thread and must not block for long. */
    public interface Apply {
        void size(int cols, int rows);
    }

    private final Apply apply;
    private int cols;
    private int rows;
    private int wantedCols;
    private int wantedRows;
    private ScheduledFuture<?> pending;

    public ResizeGate(int cols, int rows, Apply apply) {
        this.cols = cols;
        this.rows = rows;
        this.apply = apply;
    }

    public synchronized void request(int newCols, int newRows) {
        if (newCols < 1 || newRows < 1) {
            return;
        }
        wantedCols = newCols;
        wantedRows = newRows;
        if (pending != null) {
            pending.cancel(false);
        }
        pending = TIMER.schedule(this::fire, DEBOUNCE_MILLIS, TimeUnit.MILLISECONDS);
    }

    synchronized int cols() {
        return cols;
    }

    synchronized int rows() {
        return rows;
    }

    private void fire() {
        int c;
        int r;
        synchronized (this) {
            pending = null;
            if (wantedCols == cols && wantedRows == rows) {
                return;
            }
            cols = wantedCols;
            rows = wantedRows;
            c = cols;
            r = rows;
        }
        apply.size(c, r);
    }
}
