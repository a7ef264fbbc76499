/**
 * The rules of a review, with no framework imports: who may decide and when ({@link
 * io.refinery.oversight.review.rules.DecisionRules}: self-approval refused, four-eyes with distinct approvers, decided
 * stays decided, modify and reject semantics), who holds a request ({@link io.refinery.oversight.review.rules.ClaimRules}),
 * who takes part in a joint decision ({@link io.refinery.oversight.review.rules.SessionRules}), the tier a submission
 * lands in ({@link io.refinery.oversight.review.rules.SubmissionRules}) and the one check of a request's fields that
 * HTTP and Kafka share ({@link io.refinery.oversight.review.rules.RequestValidator}). The domain loads, asks and stores.
 */
package io.refinery.oversight.review.rules;
