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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The extract stage's work: HTML goes through jsoup and the main-text, title and date finders; every other
 * format (PDF, Office, ODF, RTF...) through Tika. Each document runs under a time limit and a text limit,
 * so an encrypted, corrupt or hostile document ends as an {@link ExtractionException}, never a hang.
 */
public final class DocumentExtractor implements AutoCloseable {
    private final ExtractSettings settings;
    private final Parser tika = new AutoDetectParser();
    private final PublicationDateFinder dates = new PublicationDateFinder();
    private final LanguageGuesser languages = new LanguageGuesser();
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "extract-worker");
        t.setDaemon(true);
        return t;
    });

    public DocumentExtractor(ExtractSettings settings) {
        this.settings = settings;
    }

    /**
     * @param contentType the HTTP Content-Type, or null when unknown (then the bytes decide)
     * @param url         the document's address, for resolving links; may be a file: URI
     */
    public ExtractedText extract(byte[] body, String contentType, String url) throws ExtractionException {
        if (body.length == 0) return new ExtractedText("", null, "und", "", List.of(), false); // an empty answer has no text
        Future<ExtractedText> job = workers.submit(() -> isHtml(body, contentType) ? html(body, contentType, url) : document(body, contentType));
        try {
            return job.get(settings.timeLimit().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            job.cancel(true);
            throw new ExtractionException("extraction took longer than " + settings.timeLimit().toSeconds() + " s (tracemap.extract.time-limit)");
        } catch (InterruptedException e) {
            job.cancel(true);
            Thread.currentThread().interrupt();
            throw new ExtractionException("extraction interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ExtractionException x) throw x;
            throw new ExtractionException("extraction failed: " + cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
        }
    }

    private ExtractedText html(byte[] body, String contentType, String url) throws IOException {
        Charset charset = CharsetResolver.resolve(body, contentType);
        Document doc = Jsoup.parse(new String(body, charset), url);
        List<String> blocks = MainTextExtractor.extract(doc);
        String text = String.join("\n\n", blocks);
        boolean truncated = text.length() > settings.maxTextChars();
        if (truncated) text = text.substring(0, settings.maxTextChars());
        Set<String> links = new LinkedHashSet<>();
        for (Element a : doc.select("a[href]")) {
            String abs = a.absUrl("href");
            if (abs.startsWith("http://") || abs.startsWith("https://")) links.add(abs.replaceFirst("#.*$", ""));
        }
        LocalDate published = dates.find(doc, doc.body()).orElse(null);
        String lang = languages.guess(text.isBlank() ? doc.text() : text);
        return new ExtractedText(TitleFinder.find(doc), published, lang, text, new ArrayList<>(links), truncated);
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
            tika.parse(in, handler, metadata, context);
        } catch (EncryptedDocumentException e) {
            throw new ExtractionException("the document is encrypted (password-protected); its text cannot be extracted", e);
        } catch (TikaException e) {
            throw new ExtractionException("the document could not be parsed (" + type(metadata) + "): " + rootMessage(e), e);
        } catch (org.xml.sax.SAXException e) {
            if (!WriteLimitReachedException.isWriteLimitReached(e)) {
                throw new ExtractionException("the document could not be parsed (" + type(metadata) + "): " + rootMessage(e), e);
            }
            truncated = true;
        }
        String text = normalizeBlocks(handler.toString());
        String title = metadata.get(TikaCoreProperties.TITLE);
        if (title == null || title.isBlank()) title = text.lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
        LocalDate published = null;
        if (metadata.getDate(TikaCoreProperties.CREATED) != null) {
            published = metadata.getDate(TikaCoreProperties.CREATED).toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate();
        }
        LocalDate inText = PublicationDateFinder.parse(text.length() > 3000 ? text.substring(0, 3000) : text).orElse(null);
        if (inText != null) published = inText; // a date written in the document beats the file's creation date
        return new ExtractedText(title, published, languages.guess(text), text, List.of(), truncated);
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

    static boolean isHtml(byte[] body, String contentType) {
        if (contentType != null) {
            String ct = contentType.toLowerCase(Locale.ROOT);
            if (ct.contains("html")) return true;
            if (!ct.startsWith("text/plain") && !ct.startsWith("application/octet-stream") && !ct.isBlank()) return false;
        }
        String head = new String(body, 0, Math.min(body.length, 1024), java.nio.charset.StandardCharsets.ISO_8859_1).stripLeading().toLowerCase(Locale.ROOT);
        if (head.startsWith("\ufeff") || head.startsWith("ï»¿")) head = head.substring(head.startsWith("\ufeff") ? 1 : 3);
        return head.startsWith("<!doctype html") || head.startsWith("<html") || head.contains("<head") || head.contains("<body");
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
        workers.shutdownNow();
    }
}
