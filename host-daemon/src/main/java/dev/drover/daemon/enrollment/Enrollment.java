package dev.drover.daemon.enrollment;

import dev.drover.daemon.hub.ConnectFailure;
import dev.drover.daemon.hub.HubTrust;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Gets this host's credential: the saved one, or a new one traded for a join token at
 * {@code POST <hub>/api/v1/enrollments} and saved (docs/adr/0002-hub-daemon-protocol.md).
 */
public final class Enrollment {

    private static final Logger LOG = Logger.getLogger(Enrollment.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final WebClient client;
    private final URI hubUrl;
    private final CredentialStore store;

    public Enrollment(Vertx vertx, URI hubUrl, CredentialStore store, HubTrust trust) {
        WebClientOptions options = new WebClientOptions().setVerifyHost(true);
        trust.applyTo(options);
        this.client = WebClient.create(vertx, options);
        this.hubUrl = hubUrl;
        this.store = store;
    }

    /**
     * The saved credential traded for a fresh one (the saved one when the hub cannot renew it now),
     * else a new one for {@code joinToken}; blocks, call it off the event loop.
     */
    public String credential(Optional<String> joinToken, String hostname) throws EnrollmentException {
        Optional<String> saved = saved();
        if (saved.isPresent()) {
            return renew(saved.get());
        }
        String token = joinToken.filter(t -> !t.isBlank()).orElseThrow(() -> new EnrollmentException(
                "this host is not enrolled: no credential in " + store.file()
                        + " and no join token; set DROVER_DAEMON_JOIN_TOKEN to a join token from the hub"));
        String credential = enrol(token, hostname);
        try {
            store.save(credential);
        } catch (IOException e) {
            throw new EnrollmentException("enrolled, but cannot save the credential to " + store.file() + ": " + e.getMessage());
        }
        LOG.infof("enrolled with %s; credential saved to %s", hubUrl, store.file());
        return credential;
    }

    /** The saved credential renewed (see {@link #credential}), empty when none is saved; blocks. */
    public Optional<String> renewSaved() throws EnrollmentException {
        Optional<String> saved = saved();
        return saved.isPresent() ? Optional.of(renew(saved.get())) : Optional.empty();
    }

    private Optional<String> saved() throws EnrollmentException {
        try {
            return store.load();
        } catch (IOException e) {
            throw new EnrollmentException("cannot read " + store.file() + ": " + e.getMessage());
        }
    }

    /**
     * Trades {@code saved} for a fresh credential at {@code POST <hub>/api/v1/enrollments/renewal} and
     * saves it. Keeps {@code saved} when the hub is unreachable or refuses (a refused credential is
     * then refused on the socket too, which says why).
     */
    private String renew(String saved) throws EnrollmentException {
        URI url = hubUrl.resolve("/api/v1/enrollments/renewal");
        HttpResponse<Buffer> response;
        try {
            response = post(url)
                    .putHeader("Authorization", "Bearer " + saved)
                    .send()
                    .await().atMost(TIMEOUT.plusSeconds(5));
        } catch (RuntimeException e) {
            LOG.warnf("cannot renew the host credential at %s (keeping the saved one): %s", url, ConnectFailure.describe(e));
            return saved;
        }
        if (response.statusCode() != 200) {
            LOG.warnf("the hub did not renew the host credential (%d); keeping the saved one", response.statusCode());
            return saved;
        }
        String renewed = credentialOf(response);
        try {
            store.save(renewed);
        } catch (IOException e) {
            throw new EnrollmentException("renewed, but cannot save the credential to " + store.file() + ": " + e.getMessage());
        }
        LOG.debugf("host credential renewed and saved to %s", store.file());
        return renewed;
    }

    private String enrol(String token, String hostname) throws EnrollmentException {
        URI url = hubUrl.resolve("/api/v1/enrollments");
        HttpResponse<Buffer> response;
        try {
            response = post(url)
                    .sendJsonObject(new JsonObject().put("joinToken", token).put("hostname", hostname))
                    .await().atMost(TIMEOUT.plusSeconds(5));
        } catch (RuntimeException e) {
            throw new EnrollmentException(ConnectFailure.untrustedCertificate(e)
                    .map(why -> "the hub at " + url + " is not trusted: " + why)
                    .orElseGet(() -> "cannot reach the hub at " + url + ": " + ConnectFailure.describe(e)));
        }
        return credentialOf(response);
    }

    private HttpRequest<Buffer> post(URI url) {
        return client.postAbs(url.toString())
                .timeout(TIMEOUT.toMillis())
                .putHeader("Accept", "application/json");
    }

    private static String credentialOf(HttpResponse<Buffer> response) throws EnrollmentException {
        if (response.statusCode() == 401) {
            throw new EnrollmentException("the hub refused the join token (401): join token invalid, expired or already used");
        }
        if (response.statusCode() != 200) {
            throw new EnrollmentException("enrolment failed: the hub answered " + response.statusCode());
        }
        String credential;
        try {
            credential = response.bodyAsJsonObject().getString("credential");
        } catch (RuntimeException e) {
            credential = null;
        }
        if (credential == null || credential.isBlank()) {
            throw new EnrollmentException("enrolment failed: the hub's answer carries no credential");
        }
        return credential;
    }

}
