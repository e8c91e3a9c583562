package org.tracemap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code serve} prints the one-time admin token when the server has started; no log line may follow it (Quartz's
 * start-up chatter once buried it), and a start and stop should not fill the log with library INFO lines.
 */
class StartupLogIT {
    @TempDir
    Path archive;

    @Test
    void aServerStartsAndStopsWithoutLibraryChatterAndLogsNothingOnceStarted() throws Exception {
        ch.qos.logback.classic.Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        List<ILoggingEvent> afterStart;
        try {
            try (TestServer server = new TestServer(archive, Map.of())) {
                long started = System.currentTimeMillis();
                Thread.sleep(1_500); // Quartz's scheduler started about a second after Camel had
                afterStart = List.copyOf(log.list).stream().filter(e -> e.getTimeStamp() >= started).toList();
            }
        } finally {
            root.detachAppender(log);
        }
        assertThat(afterStart).as("logged once the server had started").extracting(ILoggingEvent::getFormattedMessage).isEmpty();
        assertThat(log.list).as("library INFO lines at start and stop")
                .filteredOn(e -> !e.getLoggerName().startsWith("org.tracemap") && !e.getLevel().isGreaterOrEqual(Level.WARN))
                .extracting(e -> e.getLoggerName() + ": " + e.getFormattedMessage()).isEmpty();
    }
}
