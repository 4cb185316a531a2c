package dev.drover.profiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Placeholders in profile strings: {@code {sessionId}}, {@code {agentSessionId}}, {@code {env:HOME}},
 * … Text that only looks like a placeholder with spaces or quotes inside (TOML or JSON braces)
 * is left as it is. A leading {@code ~/} in a path means the user's home.
 */
public final class Templates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][A-Za-z]*|env:[A-Za-z_][A-Za-z0-9_]*)}");

    /** Every placeholder a profile may use, apart from {@code env:NAME}. */
    public static final Set<String> NAMES = Set.of("agentSessionId", "prompt", "sessionId", "sessionDir", "cwd",
            "project", "home", "otlpEndpoint", "telemetryToken", "resourceAttributes", "exportIntervalMillis", "hooksUrl",
            "hooksToken");

    /** Placeholders holding secrets: allowed in env and files, never in process arguments. */
    public static final Set<String> SECRETS = Set.of("telemetryToken", "hooksToken");

    private Templates() {
    }

    /** The placeholders {@code template} uses, in order. */
    public static List<String> placeholders(String template) {
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * {@code template} with every placeholder replaced by {@code values}; a placeholder whose value
     * is {@code null} is refused with an {@link IllegalArgumentException} naming it.
     */
    public static String expand(String template, Function<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.apply(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no value for {" + m.group(1) + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    /** Like {@link #expand}, and a leading {@code ~/} (or a lone {@code ~}) becomes {@code home}. */
    public static String expandPath(String template, Function<String, String> values, String home) {
        String path = template.equals("~") ? home : template.startsWith("~/") ? home + template.substring(1) : template;
        return expand(path, values);
    }
}
