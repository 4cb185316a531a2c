package dev.drover.hub.account.service;

import java.util.List;

/** Role names carried in tokens' {@code groups}. */
public final class Role {

    public static final String ADMIN = "admin";
    public static final String OPERATOR = "operator";
    public static final String VIEWER = "viewer";

    /** The roles from the fewest rights to the most: each may do all that the ones before it may. */
    public static final List<String> ASCENDING = List.of(VIEWER, OPERATOR, ADMIN);

    private Role() {
    }

    /** Where {@code role} stands in {@link #ASCENDING}: -1 for what is no role. */
    public static int rank(String role) {
        return ASCENDING.indexOf(role);
    }

    /** The highest rank among {@code roles}, -1 when none is a role. */
    public static int highest(List<String> roles) {
        return roles.stream().mapToInt(Role::rank).max().orElse(-1);
    }
}
