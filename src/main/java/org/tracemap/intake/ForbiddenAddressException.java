package org.tracemap.intake;

/**
 * The SSRF guard refused an address; the message names the host, the address and the range. It is an
 * {@link java.net.UnknownHostException} so that it can leave an HTTP client's DNS resolver unchanged.
 */
public class ForbiddenAddressException extends java.net.UnknownHostException {
    public ForbiddenAddressException(String message) {
        super(message);
    }
}
