package dev.drover.hub.session.service;

import java.util.List;
import java.util.UUID;

/** The values the session list's filters can take, as sessions have them. */
public record SessionFacets(List<HostChoice> hosts, List<String> profiles, List<String> projects,
        List<String> creators) {

    /** A host sessions ran on, by name. */
    public record HostChoice(UUID id, String name) {
    }
}
