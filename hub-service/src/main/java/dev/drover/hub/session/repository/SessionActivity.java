package dev.drover.hub.session.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One transition of a session's agent activity, as its daemon reported it (ADR 0018). */
@Entity
@Table(name = "session_activity")
public class SessionActivity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "session_id", nullable = false)
    public UUID sessionId;

    /** The activity state's wire name, e.g. {@code needs-approval}. */
    @Column(nullable = false)
    public String state;

    @Column(nullable = false)
    public Instant since;

    public String cause;

    public String detail;
}
