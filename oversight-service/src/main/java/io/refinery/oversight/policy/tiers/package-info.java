/**
 * Human-in-the-Loop policy logic with no framework imports: tiers and their conservativeness order
 * ({@link io.refinery.oversight.policy.tiers.Tier}), conditions on a request, and the resolver
 * ({@link io.refinery.oversight.policy.tiers.TierResolver}) whose Javadoc is the documented resolution order.
 */
package io.refinery.oversight.policy.tiers;
