package dev.drover.protocol.golden;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * An object mapper configured as Quarkus configures the one the hub and the daemon inject: unknown
 * properties ignored, dates as ISO-8601 text. The hub's and the daemon's own contract tests use the
 * injected mapper instead, so a change to either application's Jackson configuration is caught there.
 */
public final class QuarkusJson {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .addModule(new JavaTimeModule())
            .build();

    private QuarkusJson() {
    }
}
