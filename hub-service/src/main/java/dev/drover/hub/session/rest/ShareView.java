package dev.drover.hub.session.rest;

import dev.drover.hub.session.repository.SessionShareRepository.Share;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** A session shared with {@code username}: {@code view} to watch, {@code type} to act on it too. */
public record ShareView(
        @Schema(required = true) String username,
        @Schema(required = true, enumeration = {"view", "type"}) String access,
        @Schema(required = true) String grantedBy,
        @Schema(required = true) Instant grantedAt) {

    static ShareView of(Share share) {
        return new ShareView(share.username(), share.access(), share.grantedBy(), share.grantedAt());
    }
}
