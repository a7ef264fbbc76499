package io.refinery.feedback;

import java.util.List;

import io.refinery.feedback.survey.domain.SurveyService;
import io.refinery.feedback.survey.form.Question;
import io.refinery.feedback.text.SurveyLint;
import io.refinery.platform.events.InsightEvent;
import io.refinery.platform.events.RequestSource;
import io.refinery.platform.events.ReviewRequested;
import io.refinery.platform.outbox.CloudEvent;
import io.refinery.platform.problem.FieldIssue;
import io.refinery.testing.architecture.SerialisedByHandTest;

/**
 * What this service serialises by hand through Jackson is registered for reflection, so the native build stays
 * possible: the list below, grouped by call site, with the records nested in each; every type a class reads from JSON
 * by hand; and every record named like an event.
 */
class SerialisedRecordsTest extends SerialisedByHandTest {

    static final List<Class<?>> SERIALISED_BY_HAND = List.of(
            // Outbox.append (Contradictions, ThemeSpikeDetector): the envelope and each event's data
            CloudEvent.class, InsightEvent.ContradictionDetected.class, InsightEvent.ThemeSpiked.class,
            InsightEvent.MetricSide.class, InsightEvent.CustomerSide.class, ReviewRequested.class,
            RequestSource.class,
            // feedback.contradictions' themes and examples (Contradictions)
            InsightEvent.ThemeCount.class, InsightEvent.Example.class,
            // feedback.surveys' questions and lint findings (SurveyService)
            Question.class, SurveyService.QuestionFindings.class, SurveyLint.Finding.class,
            // the reasons of dead-lettered submissions (SubmissionsConsumer)
            FieldIssue.class);

    SerialisedRecordsTest() {
        super("io.refinery.feedback", SERIALISED_BY_HAND);
    }
}
