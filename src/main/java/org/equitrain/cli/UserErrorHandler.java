package org.equitrain.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions a user can act on (bad input files, shapes, diverged training) into one clear line on stderr and
 * exit code 1, instead of a stack trace. Set {@code EQUITRAIN_DEBUG=1} to see the trace.
 */
final class UserErrorHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        if (System.getenv("EQUITRAIN_DEBUG") != null) {
            ex.printStackTrace();
        }
        String msg = ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName();
        cmd.getErr().println("error: " + msg);
        return 1;
    }
}
