package org.labexport.convert.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ReadAheadInputStreamTest {

    private static Thread thread(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst()
                .orElse(null);
    }

    @Test
    void passesEveryByteThroughInOrderWhateverTheReadSizes() throws Exception {
        byte[] data = new byte[ReadAheadInputStream.BLOCK_BYTES * 7 + 12_345];
        new Random(3).nextBytes(data);
        Random sizes = new Random(4);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = new ReadAheadInputStream(new ByteArrayInputStream(data), "read-ahead-order")) {
            byte[] buf = new byte[300_000];
            int n;
            while ((n = in.read(buf, 0, 1 + sizes.nextInt(buf.length))) >= 0) {
                out.write(buf, 0, n);
            }
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(out.toByteArray()).isEqualTo(data);
    }

    @Test
    void readErrorsReachTheReaderWithTheirMessage() throws Exception {
        InputStream failing = new FilterInputStream(new ByteArrayInputStream(new byte[ReadAheadInputStream.BLOCK_BYTES * 2])) {
            private int reads;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (++reads > 1) {
                    throw new IOException("Zip bomb detected! The file would exceed the max. ratio");
                }
                return super.read(b, off, len);
            }
        };
        try (InputStream in = new ReadAheadInputStream(failing, "read-ahead-error")) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class).hasMessageContaining("Zip bomb");
        }
    }

    @Test
    void closingEarlyStopsTheThreadAndClosesTheSource() throws Exception {
        AtomicBoolean sourceClosed = new AtomicBoolean();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'x');
                return len;
            }

            @Override
            public void close() {
                sourceClosed.set(true);
            }
        };
        InputStream in = new ReadAheadInputStream(endless, "read-ahead-close");
        assertThat(in.read(new byte[10])).isEqualTo(10);
        await().atMost(Duration.ofSeconds(5)).until(() -> thread("read-ahead-close") != null
                && thread("read-ahead-close").getState() == Thread.State.TIMED_WAITING); // the queue is full
        in.close();
        assertThat(sourceClosed).isTrue();
        assertThat(thread("read-ahead-close")).isNull();
        assertThatThrownBy(() -> in.read(new byte[10])).isInstanceOf(IOException.class)
                .hasMessage("the stream is closed");
        assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessage("the stream is closed");
        in.close(); // a second close does nothing
    }
}
