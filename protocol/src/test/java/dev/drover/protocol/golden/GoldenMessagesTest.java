package dev.drover.protocol.golden;

import dev.drover.protocol.daemon.DaemonMessage;
import dev.drover.protocol.daemon.DaemonMessageSamples;
import dev.drover.protocol.terminal.TerminalControl;
import dev.drover.protocol.terminal.TerminalControlSamples;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every message of both sockets against its golden file, and every message type with one: a type
 * added to {@link DaemonMessage} or {@link TerminalControl} without a golden file (and a sample)
 * fails here, before the hub's, the daemon's and the web UI's tests would miss it.
 */
class GoldenMessagesTest {

    @Test
    void everyDaemonMessageEncodesToItsGoldenFileAndDecodesFromIt() {
        Golden.assertRoundTrips(QuarkusJson.MAPPER, DaemonMessage.class, "daemon", DaemonMessageSamples.ALL);
    }

    @Test
    void everyTerminalControlEncodesToItsGoldenFileAndDecodesFromIt() {
        Golden.assertRoundTrips(QuarkusJson.MAPPER, TerminalControl.class, "terminal", TerminalControlSamples.ALL);
    }

    @Test
    void everyDaemonMessageTypeHasAGoldenFile() throws Exception {
        assertThat(files("daemon")).as("golden/daemon/ files of the DaemonMessage types")
                .containsAll(Golden.typeNames(DaemonMessage.class));
    }

    @Test
    void everyTerminalControlTypeHasAGoldenFile() throws Exception {
        assertThat(files("terminal")).as("golden/terminal/ files of the TerminalControl types")
                .containsAll(Golden.typeNames(TerminalControl.class));
    }

    @Test
    void everyGoldenFileHasASampleOfItsType() throws Exception {
        assertGoldenFilesAreSamples("daemon", DaemonMessageSamples.ALL);
        assertGoldenFilesAreSamples("terminal", TerminalControlSamples.ALL);
    }

    private static void assertGoldenFilesAreSamples(String folder, Map<String, ?> samples) throws Exception {
        assertThat(files(folder)).containsExactlyInAnyOrderElementsOf(samples.keySet());
        samples.forEach((name, sample) -> assertThat(Golden.text(folder + "/" + name + ".json"))
                .as("golden/%s/%s.json names the type of its sample", folder, name)
                .contains("\"type\": \"" + name.split("\\.")[0] + "\""));
    }

    /** The golden files of {@code folder}, without {@code .json}. */
    private static Set<String> files(String folder) throws IOException, URISyntaxException {
        Path directory = Path.of(Golden.class.getResource("/golden/" + folder).toURI());
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString())
                    .map(name -> name.substring(0, name.length() - ".json".length()))
                    .collect(Collectors.toSet());
        }
    }
}
