package org.tracemap.replay;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.tracemap.intake.InvalidInputException;
import org.tracemap.intake.NormalizedUrl;
import org.tracemap.intake.UrlNormalizer;

/**
 * Turns a link found in an archived response into its place in the archive, {@code /replay/{timestamp}/{url}},
 * so that following or loading it stays on this server. One instance serves one replayed response.
 */
final class ReplayLinks {
    /** What an unarchivable link becomes: goes nowhere, fetches nothing. */
    static final String INERT = "about:invalid#not-archivable";
    /** Links that fetch nothing from a web server: left as written. */
    private static final List<String> KEPT_SCHEMES = List.of("data:", "blob:", "mailto:", "tel:", "javascript:", "about:");

    private final UrlNormalizer normalizer;
    private final String prefix;
    private final Map<String, NormalizedUrl> bases = new HashMap<>();

    ReplayLinks(UrlNormalizer normalizer, String timestamp) {
        this.normalizer = normalizer;
        this.prefix = "/replay/" + timestamp + "/";
    }

    /**
     * The replay path of {@code href} resolved against {@code baseUri}, keeping its fragment. A link that
     * fetches nothing from the web (a bare fragment, data:, mailto:) stays as written; one that cannot be put
     * in the archive (a user name in it, an odd scheme, 3,000 characters) becomes {@link #INERT}, never the
     * live URL: a click on it would tell the site who reads its archived copy.
     */
    String rewrite(String baseUri, String href) {
        String ref = href.strip();
        String lower = ref.toLowerCase(Locale.ROOT);
        if (ref.isEmpty() || ref.startsWith("#") || KEPT_SCHEMES.stream().anyMatch(lower::startsWith)) return href;
        return toReplay(baseUri, ref).orElse(INERT);
    }

    /** The replay path of {@code href}, or empty when it is not an http(s) URL the archive could hold. */
    Optional<String> toReplay(String baseUri, String href) {
        String ref = href.strip();
        int hash = ref.indexOf('#');
        String fragment = hash < 0 ? "" : ref.substring(hash);
        try {
            NormalizedUrl base = bases.computeIfAbsent(baseUri, normalizer::normalize);
            return Optional.of(prefix + normalizer.resolve(base, hash < 0 ? ref : ref.substring(0, hash)).url() + fragment);
        } catch (InvalidInputException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
