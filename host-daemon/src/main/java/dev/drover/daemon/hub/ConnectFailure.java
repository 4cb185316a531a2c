package dev.drover.daemon.hub;

import io.vertx.core.http.UpgradeRejectedException;
import java.security.cert.CertificateException;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;

/** Decides what a failed connection attempt means: retry later, or stop because the hub refused us. */
public final class ConnectFailure {

    private ConnectFailure() {
    }

    /**
     * The reason to stop for good when the hub refused this host's credential on the upgrade (401 or
     * 403); empty when the failure is worth retrying (network, hub down, 5xx, ...).
     */
    public static Optional<String> refusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UpgradeRejectedException rejected
                    && (rejected.getStatus() == 401 || rejected.getStatus() == 403)) {
                return Optional.of("the hub refused this host's credential (" + rejected.getStatus()
                        + "): the host was removed or revoked; enrol again with a new join token");
            }
        }
        return Optional.empty();
    }

    /**
     * What is wrong with the hub's certificate when the TLS handshake failed because it could not be
     * verified (unknown CA, expired, or issued for another host name), with what to do about it;
     * empty for any other failure. The daemon retries such a failure with backoff, as the hub's
     * certificate may be replaced while it waits.
     */
    public static Optional<String> untrustedCertificate(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SSLHandshakeException || t instanceof CertificateException) {
                return Optional.of(describe(failure) + " (the hub's certificate must chain to a CA in "
                        + "drover.daemon.hub-ca-file, or the system's trust store when that is unset, "
                        + "and name the host of drover.daemon.hub-url)");
            }
        }
        return Optional.empty();
    }

    /** A one-line description of a failure for the log. */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }
}
