package io.refinery.oversight.console.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.refinery.testing.RefineryTestResource;

/**
 * Issue 18, page 4: the experiment page. experiment-service does not run in these tests (its URL points at a closed
 * port), so the page shows its outage notice; the rendering of real results is covered by {@code ExperimentPagesTest}.
 */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class ConsoleExperimentPageTest {

    private static final ConsoleBrowser VICTOR = ConsoleBrowser.as("victor", "viewer");

    @Test
    void signedOutReadersAreSentToSignIn() {
        given().redirects().follow(false).get("/console/experiments/reco-ranker-v7").then().statusCode(303)
                .header("Location", containsString("/console/sign-in"));
    }

    @Test
    void anOutageOfExperimentServiceIsANoticeOnAPageNotAnError() {
        String page = VICTOR.get("/console/experiments/reco-ranker-v7").then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString();
        assertThat(page).contains("Experiment <code>reco-ranker-v7</code>")
                .contains("experiment-service could not give the results of this experiment")
                .contains("Reload to try again").doesNotContain("Something went wrong");
    }

    @Test
    void aScriptInTheKeyIsShownAsText() {
        String page = VICTOR.request().get("/console/experiments/{key}", "<script>alert(1)").then().statusCode(200)
                .extract().asString();
        assertThat(page).doesNotContain("<script>alert(1)").contains("Experiment <code>&lt;script&gt;alert(1)</code>");
    }
}
