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
 * once at start. A metric or event belongs to one profile: a later profile that names one an earlier profile
 * already counts is left out, with a warning, so that no tokens are counted twice.
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
                claim(byEvent, Map.of(usage.event().name(), tokens), profile);
                continue;
            }
            Map<String, Counted> metrics = new HashMap<>(Map.of(usage.metric().name(), tokens));
            if (usage.metric().costMetric() != null) {
                metrics.put(usage.metric().costMetric(), new Counted(profile.id(), usage, profile.pricing(), profile.context(), true));
            }
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

    /** The profile counting the metric with this name. */
    public Optional<Counted> forMetric(String metricName) {
        return Optional.ofNullable(byMetric.get(metricName));
    }

    /** The profile counting the log event with this name. */
    public Optional<Counted> forEvent(String eventName) {
        return Optional.ofNullable(byEvent.get(eventName));
    }
}
