package dev.junction.examples.audit;

import dev.junction.extension.ExtensionHooks;
import dev.junction.extension.ExtensionManifest;
import dev.junction.extension.FailureMode;
import dev.junction.extension.Hook;
import dev.junction.extension.JunctionExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * An audit sink: every finished request becomes one JSON line in a file ({@code settings.path}), for a compliance
 * archive or a billing system to read. A finished hook that writes a file is blocking work, so the manifest declares
 * it blocking: it runs on the gateway's worker pool, never on an event loop. Fail-open: an unwritable file never
 * refuses a request (a finished hook cannot anyway); the gateway counts the failures and disables the sink after
 * {@code extensions.disable_after} in a row.
 *
 * <pre>
 * extensions:
 *   plugins:
 *     audit-sink:
 *       settings: {path: /var/log/junction/audit.jsonl}
 * </pre>
 */
public final class AuditSinkExtension implements JunctionExtension {

    private AuditFile file;

    @Override
    public ExtensionManifest manifest() {
        return new ExtensionManifest("audit-sink", "1.0.0", Set.of(Hook.FINISHED), 1000, Duration.ofSeconds(1),
                FailureMode.FAIL_OPEN, Set.of(Hook.FINISHED));
    }

    @Override
    public ExtensionHooks start(ObjectNode settings) {
        String path = settings.path("path").asString("");
        if (path.isBlank()) {
            throw new IllegalArgumentException("audit-sink needs settings.path: the file to append JSON lines to");
        }
        try {
            file = AuditFile.open(Path.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException("audit-sink cannot open " + path, e);
        }
        AuditFile sink = file;
        return ExtensionHooks.builder().onFinished(summary -> sink.append(AuditLine.of(summary))).build();
    }

    @Override
    public void close() {
        if (file != null) {
            file.close();
        }
    }
}
