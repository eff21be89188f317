package dev.junction.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The forms OTLP settings take in the environment: endpoints ({@code host:port} or a URL, with or without the
 * signal's path), {@code k=v,…} lists (headers, resource attributes) and API keys turned into Basic credentials
 * (a Grafana Cloud {@code glc_} token names its instance itself). Pure functions.
 */
final class OtlpEnvironment {

    private static final String TRACES = "/v1/traces";
    private static final String LOGS = "/v1/logs";
    private static final Pattern INSTANCE = Pattern.compile("\"o\"\\s*:\\s*\"?([^\",}]+)\"?");

    private OtlpEnvironment() {}

    /**
     * A simple endpoint ({@code OTLP_ENDPOINT}, {@code tracing.endpoint}) as the URL of one signal: {@code host:port}
     * gets {@code http://}; the signal's path ({@code /v1/traces} or {@code /v1/logs}) is appended unless the URL
     * already ends in one of the two, in which case it is swapped for the signal's.
     *
     * @param signalPath {@code /v1/traces} or {@code /v1/logs}
     */
    static String signalUrl(String endpoint, String signalPath) {
        String url = endpoint.strip();
        if (!url.contains("://")) {
            url = "http://" + url;
        }
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        if (url.endsWith(TRACES)) {
            url = url.substring(0, url.length() - TRACES.length());
        } else if (url.endsWith(LOGS)) {
            url = url.substring(0, url.length() - LOGS.length());
        }
        return url + signalPath;
    }

    static String tracesUrl(String endpoint) {
        return signalUrl(endpoint, TRACES);
    }

    static String logsUrl(String endpoint) {
        return signalUrl(endpoint, LOGS);
    }

    /**
     * The standard {@code OTEL_EXPORTER_OTLP_ENDPOINT}: a base URL to which the signal's path is always appended (the
     * OpenTelemetry specification's rule).
     */
    static String standardSignalUrl(String base, String signalPath) {
        String url = base.strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        return url + signalPath;
    }

    /** Whether {@code url} is an absolute http(s) URL with a host. */
    static boolean validUrl(String url) {
        try {
            URI uri = URI.create(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * A {@code k=v,k2=v2} list (OpenTelemetry's form of headers and resource attributes): keys and values trimmed,
     * values percent-decoded, entries without {@code =} or with an empty key skipped.
     *
     * @param lowerCaseKeys whether keys are lower-cased (header names)
     */
    static Map<String, String> pairs(String list, boolean lowerCaseKeys) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String entry : list.split(",")) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = entry.substring(0, eq).strip();
            if (key.isEmpty()) {
                continue;
            }
            String value = entry.substring(eq + 1).strip();
            try {
                value = URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                // not percent-encoded after all: keep it as written
            }
            out.put(lowerCaseKeys ? key.toLowerCase(Locale.ROOT) : key, value);
        }
        return out;
    }

    /**
     * The {@code Authorization} value for an API key ({@code OTLP_API_KEY}): a Grafana Cloud {@code glc_} token becomes
     * Basic {@code instanceID:token}, its instance being the {@code "o"} field of the JSON the token encodes; a
     * {@code user:password} pair is encoded as Basic credentials; any other key is taken as ready-made Basic
     * credentials.
     */
    static String authorization(String apiKey) {
        String key = apiKey.strip();
        Optional<String> instance = grafanaInstance(key);
        if (instance.isPresent()) {
            return basic(instance.get() + ":" + key);
        }
        if (key.contains(":")) {
            return basic(key);
        }
        return "Basic " + key;
    }

    /** The instance id a Grafana Cloud {@code glc_} token carries, if it is one and carries it. */
    static Optional<String> grafanaInstance(String token) {
        if (!token.startsWith("glc_")) {
            return Optional.empty();
        }
        String payload = token.substring(4).replace('-', '+').replace('_', '/');
        byte[] json;
        try {
            json = Base64.getMimeDecoder().decode(payload);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Matcher m = INSTANCE.matcher(new String(json, StandardCharsets.UTF_8));
        return m.find() ? Optional.of(m.group(1).strip()).filter(s -> !s.isEmpty()) : Optional.empty();
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }
}
