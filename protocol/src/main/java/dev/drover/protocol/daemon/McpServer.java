package dev.drover.protocol.daemon;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * An MCP server configured for a session's agent, as its configuration file declares it, without
 * secrets: environment variables and headers are never carried, and arguments or URLs that look like
 * credentials are masked.
 *
 * @param name      the server's name in its configuration
 * @param transport {@code stdio}, {@code http} or {@code sse}
 * @param command   the command a {@code stdio} server runs; {@code null} for the others
 * @param args      its arguments, values of secret-looking options replaced by {@code ***}
 * @param url       the endpoint of an {@code http} or {@code sse} server, without user info or query
 * @param source    the configuration file it was found in
 */
@RegisterForReflection
public record McpServer(
        @Schema(required = true) String name,
        @Schema(required = true, enumeration = {"stdio", "http", "sse"}) String transport,
        @Schema(required = true, nullable = true) String command,
        @Schema(required = true) List<String> args,
        @Schema(required = true, nullable = true) String url,
        @Schema(required = true) String source) {

    /** Transport of a server that the agent starts as a child process. */
    public static final String STDIO = "stdio";
    /** Transport of a server reached over streamable HTTP. */
    public static final String HTTP = "http";
    /** Transport of a server reached over server-sent events. */
    public static final String SSE = "sse";
}
