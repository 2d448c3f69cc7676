package org.equitrain.cli;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Command lines printed for the user to paste into a POSIX shell: each word single-quoted when it needs to be. */
final class ShellWords {
    /** Words a shell reads as they are. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellWords() {
    }

    /** The words joined by spaces, each quoted when the shell would otherwise split or expand it. */
    static String join(List<String> words) {
        return words.stream().map(ShellWords::quote).collect(Collectors.joining(" "));
    }

    /** {@code word} as is, or in single quotes (a quote inside written as {@code '\''}). */
    static String quote(String word) {
        return PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
