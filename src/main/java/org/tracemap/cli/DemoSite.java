package org.tracemap.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The bundled sample site of {@code tracemap demo} ({@code src/main/resources/demo/site/}), served on a
 * free loopback port by the JDK's HTTP server. {@code {{BASE}}} in the sitemap and feed becomes the site's URL.
 */
final class DemoSite implements AutoCloseable {
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "xml", "application/xml; charset=utf-8",
            "txt", "text/plain; charset=utf-8");

    private final HttpServer server;
    private final String base;
    private final AtomicBoolean closed = new AtomicBoolean();

    DemoSite() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/", this::handle);
        server.start();
    }

    String base() {
        return base;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.endsWith("/")) path += "index.html";
            if (path.contains("..")) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            byte[] body;
            try (InputStream in = DemoSite.class.getResourceAsStream("/demo/site" + path)) {
                if (in == null) {
                    byte[] missing = "not found".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(404, missing.length);
                    exchange.getResponseBody().write(missing);
                    return;
                }
                body = in.readAllBytes();
            }
            String ext = path.substring(path.lastIndexOf('.') + 1);
            if (ext.equals("xml")) body = new String(body, StandardCharsets.UTF_8).replace("{{BASE}}", base).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", TYPES.getOrDefault(ext, "application/octet-stream"));
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Stops serving; a second call (the demo's shutdown hook, then its try block) does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) server.stop(0);
    }
}
