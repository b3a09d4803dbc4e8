package org.labexport.job;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import org.labexport.convert.ExportFormat;

/** Stores statuses and formats as their lower-case wire names, as everywhere outside Java. */
final class WireNameConverters {
    private WireNameConverters() {
    }

    /** ExportStatus as "pending", "processing", ... */
    @Converter
    static final class Status implements AttributeConverter<ExportStatus, String> {
        @Override
        public String convertToDatabaseColumn(ExportStatus s) {
            return s == null ? null : s.wireName();
        }

        @Override
        public ExportStatus convertToEntityAttribute(String name) {
            return name == null ? null : ExportStatus.fromWireName(name)
                    .orElseThrow(() -> new IllegalStateException("Unknown status in database: " + name));
        }
    }

    /** ExportFormat as "csv", "excel", ... */
    @Converter
    static final class Format implements AttributeConverter<ExportFormat, String> {
        @Override
        public String convertToDatabaseColumn(ExportFormat f) {
            return f == null ? null : f.wireName();
        }

        @Override
        public ExportFormat convertToEntityAttribute(String name) {
            return name == null ? null : ExportFormat.fromWireName(name)
                    .orElseThrow(() -> new IllegalStateException("Unknown format in database: " + name));
        }
    }
}
