/**
 * Pure logic of scaling a pilot (issue 9): the five-dimension readiness assessment and its gate, phased rollout plans
 * (scope and traffic per phase, exit criteria), which units a phase covers, and the rollout's state machine. No
 * framework imports.
 */
package io.refinery.experiments.rollout.machine;
