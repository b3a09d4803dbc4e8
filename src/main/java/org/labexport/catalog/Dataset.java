package org.labexport.catalog;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A named group of catalog files; selecting a dataset for an export means all of its files, in order. */
@Entity
@Table(name = "dataset")
public class Dataset {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "name", nullable = false, unique = true, length = 200)
    private String name;

    @Column(name = "description", length = 10000)
    private String description;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "dataset_file", joinColumns = @JoinColumn(name = "dataset_id"))
    @OrderColumn(name = "position")
    @Column(name = "file_id", nullable = false)
    private List<Long> fileIds = new ArrayList<>();

    protected Dataset() {
    }

    Dataset(String name, String description, Instant createdAt) {
        this.name = name;
        this.description = description;
        this.createdAt = createdAt;
    }

    /** For {@link CatalogRows}, which reads rows without Hibernate. */
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

    /** The member files' ids, in the order they were added; a plain copy, safe to use after the session. */
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
