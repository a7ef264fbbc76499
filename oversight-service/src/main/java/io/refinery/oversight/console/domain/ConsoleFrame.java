package io.refinery.oversight.console.domain;

/**
 * What every console page shows around its content: who is signed in, how many pending requests are overdue, the
 * form token every form posts back, and which section of the navigation is current.
 */
public record ConsoleFrame(ConsoleUser user, long overdue, String csrf, String section) {
}
