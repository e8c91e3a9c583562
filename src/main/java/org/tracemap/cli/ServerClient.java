package org.tracemap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.tracemap.catalog.CaptureStatus;

/** Talks to a running {@code tracemap serve} over its HTTP API, for commands given {@code --server}. */
final class ServerClient implements AutoCloseable {
    private final String base;
    private final String token;
    private final ObjectMapper json = new ObjectMapper();
    private final CloseableHttpClient http = HttpClients.createDefault();

    ServerClient(String base, String token) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.token = token;
    }

    /** Queues a capture and returns its id; an {@link IllegalArgumentException} carries the server's 4xx message. */
    String submit(String url, Map<String, String> tags, String note) throws IOException {
        HttpPost post = new HttpPost(base + "/api/captures");
        Map<String, Object> body = note == null ? Map.of("url", url, "tags", tags) : Map.of("url", url, "tags", tags, "note", note);
        post.setEntity(new ByteArrayEntity(json.writeValueAsBytes(body), ContentType.APPLICATION_JSON));
        return call(post).path("id").asText();
    }

    Map<String, ProgressWatcher.CaptureView> findAll(java.util.Collection<String> ids) throws IOException {
        Map<String, ProgressWatcher.CaptureView> found = new java.util.HashMap<>();
        for (String id : ids) found.put(id, find(id));
        return found;
    }

    ProgressWatcher.CaptureView find(String id) throws IOException {
        JsonNode c = call(new HttpGet(base + "/api/captures/" + id));
        String error = c.path("error").isNull() ? null : c.path("error").asText();
        JsonNode answered = c.path("snapshot").path("httpStatus");
        return new ProgressWatcher.CaptureView(c.path("url").asText(), CaptureStatus.valueOf(c.path("status").asText()), error,
                answered.isInt() ? answered.asInt() : null);
    }

    private JsonNode call(HttpUriRequestBase request) throws IOException {
        request.setHeader("Authorization", "Bearer " + token);
        return http.execute(request, response -> {
            byte[] bytes = response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
            JsonNode body = bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
            if (response.getCode() == 401 || response.getCode() == 403) {
                throw new IOException("server " + base + " refused the token: " + body.path("error").asText());
            }
            if (response.getCode() >= 400 && response.getCode() < 500) {
                throw new IllegalArgumentException(body.path("error").asText("HTTP " + response.getCode()));
            }
            if (response.getCode() >= 500) throw new IOException("server " + base + " answered " + response.getCode() + ": " + body.path("error").asText());
            return body;
        });
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
