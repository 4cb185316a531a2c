package dev.drover.ingest.forwarding;

import dev.drover.ingest.config.IngestConfig;
import dev.drover.telemetry.v1.EventAck;
import dev.drover.telemetry.v1.MutinyTelemetryStreamGrpc.MutinyTelemetryStreamStub;
import dev.drover.telemetry.v1.TelemetryEvent;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.function.Consumer;

/**
 * Keeps one {@code TelemetryStream.Publish} stream open to the hub: sends the outbox's events in order,
 * removes them when acknowledged (on a worker thread: that touches the outbox's files), and after any failure reconnects forever with capped exponential backoff
 * and jitter (starting over once the hub acknowledged something), resending everything still unacknowledged.
 */
@ApplicationScoped
public class HubPublisher {

    private static final Logger LOG = Logger.getLogger(HubPublisher.class);
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final MutinyTelemetryStreamStub hub;
    private final Outbox outbox;
    private final ReconnectDelay delay;
    private Cancellable connection;
    private volatile boolean stopped;

    public HubPublisher(@GrpcClient("hub") MutinyTelemetryStreamStub hub, Outbox outbox, IngestConfig config) {
        this.hub = authenticated(hub, config);
        this.outbox = outbox;
        this.delay = new ReconnectDelay(config.reconnect().initialBackoff(), config.reconnect().maxBackoff());
    }

    /** {@code hub} presenting the shared secret ({@code drover.ingest.hub-secret}) the hub checks on every call. */
    public static MutinyTelemetryStreamStub authenticated(MutinyTelemetryStreamStub hub, IngestConfig config) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + config.hubSecret());
        return hub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    void start(@Observes StartupEvent event) {
        connection = Multi.createFrom().deferred(this::publish)
                .onFailure().invoke(failure -> LOG.infof("telemetry stream to the hub ended (%s); %d events wait for it",
                        failure.getMessage(), outbox.size()))
                .onFailure(failure -> !stopped).retry().when(failures -> failures
                        .onItem().transformToUniAndConcatenate(failure -> Uni.createFrom().item(failure)
                                .onItem().delayIt().by(delay.next())))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .subscribe().with(ack -> {
                    delay.reset();
                    outbox.acknowledge(ack.getEventId());
                });
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        connection.cancel();
    }

    private Multi<EventAck> publish() {
        if (stopped) {
            return Multi.createFrom().failure(new IllegalStateException("the ingest is stopping"));
        }
        UnicastProcessor<TelemetryEvent> events = UnicastProcessor.create();
        Consumer<TelemetryEvent> stream = events::onNext;
        outbox.attach(stream);
        return hub.publish(events.onTermination().invoke(() -> outbox.detach(stream)))
                .onTermination().invoke(() -> outbox.detach(stream))
                .onCompletion().failWith(() -> new IllegalStateException("the hub closed the stream"));
    }
}
