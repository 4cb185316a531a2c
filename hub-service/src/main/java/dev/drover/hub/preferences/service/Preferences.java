package dev.drover.hub.preferences.service;

import java.time.Instant;

/**
 * How a person wants the web UI to look, wherever they sign in: the colour theme ({@code system},
 * {@code light} or {@code dark}), the terminal's font family and size. A null field was never chosen
 * (the web UI shows its default); {@code updatedAt} is null until the first save.
 */
public record Preferences(String theme, String terminalFontFamily, Integer terminalFontSize, Instant updatedAt) {

    /** Nothing chosen yet. */
    public static final Preferences NONE = new Preferences(null, null, null, null);
}
