package org.labexport.persistence;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.slf4j.LoggerFactory;

/**
 * The connections of one process to the shared H2 database: a few are kept for reuse (holding one open also keeps
 * H2 from closing the database between two transactions), each is checked before it is handed out again (its
 * serving process may have exited meanwhile), and a new one is opened with patience while another process is
 * starting or stopping the server ({@link SharedOpenRetry}), one process at a time ({@link HandOverLock}).
 */
final class SharedConnections implements DataSource {
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(SharedConnections.class);
    private static final int MAX_IDLE = 8;
    /** How long closing waits for its turn before it closes anyway (milliseconds). */
    static final long CLOSE_PATIENCE_MILLIS = 10_000;

    private final JdbcDataSource h2 = new JdbcDataSource();
    private final Deque<Connection> idle = new ArrayDeque<>();
    private final HandOverLock handOver;
    private boolean closed;

    SharedConnections(String url, HandOverLock handOver) {
        this.handOver = handOver;
        h2.setURL(url);
        h2.setUser("sa");
        h2.setPassword("");
    }

    @Override
    public Connection getConnection() throws SQLException {
        for (Connection reused = takeIdle(); reused != null; reused = takeIdle()) {
            if (isUsable(reused)) {
                return handle(reused);
            }
            closeQuietly(reused);
        }
        return handle(open());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return getConnection();
    }

    /**
     * Closes the idle connections; connections in use are closed when they are given back. When this process serves
     * the database, closing its last connection closes the file and hands it over, so that happens in turn too.
     */
    void close() {
        Deque<Connection> toClose;
        synchronized (idle) {
            closed = true;
            toClose = new ArrayDeque<>(idle);
            idle.clear();
        }
        try {
            // Closing may hand the server over; wait for the turn, but not for ever: a process that holds the lock
            // may itself be waiting for this one's server, which closing without the lock then lets go.
            handOver.whileHeld(() -> {
                toClose.forEach(SharedConnections::closeQuietly);
                return null;
            }, CLOSE_PATIENCE_MILLIS);
        } catch (SQLException e) {
            LOG.debug("Closing without the hand-over lock: {}", e.getMessage());
            toClose.forEach(SharedConnections::closeQuietly);
        }
    }

    private Connection open() throws SQLException {
        SharedOpenRetry retry = new SharedOpenRetry();
        while (true) {
            try {
                Connection c = handOver.whileHeld(h2::getConnection);
                if (retry.attempts() > 0) {
                    LOG.info("Connected to the database after {} retries while another process started or stopped"
                            + " serving it", retry.attempts());
                }
                return c;
            } catch (SQLException e) {
                if (!SharedOpenRetry.isHandOver(e) || !retry.pauseBeforeRetry()) {
                    throw e;
                }
                LOG.debug("Database busy changing hands ({}); trying again", e.getMessage());
            }
        }
    }

    private Connection takeIdle() {
        synchronized (idle) {
            return idle.pollLast();
        }
    }

    private void giveBack(Connection physical) {
        try {
            if (!physical.getAutoCommit()) {
                physical.rollback();
                physical.setAutoCommit(true);
            }
        } catch (SQLException e) {
            closeQuietly(physical);
            return;
        }
        synchronized (idle) {
            if (!closed && idle.size() < MAX_IDLE) {
                idle.addLast(physical);
                return;
            }
        }
        closeQuietly(physical);
    }

    private static boolean isUsable(Connection c) {
        try {
            // A round trip for a connection to another process's server; a plain check for our own open file.
            return !c.isClosed() && c.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Closing a database connection failed: {}", e.toString());
        }
    }

    /** A connection whose close() gives the physical connection back instead of closing it. */
    private Connection handle(Connection physical) {
        InvocationHandler h = new InvocationHandler() {
            private boolean released;

            @Override
            public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
                switch (method.getName()) {
                    case "close":
                        if (!released) {
                            released = true;
                            giveBack(physical);
                        }
                        return null;
                    case "isClosed":
                        return released || physical.isClosed();
                    case "equals":
                        return proxy == args[0];
                    case "hashCode":
                        return System.identityHashCode(proxy);
                    case "toString":
                        return "SharedConnection[" + physical + "]";
                    default:
                        if (released) {
                            throw new SQLException("This connection was already closed");
                        }
                        try {
                            return method.invoke(physical, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                }
            }
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                h);
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // not used
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // not used
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("Not a wrapper of " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
