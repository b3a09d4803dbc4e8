package org.labexport.cli;

import org.labexport.convert.ExportFormat;
import org.labexport.job.ExportStatistics;
import org.labexport.job.ExportStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code labexport stats [--json]}: totals over all jobs. */
@Command(name = "stats", description = "Show export statistics.")
final class StatsCommand extends CliCommand {
    @Option(names = "--json", description = "Print a JSON object.")
    boolean json;

    @Override
    protected int execute(CliContext ctx) {
        ExportStatistics s = ctx.app().statistics();
        if (json) {
            ctx.printJson(JsonViews.statistics(s));
            return CliErrors.OK;
        }
        ctx.out().println("Total jobs:           " + s.totalJobs());
        StringBuilder st = new StringBuilder();
        for (ExportStatus status : ExportStatus.values()) {
            st.append(st.length() == 0 ? "" : ", ").append(status.wireName()).append(' ')
                    .append(s.byStatus().getOrDefault(status, 0L));
        }
        ctx.out().println("By status:            " + st);
        StringBuilder fm = new StringBuilder();
        for (ExportFormat f : ExportFormat.values()) {
            fm.append(fm.length() == 0 ? "" : ", ").append(f.wireName()).append(' ')
                    .append(s.byFormat().getOrDefault(f, 0L));
        }
        ctx.out().println("By format:            " + fm);
        ctx.out().println("Total output size:    " + TextTable.bytes(s.totalSizeBytes()) + " (" + s.totalSizeBytes()
                + " bytes)");
        ctx.out().println("Files exported:       " + s.totalFilesExported());
        return CliErrors.OK;
    }
}
