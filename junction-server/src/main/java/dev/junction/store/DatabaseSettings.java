package dev.junction.store;

import dev.junction.secret.Secret;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach the store's database.
 *
 * @param url a JDBC URL: {@code jdbc:sqlite:<path>} (also {@code jdbc:sqlite::memory:}), {@code jdbc:postgresql://…},
 *     {@code jdbc:mariadb://…} or {@code jdbc:mysql://…} (served by the MariaDB driver)
 * @param user the user name, when not in the URL
 * @param password the password, when not in the URL; never logged
 * @param poolSize connections (and database threads) for PostgreSQL and MySQL; SQLite always uses one
 * @param migrate whether opening applies pending migrations ({@code database.migrate})
 */
public record DatabaseSettings(String url, Optional<String> user, Optional<Secret> password, int poolSize,
                               MigrationMode migrate) {

    /** Validates the settings. */
    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(migrate, "migrate");
        if (poolSize < 1) {
            throw new IllegalArgumentException("database pool size must be at least 1, got " + poolSize);
        }
    }

    /** Settings that migrate automatically. */
    public DatabaseSettings(String url, Optional<String> user, Optional<Secret> password, int poolSize) {
        this(url, user, password, poolSize, MigrationMode.AUTO);
    }

    /** The same database, with migrations {@code mode}. */
    public DatabaseSettings withMigrate(MigrationMode mode) {
        return new DatabaseSettings(url, user, password, poolSize, mode);
    }

    /** A database reached by URL alone (SQLite, or credentials in the URL), with a pool of four. */
    public static DatabaseSettings of(String url) {
        return new DatabaseSettings(url, Optional.empty(), Optional.empty(), 4);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + JdbcUrls.redact(url) + ", user=" + user.orElse("") + ", poolSize="
                + poolSize + ", migrate=" + migrate + "]";
    }
}
