package dev.drover.hub.telemetry.grpc;

import dev.drover.hub.config.HubConfig;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Admits a gRPC call only with {@code authorization: Bearer <drover.hub.ingest-secret>};
 * without a configured secret every call is refused. The comparison takes constant time.
 */
@ApplicationScoped
@GlobalInterceptor
public class IngestAuthentication implements ServerInterceptor {

    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final byte[] expected;

    public IngestAuthentication(HubConfig config) {
        this.expected = config.ingestSecret()
                .map(secret -> ("Bearer " + secret).getBytes(StandardCharsets.UTF_8))
                .orElse(null);
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
            ServerCallHandler<Q, A> next) {
        String presented = headers.get(AUTHORIZATION);
        if (expected == null || presented == null
                || !MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8))) {
            call.close(Status.UNAUTHENTICATED.withDescription("a valid ingest secret is required"), new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        return next.startCall(call, headers);
    }
}
