package dev.drover.hub.preferences.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * One row of appearance choices per account, through the reactive client directly: a save is an
 * {@code INSERT ... ON CONFLICT} so that two first saves at once do not collide on the key.
 */
@ApplicationScoped
public class AccountPreferenceRepository {

    /** A stored row; a null field was never chosen. */
    public record StoredPreferences(String theme, String terminalFontFamily, Integer terminalFontSize,
            OffsetDateTime updatedAt) {
    }

    private static final String FIND = """
            SELECT theme, terminal_font_family, terminal_font_size, updated_at
            FROM account_preference WHERE account_id = $1""";
    private static final String UPSERT = """
            INSERT INTO account_preference (account_id, theme, terminal_font_family, terminal_font_size, updated_at)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (account_id) DO UPDATE SET theme = excluded.theme,
                terminal_font_family = excluded.terminal_font_family,
                terminal_font_size = excluded.terminal_font_size,
                updated_at = excluded.updated_at
            RETURNING theme, terminal_font_family, terminal_font_size, updated_at""";

    private final Pool pool;

    public AccountPreferenceRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<StoredPreferences>> find(UUID accountId) {
        return pool.preparedQuery(FIND)
                .execute(Tuple.of(accountId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(read(rows.iterator().next())));
    }

    /** Replaces the account's choices (creating its row on the first save); answers what is stored. */
    public Uni<StoredPreferences> save(UUID accountId, StoredPreferences preferences) {
        return pool.preparedQuery(UPSERT)
                .execute(Tuple.tuple()
                        .addUUID(accountId)
                        .addString(preferences.theme())
                        .addString(preferences.terminalFontFamily())
                        .addInteger(preferences.terminalFontSize())
                        .addOffsetDateTime(preferences.updatedAt().withOffsetSameInstant(ZoneOffset.UTC)))
                .map(rows -> read(rows.iterator().next()));
    }

    private static StoredPreferences read(Row row) {
        return new StoredPreferences(row.getString("theme"), row.getString("terminal_font_family"),
                row.getInteger("terminal_font_size"), row.getOffsetDateTime("updated_at"));
    }
}
