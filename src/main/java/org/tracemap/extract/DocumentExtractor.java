package org.tracemap.extract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.sax.BodyContentHandler;
import org.apache.tika.sax.ContentHandlerDecorator;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.tracemap.limits.TimeLimitExceededException;
import org.tracemap.limits.TimeLimiter;
import org.tracemap.limits.WorkerFailedException;
import org.xml.sax.SAXException;

/**
 * The extract stage's work: HTML goes through jsoup and the main-text, title and date finders; every other
 * format (PDF, Office, ODF, RTF...) through Tika. The bytes decide between the two when the declared type is
 * wrong (a PDF sent as text/html, a page sent as application/pdf). Each document runs under a time limit, a
 * text limit, a link limit and, for zip packages, a limit on what they unpack to, so an encrypted, corrupt or
 * hostile document ends as an {@link ExtractionException} or a result with notes, never a hang or a crash.
 */
public final class DocumentExtractor implements AutoCloseable {
    /** Titles longer than this are cut: a title is a line in a list, and a page can put megabytes in og:title. */
    static final int MAX_TITLE_CHARS = 1_000;

    private final ExtractSettings settings;
    private final Parser tika;
    private final PublicationDateFinder dates = new PublicationDateFinder();
    private final LanguageGuesser languages = new LanguageGuesser();
    private final TimeLimiter limiter;

    public DocumentExtractor(ExtractSettings settings) {
        this.settings = settings;
        this.tika = new PackageSizeGuard(new AutoDetectParser(), settings.maxUnpackedBytes());
        this.limiter = new TimeLimiter("extraction", "tracemap.extract.time-limit", settings.timeLimit());
    }

