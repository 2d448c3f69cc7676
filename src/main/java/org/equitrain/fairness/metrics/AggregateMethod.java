package org.equitrain.fairness.metrics;

/** How {@code difference} and {@code ratio} compare groups (Fairlearn's {@code method}, spec §3). */
public enum AggregateMethod {
    /** max_g m_g − min_g m_g, and min_g m_g / max_g m_g (default). */
    BETWEEN_GROUPS,
    /** max_g |m_g − m_overall|, and min_g min(m_g / m_overall, m_overall / m_g). */
    TO_OVERALL;

    /** Lower-case name as in Fairlearn and in JSON keys: {@code between_groups}, {@code to_overall}. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
