package dev.drover.daemon.hub;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.TCPSSLOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Optional;

/**
 * What an {@code https}/{@code wss} hub's certificate must chain to: the certificates of
 * {@code drover.daemon.hub-ca-file}, read and checked once at start, or else the JVM's trust store.
 * The callers keep host name verification on.
 */
public final class HubTrust {

    private final Optional<PemTrustOptions> trust;

    private HubTrust(Optional<PemTrustOptions> trust) {
        this.trust = trust;
    }

    /**
     * The trust for {@code caFile} (the JVM's trust store when empty).
     *
     * @throws IllegalArgumentException when the file cannot be read or holds no PEM certificate
     */
    public static HubTrust of(Optional<Path> caFile) {
        if (caFile.isEmpty()) {
            return new HubTrust(Optional.empty());
        }
        Path file = caFile.get();
        byte[] pem;
        try {
            pem = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the hub's CA file " + file + " (drover.daemon.hub-ca-file): "
                    + e.getMessage(), e);
        }
        int certificates;
        try {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem)).size();
        } catch (CertificateException e) {
            certificates = 0;
        }
        if (certificates == 0) {
            throw new IllegalArgumentException("the hub's CA file " + file
                    + " (drover.daemon.hub-ca-file) holds no PEM certificate");
        }
        return new HubTrust(Optional.of(new PemTrustOptions().addCertValue(Buffer.buffer(pem))));
    }

    /** Makes {@code options} trust only the configured CA file, when there is one. */
    public void applyTo(TCPSSLOptions options) {
        trust.ifPresent(pem -> options.setTrustOptions(pem.copy()));
    }
}
