package dev.drover.ingest.otlp.grpc;

import dev.drover.ingest.otlp.OtlpExportService;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.quarkus.grpc.GrpcService;

/** OTLP/gRPC {@code LogsService.Export}, authenticated by the {@code authorization} metadata. The export's events are in the outbox when it is answered. */
@GrpcService
public class OtlpLogsGrpcService implements BindableService {

    private final OtlpExportService exports;

    public OtlpLogsGrpcService(OtlpExportService exports) {
        this.exports = exports;
    }

    @Override
    public ServerServiceDefinition bindService() {
        return GrpcExports.unaryExport(LogsServiceGrpc.getServiceDescriptor(), LogsServiceGrpc.getExportMethod(),
                ExportLogsServiceRequest.parser(), (authorization, request) -> {
                    exports.exportLogs(exports.authenticate(authorization), request);
                    return ExportLogsServiceResponse.getDefaultInstance();
                });
    }
}
