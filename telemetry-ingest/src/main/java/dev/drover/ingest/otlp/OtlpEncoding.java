package dev.drover.ingest.otlp;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The two OTLP/HTTP body encodings. JSON follows the OTLP JSON mapping: lowerCamelCase names, 64-bit integers
 * as strings or numbers, enums as numbers, and trace and span ids as hex (not base64 as in the protobuf JSON
 * mapping); unknown fields are ignored.
 */
public enum OtlpEncoding {
    PROTOBUF("application/x-protobuf"),
    JSON("application/json");

    private static final Set<String> HEX_ID_FIELDS = Set.of("traceId", "spanId", "parentSpanId");
    private static final JsonFormat.Parser JSON_PARSER = JsonFormat.parser().ignoringUnknownFields();
    private static final JsonFormat.Printer JSON_PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

    private final String mediaType;

    OtlpEncoding(String mediaType) {
        this.mediaType = mediaType;
    }

    /** The media type to answer with. */
    public String mediaType() {
        return mediaType;
    }

    /** The encoding named by a {@code Content-Type} header (parameters such as charset are ignored). */
    public static Optional<OtlpEncoding> of(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        for (OtlpEncoding encoding : values()) {
            if (encoding.mediaType.equals(mediaType)) {
                return Optional.of(encoding);
            }
        }
        return Optional.empty();
    }

    /** Decodes the body into {@code builder}'s message type. */
    @SuppressWarnings("unchecked")
    public <T extends Message> T decode(byte[] body, Message.Builder builder) {
        try {
            if (this == PROTOBUF) {
                return (T) builder.mergeFrom(body).build();
            }
            JsonElement tree = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
            hexIdsToBase64(tree);
            JSON_PARSER.merge(tree.toString(), builder);
            return (T) builder.build();
        } catch (InvalidProtocolBufferException | JsonParseException | IllegalStateException | IllegalArgumentException e) {
            throw new UndecodableExportException("the body is not a valid OTLP " + builder.getDescriptorForType().getName()
                    + " in " + mediaType + ": " + e.getMessage());
        }
    }

    /** Encodes a response message. */
    public byte[] encode(Message message) {
        if (this == PROTOBUF) {
            return message.toByteArray();
        }
        try {
            return JSON_PRINTER.print(message).getBytes(StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("OTLP responses are always printable as JSON", e);
        }
    }

    private static void hexIdsToBase64(JsonElement element) {
        if (element instanceof JsonObject object) {
            for (Map.Entry<String, JsonElement> field : object.entrySet()) {
                if (HEX_ID_FIELDS.contains(field.getKey()) && field.getValue() instanceof JsonPrimitive id && id.isString()) {
                    field.setValue(new JsonPrimitive(Base64.getEncoder().encodeToString(hex(id.getAsString()))));
                } else {
                    hexIdsToBase64(field.getValue());
                }
            }
        } else if (element instanceof JsonArray array) {
            array.forEach(OtlpEncoding::hexIdsToBase64);
        }
    }

    private static byte[] hex(String id) {
        try {
            return HexFormat.of().parseHex(id);
        } catch (IllegalArgumentException e) {
            throw new UndecodableExportException("trace and span ids must be hex: " + id);
        }
    }
}
