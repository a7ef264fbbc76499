/**
 * Pure logic of the learnings report (issue 9): from the facts of a period (alerts, drift, experiments, feedback
 * insights, oversight reviews, rollouts) to per-system and overall numbers, capability gaps and roadmap signals, and
 * its Markdown form. No framework imports.
 */
package io.refinery.oversight.report.learnings;
