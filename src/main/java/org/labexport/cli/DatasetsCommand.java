package org.labexport.cli;

import java.util.List;
import org.labexport.catalog.Dataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code labexport datasets list}: named groups of catalog files. */
@Command(name = "datasets", description = "List datasets (named groups of catalog files).",
        subcommands = {DatasetsCommand.ListDatasets.class})
final class DatasetsCommand extends GroupCommand {

    /** {@code datasets list [--json]} */
    @Command(name = "list", description = "List the datasets.")
    static final class ListDatasets extends CliCommand {
        @Option(names = "--json", description = "Print a JSON array.")
        boolean json;

        @Override
        protected int execute(CliContext ctx) {
            List<Dataset> sets = ctx.app().datasets();
            if (json) {
                ctx.printJson(sets.stream().map(JsonViews::dataset).toList());
                return CliErrors.OK;
            }
            if (sets.isEmpty()) {
                ctx.out().println("No datasets. Create one with: labexport files add FILE... --dataset NAME");
                return CliErrors.OK;
            }
            TextTable t = new TextTable("ID", "NAME", "FILES", "CREATED", "DESCRIPTION");
            for (Dataset d : sets) {
                t.row(d.getId(), d.getName(), d.getFileIds().size(), TextTable.time(d.getCreatedAt()),
                        d.getDescription());
            }
            t.print(ctx.out());
            return CliErrors.OK;
        }
    }
}
