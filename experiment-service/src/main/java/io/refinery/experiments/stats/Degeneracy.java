package io.refinery.experiments.stats;

/** The checks that decide whether two arms can be compared at all (see {@link AnalysisStatus}). */
final class Degeneracy {

    private Degeneracy() {
    }

    /** {@link #ofProportions} for two proportions, {@link #ofMeans} otherwise. */
    static AnalysisStatus of(ArmStatistic control, ArmStatistic treatment) {
        if (control instanceof ProportionStatistic c && treatment instanceof ProportionStatistic t) {
            return ofProportions(c, t);
        }
        return ofMeans(control, treatment);
    }

    /** A binomial comparison needs units in both arms and some, but not all, units converted overall. */
    static AnalysisStatus ofProportions(ProportionStatistic control, ProportionStatistic treatment) {
        if (control.units() == 0 || treatment.units() == 0) {
            return AnalysisStatus.NO_UNITS;
        }
        long conversions = control.conversions() + treatment.conversions();
        if (conversions == 0) {
            return AnalysisStatus.NO_CONVERSIONS;
        }
        if (conversions == control.units() + treatment.units()) {
            return AnalysisStatus.ZERO_VARIANCE;
        }
        return null;
    }

    /**
     * A comparison of means needs two units per arm and a positive variance of the difference; a ratio also needs a
     * denominator that does not sum to 0 in either arm.
     */
    static AnalysisStatus ofMeans(ArmStatistic control, ArmStatistic treatment) {
        if (control.units() == 0 || treatment.units() == 0) {
            return AnalysisStatus.NO_UNITS;
        }
        if (control.units() < 2 || treatment.units() < 2) {
            return AnalysisStatus.NOT_ENOUGH_UNITS;
        }
        if (control instanceof QuantileStatistic c && !c.hasInterval()
                || treatment instanceof QuantileStatistic t && !t.hasInterval()) {
            return AnalysisStatus.NOT_ENOUGH_UNITS;
        }
        if (control instanceof RatioStatistic c && !c.hasDenominator()
                || treatment instanceof RatioStatistic t && !t.hasDenominator()) {
            return AnalysisStatus.NO_DENOMINATOR;
        }
        if (control.variance() == 0 && treatment.variance() == 0) {
            return AnalysisStatus.ZERO_VARIANCE;
        }
        return null;
    }
}
