package dev.drover.hub.context;

import io.smallrye.common.vertx.VertxContext;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.function.Supplier;

/** Work started outside a request (CDI observers, timers) on a context Hibernate Reactive and daemon requests accept. */
public final class SafeContexts {

    private SafeContexts() {
    }

    /** Runs {@code work} on a new safe duplicated Vert.x context of {@code vertx}. */
    public static <T> Uni<T> onNewContext(Vertx vertx, Supplier<Uni<T>> work) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        return Uni.createFrom().emitter(emitter -> context.runOnContext(ignored -> work.get()
                .subscribe().with(emitter::complete, emitter::fail)));
    }
}
