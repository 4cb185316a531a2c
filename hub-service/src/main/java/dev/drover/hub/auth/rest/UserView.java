package dev.drover.hub.auth.rest;

import java.util.List;

/** Who is signed in. */
public record UserView(String username, List<String> roles) {
}
