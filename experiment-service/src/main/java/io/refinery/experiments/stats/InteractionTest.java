package io.refinery.experiments.stats;

import java.util.ArrayList;
import java.util.List;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.special.Gamma;

/**
 * Whether two experiments running on the same units at once interfere. Two questions, on the units exposed to both:
 * <ol>
 *   <li><b>Assignment dependence</b>: is the variant of one independent of the variant of the other? Pearson's
 *       chi-square test of independence of the variant × variant table (no continuity correction, the same as
 *       {@code scipy.stats.chi2_contingency(table, correction=False)}). With independent hashes it should be; a
 *       p-value below {@link #DEPENDENCE_THRESHOLD} (the SRM threshold) says the split of one depends on the other.</li>
 *   <li><b>Effect interaction</b>: does the first experiment's effect on its metric depend on the second's variant? For
 *       its control c and a treatment t, and the other's control c' and a variant u, the difference of differences
 *       <pre>
 *           I = (m[t,u] − m[c,u]) − (m[t,c'] − m[c,c'])
 *           SE² = V[t,u] + V[c,u] + V[t,c'] + V[c,c'],   z = I / SE,   p = 2 Φ(−|z|)
 *       </pre>
 *       with m the cell mean and V its variance of the mean (p(1 − p)/n for proportions, s²/n for means). This is the
 *       interaction coefficient of the saturated regression y ~ A × B with heteroskedasticity-robust errors (HC0 for
 *       proportions, HC2 for means), which the tests check against statsmodels. The p-values of every (t, u) pair are
 *       adjusted by Holm's method.</li>
 * </ol>
 */
public final class InteractionTest {

    /** A p-value of the independence test below this flags dependent assignment (like a sample ratio mismatch). */
    public static final double DEPENDENCE_THRESHOLD = 0.001;

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);

    private InteractionTest() {
    }

    /** Pearson's chi-square test of independence of a table of counts. */
    public record Independence(double chiSquare, int degreesOfFreedom, Double pValue, Boolean dependent) {
    }

    /** One difference of differences: treatment {@code row} of the first experiment, variant {@code column} of the other. */
    public record Contrast(int row, int column, Double interaction, Double standardError, Double pValue,
            Double adjustedPValue, Boolean significant, AnalysisStatus status) {
    }

    /**
     * @param counts units per (variant of the first, variant of the second); rows or columns that are all 0 are left
     *     out, and fewer than two of either leave nothing to test (null p-value)
     */
    public static Independence independence(long[][] counts) {
        List<Integer> rows = new ArrayList<>();
        List<Integer> columns = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < counts.length; i++) {
            long sum = 0;
            for (long c : counts[i]) {
                if (c < 0) {
                    throw new InvalidStatisticsInputException("counts", "must not be negative");
                }
                sum += c;
            }
            if (sum > 0) {
                rows.add(i);
            }
            total += sum;
        }
        for (int j = 0; j < (counts.length == 0 ? 0 : counts[0].length); j++) {
            long sum = 0;
            for (long[] row : counts) {
                sum += row[j];
            }
            if (sum > 0) {
                columns.add(j);
            }
        }
        if (rows.size() < 2 || columns.size() < 2) {
            return new Independence(0, 0, null, null);
        }
        double chiSquare = 0;
        for (int i : rows) {
            long rowSum = 0;
            for (long c : counts[i]) {
                rowSum += c;
            }
            for (int j : columns) {
                long columnSum = 0;
                for (long[] row : counts) {
                    columnSum += row[j];
                }
                double expected = (double) rowSum * columnSum / total;
                double deviation = counts[i][j] - expected;
                chiSquare += deviation * deviation / expected;
            }
        }
        int df = (rows.size() - 1) * (columns.size() - 1);
        double p = Gamma.regularizedGammaQ(df / 2.0, chiSquare / 2);
        return new Independence(chiSquare, df, p, p < DEPENDENCE_THRESHOLD);
    }

    /**
     * Every treatment of the first experiment (rows 1..) against its control (row 0), and every variant of the other
     * (columns 1..) against the other's control (column 0): the difference of differences of each pair, Holm-adjusted.
     *
     * @param cells the arm of the first experiment's metric per (its variant, the other's variant), controls first
     */
    public static List<Contrast> effects(ArmStatistic[][] cells, double alpha) {
        Inputs.requireOpenUnitInterval(alpha, "alpha");
        List<Contrast> raw = new ArrayList<>();
        List<Double> pValues = new ArrayList<>();
        for (int t = 1; t < cells.length; t++) {
            for (int u = 1; u < cells[t].length; u++) {
                ArmStatistic[] four = { cells[t][u], cells[0][u], cells[t][0], cells[0][0] };
                AnalysisStatus status = null;
                double variance = 0;
                for (ArmStatistic cell : four) {
                    cell.validate("cells");
                    if (cell.units() < 2) {
                        status = AnalysisStatus.NOT_ENOUGH_UNITS;
                    }
                    variance += cell.varianceOfMean();
                }
                if (status == null && variance == 0) {
                    status = AnalysisStatus.ZERO_VARIANCE;
                }
                if (status != null) {
                    raw.add(new Contrast(t, u, null, null, null, null, null, status));
                    pValues.add(null);
                    continue;
                }
                double interaction = four[0].mean() - four[1].mean() - (four[2].mean() - four[3].mean());
                double se = Math.sqrt(variance);
                double p = Math.min(1, 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(interaction / se)));
                raw.add(new Contrast(t, u, interaction, se, p, null, null, AnalysisStatus.OK));
                pValues.add(p);
            }
        }
        AdjustedPValues adjusted = PValueAdjustment.adjust(pValues, MultipleTestingCorrection.HOLM);
        List<Contrast> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            Contrast c = raw.get(i);
            Double p = adjusted.adjusted().get(i);
            out.add(new Contrast(c.row(), c.column(), c.interaction(), c.standardError(), c.pValue(), p,
                    p == null ? null : p < alpha, c.status()));
        }
        return out;
    }
}
