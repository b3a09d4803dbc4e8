package org.labexport.pipeline;

import org.labexport.convert.TableConverter;
import org.labexport.convert.engine.StreamingTableConverter;

/** The conversion engine the app uses. */
final class StandardConverter {
    private StandardConverter() {
    }

    static TableConverter create() {
        return new StreamingTableConverter();
    }
}
