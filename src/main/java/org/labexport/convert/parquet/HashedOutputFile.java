package org.labexport.convert.parquet;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.labexport.convert.OutputFiles;

/**
 * A Parquet output file written through {@link OutputFiles}, so its SHA-256 is taken as it is written (parquet-java
 * writes a file front to back and never seeks back). Otherwise as parquet-java's {@code LocalOutputFile}.
 */
final class HashedOutputFile implements OutputFile {
    private static final int BUFFER = 1 << 16;

    private final Path target;

    HashedOutputFile(Path target) {
        this.target = target;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
        if (Files.exists(target)) {
            throw new java.nio.file.FileAlreadyExistsException(target.toString());
        }
        return createOrOverwrite(blockSizeHint);
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        OutputStream out = new BufferedOutputStream(OutputFiles.create(target), BUFFER);
        return new PositionOutputStream() {
            private long pos;

            @Override
            public long getPos() {
                return pos;
            }

            @Override
            public void write(int b) throws IOException {
                out.write(b);
                pos++;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                pos += len;
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return -1;
    }

    @Override
    public String getPath() {
        return target.toString();
    }
}
