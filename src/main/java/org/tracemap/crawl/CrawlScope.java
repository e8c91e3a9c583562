package org.tracemap.crawl;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.tracemap.intake.InvalidInputException;

/**
 * Whether a discovered URL belongs to a crawl: it must match an include rule (or, with none, start with
 * one of the seeds' site roots) and no exclude rule. A rule is a URL prefix, or a regular expression
 * between slashes.
 */
public final class CrawlScope {
    private final List<Predicate<String>> include = new ArrayList<>();
    private final List<Predicate<String>> exclude = new ArrayList<>();

    public CrawlScope(CrawlDefinition d, List<String> seedRoots) {
        for (String r : d.scope().include()) include.add(compile("scope.include", r));
        if (include.isEmpty()) for (String root : seedRoots) include.add(u -> u.startsWith(root));
        for (String r : d.scope().exclude()) exclude.add(compile("scope.exclude", r));
    }

    public boolean contains(String url) {
        return include.stream().anyMatch(p -> p.test(url)) && exclude.stream().noneMatch(p -> p.test(url));
    }

    static Predicate<String> compile(String field, String rule) {
        if (rule == null || rule.isBlank()) throw new InvalidInputException(field, "empty scope rule");
        if (rule.length() > 2 && rule.startsWith("/") && rule.endsWith("/")) {
            try {
                Pattern p = Pattern.compile(rule.substring(1, rule.length() - 1));
                return u -> p.matcher(u).find();
            } catch (PatternSyntaxException e) {
                throw new InvalidInputException(field, "not a regular expression: " + rule + " (" + e.getDescription() + ")");
            }
        }
        // "https://example.com" as a prefix would also take "https://example.com.evil.org": a bare origin means its root.
        String prefix = rule.matches("(?i)https?://[^/?#]+") ? rule + "/" : rule;
        return u -> u.startsWith(prefix);
    }
}
