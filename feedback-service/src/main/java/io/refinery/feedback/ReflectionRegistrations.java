package io.refinery.feedback;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.refinery.feedback.survey.form.Question;
import io.refinery.feedback.text.SurveyLint;

/**
 * The records of pure packages that this service writes to or reads from JSON by hand through its ObjectMapper. A
 * native image reaches their constructors and accessors only when they are registered for reflection, and a pure
 * package must not import Quarkus (DESIGN.md §2), so they are registered here, in one place, rather than annotated.
 * Records of the framework-bound packages carry {@code @RegisterForReflection} themselves.
 * {@code SerialisedRecordsTest} lists everything the service serialises by hand and fails for a class registered
 * nowhere.
 */
@RegisterForReflection(targets = {
        // feedback.surveys (SurveyService): the questions, written and read back, and their lint findings
        Question.class, SurveyLint.Finding.class })
public final class ReflectionRegistrations {

    private ReflectionRegistrations() {
    }
}
