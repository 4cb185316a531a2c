package dev.drover.ingest.otlp.grpc;

import dev.drover.ingest.auth.HubUnavailableException;
import dev.drover.ingest.auth.InvalidTelemetryTokenException;
import dev.drover.ingest.forwarding.OutboxFullException;
import dev.drover.ingest.forwarding.SessionShareExceededException;
import dev.drover.ingest.mapping.InvalidExportException;
import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import com.google.rpc.RetryInfo;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import org.jboss.logging.Logger;

import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/** Runs a unary OTLP export on a worker thread and answers it with the response or a gRPC status. */
final class GrpcExports {

    private static final Logger LOG = Logger.getLogger(GrpcExports.class);
    /** What RESOURCE_EXHAUSTED answers ask the exporter to wait (OTLP retries only when RetryInfo is present). */
    private static final long RETRY_DELAY_SECONDS = 5;

    private GrpcExports() {
    }

    /**
     * The service definition of one unary OTLP {@code Export} method that decodes the request itself, so that a body
     * which is no valid protobuf answers INVALID_ARGUMENT (the transport would answer UNKNOWN), and otherwise runs
     * {@code export} with the call's {@code authorization} like {@link #answer}.
     */
    static <Q, R> ServerServiceDefinition unaryExport(ServiceDescriptor service, MethodDescriptor<Q, R> method,
            Parser<Q> parser, BiFunction<String, Q, R> export) {
        MethodDescriptor<byte[], R> raw =
                method.toBuilder(RawBytesMarshaller.INSTANCE, method.getResponseMarshaller()).build();
        return ServerServiceDefinition.builder(service.getName())
                .addMethod(raw, ServerCalls.asyncUnaryCall((byte[] body, StreamObserver<R> observer) -> {
                    Q request;
                    try {
                        request = parser.parseFrom(body);
                    } catch (InvalidProtocolBufferException e) {
                        observer.onError(Status.INVALID_ARGUMENT.withDescription("the request is not a valid "
                                + method.getFullMethodName() + " message: " + e.getMessage()).asRuntimeException());
                        return;
                    }
                    answer(authorization -> export.apply(authorization, request), observer);
                }))
                .build();
    }

    /**
     * Reads the call's {@code authorization} on the gRPC thread, runs {@code export} with it on a worker thread
     * and answers with its response, or with UNAUTHENTICATED, INVALID_ARGUMENT, RESOURCE_EXHAUSTED (with RetryInfo when
     * retrying helps), UNAVAILABLE or INTERNAL.
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
                        failure -> observer.onError(refusal(failure)));
    }

    private static StatusRuntimeException refusal(Throwable failure) {
        if (failure instanceof SessionShareExceededException share) {
            com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
                    .setCode(Status.Code.RESOURCE_EXHAUSTED.value())
                    .setMessage(share.getMessage());
            if (share.fitsAtAll()) {
                status.addDetails(Any.pack(RetryInfo.newBuilder()
                        .setRetryDelay(com.google.protobuf.Duration.newBuilder().setSeconds(RETRY_DELAY_SECONDS))
                        .build()));
            }
            return StatusProto.toStatusRuntimeException(status.build());
        }
        return status(failure).asRuntimeException();
    }

    private static Status status(Throwable failure) {
        if (failure instanceof InvalidTelemetryTokenException) {
            return Status.UNAUTHENTICATED.withDescription(failure.getMessage());
        }
        if (failure instanceof OutboxFullException || failure instanceof HubUnavailableException) {
            return Status.UNAVAILABLE.withDescription(failure.getMessage());
        }
        if (failure instanceof InvalidExportException) {
            return Status.INVALID_ARGUMENT.withDescription(failure.getMessage());
        }
        LOG.error("OTLP export failed", failure);
        return Status.INTERNAL.withDescription("the export could not be processed");
    }
}
