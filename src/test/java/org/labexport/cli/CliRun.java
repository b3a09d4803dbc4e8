package org.labexport.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.labexport.base.AppHome;

/** One in-process CLI run with its captured stdout, stderr and exit code. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(AppHome home, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LabExportCli.run(home, new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
