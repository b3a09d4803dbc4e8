package org.labexport.cli;

import java.io.PrintWriter;
import java.util.List;
import org.labexport.base.AppHome;
import org.labexport.base.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The command line: {@code labexport <command>}; a thin face over the same services as the window.
 *
 * <p>Adding a command: write a class extending {@link CliCommand} (or a group like {@link JobsCommand}) and add it
 * to {@link #COMMANDS} or to a group's {@code subcommands} list. Errors are mapped to exit codes in one place,
 * {@link CliErrors}.
 */
// scope = INHERIT gives every subcommand --help (and --version) and the exit-code footer.
@Command(name = "labexport", mixinStandardHelpOptions = true, versionProvider = LabExportCli.VersionProvider.class,
        scope = CommandLine.ScopeType.INHERIT,
        description = "Export research data in batches to CSV, TSV, JSON, Excel, Parquet, HDF5 or ZIP.",
        footerHeading = "%nExit codes:%n",
        footer = {"  0  success", "  1  the operation failed", "  2  bad usage or validation error",
                "State lives in $LABEXPORT_HOME (default ~/.labexport); details of errors go to its logs/labexport.log."})
public final class LabExportCli implements Runnable {
    /** The commands, in the order the usage lists them ({@code help} comes last). */
    static final List<Class<?>> COMMANDS = List.of(
            FilesCommand.class,
            DatasetsCommand.class,
            JobsCommand.class,
            StatsCommand.class,
            CleanupCommand.class,
            ExportCommand.class,
            VerifyCommand.class,
            WorkerCommand.class);

    private final CliContext context;

    @Spec
    CommandSpec spec;

    LabExportCli(CliContext context) {
        this.context = context;
    }

    /** Runs the CLI on the home from the environment, printing to stdout/stderr; returns the exit code. */
    public static int run(String[] args) {
        return run(AppHome.fromEnvironment(), new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                args);
    }

    /**
     * Runs the CLI on the given home and writers (tests capture them); returns the exit code: 0 success, 1 the
     * operation failed, 2 bad usage or validation error. Never throws and never prints a stack trace.
     */
    public static int run(AppHome home, PrintWriter out, PrintWriter err, String... args) {
        try (CliContext ctx = new CliContext(home, out, err)) {
            return commandLine(ctx, args).execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * The command tree for these arguments. When the first argument names a command, only that command's branch is
     * built: picocli reads every command's annotations by reflection when it is added, which cost a cold
     * {@code labexport export} about 70 ms of its main thread for the commands it does not run
     * (docs/decisions/0138). Anything else (no command, an option first, {@code help}, a mistyped name) gets the
     * whole tree, so usage, suggestions and errors list every command.
     */
    static CommandLine commandLine(CliContext ctx, String... args) {
        CommandLine cl = new CommandLine(new LabExportCli(ctx));
        Class<?> named = args.length == 0 ? null : command(args[0]);
        for (Class<?> c : COMMANDS) {
            if (named == null || named == c) {
                cl.addSubcommand(c.getAnnotation(Command.class).name(), c);
            }
        }
        if (named == null) {
            cl.addSubcommand("help", new CommandLine.HelpCommand()); // last in the list: "labexport help jobs"
        }
        cl.setOut(ctx.out());
        cl.setErr(ctx.err());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        CliConverters.register(cl);
        cl.setExecutionExceptionHandler(new CliErrors(ctx));
        cl.setParameterExceptionHandler(new CliErrors(ctx));
        return cl;
    }

    /** The command whose name is {@code name}, or null. */
    private static Class<?> command(String name) {
        for (Class<?> c : COMMANDS) {
            if (c.getAnnotation(Command.class).name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** The context shared by every command of this run. */
    public CliContext context() {
        return context;
    }

    @Override
    public void run() {
        spec.commandLine().usage(context.out());
    }

    /** Prints "LabExport <version>". */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"LabExport " + Version.get()};
        }
    }
}
