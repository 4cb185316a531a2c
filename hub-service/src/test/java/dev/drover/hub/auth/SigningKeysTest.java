package dev.drover.hub.auth;

import dev.drover.hub.auth.service.SigningKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class SigningKeysTest {

    @Test
    void keyPairSurvivesARestartSoIssuedTokensStayValid(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("hub");
        SigningKeys first = new SigningKeys(data);
        SigningKeys second = new SigningKeys(data);

        assertThat(second.keyId()).isEqualTo(first.keyId());
        assertThat(second.publicKey().getEncoded()).isEqualTo(first.publicKey().getEncoded());
        assertThat(second.privateKey().getEncoded()).isEqualTo(first.privateKey().getEncoded());
        assertThat(first.publicKey().getModulus().bitLength()).isEqualTo(2048);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("jwt-private.pem"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("jwt-public.pem"))))
                .isEqualTo("rw-------");
    }
}
