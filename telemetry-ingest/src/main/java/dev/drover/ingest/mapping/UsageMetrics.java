package dev.drover.ingest.mapping;

import dev.drover.ingest.config.IngestConfig;
import dev.drover.profiles.AgentProfile;
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
 * The usage metrics of every agent, as their profiles declare them ({@code telemetry.usage}): the shipped profiles
 * with the overrides directory ({@code drover.ingest.profiles-dir}) merged over them, loaded once at start. A metric
 * belongs to one profile: a later profile that names a metric an earlier one already counts is left out, with a
 * warning, so that no tokens are counted twice.
 */
@ApplicationScoped
public class UsageMetrics {

    private static final Logger LOG = Logger.getLogger(UsageMetrics.class);

    /** The profile counting a metric, and whether the metric is its cost (USD) rather than its tokens. */
    public record Counted(String profile, Usage usage, boolean cost) {
    }

    private final Map<String, Counted> byMetric = new HashMap<>();

    @Inject
    public UsageMetrics(IngestConfig config) {
        this(new ProfileLoader().load(Optional.of(config.profilesDir())));
    }

    /** The usage metrics of {@code catalog}'s profiles. */
    public UsageMetrics(ProfileCatalog catalog) {
        catalog.problems().forEach(problem -> LOG.warnf("agent profile refused: %s", problem));
        for (AgentProfile profile : catalog.all()) {
            Usage usage = profile.telemetry().usage();
            if (usage == null) {
                continue;
            }
            Map<String, Counted> metrics = new HashMap<>();
            metrics.put(usage.metric().name(), new Counted(profile.id(), usage, false));
            if (usage.metric().costMetric() != null) {
                metrics.put(usage.metric().costMetric(), new Counted(profile.id(), usage, true));
            }
            Optional<Counted> taken = metrics.keySet().stream().map(byMetric::get).filter(c -> c != null).findFirst();
            if (taken.isPresent()) {
                LOG.warnf("agent profile %s: its usage metrics are already counted for profile %s; not counted for %s",
                        profile.id(), taken.get().profile(), profile.id());
                continue;
            }
            byMetric.putAll(metrics);
        }
    }

    /** The profile counting the metric with this name. */
    public Optional<Counted> forMetric(String metricName) {
        return Optional.ofNullable(byMetric.get(metricName));
    }
}
