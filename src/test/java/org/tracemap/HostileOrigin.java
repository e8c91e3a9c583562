package org.tracemap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/**
 * A misbehaving web server on loopback, one fault per path, written on raw sockets so that it can do what
 * well-behaved servers (WireMock included) will not: trickle a head one byte at a time, send a body forever,
 * hang up mid-answer, send a megabyte header. Each connection gets its own thread; the server counts how
 * many answers of each path are being sent at once, so tests can check how many workers a fault held.
 *
 * <ul>
 *   <li>{@code /ok/...}: a small HTML article; {@code /slow/...}: the same after 300 ms;</li>
 *   <li>{@code /trickle-body}: a 200 head, then one body byte every 100 ms, forever;</li>
 *   <li>{@code /slow-body}: a 200 head, then 150 bytes every 500 ms, forever (fast enough for a minimum speed of
 *       100 bytes a second: only the total timeout ends it);</li>
 *   <li>{@code /trickle-head}: the head one byte every 100 ms;</li>
 *   <li>{@code /endless}: a chunked body as fast as the socket takes it, forever;</li>
 *   <li>{@code /drop}: reads the request and hangs up without a word;</li>
 *   <li>{@code /loop/a} and {@code /loop/b}: redirect to each other;</li>
 *   <li>{@code /chain/N}: redirects to {@code /chain/N+1}, up to 1,000;</li>
 *   <li>{@code /gzip-bomb}: HTML with {@code Content-Encoding: gzip} that inflates to 1,000 times its size;</li>
 *   <li>{@code /big-header}: a 1 MB header line; {@code /many-headers}: 10,000 headers;</li>
 *   <li>{@code /storm}: 503 every time;</li>
 *   <li>{@code /wrong-type}: an HTML page labelled application/pdf; {@code /bad-charset}: HTML with an unknown charset;</li>
 *   <li>{@code /nested}: 100,000 nested elements.</li>
 * </ul>
 */
final class HostileOrigin implements AutoCloseable {
    static final String ARTICLE = "<!doctype html><html><head><title>Port expansion</title></head><body><article>"
            + "<h1>Port expansion</h1><p>The port authority announced a new container terminal on Monday, with two berths "
            + "and a rail link to the city. Construction is expected to take three years.</p></article></body></html>";

    private final ServerSocket socket;
    private final Thread acceptor;
    private final Map<String, AtomicInteger> answering = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> mostAtOnce = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private static final byte[] GZIP_BOMB = gzipBomb();

