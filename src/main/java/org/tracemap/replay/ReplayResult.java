package org.tracemap.replay;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * An archived response ready to send back: original status, the headers that are safe to pass on plus
 * the sandboxing ones, and the body (a stream that must be closed).
 *
 * @param length body length in bytes, or -1 when unknown
 */
public record ReplayResult(int status, List<Map.Entry<String, String>> headers, InputStream body, long length) {}
