package org.labexport.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labexport.app.LabExportApp;
import org.labexport.catalog.DataFile;
import org.labexport.catalog.MetadataValues;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labexport files add|list}: the catalog of data files. */
@Command(name = "files", description = "Add data files to the catalog or list them.",
        subcommands = {FilesCommand.Add.class, FilesCommand.ListFiles.class})
final class FilesCommand extends GroupCommand {

    /** {@code files add FILE... [--dataset NAME] [--meta KEY=VALUE]...} */
    @Command(name = "add", description = "Add files to the catalog (the same unchanged file keeps its id).")
    static final class Add extends CliCommand {
        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Data files to add.")
        List<Path> files;

        @Option(names = "--dataset", paramLabel = "NAME", description = "Also put the files in this dataset"
                + " (created if needed).")
        String dataset;

        @Option(names = "--meta", paramLabel = "KEY=VALUE", description = "Metadata for the files; repeatable."
                + " Numbers and true/false keep their type (quote a value to keep it text); pipeline_run=ID names"
                + " the upstream run that produced the files.")
        Map<String, String> meta = new LinkedHashMap<>();

        @Option(names = "--upload", description = "Also upload the files to the lab bucket (LABEXPORT_LAB_FILES),"
                + " so that a lab worker on another machine can read them.")
        boolean upload;

        @Override
        protected int execute(CliContext ctx) {
            LabExportApp.readAhead(files); // hashed while the home opens
            for (Path f : files) {
                Instant before = Instant.now().minusMillis(1);
                DataFile added = ctx.app().addFile(f, MetadataValues.parseAll(meta), dataset, upload);
                String verb = added.getAddedAt().isBefore(before) ? "Already in the catalog" : "Added";
                ctx.out().println(verb + " as file " + added.getId() + ": " + added.getPath() + " ("
                        + added.getDetectedFormat().wireName() + ", " + TextTable.bytes(added.getSizeBytes()) + ")"
                        + (added.getStoredAt() != null ? ", uploaded to " + added.getStoredAt() : ""));
            }
            if (dataset != null && !dataset.isBlank()) {
                int n = ctx.app().dataset(dataset.strip()).map(d -> d.getFileIds().size()).orElse(0);
                ctx.out().println("Dataset '" + dataset.strip() + "' now has " + n + (n == 1 ? " file." : " files."));
            }
            return CliErrors.OK;
        }
    }

    /** {@code files list [--json]} */
    @Command(name = "list", description = "List the catalog's files.")
    static final class ListFiles extends CliCommand {
        @Option(names = "--json", description = "Print a JSON array.")
        boolean json;

        @Override
        protected int execute(CliContext ctx) {
            List<DataFile> files = ctx.app().files();
            if (json) {
                ctx.printJson(files.stream().map(JsonViews::file).toList());
                return CliErrors.OK;
            }
            if (files.isEmpty()) {
                ctx.out().println("No files in the catalog. Add some with: labexport files add FILE...");
                return CliErrors.OK;
            }
            TextTable t = new TextTable("ID", "NAME", "FORMAT", "SIZE", "ADDED", "PATH");
            for (DataFile f : files) {
                t.row(f.getId(), f.getFileName(), f.getDetectedFormat().wireName(), TextTable.bytes(f.getSizeBytes()),
                        TextTable.time(f.getAddedAt()), f.getPath());
            }
            t.print(ctx.out());
            return CliErrors.OK;
        }
    }
}
