package io.refinery.oversight.console.api;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.refinery.oversight.console.domain.LearningsPage;

/**
 * The learnings page, {@code src/main/resources/templates/console/learnings.html}; Qute checks every expression
 * against {@link LearningsPage} at build time and escapes every value it writes into the HTML.
 */
@CheckedTemplate(basePath = "console")
final class LearningsTemplates {

    private LearningsTemplates() {
    }

    static native TemplateInstance learnings(LearningsPage page);
}
