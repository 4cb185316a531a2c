package dev.drover.ingest.otlp.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;

/** Makes the call's {@code authorization} metadata available to the OTLP services through the gRPC context. */
@GlobalInterceptor
@ApplicationScoped
public class AuthorizationInterceptor implements ServerInterceptor {

    /** The {@code authorization} metadata of the current call, or null. */
    static final Context.Key<String> AUTHORIZATION = Context.key("drover-authorization");

    private static final Metadata.Key<String> HEADER = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        Context context = Context.current().withValue(AUTHORIZATION, headers.get(HEADER));
        return Contexts.interceptCall(context, call, headers, next);
    }
}
