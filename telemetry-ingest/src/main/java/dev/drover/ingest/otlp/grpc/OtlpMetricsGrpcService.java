package dev.drover.ingest.otlp.grpc;

import dev.drover.ingest.otlp.OtlpExportService;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;

/** OTLP/gRPC {@code MetricsService.Export}, authenticated by the {@code authorization} metadata. The export's events are in the outbox when it is answered. */
@GrpcService
public class OtlpMetricsGrpcService extends MetricsServiceGrpc.MetricsServiceImplBase {

    private final OtlpExportService exports;

    public OtlpMetricsGrpcService(OtlpExportService exports) {
        this.exports = exports;
    }

    @Override
    public void export(ExportMetricsServiceRequest request, StreamObserver<ExportMetricsServiceResponse> observer) {
        GrpcExports.answer(authorization -> {
            exports.exportMetrics(exports.authenticate(authorization), request);
            return ExportMetricsServiceResponse.getDefaultInstance();
        }, observer);
    }
}
