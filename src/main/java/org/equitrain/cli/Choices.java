package org.equitrain.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Enum-valued options, written in lower case: "stop-target" or "stop_target" for {@code STOP_TARGET}. Most options
 * spell the choices with hyphens; the audit's follow Fairlearn's underscores ("between_groups").
 */
final class Choices {
    private Choices() {
    }

    /** The constant of {@code values} that {@code value} names; an unknown name is an error listing the choices. */
    static <E extends Enum<E>> E parse(String option, String value, E[] values) {
        return parse(option, value, values, '-');
    }

    /** As {@link #parse(String, String, Enum[])}, listing the choices with {@code separator} between words. */
    static <E extends Enum<E>> E parse(String option, String value, E[] values, char separator) {
        String wanted = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : values) {
            if (e.name().equals(wanted)) {
                return e;
            }
        }
        throw new IllegalArgumentException(option + ": '" + value + "' is not one of " + Arrays.stream(values)
                .map(e -> e.name().toLowerCase(Locale.ROOT).replace('_', separator)).collect(Collectors.joining(", ")));
    }
}
