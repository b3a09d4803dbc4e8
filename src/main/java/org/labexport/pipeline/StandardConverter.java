package org.labexport.pipeline;

import org.labexport.convert.ConversionException;
import org.labexport.convert.TableConverter;

/** The conversion engine the app uses. */
final class StandardConverter {
    private StandardConverter() {
    }

    static TableConverter create() {
        return (source, options, outputDir, stem, progress, cancel) -> {
            throw new ConversionException("Converting " + source.getFileName() + " to "
                    + options.format().wireName() + " is not available in this build.");
        };
    }
}
