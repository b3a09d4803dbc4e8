package org.labexport.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A named group of catalog files; selecting a dataset for an export means all of its files, in order. A row of
 * {@code dataset} with its members from {@code dataset_file} ({@link CatalogRows}).
 */
public final class Dataset {
    private Long id;
    private String name;
    private String description;
    private Instant createdAt;
    private List<Long> fileIds = new ArrayList<>();

    Dataset(String name, String description, Instant createdAt) {
        this.name = name;
        this.description = description;
        this.createdAt = createdAt;
    }

    /** For {@link CatalogRows}, which gives it the id the database assigned. */
    void setId(long id) {
        this.id = id;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    /** The member files' ids, in the order they were added; an unmodifiable copy. */
    public List<Long> getFileIds() {
        return List.copyOf(fileIds);
    }

    /** Appends a file unless it is already a member; true if it was added. */
    boolean addFile(long fileId) {
        if (fileIds.contains(fileId)) {
            return false;
        }
        fileIds.add(fileId);
        return true;
    }

    @Override
    public String toString() {
        return "Dataset[" + id + ", " + name + ", " + fileIds.size() + " files]";
    }
}
