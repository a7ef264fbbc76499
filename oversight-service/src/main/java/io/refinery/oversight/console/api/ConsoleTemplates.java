package io.refinery.oversight.console.api;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.refinery.oversight.console.domain.ErrorPage;
import io.refinery.oversight.console.domain.ExperimentPage;
import io.refinery.oversight.console.domain.PortfolioPage;
import io.refinery.oversight.console.domain.QueuePage;
import io.refinery.oversight.console.domain.ReviewPage;
import io.refinery.oversight.console.domain.SignInPage;
import io.refinery.oversight.console.domain.SystemPage;

/**
 * The console's pages, {@code src/main/resources/templates/console/*.html}; Qute checks every expression against
 * these types at build time and escapes every value it writes into the HTML.
 */
@CheckedTemplate(basePath = "console")
final class ConsoleTemplates {

    private ConsoleTemplates() {
    }

    static native TemplateInstance queue(QueuePage page);

    static native TemplateInstance review(ReviewPage page);

    static native TemplateInstance portfolio(PortfolioPage page);

    static native TemplateInstance system(SystemPage page);

    static native TemplateInstance experiment(ExperimentPage page);

    static native TemplateInstance signIn(SignInPage page);

    static native TemplateInstance error(ErrorPage page);
}
