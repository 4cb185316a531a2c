package dev.drover.hub.session.service;

import dev.drover.hub.session.repository.Session;

/** A session with the name of the host it runs on (null once that host is gone). */
public record HostedSession(Session session, String hostName) {
}
