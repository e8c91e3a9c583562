package org.tracemap.catalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

/**
 * The catalogue database: connections, the schema (Flyway migrations) and transactions.
 *
 * <p>SQLite in WAL mode lets readers run beside the single writer. Writes are serialised in the JVM as
 * well, because SQLite would otherwise answer concurrent writers with SQLITE_BUSY.
 */
public final class Catalog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Catalog.class);
    private final HikariDataSource dataSource;
    private final ReentrantLock writeLock = new ReentrantLock();

    private Catalog(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Opens (creating if needed) {@code catalog.db} in the archive folder and migrates it to the latest schema. */
    public static Catalog open(Path archiveDir) {
        return open(archiveDir, 8, connection -> { });
    }

    /** Prepares each connection the pool opens. */
    @FunctionalInterface
    interface ConnectionSetup {
        void prepare(Connection connection) throws SQLException;
    }

    /**
     * {@link #open(Path)} with a pool size and a step run on every new connection: the seam tests use to
     * simulate a full disk ({@code PRAGMA max_page_count} is per connection).
     */
    static Catalog open(Path archiveDir, int poolSize, ConnectionSetup setup) {
        try {
            Files.createDirectories(archiveDir);
        } catch (java.io.IOException e) {
            throw new CatalogException("cannot create archive folder " + archiveDir + ": " + e.getMessage(), e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // NORMAL in WAL mode: a commit survives a process crash (it is in the WAL) but is fsynced at
        // checkpoints, not per commit. The WARC bytes themselves are forced before any commit points at them.
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(30_000);
        config.enforceForeignKeys(true);
        SQLiteDataSource sqlite = new SQLiteDataSource(config) {
            @Override
            public SQLiteConnection getConnection(String user, String password) throws SQLException {
                SQLiteConnection connection = super.getConnection(user, password);
                setup.prepare(connection);
                return connection;
            }
        };
        sqlite.setUrl("jdbc:sqlite:" + archiveDir.resolve("catalog.db").toAbsolutePath());
        // Opening a SQLite connection reads the schema and sets the pragmas: milliseconds that a pool saves
        // on every catalogue call.
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(sqlite);
        pool.setPoolName("catalog");
        pool.setMaximumPoolSize(poolSize);
        pool.setMinimumIdle(1);
        pool.setExceptionOverride(new DiskTroubleEviction());
        HikariDataSource ds = new HikariDataSource(pool);
        try {
            Flyway.configure().loggers("slf4j").dataSource(ds).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Catalog(ds);
    }

    /** Work that reads, on its own connection. */
    public <T> T read(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new CatalogException("catalogue read failed: " + e.getMessage(), e);
        }
    }

    /**
     * Work that writes, in one committed transaction: either all of it is durable or none of it, and the
     * outcome reported is the outcome in the database. A failure is thrown as it happened (a rollback that
     * fails as well is added to it, suppressed); once the commit has returned, the write is reported done.
     */
    public <T> T write(SqlWork<T> work) {
        writeLock.lock();
        try {
            Connection c = connect("write");
            T result;
            try {
                c.setAutoCommit(false);
                result = work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                abandon(c, e);
                if (e instanceof RuntimeException r) throw r;
                throw new CatalogException("catalogue write failed: " + e.getMessage(), e);
            }
            release(c);
            return result;
        } finally {
            writeLock.unlock();
        }
    }

    private Connection connect(String what) {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new CatalogException("catalogue " + what + " failed: no connection: " + e.getMessage(), e);
        }
    }

    /**
     * Rolls back a failed transaction and returns its connection. On SQLITE_FULL or an I/O error SQLite may
     * have rolled the transaction back itself: the pool has then dropped the connection already
     * ({@link DiskTroubleEviction}). A rollback that fails anyway leaves the connection's transaction state
     * unknown, so it is evicted rather than handed to the next caller.
     */
    private void abandon(Connection c, Exception failure) {
        boolean known = true;
        try {
            if (!c.isClosed()) c.rollback(); // closed: evicted, and its transaction gone with it
        } catch (SQLException e) {
            failure.addSuppressed(e);
            known = false;
        }
        try {
            c.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
            known = false;
        }
        if (!known) dataSource.evictConnection(c);
    }

    /** Returns the connection of a committed transaction: a failure here cannot undo the commit, so it is not the caller's. */
    private void release(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            log.warn("committed, but the connection could not be reset; evicting it: {}", e.toString());
            dataSource.evictConnection(c);
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /** A unit of work on a connection. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
