package dev.drover.hub.web;

import dev.drover.hub.support.Api;
import dev.drover.hub.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.certs.chain.CertificateChainGenerator;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hub with a certificate from a CA the test makes: HTTPS only, HSTS, secure cookies. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
@TestProfile(HttpsTest.WithCertificate.class)
class HttpsTest {

    /** The CA, its intermediate and a certificate for localhost and 127.0.0.1, made once per run. */
    static final Path CERTIFICATES = generate();

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    @Test
    void theHubServesHttpsWithHstsToAClientThatTrustsItsCa() throws Exception {
        HttpResponse<String> ready = trusting().send(HttpRequest.newBuilder(uri("/q/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.headers().firstValue(StrictTransportSecurity.HEADER)).contains("max-age=31536000");
    }

    @Test
    void theLoginCookieIsSecureOverHttps() throws Exception {
        HttpResponse<String> login = trusting().send(HttpRequest.newBuilder(uri("/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"admin\",\"password\":\"" + Api.ADMIN_PASSWORD + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().allValues("Set-Cookie"))
                .anySatisfy(cookie -> assertThat(cookie).startsWith("drover_session=").contains("Secure").contains("HttpOnly"));
    }

    @Test
    void aClientThatDoesNotTrustTheCaIsRefusedAtTheHandshake() {
        HttpClient systemTrust = HttpClient.newHttpClient();

        assertThatThrownBy(() -> systemTrust.send(HttpRequest.newBuilder(uri("/q/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void withACertificateNoPlainHttpIsServed() {
        assertThat(ConfigProvider.getConfig().getValue("quarkus.http.insecure-requests", String.class)).isEqualTo("disabled");
        URI plain = URI.create("http://" + https.getHost() + ":" + https.getPort() + "/q/health/ready");

        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(plain).build(),
                HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }

    private URI uri(String path) {
        return URI.create("https://localhost:" + https.getPort() + path);
    }

    private static HttpClient trusting() throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream ca = Files.newInputStream(CERTIFICATES.resolve("root.crt"))) {
            trusted.setCertificateEntry("test-ca", CertificateFactory.getInstance("X.509").generateCertificate(ca));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).build();
    }

    private static Path generate() {
        try {
            // Under target/, not the temp folder: the class is loaded twice (tests and the app) and
            // neither load can tell when the other's certificates are no longer needed.
            Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "https-test")), "certificates");
            new CertificateChainGenerator(dir.toFile()).withCN("localhost")
                    .withSAN(List.of("DNS:localhost", "IP:127.0.0.1")).generate();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot generate the test certificates", e);
        }
    }

    /** Only the certificate and key are given, as docs/security.md says; the rest follows from them. */
    public static class WithCertificate implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.http.ssl.certificate.files", CERTIFICATES.resolve("localhost.crt").toString(),
                    "quarkus.http.ssl.certificate.key-files", CERTIFICATES.resolve("localhost.key").toString(),
                    "quarkus.http.test-ssl-port", "0");
        }
    }
}
