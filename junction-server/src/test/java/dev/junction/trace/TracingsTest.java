package dev.junction.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.config.TracingSettings;
import dev.junction.events.EventBus;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Tracing off costs no OpenTelemetry class: {@link Tracings#start} is run in a class loader of its own (the test
 * class path, loaded afresh), which is then asked which OpenTelemetry classes it loaded.
 */
class TracingsTest {

    private static final String SDK = "io.opentelemetry.sdk.trace.SdkTracerProvider";
    private static final String API = "io.opentelemetry.api.trace.Span";

    /** A loader of the whole class path that prefers its own copy of every class, and tells what it loaded. */
    private static final class Isolated extends URLClassLoader {
        Isolated() {
            super(classPath(), ClassLoader.getPlatformClassLoader());
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }

        private static URL[] classPath() {
            return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(p -> {
                try {
                    return new File(p).toURI().toURL();
                } catch (MalformedURLException e) {
                    throw new IllegalStateException(e);
                }
            }).toArray(URL[]::new);
        }
    }

    /** Starts and closes tracing with {@code settings} inside {@code loader}; whether it was enabled. */
    private static boolean startIn(Isolated loader, TracingSettings settings) throws Exception {
        Class<?> tracings = loader.loadClass(Tracings.class.getName());
        Class<?> settingsClass = loader.loadClass(TracingSettings.class.getName());
        Class<?> bus = loader.loadClass(EventBus.class.getName());
        Object copy = settingsClass.getConstructors()[0].newInstance(settings.enabled(), settings.tracesEndpoint(),
                settings.logsEndpoint(), settings.headers(), settings.serviceName(), settings.resourceAttributes(),
                settings.sampleRatio(), settings.logs(), settings.queueSize());
        Object tracing = tracings.getMethod("start", settingsClass, bus).invoke(null, copy,
                bus.getConstructor().newInstance());
        Class<?> api = loader.loadClass(Tracing.class.getName());
        boolean enabled = (boolean) api.getMethod("enabled").invoke(tracing);
        api.getMethod("close").invoke(tracing);
        return enabled;
    }

    @Test
    void tracingOffLoadsNoOpenTelemetryClass() throws Exception {
        try (Isolated loader = new Isolated()) {
            assertThat(startIn(loader, TracingSettings.DEFAULT)).isFalse();
            assertThat(loader.loaded(Tracings.class.getName())).as("the check looks in the right loader").isTrue();
            assertThat(loader.loaded(SDK)).isFalse();
            assertThat(loader.loaded(API)).isFalse();
        }
    }

    @Test
    void tracingOnLoadsTheSdk() throws Exception {
        TracingSettings on = new TracingSettings(true, Optional.of("http://127.0.0.1:9/v1/traces"),
                Optional.of("http://127.0.0.1:9/v1/logs"), Map.of(), "t", Map.of(), 1.0, false, 16);
        try (Isolated loader = new Isolated()) {
            assertThat(startIn(loader, on)).isTrue();
            assertThat(loader.loaded(SDK)).isTrue();
        }
    }
}
