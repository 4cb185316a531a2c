package dev.drover.ingest.otlp.grpc;

import dev.drover.ingest.otlp.OtlpExportService;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;

/** OTLP/gRPC {@code LogsService.Export}, authenticated by the {@code authorization} metadata. The export's events are in the outbox when it is answered. */
@GrpcService
public class OtlpLogsGrpcService extends LogsServiceGrpc.LogsServiceImplBase {

    private final OtlpExportService exports;

    public OtlpLogsGrpcService(OtlpExportService exports) {
        this.exports = exports;
    }

    @Override
    public void export(ExportLogsServiceRequest request, StreamObserver<ExportLogsServiceResponse> observer) {
        GrpcExports.answer(authorization -> {
            exports.exportLogs(exports.authenticate(authorization), request);
            return ExportLogsServiceResponse.getDefaultInstance();
        }, observer);
    }
}
