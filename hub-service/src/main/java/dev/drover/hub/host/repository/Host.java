package dev.drover.hub.host.repository;

import dev.drover.protocol.daemon.HostHealth;
import dev.drover.protocol.daemon.ProfileInfo;
import jakarta.persistence.Column;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A machine that runs (or will run) a daemon. A revoked host's credential is refused; a removed
 * host is also revoked and stays as a hidden row for its sessions' history. Updates write only
 * changed columns, so a daemon's late "last seen" or heartbeat update cannot undo a revocation.
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

    @Column(name = "revoked_at")
    public Instant revokedAt;

    /** The {@code jti} of the newest host credential; null before the first enrolment or renewal since it was tracked. */
    @Column(name = "credential_id")
    public UUID credentialId;

    /** The {@code jti} of the credential the newest one replaced, accepted until the next renewal. */
    @Column(name = "previous_credential_id")
    public UUID previousCredentialId;

    /** Whether the credential with this {@code jti} is the newest or the one it replaced (any, while none is tracked). */
    public boolean acceptsCredential(UUID id) {
        return credentialId == null || credentialId.equals(id) || (id != null && id.equals(previousCredentialId));
    }

    @Column(nullable = false)
    public boolean removed;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, String> labels = Map.of();

    @JdbcTypeCode(SqlTypes.JSON)
    public HostHealth health;

    @Column(name = "last_heartbeat_at")
    public Instant lastHeartbeatAt;

    /** The agent profiles the host's daemon offers (with which CLIs are installed there); null until it said. */
    @JdbcTypeCode(SqlTypes.JSON)
    public OfferedProfiles profiles;

    /** The profiles offered, none when the daemon has not said yet. */
    public List<ProfileInfo> agents() {
        return profiles == null ? List.of() : profiles.profiles();
    }
}
