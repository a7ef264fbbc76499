package io.refinery.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.refinery.experiments.assignment.allocation.Allocation;
import io.refinery.experiments.assignment.allocation.Holdout;
import io.refinery.experiments.assignment.allocation.MurmurHash3;

/**
 * JMH (not a test): experiment-service's in-process assignment, the part an HTTP assignment adds to a bare
 * endpoint. {@code assign} is {@link Allocation#assign} as the service calls it (UTF-8 encode, MurmurHash3 x64 128
 * of {@code experimentKey:unitId}, traffic fraction, weights) over 4,096 different unit ids; {@code hashOnly} is
 * the hash of the same bytes, pre-encoded. Throughput in operations (assignments) per second, one thread.
 *
 * <pre>java -cp "benchmarks/target/classes:$(cat benchmarks/target/bench-classpath.txt)" org.openjdk.jmh.Main AssignmentHashBench</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AssignmentHashBench {

    private static final int UNITS = 4096;

    private static final java.time.Instant STARTED = java.time.Instant.parse("2026-11-02T00:00:00Z");

    private Allocation allocation;
    private Holdout holdout;
    private String[] unitIds;
    private byte[][] encoded;
    private int next;

    @Setup
    public void setUp() {
        // A typical experiment: 90 % of traffic, a control and two treatments.
        allocation = new Allocation("homepage-reco-v7", 0.9, List.of("control", "treatment-a", "treatment-b"),
                List.of(0.5, 0.25, 0.25));
        holdout = new Holdout("homepage-2026-q4", new Allocation("homepage-2026-q4", 1.0,
                List.of(Holdout.HELD_OUT, Holdout.EXPOSED), List.of(0.05, 0.95)), STARTED.minusSeconds(86_400));
        unitIds = new String[UNITS];
        encoded = new byte[UNITS][];
        for (int i = 0; i < UNITS; i++) {
            unitIds[i] = "user-" + (1_000_000 + i * 7919L);
            encoded[i] = ("homepage-reco-v7:" + unitIds[i]).getBytes(StandardCharsets.UTF_8);
        }
    }

    @Benchmark
    public String assign() {
        String unit = unitIds[next];
        next = (next + 1) & (UNITS - 1);
        return allocation.assign(unit);
    }

    /**
     * The same assignment on a system with a running holdout that began before the experiment: the holdout's own
     * hash first ({@link Holdout#holdsOut}), then the experiment's for the units it does not hold out.
     */
    @Benchmark
    public String assignWithHoldout() {
        String unit = unitIds[next];
        next = (next + 1) & (UNITS - 1);
        return holdout.holdsOut("homepage-reco-v7", STARTED, unit) ? null : allocation.assign(unit);
    }

    @Benchmark
    public long[] hashOnly() {
        byte[] bytes = encoded[next];
        next = (next + 1) & (UNITS - 1);
        return MurmurHash3.hash128(bytes, bytes.length);
    }
}
