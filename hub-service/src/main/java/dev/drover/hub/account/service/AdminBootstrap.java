package dev.drover.hub.account.service;

import dev.drover.hub.config.HubConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Set;

/** Creates the first {@code admin} account when the hub starts with none. */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);
    private static final String ADMIN = "admin";

    private final AccountService accounts;
    private final HubConfig config;

    public AdminBootstrap(AccountService accounts, HubConfig config) {
        this.accounts = accounts;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        long existing = VertxContextSupport.subscribeAndAwait(accounts::count);
        if (existing > 0) {
            return;
        }
        String password = config.bootstrapAdminPassword().orElseGet(AccountRules::oneTimePassword);
        VertxContextSupport.subscribeAndAwait(() -> accounts.create(ADMIN, password, Set.of(Role.ADMIN)));
        if (config.bootstrapAdminPassword().isPresent()) {
            LOG.infof("Created account %s with the configured bootstrap password", ADMIN);
        } else {
            LOG.warnf("Drover admin login: %s / %s (shown only this once)", ADMIN, password);
        }
    }
}
