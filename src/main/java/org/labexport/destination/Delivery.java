package org.labexport.destination;

/**
 * A delivered export.
 *
 * @param outputPath  where it is: an absolute local path, or {@code s3://bucket/key} ({@code .../<job_key>/} for a folder)
 * @param outputSize  bytes delivered (the ZIP's size, or the sum of the folder's files)
 * @param downloadUrl a file: URI or a pre-signed GET URL
 */
public record Delivery(String outputPath, long outputSize, String downloadUrl) {
}
