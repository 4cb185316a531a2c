package dev.drover.hub.host.repository;

import jakarta.persistence.Column;
import org.hibernate.annotations.DynamicUpdate;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A machine that runs (or will run) a daemon. A removed host stays as a revoked row for its
 * sessions' history. Updates write only changed columns, so a daemon's late "last seen" update
 * cannot undo a revocation.
 */
@Entity
@DynamicUpdate
@Table(name = "host")
public class Host {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    public String hostname;

    public String os;

    public String arch;

    @Column(name = "daemon_version")
    public String daemonVersion;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_seen_at")
    public Instant lastSeenAt;

    @Column(name = "enrolled_at")
    public Instant enrolledAt;

    @Column(nullable = false)
    public boolean revoked;
}
