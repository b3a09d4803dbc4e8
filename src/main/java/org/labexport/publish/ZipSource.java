package org.labexport.publish;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * An export in a ZIP. When every entry sits in one top-level folder (how a bag is zipped), that folder is the
 * export's top. A damaged or truncated archive is refused when opened, with a message saying so.
 */
public final class ZipSource implements PackageSource {
    private final Path zipPath;
    private final String label;
    private final ZipFile zip;
    private final String prefix;

    /**
     * @throws PackageUnreadableException when the file is not a readable ZIP (truncated, damaged, not a ZIP)
     */
    public ZipSource(Path zipPath, String label) throws IOException {
        this.zipPath = zipPath;
        this.label = label;
        try {
            this.zip = new ZipFile(zipPath.toFile());
        } catch (ZipException e) {
            throw new PackageUnreadableException(label + " is not a readable ZIP archive (it is truncated or"
                    + " damaged).");
        }
        this.prefix = commonFolder();
    }

    private String commonFolder() {
        String first = null;
        for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
            String name = en.nextElement().getName();
            int slash = name.indexOf('/');
            if (slash < 0) {
                return "";
            }
            String top = name.substring(0, slash + 1);
            if (first == null) {
                first = top;
            } else if (!first.equals(top)) {
                return "";
            }
        }
        return first == null ? "" : first;
    }

    @Override
    public List<Entry> files() throws IOException {
        List<Entry> out = new ArrayList<>();
        for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
            ZipEntry e = en.nextElement();
            if (!e.isDirectory()) {
                out.add(new Entry(e.getName().substring(prefix.length()), e.getSize()));
            }
        }
        out.sort(java.util.Comparator.comparing(Entry::path));
        return out;
    }

    @Override
    public InputStream open(String path) throws IOException {
        ZipEntry e = zip.getEntry(prefix + path);
        if (e == null) {
            throw new java.nio.file.NoSuchFileException(path);
        }
        return zip.getInputStream(e);
    }

    @Override
    public String describe() {
        return label != null ? label : zipPath.toString();
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
