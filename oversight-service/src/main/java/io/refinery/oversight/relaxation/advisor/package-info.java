/**
 * When oversight may relax and when it must tighten, with no framework imports. A {@link io.refinery.oversight.relaxation.advisor.Track}
 * is the decision history of one system and action type since its last policy change;
 * {@link io.refinery.oversight.relaxation.advisor.RelaxationAdvisor} says whether it meets the
 * {@link io.refinery.oversight.relaxation.advisor.RelaxationBar} for proposing one tier lower, and
 * {@link io.refinery.oversight.relaxation.advisor.TierShift} says where an approved relaxation or an incident moves the shift.
 */
package io.refinery.oversight.relaxation.advisor;
