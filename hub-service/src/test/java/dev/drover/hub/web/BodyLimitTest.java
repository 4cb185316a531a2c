package dev.drover.hub.web;

import dev.drover.hub.support.Api;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The hub bounds every request body, chunked or not, with a 413 problem. */
@QuarkusTest
class BodyLimitTest {

    private static final int THREE_MIB = 3 * 1024 * 1024;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TestHTTPResource("/api/v1/sessions")
    URI sessions;

    @TestHTTPResource("/api/v1/auth/login")
    URI login;

    @Test
    void chunkedBodyOverTheLimitIsA413Problem() throws Exception {
        HttpResponse<String> response = post(sessions, Api.adminToken(),
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(hugeJson())));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":413").contains("2 MiB");
    }

    @Test
    void sizedBodyOverTheLimitIsA413ProblemEvenUnauthenticated() throws Exception {
        HttpResponse<String> response = post(login, null, HttpRequest.BodyPublishers.ofByteArray(hugeJson()));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("\"status\":413");
    }

    @Test
    void aLoginOverHttp2IsNotRefusedAsAlreadyRead() throws Exception {
        HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> response = http2.send(HttpRequest.newBuilder(login)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"admin-test-password\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"token\"");
    }

    /**
     * Issue 9: over HTTP/2 a stream without a length got the framework's bare 413 with a {@code Connection} header,
     * which HTTP/2 forbids (the JDK client fails on it), and no problem document.
     */
    @Test
    void anHttp2StreamOverTheLimitIsA413Problem() throws Exception {
        HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        assertThat(http2.send(HttpRequest.newBuilder(login.resolve("/q/health/live")).build(), HttpResponse.BodyHandlers.ofString())
                .version()).as("h2c upgrade").isEqualTo(HttpClient.Version.HTTP_2);

        HttpResponse<String> response = http2.send(HttpRequest.newBuilder(sessions)
                .header("Authorization", "Bearer " + Api.adminToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(hugeJson())))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":413").contains("2 MiB");
    }

    private static HttpResponse<String> post(URI uri, String bearer, HttpRequest.BodyPublisher body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .POST(body);
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON spawn request whose task alone is 3 MiB. */
    private static byte[] hugeJson() {
        char[] task = new char[THREE_MIB];
        Arrays.fill(task, 'x');
        return ("{\"hostId\":\"0192b7c0-0000-7000-8000-000000000000\",\"task\":\"" + new String(task) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
