package dev.drover.hub.session.service;

import dev.drover.hub.host.repository.Host;
import dev.drover.hub.problem.ProblemException;
import dev.drover.hub.session.rest.SpawnRequest;
import dev.drover.protocol.daemon.ProfileInfo;

import java.util.List;
import java.util.UUID;

/**
 * What a spawn request resolves to on its host, checked against the profiles the host's daemon
 * offers: the profile, the mode, the command line (only for profiles that take one) and the
 * agent's session id (minted here for agents that take a pre-assigned one, so it is known from
 * the first second). Refusals are 400/409 problems that say what would work.
 */
record SpawnChoice(ProfileInfo profile, String mode, List<String> command, String agentSessionId) {

    static SpawnChoice of(SpawnRequest request, Host host) {
        List<String> command = request.command() == null ? List.of() : request.command();
        String id = request.profile() != null ? request.profile() : command.isEmpty() ? "bash" : "command";
        List<ProfileInfo> offered = host.agents();
        ProfileInfo profile = offered.stream()
                .filter(p -> p.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new ProblemException(400, "host " + host.name + " has no profile " + id + "; it offers: "
                        + String.join(", ", offered.stream().map(ProfileInfo::id).toList())));
        if (!profile.installed()) {
            throw new ProblemException(409, profile.name() + " is not installed on host " + host.name
                    + (profile.problem() == null ? "" : " (" + profile.problem() + ")"));
        }
        String mode = request.mode() == null ? "new" : request.mode();
        if (!profile.modes().contains(mode)) {
            throw new ProblemException(400, profile.name() + " cannot " + mode + " a session; it can: "
                    + String.join(", ", profile.modes()));
        }
        if (profile.userCommand() && command.isEmpty()) {
            throw new ProblemException(400, "the " + profile.id() + " profile needs a command");
        }
        if (!profile.userCommand() && !command.isEmpty()) {
            throw new ProblemException(400, profile.name() + " starts its own command; use the command profile to run another one");
        }
        if (request.cwd() != null && !request.cwd().isBlank() && !absoluteClean(request.cwd())) {
            throw new ProblemException(400, "cwd must be an absolute path without . or .. segments or control characters");
        }
        return new SpawnChoice(profile, mode, command, agentSessionId(request, profile, mode));
    }

    private static String agentSessionId(SpawnRequest request, ProfileInfo profile, String mode) {
        return switch (mode) {
            case "resume" -> {
                if (request.agentSessionId() == null) {
                    throw new ProblemException(400, "resume needs agentSessionId: the agent's session to resume");
                }
                yield request.agentSessionId();
            }
            case "continue" -> {
                if (request.agentSessionId() != null) {
                    throw new ProblemException(400, "continue picks the latest session itself: leave agentSessionId out");
                }
                yield null;
            }
            default -> {
                if (request.agentSessionId() != null) {
                    throw new ProblemException(400, "a new session gets its agentSessionId from Drover or the agent");
                }
                yield "preassigned".equals(profile.agentSessionId()) ? UUID.randomUUID().toString() : null;
            }
        };
    }

    private static boolean absoluteClean(String path) {
        if (!path.startsWith("/") || path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return false;
        }
        for (String segment : path.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
