-- Telemetry events the hub could not apply (a value the database refuses, a negative count):
-- kept with the reason so an admin can see them, and acknowledged so the stream goes on.
-- Identifiers are stored with control characters escaped; the event itself as received.
CREATE TABLE telemetry_dead_letter (
    event_id    text PRIMARY KEY,
    session_id  text        NOT NULL,
    reason      text        NOT NULL,
    event       bytea       NOT NULL,
    received_at timestamptz NOT NULL
);

CREATE INDEX telemetry_dead_letter_received ON telemetry_dead_letter (received_at);
