package dev.drover.hub.host.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record CreateHostRequest(@NotBlank @Size(max = 100) String name) {
}
