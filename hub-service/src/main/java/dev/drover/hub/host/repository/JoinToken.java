package dev.drover.hub.host.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A one-time enrolment token, stored only as its SHA-256 hash. */
@Entity
@Table(name = "join_token")
public class JoinToken {

    @Id
    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "host_id", nullable = false)
    public UUID hostId;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "used_at")
    public Instant usedAt;
}
