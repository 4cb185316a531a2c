package dev.drover.profiles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Loads the shipped profiles (inside this jar) and merges local overrides over them: an override
 * file with the id of a shipped profile changes only the keys it names (objects merge, lists and
 * values replace); one with a new id adds a profile. Every merged profile is checked against
 * {@code profile.schema.json} and {@link ProfileRules}; problems name the file and line they come from.
 */
public final class ProfileLoader {

    static final String SHIPPED = "dev/drover/profiles/shipped/";
    private static final Pattern CONVENTION_NAME = Pattern.compile("[a-z][a-z0-9-]{0,40}");

    private final ObjectMapper yaml = YAMLMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private final JsonSchema schema;

    public ProfileLoader() {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
        try (InputStream in = resource("profile.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(new ObjectMapper().readTree(in), config);
        } catch (IOException e) {
            throw new UncheckedIOException("the profile schema is missing from the jar", e);
        }
    }

    /** The shipped profiles only. */
    public ProfileCatalog loadShipped() {
        return load(Optional.empty());
    }

    /** The shipped profiles with the {@code *.yaml}/{@code *.yml} files of {@code overridesDir} merged over them. */
    public ProfileCatalog load(Optional<Path> overridesDir) {
        List<ProfileProblem> problems = new ArrayList<>();
        Map<String, Document> shipped = new LinkedHashMap<>();
        for (Source source : shippedSources()) {
            parse(source, problems).ifPresent(doc -> shipped.put(doc.id(), doc));
        }
        Map<String, Document> overrides = new LinkedHashMap<>();
        for (Source source : overrideSources(overridesDir, problems)) {
            parse(source, problems).ifPresent(doc -> {
                Document earlier = overrides.putIfAbsent(doc.id(), doc);
                if (earlier != null) {
                    problems.add(new ProfileProblem(source.name(), doc.lines().line("/id"),
                            "profile " + doc.id() + " is already overridden by " + earlier.source().name()));
                }
            });
        }
        Map<String, AgentProfile> profiles = new LinkedHashMap<>();
        shipped.forEach((id, base) -> {
            Document override = overrides.remove(id);
            Optional<AgentProfile> merged = override == null ? Optional.empty() : check(base, override, problems);
            merged.or(() -> check(null, base, problems)).ifPresent(profile -> profiles.put(id, profile));
        });
        overrides.forEach((id, added) -> check(null, added, problems).ifPresent(profile -> profiles.put(id, profile)));
        return new ProfileCatalog(profiles, problems);
    }

    /** Checks {@code top} merged over {@code base} (when given); problems are charged to the file that set the value. */
    private Optional<AgentProfile> check(Document base, Document top, List<ProfileProblem> problems) {
        JsonNode merged = withConvention(base == null ? top.tree().deepCopy() : merge(base.tree().deepCopy(), top.tree()));
        List<ProfileProblem> found = new ArrayList<>();
        for (ValidationMessage message : schema.validate(merged)) {
            String pointer = message.getInstanceLocation().toString();
            if ("additionalProperties".equals(message.getType()) && message.getProperty() != null) {
                pointer = pointer + "/" + message.getProperty();
            }
            found.add(problem(base, top, pointer, describe(pointer, message)));
        }
        if (found.isEmpty()) {
            ProfileRules.check(merged).forEach(rule -> found.add(problem(base, top, rule.pointer(), rule.reason())));
        }
        if (!found.isEmpty()) {
            problems.addAll(found);
            return Optional.empty();
        }
        try {
            return Optional.of(yaml.treeToValue(merged, AgentProfile.class));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            problems.add(new ProfileProblem(top.source().name(), 1, "cannot be read: " + e.getMessage()));
            return Optional.empty();
        }
    }

    /**
     * The profile with {@code telemetry.usage.convention} replaced by the shipped mapping it names
     * ({@code conventions/<name>.yaml}) with the usage's other keys merged over it; unchanged when it names none
     * that ships, so that the schema reports the name.
     */
    private JsonNode withConvention(JsonNode profile) {
        if (!(profile.at("/telemetry/usage") instanceof ObjectNode usage)
                || !usage.path("convention").isTextual()
                || !CONVENTION_NAME.matcher(usage.get("convention").asText()).matches()) {
            return profile;
        }
        try (InputStream in = ProfileLoader.class.getClassLoader()
                .getResourceAsStream(SHIPPED + "conventions/" + usage.get("convention").asText() + ".yaml")) {
            if (in == null) {
                return profile;
            }
            ObjectNode given = usage.deepCopy();
            given.remove("convention");
            ((ObjectNode) profile.get("telemetry")).set("usage", merge((ObjectNode) yaml.readTree(in), given));
            return profile;
        } catch (IOException e) {
            throw new UncheckedIOException("a shipped usage convention cannot be read", e);
        }
    }

    private static ProfileProblem problem(Document base, Document top, String pointer, String reason) {
        Document owner = base == null || top.lines().has(pointer) || !base.lines().has(pointer) ? top : base;
        return new ProfileProblem(owner.source().name(), owner.lines().line(pointer), reason);
    }

    private static String describe(String pointer, ValidationMessage message) {
        String where = pointer.isEmpty() ? "profile" : pointer.substring(1).replace('/', '.');
        return where + ": " + message.getError();
    }

    private static JsonNode merge(ObjectNode base, JsonNode top) {
        top.properties().forEach(entry -> {
            JsonNode existing = base.get(entry.getKey());
            if (existing instanceof ObjectNode object && entry.getValue().isObject()) {
                merge(object, entry.getValue());
            } else {
                base.set(entry.getKey(), entry.getValue());
            }
        });
        return base;
    }

    private Optional<Document> parse(Source source, List<ProfileProblem> problems) {
        JsonNode tree;
        try {
            tree = yaml.readTree(source.text());
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
            problems.add(new ProfileProblem(source.name(), line, "not valid YAML: " + e.getOriginalMessage()));
            return Optional.empty();
        }
        if (tree == null || !tree.isObject()) {
            problems.add(new ProfileProblem(source.name(), 1, "a profile is a YAML mapping (id: …, name: …)"));
            return Optional.empty();
        }
        JsonNode id = tree.get("id");
        LineIndex lines = LineIndex.of(source.text());
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
            problems.add(new ProfileProblem(source.name(), lines.line("/id"), "id: required, the profile's name in lower case"));
            return Optional.empty();
        }
        return Optional.of(new Document(source, id.asText(), (ObjectNode) tree, lines));
    }

