package dev.drover.hub.prompt.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A prompt on its way to one session: where it stands and why (ADR 0025). */
@Entity
@Table(name = "prompt_delivery")
public class PromptDelivery {

    @Id
    public UUID id;

    @Column(name = "prompt_id", nullable = false)
    public UUID promptId;

    @Column(name = "session_id", nullable = false)
    public UUID sessionId;

    /** Its place in the prompt's list of sessions, from 0. */
    @Column(nullable = false)
    public int position;

    @Column(nullable = false)
    @Convert(converter = DeliveryStatusConverter.class)
    public DeliveryStatus status;

    /** Why it is where it is: what confirmed it, what the agent was doing when it was refused. */
    public String detail;

    /** When the daemon began typing it (the daemon's clock, as the session's activity times are). */
    @Column(name = "typed_at")
    public Instant typedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
