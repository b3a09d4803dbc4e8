package org.labexport.base;

import java.io.IOException;
import org.labexport.base.CancelSignal;

/** Thrown out of a conversion when its {@link CancelSignal} says stop; the partial output is the caller's to delete. */
public class ConversionCancelledException extends IOException {
    private static final long serialVersionUID = 1L;

    public ConversionCancelledException() {
        super("Cancelled");
    }
}
