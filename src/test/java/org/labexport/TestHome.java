package org.labexport;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.labexport.app.AppServices;
import org.labexport.base.AppHome;

/** Test fixtures for a LabExport home in a temporary folder, with a clock the test can move forward. */
public final class TestHome {
    private TestHome() {
    }

    public static AppServices open(Path dir) {
        return AppServices.open(new AppHome(dir), Clock.systemUTC());
    }

    public static AppServices open(Path dir, Clock clock) {
        return AppServices.open(new AppHome(dir), clock);
    }

    /** A clock that stands still until moved. */
    public static final class MutableClock extends Clock {
        private volatile Instant now;

        public MutableClock(Instant start) {
            this.now = start;
        }

        public MutableClock() {
            this(Instant.now());
        }

        public void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
