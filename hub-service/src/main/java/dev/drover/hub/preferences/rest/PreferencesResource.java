package dev.drover.hub.preferences.rest;

import dev.drover.hub.account.service.Role;
import dev.drover.hub.preferences.service.PreferenceService;
import dev.drover.hub.preferences.service.Preferences;
import dev.drover.protocol.problem.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

/** The signed-in person's own appearance choices; nobody reads or writes another's. */
@APIResponse(responseCode = "default", description = "Problem details (RFC 9457)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Path("/api/v1/me/preferences")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN, Role.OPERATOR, Role.VIEWER})
public class PreferencesResource {

    private final PreferenceService preferences;
    private final SecurityIdentity identity;

    public PreferencesResource(PreferenceService preferences, SecurityIdentity identity) {
        this.preferences = preferences;
        this.identity = identity;
    }

    @GET
    @APIResponseSchema(PreferencesView.class)
    public Uni<PreferencesView> get() {
        return preferences.of(identity.getPrincipal().getName()).map(PreferencesView::of);
    }

    /** Replaces all of the choices; a field left out or null goes back to "not chosen". */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponseSchema(PreferencesView.class)
    public Uni<PreferencesView> replace(@Valid @NotNull PreferencesRequest request) {
        Preferences wanted = new Preferences(request.theme(), request.terminalFontFamily(),
                request.terminalFontSize(), null);
        return preferences.replace(identity.getPrincipal().getName(), wanted).map(PreferencesView::of);
    }
}
