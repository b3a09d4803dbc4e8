package org.labexport.convert.csv;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecordBatchTest {

    private static RecordBatch filled(int records, int fields) {
        RecordBatch b = new RecordBatch(4, 16);
        char[] text = "value".toCharArray();
        for (int r = 0; r < records; r++) {
            b.beginRecord(r + 1);
            for (int f = 0; f < fields; f++) {
                System.arraycopy(text, 0, b.room(b.used(), text.length), b.used(), text.length);
                b.endField(b.used() + text.length);
            }
            b.endRecord();
        }
        return b;
    }

    @Test
    void nextBatchHasRoomForTheFullOnesFieldsPerRecord() {
        RecordBatch full = filled(3, 12);
        assertThat(full.size()).isEqualTo(3);
        assertThat(full.fieldCount(2)).isEqualTo(12);
        assertThat(full.field(2, 11)).isEqualTo("value");

        RecordBatch next = RecordBatch.after(full, 2048);
        assertThat(next.fieldCapacity()).isGreaterThanOrEqualTo(2048 * 12);
        assertThat(next.size()).isZero();
    }

    @Test
    void nextBatchAfterAnEmptyOrNarrowOneStartsAtFourFieldsPerRecord() {
        assertThat(RecordBatch.after(new RecordBatch(4, 16), 100).fieldCapacity()).isGreaterThanOrEqualTo(400);
        assertThat(RecordBatch.after(filled(5, 1), 100).fieldCapacity()).isBetween(400, 404 + 4);
    }

    @Test
    void oneVeryWideRecordDoesNotSizeTheNextBatchPastAMillionFields() {
        RecordBatch next = RecordBatch.after(filled(1, 5000), 2048);
        assertThat(next.fieldCapacity()).isEqualTo(1 << 20);
    }
}
