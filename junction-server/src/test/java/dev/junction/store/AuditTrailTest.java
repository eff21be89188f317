package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.entity.AuditEntry;
import dev.junction.entity.Tenant;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedDatabases.class)
class AuditTrailTest {

    @AllDialects
    void eachEntryChainsToTheOneBefore(SqlDialect dialect) {
        AuditTrail audit = Fixtures.store(dialect).audit();

        AuditEntry first = audit.append("admin", "tenant.create", "tenant", "ten_1", "{\"name\":\"a\"}");
        AuditEntry second = audit.append("admin", "tenant.update", "tenant", "ten_1", "{\"name\":\"b\"}");

        assertThat(second.seq()).isGreaterThan(first.seq());
        assertThat(second.prevHash()).isEqualTo(first.hash());
        assertThat(second.hash()).matches("[0-9a-f]{64}").isNotEqualTo(first.hash());
    }

    @AllDialects
    void theFirstEntryChainsToSixtyFourZeros(SqlDialect dialect) {
        Database db = SharedDatabases.get(dialect);
        new AuditTrail(db, Clock.systemUTC()).append("admin", "route.create", "route", "r", "{}");

        String firstPrev = db.jdbi().withHandle(h -> h.createQuery("SELECT prev_hash FROM audit_log ORDER BY seq "
                + "LIMIT 1").mapTo(String.class).one());

        assertThat(firstPrev).isEqualTo("0".repeat(64));
    }

    @AllDialects
    void entriesAreListedNewestFirstByTimeAndPosition(SqlDialect dialect) {
        Database db = SharedDatabases.get(dialect);
        Instant base = Instant.parse("2001-01-01T00:00:00Z").plusSeconds(dialect.ordinal() * 3600L);
        List<AuditEntry> written = List.of(0, 1, 2, 3).stream()
                .map(i -> new AuditTrail(db, Clock.fixed(base.plusSeconds(i), ZoneOffset.UTC))
                        .append("admin", "key.create", "key", "key_" + i, "{}"))
                .toList();
        AuditTrail audit = new AuditTrail(db, Clock.systemUTC());
        Optional<Instant> from = Optional.of(base);
        Optional<Instant> to = Optional.of(base.plusSeconds(4));

        List<AuditEntry> firstPage = audit.list(from, to, 3, Optional.empty());
        List<AuditEntry> secondPage = audit.list(from, to, 3, Optional.of(firstPage.getLast().seq()));

        assertThat(firstPage).containsExactly(written.get(3), written.get(2), written.get(1));
        assertThat(secondPage).containsExactly(written.get(0));
        assertThat(audit.list(Optional.of(base.plusSeconds(1)), Optional.of(base.plusSeconds(3)), 10,
                Optional.empty())).containsExactly(written.get(2), written.get(1));
    }

    @AllDialects
    void anUntouchedChainVerifies(SqlDialect dialect) {
        AuditTrail audit = Fixtures.store(dialect).audit();
        audit.append("admin", "budget.create", "budget", "bud_1", "{\"amount\":1}");

        assertThat(audit.verify()).isEmpty();
    }

    @AllDialects
    void verificationFindsAnEntryChangedInTheDatabase(SqlDialect dialect) {
        Database db = SharedDatabases.get(dialect);
        AuditTrail audit = new AuditTrail(db, Clock.systemUTC());
        AuditEntry victim = audit.append("admin", "key.update", "key", "key_1", "{\"enabled\":false}");
        audit.append("admin", "key.update", "key", "key_2", "{\"enabled\":true}");
        try {
            setDetail(db, victim.seq(), "{\"enabled\":true}");

            assertThat(audit.verify()).contains(victim.seq());
        } finally {
            // The database is shared: put the entry back so the chain is whole again.
            setDetail(db, victim.seq(), victim.detailJson());
        }
        assertThat(audit.verify()).isEmpty();
    }

    @Test
    void verificationFindsTheEntryAfterARemovedOne() {
        try (Database db = Database.open(DatabaseSettings.of("jdbc:sqlite::memory:"))) {
            AuditTrail audit = new AuditTrail(db, Clock.systemUTC());
            audit.append("admin", "a", "e", "1", "{}");
            AuditEntry removed = audit.append("admin", "b", "e", "2", "{}");
            AuditEntry next = audit.append("admin", "c", "e", "3", "{}");

            db.jdbi().useHandle(h -> h.createUpdate("DELETE FROM audit_log WHERE seq = :seq")
                    .bind("seq", removed.seq()).execute());

            assertThat(audit.verify()).contains(next.seq());
        }
    }

    @AllDialects
    void anAppendCommitsOrRollsBackWithTheCallersTransaction(SqlDialect dialect) {
        Database db = SharedDatabases.get(dialect);
        GovernanceStore store = Fixtures.store(dialect);
        String name = Fixtures.unique("atomic");
        String marker = Fixtures.unique("marker");

        assertThatThrownBy(() -> db.jdbi().useTransaction(h -> {
            Tenant tenant = store.tenants().create(Fixtures.tenant(name));
            store.audit().append("admin", "tenant.create", "tenant", tenant.id(), "{\"m\":\"" + marker + "\"}");
            throw new IllegalStateException("the caller changed its mind");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(store.tenants().findByName(name)).isEmpty();
        assertThat(store.audit().list(Optional.empty(), Optional.empty(), 1000, Optional.empty()))
                .noneMatch(e -> e.detailJson().contains(marker));
    }

    private static void setDetail(Database db, long seq, String detail) {
        db.jdbi().useHandle(h -> h.createUpdate("UPDATE audit_log SET detail = :detail WHERE seq = :seq")
                .bind("detail", detail).bind("seq", seq).execute());
    }
}
