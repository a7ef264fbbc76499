package io.refinery.metrics.drift.domain;

import io.refinery.metrics.drift.stats.Adwin;
import io.refinery.metrics.drift.stats.ConceptDriftDetector;
import io.refinery.metrics.drift.stats.PageHinkley;

/** A system's concept-drift detector restored from its row, with what the service reads from it. */
record RunningDetector(ConceptDetectors.Kind kind, ConceptDriftDetector<?> detector) {

    /** Takes one error; a detection with the error levels around it, or null. */
    ConceptDetectors.ConceptDetection update(double error, long updates) {
        if (detector instanceof Adwin adwin) {
            long widthBefore = adwin.width();
            double totalBefore = adwin.mean() * widthBefore;
            if (!adwin.update(error)) {
                return null;
            }
            long dropped = widthBefore + 1 - adwin.width();
            double totalAfter = adwin.mean() * adwin.width();
            Double before = dropped > 0 ? (totalBefore + error - totalAfter) / dropped : null;
            return new ConceptDetectors.ConceptDetection(kind, updates, before, adwin.mean());
        }
        PageHinkley.State state = ((PageHinkley) detector).state();
        if (!detector.update(error)) {
            return null;
        }
        return new ConceptDetectors.ConceptDetection(kind, updates, null, (state.count() * state.mean() + error) / (state.count() + 1));
    }

    Object parameters() {
        return detector instanceof Adwin adwin ? adwin.parameters() : ((PageHinkley) detector).parameters();
    }

    Record state() {
        return detector.state();
    }

    long windowSize() {
        return detector instanceof Adwin adwin ? adwin.width() : ((PageHinkley) detector).state().count();
    }

    double windowMean() {
        return detector instanceof Adwin adwin ? adwin.mean() : ((PageHinkley) detector).state().mean();
    }
}
