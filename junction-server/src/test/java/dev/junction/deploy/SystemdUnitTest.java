package dev.junction.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.junction.config.ServerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/systemd/junction.service} passes {@code systemd-analyze verify} without a warning and holds the
 * settings docs/deploy.md promises; {@code deploy/install.sh} is valid bash (and clean for shellcheck where it is
 * installed). Without {@code systemd-analyze} the verification is skipped, except under CI ({@code CI=true}), where
 * a missing tool is a failure.
 */
class SystemdUnitTest {

    private static final String UNIT = DeployFiles.read("deploy/systemd/junction.service");
    private static final Path ANALYZE = Path.of("/usr/bin/systemd-analyze");

    @TempDir
    Path dir;

    @Test
    void unitPassesSystemdAnalyzeVerifyWithoutAWarning() throws Exception {
        boolean present = Files.isExecutable(ANALYZE);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI=true but " + ANALYZE + " is missing: install systemd");
        }
        assumeTrue(present, "systemd-analyze is not installed");
        // verify checks that ExecStart's program exists: stand a script in for the installed launcher.
        Path launcher = Files.writeString(dir.resolve("junction"), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path unit = Files.writeString(dir.resolve("junction.service"),
                UNIT.replace("/opt/junction/bin/junction", launcher.toString()));
        Process verify = new ProcessBuilder(ANALYZE.toString(), "verify", unit.toString())
                .redirectErrorStream(true).start();
        String output = new String(verify.getInputStream().readAllBytes());
        assertThat(verify.waitFor()).as(output).isZero();
        assertThat(output).isBlank();
    }

    @Test
    void unitRunsHardenedAsItsOwnUserWithItsStateDirectoryAsTheDataDirectory() {
        Map<String, String> service = settings();
        assertThat(service).containsEntry("User", "junction").containsEntry("ProtectSystem", "strict")
                .containsEntry("StateDirectory", "junction").containsEntry("Restart", "on-failure")
                .containsEntry("KillSignal", "SIGTERM").containsEntry("NoNewPrivileges", "true")
                .containsEntry("EnvironmentFile", "/etc/junction/junction.env")
                .containsEntry("Environment", "JUNCTION_DATA_DIR=/var/lib/junction");
        assertThat(service.get("ExecStart")).startsWith("/opt/junction/bin/junction serve --config ");
    }

    @Test
    void stopTimeoutLeavesTheDefaultDrainTimeToFinish() {
        long stop = Long.parseLong(settings().get("TimeoutStopSec").replace("s", ""));
        assertThat(stop).isGreaterThan(ServerSettings.DEFAULTS.drainTimeout().toSeconds());
    }

    @Test
    void installScriptIsValidAndKeepsTheSecretsFileForRootAlone() throws Exception {
        String script = DeployFiles.read("deploy/install.sh");
        assertThat(script).contains("chmod 0600 \"$etc/junction.env\"", "build)", "install)", "install-service)",
                "uninstall)");
        Path file = DeployFiles.root().resolve("deploy/install.sh");
        assertThat(run(List.of("bash", "-n", file.toString()))).isZero();
        for (String dirName : List.of("/usr/bin/shellcheck", "/usr/local/bin/shellcheck")) {
            if (Files.isExecutable(Path.of(dirName))) {
                assertThat(run(List.of(dirName, file.toString()))).isZero();
            }
        }
    }

    /** The unit's Key=value lines (the last one wins, as systemd reads single-valued settings). */
    private static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String line : UNIT.split("\n")) {
            int equals = line.indexOf('=');
            if (!line.startsWith("#") && equals > 0) {
                settings.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return settings;
    }

    private static int run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor();
    }
}
