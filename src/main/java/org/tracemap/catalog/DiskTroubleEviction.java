package org.tracemap.catalog;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.util.Set;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Tells the connection pool to drop a connection that met disk trouble: a full disk, an I/O error, a file
 * that turned read-only or corrupt. On such errors SQLite may roll the open transaction back by itself, while
 * sqlite-jdbc still believes one is open: the connection's next "transaction" would then commit statement
 * by statement, and its commit and rollback fail with "no transaction is active". A fresh connection has no
 * such history, and once space is back it simply works.
 */
final class DiskTroubleEviction implements SQLExceptionOverride {
    /** Primary result codes (the low byte of extended ones such as SQLITE_IOERR_WRITE). */
    private static final Set<Integer> DISK_TROUBLE = Set.of(
            SQLiteErrorCode.SQLITE_FULL.code,
            SQLiteErrorCode.SQLITE_IOERR.code,
            SQLiteErrorCode.SQLITE_CORRUPT.code,
            SQLiteErrorCode.SQLITE_NOTADB.code,
            SQLiteErrorCode.SQLITE_CANTOPEN.code,
            SQLiteErrorCode.SQLITE_READONLY.code,
            SQLiteErrorCode.SQLITE_NOMEM.code);

    @java.lang.Override // plain @Override would name SQLExceptionOverride.Override, the enum
    public SQLExceptionOverride.Override adjudicate(SQLException e) {
        return e instanceof SQLiteException sqlite && DISK_TROUBLE.contains(sqlite.getResultCode().code & 0xff)
                ? SQLExceptionOverride.Override.MUST_EVICT
                : SQLExceptionOverride.Override.CONTINUE_EVICT;
    }
}
