package dev.drover.cli.stack;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceJvmTest {

    @Test
    void everyServiceGetsABoundedSerialHeapThatExitsWhenFull() {
        assertThat(ServiceJvm.HUB.javaOptions(21)).containsExactly("--enable-native-access=ALL-UNNAMED",
                "-XX:+UseSerialGC", "-Xmx512m", "-Xms16m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30",
                "-XX:+ExitOnOutOfMemoryError");
    }

    @Test
    void nativeHeapIsTrimmedFromJava22On() {
        assertThat(ServiceJvm.INGEST.javaOptions(21)).noneMatch(option -> option.startsWith("-XX:TrimNativeHeapInterval"));
        assertThat(ServiceJvm.INGEST.javaOptions(22)).contains("-XX:TrimNativeHeapInterval=2000");
    }

    @Test
    void theDaemonRunsWithoutC2AfterTheCommonOptions() {
        assertThat(ServiceJvm.DAEMON.javaOptions(25)).contains("-Xmx256m").last().isEqualTo("-XX:TieredStopAtLevel=1");
    }
}
