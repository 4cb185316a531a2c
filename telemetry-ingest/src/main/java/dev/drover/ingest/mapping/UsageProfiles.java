package dev.drover.ingest.mapping;

import dev.drover.ingest.config.IngestConfig;
import dev.drover.profiles.AgentProfile;
import dev.drover.profiles.AgentProfile.Context;
import dev.drover.profiles.AgentProfile.Pricing;
import dev.drover.profiles.AgentProfile.Usage;
import dev.drover.profiles.ProfileCatalog;
import dev.drover.profiles.ProfileLoader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which agent profile counts a usage metric or event ({@code telemetry.usage}) and prices it ({@code pricing}):
 * the shipped profiles with the overrides directory ({@code drover.ingest.profiles-dir}) merged over them, loaded
 * once at start. An export is read with the mapping of its session's profile, which the telemetry token names, so
 * that a CLI emitting both its own names and OpenTelemetry's {@code gen_ai.*} ones is counted once, by the names its
 * profile chose. A session whose profile declares no usage (a shell or any command, inside which any agent may run),
 * or whose token names no profile the ingest knows (older tokens), is read with every profile's names, each counted
 * for the first profile that names it: a later profile naming a metric or event an earlier one counts is left out of
 * that reading, with a warning.
 */
@ApplicationScoped
public class UsageProfiles {

    private static final Logger LOG = Logger.getLogger(UsageProfiles.class);

    /**
     * The profile counting a metric or event, its prices and context windows, and whether the metric is its cost
     * (USD) rather than its tokens.
     */
    public record Counted(String profile, Usage usage, Pricing pricing, Context context, boolean cost) {
    }

    private final Map<String, Counted> byMetric = new HashMap<>();
    private final Map<String, Counted> byEvent = new HashMap<>();
    private final Map<String, Map<String, Counted>> metricsOfProfile = new HashMap<>();
    private final Map<String, Map<String, Counted>> eventsOfProfile = new HashMap<>();

    @Inject
    public UsageProfiles(IngestConfig config) {
        this(new ProfileLoader().load(Optional.of(config.profilesDir())));
    }

    /** The usage metrics and events of {@code catalog}'s profiles. */
    public UsageProfiles(ProfileCatalog catalog) {
        catalog.problems().forEach(problem -> LOG.warnf("agent profile refused: %s", problem));
        for (AgentProfile profile : catalog.all()) {
            Usage usage = profile.telemetry().usage();
            if (usage == null) {
                continue;
            }
            Counted tokens = new Counted(profile.id(), usage, profile.pricing(), profile.context(), false);
            if (usage.event() != null) {
                Map<String, Counted> events = Map.of(usage.event().name(), tokens);
                eventsOfProfile.put(profile.id(), events);
                metricsOfProfile.put(profile.id(), Map.of());
                claim(byEvent, events, profile);
                continue;
            }
            Map<String, Counted> metrics = new HashMap<>(Map.of(usage.metric().name(), tokens));
            if (usage.metric().costMetric() != null) {
                metrics.put(usage.metric().costMetric(), new Counted(profile.id(), usage, profile.pricing(), profile.context(), true));
            }
            metricsOfProfile.put(profile.id(), Map.copyOf(metrics));
            eventsOfProfile.put(profile.id(), Map.of());
            claim(byMetric, metrics, profile);
        }
    }

    private static void claim(Map<String, Counted> claimed, Map<String, Counted> names, AgentProfile profile) {
        Optional<Counted> taken = names.keySet().stream().map(claimed::get).filter(c -> c != null).findFirst();
        if (taken.isPresent()) {
            LOG.warnf("agent profile %s: its usage is already counted for profile %s; not counted for %s",
                    profile.id(), taken.get().profile(), profile.id());
            return;
        }
        claimed.putAll(names);
    }

    /** The profile counting the metric with this name in an export of a session of {@code profile}. */
    public Optional<Counted> forMetric(Optional<String> profile, String metricName) {
        return Optional.ofNullable(profile.map(metricsOfProfile::get).orElse(byMetric).get(metricName));
    }

    /** The profile counting the log event with this name in an export of a session of {@code profile}. */
    public Optional<Counted> forEvent(Optional<String> profile, String eventName) {
        return Optional.ofNullable(profile.map(eventsOfProfile::get).orElse(byEvent).get(eventName));
    }
}
