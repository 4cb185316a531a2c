package dev.drover.ingest.mapping;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drops resources whose {@code drover.session.id} attribute names another session than the telemetry token:
 * a token only lets its holder report for its own session. Resources without the attribute belong to the
 * token's session.
 */
@ApplicationScoped
public class ResourceSessionFilter {

    /** The resource attribute the daemon sets in {@code OTEL_RESOURCE_ATTRIBUTES}. */
    public static final String SESSION_ATTRIBUTE = "drover.session.id";

    private static final Logger LOG = Logger.getLogger(ResourceSessionFilter.class);

    private final AtomicLong dropped = new AtomicLong();

    /** Whether the resource may be counted for the token's session; counts and logs the ones that may not. */
    public boolean belongsTo(String sessionId, Resource resource) {
        for (KeyValue attribute : resource.getAttributesList()) {
            if (attribute.getKey().equals(SESSION_ATTRIBUTE)) {
                String named = Attributes.text(attribute.getValue());
                if (!named.equals(sessionId)) {
                    dropped.incrementAndGet();
                    LOG.debugf("dropped a resource of session %s sent with the token of session %s", named, sessionId);
                    return false;
                }
            }
        }
        return true;
    }

    /** The log records of the export's resources that belong to the token's session, in data order. */
    public List<LogRecord> logRecords(String sessionId, ExportLogsServiceRequest request) {
        List<LogRecord> records = new ArrayList<>();
        for (ResourceLogs resourceLogs : request.getResourceLogsList()) {
            if (belongsTo(sessionId, resourceLogs.getResource())) {
                resourceLogs.getScopeLogsList().forEach(scopeLogs -> records.addAll(scopeLogs.getLogRecordsList()));
            }
        }
        return records;
    }

    /** Resources dropped since start. */
    public long droppedResources() {
        return dropped.get();
    }
}
