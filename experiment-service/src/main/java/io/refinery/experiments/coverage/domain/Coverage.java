package io.refinery.experiments.coverage.domain;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Registered AI systems without a running experiment, by system key. */
@ApplicationScoped
public class Coverage {

    private static final String GAPS = """
            select s.system_key, s.name, s.kind, g.opened_at,
                   (select e.key from experiments.experiments e where e.system_key = s.system_key and e.kind <> 'HOLDOUT'
                    order by coalesce(e.concluded_at, e.stopped_at, e.created_at) desc limit 1) as last_experiment
            from experiments.systems s left join experiments.coverage_gaps g on g.system_key = s.system_key
            where not exists (select 1 from experiments.experiments e where e.system_key = s.system_key and e.state = 'RUNNING'
                                and e.kind <> 'HOLDOUT')
              and s.system_key > $1
            order by s.system_key limit $2""";

    /**
     * A system without a running experiment.
     *
     * @param gapSince when the coverage job noticed the gap (null until its next run)
     * @param lastExperimentKey the system's most recent experiment, if any
     */
    public record Gap(String systemKey, String name, String kind, Instant gapSince, String lastExperimentKey) {
    }

    private final Pool pool;

    public Coverage(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<Gap>> gaps(String afterKey, int limit) {
        return pool.preparedQuery(GAPS).execute(Tuple.of(afterKey == null ? "" : afterKey, limit)).map(rows -> {
            List<Gap> gaps = new ArrayList<>();
            for (Row r : rows) {
                OffsetDateTime since = r.getOffsetDateTime("opened_at");
                gaps.add(new Gap(r.getString("system_key"), r.getString("name"), r.getString("kind"),
                        since == null ? null : since.toInstant(), r.getString("last_experiment")));
            }
            return gaps;
        });
    }
}
