package dev.drover.protocol.golden;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.assertj.core.api.SoftAssertions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The golden wire messages and frame layouts in {@code src/test/resources/golden/} of the protocol
 * module (see the README there), read from the class path: this module's tests, the hub's and the
 * daemon's read them through the protocol's test jar, the web UI's tests by path.
 */
public final class Golden {

    private Golden() {
    }

    /** The text of {@code golden/<path>}. */
    public static String text(String path) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden file golden/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes a golden file spells in hex, spaces (between fields, for the reader) ignored. */
    public static byte[] hex(String spelled) {
        return HexFormat.of().parseHex(spelled.replaceAll("\\s", ""));
    }

    /**
     * Asserts, with {@code mapper}, that each sample encodes to the JSON of its golden file
     * {@code golden/<folder>/<name>.json} (same properties and values, in any order) and that the
     * golden file decodes to the sample, reporting every mismatch at once.
     */
    public static <T> void assertRoundTrips(ObjectMapper mapper, Class<T> root, String folder,
            Map<String, ? extends T> samples) {
        SoftAssertions softly = new SoftAssertions();
        samples.forEach((name, sample) -> {
            String file = folder + "/" + name + ".json";
            String golden = text(file);
            try {
                softly.assertThat(mapper.readTree(mapper.writerFor(root).writeValueAsString(sample)))
                        .as("the sample for golden/%s, encoded", file)
                        .isEqualTo(mapper.readTree(golden));
                softly.assertThat(mapper.readValue(golden, root))
                        .as("golden/%s, decoded", file)
                        .isEqualTo(sample);
            } catch (JsonProcessingException e) {
                softly.fail("golden/%s: %s", file, e.getOriginalMessage());
            }
        });
        softly.assertAll();
    }

    /**
     * The JSON type names of every record that implements the sealed {@code root} (directly or
     * through sealed sub-interfaces), as {@code root}'s {@link JsonSubTypes} names them; a record
     * it does not name gives {@code null}, so a type added without a name shows up as well.
     */
    public static List<String> typeNames(Class<?> root) {
        JsonSubTypes.Type[] named = root.getAnnotation(JsonSubTypes.class).value();
        List<String> names = new ArrayList<>();
        for (Class<?> type : records(root)) {
            String name = null;
            for (JsonSubTypes.Type candidate : named) {
                if (candidate.value() == type) {
                    name = candidate.name();
                }
            }
            names.add(name == null ? "(no @JsonSubTypes name for " + type.getName() + ")" : name);
        }
        return names;
    }

    private static List<Class<?>> records(Class<?> sealed) {
        List<Class<?>> records = new ArrayList<>();
        for (Class<?> permitted : sealed.getPermittedSubclasses()) {
            if (permitted.isRecord()) {
                records.add(permitted);
            } else {
                records.addAll(records(permitted));
            }
        }
        return records;
    }
}
