package dev.drover.ingest.otlp.grpc;

import dev.drover.ingest.auth.InvalidTelemetryTokenException;
import dev.drover.ingest.auth.TelemetryKeysUnavailableException;
import dev.drover.ingest.forwarding.OutboxFullException;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import org.jboss.logging.Logger;

import java.util.function.Function;
import java.util.function.Supplier;

/** Runs a unary OTLP export on a worker thread and answers it with the response or a gRPC status. */
final class GrpcExports {

    private static final Logger LOG = Logger.getLogger(GrpcExports.class);

    private GrpcExports() {
    }

    /**
     * Reads the call's {@code authorization} on the gRPC thread, runs {@code export} with it on a worker thread
     * and answers with its response, or with UNAUTHENTICATED, UNAVAILABLE or INTERNAL.
     */
    static <R> void answer(Function<String, R> export, StreamObserver<R> observer) {
        String authorization = AuthorizationInterceptor.AUTHORIZATION.get();
        Supplier<R> work = () -> export.apply(authorization);
        Uni.createFrom().item(work)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .subscribe().with(
                        response -> {
                            observer.onNext(response);
                            observer.onCompleted();
                        },
                        failure -> observer.onError(status(failure).asRuntimeException()));
    }

    private static Status status(Throwable failure) {
        if (failure instanceof InvalidTelemetryTokenException) {
            return Status.UNAUTHENTICATED.withDescription(failure.getMessage());
        }
        if (failure instanceof OutboxFullException || failure instanceof TelemetryKeysUnavailableException) {
            return Status.UNAVAILABLE.withDescription(failure.getMessage());
        }
        LOG.error("OTLP export failed", failure);
        return Status.INTERNAL.withDescription("the export could not be processed");
    }
}
