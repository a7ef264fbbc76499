package io.refinery.feedback.insight.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Per-system feedback summary over [from, to), optionally grouped by channel and/or segment: counts, mean sentiment
 * with a normal 95% confidence interval (mean ± 1.96·sd/√n), share negative, top themes, and NPS
 * (% promoters 9–10 minus % detractors 0–6) and CSAT (% of 4–5 answers) from survey responses of the same segment.
 */
@ApplicationScoped
public class FeedbackSummaries {

    /** One group (channel and segment are null when not grouped by them). */
    @RegisterForReflection
    public record Group(String channel, String segment, long count, Double meanSentiment, Double ciLow, Double ciHigh,
            double shareNegative, List<ThemeCount> topThemes, Long surveyResponses, Double nps, Double csat) {
    }

    @RegisterForReflection
    public record ThemeCount(String theme, long count) {
    }

    @RegisterForReflection
    public record Summary(String systemKey, Instant from, Instant to, List<String> groupBy, Group total, List<Group> groups) {
    }

    private static final int TOP_THEMES = 5;

    private final Pool pool;

    public FeedbackSummaries(Pool pool) {
        this.pool = pool;
    }

    public Uni<Summary> summarize(String systemKey, Instant from, Instant to, boolean byChannel, boolean bySegment) {
        List<String> groupBy = new ArrayList<>();
        if (byChannel) {
            groupBy.add("channel");
        }
        if (bySegment) {
            groupBy.add("segment");
        }
        String ch = byChannel ? "channel" : "null::text";
        String seg = bySegment ? "segment" : "null::text";
        String where = " from feedback.feedback_items where system_key = $1 and occurred_at >= $2 and occurred_at < $3";
        String stats = "select " + ch + " as ch, " + seg + " as seg, count(*) as n, avg(sentiment) as mean,"
                + " stddev_samp(sentiment) as sd, count(*) filter (where sentiment_label = 'NEGATIVE') as neg" + where
                + " group by 1, 2 order by 1 nulls first, 2 nulls first";
        String themes = "select " + ch + " as ch, " + seg + " as seg, t as theme, count(*) as n"
                + " from feedback.feedback_items cross join lateral unnest(themes) as t"
                + " where system_key = $1 and occurred_at >= $2 and occurred_at < $3 group by 1, 2, 3";
        String surveys = "select " + seg + " as seg, count(*) as n,"
                + " count(*) filter (where nps >= 9) as promoters, count(*) filter (where nps <= 6) as detractors,"
                + " count(nps) as nps_n, count(*) filter (where csat >= 4) as satisfied, count(csat) as csat_n"
                + " from feedback.survey_responses where system_key = $1 and occurred_at >= $2 and occurred_at < $3 group by 1";
        Tuple args = Tuple.of(systemKey, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC));
        return pool.preparedQuery(stats).execute(args).flatMap(statRows -> pool.preparedQuery(themes).execute(args)
                .flatMap(themeRows -> pool.preparedQuery(surveys).execute(args).map(surveyRows -> {
                    Map<String, List<ThemeCount>> themesByGroup = new LinkedHashMap<>();
                    Map<String, Long> totalThemes = new LinkedHashMap<>();
                    for (Row r : themeRows) {
                        themesByGroup.computeIfAbsent(key(r.getString("ch"), r.getString("seg")), k -> new ArrayList<>())
                                .add(new ThemeCount(r.getString("theme"), r.getLong("n")));
                        totalThemes.merge(r.getString("theme"), r.getLong("n"), Long::sum);
                    }
                    Map<String, Row> surveyBySeg = new LinkedHashMap<>();
                    long[] tot = new long[6];
                    for (Row r : surveyRows) {
                        surveyBySeg.put(r.getString("seg"), r);
                        tot[0] += r.getLong("n");
                        tot[1] += r.getLong("promoters");
                        tot[2] += r.getLong("detractors");
                        tot[3] += r.getLong("nps_n");
                        tot[4] += r.getLong("satisfied");
                        tot[5] += r.getLong("csat_n");
                    }
                    List<Group> groups = new ArrayList<>();
                    long n = 0;
                    long neg = 0;
                    double sum = 0;
                    double sumSq = 0;
                    for (Row r : statRows) {
                        long gn = r.getLong("n");
                        double mean = r.getDouble("mean");
                        Double sd = r.getDouble("sd");
                        n += gn;
                        neg += r.getLong("neg");
                        sum += mean * gn;
                        double var = sd == null ? 0 : sd * sd;
                        sumSq += var * (gn - 1) + mean * mean * gn;
                        String c = r.getString("ch");
                        String s = r.getString("seg");
                        boolean surveyChannel = c == null || "SURVEY".equals(c);
                        Row sv = surveyChannel && s != null ? surveyBySeg.get(s) : null;
                        long[] counts = sv == null ? null : new long[] { sv.getLong("n"), sv.getLong("promoters"),
                                sv.getLong("detractors"), sv.getLong("nps_n"), sv.getLong("satisfied"), sv.getLong("csat_n") };
                        if (surveyChannel && s == null) {
                            counts = tot;
                        }
                        groups.add(group(c, s, gn, mean, sd == null ? 0 : sd, r.getLong("neg"),
                                top(themesByGroup.getOrDefault(key(c, s), List.of())), counts));
                    }
                    Group total;
                    if (n == 0) {
                        total = new Group(null, null, 0, null, null, null, 0, List.of(), tot[0], nps(tot), csat(tot));
                    } else {
                        double mean = sum / n;
                        double sd = n > 1 ? Math.sqrt(Math.max(0, (sumSq - n * mean * mean) / (n - 1))) : 0;
                        List<ThemeCount> all = new ArrayList<>();
                        totalThemes.forEach((t, c) -> all.add(new ThemeCount(t, c)));
                        total = group(null, null, n, mean, sd, neg, top(all), tot);
                    }
                    return new Summary(systemKey, from, to, groupBy, total, groups);
                })));
    }

    private static Group group(String channel, String segment, long n, double mean, double sd, long neg,
            List<ThemeCount> themes, long[] survey) {
        double half = n > 1 ? 1.96 * sd / Math.sqrt(n) : 0;
        return new Group(channel, segment, n, round(mean), round(Math.max(-1, mean - half)), round(Math.min(1, mean + half)),
                round((double) neg / n), themes, survey == null ? null : survey[0], survey == null ? null : nps(survey),
                survey == null ? null : csat(survey));
    }

    static Double nps(long[] s) {
        return s[3] == 0 ? null : round(100.0 * (s[1] - s[2]) / s[3]);
    }

    static Double csat(long[] s) {
        return s[5] == 0 ? null : round(100.0 * s[4] / s[5]);
    }

    private static List<ThemeCount> top(List<ThemeCount> in) {
        return in.stream().sorted(Comparator.comparingLong(ThemeCount::count).reversed().thenComparing(ThemeCount::theme))
                .limit(TOP_THEMES).toList();
    }

    private static String key(String c, String s) {
        return c + "\u0000" + s;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
