package dev.junction.dialect.vertex;

import dev.junction.secret.Secret;
import java.nio.file.Path;

/** Where a Vertex provider's Google credentials come from. Records: equal credentials share one token source. */
public sealed interface VertexCredentials {

    /** Application Default Credentials: {@code GOOGLE_APPLICATION_CREDENTIALS}, gcloud's, or the metadata server. */
    record ApplicationDefault() implements VertexCredentials {}

    /** A service account's JSON key file, read when the first token is needed. */
    record ServiceAccountFile(Path path) implements VertexCredentials {}

    /** A service account's JSON key itself (from an environment variable); never printed. */
    record ServiceAccountJson(Secret json) implements VertexCredentials {}
}
