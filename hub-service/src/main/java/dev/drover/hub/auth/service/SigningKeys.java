package dev.drover.hub.auth.service;

import dev.drover.hub.config.HubConfig;
import io.quarkus.runtime.Startup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * The hub's RS256 key pair, kept as PEM files in the data directory so that tokens survive
 * restarts. Created (mode 0600) on first start.
 */
@Startup
@Singleton
public class SigningKeys {

    static final String PRIVATE_FILE = "jwt-private.pem";
    static final String PUBLIC_FILE = "jwt-public.pem";
    private static final Logger LOG = Logger.getLogger(SigningKeys.class);
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final RSAPrivateKey privateKey;
    private final RSAPublicKey publicKey;
    private final String keyId;

    @Inject
    public SigningKeys(HubConfig config) {
        this(config.dataDir());
    }

    /** Loads the key pair from {@code dir}, creating it there first when it is missing. */
    public SigningKeys(Path dir) {
        Path privatePath = dir.resolve(PRIVATE_FILE);
        Path publicPath = dir.resolve(PUBLIC_FILE);
        try {
            if (!Files.exists(privatePath) || !Files.exists(publicPath)) {
                generate(dir, privatePath, publicPath);
            }
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            privateKey = (RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(readPem(privatePath)));
            publicKey = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(readPem(publicPath)));
            keyId = thumbprint(publicKey);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the hub's signing keys in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the hub's signing keys in " + dir + " are not an RSA key pair", e);
        }
    }

    public RSAPrivateKey privateKey() {
        return privateKey;
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }

    /** The RFC 7638 thumbprint of the public key, used as {@code kid}. */
    public String keyId() {
        return keyId;
    }

    /** The public key as one JWK. */
    public Map<String, String> jwk() {
        return Map.of(
                "kty", "RSA",
                "use", "sig",
                "alg", "RS256",
                "kid", keyId,
                "n", unsigned(publicKey.getModulus()),
                "e", unsigned(publicKey.getPublicExponent()));
    }

    private static void generate(Path dir, Path privatePath, Path publicPath)
            throws IOException, GeneralSecurityException {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        writePem(privatePath, "PRIVATE KEY", pair.getPrivate().getEncoded());
        writePem(publicPath, "PUBLIC KEY", pair.getPublic().getEncoded());
        LOG.infof("Created the hub's signing key pair in %s", dir);
    }

    private static void writePem(Path path, String label, byte[] der) throws IOException {
        String pem = "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
        Files.deleteIfExists(path);
        try {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            throw new IOException("another process is creating " + path, e);
        }
        Files.writeString(path, pem, StandardCharsets.US_ASCII);
    }

    private static byte[] readPem(Path path) throws IOException {
        String body = Files.readString(path, StandardCharsets.US_ASCII)
                .replaceAll("-----(BEGIN|END) [A-Z ]+-----", "")
                .replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    private static String thumbprint(RSAPublicKey key) throws GeneralSecurityException {
        String canonical = "{\"e\":\"" + unsigned(key.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\""
                + unsigned(key.getModulus()) + "\"}";
        return BASE64URL.encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(canonical.getBytes(StandardCharsets.UTF_8)));
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return BASE64URL.encodeToString(bytes);
    }
}
