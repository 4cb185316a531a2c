package dev.drover.hub.session.rest;

import dev.drover.hub.validation.Text;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A change to a session: its task description (empty clears it). */
public record UpdateSessionRequest(@NotNull @Size(max = 2000) @Text String task) {
}
