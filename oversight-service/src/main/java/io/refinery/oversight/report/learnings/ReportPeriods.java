package io.refinery.oversight.report.learnings;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Report periods: a quarter such as {@code 2026-Q4} is [1 Oct 2026, 1 Jan 2027) in UTC. */
public final class ReportPeriods {

    private static final Pattern QUARTER = Pattern.compile("^(\\d{4})-Q([1-4])$");

    private ReportPeriods() {
    }

    /** @throws IllegalArgumentException when {@code quarter} is not YYYY-Qn */
    public static LearningsReport.Period quarter(String quarter) {
        Matcher m = QUARTER.matcher(quarter.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("must look like 2026-Q4");
        }
        LocalDate start = LocalDate.of(Integer.parseInt(m.group(1)), 3 * (Integer.parseInt(m.group(2)) - 1) + 1, 1);
        return new LearningsReport.Period(start.atStartOfDay(ZoneOffset.UTC).toInstant(),
                start.plusMonths(3).atStartOfDay(ZoneOffset.UTC).toInstant(), quarter.strip());
    }

    /** The quarter that holds {@code at}, e.g. 2026-Q4. */
    public static String quarterOf(Instant at) {
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        return day.getYear() + "-Q" + ((day.getMonthValue() - 1) / 3 + 1);
    }
}
