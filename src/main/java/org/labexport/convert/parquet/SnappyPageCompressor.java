package org.labexport.convert.parquet;

import java.io.IOException;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Compresses Parquet pages with snappy-java directly, as one raw Snappy block each, the bytes parquet-java's own
 * Snappy codec writes. Its codec goes through Hadoop's stream classes, whose first use builds a Hadoop
 * {@code Configuration} (about half a CPU-second in a cold JVM, parsing Hadoop's XML defaults), on the encoding
 * thread in the middle of the first row group (docs/decisions/0137). Not thread-safe: the output buffer is reused,
 * and the page store copies each page before the next is compressed.
 */
final class SnappyPageCompressor implements BytesInputCompressor {
    private byte[] out = new byte[0];

    @Override
    public BytesInput compress(BytesInput bytes) throws IOException {
        byte[] in = bytes.toByteArray();
        if (in.length == 0) {
            return BytesInput.empty(); // as parquet-java's stream writes nothing for nothing
        }
        int room = Snappy.maxCompressedLength(in.length);
        if (out.length < room) {
            out = new byte[room];
        }
        int n = Snappy.rawCompress(in, 0, in.length, out, 0);
        return BytesInput.from(out, 0, n);
    }

    @Override
    public CompressionCodecName getCodecName() {
        return CompressionCodecName.SNAPPY;
    }

    @Override
    public void release() {
        out = new byte[0];
    }
}
