package io.refinery.oversight.console.api;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.refinery.testing.auth.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A browser signed in to the console as one person: it sends the session cookie the sign-in page sets, never
 * follows redirects (tests look at them), and posts forms with the form token its pages carry.
 */
final class ConsoleBrowser {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final String token;

    private ConsoleBrowser(String token) {
        this.token = token;
    }

    static ConsoleBrowser as(String sub, String... roles) {
        return new ConsoleBrowser(TestTokens.token(sub, roles));
    }

    String token() {
        return token;
    }

    RequestSpecification request() {
        return given().redirects().follow(false).cookie(ConsoleSession.SESSION_COOKIE, token);
    }

    Response get(String path) {
        return request().get(path);
    }

    /** The form token of this browser's session, as its pages carry it. */
    String csrf() {
        return csrfOf(get("/console/queue").then().statusCode(200).extract().asString());
    }

    Response post(String path, String... fields) {
        Map<String, String> form = form(fields);
        form.put("csrf", csrf());
        return request().contentType(ContentType.URLENC).formParams(form).post(path);
    }

    Response postWithoutCsrf(String path, String... fields) {
        return request().contentType(ContentType.URLENC).formParams(form(fields)).post(path);
    }

    static String csrfOf(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no form token on the page:\n" + html);
        }
        return m.group(1);
    }

    private static Map<String, String> form(String... fields) {
        Map<String, String> form = new HashMap<>();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            form.put(fields[i], fields[i + 1]);
        }
        return form;
    }
}
