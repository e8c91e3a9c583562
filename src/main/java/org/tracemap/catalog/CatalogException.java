package org.tracemap.catalog;

/** The catalogue database could not do what was asked; the message names the operation and the cause. */
public class CatalogException extends RuntimeException {
    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
