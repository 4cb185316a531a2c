package dev.drover.hub.account.service;

import dev.drover.hub.error.InvalidException;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Pattern;

/** What a user name, a role and a password must be (docs/security.md, "People and roles"). */
public final class AccountRules {

    /** 1-64 letters, digits, dots, underscores, dashes and at signs (an e-mail address fits). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    public static final Set<String> ROLES = Set.of(Role.ADMIN, Role.OPERATOR, Role.VIEWER);
    public static final int MIN_PASSWORD_LENGTH = 12;
    /** bcrypt reads only the first 72 bytes: a longer password would be checked by its prefix. */
    public static final int MAX_PASSWORD_BYTES = 72;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AccountRules() {
    }

    public static void checkName(String username) {
        if (username == null || !NAME.matcher(username).matches()) {
            throw new InvalidException("a user name is 1-64 letters, digits, dots, underscores, dashes or @");
        }
    }

    /**
     * A valid user name made from what an identity provider calls the person: characters a name may
     * not have are dropped, and it leaves room for a {@code -N} suffix; {@code user} when nothing is left.
     */
    public static String nameLike(String wanted) {
        String kept = wanted == null ? "" : wanted.replaceAll("[^A-Za-z0-9._@-]", "");
        kept = kept.length() > 56 ? kept.substring(0, 56) : kept;
        return kept.isEmpty() ? "user" : kept;
    }

    public static void checkRole(String role) {
        if (!ROLES.contains(role)) {
            throw new InvalidException("role must be admin, operator or viewer");
        }
    }

    /** A password someone chose: long enough, not too long for bcrypt, no control characters, not the user name. */
    public static void checkPassword(String username, String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
            throw new InvalidException("a password has at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new InvalidException("a password has at most " + MAX_PASSWORD_BYTES + " bytes in UTF-8");
        }
        if (password.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidException("a password must not contain control characters");
        }
        if (password.equalsIgnoreCase(username)) {
            throw new InvalidException("a password must not be the user name");
        }
    }

    /** A password change: the new password follows the rules and differs from the current one. */
    public static void checkChange(String username, String current, String next) {
        checkPassword(username, next);
        if (next.equals(current)) {
            throw new InvalidException("the new password must differ from the current one");
        }
    }

    /** A one-time password: 18 random bytes, 24 URL-safe characters. */
    public static String oneTimePassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
