package dev.drover.ingest.auth;

import com.sun.net.httpserver.HttpServer;
import dev.drover.ingest.TelemetryTokens;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.util.KeyUtils;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.util.Set;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The verifier against a real JWKS endpoint standing in for the hub's {@code /api/v1/auth/jwks}. */
class TelemetryTokenVerifierTest {

    @Test
    void hubStartingAfterTheIngestFirstAsksForARetryThenAcceptsTokens() throws Exception {
        int port = freePort();
        JWTAuthContextInfo context = new JWTAuthContextInfo("http://127.0.0.1:" + port + "/api/v1/auth/jwks", "drover-hub");
        context.setExpectedAudience(Set.of("drover-ingest"));
        TelemetryTokenVerifier verifier = new TelemetryTokenVerifier(new DefaultJWTParser(context));
        String session = UUID.randomUUID().toString();

        assertThatThrownBy(() -> verifier.sessionOf(TelemetryTokens.bearer(session)))
                .isInstanceOf(HubUnavailableException.class);

        HttpServer hub = serveJwks(port);
        try {
            assertThat(verifier.sessionOf(TelemetryTokens.bearer(session)))
                    .isEqualTo(new ExportingSession(session, Optional.empty()));
            assertThat(verifier.sessionOf(TelemetryTokens.bearer(session, "gemini")))
                    .isEqualTo(new ExportingSession(session, Optional.of("gemini")));
            assertThatThrownBy(() -> verifier.sessionOf("Bearer " + TelemetryTokens.token(session, "drover-hub")))
                    .isInstanceOf(InvalidTelemetryTokenException.class);
        } finally {
            hub.stop(0);
        }
    }

    private static HttpServer serveJwks(int port) throws Exception {
        RsaJsonWebKey key;
        try (InputStream pem = TelemetryTokenVerifierTest.class.getClassLoader()
                .getResourceAsStream("telemetry-token-public-key.pem")) {
            key = new RsaJsonWebKey((RSAPublicKey) KeyUtils.decodePublicKey(new String(pem.readAllBytes(), StandardCharsets.UTF_8)));
        }
        key.setKeyId(TelemetryTokens.KEY_ID);
        key.setAlgorithm("RS256");
        key.setUse("sig");
        byte[] jwks = new JsonWebKeySet(key).toJson().getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/api/v1/auth/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        server.start();
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
