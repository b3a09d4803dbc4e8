package org.labexport.convert.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputDecompressor;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;

/** Our Snappy pages are byte for byte parquet-java's, and its own decompressor reads them back. */
class SnappyPageCompressorTest {

    @Test
    void pagesAreParquetJavasBytesAndReadBack() throws Exception {
        CodecFactory factory = new CodecFactory(new PlainParquetConfiguration(), ParquetProperties.DEFAULT_PAGE_SIZE);
        try {
            BytesInputCompressor theirs = factory.getCompressor(CompressionCodecName.SNAPPY);
            BytesInputDecompressor decompressor = factory.getDecompressor(CompressionCodecName.SNAPPY);
            SnappyPageCompressor ours = new SnappyPageCompressor();
            assertThat(ours.getCodecName()).isEqualTo(CompressionCodecName.SNAPPY);
            SplittableRandom random = new SplittableRandom(3);
            // Empty, tiny, repetitive text, random doubles' bytes, and a page larger than every earlier one.
            byte[][] pages = {new byte[0], "a".getBytes(StandardCharsets.US_ASCII),
                "ENSG00000000001,ENSG00000000002,".repeat(4_000).getBytes(StandardCharsets.US_ASCII),
                randomBytes(random, 1 << 20), randomBytes(random, 3 << 20), "x".repeat(10).getBytes(StandardCharsets.US_ASCII)};
            for (byte[] page : pages) {
                byte[] ourBytes = ours.compress(BytesInput.from(page)).toByteArray();
                byte[] theirBytes = theirs.compress(BytesInput.from(page)).toByteArray();
                assertThat(ourBytes).as("page of %d bytes", page.length).isEqualTo(theirBytes);
                byte[] back = decompressor.decompress(BytesInput.from(ourBytes), page.length).toByteArray();
                assertThat(back).isEqualTo(page);
            }
            ours.release();
        } finally {
            factory.release();
        }
    }

    private static byte[] randomBytes(SplittableRandom random, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i += 8) {
            long v = Double.doubleToLongBits(random.nextDouble() * 1000);
            for (int k = 0; k < 8 && i + k < n; k++) {
                b[i + k] = (byte) (v >>> (8 * k));
            }
        }
        return b;
    }
}
