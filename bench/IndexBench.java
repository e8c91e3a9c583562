import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.tracemap.index.IndexedDocument;
import org.tracemap.index.LuceneIndex;
import org.tracemap.index.SearchQuery;

/**
 * Index benchmark: Tracemap's LuceneIndex (three analyses, facets, near-real-time) against a bare
 * IndexWriter with the same analyzers and text fields, on the same generated documents; then search
 * latency (with facets and highlighted snippets) over the full index. Run: bench/run-index-bench.sh
 */
public class IndexBench {
    static final String[] EN = ("huawei zte alibaba cloud hikvision tencent baidu china mobile telecom unicom smart city safe city "
            + "data centre cable landing subsea 5g network university partnership laboratory research tender cctv camera surveillance "
            + "government ministry agreement memorandum signed project phase contract supply installation training scholarship "
            + "nairobi lagos quito jakarta riyadh lusaka islamabad djibouti mombasa yangon bangkok kampala addis ababa "
            + "the a of and to in for with on by said company officials operator county minister announced expansion").split(" ");
    static final String ZH = "华为中兴阿里云海康威视腾讯百度中国移动电信联通智慧城市平安城市数据中心海缆登陆网络大学合作实验室研究招标摄像头监控政府部长协议备忘录签署项目合同供应安装培训内罗毕拉各斯基多雅加达利雅得卢萨卡伊斯兰堡吉布提蒙巴萨仰光曼谷的了在和与将为对";

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Path work = Path.of(args[1]);
        List<IndexedDocument> docs = generate(n);
        Path ours = work.resolve("tracemap-index");
        Path bare = work.resolve("bare-index");

        long t0 = System.nanoTime();
        try (LuceneIndex index = new LuceneIndex(ours)) {
            for (IndexedDocument d : docs) index.index(d);
            index.commit();
        }
        double oursSec = (System.nanoTime() - t0) / 1e9;

        long t1 = System.nanoTime();
        Analyzer english = new EnglishAnalyzer(), chinese = new SmartChineseAnalyzer(), bigrams = new CJKAnalyzer();
        Analyzer analyzer = new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), Map.of("title_en", english, "body_en", english,
                "title_zh", chinese, "body_zh", chinese, "title_cjk", bigrams, "body_cjk", bigrams));
        try (FSDirectory dir = FSDirectory.open(bare); IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer).setRAMBufferSizeMB(64))) {
            for (IndexedDocument d : docs) {
                Document doc = new Document();
                doc.add(new StringField("id", d.snapshotId(), Field.Store.YES));
                for (String f : new String[] {"title_en", "title_zh", "title_cjk"}) doc.add(new TextField(f, d.title(), Field.Store.NO));
                for (String f : new String[] {"body_en", "body_zh", "body_cjk"}) doc.add(new TextField(f, d.text(), Field.Store.NO));
                w.addDocument(doc);
            }
            w.commit();
        }
        double bareSec = (System.nanoTime() - t1) / 1e9;
        System.out.printf("documents: %d%n", n);
        System.out.printf("tracemap LuceneIndex: %.1f s, %.0f docs/s%n", oursSec, n / oursSec);
        System.out.printf("bare IndexWriter:     %.1f s, %.0f docs/s%n", bareSec, n / bareSec);
        System.out.printf("ratio tracemap/bare: %.2f%n", bareSec / oursSec);

        Random random = new Random(7);
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            if (i % 3 == 2) queries.add(zhWord(random) + " " + zhWord(random));
            else queries.add(EN[random.nextInt(60)] + " " + EN[random.nextInt(60)]);
        }
        try (LuceneIndex index = new LuceneIndex(ours)) {
            for (int i = 0; i < 100; i++) index.search(new SearchQuery(queries.get(i % queries.size()), null, null, null, null, null, 20)); // warm-up
            long[] micros = new long[queries.size()];
            long total = 0;
            for (int i = 0; i < queries.size(); i++) {
                long s = System.nanoTime();
                total += index.search(new SearchQuery(queries.get(i), null, null, null, null, null, 20)).total();
                micros[i] = (System.nanoTime() - s) / 1000;
            }
            Arrays.sort(micros);
            System.out.printf("search (%d queries, 20 hits, facets + snippets): p50 %.1f ms, p99 %.1f ms, max %.1f ms (mean hits %d)%n",
                    micros.length, micros[micros.length / 2] / 1000.0, micros[(int) (micros.length * 0.99)] / 1000.0,
                    micros[micros.length - 1] / 1000.0, total / micros.length);
        }
    }

    static String zhWord(Random r) {
        int i = r.nextInt(ZH.length() - 2);
        return ZH.substring(i, i + 2);
    }

    static List<IndexedDocument> generate(int n) {
        Random r = new Random(42);
        List<IndexedDocument> docs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            boolean zh = i % 10 < 3;
            StringBuilder text = new StringBuilder();
            if (zh) {
                for (int k = 0; k < 200; k++) text.append(ZH.charAt(r.nextInt(ZH.length())));
            } else {
                for (int k = 0; k < 150; k++) text.append(EN[r.nextInt(EN.length)]).append(k % 15 == 14 ? ". " : " ");
            }
            String title = zh ? text.substring(0, 12) : text.substring(0, Math.min(60, text.length()));
            docs.add(new IndexedDocument("doc-" + i, "c-" + i, "https://site" + (i % 50) + ".example/p/" + i, "site" + (i % 50) + ".example",
                    title, text.toString(), zh ? "zh" : "en", Instant.parse("2026-01-01T00:00:00Z"), "20260101000000",
                    LocalDate.of(2010 + i % 15, 1 + i % 12, 1 + i % 28), i % 7 == 0 ? "application/pdf" : "text/html"));
        }
        return docs;
    }
}
