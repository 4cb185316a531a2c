package dev.drover.cli.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The few hub REST calls the CLI and the whole-system tests make, authenticated by a login or by a
 * personal API token ({@code drv_…}, {@link #useToken}). An {@code https} hub is verified, host
 * name included, against the CA file given, or else the JVM's trust store.
 */
public final class HubClient {

    private static final String TOKEN_PREFIX = "drv_";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final URI base;
    private final HttpClient http;
    private String token;

    public HubClient(URI base) {
        this(base, Optional.empty());
    }

    /** A client of the hub at {@code base} that trusts only the CA in {@code caFile} (PEM) when given. */
    public HubClient(URI base, Optional<Path> caFile) {
        this.base = base;
        this.http = httpClient(caFile);
    }

    /**
     * An HTTP client that trusts only the certificates in {@code caFile} (PEM) when given, else the
     * JVM's trust store.
     *
     * @throws IllegalArgumentException when the file cannot be read or holds no certificate
     */
    public static HttpClient httpClient(Optional<Path> caFile) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(TIMEOUT);
        caFile.ifPresent(file -> builder.sslContext(trusting(file)));
        return builder.build();
    }

    private static SSLContext trusting(Path caFile) {
        try (InputStream pem = Files.newInputStream(caFile)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(pem);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("the CA file " + caFile + " holds no PEM certificate");
            }
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int index = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("ca-" + index++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CA file " + caFile, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the CA file " + caFile + " holds no usable certificate: " + e.getMessage(), e);
        }
    }

    public URI base() {
        return base;
    }

    /** The bearer token of the last login. */
    public String token() {
        return token;
    }

    /**
     * Sends {@code apiToken} (a personal API token, {@code drv_…}) with every call from now on.
     *
     * @throws IllegalArgumentException when it is no API token
     */
    public void useToken(String apiToken) {
        String trimmed = apiToken.strip();
        if (!trimmed.startsWith(TOKEN_PREFIX)) {
            throw new IllegalArgumentException("an API token starts with " + TOKEN_PREFIX
                    + "; create one on the hub's Account page");
        }
        token = trimmed;
    }

    public void login(String username, String password) {
        JsonNode answer = call("POST", "/api/v1/auth/login", Map.of("username", username, "password", password));
        token = answer.get("token").asText();
    }

    /** Creates a host and returns its one-time join token. */
    public String createHost(String name) {
        return call("POST", "/api/v1/hosts", Map.of("name", name)).get("joinToken").asText();
    }

    public JsonNode hosts() {
        return call("GET", "/api/v1/hosts", null);
    }

    /** Whether a host with this name is connected. */
    public boolean isOnline(String hostName) {
        for (JsonNode host : hosts()) {
            if (hostName.equals(host.path("name").asText()) && host.path("online").asBoolean()) {
                return true;
            }
        }
        return false;
    }

    /** Sends a request with the current token and returns the JSON answer; fails on any non-2xx status. */
    public JsonNode call(String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                    .timeout(TIMEOUT)
                    .header("Accept", "application/json");
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() / 100 != 2) {
                String answer = new String(response.body(), StandardCharsets.UTF_8);
                throw new HubException(method + " " + path + " answered " + response.statusCode() + ": " + answer,
                        response.statusCode(), problemDetail(answer));
            }
            return response.body().length == 0 ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (SSLHandshakeException e) {
            throw new HubException(method + " " + path + ": the hub at " + base + " is not trusted: " + e.getMessage()
                    + " (its certificate must chain to the CA file given, or the system's trust store, and name "
                    + base.getHost() + ")", 0);
        } catch (IOException e) {
            throw new HubException(method + " " + path + " failed: could not reach the hub at " + base + " ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubException(method + " " + path + " interrupted", 0);
        }
    }

    /** The {@code detail} of a problem details answer (RFC 9457), or null. */
    private static String problemDetail(String answer) {
        try {
            JsonNode detail = JSON.readTree(answer).path("detail");
            return detail.isTextual() ? detail.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * A hub call that did not succeed; {@code status} is 0 when no answer arrived, {@code detail} the
     * hub's reason when it gave one.
     */
    public static final class HubException extends RuntimeException {

        private final int status;
        private final String detail;

        public HubException(String message, int status) {
            this(message, status, null);
        }

        public HubException(String message, int status, String detail) {
            super(message);
            this.status = status;
            this.detail = detail;
        }

        public int status() {
            return status;
        }

        /** The problem details' {@code detail}, when the hub answered one. */
        public Optional<String> detail() {
            return Optional.ofNullable(detail);
        }
    }
}
