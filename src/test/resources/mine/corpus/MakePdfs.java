/*
 * Generator for the PDF pages of the mine evaluation corpus.
 *
 * Reads pdf-src/NAME.txt (a tiny markup, see below) and writes NAME.pdf beside this file, with real,
 * extractable text (embedded, subset TrueType fonts with ToUnicode maps). Run it with make-pdfs.sh, or:
 *
 *   M=~/.m2/repository
 *   java -cp $M/org/apache/pdfbox/pdfbox/3.0.7/pdfbox-3.0.7.jar:$M/org/apache/pdfbox/pdfbox-io/3.0.7/pdfbox-io-3.0.7.jar:\
 *            $M/org/apache/pdfbox/fontbox/3.0.7/fontbox-3.0.7.jar:$M/commons-logging/commons-logging/1.3.5/commons-logging-1.3.5.jar \
 *        MakePdfs.java
 *
 * Fonts: DejaVu Sans (Debian fonts-dejavu-core) for English, WenQuanYi Zen Hei (Debian fonts-wqy-zenhei) for Chinese.
 *
 * Markup of pdf-src/NAME.txt:
 *   @title: / @author: / @lang: en|zh / @date: YYYY-MM-DD   document metadata (first lines)
 *   # text      title line (bold, centred)
 *   ## text     heading (bold)
 *   ---         horizontal rule
 *   | a | b |   table row; consecutive rows form one table, the first row is the header (bold)
 *   blank line  paragraph break; other consecutive lines are joined into one paragraph
 *               (in English with a space; in Chinese without), except that a line of an
 *               address block (no blank line between) is kept as its own line when the
 *               previous line is short (< 60 characters).
 */
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;

public class MakePdfs {
    static final String DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    static final String DEJAVU_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
    static final String WQY = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc";

    static final float MARGIN = 64f;
    static final PDRectangle SIZE = PDRectangle.A4;

