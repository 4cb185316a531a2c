package dev.drover.profiles;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The profiles that loaded, by id in file order, and the problems of those that did not. A shipped
 * profile whose override is invalid stays available unchanged; the override's problems are listed.
 */
public record ProfileCatalog(Map<String, AgentProfile> profiles, List<ProfileProblem> problems) {

    public ProfileCatalog {
        profiles = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(profiles));
        problems = List.copyOf(problems);
    }

    /** The profile {@code id}, if it loaded. */
    public Optional<AgentProfile> find(String id) {
        return Optional.ofNullable(profiles.get(id));
    }

    /** Every loaded profile. */
    public Collection<AgentProfile> all() {
        return profiles.values();
    }
}
