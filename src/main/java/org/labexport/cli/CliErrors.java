package org.labexport.cli;

import org.labexport.catalog.CatalogException;
import org.labexport.convert.OptionException;
import org.labexport.job.IllegalJobTransitionException;
import org.labexport.job.JobNotFoundException;
import org.labexport.job.JobOperationException;
import org.labexport.job.ValidationException;
import org.labexport.persistence.DatabaseException;
import org.labexport.settings.SettingsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place where errors become exit codes and a message on stderr; the stack trace goes to the log only.
 *
 * <table>
 *   <caption>Exit codes</caption>
 *   <tr><td>0</td><td>success</td></tr>
 *   <tr><td>2</td><td>bad usage (picocli parameter errors, {@link CliUsageException}), {@link ValidationException},
 *       {@link OptionException}, {@link JobNotFoundException} (a bad id or key is bad input)</td></tr>
 *   <tr><td>1</td><td>everything else: {@link IllegalJobTransitionException} (e.g. cancelling a finished job),
 *       {@link JobOperationException}, {@link CatalogException}, {@link DatabaseException},
 *       {@link SettingsException}, and any unexpected exception</td></tr>
 * </table>
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
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ValidationException || t instanceof OptionException || t instanceof JobNotFoundException
                    || t instanceof CliUsageException || t instanceof ParameterException) {
                return USAGE;
            }
            if (t instanceof IllegalJobTransitionException || t instanceof JobOperationException
                    || t instanceof CatalogException || t instanceof DatabaseException
                    || t instanceof SettingsException) {
                return FAILED;
            }
        }
        return FAILED;
    }

    /** The message for the user: the domain message, or for an unexpected error, its text and where the log is. */
    private String messageFor(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ValidationException || t instanceof OptionException || t instanceof JobNotFoundException
                    || t instanceof CliUsageException || t instanceof IllegalJobTransitionException
                    || t instanceof JobOperationException || t instanceof CatalogException
                    || t instanceof DatabaseException || t instanceof SettingsException) {
                return t.getMessage();
            }
        }
        String text = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return text + " (details in " + ctx.home().logs().resolve("labexport.log") + ")";
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parseResult) {
        int code = exitCodeFor(e);
        if (code == USAGE) {
            LOG.info("labexport {}: {}", cmd.getCommandName(), e.getMessage(), e);
        } else {
            LOG.error("labexport {} failed", cmd.getCommandName(), e);
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
