package org.tracemap.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tracemap.catalog.CandidateStore;
import org.tracemap.catalog.Capture;
import org.tracemap.gazetteer.Gazetteer;
import org.tracemap.gazetteer.Place;
import org.tracemap.intake.CaptureRequest;
import org.tracemap.intake.CaptureIntake;
import org.tracemap.intake.CaptureSubmission;
import org.tracemap.intake.InvalidInputException;

/**
 * Public suggestions: a URL and, optionally, what it shows. The URL goes through intake like any capture
 * (SSRF guard included); the suggestion enters the review queue as a candidate marked SUBMISSION, backed
 * by that capture. No account is needed, so every field is checked, and each client address may submit
 * only so many per hour (counted in the catalogue, so a restart does not reset it).
 */
public final class SubmissionService {
    /** The queued candidate and the capture of the submitted URL. */
    public record Receipt(long candidateId, String captureId) {}

    /** Thrown past the hourly limit; {@code retryAfter} is how long until the oldest counted submission expires. */
    public static final class RateLimitedException extends RuntimeException {
        private final Duration retryAfter;

        RateLimitedException(String message, Duration retryAfter) {
            super(message);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    private static final List<String> FIELDS = List.of("url", "company", "category", "country", "city", "year", "note");
    private static final Duration WINDOW = Duration.ofHours(1);

    private final CaptureIntake intake;
    private final CandidateStore candidates;
    private final Gazetteer gazetteer;
    private final int perAddressPerHour;
    private final Clock clock;
    private final ObjectMapper json;
    /** Lock stripes by client hash: bounded memory however many clients come. */
    private final Object[] clientLocks = new Object[64];

    public SubmissionService(CaptureIntake intake, CandidateStore candidates, Gazetteer gazetteer, int perAddressPerHour, Clock clock,
                             ObjectMapper json) {
        this.json = json;
        for (int i = 0; i < clientLocks.length; i++) clientLocks[i] = new Object();
        this.intake = intake;
        this.candidates = candidates;
        this.gazetteer = gazetteer;
        this.perAddressPerHour = perAddressPerHour;
        this.clock = clock;
    }

    /**
     * @param fields        the submission's fields as parsed from JSON (strings, numbers)
     * @param clientAddress the caller's address, for the rate limit (stored only as a hash)
     */
    public Receipt submit(Map<String, Object> fields, String clientAddress) {
        for (String key : fields.keySet()) {
            if (!FIELDS.contains(key)) throw new InvalidInputException(key, "unknown field '" + key + "'; accepted: " + String.join(", ", FIELDS));
        }
        String client = hash(clientAddress == null ? "unknown" : clientAddress);
        // One client's submissions one at a time, so that parallel requests cannot all pass the count.
        synchronized (clientLocks[Math.floorMod(client.hashCode(), clientLocks.length)]) {
            String since = clock.instant().minus(WINDOW).toString();
            if (candidates.submissionsSince(client, since) >= perAddressPerHour) {
                Duration wait = candidates.oldestSubmissionSince(client, since).map(oldest -> Duration.between(clock.instant(), oldest.plus(WINDOW)))
                        .filter(d -> !d.isNegative()).orElse(WINDOW);
                throw new RateLimitedException("at most " + perAddressPerHour + " submissions per hour from one address; try again later",
                        wait.plusSeconds(1));
            }
            return accept(fields, client);
        }
    }

    private Receipt accept(Map<String, Object> fields, String client) {
        String url = text(fields, "url", 2048);
        if (url == null) throw new InvalidInputException("url", "url is required");
        String company = text(fields, "company", 100);
        if (company != null) {
            String wanted = company;
            company = gazetteer.company(wanted).map(c -> c.id()).or(() -> gazetteer.companies().stream()
                    .filter(c -> c.name().equalsIgnoreCase(wanted)).map(c -> c.id()).findFirst())
                    .orElseThrow(() -> new InvalidInputException("company", "unknown company '" + wanted + "'"));
        }
        String category = text(fields, "category", 100);
        if (category != null && gazetteer.category(category).isEmpty()) throw new InvalidInputException("category", "unknown category '" + category + "'");
        String country = text(fields, "country", 2);
        if (country != null) {
            country = gazetteer.country(country).map(Gazetteer.Country::iso2)
                    .orElseThrow(() -> new InvalidInputException("country", "country must be an ISO 3166 alpha-2 code such as KE"));
        }
        String city = text(fields, "city", 200);
        // A city is a place only with its country (the picker sends both); alone it could be any of a dozen Santa Cruzes.
        if (city != null && country == null) throw new InvalidInputException("city", "give the city's country too (an ISO 3166 code such as RS)");
        Integer year = year(fields);
        String note = text(fields, "note", 2000);

        Place place = null;
        if (country != null) {
            place = city == null ? null : gazetteer.city(country, city).orElse(null);
            if (place == null) place = gazetteer.country(country).orElseThrow().place();
        }
        Capture capture = intake.submit(new CaptureSubmission(url, Map.of("source", "public-submission"), note, CaptureRequest.PUBLIC_PREFIX + client.substring(0, 12)));
        String suggested = toJson(new LinkedHashMap<>(fields));
        long id = candidates.addSubmission(new CandidateStore.Suggested(company, category, country, city, year, note,
                place == null ? null : place.lat(), place == null ? null : place.lon(),
                place == null ? null : place.isCity() ? "city" : "country"), capture.id(), capture.url(), client, suggested);
        return new Receipt(id, capture.id());
    }

    private static String text(Map<String, Object> fields, String key, int max) {
        Object v = fields.get(key);
        if (v == null) return null;
        if (!(v instanceof String s)) throw new InvalidInputException(key, key + " must be a string");
        String t = s.strip();
        if (t.length() > max) throw new InvalidInputException(key, key + " is longer than " + max + " characters");
        if (t.chars().anyMatch(ch -> ch < 0x20 && ch != '\n' && ch != '\t')) throw new InvalidInputException(key, key + " contains control characters");
        return t.isEmpty() ? null : t;
    }

    private static Integer year(Map<String, Object> fields) {
        Object v = fields.get("year");
        if (v == null) return null;
        int y;
        if (v instanceof Integer i) y = i;
        else if (v instanceof String s && s.strip().matches("\\d{4}")) y = Integer.parseInt(s.strip());
        else throw new InvalidInputException("year", "year must be a year such as 2021");
        if (y < 1900 || y > 2100) throw new InvalidInputException("year", "year must be between 1900 and 2100");
        return y;
    }

    private String toJson(Map<String, Object> fields) {
        try {
            return json.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Addresses are kept only as salted hashes: enough to count, not to say who. */
    static String hash(String address) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(("tracemap-submission\0" + address).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
