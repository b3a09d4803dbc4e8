package org.labexport.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.labexport.base.Version;
import org.labexport.base.CancelSignal;
import org.labexport.base.FileTrees;
import org.labexport.job.ExportJob;
import org.labexport.publish.BagInfo;
import org.labexport.publish.BagWriter;
import org.labexport.publish.FileDigests;
import org.labexport.publish.PublicationInfo;
import org.labexport.publish.RoCrate;
import org.labexport.settings.Settings;

/**
 * Turns a job's converted files into a BagIt bag with an RO-Crate (package "bagit"): the outputs, the manifest
 * and {@code ro-crate-metadata.json} as the payload under {@code data/}, as a folder {@code <job_key>/} or a ZIP
 * {@code <job_key>.zip} holding that folder. The outputs bring the digests taken when they were checked after
 * conversion, so nothing is read again to checksum it.
 */
final class BagPackaging {
    private BagPackaging() {
    }

    /** Who publishes, from the job, else the settings. */
    static PublicationInfo publicationInfo(ExportJob job, Settings settings, Instant now) {
        Settings s = settings == null ? new Settings() : settings;
        return new PublicationInfo(job.getLicense() != null ? job.getLicense() : s.getLicense(),
                job.getAuthor() != null ? job.getAuthor() : s.getAuthor(), s.getSourceOrganization(),
                s.getContactName(), s.getContactEmail(), Version.get(), now);
    }

    /**
     * Builds the bag in {@code jobDir} and returns it: {@code jobDir/<key>.zip} when zipped, else
     * {@code jobDir/bag/<key>/}. The output files are moved out of {@code outDir} (folder) or streamed from it (ZIP).
     */
    static Path build(ExportJob job, Manifest manifest, Map<String, FileDigests> outputDigests, Path outDir,
                      Path jobDir, boolean zip, PublicationInfo info, CancelSignal cancel) throws IOException {
        byte[] manifestBytes = ManifestWriter.JSON.writeValueAsBytes(manifest);
        JsonNode manifestJson = ManifestWriter.JSON.readTree(manifestBytes);
        FileDigests manifestDigests = FileDigests.of(manifestBytes);
        byte[] crate = RoCrate.render(manifestJson, info, List.of(new RoCrate.ExtraFile(Manifest.FILE_NAME,
                manifestDigests, "The export's manifest: files, outputs, processing steps and lineage.")));

        List<BagWriter.PayloadFile> payload = new ArrayList<>();
        for (Manifest.OutputEntry o : manifest.outputs()) {
            payload.add(BagWriter.PayloadFile.ofFile(o.name(), outDir.resolve(o.name()), outputDigests.get(o.name())));
        }
        payload.add(BagWriter.PayloadFile.ofBytes(Manifest.FILE_NAME, manifestBytes));
        payload.add(BagWriter.PayloadFile.ofBytes(RoCrate.FILE_NAME, crate));
        BagInfo bagInfo = new BagInfo(info.published().atZone(ZoneOffset.UTC).toLocalDate(),
                "LabExport " + info.softwareVersion(), job.getJobKey(), info.sourceOrganization(),
                info.contactName(), info.contactEmail(), job.getName());
        if (zip) {
            Path zipFile = jobDir.resolve(job.getJobKey() + ".zip");
            BagWriter.writeZip(zipFile, job.getJobKey(), payload, bagInfo, cancel);
            return zipFile;
        }
        Path bagDir = jobDir.resolve("bag").resolve(job.getJobKey());
        // A bag left by a run that died is stale: its outputs were converted again.
        FileTrees.deleteRecursively(bagDir);
        Files.createDirectories(bagDir.getParent());
        BagWriter.writeFolder(bagDir, payload, bagInfo, cancel);
        return bagDir;
    }
}
