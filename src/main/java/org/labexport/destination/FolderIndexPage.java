package org.labexport.destination;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The {@code index.html} put at the top of a folder export in a bucket: one page listing a pre-signed link to
 * every file of the export, so one URL (the page's own pre-signed URL) reaches all of it.
 */
public final class FolderIndexPage {
    public static final String FILE_NAME = "index.html";

    private FolderIndexPage() {
    }

    /** Signs a key until a time. */
    @FunctionalInterface
    public interface Signer {
        String sign(String key, Instant expiresAt);
    }

    /** The page: a title and a list of links, one per file, in the order given. */
    static byte[] render(String jobKey, List<String> relativeNames, Signer signer, String folderKey,
                         Instant expiresAt) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>")
                .append(escape(jobKey)).append("</title></head>\n<body>\n<h1>").append(escape(jobKey))
                .append("</h1>\n<p>").append(relativeNames.size()).append(relativeNames.size() == 1 ? " file" : " files")
                .append("; the links work until ").append(escape(String.valueOf(expiresAt))).append(".</p>\n<ul>\n");
        for (String name : relativeNames) {
            sb.append("<li><a href=\"").append(escape(signer.sign(folderKey + name, expiresAt))).append("\">")
                    .append(escape(name)).append("</a></li>\n");
        }
        sb.append("</ul>\n</body>\n</html>\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
