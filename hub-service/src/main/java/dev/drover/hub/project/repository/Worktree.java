package dev.drover.hub.project.repository;

import dev.drover.protocol.daemon.WorktreeState;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A worktree a host's daemon created for a session, as the daemon last reported it. */
@Entity
@Table(name = "worktree")
public class Worktree {

    @Id
    public UUID id;

    @Column(name = "host_id", nullable = false)
    public UUID hostId;

    @Column(name = "repo_path", nullable = false)
    public String repoPath;

    @Column(nullable = false)
    public String path;

    @Column(nullable = false)
    public String branch;

    public String base;

    @Column(name = "session_id")
    public UUID sessionId;

    @Column(name = "profile_id")
    public String profileId;

    public String head;

    public Boolean dirty;

    @Column(nullable = false)
    public boolean merged;

    @Column(nullable = false)
    public boolean pushed;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public WorktreeState state;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
