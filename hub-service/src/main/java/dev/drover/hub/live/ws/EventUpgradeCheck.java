package dev.drover.hub.live.ws;

import dev.drover.hub.account.service.Role;
import dev.drover.hub.auth.ws.SocketLogins;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * Answers the event socket's upgrade before it opens: 401 without a valid login, 403 for a caller
 * without a person role (a host credential). A foreign {@code Origin} with the session cookie was
 * refused before, by {@link dev.drover.hub.web.BrowserRequestGuard}.
 */
@ApplicationScoped
public class EventUpgradeCheck implements HttpUpgradeCheck {

    static final UserData.TypedKey<EventSubscriber> SUBSCRIBER = new UserData.TypedKey<>("drover.events.subscriber");
    private static final Set<String> PERSON_ROLES = Set.of(Role.ADMIN, Role.OPERATOR, Role.VIEWER);

    @Override
    public boolean appliesTo(String endpointId) {
        return EventSocket.ID.equals(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        return context.securityIdentity().chain(identity -> {
            if (identity == null || identity.isAnonymous()) {
                return CheckResult.rejectUpgrade(401);
            }
            Set<String> roles = identity.getRoles().stream().filter(PERSON_ROLES::contains).collect(Collectors.toSet());
            if (roles.isEmpty()) {
                return CheckResult.rejectUpgrade(403);
            }
            SocketLogins.remember(context, identity);
            context.userData().put(SUBSCRIBER, new EventSubscriber(identity.getPrincipal().getName(), roles));
            return CheckResult.permitUpgrade();
        });
    }
}
