package io.refinery.experiments.stats;

/**
 * An always-valid test of H₀: μ_t = μ_c that may be looked at after every unit without inflating the false positive
 * rate: the mixture sequential probability ratio test (mSPRT) with a normal mixing distribution, as in Johari,
 * Koomen, Pekelis &amp; Walsh, "Peeking at A/B Tests: Why it matters, and what to do about it", KDD 2017 (and
 * "Always Valid Inference", <i>Operations Research</i> 70(3), 2022).
 *
 * <p>The difference of means Δ̂ = ȳ_t − ȳ_c is approximately N(θ, V) with V = σ_t²/n_t + σ_c²/n_c (σ² plug-in sample
 * variances, as in the paper; p(1 − p) for conversions). Mixing the likelihood ratio of θ against θ₀ over
 * θ ~ N(θ₀, τ²) gives
 * <pre>
 *     Λ(θ₀) = √(V / (V + τ²)) · exp( τ² (Δ̂ − θ₀)² / (2V(V + τ²)) )
 * </pre>
 * which for n_t = n_c = n and σ_t = σ_c = σ (V = 2σ²/n) is the paper's
 * Λ_n = √(2σ²/(2σ² + nτ²)) · exp(n²τ²(Ȳ_n − X̄_n − θ₀)² / (4σ²(2σ² + nτ²))). Under H₀, Λ is a martingale, so by
 * Ville's inequality P(Λ ever ≥ 1/α) ≤ α:
 * <ul>
 *   <li>always-valid p-value: p_n = min(p_{n−1}, 1/Λ_n(0)), p_0 = 1;</li>
 *   <li>always-valid interval: {θ₀ : Λ_n(θ₀) &lt; 1/α} = Δ̂ ± √( V(V + τ²)/τ² · (2 log(1/α) + log((V + τ²)/V)) ),
 *       intersected with the previous look's interval (if the intersection is empty, which under H₀ happens with
 *       probability at most α, the current interval is returned);</li>
 *   <li>significant: the boundary has been crossed, p_n ≤ α.</li>
 * </ul>
 * The validity is exact for normal data with known variances and asymptotic with plug-in variances. τ² comes from
 * {@link MixingVariance} and must be fixed before the experiment starts. Unlike a fixed-horizon test the interval is
 * wider at any given look; that is the price of peeking freely.
 */
public final class MixtureSequentialProbabilityRatioTest {

    private MixtureSequentialProbabilityRatioTest() {
    }

    /** Evaluates one look; never throws for degenerate data. */
    public static SequentialResult test(SequentialRequest request) {
        Inputs.requireNonNull(request, "request");
        ArmStatistic control = request.control();
        ArmStatistic treatment = request.treatment();
        AnalysisStatus degenerate = Degeneracy.of(control, treatment);
        if (degenerate != null) {
            return SequentialResult.degenerate(degenerate);
        }
        double alpha = request.alpha();
        double variance = control.varianceOfMean() + treatment.varianceOfMean();
        double tauSquared = request.mixing().tauSquared(alpha, control.variance(), treatment.variance());
        if (!(variance > 0 && tauSquared > 0)) { // e.g. 0 of n against n of n conversions: no spread in either arm
            return SequentialResult.degenerate(AnalysisStatus.ZERO_VARIANCE);
        }
        double difference = treatment.mean() - control.mean();

        double logLikelihoodRatio = 0.5 * Math.log(variance / (variance + tauSquared))
                + tauSquared * difference * difference / (2 * variance * (variance + tauSquared));
        double previousPValue = request.previousPValue() == null ? 1 : request.previousPValue();
        double pValue = Math.min(previousPValue, Math.min(1, Math.exp(-logLikelihoodRatio)));

        double halfWidth = Math.sqrt(variance * (variance + tauSquared) / tauSquared
                * (-2 * Math.log(alpha) + Math.log1p(tauSquared / variance)));
        ConfidenceInterval interval = intersect(ConfidenceInterval.around(difference, halfWidth),
                request.previousInterval());
        return new SequentialResult(difference, pValue, interval, pValue <= alpha, tauSquared, AnalysisStatus.OK,
                null);
    }

    private static ConfidenceInterval intersect(ConfidenceInterval current, ConfidenceInterval previous) {
        if (previous == null) {
            return current;
        }
        double lower = Math.max(current.lower(), previous.lower());
        double upper = Math.min(current.upper(), previous.upper());
        return lower <= upper ? new ConfidenceInterval(lower, upper) : current;
    }
}
