package org.tracemap.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tracemap's configuration: the documented defaults in {@code config/application.properties}, overridden
 * by environment variables, overridden by command-line flags.
 *
 * <p>Only keys that the defaults file documents are accepted, so a mistyped key is an error rather than a
 * silently ignored setting.
 */
public final class TracemapConfig {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|MB|GB)?", Pattern.CASE_INSENSITIVE);

    private final Properties values;
    private final Path home;

    private TracemapConfig(Properties values, Path home) {
        this.values = values;
        this.home = home;
    }

    /**
     * Loads the defaults bundled in the jar, then {@code config/application.properties} under {@code home}
     * if present, then the environment, then {@code overrides}.
     */
    public static TracemapConfig load(Path home, Map<String, String> env, Map<String, String> overrides) {
        Properties props = new Properties();
        try (InputStream in = TracemapConfig.class.getResourceAsStream("/application.properties")) {
            if (in == null) throw new IllegalStateException("application.properties is missing from the classpath");
            props.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundled application.properties: " + e.getMessage(), e);
        }
        Path file = home.resolve("config/application.properties");
        if (Files.isReadable(file)) {
            Properties onDisk = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                onDisk.load(reader);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
            }
            onDisk.forEach((k, v) -> props.setProperty((String) k, (String) v));
        }
        for (String key : props.stringPropertyNames()) {
            String fromEnv = env.get(envName(key));
            if (fromEnv != null) props.setProperty(key, fromEnv);
        }
        overrides.forEach((key, value) -> {
            if (!props.containsKey(key)) throw new IllegalArgumentException("unknown configuration key: " + key);
            props.setProperty(key, value);
        });
        return new TracemapConfig(props, home);
    }

    /** Defaults only (bundled file and the given overrides); for tests and tools. */
    public static TracemapConfig defaults(Map<String, String> overrides) {
        return load(Path.of("/nonexistent-tracemap-home"), Map.of(), overrides);
    }

    /** The environment variable that overrides {@code key}: {@code tracemap.fetch.allow-private -> TRACEMAP_FETCH_ALLOW_PRIVATE}. */
    public static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** A file or folder setting: relative paths are taken from the installation folder (where config/ is). */
    public Path path(String key) {
        Path p = Path.of(string(key));
        return p.isAbsolute() ? p : home.resolve(p);
    }

    public String string(String key) {
        String value = values.getProperty(key);
        if (value == null) throw new IllegalArgumentException("unknown configuration key: " + key);
        return value.trim();
    }

    /** A comma-separated setting as its non-blank items, stripped; empty when the value is empty. */
    public java.util.List<String> list(String key) {
        return java.util.Arrays.stream(string(key).split(",")).map(String::strip).filter(item -> !item.isEmpty()).toList();
    }

    public int integer(String key) {
        try {
            return Integer.parseInt(string(key));
        } catch (NumberFormatException e) {
            throw invalid(key, "a whole number");
        }
    }

    public boolean bool(String key) {
        String value = string(key).toLowerCase(Locale.ROOT);
        if (value.equals("true")) return true;
        if (value.equals("false")) return false;
        throw invalid(key, "true or false");
    }

    public Duration duration(String key) {
        Matcher m = DURATION.matcher(string(key));
        if (!m.matches()) throw invalid(key, "a duration such as 500ms, 30s, 5m or 1h");
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return switch (unit) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofMillis(n);
        };
    }

    public long bytes(String key) {
        Matcher m = SIZE.matcher(string(key));
        if (!m.matches()) throw invalid(key, "a size such as 512KB, 100MB or 1GB");
        String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
        try {
            long n = Long.parseLong(m.group(1));
            return switch (unit) {
                case "KB" -> Math.multiplyExact(n, 1L << 10);
                case "MB" -> Math.multiplyExact(n, 1L << 20);
                case "GB" -> Math.multiplyExact(n, 1L << 30);
                default -> n;
            };
        } catch (ArithmeticException | NumberFormatException e) {
            throw invalid(key, "a size that fits in 8 exabytes");
        }
    }

    /** Every key and value, for Camel's property placeholders ({@code {{tracemap.fetch.concurrency}}}). */
    public Properties asProperties() {
        Properties copy = new Properties();
        copy.putAll(values);
        return copy;
    }

    private IllegalArgumentException invalid(String key, String expected) {
        return new IllegalArgumentException("configuration " + key + "=" + values.getProperty(key) + " is not " + expected);
    }
}
