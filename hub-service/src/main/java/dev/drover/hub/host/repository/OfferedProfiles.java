package dev.drover.hub.host.repository;

import dev.drover.protocol.daemon.ProfileInfo;

import java.util.List;

/** What a host's daemon last said about its agent profiles: those it offers and the files it refused. */
public record OfferedProfiles(List<ProfileInfo> profiles, List<String> problems) {

    public OfferedProfiles {
        profiles = profiles == null ? List.of() : List.copyOf(profiles);
        problems = problems == null ? List.of() : List.copyOf(problems);
    }
}
