package org.labexport.cli;

import org.labexport.convert.ExportFormat;
import org.labexport.job.ExportStatus;
import picocli.CommandLine;
import picocli.CommandLine.TypeConversionException;

/** Parses statuses and formats by their lower-case wire names, with a message listing the allowed ones. */
final class CliConverters {
    private CliConverters() {
    }

    static void register(CommandLine cl) {
        cl.registerConverter(ExportStatus.class, s -> ExportStatus.fromWireName(s).orElseThrow(() ->
                new TypeConversionException("'" + s + "' is not a status; use one of pending, processing, completed,"
                        + " failed, cancelled")));
        cl.registerConverter(ExportFormat.class, s -> ExportFormat.fromWireName(s).orElseThrow(() ->
                new TypeConversionException("'" + s + "' is not a format; use one of " + ExportFormat.wireNames())));
    }
}
