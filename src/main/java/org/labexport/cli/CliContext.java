package org.labexport.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import org.labexport.app.LabExportApp;
import org.labexport.base.AppHome;
import org.slf4j.LoggerFactory;

/**
 * What every command of one CLI run shares: the home, the output writers and the application layer, opened on first use
 * (so {@code --help} and {@code --version} never touch the database) and closed when the run ends.
 */
public final class CliContext implements AutoCloseable {
    private final AppHome home;
    private final PrintWriter out;
    private final PrintWriter err;
    private LabExportApp app;

    public CliContext(AppHome home, PrintWriter out, PrintWriter err) {
        this.home = home;
        this.out = out;
        this.err = err;
    }

    public AppHome home() {
        return home;
    }

    /** Standard output: results only. */
    public PrintWriter out() {
        return out;
    }

    /** Standard error: messages for the user. */
    public PrintWriter err() {
        return err;
    }

    /** The application of the home, opened (and the database migrated) on first call. */
    public synchronized LabExportApp app() {
        if (app == null) {
            app = LabExportApp.open(home);
        }
        return app;
    }

    /** Prints a value (maps, lists, strings, numbers) as indented JSON on stdout. */
    public void printJson(Object value) {
        try {
            out.println(Json.MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON output", e);
        }
    }

    /** Made on first use: building a Jackson ObjectMapper costs a cold JVM a few hundred ms, {@code --json} only. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** Closes the services if they were opened; a failure here is logged, never shown as a stack trace. */
    @Override
    public synchronized void close() {
        if (app != null) {
            try {
                app.close();
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(CliContext.class).warn("Closing the database failed", e);
            } finally {
                app = null;
            }
        }
    }
}
