package dev.drover.profiles;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** The line of each value in a YAML document, by JSON pointer, so problems can name their line. */
final class LineIndex {

    private final Map<String, Integer> lines;

    private LineIndex(Map<String, Integer> lines) {
        this.lines = lines;
    }

    static LineIndex of(String yaml) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = new YAMLFactory().createParser(yaml)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    continue;
                }
                int line = parser.currentTokenLocation().getLineNr();
                if (token == JsonToken.FIELD_NAME) {
                    JsonPointer parent = parser.getParsingContext().getParent().pathAsPointer();
                    lines.putIfAbsent(parent.appendProperty(parser.currentName()).toString(), line);
                } else {
                    lines.putIfAbsent(parser.getParsingContext().pathAsPointer().toString(), line);
                }
            }
        } catch (IOException e) {
            // a document that does not parse has no lines to offer; the parse error names its own line
        }
        return new LineIndex(lines);
    }

    /** Whether the document holds {@code pointer} itself. */
    boolean has(String pointer) {
        return lines.containsKey(pointer);
    }

    /** The line of {@code pointer}, or of its nearest ancestor the document holds; 1 for the root. */
    int line(String pointer) {
        String p = pointer;
        while (!p.isEmpty()) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
        return 1;
    }
}
