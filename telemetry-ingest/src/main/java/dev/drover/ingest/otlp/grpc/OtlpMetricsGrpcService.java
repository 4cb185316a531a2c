package dev.drover.ingest.otlp.grpc;

import dev.drover.ingest.otlp.OtlpExportService;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.quarkus.grpc.GrpcService;

/** OTLP/gRPC {@code MetricsService.Export}, authenticated by the {@code authorization} metadata. The export's events are in the outbox when it is answered. */
@GrpcService
public class OtlpMetricsGrpcService implements BindableService {

    private final OtlpExportService exports;

    public OtlpMetricsGrpcService(OtlpExportService exports) {
        this.exports = exports;
    }

    @Override
    public ServerServiceDefinition bindService() {
        return GrpcExports.unaryExport(MetricsServiceGrpc.getServiceDescriptor(), MetricsServiceGrpc.getExportMethod(),
                ExportMetricsServiceRequest.parser(), (authorization, request) -> {
                    exports.exportMetrics(exports.authenticate(authorization), request);
                    return ExportMetricsServiceResponse.getDefaultInstance();
                });
    }
}
