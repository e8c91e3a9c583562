package org.tracemap.fetch;

import java.io.IOException;
import org.apache.hc.client5.http.HttpRequestRetryStrategy;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;

/**
 * The client's own retry, kept for one case only: a pooled keep-alive connection that the server closed
 * while it sat idle answers nothing ({@link NoHttpResponseException}), and the GET is sent again at once on
 * another connection. That is the client's housekeeping, not a failure of the origin; every other failure
 * is the fetch stage's to judge ({@link RetryPolicy}, rescheduled in the queue).
 */
final class StaleConnectionRetry implements HttpRequestRetryStrategy {
    private static final int MAX = 2;

    @Override
    public boolean retryRequest(HttpRequest request, IOException exception, int execCount, HttpContext context) {
        return exception instanceof NoHttpResponseException && execCount <= MAX && "GET".equals(request.getMethod());
    }

    @Override
    public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
        return false; // status codes are judged by the fetch stage
    }

    @Override
    public TimeValue getRetryInterval(HttpResponse response, int execCount, HttpContext context) {
        return TimeValue.ZERO_MILLISECONDS;
    }

    @Override
    public TimeValue getRetryInterval(HttpRequest request, IOException exception, int execCount, HttpContext context) {
        return TimeValue.ZERO_MILLISECONDS;
    }
}
