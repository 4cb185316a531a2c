package dev.drover.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The agent CLIs system-tests' build installs from the npm registry, as the real-CLI tests find and use them. */
final class RealClis {

    private RealClis() {
    }

    /** The installed executable {@code name} (its npm bin link). */
    static Path binary(String name) {
        Path binary = Path.of(System.getProperty("drover.test.clis", System.getProperty("user.home") + "/.cache/drover/test-clis"))
                .resolve("node_modules/.bin").resolve(name);
        assertThat(binary).as(name + " is installed by system-tests' build (npm install)").isExecutable();
        return binary;
    }

    /** Waits until the host's daemon offers {@code profileId} with its CLI installed at {@code version}. */
    static void awaitOffered(SystemUnderTest system, String hostId, String profileId, String version, Duration within) {
        await().atMost(within)
                .alias("the daemon reloaded its profiles and found " + profileId + " " + version)
                .until(() -> {
                    JsonNode offered = offered(system, hostId, profileId);
                    return offered.path("installed").asBoolean() && offered.path("version").asText().equals(version);
                });
    }

    private static JsonNode offered(SystemUnderTest system, String hostId, String profileId) {
        for (JsonNode agent : system.admin.call("GET", "/api/v1/hosts/" + hostId, null).path("agents")) {
            if (agent.path("id").asText().equals(profileId)) {
                return agent;
            }
        }
        return MissingNode.getInstance();
    }

    /** Stops the system, then removes the test's project directory and stops its model API; each may be null. */
    static void cleanUp(SystemUnderTest system, Path project, MockModelApi model) throws IOException {
        if (system != null) {
            system.close();
        }
        if (project != null) {
            try (Stream<Path> files = Files.walk(project)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        if (model != null) {
            model.close();
        }
    }
}
