package org.tracemap.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * A token printed as a block of its own, ruled off above and below with blank lines around, so that it stands
 * out from the log lines on the same terminal (which go to stderr).
 */
final class TokenBlock {
    private static final String RULE = "=".repeat(72);

    private TokenBlock() {}

    /** {@code heading}, then the token on a line of its own, then {@code notes}, one per line. */
    static void print(PrintStream out, String heading, String token, List<String> notes) {
        out.println();
        out.println(RULE);
        out.println(heading);
        out.println();
        out.println("    " + token);
        if (!notes.isEmpty()) out.println();
        for (String note : notes) out.println(note);
        out.println(RULE);
        out.println();
        out.flush();
    }
}
