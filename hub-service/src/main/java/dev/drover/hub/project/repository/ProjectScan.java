package dev.drover.hub.project.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** When a host's daemon last scanned for projects, and over which roots. */
@Entity
@Table(name = "project_scan")
public class ProjectScan {

    @Id
    @Column(name = "host_id")
    public UUID hostId;

    @Column(name = "scanned_at", nullable = false)
    public Instant scannedAt;

    @Column(nullable = false)
    public String[] roots;
}
