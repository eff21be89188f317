package dev.junction.server;

import dev.junction.auth.AccessMode;
import dev.junction.config.GatewayConfig;
import dev.junction.config.GovernanceSettings;
import dev.junction.governance.Governance;
import dev.junction.observe.LogSetup;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The few lines a gateway says once it listens, in this order: where it listens, which providers and routes it
 * serves, where its data lives, and whether a key is needed (and why), or, on an open gateway, that anyone may use it. Each line says
 * everything in its message (the JSON format adds the same facts as fields). Stateless.
 */
final class StartupSummary {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);

    private StartupSummary() {}

    /** Logs the summary of a gateway that listens on {@code port} with {@code config}. */
    static void log(GatewayConfig config, Governance governance, int port, AccessMode mode) {
        String host = config.server().host();
        boolean everywhere = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
        String url = "http://" + (everywhere ? "localhost" : host) + ":" + port;
        String version = Optional.ofNullable(GatewayServer.class.getPackage().getImplementationVersion())
                .map(v -> " " + v).orElse("");
        LOG.atInfo().addMarker(LogSetup.FOR_PEOPLE).addKeyValue("host", host).addKeyValue("port", port)
                .log("Junction{} listening on {}{}", version, url, everywhere ? " (all interfaces)" : "");

        String providers = String.join(", ", config.providers().keySet());
        String routes = String.join(", ", config.routes().keySet());
        String hint = config.providers().keySet().equals(java.util.Set.of("mock")) ? " (try the model mock/echo)" : "";
        LOG.atInfo().addMarker(LogSetup.FOR_PEOPLE).addKeyValue("providers", providers)
                .addKeyValue("routes", routes).addKeyValue("config", config.source().orElse("none"))
                .log("Providers: {}{}; routes: {}; configuration: {}", providers, hint, routes.isEmpty() ? "none" : routes,
                        config.source().orElse("none (environment only)"));

        GovernanceSettings settings = governance.settings();
        String key = settings.secretKey().isPresent() ? "given by secret_key or JUNCTION_SECRET_KEY"
                : settings.secretKeyFile().toString();
        LOG.atInfo().addMarker(LogSetup.FOR_PEOPLE).addKeyValue("database", governance.database().describe())
                .addKeyValue("data_dir", settings.dataDir().toString())
                .log("Data: {}; secret key {}; request-log spool {}", governance.database().describe(), key,
                        settings.requestLogs().spoolDir());

        tracing(config.observability().tracing());
        access(mode, port);
    }

    /** Where traces (and logs) go, when tracing is on: the endpoint without credentials or query. */
    private static void tracing(dev.junction.config.TracingSettings tracing) {
        if (!tracing.enabled()) {
            return;
        }
        String endpoint = tracing.tracesEndpoint().map(StartupSummary::withoutCredentials).orElse("-");
        LOG.atInfo().addMarker(LogSetup.FOR_PEOPLE).addKeyValue("tracing", endpoint)
                .addKeyValue("service", tracing.serviceName())
                .log("Tracing: OTLP spans{} to {} as service {}, sampling {}", tracing.exportsLogs() ? " and logs" : "",
                        endpoint, tracing.serviceName(), tracing.sampleRatio());
    }

    private static String withoutCredentials(String url) {
        try {
            java.net.URI uri = java.net.URI.create(url);
            return new java.net.URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null)
                    .toString();
        } catch (IllegalArgumentException | java.net.URISyntaxException e) {
            return "(an endpoint)";
        }
    }

    /** Whether a key is needed, and why; or, loudly, that the gateway is open. Also said when a reload changes it. */
    static void access(AccessMode mode, int port) {
        if (mode.closed()) {
            LOG.atInfo().addMarker(LogSetup.FOR_PEOPLE).addKeyValue("auth", mode.wireName())
                    .addKeyValue("because", String.join("; ", mode.reasons()))
                    .log("Every data-plane request needs a key ({})", String.join("; ", mode.reasons()));
        } else {
            LOG.atWarn().addMarker(LogSetup.FOR_PEOPLE).addKeyValue("auth", mode.wireName()).log("The gateway is OPEN: no gateway key, admin key or "
                    + "virtual key exists, so ANYONE who can reach port {} can use the configured providers. Set "
                    + "JUNCTION_MASTER_KEY, JUNCTION_ADMIN_KEY or auth.required: true.", port);
        }
    }
}
