package org.labexport.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labexport.app.LabExportApp;
import org.labexport.destination.S3Location;
import org.labexport.publish.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code labexport verify PATH|ZIP|s3://bucket/prefix/...}: checks a BagIt bag or a plain export. Prints a summary
 * line and one line per problem (or JSON); exit 0 valid, 1 invalid, 2 bad usage.
 */
@Command(name = "verify", description = "Check a BagIt bag or an export: every file present, unchanged, none extra.")
final class VerifyCommand extends CliCommand {
    @Parameters(paramLabel = "PATH|ZIP|s3://BUCKET/PREFIX", description = "The export folder, its ZIP, or where it"
            + " is in a bucket.")
    String location;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    protected int execute(CliContext ctx) throws Exception {
        // A local check needs no database; only an S3 location needs the settings' profiles.
        VerifyReport report;
        try {
            report = S3Location.isS3(location) ? ctx.app().verify(location) : LabExportApp.verifyLocal(location);
        } catch (IllegalArgumentException e) {
            throw new CliUsageException(e.getMessage());
        }
        if (json) {
            ctx.printJson(view(report));
        } else {
            ctx.out().println(report.summary());
            for (VerifyReport.Problem p : report.problems()) {
                ctx.out().println("  " + p.kind() + "  " + (p.file() == null ? "" : p.file() + ": ") + p.message());
            }
        }
        return report.valid() ? CliErrors.OK : CliErrors.FAILED;
    }

    private static Map<String, Object> view(VerifyReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("location", r.location());
        m.put("valid", r.valid());
        m.put("kind", r.kind());
        m.put("files_checked", r.filesChecked());
        m.put("bytes_checked", r.bytesChecked());
        List<Map<String, Object>> problems = r.problems().stream().map(p -> {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("kind", p.kind());
            pm.put("file", p.file());
            pm.put("message", p.message());
            return pm;
        }).toList();
        m.put("problems", problems);
        return m;
    }
}
