package dev.drover.daemon;

import dev.drover.daemon.config.DaemonConfig;
import dev.drover.daemon.enrollment.CredentialStore;
import dev.drover.daemon.enrollment.Enrollment;
import dev.drover.daemon.enrollment.EnrollmentException;
import dev.drover.daemon.host.HostIdentity;
import dev.drover.daemon.hub.HubLink;
import dev.drover.daemon.hub.HubTrust;
import dev.drover.daemon.hub.ProcessExit;
import dev.drover.daemon.session.SessionRegistry;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * At start: load the sessions on disk, get this host's credential (enrolling if needed, else
 * renewing the saved one), dial the hub; then renew the credential every
 * {@code credential-renewal-interval}, so it never expires while the daemon runs.
 */
@ApplicationScoped
public class DaemonStartup {

    private static final Logger LOG = Logger.getLogger(DaemonStartup.class);

    private final DaemonConfig config;
    private final Vertx vertx;
    private final SessionRegistry sessions;
    private final HubLink hub;
    private final HostIdentity identity;
    private final ProcessExit exit;

    public DaemonStartup(DaemonConfig config, Vertx vertx, SessionRegistry sessions, HubLink hub, HostIdentity identity,
            ProcessExit exit) {
        this.config = config;
        this.vertx = vertx;
        this.sessions = sessions;
        this.hub = hub;
        this.identity = identity;
        this.exit = exit;
    }

    void start(@Observes StartupEvent event) {
        LOG.infof("state directory %s; %d session(s) on disk", config.stateDir(), sessions.reports().size());
        HubTrust trust;
        try {
            trust = HubTrust.of(config.hubCaFile());
        } catch (IllegalArgumentException e) {
            exit.exit(ProcessExit.NOT_ENROLLED, e.getMessage());
            return;
        }
        Enrollment enrollment = new Enrollment(vertx, config.hubUrl(), new CredentialStore(config.stateDir()), trust);
        String credential;
        try {
            credential = enrollment.credential(config.joinToken(), identity.hostname());
        } catch (EnrollmentException e) {
            exit.exit(ProcessExit.NOT_ENROLLED, e.getMessage());
            return;
        }
        hub.start(credential, trust);
        long every = config.credentialRenewalInterval().toMillis();
        vertx.getDelegate().setPeriodic(every, every, id -> vertx.executeBlocking(() -> enrollment.renewSaved())
                .subscribe().with(
                        renewed -> renewed.ifPresent(hub::useCredential),
                        failure -> LOG.warnf("host credential renewal failed: %s", failure.getMessage())));
    }
}
