package dev.drover.hub.audit.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.hub.account.service.Role;
import dev.drover.hub.audit.repository.AuditRepository;
import dev.drover.hub.audit.service.AuditTrail;
import dev.drover.hub.csv.CsvLines;
import dev.drover.protocol.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The audit trail, for admins: a search, paged newest first (JSON), or the same entries as CSV
 * ({@code Accept: text/csv}) for export.
 */
@APIResponse(responseCode = "default", description = "Problem details (RFC 9457)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Path("/api/v1/audit")
@RolesAllowed(Role.ADMIN)
public class AuditResource {

    static final String TOTAL_COUNT = "X-Total-Count";
    static final String CSV = "text/csv";
    private static final List<String> COLUMNS = List.of("id", "at", "actor", "token", "action", "target", "address", "detail");

    private final AuditTrail trail;
    private final ObjectMapper mapper;

    public AuditResource(AuditTrail trail, ObjectMapper mapper) {
        this.trail = trail;
        this.mapper = mapper;
    }

    /**
     * The matching entries, newest first: JSON, or CSV for {@code Accept: text/csv} (one line per
     * entry after a header line, {@code detail} a JSON object), a page of {@code limit} at a time.
     */
    @GET
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @APIResponse(responseCode = "200", description = "The matching entries, newest first",
            content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuditEntryView[].class)),
                    @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING))},
            headers = @Header(name = TOTAL_COUNT, description = "How many entries match, on every page",
                    schema = @Schema(type = SchemaType.INTEGER)))
    public Uni<Response> search(@Valid @BeanParam AuditQuery query, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        boolean csv = accept != null && accept.toLowerCase(Locale.ROOT).contains(CSV);
        return found(query).map(found -> (csv
                ? Response.ok(csv(found), CSV + "; charset=utf-8")
                        .header("Content-Disposition", "attachment; filename=\"drover-audit.csv\"")
                : Response.ok(found.entries().stream().map(AuditEntryView::of).toList(), MediaType.APPLICATION_JSON))
                .header(TOTAL_COUNT, found.total())
                .build());
    }

    private String csv(AuditRepository.Found found) {
        StringBuilder csv = new StringBuilder();
        CsvLines.append(csv, COLUMNS);
        for (AuditRepository.StoredEntry entry : found.entries()) {
            CsvLines.append(csv, Arrays.asList(entry.id(), entry.at(), entry.actor(), entry.token(), entry.action(),
                    entry.target(), entry.address(), json(entry)));
        }
        return csv.toString();
    }

    private Uni<AuditRepository.Found> found(AuditQuery query) {
        int limit = query.limit();
        long offset = (long) (query.page() - 1) * limit;
        return trail.search(query.filter(), limit, offset);
    }

    private String json(AuditRepository.StoredEntry entry) {
        try {
            return mapper.writeValueAsString(entry.detail());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
