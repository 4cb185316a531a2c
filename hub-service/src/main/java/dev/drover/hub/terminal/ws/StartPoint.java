package dev.drover.hub.terminal.ws;

/** Where a viewer's output starts: a byte offset, or the daemon's latest screen snapshot. */
record StartPoint(long offset, boolean screen) {

    static final StartPoint SCREEN = new StartPoint(-1, true);

    static StartPoint offset(long offset) {
        return new StartPoint(offset, false);
    }
}
