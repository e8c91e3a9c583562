package org.tracemap.extract;

import java.time.LocalDate;
import java.util.List;

/**
 * What the extract stage gets out of one document: its title, publication date, language, main text
 * (the article body only, blocks separated by blank lines) and the links it holds (for crawls).
 *
 * @param published null when the document gives no date that can be trusted as its publication date
 * @param lang      ISO 639-1 code of the dominant language ("en", "zh", ...), or "und" when undetermined
 * @param truncated true when the text hit the length limit
 * @param notes     limits the extraction reached, in words a researcher understands (links dropped, a title cut...)
 */
public record ExtractedText(String title, LocalDate published, String lang, String text, List<String> outlinks, boolean truncated,
                            List<String> notes) {
    public ExtractedText(String title, LocalDate published, String lang, String text, List<String> outlinks, boolean truncated) {
        this(title, published, lang, text, outlinks, truncated, List.of());
    }
}
