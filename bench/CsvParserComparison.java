import com.opencsv.CSVParserBuilder;
import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.labexport.convert.ColumnType;
import org.labexport.convert.ValueText;

/**
 * Compares opencsv and FastCSV on the benchmark's differential-expression CSV, single-threaded, best of 3:
 * splitting fields only, and splitting plus converting the six number columns to doubles as the reader does.
 * Run (after mvn test-compile, with the benchmark's CSV in target/bench):
 * java -cp "target/classes:$(cat cp.txt)" bench/CsvParserComparison.java target/bench/de_table.csv
 * where cp.txt holds the runtime class path plus the opencsv 5.12.0 jar and its commons-lang3/commons-text.
 */
public class CsvParserComparison {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        double mb = Files.size(file) / 1048576.0;
        for (boolean numbers : new boolean[]{false, true}) {
            for (String parser : new String[]{"opencsv", "fastcsv"}) {
                double best = Double.MAX_VALUE;
                long check = 0;
                for (int i = 0; i < 3; i++) {
                    long t0 = System.nanoTime();
                    check = parser.equals("opencsv") ? opencsv(file, numbers) : fastcsv(file, numbers);
                    best = Math.min(best, (System.nanoTime() - t0) / 1e9);
                }
                System.out.printf("%-8s %-22s %7.1f MiB/s  (%.2f s, check %d)%n", parser,
                        numbers ? "fields + number parsing" : "fields only", mb / best, best, check);
            }
        }
    }

    private static long consume(String[] f, boolean numbers) {
        long n = 0;
        for (int c = 0; c < f.length; c++) {
            String s = f[c];
            if (numbers && c >= 2 && c <= 7 && !s.equals("NA")) {
                n += (long) ((Double) ValueText.parse(s, ColumnType.DOUBLE) > 0 ? 1 : 0);
            } else {
                n += s.length();
            }
        }
        return n;
    }

    private static long opencsv(Path file, boolean numbers) throws Exception {
        long n = 0;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVReader csv = new CSVReaderBuilder(r).withCSVParser(new CSVParserBuilder().build()).build()) {
            String[] f;
            csv.readNext(); // header
            while ((f = csv.readNext()) != null) {
                n += consume(f, numbers);
            }
        }
        return n;
    }

    private static long fastcsv(Path file, boolean numbers) throws Exception {
        long n = 0;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CsvReader<CsvRecord> csv = CsvReader.builder().build(de.siegmar.fastcsv.reader.CsvRecordHandler.of(), r)) {
            boolean header = true;
            for (CsvRecord rec : csv) {
                if (header) {
                    header = false;
                    continue;
                }
                n += consume(rec.getFields().toArray(new String[0]), numbers);
            }
        }
        return n;
    }
}
