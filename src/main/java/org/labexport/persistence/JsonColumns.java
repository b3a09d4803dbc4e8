package org.labexport.persistence;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Id lists and key/value maps as the JSON text their columns hold, so that the schema stays plain VARCHAR columns any
 * SQL tool can read. Each kind has a {@code ...Text} method (value to column) and a {@code ...From} method (column to
 * value; null or blank text is an empty value).
 */
public final class JsonColumns {
    // Jackson's streaming layer only: a list of numbers and a map of strings need no data binding, and a CLI that
    // lists jobs then never builds an ObjectMapper (a few hundred ms on a cold JVM).
    private static final JsonFactory JSON = new JsonFactory();

    private JsonColumns() {
    }

    /** {@code List<Long>} as a JSON array of numbers. */
    public static String longListText(List<Long> value) {
        return write(g -> {
            g.writeStartArray();
            for (Long v : value == null ? List.<Long>of() : value) {
                if (v == null) {
                    g.writeNull();
                } else {
                    g.writeNumber(v);
                }
            }
            g.writeEndArray();
        });
    }

    /** The list a column written by {@link #longListText} holds. */
    public static List<Long> longListFrom(String text) {
        List<Long> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        read(text, p -> {
            expect(p, JsonToken.START_ARRAY);
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t == JsonToken.VALUE_NULL) {
                    out.add(null);
                } else if (t == JsonToken.VALUE_NUMBER_INT) {
                    out.add(p.getLongValue());
                } else {
                    throw new IllegalStateException("Unreadable JSON column value: a number expected, found "
                            + t + " in " + text);
                }
            }
        });
        return out;
    }

    /** {@code Map<String,String>} as a JSON object, key order kept. */
    public static String stringMapText(Map<String, String> value) {
        return write(g -> {
            g.writeStartObject();
            for (Map.Entry<String, String> e : (value == null ? Map.<String, String>of() : value).entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        });
    }

    /** The map a column written by {@link #stringMapText} holds. */
    public static Map<String, String> stringMapFrom(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        read(text, p -> {
            expect(p, JsonToken.START_OBJECT);
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                String key = p.currentName();
                JsonToken v = p.nextToken();
                if (v == JsonToken.VALUE_NULL) {
                    out.put(key, null);
                } else if (v.isScalarValue()) {
                    out.put(key, p.getText());
                } else {
                    throw new IllegalStateException("Unreadable JSON column value: a text expected for '" + key
                            + "', found " + v);
                }
            }
        });
        return out;
    }

    /**
     * {@code Map<String,Object>} of JSON values (strings, numbers, booleans, lists, maps) as a JSON object: typed
     * catalog metadata. Needs data binding, so it builds its mapper on first use only.
     */
    public static String jsonMapText(Map<String, Object> value) {
        try {
            return Binding.MAPPER.writeValueAsString(value == null ? Map.of() : value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write JSON column: " + e.getOriginalMessage(), e);
        }
    }

    /** The typed map a column written by {@link #jsonMapText} holds. */
    public static Map<String, Object> jsonMapFrom(String text) {
        if (text == null || text.isBlank()) {
            return new LinkedHashMap<>();
        }
        try {
            return Binding.MAPPER.readValue(text, Binding.TYPE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable JSON column value: " + e.getOriginalMessage(), e);
        }
    }

    /** The data-binding mapper, made when a typed map is first read or written. */
    private static final class Binding {
        static final ObjectMapper MAPPER = new ObjectMapper();
        static final TypeReference<LinkedHashMap<String, Object>> TYPE = new TypeReference<>() { };
    }

    private interface Writing {
        void to(JsonGenerator g) throws IOException;
    }

    private interface Reading {
        void from(JsonParser p) throws IOException;
    }

    private static String write(Writing writing) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            writing.to(g);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot write JSON column: " + e.getMessage(), e);
        }
        return out.toString();
    }

    private static void read(String text, Reading reading) {
        try (JsonParser p = JSON.createParser(text)) {
            reading.from(p);
        } catch (IOException e) {
            throw new IllegalStateException("Unreadable JSON column value: " + e.getMessage(), e);
        }
    }

    private static void expect(JsonParser p, JsonToken token) throws IOException {
        JsonToken t = p.nextToken();
        if (t != token) {
            throw new IllegalStateException("Unreadable JSON column value: " + token + " expected, found " + t);
        }
    }
}
