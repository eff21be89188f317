package dev.junction.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An online copy of the embedded SQLite store: {@code VACUUM INTO} on a connection of its own, which reads one
 * consistent snapshot of the database (a read transaction; in WAL mode the gateway keeps writing meanwhile) and writes
 * it, compacted, to a new file that is a complete database by itself, schema history included. PostgreSQL and MariaDB
 * are backed up with their own tools (docs/operations.md).
 */
public final class SqliteBackup {

    private SqliteBackup() {
    }

    /**
     * Copies the SQLite database of {@code settings} to {@code target}, which must not exist yet.
     *
     * @throws IllegalArgumentException when the store is not a SQLite file, or {@code target} exists
     * @throws IllegalStateException when the database cannot be read or the copy cannot be written
     */
    public static void copy(DatabaseSettings settings, Path target) {
        if (SqlDialect.ofUrl(settings.url()) != SqlDialect.SQLITE || JdbcUrls.isSqliteMemory(settings.url())) {
            throw new IllegalArgumentException("the store is " + JdbcUrls.redact(settings.url()) + ", not a SQLite "
                    + "file: back it up with the database's own tools (pg_dump, mariadb-dump; see docs/operations.md)");
        }
        String url = JdbcUrls.forDriver(settings.url());
        Path source = JdbcUrls.sqliteFile(url).orElseThrow();
        if (!Files.isRegularFile(source)) {
            throw new IllegalStateException("there is no database at " + source);
        }
        Path absolute = target.toAbsolutePath();
        if (Files.exists(absolute)) {
            throw new IllegalArgumentException(absolute + " exists already; name a new file");
        }
        try {
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + source)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA busy_timeout = 10000");
            }
            try (PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
                vacuum.setString(1, absolute.toString());
                vacuum.execute();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot back up " + source + " to " + absolute + ": " + e.getMessage(), e);
        }
    }
}
