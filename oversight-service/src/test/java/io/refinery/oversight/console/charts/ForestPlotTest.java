package io.refinery.oversight.console.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ForestPlotTest {

    /** Ticks of [-0.05, 0.10] step 0.05: -5 %, 0, 5 %, 10 %; plot width 640 - 150 - 170 = 320. */
    private static ForestPlot plot() {
        return new ForestPlot("forest-t", "Lift", List.of(new ForestPlot.Row("treatment", 0.05, 0.02, 0.08),
                new ForestPlot.Row("bold", 0.01, -0.04, 0.06)));
    }

    @Test
    void anotherScaleWritesPlainNumbersItsOwnAxisLabelAndEmptyText() {
        ForestPlot.Scale scale = new ForestPlot.Scale("mean score", 2, "Scores per group.", "Nothing to draw yet.");
        ForestPlot plot = ForestPlot.of("s", "Scores", List.of(new ForestPlot.Row("a", -0.314, -0.4, -0.2)), scale);
        String svg = plot.render();
        assertThat(svg).contains(">mean score</text>", ">-0.31 [-0.4, -0.2]</text>", "Scores per group. a: -0.31 [-0.4, -0.2], "
                + "the interval lies below zero.").doesNotContain("%", "relative lift");
        assertThat(ForestPlot.of("e", "Scores", List.of(), scale).render()).contains(">Nothing to draw yet.</text>");
        assertThat(plot.x(0)).isGreaterThan(plot.x(-0.4));
    }

    @Test
    void theZeroLineAndAKnownIntervalSitWhereTheAxisPutsThem() throws Exception {
        ForestPlot p = plot();
        assertThat(p.ticks().min()).isEqualTo(-0.05);
        assertThat(p.ticks().max()).isEqualTo(0.1);
        double zero = 150 + (0.05 / 0.15) * 320;
        assertThat(p.x(0)).isCloseTo(zero, within(1e-9));
        Document svg = parse(p.render());
        Element line = byClass(svg, "line", "zero");
        assertThat(Double.parseDouble(line.getAttribute("x1"))).isCloseTo(zero, within(0.01));
        assertThat(line.getAttribute("x1")).isEqualTo(line.getAttribute("x2"));
        Element interval = byClass(svg, "line", "interval");
        assertThat(Double.parseDouble(interval.getAttribute("x1"))).isCloseTo(150 + (0.07 / 0.15) * 320, within(0.01));
        assertThat(Double.parseDouble(interval.getAttribute("x2"))).isCloseTo(150 + (0.13 / 0.15) * 320, within(0.01));
        assertThat(interval.getAttribute("y1")).isEqualTo(String.valueOf((int) p.y(0)));
        assertThat(p.render()).contains(">-5 %<").contains(">0 %<").contains(">10 %<")
                .contains("+5 % [+2 %, +8 %]");
    }

    @Test
    void anIntervalCrossingZeroIsMarkedAndDescribed() throws Exception {
        String svg = plot().render();
        assertThat(svg).contains("<g class=\"row above\">").contains("<g class=\"row crosses\">")
                .contains("bold: +1 % [-4 %, +6 %], the interval includes zero")
                .contains("treatment: +5 % [+2 %, +8 %], the interval lies above zero");
        Document doc = parse(svg);
        NodeList intervals = doc.getElementsByTagName("line");
        double zero = plot().x(0);
        Element crossing = null;
        for (int i = 0; i < intervals.getLength(); i++) {
            Element e = (Element) intervals.item(i);
            if ("interval".equals(e.getAttribute("class"))) {
                crossing = e;
            }
        }
        assertThat(Double.parseDouble(crossing.getAttribute("x1"))).isLessThan(zero);
        assertThat(Double.parseDouble(crossing.getAttribute("x2"))).isGreaterThan(zero);
    }

    @Test
    void everyTextIsEscaped() throws Exception {
        String svg = new ForestPlot("f", "<b>title</b>", List.of(new ForestPlot.Row("<script>alert(1)</script>", -0.02,
                -0.05, 0.01))).render();
        assertThat(svg).doesNotContain("<script>").doesNotContain("<b>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("&lt;b&gt;title&lt;/b&gt;");
        parse(svg);
    }

    @Test
    void noRowsStillDrawsTheAxisAndSaysSo() throws Exception {
        String svg = new ForestPlot("f", "Lift", List.of()).render();
        assertThat(svg).contains("class=\"zero\"").contains("No comparison with an interval yet.");
        parse(svg);
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static Element byClass(Document doc, String tag, String css) {
        NodeList nodes = doc.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if (css.equals(e.getAttribute("class"))) {
                return e;
            }
        }
        throw new AssertionError("no " + tag + "." + css);
    }
}
