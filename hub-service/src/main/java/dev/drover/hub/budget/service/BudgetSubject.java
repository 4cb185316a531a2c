package dev.drover.hub.budget.service;

import java.util.UUID;

/** Whose day budget: a user's (by name) or a project's (a repository path on a host). */
public sealed interface BudgetSubject {

    /** The event scope: {@code user} or {@code project}. */
    String scope();

    /** "user alice" or "project /src/app on host 0190…", for messages. */
    String describe();

    record User(String username) implements BudgetSubject {
        @Override
        public String scope() {
            return "user";
        }

        @Override
        public String describe() {
            return "user " + username;
        }
    }

    record Project(UUID hostId, String path) implements BudgetSubject {
        @Override
        public String scope() {
            return "project";
        }

        @Override
        public String describe() {
            return "project " + path + " on host " + hostId;
        }
    }
}
