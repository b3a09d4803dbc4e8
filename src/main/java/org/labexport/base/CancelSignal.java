package org.labexport.base;

/** Polled by long-running work (every few thousand rows at most) so that a cancel stops it within a second. */
@FunctionalInterface
public interface CancelSignal {
    CancelSignal NEVER = () -> false;

    boolean isCancelled();

    /** Throws {@link ConversionCancelledException} if cancelled. */
    default void check() throws ConversionCancelledException {
        if (isCancelled()) {
            throw new ConversionCancelledException();
        }
    }
}
