package dev.drover.profiles;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The usage figure a kind of tokens adds to. The same for every agent: {@code input} is prompt tokens
 * neither read from nor written to the cache, {@code output} is generated tokens (thinking included),
 * {@code cacheRead} and {@code cacheCreation} are prompt tokens read from and written to the cache.
 */
public enum TokenField {
    @JsonProperty("input")
    INPUT,
    @JsonProperty("output")
    OUTPUT,
    @JsonProperty("cacheRead")
    CACHE_READ,
    @JsonProperty("cacheCreation")
    CACHE_CREATION
}
