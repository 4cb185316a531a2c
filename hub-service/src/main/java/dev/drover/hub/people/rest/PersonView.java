package dev.drover.hub.people.rest;

import dev.drover.hub.people.service.PeopleService;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** An account, local or linked to the OIDC provider, as admins see it. */
public record PersonView(
        @Schema(required = true) UUID id,
        @Schema(required = true) String username,
        @Schema(required = true, enumeration = {"admin", "operator", "viewer"}) String role,
        @Schema(required = true) boolean disabled,
        @Schema(description = "When the account was disabled; absent while enabled") Instant disabledAt,
        @Schema(required = true) Instant createdAt,
        @Schema(description = "When the account last signed in; absent when it never did") Instant lastLoginAt,
        @Schema(required = true, description = "The account still has its one-time password") boolean passwordChangeRequired,
        @Schema(required = true, description = "How many logins (browsers, bearer logins) it has now that are not ended or "
                + "expired; API tokens are not counted") int liveLogins,
        @Schema(description = "The OIDC provider the account signs in through (it has no password here); absent for a local account")
        String provider) {

    /** The person's view; {@code providerName} names the OIDC provider of a linked account. */
    static PersonView of(PeopleService.Person person, String providerName) {
        var account = person.account();
        return new PersonView(account.id, account.username, account.role(), account.disabledAt != null,
                account.disabledAt, account.createdAt, person.lastLoginAt(), account.passwordChangeRequired,
                person.liveLogins(), account.oidcIssuer == null ? null : providerName);
    }
}
