package org.equitrain.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Enum-valued options, written in lower case with hyphens ("stop-target" for {@code STOP_TARGET}). */
final class Choices {
    private Choices() {
    }

    /** The constant of {@code values} that {@code value} names; an unknown name is an error listing the choices. */
    static <E extends Enum<E>> E parse(String option, String value, E[] values) {
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (E e : values) {
            if (name(e).equals(wanted)) {
                return e;
            }
        }
        throw new IllegalArgumentException(option + ": '" + value + "' is not one of "
                + Arrays.stream(values).map(Choices::name).collect(Collectors.joining(", ")));
    }

    /** The option spelling of {@code e}. */
    static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
