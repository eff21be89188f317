package dev.junction.config;

import dev.junction.provider.CaBundle;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads a provider's {@code tls} block: {@code ca_file}, a PEM file of the certificates its TLS server is verified
 * against instead of the JVM's trust store (a private CA, a self-signed server). The file is read now, at load time
 * (relative paths from the working directory), and must hold at least one certificate. Stateless.
 */
final class TlsReader {

    private static final Set<String> TLS = Set.of("ca_file");

    private TlsReader() {}

    /** The provider's CA bundle, if its definition {@code provider} (at {@code path}) names one. */
    static Optional<CaBundle> caBundle(JsonNode provider, String path, Problems problems) {
        JsonNode tls = provider.get("tls");
        if (!problems.isMapping(tls, path + ".tls")) {
            return Optional.empty();
        }
        problems.onlyKeys(tls, path + ".tls", TLS);
        return problems.string(tls, "ca_file", path + ".tls").flatMap(file -> read(file, path + ".tls.ca_file",
                problems));
    }

    private static Optional<CaBundle> read(String file, String field, Problems problems) {
        String pem;
        try {
            pem = Files.readString(Path.of(file), StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            problems.add(field + ": cannot read '" + file + "' (" + e.getClass().getSimpleName() + ")");
            return Optional.empty();
        }
        try {
            var certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            if (certificates.isEmpty()) {
                problems.add(field + ": '" + file + "' holds no certificate");
                return Optional.empty();
            }
        } catch (CertificateException e) {
            problems.add(field + ": '" + file + "' holds no PEM certificate: " + e.getMessage());
            return Optional.empty();
        }
        return Optional.of(new CaBundle(file, pem));
    }
}
