package io.refinery.oversight.system.domain;

/** What kind of AI system a registry entry is. */
public enum SystemKind {
    RECOMMENDATION, CHATBOT, PRICING, FRAUD, FORECAST, CONTENT, SEARCH, OTHER
}
