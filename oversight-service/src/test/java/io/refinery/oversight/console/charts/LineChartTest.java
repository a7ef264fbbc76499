package io.refinery.oversight.console.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class LineChartTest {

    private static final Instant DAY0 = Instant.parse("2026-11-10T00:00:00Z");

    /** Fourteen daily CTR values; the last three breach a baseline band of 0.030 down to 0.027. */
    private static LineChart.Spec ctrAlert(String title) {
        List<LineChart.Point> points = new ArrayList<>();
        List<LineChart.Band> band = new ArrayList<>();
        for (int d = 0; d < 14; d++) {
            boolean breach = d >= 11;
            double value = breach ? 0.022 + d * 0.0001 : 0.031 + (d % 3) * 0.001;
            points.add(new LineChart.Point(DAY0.plusSeconds(d * 86_400L), value, breach));
            if (d >= 9) {
                band.add(new LineChart.Band(DAY0.plusSeconds(d * 86_400L), 0.027, 0.030));
            }
        }
        return new LineChart.Spec("alert-ctr", title, "ctr", "ctr per day", points, "baseline to threshold", band, 0.030,
                "baseline");
    }

    @Test
    void drawsTheSeriesTheBandTheBreachesAndReadableAxes() throws Exception {
        String svg = LineChart.svg(ctrAlert("CTR of reco-engine against its baseline"));
        Document doc = parse(svg);
        assertThat(doc.getDocumentElement().getAttribute("role")).isEqualTo("img");
        assertThat(doc.getDocumentElement().getAttribute("aria-labelledby")).isEqualTo("alert-ctr-title alert-ctr-desc");
        assertThat(svg).contains("<title id=\"alert-ctr-title\">CTR of reco-engine against its baseline</title>");
        assertThat(count(svg, "<rect class=\"chart-band\"")).isEqualTo(5);
        assertThat(count(svg, "chart-point-flagged")).isEqualTo(3);
        assertThat(count(svg, "<circle class=\"chart-point")).isEqualTo(14);
        Matcher line = Pattern.compile("<polyline[^>]*points=\"([^\"]*)\"").matcher(svg);
        assertThat(line.find()).isTrue();
        assertThat(line.group(1).split(" ")).hasSize(14);
        // value ticks and time ticks are drawn as text: readable without hovering
        assertThat(svg).contains(">0.020</text>", ">0.025</text>", ">0.030</text>", ">0.035</text>");
        assertThat(svg).contains(">Nov 10</text>", ">Nov 22</text>", ">Time (UTC)</text>", ">ctr</text>");
        assertThat(svg).contains("stroke-dasharray=\"6 4\"", ">baseline 0.03</text>");
        assertThat(svg).contains("<desc id=\"alert-ctr-desc\">14 values of ctr per day from Nov 10 2026 00:00 UTC to Nov 23 2026 "
                + "00:00 UTC, lowest 0.0231, highest 0.033. 3 values are flagged as breaching. The shaded band (baseline to "
                + "threshold) covers 5 periods. Reference line: baseline 0.03.</desc>");
    }

    @Test
    void pointsStayInsideThePlot() {
        String svg = LineChart.svg(ctrAlert("t"));
        Matcher m = Pattern.compile("<circle class=\"chart-point[^\"]*\" cx=\"([0-9.]+)\" cy=\"([0-9.]+)\"").matcher(svg);
        while (m.find()) {
            assertThat(Double.parseDouble(m.group(1))).isBetween(64.0, 616.0);
            assertThat(Double.parseDouble(m.group(2))).isBetween(40.0, 228.0);
        }
    }

    @Test
    void everyTextIsEscaped() throws Exception {
        String evil = "<script>alert(1)</script>";
        LineChart.Spec spec = new LineChart.Spec("x\"><script>", evil, evil, evil,
                List.of(new LineChart.Point(DAY0, 1, false), new LineChart.Point(DAY0.plusSeconds(86_400), 2, true)), evil,
                List.of(new LineChart.Band(DAY0, 0.5, 1.5)), 1.0, evil);
        String svg = LineChart.svg(spec);
        assertThat(svg).doesNotContain("<script").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        parse(svg);
    }

    @Test
    void anEmptySeriesSaysSo() throws Exception {
        String svg = LineChart.svg(new LineChart.Spec("empty", "Nothing", "ctr", "ctr", List.of(), "band", List.of(), null, null));
        assertThat(svg).contains("No values in this period").contains("No values of ctr in this period.");
        parse(svg);
    }

    @Test
    void nonFiniteValuesAreLeftOutAndASinglePointStillDraws() throws Exception {
        LineChart.Spec spec = new LineChart.Spec("one", "One", "v", "v", List.of(new LineChart.Point(DAY0, 4, false),
                new LineChart.Point(DAY0.plusSeconds(3600), Double.NaN, false),
                new LineChart.Point(DAY0.plusSeconds(7200), Double.POSITIVE_INFINITY, true)), null, null, Double.NaN, null);
        assertThat(spec.series()).hasSize(1);
        assertThat(spec.reference()).isNull();
        String svg = LineChart.svg(spec);
        assertThat(count(svg, "<circle class=\"chart-point")).isEqualTo(1);
        assertThat(svg).doesNotContain("NaN").doesNotContain("Infinity");
        parse(svg);
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
