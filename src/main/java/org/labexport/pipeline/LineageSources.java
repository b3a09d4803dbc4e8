package org.labexport.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.labexport.catalog.CatalogService;
import org.labexport.catalog.DataFile;
import org.labexport.catalog.Dataset;

/**
 * Where exported files came from, as the catalog knows it: every dataset that holds one of them (picked as a dataset
 * or file by file), and the upstream pipeline runs that produced them.
 */
final class LineageSources {
    private LineageSources() {
    }

    /** The datasets the job selected, then every other dataset holding an exported file, without duplicates. */
    static List<Dataset> datasetsOf(CatalogService catalog, List<Long> selectedDatasetIds, List<DataFile> exported) {
        Set<Long> fileIds = new LinkedHashSet<>();
        exported.forEach(f -> fileIds.add(f.getId()));
        Map<Long, Dataset> out = new LinkedHashMap<>();
        List<Dataset> all = catalog.listDatasets();
        for (Long id : selectedDatasetIds) {
            all.stream().filter(d -> d.getId().equals(id)).findFirst().ifPresent(d -> out.put(d.getId(), d));
        }
        for (Dataset d : all) {
            if (!out.containsKey(d.getId()) && d.getFileIds().stream().anyMatch(fileIds::contains)) {
                out.put(d.getId(), d);
            }
        }
        return new ArrayList<>(out.values());
    }

    /** One upstream run per distinct pipeline_run of the exported files, with the ids of its files. */
    static List<Manifest.PipelineRun> upstreamRuns(List<DataFile> exported) {
        Map<String, List<Long>> byRun = new LinkedHashMap<>();
        for (DataFile f : exported) {
            if (f.getPipelineRun() != null) {
                byRun.computeIfAbsent(f.getPipelineRun(), k -> new ArrayList<>()).add(f.getId());
            }
        }
        List<Manifest.PipelineRun> runs = new ArrayList<>();
        byRun.forEach((run, ids) -> runs.add(new Manifest.PipelineRun(run, Manifest.PipelineRun.UPSTREAM, null, null,
                null, null, null, null, List.copyOf(ids))));
        return runs;
    }
}
