package io.refinery.metrics.drift.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Reference values: numpy 1.24.2, {@code reference/reconstruction-reference.py} (committed with the data it wrote):
 * the standardised reference's SVD, scikit-learn's rules (population sd in the scaler, explained variance S²/(n − 1),
 * the fewest components reaching 0.65), the Euclidean reconstruction error per row averaged per chunk, and the band of
 * six reference chunks of 100 rows (mean ± 3 population sd). The data: four features, x2 ≈ x1 and x3 ≈ −x1; the
 * "broken" chunk draws x3 independently of x1 with the same marginal distribution.
 */
public class ReconstructionDriftTest {

    private static final List<String> FEATURES = List.of("x1", "x2", "x3", "x4");

    @Test
    void aBrokenCorrelationIsFoundWhereEveryMarginalLooksTheSame() {
        ReconstructionDrift.Result r = ReconstructionDrift.compute(FEATURES, rows("reconstruction-reference.csv"), 100,
                List.of(new ReconstructionDrift.Chunk("same", rows("reconstruction-same.csv")),
                        new ReconstructionDrift.Chunk("broken", rows("reconstruction-broken.csv"))),
                ReconstructionDrift.DEFAULT_VARIANCE_TO_KEEP);
        assertThat(r.components()).isEqualTo(1);
        assertThat(r.explainedVarianceRatio()).containsExactly(new double[] { 0.7228952077007654, 0.2498018415306211,
                0.021310692409514366, 0.005992258359099039 }, within(1e-12));
        assertThat(r.referenceChunks().stream().mapToDouble(ReconstructionDrift.ChunkResult::error).toArray())
                .containsExactly(new double[] { 0.9209384519133441, 0.8436072008750611, 0.7895483495623887,
                        0.8943439196468499, 0.9982751446343104, 0.9275903006813668 }, within(1e-12));
        assertThat(r.bandMean()).isCloseTo(0.8957172278855534, within(1e-12));
        assertThat(r.lower()).isCloseTo(0.6976289868903953, within(1e-12));
        assertThat(r.upper()).isCloseTo(1.0938054688807115, within(1e-12));

        ReconstructionDrift.ChunkResult same = r.chunks().get(0);
        assertThat(same.error()).isCloseTo(0.9291847414522924, within(1e-12));
        assertThat(same.drifted()).isFalse();
        ReconstructionDrift.ChunkResult broken = r.chunks().get(1);
        assertThat(broken.error()).isCloseTo(1.3171105265533027, within(1e-12));
        assertThat(broken.drifted()).isTrue();
        double[] squared = { 0.22555903492243082, 0.21841721220471638, 0.8492199046098757, 0.9313613118410099 };
        double[] shift = { 0.10252196843250191, 0.079330722844813, 0.05698883386573649, 0.08579222382828597 };
        for (int j = 0; j < 4; j++) {
            assertThat(broken.features().get(j).squaredError()).isCloseTo(squared[j], within(1e-12));
            assertThat(broken.features().get(j).meanShift()).isCloseTo(shift[j], within(1e-12));
        }
        // What moved: x3's error grows most against the reference's own (the mean shifts stay below 0.11 sd).
        ReconstructionDrift.FeatureShift most = broken.features().stream()
                .max(java.util.Comparator.comparingDouble(ReconstructionDrift.FeatureShift::errorRatio)).orElseThrow();
        assertThat(most.errorRatio()).isGreaterThan(5);
        assertThat(most.feature()).isEqualTo("x3");
    }

    @Test
    void badInputNamesTheField() {
        double[][] reference = rows("reconstruction-reference.csv");
        List<ReconstructionDrift.Chunk> one = List.of(new ReconstructionDrift.Chunk("c", new double[][] { { 1, 2, 3, 4 } }));
        assertThatThrownBy(() -> ReconstructionDrift.compute(List.of("x1"), reference, 100, one, 0.65))
                .isInstanceOf(DriftInputException.class).extracting("field").isEqualTo("features");
        assertThatThrownBy(() -> ReconstructionDrift.compute(FEATURES, reference, 400, one, 0.65))
                .isInstanceOf(DriftInputException.class).extracting("field").isEqualTo("reference");
        assertThatThrownBy(() -> ReconstructionDrift.compute(FEATURES, reference, 100,
                List.of(new ReconstructionDrift.Chunk("c", new double[][] { { 1, 2, 3 } })), 0.65))
                .isInstanceOf(DriftInputException.class).extracting("field").isEqualTo("chunks[0].rows[0]");
        assertThatThrownBy(() -> ReconstructionDrift.compute(FEATURES, reference, 100, one, 1.0))
                .isInstanceOf(DriftInputException.class).extracting("field").isEqualTo("varianceToKeep");
        double[][] constant = Arrays.stream(reference).map(r -> new double[] { r[0], r[1], r[2], 7 }).toArray(double[][]::new);
        assertThatThrownBy(() -> ReconstructionDrift.compute(FEATURES, constant, 100, one, 0.65))
                .isInstanceOf(DriftInputException.class).hasMessageContaining("x4 is constant");
    }

    public static double[][] rows(String file) {
        try (InputStream in = ReconstructionDriftTest.class.getResourceAsStream("/reference/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank())
                    .map(l -> Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray())
                    .toArray(double[][]::new);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
