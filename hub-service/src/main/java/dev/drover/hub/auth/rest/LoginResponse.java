package dev.drover.hub.auth.rest;

import java.time.Instant;

public record LoginResponse(String token, Instant expiresAt, UserView user) {
}
