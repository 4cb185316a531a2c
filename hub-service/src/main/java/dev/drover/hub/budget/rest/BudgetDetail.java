package dev.drover.hub.budget.rest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** What an audit entry of a budget change holds: its subject and its new limits (absent ones left out). */
final class BudgetDetail {

    private BudgetDetail() {
    }

    static Map<String, Object> of(String scope, String user, UUID hostId, String path, String costUsd, Long tokens) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("scope", scope);
        if (user != null) {
            detail.put("user", user);
        }
        if (hostId != null) {
            detail.put("hostId", hostId.toString());
        }
        if (path != null) {
            detail.put("path", path);
        }
        if (costUsd != null) {
            detail.put("costUsd", costUsd);
        }
        if (tokens != null) {
            detail.put("tokens", tokens);
        }
        return detail;
    }
}
