package org.labexport.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.labexport.base.AppHome;

/**
 * The user's settings, a mutable bean stored as JSON in {@code LABEXPORT_HOME/settings.json} by
 * {@link SettingsStore}. Unknown fields in the file are ignored so that older versions can read newer files.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class Settings {
    public static final int DEFAULT_MAX_CONCURRENT_JOBS = 2;

    private String defaultDestination;
    private int maxConcurrentJobs = DEFAULT_MAX_CONCURRENT_JOBS;
    private String theme = "light";
    private Double windowX;
    private Double windowY;
    private Double windowWidth;
    private Double windowHeight;
    private List<S3Profile> s3Profiles = new ArrayList<>();
    private String defaultS3Profile;
    private String license;
    private String author;
    private String sourceOrganization;
    private String contactName;
    private String contactEmail;
    private LabServer labServer;

    /** Null means {@code LABEXPORT_HOME/exports}; otherwise a folder path or {@code s3://bucket/prefix}. */
    public String getDefaultDestination() {
        return defaultDestination;
    }

    public void setDefaultDestination(String defaultDestination) {
        this.defaultDestination = defaultDestination;
    }

    /** The destination to use when a job names none: the setting, or the home's exports folder. */
    public String effectiveDefaultDestination(AppHome home) {
        return defaultDestination != null && !defaultDestination.isBlank()
                ? defaultDestination : home.defaultExports().toString();
    }

    public int getMaxConcurrentJobs() {
        return maxConcurrentJobs;
    }

    public void setMaxConcurrentJobs(int maxConcurrentJobs) {
        this.maxConcurrentJobs = Math.max(1, maxConcurrentJobs);
    }

    /** "light" or "dark". */
    public String getTheme() {
        return theme;
    }

    public void setTheme(String theme) {
        this.theme = "dark".equalsIgnoreCase(theme) ? "dark" : "light";
    }

    public Double getWindowX() {
        return windowX;
    }

    public void setWindowX(Double windowX) {
        this.windowX = windowX;
    }

    public Double getWindowY() {
        return windowY;
    }

    public void setWindowY(Double windowY) {
        this.windowY = windowY;
    }

    public Double getWindowWidth() {
        return windowWidth;
    }

    public void setWindowWidth(Double windowWidth) {
        this.windowWidth = windowWidth;
    }

    public Double getWindowHeight() {
        return windowHeight;
    }

    public void setWindowHeight(Double windowHeight) {
        this.windowHeight = windowHeight;
    }

    public List<S3Profile> getS3Profiles() {
        return s3Profiles;
    }

    public void setS3Profiles(List<S3Profile> s3Profiles) {
        this.s3Profiles = s3Profiles == null ? new ArrayList<>() : new ArrayList<>(s3Profiles);
    }

    /** Name of the profile used for {@code s3://} destinations when none is named; null if none. */
    public String getDefaultS3Profile() {
        return defaultS3Profile;
    }

    public void setDefaultS3Profile(String defaultS3Profile) {
        this.defaultS3Profile = defaultS3Profile;
    }

    /** Licence of published packages (an SPDX id such as CC-BY-4.0, or a URL); null when not set. */
    public String getLicense() {
        return license;
    }

    public void setLicense(String license) {
        this.license = license;
    }

    /** Author of published packages (a name, or an ORCID URL); null when not set. */
    public String getAuthor() {
        return author;
    }

    public void setAuthor(String author) {
        this.author = author;
    }

    /** The lab or institute, written to a bag's {@code Source-Organization}; null when not set. */
    public String getSourceOrganization() {
        return sourceOrganization;
    }

    public void setSourceOrganization(String sourceOrganization) {
        this.sourceOrganization = sourceOrganization;
    }

    /** Written to a bag's {@code Contact-Name}; null when not set. */
    public String getContactName() {
        return contactName;
    }

    public void setContactName(String contactName) {
        this.contactName = contactName;
    }

    /** Written to a bag's {@code Contact-Email}; null when not set. */
    public String getContactEmail() {
        return contactEmail;
    }

    public void setContactEmail(String contactEmail) {
        this.contactEmail = contactEmail;
    }

    /** The lab server of shared lab mode; null on a workstation of its own. */
    public LabServer getLabServer() {
        return labServer;
    }

    public void setLabServer(LabServer labServer) {
        this.labServer = labServer;
    }

    /** The profile with this name. */
    public Optional<S3Profile> s3Profile(String name) {
        return s3Profiles.stream().filter(p -> p.name() != null && p.name().equals(name)).findFirst();
    }

    /** The default profile, or the only one if there is exactly one. */
    public Optional<S3Profile> defaultS3ProfileOrOnly() {
        if (defaultS3Profile != null) {
            return s3Profile(defaultS3Profile);
        }
        return s3Profiles.size() == 1 ? Optional.of(s3Profiles.get(0)) : Optional.empty();
    }

    /** The default folder as a path, when the default destination is local. */
    public Optional<Path> defaultFolder(AppHome home) {
        String d = effectiveDefaultDestination(home);
        return d.startsWith("s3://") ? Optional.empty() : Optional.of(Path.of(d));
    }

    @Override
    public String toString() {
        return "Settings[defaultDestination=" + defaultDestination + ", maxConcurrentJobs=" + maxConcurrentJobs
                + ", theme=" + theme + ", window=" + windowX + "," + windowY + " " + windowWidth + "x" + windowHeight
                + ", s3Profiles=" + s3Profiles + ", defaultS3Profile=" + defaultS3Profile + ", license=" + license
                + ", author=" + author + ", sourceOrganization=" + sourceOrganization + ", labServer=" + labServer + "]";
    }
}
