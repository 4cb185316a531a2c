package dev.drover.hub.live.service;

/**
 * Another feature's change for the pages of admins and one person (fire it as a CDI event; nobody
 * offline gets it): sent on the event socket as {@code {"type": type, field: body}}, with {@code body}
 * serialized as its REST view is. It keeps the event socket free of the features it carries.
 */
public record FeatureChange(String type, String field, Object body, String account) {
}
