package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.junction.secret.Secret;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class DatabaseLoggingTest {

    @Test
    void thePasswordNeverReachesTheLogEvenAtDebugLevel() {
        String password = "hunter2-" + Ids.newId("pw");
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
        Level level = root.getLevel();
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        root.addAppender(events);
        root.setLevel(Level.DEBUG);
        // PostgreSQL here trusts local connections, so any password is accepted: it only has to stay out of logs.
        try (TestDatabases.Fresh fresh = TestDatabases.create(SqlDialect.POSTGRESQL)) {
            DatabaseSettings settings = new DatabaseSettings(fresh.settings().url() + "?password=" + password,
                    fresh.settings().user(), Optional.of(Secret.of(password)), 2);
            Database.open(settings).close();
        } finally {
            root.setLevel(level);
            root.detachAppender(events);
        }

        assertThat(events.list).anyMatch(e -> e.getFormattedMessage().contains("is ready"));
        assertThat(events.list).noneMatch(e -> e.getFormattedMessage().contains(password)
                || e.getThrowableProxy() != null
                && ThrowableProxyUtil.asString(e.getThrowableProxy()).contains(password));
    }
}
