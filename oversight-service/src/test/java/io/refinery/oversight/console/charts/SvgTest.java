package io.refinery.oversight.console.charts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SvgTest {

    @Test
    void markupCharactersAreEscapedForTextAndAttributes() {
        assertThat(Svg.escape("<script>alert(\"x\")</script> & 'y'"))
                .isEqualTo("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;");
        assertThat(Svg.escape(null)).isEmpty();
        assertThat(Svg.escape("a\u0000b")).isEqualTo("a b");
    }

    @Test
    void idsKeepOnlySafeCharactersAndStartWithALetter() {
        assertThat(Svg.id("alert \"ctr\"<x>")).isEqualTo("alert-ctr-x-");
        assertThat(Svg.id("42")).isEqualTo("chart-42");
        assertThat(Svg.id(null)).isEqualTo("chart-");
    }

    @Test
    void coordinatesHaveAtMostTwoDecimals() {
        assertThat(Svg.coordinate(12.3456)).isEqualTo("12.35");
        assertThat(Svg.coordinate(3.0)).isEqualTo("3");
        assertThat(Svg.coordinate(Double.NaN)).isEqualTo("0");
    }
}
