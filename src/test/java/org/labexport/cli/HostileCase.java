package org.labexport.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.labexport.job.ExportStatus;

/**
 * One case of the hostile corpus: how to make its inputs and command line in a fresh folder, what must come out, and
 * whether it runs in a real separate JVM.
 *
 * @param name        what the case is, as the test report shows it
 * @param setup       makes the input files and returns the {@code labexport} arguments
 * @param expected    exit code, job status and message the case must produce
 * @param subprocess  true to run {@code labexport} as its own process rather than in this JVM
 */
record HostileCase(String name, Setup setup, Expected expected, boolean subprocess) {

    /** Makes a case's inputs in its folder and returns its command line. */
    @FunctionalInterface
    interface Setup {
        Invocation make(CaseFolder folder) throws Exception;
    }

    /**
     * The command line of a case, the environment of its process (subprocess cases only), and where its export should
     * land or not land.
     *
     * @param args        the arguments after {@code labexport}
     * @param env         extra environment of the process
     * @param localOutput the folder to check for leftovers and outputs, or null when the destination is not a local
     *                    folder of the case (S3, /proc, a file)
     */
    record Invocation(List<String> args, Map<String, String> env, Path localOutput) {
    }

    /**
     * What a case must produce.
     *
     * @param exitCode      0 every file exported, 1 the job or some files failed, 2 refused before any job
     * @param status        the job's final status, or null when no job may exist
     * @param messageParts  texts stderr must contain (the file, option or destination at fault, and what is wrong)
     * @param exportedStems for a job that exported files, the source file names (without extension) whose outputs
     *                      must be in the export; every other output is a failure
     * @param outputTexts   texts the exported files must hold together (values that must survive unchanged)
     */
    record Expected(int exitCode, ExportStatus status, List<String> messageParts, List<String> exportedStems,
                    List<String> outputTexts) {

        /** Refused before any job exists: exit 2 and an error naming the thing at fault. */
        static Expected refused(String... messageParts) {
            return new Expected(CliErrors.USAGE, null, List.of(messageParts), List.of(), List.of());
        }

        /** The job ran and failed, nothing exported: exit 1. */
        static Expected failed(String... messageParts) {
            return new Expected(CliErrors.FAILED, ExportStatus.FAILED, List.of(messageParts), List.of(), List.of());
        }

        /** Every file exported: exit 0. */
        static Expected exported(String... stems) {
            return new Expected(CliErrors.OK, ExportStatus.COMPLETED, List.of(), List.of(stems), List.of());
        }

        /** Some files exported, the others named as failed: exit 1, the job completed. */
        static Expected partly(List<String> exportedStems, String... messageParts) {
            return new Expected(CliErrors.FAILED, ExportStatus.COMPLETED, List.of(messageParts),
                    List.copyOf(exportedStems), List.of());
        }

        /** The same, and the exported files must hold these texts. */
        Expected holding(String... texts) {
            return new Expected(exitCode, status, messageParts, exportedStems, List.of(texts));
        }

        boolean jobCreated() {
            return status != null;
        }
    }

    /** Builds the list of cases with short calls. */
    static final class ListBuilder {
        private final List<HostileCase> cases = new ArrayList<>();

        void inProcess(String name, Expected expected, Setup setup) {
            cases.add(new HostileCase(name, setup, expected, false));
        }

        void subprocess(String name, Expected expected, Setup setup) {
            cases.add(new HostileCase(name, setup, expected, true));
        }

        List<HostileCase> build() {
            return List.copyOf(cases);
        }
    }

    @Override
    public String toString() {
        return (subprocess ? "[process] " : "") + name;
    }
}
