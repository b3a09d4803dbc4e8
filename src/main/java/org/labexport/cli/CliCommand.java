package org.labexport.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every leaf command: gives it the run's {@link CliContext} and returns its exit code. Exceptions thrown
 * by {@link #execute} become a one-line message and an exit code in {@link CliErrors}; commands do not catch them.
 */
public abstract class CliCommand implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        return execute(context());
    }

    /** Does the work; returns {@link CliErrors#OK} or another exit code. */
    protected abstract int execute(CliContext ctx) throws Exception;

    protected CliContext context() {
        return ((LabExportCli) spec.root().userObject()).context();
    }
}
