package dev.junction.cli;

import dev.junction.config.ConfigException;
import dev.junction.config.ConfigLoader;
import dev.junction.config.GatewayConfig;
import dev.junction.provider.ProviderCatalog;
import dev.junction.routing.ModelResolver;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code junction check-config FILE}: validates a configuration without starting anything. */
@Command(name = "check-config", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = {"Validate a configuration file against the environment and list "
        + "every problem found.", "Exit status 0 when valid, 1 when not."})
final class CheckConfigCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The YAML configuration file.")
    private Path file;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try {
            GatewayConfig config = new ConfigLoader(ProviderCatalog.bundled(), System.getenv()).load(Optional.of(file));
            long wildcards = config.routes().keySet().stream().filter(ModelResolver::isWildcard).count();
            spec.commandLine().getOut().printf("%s is valid: %d providers (%s), %d routes (%d wildcard), %d aliases, "
                    + "%d gateway keys, %d admin keys.%n", file, config.providers().size(),
                    String.join(", ", config.providers().keySet()), config.routes().size(), wildcards,
                    config.aliases().size(), config.keys().size(), config.adminKeys().size());
            return 0;
        } catch (ConfigException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        }
    }
}
