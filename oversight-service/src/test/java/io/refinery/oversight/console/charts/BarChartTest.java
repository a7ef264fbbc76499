package io.refinery.oversight.console.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class BarChartTest {

    /** Plot width 640 - 180 - 70 = 390 from x = 180. */
    private static final double PLOT = 390;

    @Test
    void barLengthsAreProportionalToTheValuesFromAZeroLineAndEachValueIsWritten() throws Exception {
        BarChart chart = BarChart.single("tiers", "Oversight requests by tier", "Requests",
                List.of(BarChart.Group.of("Review and approval", 4), BarChart.Group.of("Exception handling", 1),
                        BarChart.Group.of("Review", 2)));
        assertThat(BarChart.plotWidth()).isEqualTo(PLOT);
        List<Element> bars = bars(parse(chart.render()));
        assertThat(bars).hasSize(3);
        assertThat(width(bars.get(0))).isCloseTo(PLOT, within(0.01));
        assertThat(width(bars.get(1))).isCloseTo(PLOT / 4, within(0.01));
        assertThat(width(bars.get(2))).isCloseTo(PLOT / 2, within(0.01));
        assertThat(width(bars.get(2)) / width(bars.get(1))).isCloseTo(2.0, within(0.001));
        for (Element bar : bars) {
            assertThat(bar.getAttribute("x")).isEqualTo("180");
        }
        assertThat(Double.parseDouble(bars.get(1).getAttribute("y"))).isGreaterThan(
                Double.parseDouble(bars.get(0).getAttribute("y")));
        List<String> values = texts(parse(chart.render()), "value");
        assertThat(values).containsExactly("4", "1", "2");
        assertThat(chart.render()).contains("role=\"img\"", "<title id=\"tiers-title\">Oversight requests by tier</title>",
                "aria-labelledby=\"tiers-title tiers-desc\"")
                .contains("Review and approval: 4; Exception handling: 1; Review: 2.")
                .doesNotContain("chart-legend");
    }

    @Test
    void aZeroValueHasNoLengthButKeepsItsLabel() throws Exception {
        BarChart chart = BarChart.single("outcomes", "Outcomes", "Experiments",
                List.of(BarChart.Group.of("Shipped", 3), BarChart.Group.of("Kept control", 0),
                        BarChart.Group.of("Inconclusive", -2), BarChart.Group.of("Broken", Double.NaN)));
        List<Element> bars = bars(parse(chart.render()));
        assertThat(width(bars.get(0))).isCloseTo(PLOT, within(0.01));
        assertThat(width(bars.get(1))).isZero();
        assertThat(width(bars.get(2))).as("negative drawn as zero").isZero();
        assertThat(width(bars.get(3))).as("NaN drawn as zero").isZero();
        assertThat(texts(parse(chart.render()), "value")).containsExactly("3", "0", "0", "0");
        assertThat(texts(parse(chart.render()), "label")).containsExactly("Shipped", "Kept control", "Inconclusive", "Broken");
    }

    @Test
    void allZeroDataDrawsNoLengthAndSaysSo() throws Exception {
        BarChart chart = BarChart.single("none", "Nothing", "Count",
                List.of(BarChart.Group.of("a", 0), BarChart.Group.of("b", 0)));
        assertThat(chart.max()).isZero();
        assertThat(chart.length(0)).isZero();
        for (Element bar : bars(parse(chart.render()))) {
            assertThat(width(bar)).isZero();
            assertThat(Double.isFinite(Double.parseDouble(bar.getAttribute("width")))).isTrue();
        }
        assertThat(chart.description()).startsWith("Every value is zero.");

        BarChart empty = BarChart.single("empty", "Nothing at all", "Count", List.of());
        assertThat(bars(parse(empty.render()))).isEmpty();
        assertThat(empty.render()).contains("Nothing to show in this period.");
    }

    @Test
    void twoSeriesShareOneScaleAndGetALegend() throws Exception {
        BarChart chart = new BarChart("systems", "Per system", List.of("Alerts fired", "Drift detections"),
                List.of(new BarChart.Group("recs", List.of(5.0, 2.0)), new BarChart.Group("search", List.of(1.0, 10.0))));
        Document svg = parse(chart.render());
        List<Element> bars = bars(svg);
        assertThat(bars).hasSize(4);
        assertThat(bars.get(0).getAttribute("class")).isEqualTo("bar series-0");
        assertThat(bars.get(1).getAttribute("class")).isEqualTo("bar series-1");
        assertThat(width(bars.get(3))).isCloseTo(PLOT, within(0.01));
        assertThat(width(bars.get(0))).isCloseTo(PLOT / 2, within(0.01));
        assertThat(width(bars.get(2))).isCloseTo(PLOT / 10, within(0.01));
        assertThat(Double.parseDouble(bars.get(1).getAttribute("y")) - Double.parseDouble(bars.get(0).getAttribute("y")))
                .isEqualTo(BarChart.BAR + BarChart.BAR_GAP);
        assertThat(chart.render()).contains("class=\"chart-legend\"", ">Alerts fired<", ">Drift detections<")
                .contains("recs: Alerts fired 5, Drift detections 2; search: Alerts fired 1, Drift detections 10.");
        assertThat(chart.height()).isGreaterThan((int) chart.y(1, 1) + BarChart.BAR);
    }

    @Test
    void labelsHoldingMarkupAreEscapedEverywhere() throws Exception {
        String evil = "<script>alert(\"x\")</script>";
        BarChart chart = new BarChart("x\"><script>", evil, List.of(evil, "ok"),
                List.of(new BarChart.Group(evil, List.of(1.5, 2.0))));
        String svg = chart.render();
        assertThat(svg).doesNotContain("<script>").contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
        Document doc = parse(svg);
        assertThat(doc.getDocumentElement().getAttribute("aria-labelledby")).matches("[a-z0-9 -]+");
        assertThat(texts(doc, "value")).containsExactly("1.5", "2");
        assertThat(doc.getElementsByTagName("script").getLength()).isZero();
    }

    @Test
    void longLabelsAreShortenedOnTheChartButKeptInTheDescription() throws Exception {
        String longLabel = "a-very-long-system-key-that-goes-on-and-on";
        BarChart chart = BarChart.single("long", "Long", "Count", List.of(BarChart.Group.of(longLabel, 1)));
        assertThat(texts(parse(chart.render()), "label").get(0)).hasSize(BarChart.MAX_LABEL).endsWith("…");
        assertThat(chart.description()).contains(longLabel);
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    /** The bars of the plot (not the legend's swatches), in document order. */
    private static List<Element> bars(Document svg) {
        List<Element> out = new ArrayList<>();
        NodeList rects = svg.getElementsByTagName("rect");
        for (int i = 0; i < rects.getLength(); i++) {
            Element e = (Element) rects.item(i);
            if (e.getAttribute("class").startsWith("bar") && e.hasAttribute("data-value")) {
                out.add(e);
            }
        }
        return out;
    }

    private static List<String> texts(Document svg, String css) {
        List<String> out = new ArrayList<>();
        NodeList texts = svg.getElementsByTagName("text");
        for (int i = 0; i < texts.getLength(); i++) {
            Element e = (Element) texts.item(i);
            if (css.equals(e.getAttribute("class"))) {
                out.add(e.getTextContent());
            }
        }
        return out;
    }

    private static double width(Element bar) {
        return Double.parseDouble(bar.getAttribute("width"));
    }
}
