package dev.drover.hub.account.service;

/** Role names carried in tokens' {@code groups}. */
public final class Role {

    public static final String ADMIN = "admin";
    public static final String OPERATOR = "operator";
    public static final String VIEWER = "viewer";

    private Role() {
    }
}
