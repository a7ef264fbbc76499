/**
 * How much attention an AI system needs, as the portfolio orders it, with no framework imports: overdue reviews first
 * (people are late), then open alerts (the system is hurting), then pending reviews and recent drift
 * ({@link io.refinery.oversight.console.attention.Attention}).
 */
package io.refinery.oversight.console.attention;
