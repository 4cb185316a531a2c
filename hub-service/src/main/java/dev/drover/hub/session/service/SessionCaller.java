package dev.drover.hub.session.service;

import dev.drover.hub.account.service.Role;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who asks about sessions: a user name, whether their role sees every session (admins) and whether
 * it may ever type (admins and operators; viewers only watch).
 */
public record SessionCaller(String username, boolean admin, boolean writer) {

    public static SessionCaller of(SecurityIdentity identity) {
        boolean admin = identity.hasRole(Role.ADMIN);
        return new SessionCaller(identity.getPrincipal().getName(), admin, admin || identity.hasRole(Role.OPERATOR));
    }
}
