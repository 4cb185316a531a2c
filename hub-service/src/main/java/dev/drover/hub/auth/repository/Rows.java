package dev.drover.hub.auth.repository;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** What the auth repositories' plain SQL shares: ids from the first column, instants as {@code timestamptz}. */
final class Rows {

    private Rows() {
    }

    static Set<UUID> ids(RowSet<Row> rows) {
        Set<UUID> ids = new HashSet<>();
        for (Row row : rows) {
            ids.add(row.getUUID(0));
        }
        return ids;
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
