package dev.drover.daemon.transcript;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secrets in transcript text by {@value #MARK} before it leaves the host. A pattern with a
 * group named {@code secret} replaces only that group (so {@code password: hunter2} keeps its key).
 */
public final class Redaction {

    static final String MARK = "[REDACTED]";

    /**
     * A pattern and the lower-case words one of which any match contains (none: always tried), so that
     * the text of most messages is scanned once for the words instead of once per pattern.
     */
    private record Rule(Pattern pattern, List<String> hints, boolean group) {

        static Rule of(String regex, String... hints) {
            return new Rule(Pattern.compile(regex), List.of(hints), regex.contains("(?<secret>"));
        }
    }

    /** API keys, tokens and private keys of the common providers, bearer tokens, JWTs, and assigned passwords and secrets. */
    static final List<Rule> DEFAULTS = List.of(
            Rule.of("sk-ant-[A-Za-z0-9_-]{20,}", "sk-ant-"),
            Rule.of("sk-(?:proj-)?[A-Za-z0-9_-]{20,}", "sk-"),
            Rule.of("AIza[0-9A-Za-z_-]{35}", "aiza"),
            Rule.of("gh[pousr]_[A-Za-z0-9]{36,}", "gh"),
            Rule.of("github_pat_[A-Za-z0-9_]{22,}", "github_pat_"),
            Rule.of("glpat-[A-Za-z0-9_-]{20,}", "glpat-"),
            Rule.of("xox[abposr]-[A-Za-z0-9-]{10,}", "xox"),
            Rule.of("(?:AKIA|ASIA)[0-9A-Z]{16}", "akia", "asia"),
            Rule.of("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}", "eyj"),
            Rule.of("(?i)\\bbearer\\s+(?<secret>[A-Za-z0-9._~+/=-]{16,})", "bearer"),
            Rule.of("-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----", "private key"),
            // a name ending in password, secret, token or key, assigned a value that is not only digits
            Rule.of("(?i)(?<![a-z0-9])(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key)[a-z0-9_]*\"?\\s*[:=]\\s*\"?"
                    + "(?<secret>(?=[^\\s\"',;]*[^\\s\"',;0-9])[^\\s\"',;]{6,})", "passw", "pwd", "secret", "token", "key"),
            // the password in a URL's user info
            Rule.of("(?i)(?<![a-z0-9+.-])[a-z][a-z0-9+.-]{0,20}://[^\\s:/@]{1,200}:(?<secret>[^\\s@/]{3,200})@", "://"));

    private final List<Rule> rules;

    private Redaction(List<Rule> rules) {
        this.rules = rules;
    }

    /** The built-in patterns when {@code defaults}, then {@code extra}; a pattern that does not compile fails here. */
    public static Redaction of(boolean defaults, List<String> extra) {
        List<Rule> compiled = new ArrayList<>();
        if (defaults) {
            compiled.addAll(DEFAULTS);
        }
        extra.forEach(pattern -> compiled.add(Rule.of(pattern)));
        return new Redaction(List.copyOf(compiled));
    }

    /** {@code text} with every match replaced. */
    public String apply(String text) {
        String result = text;
        String lower = text.toLowerCase(Locale.ROOT);
        for (Rule rule : rules) {
            if (!rule.hints().isEmpty() && rule.hints().stream().noneMatch(lower::contains)) {
                continue;
            }
            Matcher matcher = rule.pattern().matcher(result);
            if (!matcher.find()) {
                continue;
            }
            boolean group = rule.group();
            StringBuilder out = new StringBuilder(result.length());
            int last = 0;
            do {
                int start = group ? matcher.start("secret") : matcher.start();
                int end = group ? matcher.end("secret") : matcher.end();
                out.append(result, last, start).append(MARK);
                last = end;
            } while (matcher.find());
            out.append(result, last, result.length());
            result = out.toString();
        }
        return result;
    }
}
