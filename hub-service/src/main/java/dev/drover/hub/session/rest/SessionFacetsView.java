package dev.drover.hub.session.rest;

import dev.drover.hub.session.service.SessionFacets;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/**
 * What the session list's filters can offer, each sorted and at most 1,000 long: the hosts sessions
 * ran on, the agent profiles they started from, the directories they started in and who started them.
 */
public record SessionFacetsView(
        @Schema(required = true) List<HostChoiceView> hosts,
        @Schema(required = true) List<String> profiles,
        @Schema(required = true) List<String> projects,
        @Schema(required = true) List<String> creators) {

    /** A host by id and name. */
    public record HostChoiceView(@Schema(required = true) UUID id, @Schema(required = true) String name) {
    }

    static SessionFacetsView of(SessionFacets facets) {
        return new SessionFacetsView(
                facets.hosts().stream().map(host -> new HostChoiceView(host.id(), host.name())).toList(),
                facets.profiles(), facets.projects(), facets.creators());
    }
}
