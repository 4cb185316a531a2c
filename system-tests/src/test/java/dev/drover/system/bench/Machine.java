package dev.drover.system.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** What a benchmark ran on, for the line under its table: CPUs and their model, and the load average at the end. */
final class Machine {

    private Machine() {
    }

    static String describe() throws Exception {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(line -> line.startsWith("model name"))
                .findFirst()
                .map(line -> line.substring(line.indexOf(':') + 1).trim())
                .orElse("unknown CPU");
        return Runtime.getRuntime().availableProcessors() + " × " + cpu + ", load average "
                + Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }
}
