package dev.drover.hub.session.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A change to a session: its task description (empty clears it). */
public record UpdateSessionRequest(@NotNull @Size(max = 2000) String task) {
}
