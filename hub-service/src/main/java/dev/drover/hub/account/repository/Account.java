package dev.drover.hub.account.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A local person account; roles are {@code admin}, {@code operator} or {@code viewer}. */
@Entity
@Table(name = "account")
public class Account {

    @Id
    public UUID id;

    @Column(nullable = false, unique = true)
    public String username;

    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    @Column(nullable = false)
    public String[] roles;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** When the account was disabled: it cannot sign in and its login sessions are refused. */
    @Column(name = "disabled_at")
    public Instant disabledAt;
}
