package dev.drover.hub.account.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A person account, local (with a password) or linked to an OpenID Connect provider (issuer and
 * subject, no password); roles are {@code admin}, {@code operator} or {@code viewer}.
 */
@Entity
@Table(name = "account")
public class Account {

    @Id
    public UUID id;

    @Column(nullable = false, unique = true)
    public String username;

    /** The bcrypt hash of the password; null for an account that signs in through its OIDC provider only. */
    @Column(name = "password_hash")
    public String passwordHash;

    /** The OIDC provider (its issuer) the account is linked to; null for a local account. */
    @Column(name = "oidc_issuer")
    public String oidcIssuer;

    /** The person's subject at {@link #oidcIssuer}. */
    @Column(name = "oidc_subject")
    public String oidcSubject;

    @Column(nullable = false)
    public String[] roles;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** When the account was disabled: it cannot sign in and its login sessions are refused. */
    @Column(name = "disabled_at")
    public Instant disabledAt;

    /** Set while the account still has the one-time password an admin was shown: it must choose its own first. */
    @Column(name = "password_change_required", nullable = false)
    public boolean passwordChangeRequired;

    /** The account's role (accounts hold one). */
    public String role() {
        return roles.length == 0 ? "" : roles[0];
    }
}
