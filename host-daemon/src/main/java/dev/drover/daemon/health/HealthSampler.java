package dev.drover.daemon.health;

import dev.drover.daemon.config.DaemonConfig;
import dev.drover.daemon.host.HostIdentity;
import dev.drover.daemon.isolation.SessionIsolation;
import dev.drover.protocol.daemon.HostHealth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Samples the host's health for heartbeats: CPU from /proc/stat deltas between samples, memory
 * from /proc/meminfo, load from /proc/loadavg, disk of the state directory's file system. The
 * versions of tmux and git are detected once, on the first sample, as is whether sessions run
 * isolated. Blocks (reads files, runs
 * processes): call it off the event loop. Values it cannot read are {@code null}.
 */
@ApplicationScoped
public class HealthSampler {

    private static final Logger LOG = Logger.getLogger(HealthSampler.class);
    private static final Path PROC = Path.of("/proc");
    private static final long TOOL_TIMEOUT_SECONDS = 5;

    private final Path proc;
    private final Path stateDir;
    private final String daemonVersion;
    private final SessionIsolation isolation;
    private CpuTimes previousCpu;
    private Tools tools;

    @Inject
    public HealthSampler(DaemonConfig config, SessionIsolation isolation, HostIdentity identity) {
        this(PROC, config.stateDir(), identity.daemonVersion(), isolation);
    }

    HealthSampler(Path proc, Path stateDir, String daemonVersion, SessionIsolation isolation) {
        this.proc = proc;
        this.stateDir = stateDir;
        this.daemonVersion = daemonVersion;
        this.isolation = isolation;
    }

    /** CPU busy and total jiffies since boot, from the aggregate {@code cpu} line of /proc/stat. */
    record CpuTimes(long busy, long total) {
    }

    /** The versions of the tools sessions need; {@code null} when a tool is missing. */
    record Tools(String tmux, String git) {
    }

    /** Load averages over 1, 5 and 15 minutes. */
    record Load(double one, double five, double fifteen) {
    }

    /** {@code MemTotal} and {@code MemAvailable} in bytes. */
    record Memory(long total, long available) {
    }

    public synchronized HostHealth sample() {
        if (tools == null) {
            tools = new Tools(toolVersion("tmux", "-V"), toolVersion("git", "--version"));
        }
        Double cpu = null;
        CpuTimes now = read("stat").flatMap(HealthSampler::parseCpu).orElse(null);
        if (now != null && previousCpu != null) {
            cpu = cpuPercent(previousCpu, now);
        }
        if (now != null) {
            previousCpu = now;
        }
        SessionIsolation.Status isolated = isolation.status();
        Memory memory = read("meminfo").flatMap(HealthSampler::parseMeminfo).orElse(null);
        Load load = read("loadavg").flatMap(HealthSampler::parseLoadavg).orElse(null);
        Long diskTotal = null;
        Long diskFree = null;
        try {
            FileStore store = Files.getFileStore(existing(stateDir));
            diskTotal = store.getTotalSpace();
            diskFree = store.getUsableSpace();
        } catch (IOException e) {
            LOG.debugf("disk of %s not readable: %s", stateDir, e.getMessage());
        }
        return new HostHealth(cpu, memory == null ? null : memory.total(), memory == null ? null : memory.available(),
                diskTotal, diskFree, load == null ? null : load.one(), load == null ? null : load.five(),
                load == null ? null : load.fifteen(), System.getProperty("os.name"), System.getProperty("os.version"),
                daemonVersion, tools.tmux(), tools.git(), isolated.state().wire(), isolated.reason());
    }

    static Optional<CpuTimes> parseCpu(String stat) {
        for (String line : stat.split("\n")) {
            if (line.startsWith("cpu ")) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length < 5) {
                    return Optional.empty();
                }
                long total = 0;
                long idle = 0;
                // user nice system idle iowait irq softirq steal; guest time is already in user/nice.
                for (int i = 1; i < Math.min(fields.length, 9); i++) {
                    long value = Long.parseLong(fields[i]);
                    total += value;
                    if (i == 4 || i == 5) {
                        idle += value;
                    }
                }
                return Optional.of(new CpuTimes(total - idle, total));
            }
        }
        return Optional.empty();
    }

    static Double cpuPercent(CpuTimes before, CpuTimes after) {
        long total = after.total() - before.total();
        if (total <= 0) {
            return null;
        }
        double busy = Math.max(0, after.busy() - before.busy());
        return Math.min(100.0, 100.0 * busy / total);
    }

    static Optional<Memory> parseMeminfo(String meminfo) {
        Long total = null;
        Long available = null;
        for (String line : meminfo.split("\n")) {
            if (line.startsWith("MemTotal:")) {
                total = kibibytes(line);
            } else if (line.startsWith("MemAvailable:")) {
                available = kibibytes(line);
            }
        }
        return total == null || available == null ? Optional.empty() : Optional.of(new Memory(total, available));
    }

    static Optional<Load> parseLoadavg(String loadavg) {
        String[] fields = loadavg.trim().split("\\s+");
        if (fields.length < 3) {
            return Optional.empty();
        }
        return Optional.of(new Load(Double.parseDouble(fields[0]), Double.parseDouble(fields[1]),
                Double.parseDouble(fields[2])));
    }

    private static long kibibytes(String line) {
        String[] fields = line.trim().split("\\s+");
        return Long.parseLong(fields[1]) * 1024;
    }

    private Optional<String> read(String name) {
        try {
            return Optional.of(Files.readString(proc.resolve(name), StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            LOG.debugf("%s/%s not readable: %s", proc, name, e.getMessage());
            return Optional.empty();
        }
    }

    private static Path existing(Path path) {
        Path current = path.toAbsolutePath();
        while (current != null && !Files.exists(current)) {
            current = current.getParent();
        }
        return current == null ? Path.of("/") : current;
    }

    /** The first output line of {@code tool versionFlag}, or null when it is missing, fails or hangs. */
    static String toolVersion(String tool, String versionFlag) {
        Process process;
        try {
            process = new ProcessBuilder(List.of(tool, versionFlag)).redirectErrorStream(true).start();
        } catch (IOException e) {
            return null;
        }
        try (InputStream output = process.getInputStream()) {
            if (!process.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            if (process.exitValue() != 0) {
                return null;
            }
            String text = new String(output.readAllBytes(), StandardCharsets.UTF_8).strip();
            int newline = text.indexOf('\n');
            return newline < 0 ? text : text.substring(0, newline).strip();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return null;
        }
    }
}
