package dev.drover.hub.session.service;

import java.util.List;

/** Some sessions of a filtered list, how many match in all, and how many more ended ones the filter hid. */
public record SessionPage(List<HostedSession> sessions, long total, long hiddenEnded) {
}
