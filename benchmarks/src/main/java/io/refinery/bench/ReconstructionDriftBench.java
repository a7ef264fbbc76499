package io.refinery.bench;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.refinery.metrics.drift.stats.DomainClassifierDrift;
import io.refinery.metrics.drift.stats.ReconstructionDrift;

/**
 * JMH (not a test): one multivariate drift check, 10 correlated features, a reference of {@code rows} rows (in 10
 * chunks) and one period of {@code rows} rows: {@code check} is {@link ReconstructionDrift} (standardise, covariance,
 * PCA, reconstruct every row), {@code domainClassifier} is {@link DomainClassifierDrift} (5-fold logistic regression
 * and the full fit). Average time per check.
 *
 * <pre>java -Xmx4g -cp "benchmarks/target/classes:$(cat benchmarks/target/bench-classpath.txt)" org.openjdk.jmh.Main ReconstructionDriftBench</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 4, time = 3)
@Fork(value = 1, jvmArgs = "-Xmx4g")
public class ReconstructionDriftBench {

    private static final int FEATURES = 10;

    @Param({ "10000", "100000", "1000000" })
    public int rows;

    private List<String> features;
    private double[][] reference;
    private double[][] current;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(22);
        features = java.util.stream.IntStream.range(0, FEATURES).mapToObj(i -> "f" + i).toList();
        reference = rows(random, rows);
        current = rows(random, rows);
    }

    private static double[][] rows(SplittableRandom random, int n) {
        double[][] out = new double[n][FEATURES];
        for (int r = 0; r < n; r++) {
            double base = random.nextGaussian();
            for (int j = 0; j < FEATURES; j++) {
                out[r][j] = (j % 2 == 0 ? base : -base) * (1 + j) + random.nextGaussian();
            }
        }
        return out;
    }

    /** The domain classifier on the same rows: 5 folds and the full fit, Newton on 11 coefficients. */
    @Benchmark
    public DomainClassifierDrift.Result domainClassifier() {
        return DomainClassifierDrift.compute(features, reference, current, DomainClassifierDrift.DEFAULT_FOLDS,
                DomainClassifierDrift.DEFAULT_RIDGE, DomainClassifierDrift.DEFAULT_THRESHOLD);
    }

    @Benchmark
    public ReconstructionDrift.Result check() {
        return ReconstructionDrift.compute(features, reference, rows / 10,
                List.of(new ReconstructionDrift.Chunk("period", current)), ReconstructionDrift.DEFAULT_VARIANCE_TO_KEEP);
    }
}
