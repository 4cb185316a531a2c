package dev.drover.hub.preferences.rest;

import dev.drover.hub.preferences.service.Preferences;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/**
 * The signed-in person's appearance choices; null where they chose nothing (the web UI shows its
 * default). {@code updatedAt} is null until the first save.
 */
public record PreferencesView(
        @Schema(required = true, nullable = true, enumeration = {"system", "light", "dark"}) String theme,
        @Schema(required = true, nullable = true) String terminalFontFamily,
        @Schema(required = true, nullable = true, minimum = "8", maximum = "32") Integer terminalFontSize,
        @Schema(required = true, nullable = true) Instant updatedAt) {

    static PreferencesView of(Preferences preferences) {
        return new PreferencesView(preferences.theme(), preferences.terminalFontFamily(),
                preferences.terminalFontSize(), preferences.updatedAt());
    }
}
