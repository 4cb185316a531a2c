package dev.drover.hub.project.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** A git repository of a host's latest project scan. */
@Entity
@Table(name = "project")
public class Project {

    @Id
    public UUID id;

    @Column(name = "host_id", nullable = false)
    public UUID hostId;

    @Column(nullable = false)
    public String path;

    @Column(nullable = false)
    public String name;

    public String branch;

    public String head;

    public Boolean dirty;

    public String remote;

    public String error;
}
