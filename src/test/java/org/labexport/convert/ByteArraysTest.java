package org.labexport.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteArraysTest {

    @Test
    void anArrayWithRoomIsKeptAndOneWithoutGrowsToAtLeastTwiceItsLengthKeepingItsBytes() {
        byte[] a = {1, 2, 3, 0};
        assertThat(ByteArrays.withRoom(a, 3, 1, "text")).isSameAs(a);

        byte[] doubled = ByteArrays.withRoom(a, 3, 2, "text");
        assertThat(doubled).hasSize(8).startsWith(1, 2, 3);
        assertThat(ByteArrays.withRoom(a, 3, 100, "text")).hasSize(103).startsWith(1, 2, 3);
    }

    @Test
    void bytesPastTwoGigabytesAreRefusedByNameBeforeAnythingIsAllocated() {
        assertThatThrownBy(() -> ByteArrays.withRoom(new byte[8], Integer.MAX_VALUE - 20, 10, "a row group's text"))
                .isInstanceOf(IllegalStateException.class).hasMessage("a row group's text exceeds 2 GB");
    }
}
