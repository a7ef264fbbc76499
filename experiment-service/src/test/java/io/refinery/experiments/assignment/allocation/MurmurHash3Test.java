package io.refinery.experiments.assignment.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reference values: Guava 33.4.8's {@code Hashing.murmur3_128().hashBytes(bytes)} (the x64 128-bit variant, seed 0),
 * its 16 bytes read as two little-endian longs. The inputs cover every tail length class (empty, 1, 3, 16 + 4,
 * 16 + 10, > 32 bytes).
 */
class MurmurHash3Test {

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', value = {
            "''|0x0000000000000000|0x0000000000000000",
            "a|0x85555565f6597889|0xe6b53a48510e895a",
            "abc|0xb4963f3f3fad7867|0x3ba2744126ca2d52",
            "reco-ranker-v7:user-42|0xdc409506581d4f77|0x7ba60cc88180342b",
            "exp:0123456789abcdef|0xf6a35f75c5ca0787|0x8e72f1704b591412",
            "exp-x:0123456789abcdefghij|0x30171fb37e43c7e4|0x3a651b68295921bc",
            "hello world, this is longer than 32 bytes!|0xdfe6b0aa220487fa|0x6c1cf96b9990efb1" })
    void matchesGuavasMurmur3x64_128(String input, String h1, String h2) {
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        long[] hash = MurmurHash3.hash128(bytes, bytes.length);
        assertThat(hash[0]).isEqualTo(Long.parseUnsignedLong(h1.substring(2), 16));
        assertThat(hash[1]).isEqualTo(Long.parseUnsignedLong(h2.substring(2), 16));
    }
}
