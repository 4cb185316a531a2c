package dev.drover.hub.budget.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A day budget of one user ({@code scope} user) or one project ({@code scope} project: host and path). */
@Entity
@Table(name = "day_budget")
public class DayBudget {

    public static final String USER = "user";
    public static final String PROJECT = "project";

    @Id
    public UUID id;

    @Column(nullable = false)
    public String scope;

    public String username;

    @Column(name = "host_id")
    public UUID hostId;

    public String path;

    /** The day's cost limit in nano-USD, or null. */
    @Column(name = "cost_nano_usd")
    public Long costNanoUsd;

    /** The day's token limit, or null. */
    public Long tokens;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
