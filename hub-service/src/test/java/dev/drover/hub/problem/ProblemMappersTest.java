package dev.drover.hub.problem;

import dev.drover.protocol.problem.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Proxy;
import java.net.URI;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the mappers answer for failures no request can provoke on purpose. */
class ProblemMappersTest {

    private static UriInfo request(String path) {
        return (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(), new Class<?>[] { UriInfo.class },
                (proxy, method, args) -> switch (method.getName()) {
                    case "getPath" -> path;
                    case "getRequestUri" -> URI.create("http://hub" + path);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void anUnexpectedFailureIsAProblemThatTellsNothingInternal() {
        Response response = new ProblemMappers().unexpected(
                new IllegalStateException("connection to db.internal:5432 refused"), request("/api/v1/sessions"));

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getMediaType().toString()).startsWith(Problem.MEDIA_TYPE);
        Problem problem = (Problem) response.getEntity();
        assertThat(problem.detail()).isEqualTo("internal error");
        assertThat(problem.title()).isEqualTo("Internal Server Error");
        assertThat(problem.instance()).isEqualTo("/api/v1/sessions");
    }
}
