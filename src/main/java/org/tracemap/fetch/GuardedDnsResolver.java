package org.tracemap.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.tracemap.intake.AddressGuard;

/**
 * Resolves host names for the HTTP client and drops every address the SSRF guard refuses. The client
 * connects only to the addresses returned here, so the address checked is the address connected to: a
 * name that resolves differently on a second lookup (DNS rebinding) cannot slip past.
 */
final class GuardedDnsResolver implements DnsResolver {
    private final AddressGuard guard;

    GuardedDnsResolver(AddressGuard guard) {
        this.guard = guard;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] all = SystemDefaultDnsResolver.INSTANCE.resolve(bare);
        UnknownHostException refusal = null;
        InetAddress[] allowed = new InetAddress[all.length];
        int n = 0;
        for (InetAddress address : all) {
            try {
                guard.check(host, address);
                allowed[n++] = address;
            } catch (UnknownHostException e) {
                refusal = e;
            }
        }
        if (n == 0 && refusal != null) throw refusal;
        return Arrays.copyOf(allowed, n);
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }
}
