package org.tracemap.web;

/** The HTTP server's port is taken by another process; the server was not started. */
public final class PortInUseException extends RuntimeException {
    private final String host;
    private final int port;

    public PortInUseException(String host, int port) {
        super("port " + port + " is in use");
        this.host = host;
        this.port = port;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }
}
