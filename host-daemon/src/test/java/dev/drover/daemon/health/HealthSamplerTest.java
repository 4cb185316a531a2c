package dev.drover.daemon.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.drover.daemon.isolation.SessionIsolation;
import dev.drover.daemon.session.TestConfig;
import dev.drover.protocol.daemon.HostHealth;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthSamplerTest {

    @TempDir
    Path stateDir;

    @Test
    void parsesTheAggregateCpuLineAndComputesBusyPercentBetweenSamples() {
        String before = "cpu  100 0 50 800 50 0 0 0 0 0\ncpu0 50 0 25 400 25 0 0 0 0 0\nintr 1\n";
        String after = "cpu  160 0 90 1050 50 0 0 0 0 0\ncpu0 80 0 45 525 25 0 0 0 0 0\nintr 2\n";
        HealthSampler.CpuTimes first = HealthSampler.parseCpu(before).orElseThrow();
        HealthSampler.CpuTimes second = HealthSampler.parseCpu(after).orElseThrow();
        assertThat(first).isEqualTo(new HealthSampler.CpuTimes(150, 1000));
        assertThat(second).isEqualTo(new HealthSampler.CpuTimes(250, 1350));
        assertThat(HealthSampler.cpuPercent(first, second)).isCloseTo(100.0 * 100 / 350, within(1e-9));
        assertThat(HealthSampler.cpuPercent(second, second)).isNull();
    }

    @Test
    void parsesMeminfoAndLoadavg() {
        String meminfo = "MemTotal:       16303492 kB\nMemFree:         1220384 kB\nMemAvailable:    9061528 kB\n";
        assertThat(HealthSampler.parseMeminfo(meminfo))
                .contains(new HealthSampler.Memory(16303492L * 1024, 9061528L * 1024));
        assertThat(HealthSampler.parseMeminfo("MemTotal: 1 kB\n")).isEmpty();
        assertThat(HealthSampler.parseLoadavg("0.52 0.58 0.59 2/1024 12345\n"))
                .contains(new HealthSampler.Load(0.52, 0.58, 0.59));
    }

    @Test
    void samplesThisMachinesRealProcFilesWithPlausibleValues() throws Exception {
        HealthSampler sampler = new HealthSampler(Path.of("/proc"), stateDir.resolve("not-yet-created"), "9.9.9-test",
                new SessionIsolation(new TestConfig(stateDir)));
        HostHealth first = sampler.sample();
        assertThat(first.cpuPercent()).as("no CPU figure before a second sample").isNull();
        busyFor(200);
        HostHealth health = sampler.sample();

        assertThat(health.cpuPercent()).isBetween(0.0, 100.0);
        long physical = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                .filter(line -> line.startsWith("MemTotal:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024)
                .findFirst().orElseThrow();
        assertThat(health.memoryTotalBytes()).isEqualTo(physical);
        assertThat(health.memoryAvailableBytes()).isPositive().isLessThanOrEqualTo(health.memoryTotalBytes());
        assertThat(health.diskTotalBytes()).isEqualTo(Files.getFileStore(stateDir).getTotalSpace());
        assertThat(health.diskFreeBytes()).isPositive().isLessThanOrEqualTo(health.diskTotalBytes());
        assertThat(health.load1()).isGreaterThanOrEqualTo(0.0);
        assertThat(health.load5()).isGreaterThanOrEqualTo(0.0);
        assertThat(health.load15()).isGreaterThanOrEqualTo(0.0);
        assertThat(health.os()).isEqualTo("Linux");
        assertThat(health.kernelVersion()).isEqualTo(Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip());
        assertThat(health.daemonVersion()).isEqualTo("9.9.9-test");
        assertThat(health.gitVersion()).startsWith("git version ");
        assertThat(health.sessionIsolation()).isEqualTo("off");
    }

    @Test
    void aMissingToolHasNoVersion() {
        assertThat(HealthSampler.toolVersion("drover-no-such-tool", "--version")).isNull();
        assertThat(HealthSampler.toolVersion("false", "--version")).isNull();
    }

    private static void busyFor(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        long spin = 0;
        while (System.nanoTime() < end) {
            spin++;
        }
        assertThat(spin).isPositive();
    }
}
