package org.labexport.convert;

import java.io.IOException;
import java.nio.file.Path;
import org.labexport.base.CancelSignal;
import org.labexport.base.ConversionCancelledException;

/**
 * Converts one source file into the target format of its {@link ExportOptions}: the conversion engine's single
 * entry point for the pipeline, the CLI and the benchmark. No JavaFX, no database.
 *
 * <p>A source that holds several tables (every sheet of a workbook) gives one output per table. Outputs are
 * written under temporary names and moved into place only when whole; on failure or cancel nothing is left in
 * {@code outputDir} by this call.
 */
public interface TableConverter {

    /**
     * @param source     the file to read; its format is detected from its name and content
     * @param options    validated options; their format is the target
     * @param outputDir  existing directory to write into
     * @param outputStem file name without extension for the output ({@code file_12_degs}); a multi-table source
     *                   adds {@code _<table>} per table
     * @param progress   told of bytes consumed as they are
     * @param cancel     polled often enough to stop within a second
     * @param provenance stored inside each output where its format has a place for it; {@link OutputProvenance#NONE}
     *                   leaves the outputs exactly as without it
     * @throws ConversionException          naming the file and what is wrong with it
     * @throws ConversionCancelledException when cancelled
     */
    ConversionResult convert(Path source, ExportOptions options, Path outputDir, String outputStem,
                             ProgressListener progress, CancelSignal cancel, OutputProvenance provenance)
            throws IOException;

    /**
     * As {@link #convert(Path, ExportOptions, Path, String, ProgressListener, CancelSignal, OutputProvenance)}
     * without provenance (tests, the benchmark, previews).
     */
    default ConversionResult convert(Path source, ExportOptions options, Path outputDir, String outputStem,
                                     ProgressListener progress, CancelSignal cancel) throws IOException {
        return convert(source, options, outputDir, outputStem, progress, cancel, OutputProvenance.NONE);
    }
}