    public static void main(String[] args) throws Exception {
        Path here = Path.of(args.length > 0 ? args[0] : ".");
        Path src = here.resolve("pdf-src");
        try (var files = Files.list(src)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                String name = p.getFileName().toString().replaceFirst("\\.txt$", ".pdf");
                Path out = here.resolve(name);
                new MakePdfs().render(Files.readAllLines(p, StandardCharsets.UTF_8), out);
                System.out.println(out + " " + Files.size(out) + " bytes");
            }
        }
    }

    PDDocument doc;
    PDFont regular, bold;
    boolean zh;
    PDPage page;
    PDPageContentStream cs;
    float y;

    void render(List<String> lines, Path out) throws IOException {
        String title = "", author = "", date = "2020-01-01";
        zh = false;
        List<String> body = new ArrayList<>();
        for (String l : lines) {
            if (l.startsWith("@title:")) title = l.substring(7).trim();
            else if (l.startsWith("@author:")) author = l.substring(8).trim();
            else if (l.startsWith("@lang:")) zh = l.substring(6).trim().equals("zh");
            else if (l.startsWith("@date:")) date = l.substring(6).trim();
            else body.add(l);
        }
        try (PDDocument d = new PDDocument()) {
            doc = d;
            if (zh) {
                TrueTypeCollection ttc = new TrueTypeCollection(new File(WQY));
                TrueTypeFont ttf = ttc.getFontByName("WenQuanYiZenHei");
                ttf.setEnableGsub(false);
                regular = PDType0Font.load(doc, ttf, true);
                bold = regular;
            } else {
                regular = loadTtf(DEJAVU);
                bold = loadTtf(DEJAVU_BOLD);
            }
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(title);
            info.setAuthor(author);
            info.setCreator("Tracemap mine corpus MakePdfs.java");
            String[] ymd = date.split("-");
            Calendar cal = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
            cal.clear();
            cal.set(Integer.parseInt(ymd[0]), Integer.parseInt(ymd[1]) - 1, Integer.parseInt(ymd[2]), 9, 0, 0);
            info.setCreationDate(cal);
            info.setModificationDate(cal);
            doc.setDocumentId((long) out.getFileName().toString().hashCode()); // fixed /ID: reproducible output
            newPage();
            layout(body);
            cs.close();
            doc.save(out.toFile());
        }
    }

    /** Loads a TrueType font with GSUB off, so that no ligature glyphs (fi, ff) end up in the extracted text. */
    PDFont loadTtf(String path) throws IOException {
        TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBufferedFile(path));
        ttf.setEnableGsub(false);
        return PDType0Font.load(doc, ttf, true);
    }

    void layout(List<String> body) throws IOException {
        StringBuilder para = new StringBuilder();
        String prevLine = null;
        List<String[]> table = new ArrayList<>();
        for (String raw : body) {
            String l = raw.strip();
            boolean isTable = l.startsWith("|") && l.endsWith("|");
            if (!isTable && !table.isEmpty()) { drawTable(table); table.clear(); }
            if (isTable) {
                flushPara(para);
                String inner = l.substring(1, l.length() - 1);
                String[] cells = inner.split("\\|");
                for (int i = 0; i < cells.length; i++) cells[i] = cells[i].strip();
                table.add(cells);
            } else if (l.isEmpty()) {
                flushPara(para);
                y -= 4;
            } else if (l.startsWith("## ")) {
                flushPara(para);
                y -= 4;
                paragraph(l.substring(3), bold, 11.5f, false);
                y -= 2;
            } else if (l.startsWith("# ")) {
                flushPara(para);
                paragraph(l.substring(2), bold, 14f, true);
                y -= 2;
            } else if (l.equals("---")) {
                flushPara(para);
                ensure(12);
                cs.setLineWidth(0.8f);
                cs.moveTo(MARGIN, y - 4);
                cs.lineTo(SIZE.getWidth() - MARGIN, y - 4);
                cs.stroke();
                y -= 14;
            } else {
                if (para.length() > 0) {
                    if (prevLine != null && prevLine.length() < 60 && !zh) {
                        flushPara(para);
                    } else if (zh) {
                        flushPara(para);
                    } else {
                        para.append(' ');
                    }
                }
                para.append(l);
            }
            prevLine = l;
        }
        if (!table.isEmpty()) drawTable(table);
        flushPara(para);
    }

    void flushPara(StringBuilder para) throws IOException {
        if (para.length() == 0) return;
        paragraph(para.toString(), regular, 10.5f, false);
        y -= 5;
        para.setLength(0);
    }

    void paragraph(String text, PDFont font, float size, boolean centre) throws IOException {
        float width = SIZE.getWidth() - 2 * MARGIN;
        for (String line : wrap(text, font, size, width)) {
            ensure(size * 1.45f);
            float x = MARGIN;
            if (centre) x = (SIZE.getWidth() - font.getStringWidth(line) / 1000 * size) / 2;
            show(line, font, size, x, y - size);
            y -= size * 1.45f;
        }
    }

    void drawTable(List<String[]> rows) throws IOException {
        int n = 0;
        for (String[] r : rows) n = Math.max(n, r.length);
        float width = SIZE.getWidth() - 2 * MARGIN;
        float size = 9f;
        float pad = 3f, lead = size * 1.35f;
        // column widths: every column gets at least its longest word, the rest of the line
        // is shared in proportion to how much more each column would need to fit on one line
        float[] nat = new float[n], min = new float[n];
        for (int ri = 0; ri < rows.size(); ri++) {
            PDFont f = ri == 0 ? bold : regular;
            String[] r = rows.get(ri);
            for (int i = 0; i < r.length; i++) {
                nat[i] = Math.max(nat[i], f.getStringWidth(r[i]) / 1000 * size + 2 * pad + 1);
                float longest = 0; // short cells ("Lot 1", "中标人") are kept on one line
                for (String w : r[i].length() <= 12 ? new String[] {r[i]} : zh ? r[i].split("") : r[i].split(" "))
                    longest = Math.max(longest, f.getStringWidth(w) / 1000 * size);
                min[i] = Math.max(min[i], longest + 2 * pad + 1);
            }
        }
        float sumNat = 0, sumMin = 0, sumExtra = 0;
        for (int i = 0; i < n; i++) { sumNat += nat[i]; sumMin += min[i]; sumExtra += nat[i] - min[i]; }
        float[] colW = new float[n];
        for (int i = 0; i < n; i++) {
            if (sumNat <= width) colW[i] = nat[i] * width / sumNat;
            else colW[i] = min[i] + (width - sumMin) * (sumExtra == 0 ? 1f / n : (nat[i] - min[i]) / sumExtra);
        }
        y -= 2;
        for (int ri = 0; ri < rows.size(); ri++) {
            String[] r = rows.get(ri);
            PDFont f = ri == 0 ? bold : regular;
            List<List<String>> cellLines = new ArrayList<>();
            int maxLines = 1;
            for (int i = 0; i < n; i++) {
                String c = i < r.length ? r[i] : "";
                List<String> wl = wrap(c, f, size, colW[i] - 2 * pad);
                cellLines.add(wl);
                maxLines = Math.max(maxLines, wl.size());
            }
            float h = maxLines * lead + 2 * pad;
            ensure(h);
            float x = MARGIN;
            cs.setLineWidth(0.5f);
            for (int i = 0; i < n; i++) {
                cs.addRect(x, y - h, colW[i], h);
                cs.stroke();
                float ly = y - pad - size;
                for (String s : cellLines.get(i)) {
                    show(s, f, size, x + pad, ly);
                    ly -= lead;
                }
                x += colW[i];
            }
            y -= h;
        }
        y -= 8;
    }

    void show(String s, PDFont font, float size, float x, float yy) throws IOException {
        if (s.isEmpty()) return;
        cs.beginText();
        cs.setFont(font, size);
        cs.newLineAtOffset(x, yy);
        cs.showText(s);
        cs.endText();
    }

    /** Greedy wrap: Latin text breaks at spaces, CJK text between any two characters. */
    List<String> wrap(String text, PDFont font, float size, float width) throws IOException {
        List<String> tokens = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            String ch = new String(Character.toChars(cp));
            if (isCjk(cp)) {
                if (cur.length() > 0) { tokens.add(cur.toString()); cur.setLength(0); }
                tokens.add(ch);
            } else if (cp == ' ') {
                cur.append(ch);
                tokens.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
            i += Character.charCount(cp);
        }
        if (cur.length() > 0) tokens.add(cur.toString());
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String t : tokens) {
            String cand = line + t;
            if (line.length() > 0 && font.getStringWidth(cand.stripTrailing()) / 1000 * size > width) {
                out.add(line.toString().stripTrailing());
                line.setLength(0);
                line.append(t.stripLeading());
            } else {
                line.append(t);
            }
        }
        if (line.length() > 0 || out.isEmpty()) out.add(line.toString().stripTrailing());
        return out;
    }

    static boolean isCjk(int cp) {
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return s == Character.UnicodeScript.HAN
                || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF);
    }

    void ensure(float h) throws IOException {
        if (y - h < MARGIN) {
            cs.close();
            newPage();
        }
    }

    void newPage() throws IOException {
        page = new PDPage(SIZE);
        doc.addPage(page);
        cs = new PDPageContentStream(doc, page);
        y = SIZE.getHeight() - MARGIN;
    }
}
