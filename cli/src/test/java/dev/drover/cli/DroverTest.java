package dev.drover.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code drover} command line as a user types it. */
class DroverTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void versionIsPrinted() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).isEqualTo("drover 0.1.0" + System.lineSeparator());
    }

    @Test
    void anUnknownOptionIsRefusedWithUsageAndStatus2() {
        assertThat(run("up", "--prot=9000")).isEqualTo(2);
        assertThat(err.toString()).startsWith("Unknown option: '--prot=9000'" + System.lineSeparator() + "Usage: drover up ");
    }

    private int run(String... arguments) {
        return Drover.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(arguments);
    }
}
