package dev.drover.daemon.profile;

import dev.drover.daemon.session.Executables;
import dev.drover.profiles.AgentProfile;
import dev.drover.profiles.SpawnMode;
import dev.drover.protocol.daemon.ProfileInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a profile's CLI is installed on this host, where, and which version: the binary is
 * looked up on the daemon's PATH and its version command run with a timeout.
 */
final class AgentDetection {

    private static final int MAX_OUTPUT = 4096;

    private AgentDetection() {
    }

    static ProfileInfo detect(AgentProfile profile, String path, Duration timeout) {
        if (profile.binary() == null) {
            return info(profile, true, null, null, null);
        }
        Optional<String> found = Executables.find(profile.binary().command(), path, Path.of("/"));
        if (found.isEmpty()) {
            return info(profile, false, null, null, profile.binary().command() + " is not on the PATH");
        }
        AgentProfile.Version version = profile.binary().version();
        if (version == null) {
            return info(profile, true, null, found.get(), null);
        }
        List<String> command = new ArrayList<>();
        command.add(found.get());
        command.addAll(version.args());
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readNBytes(MAX_OUTPUT), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return info(profile, false, null, found.get(), "its version command did not finish in " + timeout.toSeconds() + " s");
            }
            Matcher m = Pattern.compile(version.pattern()).matcher(output);
            if (!m.find()) {
                return info(profile, true, null, found.get(), "version not recognised in: " + firstLine(output));
            }
            return info(profile, true, m.group(1), found.get(), null);
        } catch (IOException e) {
            return info(profile, false, null, found.get(), "cannot run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return info(profile, false, null, found.get(), "detection interrupted");
        }
    }

    private static String firstLine(String output) {
        String line = output.strip().lines().findFirst().orElse("");
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }

    private static ProfileInfo info(AgentProfile profile, boolean installed, String version, String path, String problem) {
        return new ProfileInfo(profile.id(), profile.name(), profile.description(),
                profile.modes().stream().map(SpawnMode::wire).toList(),
                profile.agentSessionId().name().toLowerCase(Locale.ROOT), profile.userCommand(),
                !profile.commands().prompt().isEmpty(), installed, version, path,
                problem);
    }
}
