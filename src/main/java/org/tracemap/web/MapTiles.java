package org.tracemap.web;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tile server the map may load its background from ({@code tracemap.ui.map.tile-url}), or none. With none
 * the map draws the bundled country outlines and reaches no other host: a reviewer's browser tells no tile
 * server where the team is looking. When set, the UI's Content-Security-Policy lets images come from that
 * origin alone ({@link UiPolicy}).
 *
 * <p>The URL is a Leaflet template: {@code {z}}, {@code {x}} and {@code {y}} in the path, optionally {@code {s}.}
 * as the first label of the host for the server's subdomains (a, b, c), which the policy names as {@code *.}.
 */
public final class MapTiles {
    private static final Pattern TEMPLATE = Pattern.compile(
            "(https?)://((?:\\{s}\\.)?[a-z0-9][a-z0-9-]{0,62}(?:\\.[a-z0-9][a-z0-9-]{0,62})*(?::\\d{1,5})?)(/[^\\s\"';,]*)");
    private static final MapTiles NONE = new MapTiles(null, null, "");

    private final String url;
    private final String origin;
    private final String attribution;

    private MapTiles(String url, String origin, String attribution) {
        this.url = url;
        this.origin = origin;
        this.attribution = attribution;
    }

    /**
     * @param tileUrl     {@code tracemap.ui.map.tile-url}; empty for none
     * @param attribution {@code tracemap.ui.map.tile-attribution}: plain text shown under the map (never HTML)
     * @throws IllegalArgumentException naming the key when the URL is not a tile template on a plain host
     */
    public static MapTiles of(String tileUrl, String attribution) {
        if (tileUrl == null || tileUrl.isBlank()) return NONE;
        String template = tileUrl.strip();
        Matcher m = TEMPLATE.matcher(template.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("tracemap.ui.map.tile-url must be an http(s) URL on a plain host name, optionally starting {s}., "
                    + "such as https://{s}.tile.example.org/{z}/{x}/{y}.png: " + tileUrl);
        }
        for (String placeholder : new String[] {"{z}", "{x}", "{y}"}) {
            if (!m.group(3).contains(placeholder)) {
                throw new IllegalArgumentException("tracemap.ui.map.tile-url needs " + placeholder + " in its path: " + tileUrl);
            }
        }
        String host = m.group(2).replace("{s}.", "*.");
        String text = attribution == null ? "" : attribution.strip();
        if (text.isEmpty()) {
            // Tile servers' terms ask for their credit on the map; an empty one is a configuration mistake.
            throw new IllegalArgumentException("tracemap.ui.map.tile-attribution is required with tracemap.ui.map.tile-url (the tile server's credit)");
        }
        return new MapTiles(template, m.group(1) + "://" + host, text);
    }

    public static MapTiles none() {
        return NONE;
    }

    /** The template the map loads tiles from, or empty: outlines only. */
    public Optional<String> url() {
        return Optional.ofNullable(url);
    }

    /** The CSP source for the tiles ({@code https://*.tile.example.org}), or empty. */
    public Optional<String> origin() {
        return Optional.ofNullable(origin);
    }

    public String attribution() {
        return attribution;
    }
}
