package dev.drover.hub.problem;

import java.io.IOException;

/**
 * A request body passed the limit while a resource read it (see {@link BoundedBodies}); answered 413. An
 * {@link IOException}, so that the JSON reader passes it on as it is instead of wrapping it as malformed JSON.
 */
public class BodyTooLargeException extends IOException {

    public BodyTooLargeException(String message) {
        super(message);
    }
}
