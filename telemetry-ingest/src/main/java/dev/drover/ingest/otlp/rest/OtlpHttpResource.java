package dev.drover.ingest.otlp.rest;

import com.google.protobuf.Message;
import dev.drover.ingest.auth.ExportingSession;
import dev.drover.ingest.auth.HubUnavailableException;
import dev.drover.ingest.auth.InvalidTelemetryTokenException;
import dev.drover.ingest.config.IngestConfig;
import dev.drover.ingest.forwarding.OutboxFullException;
import dev.drover.ingest.forwarding.SessionShareExceededException;
import dev.drover.ingest.mapping.InvalidExportException;
import dev.drover.ingest.otlp.OtlpEncoding;
import dev.drover.ingest.otlp.OtlpExportService;
import dev.drover.ingest.otlp.UndecodableExportException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.BiConsumer;
import java.util.zip.GZIPInputStream;

/**
 * OTLP/HTTP receiver: {@code POST /v1/metrics}, {@code /v1/logs}, {@code /v1/traces} with protobuf or JSON bodies,
 * optionally gzip-compressed, authenticated by the session's telemetry token. Answers like an OTLP collector:
 * 200 with the Export*ServiceResponse in the request's encoding once the events are in the outbox. Traces are
 * checked and decoded, not forwarded. Bodies are read here, chunked or not, up to {@code drover.ingest.max-body-size}.
 */
@Path("/v1")
public class OtlpHttpResource {

    /** What 429 and 503 answers ask the exporter to wait, in seconds. */
    static final String RETRY_AFTER_SECONDS = "5";

    private final OtlpExportService exports;
    private final long maxBodyBytes;
    private final long maxDecompressedBytes;

    public OtlpHttpResource(OtlpExportService exports, IngestConfig config) {
        this.exports = exports;
        this.maxBodyBytes = config.maxBodySize();
        this.maxDecompressedBytes = config.maxDecompressedBodySize();
    }

    @POST
    @Path("/metrics")
    public Response metrics(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                            @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding,
                            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
                            InputStream body) {
        return export(authorization, contentType, contentEncoding, contentLength, body, ExportMetricsServiceRequest.newBuilder(),
                exports::exportMetrics, ExportMetricsServiceResponse.getDefaultInstance());
    }

    @POST
    @Path("/logs")
    public Response logs(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                         @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                         @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding,
                         @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
                         InputStream body) {
        return export(authorization, contentType, contentEncoding, contentLength, body, ExportLogsServiceRequest.newBuilder(),
                exports::exportLogs, ExportLogsServiceResponse.getDefaultInstance());
    }

    @POST
    @Path("/traces")
    public Response traces(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                           @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding,
                           @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
                           InputStream body) {
        BiConsumer<ExportingSession, ExportTraceServiceRequest> checkedOnly = (session, traces) -> {
        };
        return export(authorization, contentType, contentEncoding, contentLength, body, ExportTraceServiceRequest.newBuilder(),
                checkedOnly, ExportTraceServiceResponse.getDefaultInstance());
    }

    @ServerExceptionMapper
    Response unauthorized(InvalidTelemetryTokenException e, UriInfo uri) {
        return ProblemResponses.of(Response.Status.UNAUTHORIZED, e.getMessage(), uri.getPath())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    Response undecodable(UndecodableExportException e, UriInfo uri) {
        return ProblemResponses.of(Response.Status.BAD_REQUEST, e.getMessage(), uri.getPath()).build();
    }

    @ServerExceptionMapper
    Response invalid(InvalidExportException e, UriInfo uri) {
        return ProblemResponses.of(Response.Status.BAD_REQUEST, e.getMessage(), uri.getPath()).build();
    }

    @ServerExceptionMapper
    Response sessionShareExceeded(SessionShareExceededException e, UriInfo uri) {
        if (!e.fitsAtAll()) {
            return ProblemResponses.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, e.getMessage(), uri.getPath()).build();
        }
        return ProblemResponses.of(Response.Status.TOO_MANY_REQUESTS, e.getMessage(), uri.getPath())
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .build();
    }

    @ServerExceptionMapper
    Response unsupported(UnsupportedExportEncodingException e, UriInfo uri) {
        return ProblemResponses.of(Response.Status.UNSUPPORTED_MEDIA_TYPE, e.getMessage(), uri.getPath()).build();
    }

    /** Over HTTP/1.x the connection closes, so the rest of the body is never read; HTTP/2 forbids that header. */
    @ServerExceptionMapper
    Response tooLarge(ExportTooLargeException e, UriInfo uri, HttpServerRequest request) {
        Response.ResponseBuilder problem = ProblemResponses.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, e.getMessage(), uri.getPath());
        if (request.version() != HttpVersion.HTTP_2) {
            problem.header("Connection", "close");
        }
        return problem.build();
    }

    @ServerExceptionMapper
    Response hubUnavailable(HubUnavailableException e, UriInfo uri) {
        return ProblemResponses.of(Response.Status.SERVICE_UNAVAILABLE, e.getMessage(), uri.getPath())
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .build();
    }

    @ServerExceptionMapper
    Response full(OutboxFullException e, UriInfo uri) {
        return ProblemResponses.of(Response.Status.SERVICE_UNAVAILABLE, e.getMessage(), uri.getPath())
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .build();
    }

    /**
     * Authenticates, reads the body up to the limit (refusing a larger declared length before reading anything),
     * decodes it (after gzip) and hands the request on; answers in the request's encoding.
     */
    private <T extends Message> Response export(String authorization, String contentType, String contentEncoding,
            Long contentLength, InputStream body, Message.Builder builder, BiConsumer<ExportingSession, T> forward,
            Message response) {
        ExportingSession session = exports.authenticate(authorization);
        OtlpEncoding encoding = encoding(contentType);
        if (contentLength != null && contentLength > maxBodyBytes) {
            throw new ExportTooLargeException("the body is larger than " + maxBodyBytes + " bytes");
        }
        T request = encoding.decode(decompress(contentEncoding, read(body)), builder);
        forward.accept(session, request);
        return ok(encoding, encoding.encode(response));
    }

    private static OtlpEncoding encoding(String contentType) {
        return OtlpEncoding.of(contentType)
                .orElseThrow(() -> new UnsupportedExportEncodingException("Content-Type " + contentType
                        + " is not supported; send application/x-protobuf or application/json"));
    }

    private byte[] read(InputStream body) {
        try {
            byte[] bytes = body.readNBytes(Math.toIntExact(maxBodyBytes + 1));
            if (bytes.length > maxBodyBytes) {
                throw new ExportTooLargeException("the body is larger than " + maxBodyBytes + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new UndecodableExportException("the body could not be read: " + e.getMessage());
        }
    }

    private byte[] decompress(String contentEncoding, byte[] body) {
        if (contentEncoding == null || contentEncoding.isBlank() || contentEncoding.equalsIgnoreCase("identity")) {
            return body;
        }
        if (!contentEncoding.equalsIgnoreCase("gzip")) {
            throw new UnsupportedExportEncodingException("Content-Encoding " + contentEncoding
                    + " is not supported; send gzip or no encoding");
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(body.length * 4);
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) != -1) {
                out.write(buffer, 0, read);
                if (out.size() > maxDecompressedBytes) {
                    throw new ExportTooLargeException("the decompressed export is larger than " + maxDecompressedBytes
                            + " bytes");
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UndecodableExportException("the body is not valid gzip: " + e.getMessage());
        }
    }

    private static Response ok(OtlpEncoding encoding, byte[] body) {
        return Response.ok(body, encoding.mediaType()).build();
    }
}
