package org.labexport.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class WorkerResultsTest {

    private static CompletableFuture<String> failed(Throwable t) {
        CompletableFuture<String> f = new CompletableFuture<>();
        f.completeExceptionally(t);
        return f;
    }

    @Test
    void aWorkersFailureIsRethrownAsItsOwnOrWrappedWithWhatTheWorkWas() throws IOException {
        assertThat(WorkerResults.await(CompletableFuture.completedFuture("ok"), "x")).isEqualTo("ok");
        IOException io = new ConversionException("a.csv is not a table");
        assertThatThrownBy(() -> WorkerResults.await(failed(io), "x")).isSameAs(io);
        IllegalStateException ise = new IllegalStateException("bug");
        assertThatThrownBy(() -> WorkerResults.await(failed(ise), "x")).isSameAs(ise);
        Exception other = new Exception("odd");
        assertThatThrownBy(() -> WorkerResults.await(failed(other), "encoding a row group of a.parquet"))
                .isInstanceOf(IOException.class).hasMessage("encoding a row group of a.parquet failed")
                .hasCause(other);
    }

    @Test
    void anInterruptedWaitKeepsTheInterruptAndSaysWhatWasAwaited() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> WorkerResults.await(new CompletableFuture<>(), "checking column types"))
                    .isInstanceOf(InterruptedIOException.class).hasMessage("Interrupted while checking column types");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
