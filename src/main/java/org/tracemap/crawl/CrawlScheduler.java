package org.tracemap.crawl;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import org.quartz.CronExpression;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracemap.catalog.CrawlStore;

/**
 * Starts crawls whose cron schedule has come round. Quartz fires {@link #runDue} every minute
 * ({@code routes/90-schedule.camel.yaml}); a crawl is due when its expression has a fire time after its
 * last run's start (or, for a crawl never run, after this process started) and not after now.
 */
public final class CrawlScheduler {
    private static final Logger log = LoggerFactory.getLogger(CrawlScheduler.class);

    private final Crawls crawls;
    private final CrawlStore store;
    private final CrawlRunner runner;
    private final Clock clock;
    private final Instant bootedAt;

    public CrawlScheduler(Crawls crawls, CrawlStore store, CrawlRunner runner, Clock clock) {
        this.crawls = crawls;
        this.store = store;
        this.runner = runner;
        this.clock = clock;
        this.bootedAt = clock.instant();
    }

    public int runDue() {
        int started = 0;
        Instant now = clock.instant();
        for (CrawlDefinition d : crawls.all()) {
            if (d.schedule() == null || d.schedule().isBlank()) continue;
            try {
                CronExpression cron = new CronExpression(d.schedule());
                var runs = store.runsOf(d.name());
                if (!runs.isEmpty() && (runs.get(0).status().equals("RUNNING") || runs.get(0).status().equals("STARTING"))) continue;
                Instant since = runs.stream().findFirst().map(r -> Instant.parse(r.startedAt())).orElse(bootedAt);
                Date next = cron.getNextValidTimeAfter(Date.from(since));
                if (next != null && !next.toInstant().isAfter(now)) {
                    long id = runner.startInBackground(d.name());
                    log.info("scheduled crawl {} started as run {}", d.name(), id);
                    started++;
                }
            } catch (ParseException | RuntimeException e) {
                log.error("could not start scheduled crawl {}", d.name(), e);
            }
        }
        return started;
    }
}
