package org.labexport.base;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * Says why a file operation failed in a few words a researcher can act on ("permission denied", "the disk is full"),
 * without the exception's class name or the temporary file it was working on: the caller's sentence names the file
 * that matters, the log keeps the exception.
 */
public final class IoReasons {
    private IoReasons() {
    }

    /** The reason, lower case, without a final full stop, to be put after a colon. */
    public static String of(IOException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (!(e instanceof FileSystemException fse)) {
            // Writes report a full disk as a plain IOException; any other message is already ours or the OS's words.
            String lower = message.toLowerCase(Locale.ROOT);
            if (lower.startsWith("no space left") || lower.startsWith("disk quota exceeded")) {
                return "the disk is full";
            }
            return message.isBlank() ? "an input/output error" : message;
        }
        String reason = fse.getReason() == null ? "" : fse.getReason().toLowerCase(Locale.ROOT);
        if (reason.contains("no space left") || reason.contains("disk quota exceeded")) {
            return "the disk is full";
        }
        if (reason.contains("read-only file system")) {
            return "the file system is read-only";
        }
        if (e instanceof AccessDeniedException || reason.contains("permission denied")
                || reason.contains("operation not permitted")) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "the file or folder does not exist";
        }
        if (e instanceof NotDirectoryException || reason.contains("not a directory")) {
            return "a part of the path is a file, not a folder";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "something of that name is already there";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "a folder of that name is already there and not empty";
        }
        // The reason alone: the file names in the message are often temporary names of ours.
        return reason.isEmpty() ? "the file system refused the operation" : reason;
    }
}
