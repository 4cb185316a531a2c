package dev.drover.hub.prompt.rest;

import dev.drover.hub.validation.Text;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/**
 * A prompt to type into sessions' agents: into the sessions {@code sessionIds} names, or else into
 * the live sessions {@code selection} matches. Each delivery waits up to {@code waitSeconds}
 * (default {@code drover.hub.prompts.default-wait}, 5 min) for its agent to be idle.
 */
public record PromptRequest(
        @NotBlank @Size(max = 100_000) @Text String text,
        @Size(max = 1000) List<@NotNull UUID> sessionIds,
        @Valid SelectionRequest selection,
        @Min(1) @Max(86_400) Integer waitSeconds) {

    /** Live sessions by host, profile, project (the directory they started in) and current activity; absent matches any. */
    @Schema(name = "PromptSelection")
    public record SelectionRequest(
            UUID hostId,
            @Pattern(regexp = "[a-z][a-z0-9-]{0,31}", message = "must be a profile id such as claude or bash") String profile,
            @Size(max = 4096) @Text String project,
            @Schema(enumeration = {"starting", "working", "needs-approval", "needs-answer", "idle", "errored"})
            @Pattern(regexp = "starting|working|needs-approval|needs-answer|idle|errored",
                    message = "must be an activity state such as idle") String activity) {
    }
}
