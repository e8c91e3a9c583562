package org.tracemap.review;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tracemap.catalog.AuditLog;
import org.tracemap.catalog.CandidateStore;
import org.tracemap.catalog.Catalog;
import org.tracemap.catalog.ExtractionStore;
import org.tracemap.catalog.Snapshot;
import org.tracemap.catalog.SnapshotStore;
import org.tracemap.gazetteer.Gazetteer;
import org.tracemap.gazetteer.Place;
import org.tracemap.intake.InvalidInputException;
import org.tracemap.intake.NormalizedUrl;
import org.tracemap.intake.UrlNormalizer;

/**
 * Points added by hand: what the miner missed, taken from a passage someone selected in a snapshot's text. The
 * passage must be in that snapshot's extracted text (its offsets are stored), so a hand-added point is as traceable
 * as a mined one. Saved as a PENDING candidate of origin MANUAL, or, by a reviewer, created and approved in one
 * transaction through {@link ReviewService#decideWithin}: the audit log then holds the "add" and the "approve".
 */
public final class ManualPointService {
    /**
     * What the person sent: the snapshot (by id, or by URL and 14-digit timestamp), the selected passage and the
     * point it shows. {@code quoteStart} (optional) says which occurrence was selected when the passage repeats.
     */
    public record Request(String snapshotId, String url, String timestamp, String quote, Integer quoteStart, String company,
                          String category, String country, String city, Integer year, String label, String note, boolean reviewed) {}

    static final int MAX_QUOTE = 2000;

    private final Catalog catalog;
    private final SnapshotStore snapshots;
    private final ExtractionStore extractions;
    private final CandidateStore candidates;
    private final AuditLog audit;
    private final ReviewService review;
    private final Gazetteer gazetteer;
    private final UrlNormalizer normalizer;

    public ManualPointService(Catalog catalog, SnapshotStore snapshots, ExtractionStore extractions, CandidateStore candidates, AuditLog audit,
                              ReviewService review, Gazetteer gazetteer, UrlNormalizer normalizer) {
        this.catalog = catalog;
        this.snapshots = snapshots;
        this.extractions = extractions;
        this.candidates = candidates;
        this.audit = audit;
        this.review = review;
        this.gazetteer = gazetteer;
        this.normalizer = normalizer;
    }

    /** Checks every field (400 naming it), then stores the candidate, and approves it when {@code reviewed}. */
    public ReviewService.Outcome add(Request r, String actor) {
        Snapshot snapshot = snapshot(r);
        PassageLocator.Passage passage = passage(snapshot, r);
        String company = required("company", r.company());
        company = gazetteer.company(company).map(c -> c.id())
                .orElseThrow(() -> new InvalidInputException("company", "unknown company '" + r.company() + "' (see config/gazetteer/companies.yaml)"));
        String category = gazetteer.category(required("category", r.category())).map(c -> c.id())
                .orElseThrow(() -> new InvalidInputException("category", "unknown category '" + r.category() + "' (see config/gazetteer/categories.yaml)"));
        Gazetteer.Country country = gazetteer.country(required("country", r.country()))
                .orElseThrow(() -> new InvalidInputException("country", "'" + r.country() + "' is not an ISO 3166 alpha-2 country code"));
        String city = optional("city", r.city(), 200);
        Place place = city == null ? country.place() : gazetteer.city(country.iso2(), city).orElse(country.place());
        if (r.year() != null && (r.year() < 1900 || r.year() > 2100)) throw new InvalidInputException("year", "year must be between 1900 and 2100");
        CandidateStore.Manual manual = new CandidateStore.Manual(snapshot.id(), snapshot.captureId(), snapshot.url(), passage.quote(),
                passage.start(), passage.end(), company, category, country.iso2(), city, r.year(), optional("label", r.label(), 300),
                optional("note", r.note(), 2000), place.lat(), place.lon(), place.isCity() ? "city" : "country");
        return catalog.write(c -> {
            long id = candidates.addManualWithin(c, manual);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("snapshotId", snapshot.id());
            detail.put("quoteStart", passage.start());
            detail.put("quoteEnd", passage.end());
            detail.put("reviewed", r.reviewed());
            audit.appendWithin(c, actor, "add", id, null, detail);
            if (r.reviewed()) return review.decideWithin(c, id, new ReviewService.Decision("approve", null, null, null, 1), actor);
            return new ReviewService.Outcome(candidates.findWithin(c, id).orElseThrow(), null);
        });
    }

    private Snapshot snapshot(Request r) {
        String id = optional("snapshotId", r.snapshotId(), 100);
        if (id != null) {
            return snapshots.find(id).orElseThrow(() -> new InvalidInputException("snapshotId", "no snapshot with id " + id));
        }
        String url = optional("url", r.url(), 2048);
        String timestamp = optional("timestamp", r.timestamp(), 14);
        if (url == null || timestamp == null) {
            throw new InvalidInputException(url == null ? "snapshotId" : "timestamp", "give snapshotId, or url and timestamp, of the snapshot the passage is from");
        }
        NormalizedUrl normalized = normalizer.normalize(url);
        return snapshots.forUrl(normalized.surt(), normalized.url()).stream().filter(s -> s.timestamp().equals(timestamp)).findFirst()
                .orElseThrow(() -> new InvalidInputException("timestamp", "no snapshot of " + normalized.url() + " at " + timestamp));
    }

    private PassageLocator.Passage passage(Snapshot snapshot, Request r) {
        String quote = required("quote", r.quote());
        if (quote.length() > MAX_QUOTE) throw new InvalidInputException("quote", "quote is longer than " + MAX_QUOTE + " characters: select a shorter passage");
        ExtractionStore.Extraction text = extractions.find(snapshot.id()).filter(e -> e.error() == null && e.text() != null)
                .orElseThrow(() -> new ReviewException(ReviewException.Kind.CONFLICT, "snapshot " + snapshot.id()
                        + " has no extracted text (not extracted yet, or extraction failed): a passage cannot be checked against it"));
        return PassageLocator.find(text.text(), quote, r.quoteStart())
                .orElseThrow(() -> new InvalidInputException("quote", "the quote is not in the extracted text of snapshot " + snapshot.id()
                        + ": select the passage in the snapshot's text"));
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) throw new InvalidInputException(field, field + " is required");
        return value.strip();
    }

    private static String optional(String field, String value, int max) {
        if (value == null || value.isBlank()) return null;
        String t = value.strip();
        if (t.length() > max) throw new InvalidInputException(field, field + " is longer than " + max + " characters");
        return t;
    }
}
