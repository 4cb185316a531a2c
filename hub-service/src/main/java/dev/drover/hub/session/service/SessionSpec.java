package dev.drover.hub.session.service;

import java.util.List;
import java.util.UUID;

/**
 * What to start: on {@code hostId}, from agent profile {@code profile} (null: {@code command} when a
 * command is given, else {@code bash}) in {@code mode} (null: {@code new}); {@code command} only for
 * profiles that take one; {@code prompt} typed as the agent's first message; {@code worktree} null
 * to decide by the other live sessions; {@code cols} and {@code rows} null for the default size;
 * {@code budgetCostNanoUsd} and {@code budgetTokens} the session's own budget, null for none.
 */
public record SessionSpec(UUID hostId, String profile, String mode, List<String> command, String cwd,
        String agentSessionId, String prompt, String task, Boolean worktree, Integer cols, Integer rows,
        Long budgetCostNanoUsd, Long budgetTokens) {
}
