package org.labexport.lab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.labexport.app.ExportRequest;
import org.labexport.app.LabExportApp;
import org.labexport.base.AppHome;
import org.labexport.convert.ExportFormat;
import org.labexport.job.NewExportJob;

/**
 * A workstation that queues jobs, as {@code labexport export --queue} does, many in one JVM: {@code QueueJobsMain
 * COUNT NAME_PREFIX FILE...}. Prints each job key.
 */
public final class QueueJobsMain {
    private QueueJobsMain() {
    }

    public static void main(String[] args) {
        int count = Integer.parseInt(args[0]);
        String prefix = args[1];
        List<Path> files = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            files.add(Path.of(args[i]));
        }
        try (LabExportApp app = LabExportApp.open(AppHome.fromEnvironment())) {
            for (int i = 0; i < count; i++) {
                NewExportJob job = NewExportJob.builder().name(prefix + "-" + i).format(ExportFormat.JSON).build();
                System.out.println("queued " + app.queueExport(ExportRequest.of(files, job)).getJobKey());
            }
        }
    }
}
