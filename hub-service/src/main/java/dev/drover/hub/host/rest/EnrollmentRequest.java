package dev.drover.hub.host.rest;

import dev.drover.hub.validation.Text;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record EnrollmentRequest(@NotBlank @Text String joinToken, @Size(max = 255) @Text String hostname) {
}
