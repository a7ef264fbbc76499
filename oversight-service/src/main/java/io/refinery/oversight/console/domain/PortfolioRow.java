package io.refinery.oversight.console.domain;

import io.refinery.oversight.console.attention.Attention;

/** One AI system in the portfolio's table: its registry entry and its health. */
public record PortfolioRow(String systemKey, String name, String kind, String ownerTeam, Risk risk, SystemHealth health,
        Attention.Level level) {

    /** The risk profile's three impacts, as words. */
    public record Risk(String brand, String financial, String customer) {
    }
}
