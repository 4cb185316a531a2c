package dev.drover.hub.daemon.ws;

import dev.drover.hub.auth.service.LiveLoginCheck;
import dev.drover.hub.auth.service.TokenIssuer;
import dev.drover.hub.host.repository.HostRepository;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.UUID;

/**
 * Admits a daemon's upgrade only with a valid host credential of a host that still exists:
 * 401 without a credential or with one replaced by renewals since, 403 for a revoked or removed
 * host or a token that is not a host credential.
 */
@ApplicationScoped
public class DaemonUpgradeCheck implements HttpUpgradeCheck {

    static final UserData.TypedKey<UUID> HOST_ID = new UserData.TypedKey<>("drover.host.id");
    static final UserData.TypedKey<String> HOST_NAME = new UserData.TypedKey<>("drover.host.name");

    private final HostRepository hosts;

    public DaemonUpgradeCheck(HostRepository hosts) {
        this.hosts = hosts;
    }

    @Override
    public boolean appliesTo(String endpointId) {
        return DaemonSocket.ID.equals(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        return context.securityIdentity().chain(identity -> {
            if (identity == null || identity.isAnonymous()) {
                return CheckResult.rejectUpgrade(401);
            }
            UUID hostId = hostId(identity);
            if (hostId == null) {
                return CheckResult.rejectUpgrade(403);
            }
            return hosts.findActive(hostId).chain(host -> {
                if (host == null) {
                    return CheckResult.rejectUpgrade(403);
                }
                if (!host.acceptsCredential(LiveLoginCheck.tokenId((JsonWebToken) identity.getPrincipal()))) {
                    return CheckResult.rejectUpgrade(401);
                }
                context.userData().put(HOST_ID, host.id);
                context.userData().put(HOST_NAME, host.name);
                return CheckResult.permitUpgrade();
            });
        });
    }

    private static UUID hostId(SecurityIdentity identity) {
        if (!identity.hasRole(TokenIssuer.HOST_ROLE) || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return null;
        }
        try {
            return UUID.fromString(jwt.getSubject());
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }
}
