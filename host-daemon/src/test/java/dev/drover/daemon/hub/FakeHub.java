package dev.drover.daemon.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.protocol.daemon.DaemonMessage;
import dev.drover.protocol.daemon.StreamFrames;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** The hub's end of {@code /api/v1/daemon/connect}, reduced to what the daemon tests need. */
@WebSocket(path = "/api/v1/daemon/connect")
public class FakeHub {

    static final UUID HOST_ID = UUID.fromString("0190a0b0-0000-7000-8000-0000000000aa");
    static final List<DaemonMessage> received = new CopyOnWriteArrayList<>();
    static final List<StreamFrames.Data> frames = new CopyOnWriteArrayList<>();
    static volatile WebSocketConnection connection;
    static volatile boolean refuse;
    /** The close codes of the daemon's connections, in order. */
    static final List<Integer> closes = new CopyOnWriteArrayList<>();
    /** The close reasons of the daemon's connections, in order. */
    static final List<String> closeReasons = new CopyOnWriteArrayList<>();

    private final ObjectMapper json;

    public FakeHub(ObjectMapper json) {
        this.json = json;
    }

    @OnOpen
    void open(WebSocketConnection opened) {
        connection = opened;
    }

    @OnClose
    void closed(CloseReason reason) {
        closes.add(reason.getCode());
        closeReasons.add(reason.getMessage());
    }

    @OnTextMessage
    String text(String text) throws Exception {
        DaemonMessage message = json.readValue(text, DaemonMessage.class);
        received.add(message);
        if (message instanceof DaemonMessage.Hello) {
            return json.writerFor(DaemonMessage.class).writeValueAsString(new DaemonMessage.Welcome(HOST_ID, 1));
        }
        return null;
    }

    @OnBinaryMessage
    void binary(byte[] frame) {
        frames.add(StreamFrames.readData(frame));
    }

    /** Refuses upgrades without the test credential, or all of them while {@link #refuse} is set. */
    @ApplicationScoped
    public static class CredentialCheck implements HttpUpgradeCheck {

        @Override
        public Uni<CheckResult> perform(HttpUpgradeContext context) {
            String authorization = context.httpRequest().getHeader("Authorization");
            if (refuse || !("Bearer " + FakeHubResource.CREDENTIAL).equals(authorization)) {
                return CheckResult.rejectUpgrade(401);
            }
            return CheckResult.permitUpgrade();
        }
    }
}
