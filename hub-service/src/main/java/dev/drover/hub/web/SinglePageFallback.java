package dev.drover.hub.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Serves the web UI's {@code index.html} for {@code /}, {@code /index.html} and GET requests outside
 * {@code /api} and {@code /q} that name no static file, so client-side routes survive a reload.
 * It goes out with {@code Cache-Control: no-cache}, so a browser picks up a new version's hashed
 * assets at once; those stay immutable. Inactive when the web UI is not on the classpath.
 */
@ApplicationScoped
public class SinglePageFallback {

    private static final String RESOURCES = "META-INF/resources";
    private static final String INDEX = RESOURCES + "/index.html";

    void install(@Observes Router router) {
        ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
        Buffer index = readIndex(classLoader);
        if (index == null) {
            return;
        }
        router.get("/*").handler(context -> serve(context, index, classLoader));
    }

    private static void serve(RoutingContext context, Buffer index, ClassLoader classLoader) {
        String path = context.normalizedPath();
        boolean indexPage = path.equals("/") || path.equals("/index.html");
        if (isReserved(path) || (!indexPage && classLoader.getResource(RESOURCES + path) != null)) {
            context.next();
            return;
        }
        context.response()
                .putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .end(index);
    }

    private static boolean isReserved(String path) {
        return path.equals("/api") || path.startsWith("/api/") || path.equals("/q") || path.startsWith("/q/");
    }

    private static Buffer readIndex(ClassLoader classLoader) {
        try (InputStream in = classLoader.getResourceAsStream(INDEX)) {
            return in == null ? null : Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + INDEX, e);
        }
    }
}