    private static List<Source> shippedSources() {
        try (InputStream list = resource("shipped.list")) {
            List<Source> sources = new ArrayList<>();
            for (String name : new String(list.readAllBytes(), StandardCharsets.UTF_8).split("\\s+")) {
                if (!name.isBlank()) {
                    try (InputStream in = resource(name + ".yaml")) {
                        sources.add(new Source("agent-profiles/" + name + ".yaml",
                                new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                    }
                }
            }
            return sources;
        } catch (IOException e) {
            throw new UncheckedIOException("the shipped profiles are missing from the jar", e);
        }
    }

    private static List<Source> overrideSources(Optional<Path> dir, List<ProfileProblem> problems) {
        if (dir.isEmpty() || !Files.isDirectory(dir.get())) {
            return List.of();
        }
        List<Source> sources = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir.get())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(Path::toString))
                    .toList()) {
                try {
                    sources.add(new Source(file.toString(), Files.readString(file)));
                } catch (IOException e) {
                    problems.add(new ProfileProblem(file.toString(), 1, "cannot be read: " + e.getMessage()));
                }
            }
        } catch (IOException e) {
            problems.add(new ProfileProblem(dir.get().toString(), 1, "cannot be listed: " + e.getMessage()));
        }
        return sources;
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = ProfileLoader.class.getClassLoader().getResourceAsStream(SHIPPED + name);
        if (in == null) {
            throw new IOException(SHIPPED + name + " not found");
        }
        return in;
    }

    private record Source(String name, String text) {
    }

    private record Document(Source source, String id, ObjectNode tree, LineIndex lines) {
    }
}
