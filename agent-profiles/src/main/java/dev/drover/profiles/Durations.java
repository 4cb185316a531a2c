package dev.drover.profiles;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as profiles write them: {@code 500ms}, {@code 2s}, {@code 1m}. */
final class Durations {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,6})(ms|s|m)");

    private Durations() {
    }

    static Duration parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: " + text + " (e.g. 500ms, 2s, 1m)");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
    }
}
