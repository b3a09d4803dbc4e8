package org.labexport.cli;

import org.labexport.base.LabExportException;
import org.labexport.base.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place where errors become exit codes and a message on stderr; the stack trace goes to the log only. Every
 * domain exception is a {@link LabExportException} that carries its own exit code (2 for bad input, 1 for a failed
 * operation) and a message written for the user; picocli's parameter errors are bad usage (2); anything else is an
 * unexpected failure (1) whose message points to the log.
 */
public final class CliErrors implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    private static final Logger LOG = LoggerFactory.getLogger(CliErrors.class);

    private final CliContext ctx;

    CliErrors(CliContext ctx) {
        this.ctx = ctx;
    }

    /** The exit code for an exception thrown by a command (looking through wrappers at their causes). */
    public static int exitCodeFor(Throwable e) {
        if (findParameterError(e) != null) {
            return USAGE;
        }
        LabExportException known = findKnown(e);
        return known == null ? FAILED : known.exitCode();
    }

    /** The first domain exception in the cause chain, or null. */
    private static LabExportException findKnown(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof LabExportException known) {
                return known;
            }
        }
        return null;
    }

    private static ParameterException findParameterError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ParameterException p) {
                return p;
            }
        }
        return null;
    }

    /** The message for the user: the domain message, or for an unexpected error, its text and where the log is. */
    private String messageFor(Throwable e) {
        LabExportException known = findKnown(e);
        if (known != null) {
            return known.getMessage();
        }
        ParameterException p = findParameterError(e);
        if (p != null) {
            return p.getMessage();
        }
        String text = e.getMessage() != null ? e.getMessage() : "an unexpected error";
        return "The command failed: " + text + " (details in " + ctx.home().logs().resolve("labexport.log") + ")";
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parseResult) {
        int code = exitCodeFor(e);
        if (code == USAGE) {
            LOG.info("labexport {}: {}", cmd.getCommandName(), e.getMessage(), e);
        } else if (findKnown(e) != null) {
            LOG.warn("labexport {} failed: {}", cmd.getCommandName(), e.getMessage(), e);
        } else {
            LOG.error("labexport {} failed unexpectedly", cmd.getCommandName(), e);
        }
        ctx.err().println("Error: " + messageFor(e));
        ctx.err().flush();
        return code;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        LOG.info("Bad command line: {}", e.getMessage());
        ctx.err().println("Error: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, ctx.err());
        ctx.err().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
        ctx.err().flush();
        return USAGE;
    }
}
