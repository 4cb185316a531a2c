package dev.drover.hub.host.rest;

import java.util.Map;

/** {@code PATCH /api/v1/hosts/{id}}: the fields to change; an absent field stays as it is. */
public record UpdateHostRequest(String name, Map<String, String> labels) {
}
