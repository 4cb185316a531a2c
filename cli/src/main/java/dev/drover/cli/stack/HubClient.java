package dev.drover.cli.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The few hub REST calls the CLI and the whole-system tests make. */
public final class HubClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private String token;

    public HubClient(URI base) {
        this.base = base;
    }

    public URI base() {
        return base;
    }

    /** The bearer token of the last login. */
    public String token() {
        return token;
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
                throw new HubException(method + " " + path + " answered " + response.statusCode() + ": "
                        + new String(response.body()), response.statusCode());
            }
            return response.body().length == 0 ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new HubException(method + " " + path + " failed: " + e.getMessage(), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubException(method + " " + path + " interrupted", 0);
        }
    }

    /** A hub call that did not succeed; {@code status} is 0 when no answer arrived. */
    public static final class HubException extends RuntimeException {

        private final int status;

        public HubException(String message, int status) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
