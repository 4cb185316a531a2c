package dev.drover.ingest.mapping;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** OTLP attributes as sorted string maps. */
public final class Attributes {

    private Attributes() {
    }

    /** Every attribute, sorted by key, its value rendered as text. */
    public static TreeMap<String, String> of(List<KeyValue> attributes) {
        TreeMap<String, String> result = new TreeMap<>();
        for (KeyValue attribute : attributes) {
            result.put(attribute.getKey(), text(attribute.getValue()));
        }
        return result;
    }

    /** A value as text: scalars as written, arrays comma separated, key-value lists as {@code k=v}. */
    public static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            case BYTES_VALUE -> HexFormat.of().formatHex(value.getBytesValue().toByteArray());
            case ARRAY_VALUE -> value.getArrayValue().getValuesList().stream()
                    .map(Attributes::text)
                    .collect(Collectors.joining(","));
            case KVLIST_VALUE -> value.getKvlistValue().getValuesList().stream()
                    .map(kv -> kv.getKey() + "=" + text(kv.getValue()))
                    .collect(Collectors.joining(","));
            case VALUE_NOT_SET -> "";
        };
    }

    /** A stable text form of a sorted attribute map, for event ids. */
    public static String canonical(Map<String, String> sorted) {
        return sorted.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\u0001"));
    }
}
