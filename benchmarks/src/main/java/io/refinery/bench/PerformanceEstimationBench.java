package io.refinery.bench;

import java.util.Map;
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

import io.refinery.metrics.performance.estimation.Calibration;
import io.refinery.metrics.performance.estimation.CalibrationCheck;
import io.refinery.metrics.performance.estimation.CalibrationMethod;
import io.refinery.metrics.performance.estimation.Calibrations;
import io.refinery.metrics.performance.estimation.ConfidenceBasedEstimator;
import io.refinery.metrics.performance.estimation.PerformanceMetric;

/**
 * JMH (not a test): confidence-based performance estimation on {@code rows} predictions. {@code estimateDay} is what
 * the estimator does per changed day (calibrate every score with the fitted isotonic map, then the expected confusion
 * matrix and the estimated ROC AUC, one sort); {@code fitIsotonic} and {@code calibrationCheck} are what fitting on a
 * reference of that size costs (pool-adjacent violators; the 5-fold out-of-fold check). Average time per call.
 *
 * <pre>java -Xmx4g -cp "benchmarks/target/classes:$(cat benchmarks/target/bench-classpath.txt)" org.openjdk.jmh.Main PerformanceEstimationBench</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 4, time = 3)
@Fork(value = 1, jvmArgs = "-Xmx4g")
public class PerformanceEstimationBench {

    @Param({ "10000", "100000", "1000000" })
    public int rows;

    private double[] scores;
    private boolean[] labels;
    private boolean[] predicted;
    private Calibration isotonic;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(22);
        scores = new double[rows];
        labels = new boolean[rows];
        predicted = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            double x = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
            scores[i] = Math.round(1e6 / (1 + Math.exp(-3 * x))) / 1e6;
            labels[i] = random.nextDouble() < 1 / (1 + Math.exp(-2 * x));
            predicted[i] = scores[i] >= 0.5;
        }
        isotonic = Calibrations.fit(CalibrationMethod.ISOTONIC, scores, labels);
    }

    @Benchmark
    public Map<PerformanceMetric, Double> estimateDay() {
        return ConfidenceBasedEstimator.estimate(isotonic.calibrate(scores), predicted);
    }

    @Benchmark
    public Calibration fitIsotonic() {
        return Calibrations.fit(CalibrationMethod.ISOTONIC, scores, labels);
    }

    @Benchmark
    public CalibrationCheck calibrationCheck() {
        return CalibrationCheck.of(CalibrationMethod.ISOTONIC, scores, labels, 5);
    }
}
