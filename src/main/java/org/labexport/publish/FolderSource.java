package org.labexport.publish;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** An export in a local folder. */
public final class FolderSource implements PackageSource {
    private final Path root;

    public FolderSource(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public List<Entry> files() throws IOException {
        List<Entry> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isRegularFile(p)) {
                    out.add(new Entry(root.relativize(p).toString().replace(java.io.File.separatorChar, '/'),
                            Files.size(p)));
                }
            }
        }
        out.sort(java.util.Comparator.comparing(Entry::path));
        return out;
    }

    @Override
    public InputStream open(String path) throws IOException {
        return Files.newInputStream(root.resolve(path));
    }

    @Override
    public String describe() {
        return root.toString();
    }
}
