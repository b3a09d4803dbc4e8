package org.labexport.cli;

import org.labexport.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code labexport <command>}; a thin face over the same services as the window. */
@Command(name = "labexport", mixinStandardHelpOptions = true, versionProvider = LabExportCli.VersionProvider.class,
        description = "Export research data in batches to CSV, TSV, JSON, Excel, Parquet, HDF5 or ZIP.",
        subcommands = {ExportCommand.class})
public final class LabExportCli implements Runnable {

    /** Runs the CLI and returns its exit code: 0 success, 1 the operation failed, 2 bad usage. */
    public static int run(String[] args) {
        return new CommandLine(new LabExportCli()).execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Prints "LabExport <version>". */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"LabExport " + Version.get()};
        }
    }
}