    HostileOrigin() throws IOException {
        socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "hostile-origin");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + socket.getLocalPort() + path;
    }

    /** Requests received for paths starting with {@code prefix}. */
    int requests(String prefix) {
        return requests.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToInt(e -> e.getValue().get()).sum();
    }

    /** The most answers for {@code prefix} that were being sent at the same time. */
    int mostAtOnce(String prefix) {
        return mostAtOnce.getOrDefault(prefix, new AtomicInteger()).get();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                Thread t = new Thread(() -> serve(connection), "hostile-origin-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            connection.setSoTimeout(10_000);
            String path = requestPath(connection.getInputStream());
            if (path == null) return;
            String prefix = prefixOf(path);
            requests.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
            int now = answering.computeIfAbsent(prefix, k -> new AtomicInteger()).incrementAndGet();
            mostAtOnce.computeIfAbsent(prefix, k -> new AtomicInteger()).accumulateAndGet(now, Math::max);
            try {
                answer(path, connection.getOutputStream());
            } finally {
                answering.get(prefix).decrementAndGet();
            }
        } catch (IOException | InterruptedException e) {
            // the client hung up (as it should, on most of these paths) or the server is closing
        }
    }

    private static String prefixOf(String path) {
        int second = path.indexOf('/', 1);
        return second < 0 ? path : path.substring(0, second);
    }

    private void answer(String path, OutputStream out) throws IOException, InterruptedException {
        if (path.startsWith("/ok/")) {
            write(out, head(200, "text/html; charset=utf-8", ARTICLE.length()) + ARTICLE);
        } else if (path.startsWith("/slow/")) {
            Thread.sleep(300);
            write(out, head(200, "text/html; charset=utf-8", ARTICLE.length()) + ARTICLE);
        } else if (path.equals("/trickle-body")) {
            write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000000\r\n\r\n");
            while (true) {
                out.write('a');
                out.flush();
                Thread.sleep(100);
            }
        } else if (path.startsWith("/slow-body")) {
            write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100000000\r\n\r\n");
            byte[] piece = "b".repeat(150).getBytes(StandardCharsets.US_ASCII);
            while (true) {
                out.write(piece);
                out.flush();
                Thread.sleep(500);
            }
        } else if (path.equals("/trickle-head")) {
            for (byte b : head(200, "text/html", 2).getBytes(StandardCharsets.US_ASCII)) {
                out.write(b);
                out.flush();
                Thread.sleep(100);
            }
        } else if (path.equals("/endless")) {
            write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n");
            byte[] chunk = ("4000\r\n" + "<p>endless</p>".repeat(16384 / 14) + "x".repeat(16384 % 14) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            while (true) out.write(chunk);
        } else if (path.equals("/drop")) {
            return; // closing without an answer
        } else if (path.startsWith("/loop/")) {
            write(out, redirect(path.endsWith("a") ? "/loop/b" : "/loop/a"));
        } else if (path.startsWith("/chain/")) {
            int n = Integer.parseInt(path.substring("/chain/".length()));
            write(out, n < 1000 ? redirect("/chain/" + (n + 1)) : head(200, "text/html", ARTICLE.length()) + ARTICLE);
        } else if (path.equals("/gzip-bomb")) {
            write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: " + GZIP_BOMB.length + "\r\n\r\n");
            out.write(GZIP_BOMB);
        } else if (path.equals("/big-header")) {
            write(out, "HTTP/1.1 200 OK\r\nX-Big: " + "v".repeat(1 << 20) + "\r\nContent-Type: text/html\r\nContent-Length: 2\r\n\r\nok");
        } else if (path.equals("/many-headers")) {
            StringBuilder h = new StringBuilder("HTTP/1.1 200 OK\r\n");
            for (int i = 0; i < 10_000; i++) h.append("X-Header-").append(i).append(": ").append(i).append("\r\n");
            write(out, h + "Content-Length: 2\r\n\r\nok");
        } else if (path.equals("/storm")) {
            write(out, head(503, "text/plain", 4) + "busy");
        } else if (path.equals("/wrong-type")) {
            write(out, head(200, "application/pdf", ARTICLE.length()) + ARTICLE);
        } else if (path.equals("/bad-charset")) {
            write(out, head(200, "text/html; charset=x-no-such-charset", ARTICLE.length()) + ARTICLE);
        } else if (path.equals("/nested")) {
            String page = "<html><body>" + "<div>".repeat(100_000) + "deep" + "</div>".repeat(100_000) + "</body></html>";
            write(out, head(200, "text/html", page.length()) + page);
        } else {
            write(out, head(404, "text/plain", 9) + "not found");
        }
        out.flush();
    }

    private static String head(int status, String type, int length) {
        return "HTTP/1.1 " + status + " Whatever\r\nContent-Type: " + type + "\r\nContent-Length: " + length + "\r\nConnection: close\r\n\r\n";
    }

    private static String redirect(String to) {
        return "HTTP/1.1 302 Found\r\nLocation: " + to + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String requestPath(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4 && head.size() < 65536) {
            int b = in.read();
            if (b < 0) return null;
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String first = head.toString(StandardCharsets.ISO_8859_1).split("\r\n", 2)[0];
        String[] parts = first.split(" ");
        return parts.length < 2 ? null : parts[1];
    }

    /** About 100 KB of gzip that inflates to 100 MB of HTML. */
    private static byte[] gzipBomb() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
                gzip.write("<html><body><p>".getBytes(StandardCharsets.US_ASCII));
                byte[] zeros = new byte[1 << 20];
                java.util.Arrays.fill(zeros, (byte) 'a');
                for (int i = 0; i < 100; i++) gzip.write(zeros);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        acceptor.interrupt();
    }
}
