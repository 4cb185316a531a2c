package dev.drover.hub.preferences.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * All of a person's appearance choices at once (a null or absent field clears that choice):
 * {@code theme} is {@code system}, {@code light} or {@code dark}; the terminal font family is a CSS
 * font-family list of 1 to 256 letters, digits, spaces, quotes, commas, dots, dashes and
 * underscores (nothing that could end the CSS value); the font size is 8 to 32 CSS pixels.
 */
public record PreferencesRequest(
        @Schema(nullable = true, enumeration = {"system", "light", "dark"})
        @Pattern(regexp = "system|light|dark", message = "must be system, light or dark") String theme,
        @Schema(nullable = true, maxLength = 256)
        @Pattern(regexp = "[\\p{L}\\p{N} ,\"'._-]{1,256}",
                message = "must be 1 to 256 letters, digits, spaces, quotes, commas, dots, dashes or underscores")
        String terminalFontFamily,
        @Schema(nullable = true, minimum = "8", maximum = "32") @Min(8) @Max(32) Integer terminalFontSize) {
}
