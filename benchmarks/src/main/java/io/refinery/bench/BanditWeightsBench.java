package io.refinery.bench;

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

import io.refinery.experiments.stats.ThompsonSampling;

/**
 * JMH (not a test): one recomputation of a bandit's weights, P(best) per arm by quadrature (10,000 Simpson intervals),
 * for 2, 5 and 10 arms of 100,000 units each, binomial (Beta posteriors) and continuous (Normal posteriors). Average
 * time per recomputation; the clock runs it once per bandit per {@code updateEvery}.
 *
 * <pre>java -cp "benchmarks/target/classes:$(cat benchmarks/target/bench-classpath.txt)" org.openjdk.jmh.Main BanditWeightsBench</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BanditWeightsBench {

    @Param({ "2", "5", "10" })
    public int arms;

    private long[] units;
    private long[] conversions;
    private double[] means;
    private double[] variances;

    @Setup
    public void setUp() {
        units = new long[arms];
        conversions = new long[arms];
        means = new double[arms];
        variances = new double[arms];
        for (int i = 0; i < arms; i++) {
            units[i] = 100_000;
            conversions[i] = 5_000 + 40L * i;
            means[i] = 42.0 + 0.1 * i;
            variances[i] = 900.0 / 100_000;
        }
    }

    @Benchmark
    public double[] binomial() {
        return ThompsonSampling.probabilityBestBinomial(units, conversions, true);
    }

    @Benchmark
    public double[] continuous() {
        return ThompsonSampling.probabilityBestNormal(means, variances, true);
    }
}
