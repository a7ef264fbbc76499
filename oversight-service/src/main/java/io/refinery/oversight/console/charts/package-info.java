/**
 * Server-rendered SVG charts for the console, with no framework imports: a line chart of a metric series against a
 * baseline band ({@link io.refinery.oversight.console.charts.LineChart}), its value and time axes
 * ({@link io.refinery.oversight.console.charts.Ticks}, {@link io.refinery.oversight.console.charts.TimeTicks}) and the
 * escaping of every text it writes ({@link io.refinery.oversight.console.charts.Svg}). Axis labels and ticks are drawn,
 * so a chart reads without hovering; every chart carries a title and a description for screen readers.
 */
package io.refinery.oversight.console.charts;
