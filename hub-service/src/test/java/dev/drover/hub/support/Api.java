package dev.drover.hub.support;

import dev.drover.hub.account.service.AccountService;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Shortcuts the tests share: signing in, creating accounts and hosts, raw SQL. */
public final class Api {

    public static final String ADMIN_PASSWORD = "admin-test-password";

    private Api() {
    }

    public static String login(String username, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .post("/api/v1/auth/login")
                .then().statusCode(200)
                .extract().path("token");
    }

    public static String adminToken() {
        return login("admin", ADMIN_PASSWORD);
    }

    /** Creates an account with a unique name and the given role; answers its login token. */
    public static String tokenForNewAccount(AccountService accounts, String role) {
        return newAccount(accounts, role).token();
    }

    /** A new account's name and login token. */
    public record NewAccount(String username, String token) {
    }

    /** Creates an account with a unique name and the given role and signs in. */
    public static NewAccount newAccount(AccountService accounts, String role) {
        String username = role + "-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + UUID.randomUUID();
        try {
            VertxContextSupport.subscribeAndAwait(() -> accounts.create(username, password, Set.of(role)));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        return new NewAccount(username, login(username, password));
    }

    /** Shares the session with {@code username} ({@code view} or {@code type}) as {@code token}'s holder, its owner or an admin. */
    public static void share(String token, Object sessionId, String username, String access) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("access", access))
                .put("/api/v1/sessions/" + sessionId + "/shares/" + username)
                .then().statusCode(200);
    }

    /** A created host: its id and its join token. */
    public record NewHost(String id, String joinToken) {
    }

    public static NewHost createHost(String adminToken, String name) {
        var response = given().auth().oauth2(adminToken).contentType(ContentType.JSON)
                .body(Map.of("name", name))
                .post("/api/v1/hosts")
                .then().statusCode(201)
                .extract();
        return new NewHost(response.path("host.id"), response.path("joinToken"));
    }

    /** Creates and enrols a host; answers its id and credential. */
    public static Enrolled enrolledHost(String adminToken, String name) {
        NewHost host = createHost(adminToken, name);
        String credential = given().contentType(ContentType.JSON)
                .body(Map.of("joinToken", host.joinToken(), "hostname", name + ".example"))
                .post("/api/v1/enrollments")
                .then().statusCode(200)
                .extract().path("credential");
        return new Enrolled(UUID.fromString(host.id()), credential);
    }

    public record Enrolled(UUID id, String credential) {
    }

    /** The ids of the enabled admins other than {@code username}. */
    public static List<String> enabledAdminsBut(String adminToken, String username) {
        List<Map<String, Object>> all = given().auth().oauth2(adminToken).get("/api/v1/users")
                .then().statusCode(200).extract().path("");
        return all.stream()
                .filter(p -> "admin".equals(p.get("role")) && Boolean.FALSE.equals(p.get("disabled"))
                        && !username.equals(p.get("username")))
                .map(p -> (String) p.get("id"))
                .toList();
    }

    /** The id of the account named {@code username}. */
    public static String userId(String adminToken, String username) {
        List<Map<String, Object>> all = given().auth().oauth2(adminToken).get("/api/v1/users")
                .then().statusCode(200).extract().path("");
        return all.stream().filter(p -> username.equals(p.get("username")))
                .map(p -> (String) p.get("id")).findFirst().orElseThrow();
    }

    /** Records a running session {@code id} on the host, started by {@code createdBy} (replacing one with that id). */
    public static void insertSession(UUID id, UUID hostId, String createdBy) throws SQLException {
        try (Connection db = jdbc(); PreparedStatement insert = db.prepareStatement(
                "INSERT INTO session (id, host_id, command, state, created_by, created_at, profile, mode, agent_session_id) "
                        + "VALUES (?, ?, ARRAY['claude'], 'running', ?, now(), 'claude', 'new', 'agent-1') "
                        + "ON CONFLICT (id) DO UPDATE SET host_id = EXCLUDED.host_id, created_by = EXCLUDED.created_by")) {
            insert.setObject(1, id);
            insert.setObject(2, hostId);
            insert.setString(3, createdBy);
            insert.executeUpdate();
        }
    }

    public static Connection jdbc() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class), "");
    }
}
