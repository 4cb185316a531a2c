package dev.drover.cli.stack;

import java.util.ArrayList;
import java.util.List;

/**
 * How one Drover service's JVM runs: a heap bound (the process exits rather than run past it) and
 * the options that service needs beyond the ones every service gets. {@code drover up} and the
 * benchmarks start services with these, so the benchmarks measure what users run.
 *
 * @param maxHeap the heap bound, e.g. {@code 256m}
 * @param options further JVM options of this service
 */
public record ServiceJvm(String maxHeap, List<String> options) {

    public static final ServiceJvm HUB = new ServiceJvm("512m", List.of());
    public static final ServiceJvm INGEST = new ServiceJvm("256m", List.of());
    /**
     * The daemon only relays bytes and runs terminal models: code compiled by C1 serves it well,
     * and without C2 it holds about 20 MB less memory and spends no CPU on compilations while the
     * first keystrokes are echoed (docs/benchmarks.md).
     */
    public static final ServiceJvm DAEMON = new ServiceJvm("256m", List.of("-XX:TieredStopAtLevel=1"));

    /** From this Java release on, the JVM can hand freed native memory back to the system by itself. */
    private static final int TRIM_NATIVE_HEAP_SINCE = 22;

    public ServiceJvm {
        options = List.copyOf(options);
    }

    /**
     * The options for {@code java}: the serial collector with a heap that starts small and gives
     * memory back when idle, exit on running out of heap, freed native memory returned every few
     * seconds (Java {@value #TRIM_NATIVE_HEAP_SINCE}+), then this service's own options.
     *
     * @param javaFeature the feature release of the {@code java} that runs the service
     */
    List<String> javaOptions(int javaFeature) {
        List<String> all = new ArrayList<>(List.of(
                "--enable-native-access=ALL-UNNAMED",
                "-XX:+UseSerialGC",
                "-Xmx" + maxHeap,
                "-Xms16m",
                "-XX:MinHeapFreeRatio=10",
                "-XX:MaxHeapFreeRatio=30",
                "-XX:+ExitOnOutOfMemoryError"));
        if (javaFeature >= TRIM_NATIVE_HEAP_SINCE) {
            all.add("-XX:TrimNativeHeapInterval=2000");
        }
        all.addAll(options);
        return all;
    }
}
