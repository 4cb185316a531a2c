package dev.drover.hub.host.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record EnrollmentRequest(@NotBlank String joinToken, @Size(max = 255) String hostname) {
}
