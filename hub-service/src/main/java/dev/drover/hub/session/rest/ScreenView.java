package dev.drover.hub.session.rest;

import dev.drover.protocol.daemon.DaemonMessage;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * A session's visible screen as text: {@code rows} lines of at most {@code cols} characters, trailing
 * blanks removed, exact as of the session's output up to byte {@code offset}.
 */
@Schema(name = "SessionScreen")
public record ScreenView(
        @Schema(required = true) int cols,
        @Schema(required = true) int rows,
        @Schema(required = true) List<String> lines,
        @Schema(required = true) long offset) {

    static ScreenView of(DaemonMessage.ScreenText screen) {
        return new ScreenView(screen.cols(), screen.rows(), screen.lines() == null ? List.of() : screen.lines(), screen.offset());
    }
}
