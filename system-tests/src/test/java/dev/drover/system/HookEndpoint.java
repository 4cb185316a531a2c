package dev.drover.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The daemon's hook endpoint for one session, as an agent's hooks reach it: its URL and token come
 * from a profile ({@code hook-probe}, a bash) whose hook wiring writes both into a file of the
 * session's directory, where an agent's hook settings would hold them.
 */
record HookEndpoint(String sessionId, URI url, String token) {

    /** What a chunked POST got back: the status line and the headers, lower-cased. */
    record Answer(String status, String headers, long bytesSent) {
    }

    /** Spawns a {@code hook-probe} session on the system's host and reads its hook URL and token. */
    static HookEndpoint ofNewSession(SystemUnderTest system) throws IOException {
        return ofNewSession(system, "hook-probe", "");
    }

    /**
     * Spawns a session of a bash profile {@code id} whose hook wiring writes its hook URL and token to a
     * file, with {@code more} (YAML, e.g. a {@code status}) added to the profile, and reads them.
     */
    static HookEndpoint ofNewSession(SystemUnderTest system, String id, String more) throws IOException {
        String hostId = system.hostId(SystemUnderTest.HOST);
        Path overrides = Files.createDirectories(system.state.resolve("daemon-profiles"));
        Files.writeString(overrides.resolve(id + ".yaml"), """
                id: %s
                name: Hook probe
                binary:
                  command: bash
                commands:
                  new: [bash, --noprofile, --norc]
                hooks:
                  files:
                    - path: '{sessionDir}/hook-probe.txt'
                      content: '{hooksUrl} {hooksToken}'
                stop:
                  - signal: KILL
                    timeout: 5s
                %s""".formatted(id, more));
        await().atMost(Duration.ofSeconds(30)).alias("the daemon offers the " + id + " profile").until(() -> {
            for (JsonNode agent : system.admin.call("GET", "/api/v1/hosts/" + hostId, null).path("agents")) {
                if (agent.path("id").asText().equals(id)) {
                    return agent.path("installed").asBoolean();
                }
            }
            return false;
        });
        JsonNode session = system.admin.call("POST", "/api/v1/sessions", Map.of("hostId", hostId, "profile", id,
                "cwd", system.projectRoot().toString(), "cols", 80, "rows", 24));
        assertThat(session.path("state").asText()).isEqualTo("running");
        String sessionId = session.path("id").asText();
        Path daemonState = system.state.resolve("daemon");
        try (Stream<Path> files = Files.walk(daemonState)) {
            Path file = files.filter(f -> f.getFileName().toString().equals("hook-probe.txt") && f.toString().contains(sessionId))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no hook-probe.txt of session " + sessionId + " under " + daemonState));
            String[] urlAndToken = Files.readString(file).strip().split(" ");
            return new HookEndpoint(sessionId, URI.create(urlAndToken[0]), urlAndToken[1]);
        }
    }

    /**
     * POSTs a chunked JSON body of {@code total} bytes with the session's token over a raw socket
     * and reads the answer's head; the body stops when the daemon closes the connection.
     */
    Answer postChunked(long total) throws IOException, InterruptedException {
        AtomicLong sent = new AtomicLong();
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + url.getPath() + " HTTP/1.1\r\nHost: " + url.getAuthority() + "\r\nAuthorization: Bearer "
                    + token + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            Thread writer = Thread.ofVirtual().start(() -> {
                byte[] chunk = new byte[64 * 1024];
                Arrays.fill(chunk, (byte) 'x');
                byte[] header = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                try {
                    while (sent.get() < total) {
                        out.write(header);
                        out.write(chunk);
                        out.write(new byte[] {'\r', '\n'});
                        sent.addAndGet(chunk.length);
                    }
                } catch (IOException e) {
                    // The daemon closed the connection after its answer.
                }
            });
            socket.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String status = in.readLine();
            StringBuilder headers = new StringBuilder();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                headers.append(line.toLowerCase(Locale.ROOT)).append('\n');
            }
            writer.join(Duration.ofSeconds(30));
            return new Answer(status, headers.toString(), sent.get());
        }
    }
}
