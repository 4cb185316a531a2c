package dev.drover.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in through a real OIDC provider: Keycloak (keycloak-quarkus-dist from Maven Central, in dev
 * mode, with deploy/keycloak/drover-realm.json) and the hub as separate processes, headless
 * Chromium clicking through both login pages (web-ui/e2e/oidc.e2e.mjs). Keycloak starts once for
 * the class; on a loaded machine that takes minutes.
 */
class OidcLoginIT {

    private static final Duration KEYCLOAK_START = Duration.ofMinutes(12);
    private static final String PROVIDER = "Keycloak";

    private static Process keycloak;
    private static SystemUnderTest system;

    @BeforeAll
    static void start() throws Exception {
        int port = freePort();
        URI realm = URI.create("http://127.0.0.1:" + port + "/realms/drover");
        keycloak = startKeycloak(port);
        awaitRealm(realm);
        Path settings = Files.createTempFile("drover-oidc", ".properties");
        Files.writeString(settings, String.join("\n",
                "drover.hub.oidc.enabled=true",
                "drover.hub.oidc.provider-name=" + PROVIDER,
                "drover.hub.oidc.auth-server-url=" + realm,
                "drover.hub.oidc.client-id=drover",
                "drover.hub.oidc.client-secret=drover-test-secret",
                "drover.hub.oidc.roles.drover-admins=admin",
                "drover.hub.oidc.roles.drover-operators=operator",
                "drover.hub.oidc.roles.drover-viewers=viewer",
                ""));
        system = SystemUnderTest.startHubWith(Map.of("QUARKUS_CONFIG_LOCATIONS", settings.toUri().toString()));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (system != null) {
            system.close();
        }
        if (keycloak != null) {
            keycloak.toHandle().descendants().forEach(ProcessHandle::destroy);
            keycloak.destroy();
            if (!keycloak.waitFor(30, TimeUnit.SECONDS)) {
                keycloak.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
                keycloak.destroyForcibly();
            }
        }
    }

    @Test
    void peopleSignInThroughKeycloakWithTheRoleTheirGroupMapsToAndOthersAreRefused() throws Exception {
        system.runBrowserScript("oidc.e2e.mjs", "oidc.png", Map.of(
                "DROVER_OIDC_PROVIDER", PROVIDER,
                "DROVER_OIDC_ADMIN", "alice:alice-password",
                "DROVER_OIDC_VIEWER", "victor:victor-password",
                "DROVER_OIDC_NOBODY", "nora:nora-password"));

        JsonNode people = system.admin.call("GET", "/api/v1/users", null);
        JsonNode alice = find(people, "alice");
        assertThat(alice.path("role").asText()).isEqualTo("admin");
        assertThat(alice.path("provider").asText()).isEqualTo(PROVIDER);
        assertThat(find(people, "victor").path("role").asText()).isEqualTo("viewer");
        assertThat(StreamSupport.stream(people.spliterator(), false).map(person -> person.path("username").asText()))
                .doesNotContain("nora");
        JsonNode refusals = system.admin.call("GET", "/api/v1/audit?action=login.failed&actor=nora", null);
        assertThat(refusals.toString()).contains("in no group that Drover gives a role to").contains(PROVIDER);
        JsonNode logins = system.admin.call("GET", "/api/v1/audit?action=login&actor=alice", null);
        assertThat(logins.toString()).contains(PROVIDER);
    }

    private static JsonNode find(JsonNode people, String username) {
        return StreamSupport.stream(people.spliterator(), false)
                .filter(person -> person.path("username").asText().equals(username))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no account " + username + " among " + people));
    }

    private static Process startKeycloak(int port) throws IOException {
        Path home = Path.of(System.getProperty("drover.test.keycloak"));
        // a fresh database each run, so the realm is imported from the repository's file, not kept from a past run
        Path database = home.resolve("data/h2");
        if (Files.isDirectory(database)) {
            try (Stream<Path> files = Files.walk(database)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
        Path imports = home.resolve("data/import");
        Files.createDirectories(imports);
        Path drover = Path.of(System.getProperty("drover.home", "..")).toAbsolutePath().normalize();
        Files.copy(drover.resolve("deploy/keycloak/drover-realm.json"), imports.resolve("drover-realm.json"),
                StandardCopyOption.REPLACE_EXISTING);
        Path log = drover.resolve("system-tests/target/keycloak.log");
        ProcessBuilder builder = new ProcessBuilder(List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port=" + port, "--import-realm"))
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        return builder.start();
    }

    /** Waits until the realm's discovery document answers; Keycloak builds itself first on its first start. */
    private static void awaitRealm(URI realm) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(realm + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(10)).build();
        Instant deadline = Instant.now().plus(KEYCLOAK_START);
        while (Instant.now().isBefore(deadline)) {
            assertThat(keycloak.isAlive()).as("Keycloak is running (see system-tests/target/keycloak.log)").isTrue();
            try {
                if (http.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(2000);
        }
        throw new AssertionError("Keycloak did not serve " + realm + " within " + KEYCLOAK_START
                + " (see system-tests/target/keycloak.log)");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
