package org.tracemap.intake;

/**
 * Reads IPv4 hosts in every spelling browsers and resolvers accept (WHATWG URL "IPv4 parser"): dotted
 * decimal, a single 32-bit number ({@code 2130706433}), octal ({@code 0177.0.0.1}), hex ({@code 0x7f.1}) and
 * short forms ({@code 127.1}). The SSRF guard must see these as the addresses they are.
 */
final class Ipv4Parser {
    private Ipv4Parser() {}

    /** The dotted-decimal form if {@code host} is an IPv4 address in any spelling, else null. */
    static String canonical(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length == 0) return null;
        if (parse(parts[parts.length - 1]) < 0) return null; // the WHATWG rule: numeric last label means IPv4
        // ... and then an IPv4 address it must be: 1.2.3.4.5 is a failure, not a name to look up.
        if (parts.length > 4) throw new InvalidInputException("url", "url has a malformed IPv4 address: " + host);
        long[] numbers = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            numbers[i] = parse(parts[i]);
            if (numbers[i] < 0) throw new InvalidInputException("url", "url has a malformed IPv4 address: " + host);
        }
        long address = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (numbers[i] > 255) throw new InvalidInputException("url", "url has a malformed IPv4 address: " + host);
            address |= numbers[i] << (8 * (3 - i));
        }
        long last = numbers[parts.length - 1];
        if (last >= 1L << (8 * (5 - parts.length))) throw new InvalidInputException("url", "url has a malformed IPv4 address: " + host);
        address |= last;
        return ((address >> 24) & 255) + "." + ((address >> 16) & 255) + "." + ((address >> 8) & 255) + "." + (address & 255);
    }

    /** The value of one label, or -1 when it is not a number. */
    private static long parse(String label) {
        if (label.isEmpty()) return -1;
        int radix = 10;
        String digits = label;
        if (label.length() > 1 && (label.startsWith("0x") || label.startsWith("0X"))) {
            radix = 16;
            digits = label.substring(2);
            if (digits.isEmpty()) return 0;
        } else if (label.length() > 1 && label.startsWith("0")) {
            radix = 8;
            digits = label.substring(1);
        }
        if (digits.length() > 12) return -1;
        try {
            return Long.parseLong(digits, radix);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
