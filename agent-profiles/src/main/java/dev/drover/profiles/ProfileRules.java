package dev.drover.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The rules a schema cannot say: patterns compile and have the group they need, placeholders are
 * known and used where they make sense, secrets never reach process arguments, the stop sequence
 * ends with KILL, and the commands fit the profile's kind.
 */
final class ProfileRules {

    /** A broken rule at a JSON pointer. */
    record Violation(String pointer, String reason) {
    }

    private static final Set<String> PATH_PLACEHOLDERS = Set.of("project", "home", "cwd");
    private static final String[] MODES = {"new", "resume", "continue"};

    private ProfileRules() {
    }

    static List<Violation> check(JsonNode profile) {
        List<Violation> found = new ArrayList<>();
        boolean preassigned = "preassigned".equals(profile.path("agentSessionId").asText("none"));
        boolean userCommand = profile.path("userCommand").asBoolean(false);

        pattern(profile, "/binary/version/pattern", true, found);
        pattern(profile, "/resume/capture", true, found);
        for (String kind : List.of("osc", "title", "screen")) {
            JsonNode patterns = profile.at("/status/" + kind);
            for (int i = 0; i < patterns.size(); i++) {
                pattern(profile, "/status/" + kind + "/" + i + "/pattern", false, found);
            }
        }

        for (String mode : MODES) {
            arguments(profile, "/commands/" + mode, false, found);
        }
        arguments(profile, "/commands/prompt", true, found);
        arguments(profile, "/hooks/args", false, found);
        arguments(profile, "/binary/version/args", false, found);
        JsonNode resume = profile.at("/commands/resume");
        if (!resume.isMissingNode() && !uses(resume, "agentSessionId")) {
            found.add(new Violation("/commands/resume", "commands.resume must pass {agentSessionId}"));
        }
        JsonNode prompt = profile.at("/commands/prompt");
        if (prompt.size() > 0 && !uses(prompt, "prompt")) {
            found.add(new Violation("/commands/prompt", "commands.prompt must pass {prompt}"));
        }
        JsonNode start = profile.at("/commands/new");
        if (uses(start, "agentSessionId") != preassigned) {
            found.add(new Violation("/commands/new", preassigned
                    ? "agentSessionId: preassigned needs {agentSessionId} in commands.new"
                    : "{agentSessionId} in commands.new needs agentSessionId: preassigned"));
        }
        if (userCommand && (start.size() > 0 || profile.has("binary"))) {
            found.add(new Violation("/userCommand", "a userCommand profile has no binary and an empty commands.new"));
        }
        if (!userCommand && start.isEmpty()) {
            found.add(new Violation("/commands/new", "commands.new is empty: give the command, or set userCommand: true"));
        }
        if (!userCommand && !profile.has("binary")) {
            found.add(new Violation("/binary", "binary is required unless userCommand is true"));
        }
        if ("captured".equals(profile.path("agentSessionId").asText()) && profile.at("/resume/capture").isMissingNode()) {
            found.add(new Violation("/agentSessionId", "agentSessionId: captured needs resume.capture"));
        }

        values(profile.path("env"), "/env", found);
        values(profile.at("/telemetry/env"), "/telemetry/env", found);
        for (String files : List.of("/files", "/telemetry/files", "/hooks/files")) {
            JsonNode list = profile.at(files);
            for (int i = 0; i < list.size(); i++) {
                values(list.get(i), files + "/" + i, found);
            }
        }
        paths(profile.at("/mcp"), "/mcp", "path", found);
        JsonNode transcripts = profile.at("/transcripts/paths");
        for (int i = 0; i < transcripts.size(); i++) {
            path(transcripts.get(i).asText(), "/transcripts/paths/" + i, found);
        }

        JsonNode stop = profile.path("stop");
        if (stop.size() > 0 && !"KILL".equals(stop.get(stop.size() - 1).path("signal").asText())) {
            found.add(new Violation("/stop/" + (stop.size() - 1), "the last stop step must be signal: KILL"));
        }
        return found;
    }

    private static void pattern(JsonNode profile, String pointer, boolean needsGroup, List<Violation> found) {
        JsonNode node = profile.at(pointer);
        if (node.isMissingNode()) {
            return;
        }
        try {
            Pattern compiled = Pattern.compile(node.asText());
            if (needsGroup && compiled.matcher("").groupCount() < 1) {
                found.add(new Violation(pointer, "the pattern needs a group ( … ) around the value to capture"));
            }
        } catch (PatternSyntaxException e) {
            found.add(new Violation(pointer, "not a valid regular expression: " + e.getDescription()));
        }
    }

    private static void arguments(JsonNode profile, String pointer, boolean promptAllowed, List<Violation> found) {
        JsonNode args = profile.at(pointer);
        for (int i = 0; i < args.size(); i++) {
            for (String name : Templates.placeholders(args.get(i).asText())) {
                String at = pointer + "/" + i;
                if (Templates.SECRETS.contains(name)) {
                    found.add(new Violation(at, "{" + name + "} is a secret: use it in env or files, never in process arguments"));
                } else if (name.equals("prompt") && !promptAllowed) {
                    found.add(new Violation(at, "{prompt} belongs in commands.prompt"));
                } else if (!known(name)) {
                    found.add(new Violation(at, unknown(name)));
                }
            }
        }
    }

    private static void values(JsonNode node, String pointer, List<Violation> found) {
        node.properties().forEach(entry -> {
            for (String name : Templates.placeholders(entry.getValue().asText())) {
                if (name.equals("prompt")) {
                    found.add(new Violation(pointer + "/" + entry.getKey(), "{prompt} belongs in commands.prompt"));
                } else if (!known(name)) {
                    found.add(new Violation(pointer + "/" + entry.getKey(), unknown(name)));
                }
            }
        });
    }

    private static void paths(JsonNode list, String pointer, String field, List<Violation> found) {
        for (int i = 0; i < list.size(); i++) {
            path(list.get(i).path(field).asText(), pointer + "/" + i + "/" + field, found);
        }
    }

    private static void path(String path, String pointer, List<Violation> found) {
        for (String name : Templates.placeholders(path)) {
            if (!name.startsWith("env:") && !PATH_PLACEHOLDERS.contains(name)) {
                found.add(new Violation(pointer, "{" + name + "} cannot be used in this path (use {project}, {home}, {cwd} or {env:NAME})"));
            }
        }
    }

    private static boolean uses(JsonNode args, String name) {
        for (JsonNode arg : args) {
            if (Templates.placeholders(arg.asText()).contains(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean known(String name) {
        return name.startsWith("env:") || Templates.NAMES.contains(name);
    }

    private static String unknown(String name) {
        return "unknown placeholder {" + name + "}; known: " + String.join(", ", new java.util.TreeSet<>(Templates.NAMES))
                + ", env:NAME";
    }
}
