package dev.drover.hub.auth.rest;

import dev.drover.hub.validation.Text;
import jakarta.validation.constraints.NotBlank;

public record LoginRequest(@NotBlank @Text String username, @NotBlank @Text String password) {
}
