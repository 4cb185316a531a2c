package dev.drover.hub.session.repository;

import dev.drover.protocol.daemon.McpServer;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * The MCP servers of a session as its {@code mcp_servers} jsonb column holds them,
 * {@code {"servers": [...]}}: Hibernate Reactive binds JSON columns as objects, not arrays.
 */
@RegisterForReflection
public record McpServerList(List<McpServer> servers) {
}
