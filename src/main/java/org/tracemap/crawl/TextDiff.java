package org.tracemap.crawl;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import java.util.List;

/**
 * What changed between two snapshots of a page, on their extracted main text, line by line: rotating
 * navigation, ads and footers are not in the main text, so they do not show up as changes.
 */
public final class TextDiff {
    /** A unified diff and counts of lines added and removed. */
    public record Result(int added, int removed, List<String> unified) {}

    private TextDiff() {}

    public static Result between(String before, String after, String beforeName, String afterName) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        Patch<String> patch = DiffUtils.diff(a, b);
        int added = 0, removed = 0;
        for (AbstractDelta<String> d : patch.getDeltas()) {
            added += d.getTarget().size();
            removed += d.getSource().size();
        }
        return new Result(added, removed, UnifiedDiffUtils.generateUnifiedDiff(beforeName, afterName, a, patch, 2));
    }

    private static List<String> lines(String text) {
        return text == null || text.isEmpty() ? List.of() : text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
