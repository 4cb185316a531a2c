package dev.drover.hub.web;

import dev.drover.hub.problem.BodyTooLargeException;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes of every request body a resource reads and refuses it ({@link BodyTooLargeException}, a 413
 * problem) once it passes {@code quarkus.http.limits.max-body-size}. {@link BodyLimit} has refused every other
 * oversize body before the resource runs; this catches the one it must leave alone, an HTTP/2 stream without a
 * length.
 */
@Provider
public class BoundedBodies implements ReaderInterceptor {

    private final long limit;

    public BoundedBodies(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
        this.limit = limit.asLongValue();
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        context.setInputStream(new Bounded(context.getInputStream(), limit));
        return context.proceed();
    }

    /** Fails the read that takes the count past {@code limit}. */
    private static final class Bounded extends FilterInputStream {

        private final long limit;
        private long count;

        Bounded(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int read = super.read();
            if (read >= 0) {
                counted(1);
            }
            return read;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                counted(read);
            }
            return read;
        }

        private void counted(long bytes) throws BodyTooLargeException {
            count += bytes;
            if (count > limit) {
                throw new BodyTooLargeException("the request body is larger than " + BodyLimit.describe(limit));
            }
        }
    }
}
