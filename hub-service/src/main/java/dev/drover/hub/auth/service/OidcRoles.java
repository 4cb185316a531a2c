package dev.drover.hub.auth.service;

import dev.drover.hub.account.service.AccountRules;
import dev.drover.hub.account.service.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;

import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A person's Drover role from their groups at the OIDC provider, mapped by
 * {@code drover.hub.oidc.roles}: the highest mapped role, else {@code default-role}, else none
 * (the sign-in is refused). A mapping to something that is not a role stops the hub at start.
 */
@ApplicationScoped
public class OidcRoles {

    private final Map<String, String> roles;
    private final Optional<String> defaultRole;

    public OidcRoles(OidcConfig config) {
        config.roles().forEach((group, role) -> check("drover.hub.oidc.roles." + group, role));
        config.defaultRole().ifPresent(role -> check("drover.hub.oidc.default-role", role));
        this.roles = Map.copyOf(config.roles());
        this.defaultRole = config.defaultRole();
    }

    /** The role for the values of the role claim (a string, a list, or null when the token has none). */
    public Optional<String> roleOf(Object claim) {
        return groups(claim).stream()
                .map(roles::get)
                .filter(role -> role != null)
                .max(Comparator.comparingInt(Role.ASCENDING::indexOf))
                .or(() -> defaultRole);
    }

    /** The claim's values as strings: a JSON or Java string, or a list of them. */
    static Set<String> groups(Object claim) {
        Stream<?> values = claim instanceof Collection<?> many ? many.stream() : Stream.ofNullable(claim);
        return values.map(value -> value instanceof JsonString json ? json.getString() : String.valueOf(value))
                .collect(Collectors.toSet());
    }

    private static void check(String property, String role) {
        if (!AccountRules.ROLES.contains(role)) {
            throw new IllegalStateException(property + " is '" + role + "'; a role is admin, operator or viewer");
        }
    }
}
