package dev.drover.hub.auth.rest;

import dev.drover.hub.auth.repository.LoginSessionRepository.Login;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/**
 * One live login of a person: when it began and ends, when it was last used (to the nearest 30 s;
 * null before its first request), the address and browser it signed in from, and whether it is the
 * caller's own.
 */
public record LoginView(
        @Schema(required = true) UUID id,
        @Schema(required = true) Instant createdAt,
        @Schema(required = true) Instant expiresAt,
        @Schema(required = true, nullable = true) Instant lastSeenAt,
        @Schema(required = true, nullable = true) String address,
        @Schema(required = true, nullable = true) String userAgent,
        @Schema(required = true) boolean current) {

    /** The login as shown to the caller, whose own login is {@code callersLogin}. */
    public static LoginView of(Login login, UUID callersLogin) {
        return new LoginView(login.id(), login.createdAt(), login.expiresAt(), login.lastSeenAt(), login.address(),
                login.userAgent(), login.id().equals(callersLogin));
    }
}
