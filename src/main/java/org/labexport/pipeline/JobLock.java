package org.labexport.pipeline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Ownership of a running job: an OS file lock on {@code work/<job_key>/owner.lock}, held by the process that runs the
 * job for as long as it runs. The operating system releases the lock when that process dies, even by SIGKILL, so
 * "the lock can be taken" means "no live process is running this job" (see docs/decisions/0030). The file holds the
 * owner's PID for people reading it; the lock, not the PID, is what counts.
 */
public final class JobLock implements AutoCloseable {
    public static final String FILE_NAME = "owner.lock";

    private final FileChannel channel;
    private final FileLock lock;
    private final Path file;

    private JobLock(FileChannel channel, FileLock lock, Path file) {
        this.channel = channel;
        this.lock = lock;
        this.file = file;
    }

    /** Takes the job's lock, creating its folder; empty when a live process (this one included) holds it. */
    public static Optional<JobLock> tryAcquire(Path jobDir) throws IOException {
        Files.createDirectories(jobDir);
        Path file = jobDir.resolve(FILE_NAME);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by another runner in this very process
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            ch.close();
            return Optional.empty();
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap(("pid=" + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        return Optional.of(new JobLock(ch, lock, file));
    }

    /** Whether some live process holds the job's lock right now. */
    public static boolean isHeld(Path jobDir) throws IOException {
        if (!Files.exists(jobDir.resolve(FILE_NAME))) {
            return false;
        }
        Optional<JobLock> probe = tryAcquire(jobDir);
        probe.ifPresent(JobLock::close);
        return probe.isEmpty();
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel below releases it anyway
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing useful to do: the OS drops the lock with the descriptor
        }
    }
}
