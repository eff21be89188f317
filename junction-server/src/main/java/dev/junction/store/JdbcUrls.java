package dev.junction.store;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/** What the store needs to know about a JDBC URL: the driver's form, the SQLite file, and a form safe to log. */
final class JdbcUrls {

    private static final String SQLITE = "jdbc:sqlite:";
    private static final Pattern USER_INFO = Pattern.compile("://[^/@?]*@");
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password|passwd|pwd)=[^&;]*");

    private JdbcUrls() {}

    /** The URL with user info and password parameters masked, for logs and messages. */
    static String redact(String url) {
        String masked = USER_INFO.matcher(url).replaceAll("://***@");
        return PASSWORD_PARAM.matcher(masked).replaceAll("$1=***");
    }

    /** The URL as the shipped drivers take it: MySQL URLs are served by the MariaDB driver. */
    static String forDriver(String url) {
        return url.startsWith("jdbc:mysql:") ? "jdbc:mariadb:" + url.substring("jdbc:mysql:".length()) : url;
    }

    /** Whether a SQLite URL names an in-memory database, which lives only as long as its one connection. */
    static boolean isSqliteMemory(String url) {
        String rest = url.substring(SQLITE.length());
        int query = rest.indexOf('?');
        String path = query < 0 ? rest : rest.substring(0, query);
        String params = query < 0 ? "" : rest.substring(query + 1);
        return path.isEmpty() || path.equals(":memory:") || path.startsWith(":resource:")
                || ("&" + params + "&").contains("&mode=memory&");
    }

    /** The file of a SQLite URL that names a file on disk; empty for memory and classpath databases. */
    static Optional<Path> sqliteFile(String url) {
        if (isSqliteMemory(url)) {
            return Optional.empty();
        }
        String rest = url.substring(SQLITE.length());
        int query = rest.indexOf('?');
        String path = query < 0 ? rest : rest.substring(0, query);
        if (path.startsWith("file://")) {
            path = path.substring("file://".length());
        } else if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        }
        return Optional.of(Path.of(path));
    }
}
