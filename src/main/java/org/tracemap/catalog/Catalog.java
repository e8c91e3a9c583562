package org.tracemap.catalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The catalogue database: connections, the schema (Flyway migrations) and transactions.
 *
 * <p>SQLite in WAL mode lets readers run beside the single writer. Writes are serialised in the JVM as
 * well, because SQLite would otherwise answer concurrent writers with SQLITE_BUSY.
 */
public final class Catalog implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final ReentrantLock writeLock = new ReentrantLock();

    private Catalog(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Opens (creating if needed) {@code catalog.db} in the archive folder and migrates it to the latest schema. */
    public static Catalog open(Path archiveDir) {
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
        SQLiteDataSource sqlite = new SQLiteDataSource(config);
        sqlite.setUrl("jdbc:sqlite:" + archiveDir.resolve("catalog.db").toAbsolutePath());
        // Opening a SQLite connection reads the schema and sets the pragmas: milliseconds that a pool saves
        // on every catalogue call.
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(sqlite);
        pool.setPoolName("catalog");
        pool.setMaximumPoolSize(8);
        pool.setMinimumIdle(1);
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

    /** Work that writes, in one committed transaction: either all of it is durable or none of it. */
    public <T> T write(SqlWork<T> work) {
        writeLock.lock();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new CatalogException("catalogue write failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
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
