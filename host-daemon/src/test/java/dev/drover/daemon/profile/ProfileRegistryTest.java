package dev.drover.daemon.profile;

import static dev.drover.daemon.session.SessionTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.protocol.daemon.DaemonMessage;
import dev.drover.protocol.daemon.ProfileInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileRegistryTest {

    @TempDir
    Path overrides;

    private ProfileRegistry profiles;

    @AfterEach
    void close() {
        profiles.close();
    }

    private static ProfileInfo info(DaemonMessage.Profiles offer, String id) {
        return offer.profiles().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void installedClisAreFoundWithTheirVersionsAndMissingOnesSaySo() {
        profiles = new ProfileRegistry(new TestProfilesConfig(overrides));
        DaemonMessage.Profiles offer = profiles.offer();
        ProfileInfo bash = info(offer, "bash");
        assertThat(bash.installed()).isTrue();
        assertThat(bash.version()).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(bash.path()).endsWith("/bash");
        ProfileInfo opencode = info(offer, "opencode");
        assertThat(opencode.installed()).isFalse();
        assertThat(opencode.problem()).isEqualTo("opencode is not on the PATH");
        ProfileInfo claude = info(offer, "claude");
        assertThat(claude.modes()).containsExactly("new", "resume", "continue");
        assertThat(claude.agentSessionId()).isEqualTo("preassigned");
        assertThat(info(offer, "command").userCommand()).isTrue();
    }

    @Test
    void aChangedOverrideIsPickedUpWithoutARestartAndABrokenOneIsReportedWithFileAndLine() throws Exception {
        profiles = new ProfileRegistry(new TestProfilesConfig(overrides));
        List<DaemonMessage.Profiles> heard = new CopyOnWriteArrayList<>();
        profiles.onChange(heard::add);
        Path tool = overrides.resolve("mytool.sh");
        Files.writeString(tool, "#!/bin/sh\necho 'mytool version 7.8.9 (build 1)'\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(overrides.resolve("mytool.yaml"), """
                id: mytool
                name: My tool
                binary:
                  command: %s
                  version:
                    args: [--version]
                    pattern: 'version (\\d+\\.\\d+\\.\\d+)'
                commands:
                  new: [%s]
                stop:
                  - signal: KILL
                    timeout: 1s
                """.formatted(tool, tool));
        await(() -> profiles.find("mytool").isPresent(), Duration.ofSeconds(10));
        await(() -> !heard.isEmpty() && heard.getLast().profiles().stream().anyMatch(p -> p.id().equals("mytool")),
                Duration.ofSeconds(5));
        assertThat(info(profiles.offer(), "mytool").version()).isEqualTo("7.8.9");

        Files.writeString(overrides.resolve("claude.yaml"), "id: claude\nstop:\n  - signal: KILL\n    timeout: forever\n");
        await(() -> !profiles.offer().problems().isEmpty(), Duration.ofSeconds(10));
        assertThat(profiles.offer().problems()).singleElement().asString()
                .startsWith(overrides.resolve("claude.yaml") + ":4: stop.0.timeout: ");
        assertThat(profiles.find("claude").orElseThrow().stop()).hasSize(4);
    }
}
