package dev.drover.cli.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/** The CLI's hub client against a stand-in hub on a real socket (plain and TLS). */
class HubClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STORE_PASSWORD = "changeit";

    /** What the stand-in hub received: method, path, Authorization header, body. */
    private record Received(String method, String path, String authorization, String body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer hub;

    @AfterEach
    void stopHub() {
        if (hub != null) {
            hub.stop(0);
        }
    }

    @Test
    void aLoggedInClientCreatesHostsAndSeesWhichAreOnlineWithItsToken() throws Exception {
        HubClient client = new HubClient(start(HttpServer.create()));

        client.login("admin", "s3cret");
        String joinToken = client.createHost("build-01");

        assertThat(client.token()).isEqualTo("token-1");
        assertThat(joinToken).isEqualTo("join-1");
        assertThat(client.isOnline("build-02")).isTrue();
        assertThat(client.isOnline("build-01")).as("known but offline").isFalse();
        assertThat(client.isOnline("build-03")).as("unknown").isFalse();
        assertThat(received.getFirst()).isEqualTo(new Received("POST", "/api/v1/auth/login", null,
                JSON.writeValueAsString(Map.of("username", "admin", "password", "s3cret"))));
        assertThat(JSON.readTree(received.get(1).body())).isEqualTo(JSON.readTree("{\"name\":\"build-01\"}"));
        assertThat(received.subList(1, received.size())).extracting(Received::authorization).containsOnly("Bearer token-1");
    }

    @Test
    void anApiTokenIsSentWithEveryCallWithoutALogin() throws Exception {
        HubClient client = new HubClient(start(HttpServer.create()));

        client.useToken(" drv_0123456789abcdefghijABCDEFGHIJ0123456789abc\n");
        client.hosts();

        assertThat(received).extracting(Received::method, Received::path, Received::authorization)
                .containsExactly(tuple("GET", "/api/v1/hosts",
                        "Bearer drv_0123456789abcdefghijABCDEFGHIJ0123456789abc"));
        assertThatThrownBy(() -> client.useToken("eyJhbGciOi.a-login.token"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an API token starts with drv_; create one on the hub's Account page");
    }

    @Test
    void anErrorStatusIsThrownWithTheHubsAnswer() throws Exception {
        HubClient client = new HubClient(start(HttpServer.create()));

        HubClient.HubException refused = catchThrowableOfType(HubClient.HubException.class,
                () -> client.call("GET", "/api/v1/nothing", null));

        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused).hasMessage("GET /api/v1/nothing answered 404: {\"title\":\"Not Found\"}");
    }

    @Test
    void aHubThatDoesNotAnswerIsStatusZero() {
        HubClient client = new HubClient(URI.create("http://127.0.0.1:" + LocalStack.Ports.free().hub()));

        HubClient.HubException failed = catchThrowableOfType(HubClient.HubException.class, client::hosts);

        assertThat(failed.status()).isZero();
        assertThat(failed).hasMessageStartingWith("GET /api/v1/hosts failed: could not reach the hub at " + client.base() + " (");
    }

    @Test
    void anHttpsHubIsTrustedThroughTheCaFileGivenAndNotOtherwise(@TempDir Path keys) throws Exception {
        Path hubStore = keyPair(keys, "hub");
        HttpsServer https = HttpsServer.create();
        https.setHttpsConfigurator(new HttpsConfigurator(serverContext(hubStore)));
        URI base = URI.create(start(https).toString().replace("http://", "https://"));

        assertThat(new HubClient(base, Optional.of(certificate(keys, hubStore))).hosts()).hasSize(2);
        assertThatThrownBy(() -> new HubClient(base).hosts())
                .isInstanceOf(HubClient.HubException.class)
                .hasMessageContaining("the hub at " + base + " is not trusted")
                .hasMessageContaining("name 127.0.0.1");
    }

    @Test
    void aCaFileWithoutACertificateIsRefused(@TempDir Path keys) throws Exception {
        Path empty = Files.createFile(keys.resolve("ca.pem"));

        assertThatThrownBy(() -> HubClient.httpClient(Optional.of(empty)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the CA file " + empty + " holds no PEM certificate");
    }

    private URI start(HttpServer server) throws IOException {
        server.bind(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
        hub = server;
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        try (InputStream body = exchange.getRequestBody()) {
            received.add(new Received(method, path, exchange.getRequestHeaders().getFirst("Authorization"),
                    new String(body.readAllBytes(), StandardCharsets.UTF_8)));
        }
        JsonNode answer = switch (method + " " + path) {
            case "POST /api/v1/auth/login" -> JSON.readTree("{\"token\":\"token-1\"}");
            case "POST /api/v1/hosts" -> JSON.readTree("{\"id\":\"h-1\",\"joinToken\":\"join-1\"}");
            case "GET /api/v1/hosts" -> JSON.readTree("[{\"name\":\"build-01\",\"online\":false},{\"name\":\"build-02\",\"online\":true}]");
            default -> null;
        };
        byte[] bytes = (answer == null ? "{\"title\":\"Not Found\"}" : answer.toString()).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer == null ? 404 : 200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** A PKCS#12 store in {@code directory} with a new self-signed EC key pair for 127.0.0.1, by keytool. */
    private static Path keyPair(Path directory, String name) throws IOException {
        Path store = directory.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", STORE_PASSWORD);
        return store;
    }

    private static Path certificate(Path directory, Path store) throws IOException {
        String name = store.getFileName().toString().replace(".p12", "");
        Path pem = directory.resolve(name + ".pem");
        keytool("-exportcert", "-rfc", "-alias", name, "-keystore", store.toString(), "-storepass", STORE_PASSWORD,
                "-file", pem.toString());
        return pem;
    }

    private static void keytool(String... arguments) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                throw new IOException("keytool " + String.join(" ", arguments) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static SSLContext serverContext(Path store) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, STORE_PASSWORD.toCharArray());
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, STORE_PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }
}
