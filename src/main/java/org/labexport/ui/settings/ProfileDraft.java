package org.labexport.ui.settings;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.labexport.settings.S3Profile;

/**
 * An S3/MinIO profile being edited. The saved secret stays in a plain field that no control is bound to; the
 * password field edits {@link #newSecretProperty()}, which is empty unless the user types a new secret, so a saved
 * secret is never put back on screen.
 */
public final class ProfileDraft {
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty endpoint = new SimpleStringProperty(this, "endpoint", "");
    private final StringProperty accessKey = new SimpleStringProperty(this, "accessKey", "");
    private final StringProperty newSecret = new SimpleStringProperty(this, "newSecret", "");
    private final StringProperty region = new SimpleStringProperty(this, "region", "");
    private final StringProperty bucket = new SimpleStringProperty(this, "bucket", "");
    private final StringProperty prefix = new SimpleStringProperty(this, "prefix", "");
    private String savedSecret;

    public static ProfileDraft of(S3Profile p) {
        ProfileDraft d = new ProfileDraft();
        d.name.set(nz(p.name()));
        d.endpoint.set(nz(p.endpoint()));
        d.accessKey.set(nz(p.accessKey()));
        d.region.set(nz(p.region()));
        d.bucket.set(nz(p.bucket()));
        d.prefix.set(nz(p.prefix()));
        d.savedSecret = p.secretKey();
        return d;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** The profile to save: a newly typed secret replaces the saved one, an empty field keeps it. */
    public S3Profile toProfile() {
        String typed = newSecret.get();
        String secret = typed != null && !typed.isEmpty() ? typed : savedSecret;
        return new S3Profile(name.get().trim(), endpoint.get().trim(), accessKey.get().trim(), secret,
                blankToNull(region.get()), bucket.get().trim(), blankToNull(prefix.get()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** Whether a secret is stored (shown as a hint, never as text). */
    public boolean hasSavedSecret() {
        return savedSecret != null && !savedSecret.isEmpty();
    }

    /** Moves a typed secret into the saved slot and clears the field, after a successful save. */
    void commitSecret() {
        String typed = newSecret.get();
        if (typed != null && !typed.isEmpty()) {
            savedSecret = typed;
            newSecret.set("");
        }
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty endpointProperty() {
        return endpoint;
    }

    public StringProperty accessKeyProperty() {
        return accessKey;
    }

    public StringProperty newSecretProperty() {
        return newSecret;
    }

    public StringProperty regionProperty() {
        return region;
    }

    public StringProperty bucketProperty() {
        return bucket;
    }

    public StringProperty prefixProperty() {
        return prefix;
    }

    @Override
    public String toString() {
        return name.get().isBlank() ? "(unnamed profile)" : name.get();
    }
}
