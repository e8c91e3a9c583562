package org.tracemap.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * The HTTP server's address, tried before the server starts. Vert.x binds asynchronously and only logs a
 * taken port (a stack trace) while the rest of the application starts and runs without its API; trying
 * the bind first turns that into one clear error. Another process can still take the port between this
 * check and Vert.x's bind: a narrow race, accepted.
 */
public final class ListenPort {
    private ListenPort() {}

    /** Throws {@link PortInUseException} when {@code host:port} cannot be listened on because something else does. */
    public static void requireFree(String host, int port) {
        if (!isFree(host, port)) throw new PortInUseException(host, port);
    }

    /** Whether a server could listen on {@code host:port} now; port 0 (any port) always can. */
    public static boolean isFree(String host, int port) {
        if (port == 0) return true;
        try (ServerSocket probe = new ServerSocket()) {
            // As Netty does: a port held only by connections closing (TIME_WAIT) after a restart is free.
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
            return true;
        } catch (BindException e) {
            // Also thrown for an address this machine does not have: only if the host takes another port is it this one.
            anyFree(host);
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** A port on {@code host} that nothing listens on at the moment of asking, chosen by the operating system. */
    public static int anyFree(String host) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(host, 0));
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on " + host + ": " + e.getMessage(), e);
        }
    }
}
