package dev.drover.protocol.daemon;

import java.util.List;
import java.util.Objects;

/**
 * Checks of what a message must hold, made while it is decoded: a check that fails makes the decoder fail, and
 * the receiver closes the socket with 1007 as for any other malformed message.
 */
final class Required {

    private Required() {
    }

    /** {@code list} (which may be absent) without null elements. */
    static <T> List<T> noNulls(List<T> list, String name) {
        if (list != null && list.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException(name + " holds null");
        }
        return list;
    }
}
