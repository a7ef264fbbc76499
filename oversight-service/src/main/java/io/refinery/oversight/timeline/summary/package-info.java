/**
 * Pure logic of the system timeline: what an event from another service is (its category) and how it reads in one
 * line. No framework imports: events arrive as the plain records of the shared contracts
 * ({@code io.refinery.platform.events}), audit details as Jackson trees.
 */
package io.refinery.oversight.timeline.summary;
