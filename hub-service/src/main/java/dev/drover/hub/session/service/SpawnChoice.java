package dev.drover.hub.session.service;

import dev.drover.hub.error.ConflictException;
import dev.drover.hub.error.InvalidException;
import dev.drover.hub.host.repository.Host;
import dev.drover.protocol.daemon.ProfileInfo;

import java.util.List;
import java.util.UUID;

/**
 * What a {@link SessionSpec} resolves to on its host, checked against the profiles the host's daemon
 * offers: the profile, the mode, the command line (only for profiles that take one) and the
 * agent's session id (minted here for agents that take a pre-assigned one, so it is known from
 * the first second). Refusals ({@link InvalidException}, {@link ConflictException}) say what would work.
 */
record SpawnChoice(ProfileInfo profile, String mode, List<String> command, String agentSessionId) {

    static SpawnChoice of(SessionSpec spec, Host host) {
        List<String> command = spec.command() == null ? List.of() : spec.command();
        String id = spec.profile() != null ? spec.profile() : command.isEmpty() ? "bash" : "command";
        List<ProfileInfo> offered = host.agents();
        if (offered.isEmpty()) {
            throw new ConflictException("host " + host.name + " has not offered its agent profiles yet; retry in a moment");
        }
        ProfileInfo profile = offered.stream()
                .filter(p -> p.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new InvalidException("host " + host.name + " has no profile " + id + "; it offers: "
                        + String.join(", ", offered.stream().map(ProfileInfo::id).toList())));
        if (!profile.installed()) {
            throw new ConflictException(profile.name() + " is not installed on host " + host.name
                    + (profile.problem() == null ? "" : " (" + profile.problem() + ")"));
        }
        String mode = spec.mode() == null ? "new" : spec.mode();
        if (!profile.modes().contains(mode)) {
            throw new InvalidException(profile.name() + " cannot " + mode + " a session; it can: "
                    + String.join(", ", profile.modes()));
        }
        if (profile.userCommand() && command.isEmpty()) {
            throw new InvalidException("the " + profile.id() + " profile needs a command");
        }
        if (!profile.userCommand() && !command.isEmpty()) {
            throw new InvalidException(profile.name() + " starts its own command; use the command profile to run another one");
        }
        if (spec.cwd() != null && !spec.cwd().isBlank() && !absoluteClean(spec.cwd())) {
            throw new InvalidException("cwd must be an absolute path without . or .. segments or control characters");
        }
        return new SpawnChoice(profile, mode, command, agentSessionId(spec, profile, mode));
    }

    private static String agentSessionId(SessionSpec spec, ProfileInfo profile, String mode) {
        return switch (mode) {
            case "resume" -> {
                if (spec.agentSessionId() == null) {
                    throw new InvalidException("resume needs agentSessionId: the agent's session to resume");
                }
                yield spec.agentSessionId();
            }
            case "continue" -> {
                if (spec.agentSessionId() != null) {
                    throw new InvalidException("continue picks the latest session itself: leave agentSessionId out");
                }
                yield null;
            }
            default -> {
                if (spec.agentSessionId() != null) {
                    throw new InvalidException("a new session gets its agentSessionId from Drover or the agent");
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
