package org.labexport.convert.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.poi.xssf.model.SharedStringsTable;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.junit.jupiter.api.Test;

class SharedTextsTest {
    private static SharedStringsTable table(int n) {
        SharedStringsTable sst = new SharedStringsTable();
        for (int i = 0; i < n; i++) {
            sst.addSharedStringItem(new XSSFRichTextString("text " + i + (i % 7 == 0 ? " _x0041_" : "")));
        }
        return sst;
    }

    @Test
    void givesPoisTextForEveryIndexWhetherKeptOrNot() {
        SharedStringsTable sst = table(1000);
        SharedTexts kept = new SharedTexts(sst, true);
        SharedTexts looked = new SharedTexts(sst, false);
        for (int round = 0; round < 2; round++) {
            for (int i = 999; i >= 0; i -= 3) {
                String poi = sst.getItemAt(i).getString();
                assertThat(kept.get(i)).isEqualTo(poi);
                assertThat(looked.get(i)).isEqualTo(poi);
            }
        }
        assertThat(kept.get(7)).isEqualTo("text 7 A"); // POI decodes the _xHHHH_ escape
    }

    @Test
    void anIndexTheTableDoesNotHaveFailsEveryTime() {
        SharedTexts kept = new SharedTexts(table(3), true);
        assertThat(kept.get(2)).isEqualTo("text 2");
        assertThatThrownBy(() -> kept.get(3)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> kept.get(-1)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> kept.get(3)).isInstanceOf(RuntimeException.class);
    }
}
