package org.labexport.convert;

/**
 * Optionally implemented by a {@link TableWriter} that can do part of its per-row work, such as turning values into
 * text, on the reader's thread, so that both cores share the encoding. The converter calls {@link #prepare} for a
 * row on the reader thread before handing the same row to {@link TableWriter#write} on the writing thread; rows
 * written before the writer existed arrive unprepared, so {@code write} accepts both forms.
 */
public interface RowPreparer {

    /**
     * Replaces values in {@code row} by a form {@code write} takes faster; must not touch mutable writer state. Text
     * (a String) is left as it is, so the converter does not call this for rows of a reader whose text rows hold only
     * Strings ({@link TableReader#givesTextAsStrings}).
     */
    void prepare(Object[] row);
}
