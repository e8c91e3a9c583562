package org.tracemap.extract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.apache.tika.exception.TikaException;
import org.apache.tika.io.TemporaryResources;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.ParserDecorator;
import org.tracemap.limits.Interruption;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Refuses zip packages (Office Open XML, ODF, EPUB, plain zip) whose parts unpack to more than a limit,
 * before any parser opens them: the zip bomb guard. Installed as the parser for embedded documents too, so
 * a package inside a package is checked the same way.
 *
 * <p>Why our own: Tika's {@code OOXMLParser} switches POI's inflate-ratio check off
 * ({@code ZipSecureFile.setMinInflateRatio(-1)} in its static initialiser), and Tika's
 * {@code SecureContentHandler} compares the characters a parser writes with the bytes it read, so it never
 * fires on a bomb that writes little text, nor before POI's DOM-based DOCX reader has inflated and built the
 * whole document (a 5 MB DOCX of empty paragraphs ran out of a 2 GB heap). The parts are counted by
 * inflating them, not from the sizes the zip directory claims, and each entry of the central directory is
 * inflated on its own, so entries that share compressed data are counted as often as a parser would read them.
 */
final class PackageSizeGuard extends ParserDecorator {
    private final long maxUnpackedBytes;

    PackageSizeGuard(Parser parser, long maxUnpackedBytes) {
        super(parser);
        this.maxUnpackedBytes = maxUnpackedBytes;
    }

    /** The package's parts unpack to more than the limit. */
    static final class TooLargeUnpacked extends TikaException {
        TooLargeUnpacked(String message) {
            super(message);
        }
    }

    @Override
    public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context)
            throws IOException, SAXException, TikaException {
        try (TemporaryResources tmp = new TemporaryResources()) {
            TikaInputStream tis = TikaInputStream.get(stream, tmp, metadata);
            if (isZip(tis)) check(tis.getPath()); // spooled once; the Office parsers open the same file
            super.parse(tis, handler, metadata, context);
        }
    }

    private static boolean isZip(TikaInputStream in) throws IOException {
        in.mark(4);
        try {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        } finally {
            in.reset();
        }
    }

    private void check(Path zip) throws IOException, TooLargeUnpacked {
        ZipFile file;
        try {
            file = new ZipFile(zip.toFile());
        } catch (ZipException e) {
            return; // not a zip the JDK can read (damaged, odd name encoding): the parsers decide, within the time limit
        }
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (file) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory()) continue;
                try (InputStream in = file.getInputStream(entry)) {
                    for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                        total += n;
                        if (total > maxUnpackedBytes) throw new TooLargeUnpacked(tooLarge(entry));
                        Interruption.check();
                    }
                } catch (ZipException e) {
                    // a damaged entry counts for what could be read; the next may be the large one
                }
            }
        }
    }

    private String tooLarge(ZipEntry entry) {
        return "the document's parts unpack to more than " + (maxUnpackedBytes >> 20) + " MB (tracemap.extract.max-unpacked-bytes; at "
                + entry.getName() + "): not extracted, it may be a zip bomb";
    }
}
