package dev.junction.provider;

import java.util.Objects;

/**
 * The certificates a provider's TLS server is verified against, instead of the JVM's trust store: a private CA, or a
 * self-signed upstream ({@code providers.<name>.tls.ca_file}). Read when the configuration is loaded, so that no
 * request waits for the file. Immutable; equal when the certificates are.
 *
 * @param file where the certificates were read from, for messages
 * @param pem one or more certificates in PEM form
 */
public record CaBundle(String file, String pem) {

    /** Checks the components. */
    public CaBundle {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(pem, "pem");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CaBundle other && pem.equals(other.pem);
    }

    @Override
    public int hashCode() {
        return pem.hashCode();
    }

    @Override
    public String toString() {
        return "CaBundle[" + file + "]";
    }
}
