package org.tracemap.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server that answers every connection with the same bytes, byte for byte, then closes it;
 * it keeps the request heads it received. WireMock cannot show what went over the wire; this can, so the
 * fetcher's records are compared with the real bytes here.
 */
final class RawHttpServer implements AutoCloseable {
    private static final int PIECE = 64 * 1024;

    private final ServerSocket socket;
    private final List<byte[]> parts;
    private final Duration pause;
    private final List<byte[]> requestHeads = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final BlockingQueue<Boolean> outcomes = new LinkedBlockingQueue<>();
    private final Thread acceptor;

    /** Answers with {@code answer} in one write. */
    RawHttpServer(byte[] answer) throws IOException {
        this(List.of(answer), Duration.ZERO);
    }

    /** Answers with {@code parts} written one after the other, flushed, with {@code pause} between them. */
    RawHttpServer(List<byte[]> parts, Duration pause) throws IOException {
        this.parts = parts;
        this.pause = pause;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::serve, "raw-http-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + socket.getLocalPort() + path;
    }

    /** The request heads received so far, each up to and including the blank line. */
    List<byte[]> requestHeads() {
        return requestHeads;
    }

    /** TCP connections accepted so far, whether or not a request came over them. */
    int connections() {
        return connections.get();
    }

    /** Whether the next answer was written whole (true) or the client hung up before the end (false). */
    boolean nextAnswerWasComplete(Duration wait) throws InterruptedException {
        Boolean outcome = outcomes.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (outcome == null) throw new AssertionError("the server did not finish an answer within " + wait);
        return outcome;
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket connection = socket.accept()) {
                connections.incrementAndGet();
                requestHeads.add(readHead(connection.getInputStream()));
                outcomes.add(answer(connection.getOutputStream()));
            } catch (IOException e) {
                // the listening socket was closed by close(): the loop condition ends the thread
            }
        }
    }

    private boolean answer(OutputStream out) {
        try {
            for (int i = 0; i < parts.size(); i++) {
                if (i > 0) Thread.sleep(pause.toMillis());
                byte[] part = parts.get(i);
                for (int offset = 0; offset < part.length; offset += PIECE) {
                    out.write(part, offset, Math.min(PIECE, part.length - offset));
                }
                out.flush();
            }
            return true;
        } catch (IOException e) {
            return false; // the client hung up mid-answer
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        byte[] end = {'\r', '\n', '\r', '\n'};
        int matched = 0;
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) break;
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toByteArray();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        acceptor.interrupt();
    }
}
