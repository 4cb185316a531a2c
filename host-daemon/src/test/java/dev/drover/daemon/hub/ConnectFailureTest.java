package dev.drover.daemon.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class ConnectFailureTest {

    @Test
    void anUpgradeRefusedWith401StopsTheDaemonWithAClearMessage() {
        Throwable failure = new RuntimeException(rejected(401));
        assertThat(ConnectFailure.refusal(failure)).contains("the hub refused this host's credential (401): "
                + "the host was removed or revoked; enrol again with a new join token");
    }

    @Test
    void anUpgradeRefusedWith403StopsTheDaemon() {
        assertThat(ConnectFailure.refusal(rejected(403))).isPresent();
    }

    @Test
    void networkErrorsAndServerErrorsAreRetried() {
        assertThat(ConnectFailure.refusal(new ConnectException("Connection refused"))).isEmpty();
        assertThat(ConnectFailure.refusal(rejected(502))).isEmpty();
        assertThat(ConnectFailure.refusal(rejected(404))).isEmpty();
    }

    private static UpgradeRejectedException rejected(int status) {
        return new UpgradeRejectedException("WebSocket upgrade failure: " + status, status, MultiMap.caseInsensitiveMultiMap(),
                Buffer.buffer());
    }
}
