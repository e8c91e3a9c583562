package org.tracemap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback origin that answers each path with bytes written exactly as given (status line, headers, body),
 * then closes the connection. WireMock (Jetty) refuses the answers a hostile site sends on purpose: megabyte
 * headers, thousands of headers, Camel's own header names.
 */
final class RawOrigin implements AutoCloseable {
    private static final byte[] NOT_FOUND = answer(404, List.of("Content-Type: text/plain"), "no such page".getBytes(StandardCharsets.UTF_8));

    private final ServerSocket socket;
    private final Map<String, byte[]> answers = new ConcurrentHashMap<>();

    RawOrigin() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::serve, "raw-origin");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Answers GET {@code path} with {@code raw}. */
    void on(String path, byte[] raw) {
        answers.put(path, raw);
    }

    String url(String path) {
        return "http://127.0.0.1:" + socket.getLocalPort() + path;
    }

    /** A complete HTTP/1.1 answer: the header lines as given (as UTF-8 bytes), then Content-Length and Connection: close. */
    static byte[] answer(int status, List<String> headerLines, byte[] body) {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(status == 200 ? " OK" : " Other").append("\r\n");
        for (String line : headerLines) head.append(line).append("\r\n");
        head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                Thread worker = new Thread(() -> answer(connection), "hostile-origin-answer");
                worker.setDaemon(true);
                worker.start();
            } catch (IOException e) {
                // close() closed the listening socket: the loop condition ends the thread
            }
        }
    }

    private void answer(Socket connection) {
        try (connection) {
            String path = requestPath(connection.getInputStream());
            OutputStream out = connection.getOutputStream();
            out.write(answers.getOrDefault(path, NOT_FOUND));
            out.flush();
        } catch (IOException e) {
            // the fetcher hung up early (a limit of its own): nothing to answer any more
        }
    }

    /** The path of the request line; reads the head up to the blank line. */
    private static String requestPath(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        int b;
        while ((b = in.read()) >= 0 && head.size() < 65_536) {
            head.write(b);
            last4 = (last4 << 8) | b;
            if (last4 == 0x0d0a0d0a) break;
        }
        String[] requestLine = head.toString(StandardCharsets.ISO_8859_1).lines().findFirst().orElse("").split(" ");
        return requestLine.length > 1 ? requestLine[1] : "/";
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
