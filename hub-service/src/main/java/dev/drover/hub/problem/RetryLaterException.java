package dev.drover.hub.problem;

import java.time.Duration;

/** A refusal the caller may retry after {@link #retryAfter()}: answered with a {@code Retry-After} header. */
public class RetryLaterException extends ProblemException {

    private final Duration retryAfter;

    public RetryLaterException(int status, String detail, Duration retryAfter) {
        super(status, detail);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds, rounded up, at least one. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
