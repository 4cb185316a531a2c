package dev.drover.hub.preferences.service;

import dev.drover.hub.account.repository.AccountRepository;
import dev.drover.hub.error.NotAuthenticatedException;
import dev.drover.hub.preferences.repository.AccountPreferenceRepository;
import dev.drover.hub.preferences.repository.AccountPreferenceRepository.StoredPreferences;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/** Each account's appearance choices, found by the signed-in person's name and kept by account id. */
@ApplicationScoped
public class PreferenceService {

    private final AccountRepository accounts;
    private final AccountPreferenceRepository preferences;

    public PreferenceService(AccountRepository accounts, AccountPreferenceRepository preferences) {
        this.accounts = accounts;
        this.preferences = preferences;
    }

    /** The account's choices, {@link Preferences#NONE} before its first save. */
    @WithSpan
    public Uni<Preferences> of(String username) {
        return accountId(username)
                .chain(preferences::find)
                .map(found -> found.map(PreferenceService::preferences).orElse(Preferences.NONE));
    }

    /** Replaces the account's choices with {@code wanted} (its {@code updatedAt} is ignored); answers what is kept. */
    @WithSpan
    public Uni<Preferences> replace(String username, Preferences wanted) {
        StoredPreferences row = new StoredPreferences(wanted.theme(), wanted.terminalFontFamily(),
                wanted.terminalFontSize(), Instant.now().atOffset(ZoneOffset.UTC));
        return accountId(username)
                .chain(id -> preferences.save(id, row))
                .map(PreferenceService::preferences);
    }

    private Uni<UUID> accountId(String username) {
        return accounts.findByUsername(username)
                .onItem().ifNull().failWith(() -> new NotAuthenticatedException("no account " + username))
                .map(account -> account.id);
    }

    private static Preferences preferences(StoredPreferences row) {
        return new Preferences(row.theme(), row.terminalFontFamily(), row.terminalFontSize(),
                row.updatedAt().toInstant());
    }
}
