package dev.drover.daemon.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.drover.daemon.hub.HubTrust;
import io.smallrye.certs.chain.CertificateChainGenerator;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.mutiny.core.Vertx;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrollmentTest {

    private static final HubTrust SYSTEM_TRUST = HubTrust.of(Optional.empty());

    @TempDir
    Path tmp;

    HttpServer hub;
    Vertx vertx;
    final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void fakeHub() throws IOException {
        vertx = Vertx.vertx();
        hub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hub.createContext("/api/v1/enrollments/renewal", exchange -> {
            String bearer = exchange.getRequestHeaders().getFirst("Authorization");
            requests.add(exchange.getRequestMethod() + " renewal " + bearer);
            boolean good = "Bearer saved.credential.jwt".equals(bearer);
            byte[] answer = (good
                    ? "{\"hostId\":\"0190a0b0-0000-7000-8000-000000000001\",\"credential\":\"renewed.credential.jwt\"}"
                    : "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(good ? 200 : 403, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        hub.createContext("/api/v1/enrollments", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(exchange.getRequestMethod() + " " + body);
            boolean good = body.contains("\"joinToken\":\"good-token\"");
            byte[] answer = (good
                    ? "{\"hostId\":\"0190a0b0-0000-7000-8000-000000000001\",\"credential\":\"header.payload.signature\"}"
                    : "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", good ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(good ? 200 : 401, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        hub.start();
    }

    @AfterEach
    void stop() {
        hub.stop(0);
        vertx.closeAndAwait();
    }

    @Test
    void aJoinTokenIsTradedForACredentialSavedOnlyForThisUser() throws Exception {
        Path stateDir = tmp.resolve("state");
        Enrollment enrollment = new Enrollment(vertx, hubUrl(), new CredentialStore(stateDir), SYSTEM_TRUST);

        String credential = enrollment.credential(Optional.of("good-token"), "build-box");

        assertThat(credential).isEqualTo("header.payload.signature");
        assertThat(requests).containsExactly("POST {\"joinToken\":\"good-token\",\"hostname\":\"build-box\"}");
        Path file = stateDir.resolve("credential.jwt");
        assertThat(Files.readString(file)).isEqualTo("header.payload.signature");
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateDir))).isEqualTo("rwx------");
    }

    @Test
    void aSavedCredentialIsRenewedAndTheFreshOneSaved() throws Exception {
        new CredentialStore(tmp).save("saved.credential.jwt");
        Enrollment enrollment = new Enrollment(vertx, hubUrl(), new CredentialStore(tmp), SYSTEM_TRUST);

        assertThat(enrollment.credential(Optional.of("good-token"), "build-box")).isEqualTo("renewed.credential.jwt");
        assertThat(requests).containsExactly("POST renewal Bearer saved.credential.jwt");
        assertThat(Files.readString(tmp.resolve("credential.jwt"))).isEqualTo("renewed.credential.jwt");
    }

    @Test
    void aSavedCredentialTheHubWillNotRenewIsKept() throws Exception {
        new CredentialStore(tmp).save("revoked.credential.jwt");
        Enrollment enrollment = new Enrollment(vertx, hubUrl(), new CredentialStore(tmp), SYSTEM_TRUST);

        assertThat(enrollment.renewSaved()).contains("revoked.credential.jwt");
        assertThat(Files.readString(tmp.resolve("credential.jwt"))).isEqualTo("revoked.credential.jwt");
    }

    @Test
    void aSavedCredentialIsKeptWhileTheHubIsUnreachable() throws Exception {
        new CredentialStore(tmp).save("saved.credential.jwt");
        Enrollment enrollment = new Enrollment(vertx, URI.create("http://127.0.0.1:1"), new CredentialStore(tmp), SYSTEM_TRUST);

        assertThat(enrollment.credential(Optional.empty(), "build-box")).isEqualTo("saved.credential.jwt");
    }

    @Test
    void aRefusedJoinTokenFailsWithAClearMessageAndSavesNothing() {
        Enrollment enrollment = new Enrollment(vertx, hubUrl(), new CredentialStore(tmp), SYSTEM_TRUST);

        assertThatThrownBy(() -> enrollment.credential(Optional.of("used-token"), "build-box"))
                .isInstanceOf(EnrollmentException.class)
                .hasMessageContaining("join token invalid, expired or already used");
        assertThat(tmp.resolve("credential.jwt")).doesNotExist();
    }

    @Test
    void noCredentialAndNoJoinTokenFailsWithAClearMessage() {
        Enrollment enrollment = new Enrollment(vertx, hubUrl(), new CredentialStore(tmp), SYSTEM_TRUST);

        assertThatThrownBy(() -> enrollment.credential(Optional.empty(), "build-box"))
                .isInstanceOf(EnrollmentException.class)
                .hasMessageStartingWith("this host is not enrolled: no credential in " + tmp.resolve("credential.jwt"))
                .hasMessageContaining("DROVER_DAEMON_JOIN_TOKEN");
        assertThat(requests).isEmpty();
    }

    @Test
    void anHttpsHubIsTrustedThroughTheConfiguredCaFile() throws Exception {
        Path ca = certificates("hub-ca", "localhost", List.of("DNS:localhost", "IP:127.0.0.1")).resolve("root.crt");
        URI url = httpsHub(tmp.resolve("hub-ca"), "localhost");
        Enrollment enrollment = new Enrollment(vertx, url, new CredentialStore(tmp.resolve("state")),
                HubTrust.of(Optional.of(ca)));

        assertThat(enrollment.credential(Optional.of("good-token"), "build-box")).isEqualTo("header.payload.signature");
    }

    @Test
    void anHttpsHubSignedByAnotherCaIsRefusedWithAClearMessage() throws Exception {
        certificates("hub-ca", "localhost", List.of("DNS:localhost", "IP:127.0.0.1"));
        Path otherCa = certificates("other-ca", "localhost", List.of("DNS:localhost")).resolve("root.crt");
        URI url = httpsHub(tmp.resolve("hub-ca"), "localhost");

        assertThatThrownBy(() -> new Enrollment(vertx, url, new CredentialStore(tmp.resolve("state")),
                HubTrust.of(Optional.of(otherCa))).credential(Optional.of("good-token"), "build-box"))
                .isInstanceOf(EnrollmentException.class)
                .hasMessageStartingWith("the hub at " + url.resolve("/api/v1/enrollments") + " is not trusted: ")
                .hasMessageContaining("drover.daemon.hub-ca-file");
        assertThat(tmp.resolve("state/credential.jwt")).doesNotExist();
    }

    @Test
    void anHttpsHubWhoseCertificateNamesAnotherHostIsRefused() throws Exception {
        Path ca = certificates("hub-ca", "hub.example", List.of("DNS:hub.example")).resolve("root.crt");
        URI url = httpsHub(tmp.resolve("hub-ca"), "hub.example");

        assertThatThrownBy(() -> new Enrollment(vertx, url, new CredentialStore(tmp.resolve("state")),
                HubTrust.of(Optional.of(ca))).credential(Optional.of("good-token"), "build-box"))
                .isInstanceOf(EnrollmentException.class)
                .hasMessageContaining("is not trusted: ")
                .hasMessageContaining("127.0.0.1");
    }

    @Test
    void aCaFileThatHoldsNoCertificateIsRefusedAtStart() throws Exception {
        Path notPem = Files.writeString(tmp.resolve("ca.pem"), "not a certificate");

        assertThatThrownBy(() -> HubTrust.of(Optional.of(notPem)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the hub's CA file " + notPem + " (drover.daemon.hub-ca-file) holds no PEM certificate");
        assertThatThrownBy(() -> HubTrust.of(Optional.of(tmp.resolve("missing.pem"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot read the hub's CA file " + tmp.resolve("missing.pem"));
    }

    /** A CA, an intermediate and a certificate for {@code cn} in {@code <tmp>/<name>}. */
    private Path certificates(String name, String cn, List<String> names) throws Exception {
        Path dir = tmp.resolve(name);
        new CertificateChainGenerator(dir.toFile()).withCN(cn).withSAN(names).generate();
        return dir;
    }

    /** The fake hub's enrolment endpoint behind a TLS proxy with the certificate {@code <dir>/<cn>.crt}. */
    private URI httpsHub(Path dir, String cn) {
        var server = vertx.getDelegate().createHttpServer(new HttpServerOptions()
                .setSsl(true)
                .setKeyCertOptions(new PemKeyCertOptions()
                        .setCertPath(dir.resolve(cn + ".crt").toString())
                        .setKeyPath(dir.resolve(cn + ".key").toString())));
        var plain = vertx.getDelegate().createHttpClient();
        server.requestHandler(request -> request.body().compose(body -> plain
                        .request(request.method(), hub.getAddress().getPort(), "127.0.0.1", request.uri())
                        .compose(forwarded -> forwarded.send(body))
                        .compose(answer -> answer.body().map(bytes -> {
                            request.response().setStatusCode(answer.statusCode())
                                    .putHeader("Content-Type", answer.getHeader("Content-Type"))
                                    .end(bytes);
                            return bytes;
                        }))));
        int port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join().actualPort();
        return URI.create("https://127.0.0.1:" + port);
    }

    private URI hubUrl() {
        return URI.create("http://127.0.0.1:" + hub.getAddress().getPort());
    }
}
