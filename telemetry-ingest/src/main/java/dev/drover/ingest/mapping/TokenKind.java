package dev.drover.ingest.mapping;

/** Which {@code UsageDelta} field a data point adds to. */
public enum TokenKind {
    INPUT,
    OUTPUT,
    CACHE_READ,
    CACHE_CREATION
}
