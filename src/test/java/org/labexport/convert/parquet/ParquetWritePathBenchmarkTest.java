package org.labexport.convert.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.convert.Column;
import org.labexport.convert.ExportFormat;
import org.labexport.convert.ExportOptions;
import org.labexport.convert.TableReader;
import org.labexport.convert.TableSchema;
import org.labexport.convert.TableWriter;
import org.slf4j.LoggerFactory;

/**
 * Measures the Parquet write path: Avro generic records versus our own writer, on a 1,000,000-row
 * differential-expression table (figures in docs/decisions/0020-parquet-write-path.md; the writer has since changed,
 * see docs/decisions/0025-parquet-encoding-speed.md). Run on demand with {@code -Dlabexport.bench=true}.
 */
@EnabledIfSystemProperty(named = "labexport.bench", matches = "true")
class ParquetWritePathBenchmarkTest {
    private static final int ROWS = 1_000_000;
    private static final TableSchema SCHEMA = org.labexport.convert.bench.DeTableGenerator.SCHEMA;

    @TempDir
    Path dir;

    @Test
    void avroGenericRecordsVersusOwnWriteSupport() throws IOException {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.INFO);
        for (int round = 0; round < 5; round++) {
            long gen = time(this::generateOnly);
            long own = time(() -> writeOwn(dir.resolve("own.parquet")));
            long avro = time(() -> writeAvro(dir.resolve("avro.parquet")));
            System.out.printf(Locale.ROOT, "round %d: generate %d ms, own write support %d ms (%d bytes),"
                            + " avro %d ms (%d bytes), avro/own %.2f%n", round, gen, own,
                    Files.size(dir.resolve("own.parquet")), avro, Files.size(dir.resolve("avro.parquet")),
                    (double) avro / own);
        }
        try (TableReader r = ParquetTableReader.open(dir.resolve("own.parquet"), null)) {
            Object[] row = new Object[SCHEMA.size()];
            long n = 0;
            while (r.next(row)) {
                n++;
            }
            assertThat(n).isEqualTo(ROWS);
        }
    }

    private interface Work {
        void run() throws IOException;
    }

    private static long time(Work w) throws IOException {
        long t0 = System.nanoTime();
        w.run();
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static void fill(Object[] row, long i) {
        row[0] = String.format(Locale.ROOT, "ENSG%011d", i);
        row[1] = "GENE" + (i % 25_000);
        double x = (i * 2654435761L % 1_000_003) / 1_000_003.0;
        row[2] = x * 5000;
        row[3] = (x - 0.5) * 8;
        row[4] = 0.1 + x / 3;
        row[5] = (x - 0.5) * 30;
        row[6] = x * x / 7;
        row[7] = i % 11 == 0 ? null : x / 3;
        row[8] = x < 0.05;
    }

    private void generateOnly() {
        Object[] row = new Object[SCHEMA.size()];
        long sink = 0;
        for (long i = 0; i < ROWS; i++) {
            fill(row, i);
            sink += row[0].hashCode();
        }
        assertThat(sink).isNotZero();
    }

    private void writeOwn(Path file) throws IOException {
        Object[] row = new Object[SCHEMA.size()];
        try (TableWriter w = ParquetTableWriter.open(file, SCHEMA, ExportOptions.defaults(ExportFormat.PARQUET))) {
            for (long i = 0; i < ROWS; i++) {
                fill(row, i);
                w.write(row);
            }
            w.finish();
        }
    }

    private void writeAvro(Path file) throws IOException {
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record("labexport").fields();
        for (Column c : SCHEMA.columns()) {
            fields = switch (c.type()) {
                case STRING -> fields.optionalString(c.name());
                case DOUBLE -> fields.optionalDouble(c.name());
                case BOOLEAN -> fields.optionalBoolean(c.name());
                default -> throw new IllegalStateException();
            };
        }
        Schema schema = fields.endRecord();
        Object[] row = new Object[SCHEMA.size()];
        try (ParquetWriter<GenericRecord> w = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withConf(new PlainParquetConfiguration()).withSchema(schema)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withRowGroupRowCountLimit(100_000).build()) {
            for (long i = 0; i < ROWS; i++) {
                fill(row, i);
                GenericData.Record rec = new GenericData.Record(schema);
                for (int c = 0; c < row.length; c++) {
                    rec.put(c, row[c]);
                }
                w.write(rec);
            }
        }
    }
}
