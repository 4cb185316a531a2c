package dev.drover.ingest.otlp.grpc;

import dev.drover.ingest.otlp.OtlpExportService;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.quarkus.grpc.GrpcService;

/**
 * OTLP/gRPC {@code TraceService.Export}, authenticated by the {@code authorization} metadata. Traces are checked and
 * accepted, not forwarded.
 */
@GrpcService
public class OtlpTracesGrpcService implements BindableService {

    private final OtlpExportService exports;

    public OtlpTracesGrpcService(OtlpExportService exports) {
        this.exports = exports;
    }

    @Override
    public ServerServiceDefinition bindService() {
        return GrpcExports.unaryExport(TraceServiceGrpc.getServiceDescriptor(), TraceServiceGrpc.getExportMethod(),
                ExportTraceServiceRequest.parser(), (authorization, request) -> {
                    exports.authenticate(authorization);
                    return ExportTraceServiceResponse.getDefaultInstance();
                });
    }
}
