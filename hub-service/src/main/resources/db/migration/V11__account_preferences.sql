-- What a person chose for the web UI's appearance, kept with their account so that it follows them
-- from browser to browser. A null column is "not chosen": the web UI shows its default.

CREATE TABLE account_preference (
    account_id           uuid PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
    theme                text,
    terminal_font_family text,
    terminal_font_size   integer,
    updated_at           timestamptz NOT NULL,
    CONSTRAINT account_preference_theme CHECK (theme IN ('system', 'light', 'dark')),
    CONSTRAINT account_preference_font_size CHECK (terminal_font_size BETWEEN 8 AND 32),
    CONSTRAINT account_preference_font_family CHECK (char_length(terminal_font_family) BETWEEN 1 AND 256)
);
