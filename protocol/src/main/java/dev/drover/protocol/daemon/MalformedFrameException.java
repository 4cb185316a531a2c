package dev.drover.protocol.daemon;

/** A frame that does not follow the wire format; the receiver closes the socket with 1007. */
public class MalformedFrameException extends RuntimeException {

    public MalformedFrameException(String message) {
        super(message);
    }
}
