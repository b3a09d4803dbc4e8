package org.labexport.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Attribute converters that store id lists and key/value maps as JSON text, so that the schema stays plain
 * VARCHAR columns any SQL tool can read.
 */
public final class JsonColumns {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonColumns() {
    }

    /** {@code List<Long>} as a JSON array of numbers. */
    @Converter
    public static final class LongList implements AttributeConverter<List<Long>, String> {
        private static final TypeReference<List<Long>> TYPE = new TypeReference<>() { };

        @Override
        public String convertToDatabaseColumn(List<Long> value) {
            return write(value == null ? List.of() : value);
        }

        @Override
        public List<Long> convertToEntityAttribute(String text) {
            if (text == null || text.isBlank()) {
                return new ArrayList<>();
            }
            return new ArrayList<>(read(text, TYPE));
        }
    }

    /** {@code Map<String,String>} as a JSON object, key order kept. */
    @Converter
    public static final class StringMap implements AttributeConverter<Map<String, String>, String> {
        private static final TypeReference<LinkedHashMap<String, String>> TYPE = new TypeReference<>() { };

        @Override
        public String convertToDatabaseColumn(Map<String, String> value) {
            return write(value == null ? Map.of() : value);
        }

        @Override
        public Map<String, String> convertToEntityAttribute(String text) {
            if (text == null || text.isBlank()) {
                return new LinkedHashMap<>();
            }
            return read(text, TYPE);
        }
    }

    /** {@code Map<String,Object>} of JSON values (strings, numbers, booleans, lists, maps) as a JSON object. */
    @Converter
    public static final class JsonMap implements AttributeConverter<Map<String, Object>, String> {
        private static final TypeReference<LinkedHashMap<String, Object>> TYPE = new TypeReference<>() { };

        @Override
        public String convertToDatabaseColumn(Map<String, Object> value) {
            return write(value == null ? Map.of() : value);
        }

        @Override
        public Map<String, Object> convertToEntityAttribute(String text) {
            if (text == null || text.isBlank()) {
                return new LinkedHashMap<>();
            }
            return read(text, TYPE);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write JSON column: " + e.getMessage(), e);
        }
    }

    private static <T> T read(String text, TypeReference<T> type) {
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable JSON column value: " + e.getOriginalMessage(), e);
        }
    }
}