    /**
     * @param contentType the HTTP Content-Type, or null when unknown (then the bytes decide)
     * @param url         the document's address, for resolving links; may be a file: URI
     */
    public ExtractedText extract(byte[] body, String contentType, String url) throws ExtractionException {
        if (body.length == 0) return new ExtractedText("", null, "und", "", List.of(), false); // an empty answer has no text
        try {
            return limiter.call(() -> extractNow(body, contentType, url));
        } catch (TimeLimitExceededException e) {
            throw new ExtractionException(e.getMessage());
        } catch (CancellationException e) {
            throw new ExtractionException("extraction interrupted");
        } catch (WorkerFailedException e) {
            throw new ExtractionException(e.getMessage(), e.getCause()); // "extraction failed: StackOverflowError"...
        } catch (RuntimeException e) {
            throw new ExtractionException("extraction failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** On the worker thread. */
    private ExtractedText extractNow(byte[] body, String contentType, String url) throws ExtractionException {
        try {
            return isHtml(body, contentType) ? html(body, contentType, url) : document(body, contentType);
        } catch (IOException e) {
            throw new ExtractionException("extraction failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private ExtractedText html(byte[] body, String contentType, String url) throws IOException {
        Charset charset = CharsetResolver.resolve(body, contentType);
        Document doc = Jsoup.parse(new String(body, charset), url);
        List<String> notes = new ArrayList<>();
        List<String> blocks = MainTextExtractor.extract(doc, notes);
        String text = String.join("\n\n", blocks);
        boolean truncated = text.length() > settings.maxTextChars();
        if (truncated) text = text.substring(0, settings.maxTextChars());
        List<String> links = links(doc, notes);
        LocalDate published = dates.find(doc, doc.body()).orElse(null);
        String lang = languages.guess(text.isBlank() ? doc.text() : text, declaredLanguage(doc));
        return new ExtractedText(title(TitleFinder.find(doc), notes), published, lang, text, links, truncated, List.copyOf(notes));
    }

    /** The language the page says it is in: {@code <html lang>}, else a Content-Language meta tag. */
    private static String declaredLanguage(Document doc) {
        String lang = doc.selectFirst("html") == null ? "" : doc.selectFirst("html").attr("lang");
        if (lang.isBlank()) {
            var meta = doc.selectFirst("meta[http-equiv=content-language]");
            if (meta != null) lang = meta.attr("content");
        }
        return lang.isBlank() ? null : lang;
    }

    /**
     * The page's http(s) links, without fragments, each once: at most {@code tracemap.extract.max-links}, since
     * resolving a million links costs seconds and crawls follow a level at a time anyway.
     */
    private List<String> links(Document doc, List<String> notes) {
        Set<String> links = new LinkedHashSet<>();
        var anchors = doc.select("a[href]");
        for (int i = 0; i < anchors.size(); i++) {
            if (links.size() == settings.maxLinks()) {
                notes.add(String.format(Locale.ROOT, "kept the first %,d links; %,d more link elements were not read (tracemap.extract.max-links)",
                        links.size(), anchors.size() - i));
                break;
            }
            String abs = anchors.get(i).absUrl("href");
            if (abs.startsWith("http://") || abs.startsWith("https://")) links.add(abs.replaceFirst("#.*$", ""));
        }
        return new ArrayList<>(links);
    }

    private static String title(String title, List<String> notes) {
        if (title == null || title.length() <= MAX_TITLE_CHARS) return title;
        notes.add(String.format(Locale.ROOT, "the title was cut to %,d of its %,d characters", MAX_TITLE_CHARS, title.length()));
        return title.substring(0, MAX_TITLE_CHARS);
    }

    private ExtractedText document(byte[] body, String contentType) throws ExtractionException, IOException {
        Metadata metadata = new Metadata();
        if (contentType != null) metadata.set(Metadata.CONTENT_TYPE, contentType);
        BodyContentHandler handler = new BodyContentHandler(settings.maxTextChars());
        ParseContext context = new ParseContext();
        TesseractOCRConfig ocr = new TesseractOCRConfig();
        ocr.setSkipOcr(!settings.ocr()); // OCR is very slow; only for scanned tenders, when asked for
        context.set(TesseractOCRConfig.class, ocr);
        PDFParserConfig pdf = new PDFParserConfig();
        pdf.setExtractInlineImages(settings.ocr());
        pdf.setOcrStrategy(settings.ocr() ? PDFParserConfig.OCR_STRATEGY.AUTO : PDFParserConfig.OCR_STRATEGY.NO_OCR);
        context.set(PDFParserConfig.class, pdf);
        context.set(Parser.class, tika); // embedded documents are parsed too, within the same limits
        boolean truncated = false;
        try (InputStream in = TikaInputStream.get(body)) {
            tika.parse(in, new StopWhenInterrupted(handler), metadata, context);
        } catch (EncryptedDocumentException e) {
            throw new ExtractionException("the document is encrypted (password-protected); its text cannot be extracted", e);
        } catch (PackageSizeGuard.TooLargeUnpacked e) {
            throw new ExtractionException(e.getMessage(), e);
        } catch (TikaException e) {
            throw new ExtractionException("the document could not be parsed (" + type(metadata) + "): " + rootMessage(e), e);
        } catch (SAXException e) {
            if (!WriteLimitReachedException.isWriteLimitReached(e)) {
                throw new ExtractionException("the document could not be parsed (" + type(metadata) + "): " + rootMessage(e), e);
            }
            truncated = true;
        }
        String text = normalizeBlocks(handler.toString());
        String title = metadata.get(TikaCoreProperties.TITLE);
        if (title == null || title.isBlank()) title = text.lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
        List<String> notes = new ArrayList<>();
        title = title(title, notes);
        LocalDate published = null;
        if (metadata.getDate(TikaCoreProperties.CREATED) != null) {
            published = metadata.getDate(TikaCoreProperties.CREATED).toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate();
        }
        LocalDate inText = PublicationDateFinder.parse(text.length() > 3000 ? text.substring(0, 3000) : text).orElse(null);
        if (inText != null) published = inText; // a date written in the document beats the file's creation date
        return new ExtractedText(title, published, languages.guess(text), text, List.of(), truncated, List.copyOf(notes));
    }

    /**
     * Ends a parse at the next piece of text or element it writes once its thread is interrupted (the time
     * limit passed), so a parser that never looks at the interrupt flag still stops while it produces output.
     */
    private static final class StopWhenInterrupted extends ContentHandlerDecorator {
        StopWhenInterrupted(org.xml.sax.ContentHandler handler) {
            super(handler);
        }

        private static void check() throws SAXException {
            if (Thread.currentThread().isInterrupted()) throw new SAXException("extraction stopped: its time limit passed");
        }

        @Override
        public void startElement(String uri, String localName, String name, org.xml.sax.Attributes atts) throws SAXException {
            check();
            super.startElement(uri, localName, name, atts);
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            check();
            super.characters(ch, start, length);
        }

        @Override
        public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
            check();
            super.ignorableWhitespace(ch, start, length);
        }
    }

    /** Tika writes a line per line of the document; paragraphs come out as blocks separated by blank lines. */
    private static String normalizeBlocks(String raw) {
        List<String> blocks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : raw.split("\\R")) {
            String l = line.replace('\u00a0', ' ').strip();
            if (l.isEmpty()) {
                if (current.length() > 0) blocks.add(current.toString());
                current.setLength(0);
            } else {
                if (current.length() > 0) current.append(' ');
                current.append(l);
            }
        }
        if (current.length() > 0) blocks.add(current.toString());
        return String.join("\n\n", blocks);
    }

    /**
     * Whether to read the document as HTML. The bytes win over a wrong declared type: a PDF, an Office file or
     * RTF sent as text/html goes to Tika, and a page that starts as HTML goes to jsoup whatever type it was sent
     * with (application/pdf, application/octet-stream...).
     */
    static boolean isHtml(byte[] body, String contentType) {
        if (isBinaryDocument(body)) return false;
        String head = head(body);
        boolean startsAsHtml = head.startsWith("<!doctype html") || head.startsWith("<html");
        if (contentType != null) {
            String ct = contentType.toLowerCase(Locale.ROOT);
            if (ct.contains("html")) return true;
            if (!ct.startsWith("text/plain") && !ct.startsWith("application/octet-stream") && !ct.isBlank()) return startsAsHtml;
        }
        return startsAsHtml || head.contains("<head") || head.contains("<body");
    }

    /** The first KB, lower case, without a byte-order mark or leading white space. */
    private static String head(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, 1024), java.nio.charset.StandardCharsets.ISO_8859_1).stripLeading().toLowerCase(Locale.ROOT);
        if (head.startsWith("\ufeff") || head.startsWith("ï»¿")) head = head.substring(head.startsWith("\ufeff") ? 1 : 3).stripLeading();
        return head;
    }

    /** PDF, zip (Office Open XML, ODF, EPUB), OLE2 (legacy Office) and RTF, by their first bytes. */
    private static boolean isBinaryDocument(byte[] b) {
        return startsWith(b, '%', 'P', 'D', 'F', '-') || startsWith(b, 'P', 'K', 3, 4)
                || startsWith(b, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1) || startsWith(b, '{', '\\', 'r', 't', 'f');
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if ((b[i] & 0xff) != prefix[i]) return false;
        return true;
    }

    private static String type(Metadata metadata) {
        String t = metadata.get(Metadata.CONTENT_TYPE);
        return t == null ? "unknown type" : t;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    @Override
    public void close() {
        limiter.close();
    }
}
