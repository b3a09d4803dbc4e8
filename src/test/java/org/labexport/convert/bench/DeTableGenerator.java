package org.labexport.convert.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.labexport.convert.Column;
import org.labexport.convert.ColumnType;
import org.labexport.convert.TableSchema;
import org.labexport.convert.ValueText;

/**
 * Writes a deterministic differential-expression table as CSV, shaped like a DESeq2 results file saved by pandas:
 * gene_id, gene_name, baseMean, log2FoldChange, lfcSE, stat, pvalue, padj (NA for about 10% of genes, as DESeq2's
 * independent filtering leaves it), significant. Doubles are written in their shortest round-trip text, as pandas does.
 */
public final class DeTableGenerator {
    /** The table's columns with the types LabExport infers for them. */
    public static final TableSchema SCHEMA = new TableSchema(List.of(
            new Column("gene_id", ColumnType.STRING), new Column("gene_name", ColumnType.STRING),
            new Column("baseMean", ColumnType.DOUBLE), new Column("log2FoldChange", ColumnType.DOUBLE),
            new Column("lfcSE", ColumnType.DOUBLE), new Column("stat", ColumnType.DOUBLE),
            new Column("pvalue", ColumnType.DOUBLE), new Column("padj", ColumnType.DOUBLE),
            new Column("significant", ColumnType.BOOLEAN)));
    private static final String[] SPECIAL_NAMES = {"MARCH1", "SEPT2", "DEC1", "OCT4", "TP53", "BRCA1", "GAPDH"};

    private DeTableGenerator() {
    }

    /** One gene's statistics, drawn in a fixed order from {@code random} so that every user gets the same table. */
    public record Stats(double baseMean, double lfc, double lfcSe, double stat, double pvalue, boolean filtered,
                        double padj) {
        public static Stats next(SplittableRandom random) {
            double baseMean = Math.exp(random.nextDouble() * 12.0);
            double lfc = random.nextGaussian() * 1.5;
            double lfcSe = 0.05 + random.nextDouble() * 0.6;
            double stat = lfc / lfcSe;
            double pvalue = Math.min(1.0, Math.exp(-Math.abs(stat) * (1.0 + random.nextDouble())));
            boolean filtered = random.nextInt(10) == 0;
            double padj = Math.min(1.0, pvalue * (1.0 + random.nextDouble() * 20.0));
            return new Stats(baseMean, lfc, lfcSe, stat, pvalue, filtered, padj);
        }

        public boolean significant() {
            return !filtered && padj < 0.05;
        }
    }

    public static void write(Path csv, long rows) throws IOException {
        SplittableRandom random = new SplittableRandom(20241125L);
        StringBuilder line = new StringBuilder(256);
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("gene_id,gene_name,baseMean,log2FoldChange,lfcSE,stat,pvalue,padj,significant\n");
            for (long i = 0; i < rows; i++) {
                Stats st = Stats.next(random);
                line.setLength(0);
                line.append("ENSG").append(String.format("%011d", i)).append(',');
                if (i % 1000 < SPECIAL_NAMES.length) {
                    line.append(SPECIAL_NAMES[(int) (i % 1000)]);
                } else {
                    line.append("GENE").append(i % 50_000);
                }
                line.append(',').append(ValueText.formatDouble(st.baseMean()))
                        .append(',').append(ValueText.formatDouble(st.lfc()))
                        .append(',').append(ValueText.formatDouble(st.lfcSe()))
                        .append(',').append(ValueText.formatDouble(st.stat()))
                        .append(',').append(ValueText.formatDouble(st.pvalue()))
                        .append(',').append(st.filtered() ? "NA" : ValueText.formatDouble(st.padj()))
                        .append(',').append(st.significant() ? "TRUE" : "FALSE")
                        .append('\n');
                w.append(line);
            }
        }
    }
}
