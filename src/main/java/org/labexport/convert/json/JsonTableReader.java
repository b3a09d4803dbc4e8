package org.labexport.convert.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.CharConversionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.labexport.convert.Column;
import org.labexport.convert.ColumnType;
import org.labexport.convert.ColumnTypeTracker;
import org.labexport.convert.ConversionException;
import org.labexport.convert.ReadSettings;
import org.labexport.convert.SourceFiles;
import org.labexport.convert.TableReader;
import org.labexport.convert.TableSchema;
import org.labexport.convert.ValueText;

/**
 * Streams a JSON table in two passes (Jackson streaming, bounded memory): the first collects the keys of every
 * record, in first-seen order, and infers each column's type from all its values; the second produces typed rows,
 * a key missing from a record being null.
 *
 * <p>Accepted layouts: an array of objects, or objects one after another (newline-delimited JSON; a single flat
 * object is a one-row table). Values must be scalars: a nested object or array is an error naming the file, key
 * and place. JSON numbers become LONG or DOUBLE, booleans BOOLEAN; strings may be dates, timestamps or, in a number
 * column, NaN/Inf/-Inf (the way LabExport writes them); strings equal to a null token are null.
 */
final class JsonTableReader implements TableReader {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(16 * 1024 * 1024)
                    .maxNumberLength(1000)
                    .maxNestingDepth(64)
                    .build())
            .build();

    private final Path file;
    private final String fileName;
    private final ReadSettings settings;
    private final Set<String> nullTokens;
    private final long fileSize;

    private TableSchema schema;
    private ColumnType[] types;
    private Map<String, Integer> index;
    private volatile Pass pass;
    private volatile boolean secondPass;
    private boolean exhausted;
    private long recordsSinceCheck;

    JsonTableReader(Path file, ReadSettings settings) throws IOException {
        this.file = file;
        this.fileName = file.getFileName().toString();
        this.settings = settings;
        this.nullTokens = new HashSet<>(settings.nullValues());
        this.fileSize = Files.size(file);
    }

    @Override
    public TableSchema schema() throws IOException {
        if (schema == null) {
            infer();
        }
        return schema;
    }

    private void infer() throws IOException {
        Map<String, Integer> keys = new LinkedHashMap<>();
        List<ColumnTypeTracker> trackers = new ArrayList<>();
        try (Pass p = new Pass()) {
            pass = p;
            while (p.nextRecord()) {
                check();
                try {
                    inferRecord(p, keys, trackers);
                } catch (JsonProcessingException | CharConversionException e) {
                    throw p.malformed(e);
                }
            }
        } finally {
            pass = null;
        }
        List<Column> cols = new ArrayList<>();
        types = new ColumnType[keys.size()];
        for (Map.Entry<String, Integer> e : keys.entrySet()) {
            ColumnType type = trackers.get(e.getValue()).result();
            types[e.getValue()] = type;
            cols.add(new Column(e.getKey(), type));
        }
        index = keys;
        schema = new TableSchema(cols);
    }

    private void inferRecord(Pass p, Map<String, Integer> keys, List<ColumnTypeTracker> trackers) throws IOException {
                JsonParser jp = p.parser;
                JsonToken t;
                while ((t = jp.nextToken()) == JsonToken.FIELD_NAME) {
                    String key = jp.currentName();
                    Integer col = keys.get(key);
                    if (col == null) {
                        col = keys.size();
                        keys.put(key, col);
                        trackers.add(new ColumnTypeTracker());
                    }
                    JsonToken v = jp.nextToken();
                    ColumnTypeTracker tracker = trackers.get(col);
                    switch (v) {
                        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                            if (!tracker.isText()) {
                                tracker.acceptNumber(jp.getText());
                            }
                        }
                        case VALUE_TRUE, VALUE_FALSE -> tracker.acceptBoolean();
                        case VALUE_STRING -> {
                            String s = jp.getText();
                            if (!nullTokens.contains(s)) {
                                tracker.acceptString(s);
                            }
                        }
                        case VALUE_NULL -> {
                        }
                        default -> throw p.nested(key, v);
                    }
                }
                p.endRecord(t);
    }

    private void check() throws IOException {
        if (++recordsSinceCheck >= 4096) {
            recordsSinceCheck = 0;
            settings.cancel().check();
        }
    }

    @Override
    public boolean next(Object[] row) throws IOException {
        if (schema == null) {
            infer();
        }
        if (exhausted) {
            return false;
        }
        if (!secondPass) {
            secondPass = true;
            pass = new Pass();
        }
        Pass p = pass;
        if (!p.nextRecord()) {
            exhausted = true;
            p.close();
            pass = null;
            return false;
        }
        check();
        try {
            readRecord(p, row);
        } catch (JsonProcessingException | CharConversionException e) {
            throw p.malformed(e);
        }
        return true;
    }

    private void readRecord(Pass p, Object[] row) throws IOException {
        java.util.Arrays.fill(row, 0, types.length, null);
        JsonParser jp = p.parser;
        JsonToken t;
        while ((t = jp.nextToken()) == JsonToken.FIELD_NAME) {
            String key = jp.currentName();
            Integer col = index.get(key);
            JsonToken v = jp.nextToken();
            if (col == null) {
                throw new ConversionException(fileName + " changed while it was being read (new key '" + key + "').");
            }
            row[col] = value(jp, v, types[col], key, p);
        }
        p.endRecord(t);
    }

    private Object value(JsonParser jp, JsonToken v, ColumnType type, String key, Pass p) throws IOException {
        try {
            switch (v) {
                case VALUE_NULL:
                    return null;
                case VALUE_NUMBER_INT:
                case VALUE_NUMBER_FLOAT:
                    return ValueText.parse(jp.getText(), type);
                case VALUE_TRUE:
                    return type == ColumnType.BOOLEAN ? Boolean.TRUE : "true";
                case VALUE_FALSE:
                    return type == ColumnType.BOOLEAN ? Boolean.FALSE : "false";
                case VALUE_STRING: {
                    String s = jp.getText();
                    return nullTokens.contains(s) ? null : ValueText.parse(s, type);
                }
                default:
                    throw p.nested(key, v);
            }
        } catch (IllegalArgumentException e) {
            throw new ConversionException(fileName + " changed while it was being read: key '" + key + "' at "
                    + p.where() + " is not a " + type.wireName() + ".");
        }
    }

    @Override
    public long bytesConsumed() {
        Pass p = pass;
        long inPass = p == null ? (secondPass ? fileSize : 0) : Math.min(fileSize, p.raw.count());
        return secondPass ? fileSize + inPass : inPass;
    }

    @Override
    public long bytesTotal() {
        return 2 * fileSize;
    }

    @Override
    public void close() throws IOException {
        Pass p = pass;
        pass = null;
        if (p != null) {
            p.close();
        }
    }

    /** One pass over the file, positioned record by record. */
    private final class Pass implements AutoCloseable {
        final SourceFiles.CountingInputStream raw;
        final JsonParser parser;
        private boolean started;
        private boolean array;
        private long record;

        Pass() throws IOException {
            SourceFiles.Opened opened = SourceFiles.open(file);
            this.raw = opened.raw();
            JsonParser p;
            try {
                p = FACTORY.createParser(opened.content());
            } catch (IOException e) {
                opened.content().close();
                throw e;
            }
            this.parser = p;
        }

        /** Moves onto the next record's START_OBJECT; false at the end. */
        boolean nextRecord() throws IOException {
            try {
                JsonToken t = parser.nextToken();
                if (!started) {
                    started = true;
                    if (t == null) {
                        throw new ConversionException(fileName + " is empty: expected a JSON array of records.");
                    }
                    if (t == JsonToken.START_ARRAY) {
                        array = true;
                        t = parser.nextToken();
                    } else if (t != JsonToken.START_OBJECT) {
                        throw new ConversionException(fileName + " is not a list of records: it holds a single value, "
                                + describe(t) + ", at " + where() + ".");
                    }
                }
                if (array) {
                    if (t == JsonToken.END_ARRAY) {
                        JsonToken after = parser.nextToken();
                        if (after != null) {
                            throw new ConversionException(fileName + ": unexpected content after the array of records at "
                                    + where() + ".");
                        }
                        return false;
                    }
                } else if (t == null) {
                    return false;
                }
                if (t != JsonToken.START_OBJECT) {
                    throw new ConversionException(fileName + ": record " + (record + 1) + " at " + where()
                            + " is " + describe(t) + ", not an object of column values.");
                }
                record++;
                return true;
            } catch (JsonProcessingException | CharConversionException e) {
                throw malformed(e);
            }
        }

        void endRecord(JsonToken last) throws IOException {
            if (last != JsonToken.END_OBJECT) {
                throw malformed(null);
            }
        }

        ConversionException nested(String key, JsonToken v) {
            if (v == null) {
                return malformed(null);
            }
            return new ConversionException(fileName + ": record " + record + " at " + where() + " has "
                    + describe(v) + " under key '" + key + "'; only flat records of text, numbers, booleans and nulls"
                    + " can be converted to a table" + (array ? "." : " (is it one JSON object rather than a list of records?)."));
        }

        ConversionException malformed(IOException e) {
            if (e instanceof JsonProcessingException jpe) {
                JsonLocation loc = jpe.getLocation();
                String at = loc == null ? where() : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
                String what = jpe.getOriginalMessage();
                int nl = what == null ? -1 : what.indexOf('\n');
                if (nl > 0) {
                    what = what.substring(0, nl);
                }
                return new ConversionException(fileName + " is not valid JSON at " + at + " (" + what + ").", e);
            }
            if (e != null) {
                return new ConversionException(fileName + " is not valid JSON text at " + where() + " ("
                        + e.getMessage() + ").", e);
            }
            return new ConversionException(fileName + " ends early or is malformed at " + where() + ".");
        }

        String where() {
            JsonLocation loc = parser.currentLocation();
            return "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
        }

        @Override
        public void close() throws IOException {
            parser.close();
        }
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case START_OBJECT -> "a nested object";
            case START_ARRAY -> "a nested array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.toString();
        };
    }
}
