/**
 * Pure logic of the system timeline: what an event from another service is (its category) and how it reads in one
 * line. No framework imports; the events' data arrive as Jackson trees.
 */
package io.refinery.oversight.timeline.summary;
