package dev.drover.cli.hub;

import dev.drover.cli.stack.HubClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What a hub command says, and with which exit status, when it cannot sign in or the hub refuses. */
class CliFailureTest {

    @Test
    void noTokenOrOneThatIsNoApiTokenIsAUsageError() {
        HubOptions options = new HubOptions();

        CliFailure none = catchThrowableOfType(CliFailure.class, () -> options.client(" "));
        CliFailure login = catchThrowableOfType(CliFailure.class, () -> options.client("eyJhbGciOi.a-login.token"));

        assertThat(none.exitCode()).isEqualTo(CliFailure.USAGE);
        assertThat(none).hasMessageStartingWith("no API token: set DROVER_TOKEN to a personal API token (drv_…)");
        assertThat(login.exitCode()).isEqualTo(CliFailure.USAGE);
        assertThat(login).hasMessage("DROVER_TOKEN holds no API token: an API token starts with drv_;"
                + " create one on the hub's Account page");
    }

    @Test
    void aRefusedTokenHasItsOwnStatusAndOtherRefusalsGiveTheHubsReason() {
        CliFailure token = CliFailure.of(new HubClient.HubException("GET /api/v1/hosts answered 401: ", 401), "http://hub");
        CliFailure refused = CliFailure.of(new HubClient.HubException("POST /api/v1/sessions/x/stop answered 404: {…}", 404,
                "no session x"), "http://hub");
        CliFailure unreachable = CliFailure.of(new HubClient.HubException("GET /api/v1/hosts failed: could not reach", 0),
                "http://hub");

        assertThat(token.exitCode()).isEqualTo(CliFailure.TOKEN_REFUSED);
        assertThat(token).hasMessageStartingWith("the hub at http://hub refused the API token in DROVER_TOKEN");
        assertThat(refused.exitCode()).isEqualTo(CliFailure.HUB);
        assertThat(refused).hasMessage("the hub refused (404): no session x");
        assertThat(unreachable.exitCode()).isEqualTo(CliFailure.HUB);
        assertThat(unreachable).hasMessage("GET /api/v1/hosts failed: could not reach");
    }
}
