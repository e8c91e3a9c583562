package org.tracemap.ranker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current model, {@code archive/models/ranker.json}: read when it changes on disk (so a server picks up a
 * model that {@code mine retrain} wrote), replaced whole (written beside it, then moved over it). As a function
 * it ranks a candidate's features: the model's probability, or null while there is no model, or when the file
 * cannot be read (logged once per change: mining goes on with the rule score).
 */
public final class RankerFile implements Function<Map<String, Double>, Double> {
    private static final Logger log = LoggerFactory.getLogger(RankerFile.class);

    private final Path file;
    private final ObjectMapper json;
    private FileTime seen;
    private Optional<RankerModel> model = Optional.empty();
    private String failure;

    public RankerFile(Path file, ObjectMapper json) {
        this.file = file;
        this.json = json;
    }

    /** Where an archive keeps its model. */
    public static Path in(Path archiveRoot) {
        return archiveRoot.resolve("models").resolve("ranker.json");
    }

    public Path path() {
        return file;
    }

    /** The model on disk now, if there is one; a file that cannot be read is an error. */
    public synchronized Optional<RankerModel> current() {
        FileTime modified;
        try {
            modified = Files.getLastModifiedTime(file);
        } catch (NoSuchFileException e) {
            seen = null;
            model = Optional.empty();
            return model;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ranker model " + file + ": " + e.getMessage(), e);
        }
        if (!modified.equals(seen)) {
            try {
                model = Optional.of(json.readValue(file.toFile(), RankerModel.class));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the ranker model " + file + ": " + e.getMessage(), e);
            }
            seen = modified;
        }
        return model;
    }

    /**
     * Writes {@code next} as the current model. A failure names the file or folder and the reason ("cannot create
     * archive/models: permission denied"), and leaves the current model as it was.
     */
    public synchronized void replace(RankerModel next) throws IOException {
        Path dir = file.getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create " + dir + ": " + reason(e), e);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (OutputStream o = Files.newOutputStream(tmp)) {
                json.writer(SerializationFeature.INDENT_OUTPUT).writeValue(o, next);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the reason below is the one that matters
            }
            throw new IOException("cannot write " + file + ": " + reason(e), e);
        }
        seen = null;
    }

    /** Why a file operation failed, in words: NIO's exceptions often carry only the path. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof FileAlreadyExistsException) return "a file of that name is in the way";
        if (e instanceof NoSuchFileException) return "no such file or folder";
        if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason().toLowerCase(Locale.ROOT);
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    @Override
    public synchronized Double apply(Map<String, Double> features) {
        try {
            Optional<RankerModel> m = current();
            failure = null;
            return m.map(x -> x.probability(features)).orElse(null);
        } catch (UncheckedIOException e) {
            if (!e.getMessage().equals(failure)) log.warn("candidates are not ranked: {}", e.getMessage());
            failure = e.getMessage();
            return null;
        }
    }
}
