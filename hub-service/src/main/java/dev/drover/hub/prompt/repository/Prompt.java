package dev.drover.hub.prompt.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A prompt someone sent to one or more sessions (ADR 0025). */
@Entity
@Table(name = "prompt")
public class Prompt {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String text;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** How long each delivery may wait for its agent to be ready. */
    @Column(name = "wait_seconds", nullable = false)
    public int waitSeconds;
}
