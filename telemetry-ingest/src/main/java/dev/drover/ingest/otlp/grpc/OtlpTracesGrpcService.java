package dev.drover.ingest.otlp.grpc;

import dev.drover.ingest.otlp.OtlpExportService;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;

/**
 * OTLP/gRPC {@code TraceService.Export}, authenticated by the {@code authorization} metadata. Traces are checked and
 * accepted, not forwarded.
 */
@GrpcService
public class OtlpTracesGrpcService extends TraceServiceGrpc.TraceServiceImplBase {

    private final OtlpExportService exports;

    public OtlpTracesGrpcService(OtlpExportService exports) {
        this.exports = exports;
    }

    @Override
    public void export(ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> observer) {
        GrpcExports.answer(authorization -> {
            exports.authenticate(authorization);
            return ExportTraceServiceResponse.getDefaultInstance();
        }, observer);
    }
}
