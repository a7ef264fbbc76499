package io.refinery.oversight.console.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.refinery.testing.RefineryTestResource;
import io.refinery.testing.auth.BadTokens;
import io.refinery.testing.auth.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.http.Cookie;
import io.restassured.response.Response;

/** Issue 18: signing in to the console, the session cookie, signing out, and how the JSON API keeps to bearer tokens. */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class ConsoleSignInTest {

    @Test
    void aSignedOutReaderIsSentToTheSignInPageAndBack() {
        given().redirects().follow(false).get("/console/queue?state=ANY").then().statusCode(303)
                .header("Location", equalTo("/console/sign-in?next=%2Fconsole%2Fqueue%3Fstate%3DANY"));
        given().redirects().follow(false).get("/console").then().statusCode(303)
                .header("Location", equalTo("/console/sign-in?next=%2Fconsole"));
        given().get("/console/sign-in").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("bin/refinery token reviewer --sub alice"), containsString("<label for=\"token\">"));
    }

    @Test
    void aGoodTokenSignsInWithAStrictHttpOnlyCookieForTheConsoleOnly() {
        Response form = given().get("/console/sign-in?next=/console/queue?state%3DANY");
        Cookie nonce = form.getDetailedCookie(ConsoleSession.SIGN_IN_COOKIE);
        assertThat(nonce.isHttpOnly()).isTrue();
        assertThat(nonce.getSameSite()).isEqualTo("Strict");
        String token = TestTokens.token("alice", "reviewer");
        Response signedIn = given().redirects().follow(false).cookie(ConsoleSession.SIGN_IN_COOKIE, nonce.getValue())
                .contentType(ContentType.URLENC).formParams(Map.of("csrf", ConsoleBrowser.csrfOf(form.asString()),
                        "token", "Bearer " + token, "next", "/console/queue?state=ANY"))
                .post("/console/sign-in");
        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.header("Location")).isEqualTo("/console/queue?state=ANY");
        Cookie session = signedIn.getDetailedCookie(ConsoleSession.SESSION_COOKIE);
        assertThat(session.getValue()).isEqualTo(token);
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        assertThat(session.getPath()).isEqualTo("/console");
        assertThat(session.isSecured()).isFalse();
        assertThat(session.getMaxAge()).isBetween(3500L, 3600L);

        given().cookie(ConsoleSession.SESSION_COOKIE, token).get("/console/queue").then().statusCode(200)
                .header("Content-Security-Policy", startsWith("default-src 'self'"))
                .header("Cache-Control", equalTo("no-store"))
                .body(containsString("<strong>alice</strong>"), containsString("(reviewer)"), containsString(" overdue"));
    }

    @Test
    void badTokensAreRefusedAndSetNoSession() {
        Response form = given().get("/console/sign-in");
        String nonce = form.getCookie(ConsoleSession.SIGN_IN_COOKIE);
        String csrf = ConsoleBrowser.csrfOf(form.asString());
        for (var bad : Map.of("garbage", "not.a.token", "expired", BadTokens.all().get("expired"), "another key",
                BadTokens.all().get("foreign key"), "alg none", BadTokens.all().get("alg none")).entrySet()) {
            Response r = given().redirects().follow(false).cookie(ConsoleSession.SIGN_IN_COOKIE, nonce)
                    .contentType(ContentType.URLENC).formParams(Map.of("csrf", csrf, "token", bad.getValue()))
                    .post("/console/sign-in");
            assertThat(r.statusCode()).as(bad.getKey()).isEqualTo(401);
            assertThat(r.asString()).as(bad.getKey()).contains("That token was not accepted");
            assertThat(r.getCookie(ConsoleSession.SESSION_COOKIE)).as(bad.getKey()).isNull();
        }
        given().redirects().follow(false).cookie(ConsoleSession.SIGN_IN_COOKIE, nonce).contentType(ContentType.URLENC)
                .formParams(Map.of("csrf", csrf, "token", TestTokens.token("pricing-bot", "ingest")))
                .post("/console/sign-in").then().statusCode(403).body(containsString("none of the console"));
    }

    @Test
    void theSignInFormNeedsItsOwnFormToken() {
        String token = TestTokens.token("alice", "reviewer");
        given().redirects().follow(false).contentType(ContentType.URLENC).formParams(Map.of("token", token))
                .post("/console/sign-in").then().statusCode(403).body(containsString("Form not accepted"))
                .header("Set-Cookie", org.hamcrest.Matchers.nullValue());
        given().redirects().follow(false).cookie(ConsoleSession.SIGN_IN_COOKIE, "someone-elses-nonce")
                .contentType(ContentType.URLENC).formParams(Map.of("token", token, "csrf", ConsoleSession.csrfToken("mine")))
                .post("/console/sign-in").then().statusCode(403);
    }

    @Test
    void onlyConsolePagesAreOfferedAsTheNextPage() {
        assertThat(SignInResource.isSafeNext("/console/reviews/abc?notice=claimed")).isTrue();
        assertThat(SignInResource.isSafeNext("//evil.example/console")).isFalse();
        assertThat(SignInResource.isSafeNext("https://evil.example/console")).isFalse();
        assertThat(SignInResource.isSafeNext("/console/../api/v1/reviews")).isFalse();
        assertThat(SignInResource.isSafeNext("/consoleevil")).isFalse();
        assertThat(SignInResource.isSafeNext("/console/sign-in")).isFalse();
        assertThat(SignInResource.isSafeNext("/console\\@evil.example")).isFalse();
    }

    @Test
    void signingOutClearsTheCookieAndABadCookieIsClearedToo() {
        ConsoleBrowser alice = ConsoleBrowser.as("alice", "reviewer");
        Response out = alice.post("/console/sign-out");
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.header("Location")).isEqualTo("/console/sign-in?notice=signed-out");
        assertThat(out.getDetailedCookie(ConsoleSession.SESSION_COOKIE).getMaxAge()).isZero();
        given().get("/console/sign-in?notice=signed-out").then().body(containsString("You are signed out"));
        alice.postWithoutCsrf("/console/sign-out").then().statusCode(403);

        Response expired = given().redirects().follow(false)
                .cookie(ConsoleSession.SESSION_COOKIE, BadTokens.all().get("expired").substring("Bearer ".length()))
                .get("/console/queue");
        assertThat(expired.statusCode()).isEqualTo(303);
        assertThat(expired.header("Location")).startsWith("/console/sign-in");
        assertThat(expired.getDetailedCookie(ConsoleSession.SESSION_COOKIE).getMaxAge()).isZero();

        // a decision posted after the session expired leads through sign-in back to the request, not to the queue
        String id = "0b7a4f2e-6a43-4f7e-9d0c-3c1f6f0e8a11";
        Response lateDecision = given().redirects().follow(false)
                .cookie(ConsoleSession.SESSION_COOKIE, BadTokens.all().get("expired").substring("Bearer ".length()))
                .contentType(ContentType.URLENC).formParam("csrf", "x").formParam("outcome", "APPROVE")
                .formParam("rationale", "typed while the session ran out").post("/console/reviews/" + id + "/decision");
        assertThat(lateDecision.statusCode()).isEqualTo(303);
        assertThat(lateDecision.header("Location")).isEqualTo("/console/sign-in?next=%2Fconsole%2Freviews%2F" + id);
        // and when the browser dropped the expired cookie: no credential, nothing to forge, the same way back
        Response noCookie = given().redirects().follow(false).contentType(ContentType.URLENC).formParam("outcome", "APPROVE")
                .formParam("rationale", "typed while the session ran out").post("/console/reviews/" + id + "/decision");
        assertThat(noCookie.statusCode()).isEqualTo(303);
        assertThat(noCookie.header("Location")).isEqualTo("/console/sign-in?next=%2Fconsole%2Freviews%2F" + id);
    }

    @Test
    void aFormPostComesBackToThePageItWasPostedFrom() {
        assertThat(ConsolePageErrors.formPage("/console/reviews/abc/decision")).isEqualTo("/console/reviews/abc");
        assertThat(ConsolePageErrors.formPage("/console/reviews/abc/session/notes")).isEqualTo("/console/reviews/abc");
        assertThat(ConsolePageErrors.formPage("/console/systems/pricing/policy/preview"))
                .isEqualTo("/console/systems/pricing/policy");
        assertThat(ConsolePageErrors.formPage("/console/sign-out")).isNull();
        assertThat(ConsolePageErrors.formPage("/console/reviews/abc")).isNull();
    }

    @Test
    void aProxysBearerHeaderWorksOnTheConsoleButTheApiNeverReadsTheCookie() {
        String token = TestTokens.token("victor", "viewer");
        given().header("Authorization", "Bearer " + token).get("/console/queue").then().statusCode(200)
                .body(containsString("<strong>victor</strong>"));
        given().cookie(ConsoleSession.SESSION_COOKIE, token).get("/api/v1/reviews").then().statusCode(401)
                .contentType(containsString("application/problem+json"));
        given().header("Authorization", "Bearer " + token).get("/api/v1/reviews").then().statusCode(200);
        given().urlEncodingEnabled(false).cookie(ConsoleSession.SESSION_COOKIE, token).get("/console/../api/v1/reviews")
                .then().statusCode(401);
        given().get("/console/assets/console.css").then().statusCode(200).contentType(containsString("text/css"))
                .body(not(containsString("http://")), not(containsString("https://")));
        given().get("/console/assets/console.js").then().statusCode(200);
    }
}
