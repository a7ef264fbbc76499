package io.refinery.platform.systems;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.refinery.platform.outbox.SchemaName;
import io.refinery.platform.problem.NotFoundProblem;
import io.refinery.platform.problem.UnprocessableProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The service's copy of the AI system registry, table {@code <refinery.outbox.schema>.systems}: kept from
 * refinery.systems (newer revisions win, whatever order events arrive in) and read to refuse data about a system
 * the registry does not know. The registry itself belongs to oversight-service.
 */
@ApplicationScoped
public class KnownSystems {

    private static final String COLUMNS = "system_key, name, kind, owner_team, brand_impact, financial_impact,"
            + " customer_impact, revision, updated_at";

    private final Pool pool;
    private final String upsert;
    private final String byKey;
    private final String byTeam;

    public KnownSystems(Pool pool, @ConfigProperty(name = "refinery.outbox.schema") String schema) {
        this.pool = pool;
        String table = SchemaName.checked(schema) + ".systems";
        this.upsert = "insert into " + table + " (" + COLUMNS + ", received_at)"
                + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, now()) on conflict (system_key) do update set"
                + " name = excluded.name, kind = excluded.kind, owner_team = excluded.owner_team,"
                + " brand_impact = excluded.brand_impact, financial_impact = excluded.financial_impact,"
                + " customer_impact = excluded.customer_impact, revision = excluded.revision,"
                + " updated_at = excluded.updated_at, received_at = excluded.received_at"
                + " where " + table + ".revision < excluded.revision";
        this.byKey = "select " + COLUMNS + " from " + table + " where system_key = $1";
        this.byTeam = "select " + COLUMNS + " from " + table + " where owner_team = $1 and system_key <> $2"
                + " order by system_key";
    }

    /** Applies a registry event inside the caller's transaction; true when it changed the copy. */
    public Uni<Boolean> apply(KnownSystem s) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(upsert)
                .setParameter(1, s.key()).setParameter(2, s.name()).setParameter(3, s.kind())
                .setParameter(4, s.ownerTeam()).setParameter(5, s.brandImpact()).setParameter(6, s.financialImpact())
                .setParameter(7, s.customerImpact()).setParameter(8, s.revision())
                .setParameter(9, s.updatedAt().atOffset(ZoneOffset.UTC))
                .executeUpdate())
                .map(changed -> changed == 1);
    }

    /** The system, or null when the registry's events have not told this service about it (yet). */
    public Uni<KnownSystem> find(String key) {
        return pool.preparedQuery(byKey).execute(Tuple.of(key)).map(rows -> {
            List<KnownSystem> found = read(rows);
            return found.isEmpty() ? null : found.get(0);
        });
    }

    /** The system, or a 404 problem for a {@code /systems/{key}} read. */
    public Uni<KnownSystem> get(String key) {
        return find(key).onItem().ifNull().failWith(() -> new NotFoundProblem("no AI system with key '" + key
                + "' is known here (yet); systems are registered on oversight-service"));
    }

    /** The system that data names in {@code field}, or a 422 problem on that field: register it first. */
    public Uni<KnownSystem> require(String key, String field) {
        return find(key).onItem().ifNull().failWith(() -> new UnprocessableProblem(field, "unknown AI system '" + key
                + "': register it on oversight-service first"));
    }

    /** The other systems of the same owning team. */
    public Uni<List<KnownSystem>> ofTeam(String ownerTeam, String exceptKey) {
        return pool.preparedQuery(byTeam).execute(Tuple.of(ownerTeam, exceptKey)).map(KnownSystems::read);
    }

    private static List<KnownSystem> read(RowSet<Row> rows) {
        List<KnownSystem> systems = new ArrayList<>();
        for (Row r : rows) {
            systems.add(new KnownSystem(r.getString("system_key"), r.getString("name"), r.getString("kind"),
                    r.getString("owner_team"), r.getString("brand_impact"), r.getString("financial_impact"),
                    r.getString("customer_impact"), r.getLong("revision"),
                    r.getOffsetDateTime("updated_at").toInstant()));
        }
        return systems;
    }
}
