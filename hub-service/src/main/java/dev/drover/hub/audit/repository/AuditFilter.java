package dev.drover.hub.audit.repository;

import java.time.Instant;
import java.util.List;

/**
 * What an audit search keeps: {@code actor} and {@code target} exactly, {@code action} exactly or as
 * a family ({@code user} keeps {@code user.created}, {@code user.disabled}, …), entries from
 * {@code from} (inclusive) to {@code to} (exclusive), and entries holding every one of {@code words}
 * (ignoring case) in their actor, token, action, target, address or detail. A null or empty field keeps all.
 */
public record AuditFilter(String actor, String action, String target, Instant from, Instant to, List<String> words) {
}
