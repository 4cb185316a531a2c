package dev.drover.hub.session.rest;

import dev.drover.protocol.daemon.DaemonMessage;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * A session's visible screen as text: {@code rows} lines of at most {@code cols} characters, trailing
 * blanks removed, and the same rows with their SGR attributes (null from a daemon that sends none),
 * exact as of the session's output up to byte {@code offset}.
 */
@Schema(name = "SessionScreen")
public record ScreenView(
        @Schema(required = true) int cols,
        @Schema(required = true) int rows,
        @Schema(required = true) List<String> lines,
        @Schema(required = true, nullable = true, description = "Each row as text with SGR sequences (CSI 0;…m) before each "
                + "run of cells and CSI 0m at its end: colours (38;5;n, 38;2;r;g;b, 48;…), bold, dim, italic, underline, "
                + "inverse") List<String> styledLines,
        @Schema(required = true) long offset) {

    static ScreenView of(DaemonMessage.ScreenText screen) {
        return new ScreenView(screen.cols(), screen.rows(), screen.lines() == null ? List.of() : screen.lines(),
                screen.styledLines(), screen.offset());
    }
}
