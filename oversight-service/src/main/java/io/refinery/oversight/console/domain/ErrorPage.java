package io.refinery.oversight.console.domain;

/** A page saying what went wrong and what to do next, with the HTTP status it is sent with. */
public record ErrorPage(int status, String title, String message, String nextHref, String nextText) {
}
