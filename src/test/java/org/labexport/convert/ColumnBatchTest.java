package org.labexport.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ColumnBatchTest {

    @Test
    void valuesComeBackAsRowsWouldHoldThemAndUnsetCellsAreNull() {
        ColumnType[] types = {ColumnType.STRING, ColumnType.LONG, ColumnType.DOUBLE, ColumnType.BOOLEAN,
            ColumnType.DATE, ColumnType.TIMESTAMP};
        ColumnBatch b = new ColumnBatch(types, 3);
        b.set(0, 0, "MARCH1");
        b.set(1, 0, Long.MIN_VALUE);
        b.setDouble(2, 0, -0.0);
        b.set(3, 0, false);
        b.set(4, 0, LocalDate.of(2024, 2, 29));
        b.set(5, 0, Instant.EPOCH);
        b.set(2, 1, Double.NaN);
        b.set(2, 2, 1.5);
        b.set(2, 2, null);
        b.setRows(3);
        Object[] row = new Object[types.length];
        b.rowInto(0, row);
        assertThat(row).containsExactly("MARCH1", Long.MIN_VALUE, -0.0, false, LocalDate.of(2024, 2, 29),
                Instant.EPOCH);
        b.rowInto(1, row);
        assertThat(row).containsExactly(null, null, Double.NaN, null, null, null);
        b.rowInto(2, row);
        assertThat(row).containsOnlyNulls();
        assertThat(b.doubles(2)[0]).isEqualTo(-0.0);
        assertThat(b.nulls(2)).containsExactly(false, false, true);
    }

    @Test
    void projectionSharesTheColumnsInTheAskedOrder() {
        ColumnBatch b = new ColumnBatch(new ColumnType[] {ColumnType.STRING, ColumnType.DOUBLE}, 2);
        b.set(0, 0, "a");
        b.setDouble(1, 0, 2.0);
        b.setRows(1);
        ColumnBatch p = b.project(new int[] {1, 0});
        assertThat(p.rows()).isEqualTo(1);
        assertThat(p.type(0)).isEqualTo(ColumnType.DOUBLE);
        assertThat(p.get(0, 0)).isEqualTo(2.0);
        assertThat(p.get(1, 0)).isEqualTo("a");
        assertThat(p.doubles(0)).isSameAs(b.doubles(1));
        assertThatThrownBy(() -> b.setRows(3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBatchOverTextHoldsItsStringColumnsAsUtf8RangesAndGivesThemBackAsStrings() {
        char[] text = "x,Grüße,\uD83E\uDDEC,,7".toCharArray();
        ColumnType[] types = {ColumnType.STRING, ColumnType.DOUBLE, ColumnType.STRING};
        ColumnBatch b = ColumnBatch.overText(types, 3, false);
        b.setText(0, 0, text, 2, 7);
        b.setText(0, 1, text, 8, 10);
        b.setText(0, 2, text, 11, 11); // an empty value is not a null
        b.setDouble(1, 0, 7.0);
        b.setText(2, 1, text, 0, 1);
        b.setRows(3);

        assertThat(b.isTextRanges(0)).isTrue();
        assertThat(b.isTextRanges(1)).isFalse();
        assertThat(b.objects(0)).isNull();
        // Each value's bytes are its UTF-8, whatever came before it.
        assertThat(Arrays.copyOfRange(b.utf8(), b.textStarts(0)[0], b.textEnds(0)[0]))
                .isEqualTo("Grüße".getBytes(StandardCharsets.UTF_8));
        assertThat(Arrays.copyOfRange(b.utf8(), b.textStarts(2)[1], b.textEnds(2)[1])).isEqualTo(new byte[] {'x'});
        assertThat(b.get(0, 0)).isEqualTo("Grüße");
        assertThat(b.get(0, 1)).isEqualTo("\uD83E\uDDEC");
        assertThat(b.get(0, 2)).isEqualTo("");
        assertThat(b.get(2, 0)).isNull();
        assertThat(b.get(2, 1)).isEqualTo("x");
        assertThatThrownBy(() -> b.set(0, 0, "a String")).isInstanceOf(IllegalStateException.class);

        ColumnBatch p = b.project(new int[] {2, 0});
        assertThat(p.isTextRanges(1)).isTrue();
        assertThat(p.textStarts(1)).isSameAs(b.textStarts(0));
        assertThat(p.utf8()).isSameAs(b.utf8());
        assertThat(p.get(1, 0)).isEqualTo("Grüße");
        assertThat(p.get(0, 1)).isEqualTo("x");
    }

    @Test
    void aBatchOverAsciiTextTakesEachCharacterAsItsByteAndGrowsPastItsFirstGuess() {
        String value = "ENSG00000000042-".repeat(10);
        char[] text = value.toCharArray();
        ColumnBatch b = ColumnBatch.overText(new ColumnType[] {ColumnType.STRING}, 8, true);
        for (int r = 0; r < 8; r++) {
            b.setText(0, r, text, r, text.length);
        }
        b.setRows(8);
        for (int r = 0; r < 8; r++) {
            assertThat(b.get(0, r)).isEqualTo(value.substring(r));
        }
        assertThat(b.textEnds(0)[7]).isGreaterThan(8 * 16);
    }
}
