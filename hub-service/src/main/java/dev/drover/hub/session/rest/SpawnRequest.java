package dev.drover.hub.session.rest;

import dev.drover.hub.validation.BudgetLimits;
import dev.drover.hub.validation.Text;
import dev.drover.hub.validation.UsdAmount;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/**
 * A session to start on {@code hostId} from agent profile {@code profile} (default: {@code command}
 * when a command is given, else {@code bash}) in {@code mode} ({@code new}, {@code resume},
 * {@code continue}). {@code command} is an argv list, only for the {@code command} profile;
 * {@code agentSessionId} is the agent's session to resume; {@code prompt} is typed as the agent's
 * first message; {@code task} says what the session is for. {@code worktree} runs it in a git
 * worktree of the project ({@code cwd}) on a branch of its own; when absent, it does so when
 * another live session on the host works in the same project. {@code budgetUsd} (a decimal string)
 * and {@code budgetTokens} set the session's own budget: at 80 % a warning, at 100 % it stops.
 */
public record SpawnRequest(
        @NotNull UUID hostId,
        @Pattern(regexp = "[a-z][a-z0-9-]{0,31}", message = "must be a profile id such as claude or bash") String profile,
        @Schema(enumeration = {"new", "resume", "continue"})
        @Pattern(regexp = "new|resume|continue", message = "must be new, resume or continue") String mode,
        @Size(max = 256) List<@NotNull @Size(max = 4096) @Text String> command,
        @Size(max = 4096) @Text String cwd,
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._:-]{0,127}",
                message = "must be the agent's session id: letters, digits and . _ : - only") String agentSessionId,
        @Size(max = 100_000) @Text String prompt,
        @Size(max = 2000) @Text String task,
        Boolean worktree,
        @Min(1) @Max(1000) Integer cols,
        @Min(1) @Max(1000) Integer rows,
        @Schema(examples = "0.50", pattern = UsdAmount.PATTERN)
        @Pattern(regexp = UsdAmount.PATTERN, message = UsdAmount.MESSAGE) String budgetUsd,
        @Min(1) @Max(BudgetLimits.MAX_TOKENS) Long budgetTokens) {
}
