package dev.drover.hub.config;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;

/**
 * With a certificate ({@code quarkus.http.ssl.certificate.files}), the hub serves HTTPS only, on
 * its one port: unless set explicitly, {@code quarkus.http.insecure-requests} becomes
 * {@code disabled} (no plain HTTP listener, so no token or cookie ever crosses the network in clear)
 * and {@code quarkus.http.ssl-port} becomes {@code quarkus.http.port}, so {@code http://} URLs turn
 * into {@code https://} ones on the same port (which is also what HSTS asks browsers to do).
 * Without a certificate nothing changes. See docs/security.md, "TLS".
 */
public class HttpsOnly implements ConfigSourceInterceptor {

    static final String CERTIFICATE = "quarkus.http.ssl.certificate.files";
    static final String INSECURE_REQUESTS = "quarkus.http.insecure-requests";
    static final String SSL_PORT = "quarkus.http.ssl-port";
    static final String PORT = "quarkus.http.port";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (isSet(value) || !(INSECURE_REQUESTS.equals(name) || SSL_PORT.equals(name)) || !hasCertificate(context)) {
            return value;
        }
        String derived = INSECURE_REQUESTS.equals(name) ? "disabled" : port(context);
        return derived == null ? null : ConfigValue.builder()
                .withName(name)
                .withValue(derived)
                .withConfigSourceName(HttpsOnly.class.getSimpleName())
                .build();
    }

    /** Whether someone set {@code value}: a default (from a source of negative ordinal) does not count. */
    private static boolean isSet(ConfigValue value) {
        return value != null && value.getValue() != null && value.getConfigSourceOrdinal() > 0;
    }

    private static boolean hasCertificate(ConfigSourceInterceptorContext context) {
        ConfigValue certificate = context.proceed(CERTIFICATE);
        return certificate != null && certificate.getValue() != null && !certificate.getValue().isBlank();
    }

    private static String port(ConfigSourceInterceptorContext context) {
        ConfigValue port = context.proceed(PORT);
        return port == null ? null : port.getValue();
    }
}
