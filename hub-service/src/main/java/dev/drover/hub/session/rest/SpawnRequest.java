package dev.drover.hub.session.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import java.util.List;
import java.util.UUID;

public record SpawnRequest(@NotNull UUID hostId, @NotEmpty List<@NotNull String> command, String cwd,
        @Min(1) @Max(1000) Integer cols, @Min(1) @Max(1000) Integer rows) {
}
