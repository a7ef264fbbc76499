package io.refinery.oversight.console.domain;

/**
 * The sign-in page: a form taking a token (printed by {@code bin/refinery token ROLE --sub NAME} locally; in
 * production an auth proxy signs people in and this page is not needed), where to go afterwards, and why the last
 * attempt was refused, if it was.
 */
public record SignInPage(String csrf, String next, String error, Notice notice) {
}
