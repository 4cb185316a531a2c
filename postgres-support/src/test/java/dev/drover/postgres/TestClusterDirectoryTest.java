package dev.drover.postgres;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A test JVM killed while it ran an embedded cluster left its ~50 MB directory and its postmaster behind. */
class TestClusterDirectoryTest {

    @Test
    void clusterLeftByAKilledTestJvmIsStoppedAndRemoved(@TempDir Path temp) throws Exception {
        Path abandoned = Files.createDirectories(temp.resolve(TestClusterDirectory.PREFIX + "123"));
        Path data = Files.createDirectories(abandoned.resolve("data"));
        Files.createFile(abandoned.resolve(TestClusterDirectory.LOCK));
        Process postmaster = new ProcessBuilder("sh", "-c", "sleep 600", data.toString()).start();
        Files.writeString(data.resolve("postmaster.pid"), postmaster.pid() + "\n" + data + "\n");
        backdate(abandoned);

        Path living = TestClusterDirectory.create(temp);
        backdate(living);
        Path young = Files.createDirectories(temp.resolve(TestClusterDirectory.PREFIX + "456"));
        try {
            TestClusterDirectory.removeAbandoned(temp);

            assertThat(abandoned).doesNotExist();
            assertThat(postmaster.waitFor(10, TimeUnit.SECONDS)).as("the abandoned postmaster is killed").isTrue();
            assertThat(living).as("locked by a living JVM").exists();
            assertThat(young).as("its JVM may not have locked it yet").exists();
        } finally {
            postmaster.destroyForcibly();
            TestClusterDirectory.remove(living);
        }
        assertThat(living).doesNotExist();
    }

    private static void backdate(Path directory) throws Exception {
        Files.setLastModifiedTime(directory, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
    }
}
