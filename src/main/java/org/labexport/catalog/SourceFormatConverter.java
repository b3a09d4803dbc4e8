package org.labexport.catalog;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;
import org.labexport.convert.SourceFormat;

/** Stores a detected format as its lower-case wire name. */
@Converter
public final class SourceFormatConverter implements AttributeConverter<SourceFormat, String> {
    @Override
    public String convertToDatabaseColumn(SourceFormat f) {
        return f == null ? null : f.wireName();
    }

    @Override
    public SourceFormat convertToEntityAttribute(String name) {
        return name == null ? null : SourceFormat.valueOf(name.toUpperCase(Locale.ROOT));
    }
}
