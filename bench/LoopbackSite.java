import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's loopback site: a deterministic news/press-release site served from 127.0.0.1 only.
 *
 * <pre>
 *   java bench/LoopbackSite.java PORT PAGES [BIG_MB]
 * </pre>
 *
 * PORT 0 picks a free port. Once ready it prints one line, {@code listening on http://127.0.0.1:PORT/}.
 * <ul>
 *   <li>{@code /page/N.html} (0 &lt;= N &lt; PAGES): an HTML page of 5–20 KB, the same bytes on every request,
 *       with a headline, dateline, paragraphs of press-release prose and links to other pages.</li>
 *   <li>{@code /big.bin}: BIG_MB (default 300) MiB of deterministic pseudo-random bytes, streamed in 64 KiB
 *       blocks with Content-Length set; never held in memory.</li>
 *   <li>{@code /} : an index linking to the first pages. Anything else: 404.</li>
 * </ul>
 * JDK only (com.sun.net.httpserver), no dependencies. Stops on SIGTERM/SIGINT.
 */
public final class LoopbackSite {
    private static final int BLOCK = 64 * 1024;

    private static final List<String> COMPANIES = List.of(
            "Northwind Telecom", "Meridian Networks", "Kestrel Systems", "Harbourline Digital", "Vantor Electronics",
            "Bluepeak Cloud", "Silverline Communications", "Orison Technologies", "Tessellate Data", "Corvane Semiconductor");
    private static final List<String> PARTNERS = List.of(
            "the University of Lagos", "Universiti Teknologi Malaysia", "the Ministry of Communications",
            "the National Grid Operator", "the Port Authority", "Politecnico di Torino", "the University of Nairobi",
            "the Metropolitan Police Directorate", "the State Broadband Agency", "Chulalongkorn University",
            "the Federal Ministry of Education", "Telekom Srbija", "the Municipal Transport Company");
    private static final List<String> PLACES = List.of(
            "Nairobi, Kenya", "Belgrade, Serbia", "Kuala Lumpur, Malaysia", "Lagos, Nigeria", "Turin, Italy",
            "Bangkok, Thailand", "Dhaka, Bangladesh", "Lima, Peru", "Cairo, Egypt", "Johannesburg, South Africa",
            "Islamabad, Pakistan", "Tashkent, Uzbekistan", "Quito, Ecuador", "Manila, the Philippines", "Budapest, Hungary");
    private static final List<String> PROJECTS = List.of(
            "a joint innovation centre for 5G applications", "a safe city command-and-control platform",
            "a Tier III data centre", "a submarine cable landing station", "a national backbone fibre network",
            "an ICT talent training programme", "a research laboratory for optical networking",
            "a smart campus network", "a cloud computing region", "a memorandum of understanding on digital cooperation",
            "a video surveillance network covering the city centre", "an LTE network for the railway corridor");
    private static final List<String> SECTIONS = List.of("News", "Press releases", "Partnerships", "Projects", "Research", "Events");
    private static final List<String> OPENERS = List.of(
            "The agreement was signed at a ceremony attended by senior officials from both sides.",
            "According to the statement, the first phase is expected to be completed within eighteen months.",
            "Officials said the project would create several hundred local jobs during construction.",
            "The partnership builds on a framework agreement concluded two years earlier.",
            "Representatives of the company described the deal as a milestone for the region.",
            "The financing package includes a concessional loan and a commercial tranche.",
            "Local media reported that the tender attracted bids from four international consortia.",
            "The minister said the network would connect schools, hospitals and government offices.",
            "Under the agreement, engineers will receive training at the company's regional academy.",
            "The facility will host equipment for operators, enterprises and public institutions.",
            "A spokesperson declined to disclose the value of the contract.",
            "Critics have questioned the transparency of the procurement process.",
            "The university will provide laboratory space and the company will supply equipment and staff.",
            "Work on the second phase is scheduled to begin after an environmental review.",
            "The cable system will land at two stations and offer a design capacity of several terabits per second.");
    private static final List<String> MONTHS = List.of(
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December");

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: java bench/LoopbackSite.java PORT PAGES [BIG_MB]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        int pages = Integer.parseInt(args[1]);
        long bigBytes = (args.length > 2 ? Long.parseLong(args[2]) : 300L) * 1024 * 1024;

        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK:
        // every keep-alive response then stalls ~40 ms (Nagle), which would measure the server, not the clients.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        server.setExecutor(pool);
        server.createContext("/", exchange -> {
            try (exchange) {
                serve(exchange, pages, bigBytes);
            } catch (IOException e) {
                // the client went away mid-response (e.g. a size limit): nothing to do
            }
        });
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(0);
            pool.shutdownNow();
            try {
                pool.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }));
        System.out.println("listening on http://127.0.0.1:" + server.getAddress().getPort() + "/ (" + pages + " pages, big.bin "
                + bigBytes + " bytes)");
        System.out.flush();
    }

    private static void serve(HttpExchange exchange, int pages, long bigBytes) throws IOException {
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/big.bin")) {
            big(exchange, bigBytes, method.equals("HEAD"));
            return;
        }
        if (path.equals("/")) {
            send(exchange, 200, "text/html; charset=utf-8", index(pages).getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (path.startsWith("/page/") && path.endsWith(".html")) {
            String digits = path.substring("/page/".length(), path.length() - ".html".length());
            if (!digits.isEmpty() && digits.length() < 10 && digits.chars().allMatch(Character::isDigit)) {
                int n = Integer.parseInt(digits);
                if (n < pages && (digits.length() == 1 || digits.charAt(0) != '0')) {
                    send(exchange, 200, "text/html; charset=utf-8", page(n, pages).getBytes(StandardCharsets.UTF_8));
                    return;
                }
            }
        }
        send(exchange, 404, "text/html; charset=utf-8",
                "<!DOCTYPE html><html><head><title>Not found</title></head><body><h1>Not found</h1></body></html>\n"
                        .getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Last-Modified", "Mon, 01 Jan 2024 00:00:00 GMT");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Streams {@code length} deterministic bytes (xorshift64*, seeded per 64 KiB block) without buffering them. */
    private static void big(HttpExchange exchange, long length, boolean head) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.getResponseHeaders().set("Content-Length", Long.toString(length));
        exchange.sendResponseHeaders(200, head ? -1 : length);
        if (head) return;
        byte[] block = new byte[BLOCK];
        try (OutputStream out = exchange.getResponseBody()) {
            long sent = 0;
            long blockNo = 0;
            while (sent < length) {
                fill(block, blockNo++);
                int n = (int) Math.min(block.length, length - sent);
                out.write(block, 0, n);
                sent += n;
            }
        }
    }

    private static void fill(byte[] block, long blockNo) {
        long x = 0x9E3779B97F4A7C15L * (blockNo + 1);
        for (int i = 0; i < block.length; i += 8) {
            x ^= x >>> 12;
            x ^= x << 25;
            x ^= x >>> 27;
            long v = x * 0x2545F4914F6CDD1DL;
            for (int b = 0; b < 8; b++) block[i + b] = (byte) (v >>> (8 * b));
        }
    }

    private static String index(int pages) {
        StringBuilder s = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Newsroom</title></head><body>\n<h1>Newsroom</h1>\n<ul>\n");
        for (int i = 0; i < Math.min(pages, 100); i++) s.append("<li><a href=\"/page/").append(i).append(".html\">Story ").append(i).append("</a></li>\n");
        return s.append("</ul>\n</body></html>\n").toString();
    }

    /** Page N: the same HTML for the same (N, PAGES), 5–20 KB. */
    static String page(int n, int pages) {
        SplittableRandom r = new SplittableRandom(0x5EED_0000L + n);
        int target = 6_000 + r.nextInt(13_000);
        String company = pick(r, COMPANIES);
        String partner = pick(r, PARTNERS);
        String place = pick(r, PLACES);
        String project = pick(r, PROJECTS);
        String section = pick(r, SECTIONS);
        int year = 2012 + r.nextInt(13);
        String month = pick(r, MONTHS);
        int day = 1 + r.nextInt(28);
        String city = place.substring(0, place.indexOf(','));
        String title = company + " and " + partner + " agree on " + project + " in " + city;

        StringBuilder s = new StringBuilder(target + 2_000);
        s.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(title).append(" | ").append(company).append(" Newsroom</title>\n")
                .append("<meta name=\"description\" content=\"").append(company).append(" announces ").append(project)
                .append(" with ").append(partner).append(".\">\n")
                .append("<meta property=\"article:published_time\" content=\"").append(year).append('-')
                .append(pad(MONTHS.indexOf(month) + 1)).append('-').append(pad(day)).append("T09:00:00Z\">\n")
                .append("<link rel=\"canonical\" href=\"/page/").append(n).append(".html\">\n")
                .append("<style>body{font-family:Georgia,serif;max-width:46em;margin:auto}nav a{margin-right:1em}</style>\n")
                .append("</head>\n<body>\n<header>\n<a class=\"logo\" href=\"/\">").append(company).append(" Newsroom</a>\n<nav>");
        for (String sec : SECTIONS) {
            s.append("<a href=\"/page/").append(Math.floorMod(sec.hashCode() + n, pages)).append(".html\">").append(sec).append("</a>");
        }
        s.append("</nav>\n</header>\n<main>\n<article>\n<p class=\"kicker\">").append(section).append("</p>\n<h1>").append(title)
                .append("</h1>\n<p class=\"byline\">By the ").append(company).append(" press office &middot; <time datetime=\"")
                .append(year).append('-').append(pad(MONTHS.indexOf(month) + 1)).append('-').append(pad(day)).append("\">")
                .append(day).append(' ').append(month).append(' ').append(year).append("</time></p>\n");
        s.append("<p><strong>").append(place.toUpperCase()).append(", ").append(day).append(' ').append(month).append(' ').append(year)
                .append("</strong> &mdash; ").append(company).append(" and ").append(partner).append(" today announced ").append(project)
                .append(" in ").append(city).append(", the latest step in the company's expansion in the region.</p>\n");
        int paragraph = 0;
        int footerRoom = 1_500;
        while (s.length() < target - footerRoom) {
            if (paragraph % 4 == 3) s.append("<h2>").append(pick(r, List.of("Background", "Financing", "Next steps", "Reactions", "Technical details"))).append("</h2>\n");
            s.append("<p>");
            int sentences = 3 + r.nextInt(4);
            for (int i = 0; i < sentences; i++) {
                if (i > 0) s.append(' ');
                s.append(sentence(r, company, partner, city, year, n, pages));
            }
            s.append("</p>\n");
            paragraph++;
        }
        s.append("<blockquote>&ldquo;This project shows what long-term cooperation can achieve,&rdquo; said a senior executive of ")
                .append(company).append(".</blockquote>\n</article>\n<aside class=\"related\">\n<h2>Related stories</h2>\n<ul>\n");
        int related = 5 + r.nextInt(6);
        for (int i = 1; i <= related; i++) {
            int other = (int) ((n + (long) i * 7919) % pages);
            s.append("<li><a href=\"/page/").append(other).append(".html\">").append(pick(r, COMPANIES)).append(" opens ")
                    .append(pick(r, PROJECTS)).append("</a></li>\n");
        }
        s.append("</ul>\n</aside>\n</main>\n<footer>\n<p><a href=\"/page/").append(Math.max(0, n - 1)).append(".html\">Previous</a> | <a href=\"/page/")
                .append((n + 1) % pages).append(".html\">Next</a></p>\n<p>Media contact: press@").append(company.toLowerCase().replace(' ', '-'))
                .append(".example &middot; &copy; ").append(year).append(' ').append(company).append(". All rights reserved.</p>\n")
                .append("<p class=\"cookies\">This site uses cookies to measure readership. <a href=\"/page/0.html\">Privacy notice</a></p>\n")
                .append("</footer>\n</body>\n</html>\n");
        return s.toString();
    }

    private static String sentence(SplittableRandom r, String company, String partner, String city, int year, int n, int pages) {
        switch (r.nextInt(6)) {
            case 0:
                return pick(r, OPENERS);
            case 1:
                return "In " + (year - 1 - r.nextInt(3)) + ", " + company + " had already completed " + pick(r, PROJECTS) + " in "
                        + pick(r, PLACES) + ".";
            case 2:
                return "The project in " + city + " is valued at about US$" + (5 + r.nextInt(495)) + " million, according to "
                        + pick(r, List.of("tender documents", "the ministry", "a company filing", "local press reports")) + ".";
            case 3:
                return "See also <a href=\"/page/" + r.nextInt(pages) + ".html\">an earlier announcement</a> about the cooperation with "
                        + partner + ".";
            case 4:
                return partner.substring(0, 1).toUpperCase() + partner.substring(1) + " said the cooperation covers "
                        + pick(r, List.of("equipment supply", "installation and maintenance", "joint research", "staff training",
                        "network operation", "financing")) + " and runs until " + (year + 3 + r.nextInt(8)) + ".";
            default:
                return pick(r, OPENERS) + " " + pick(r, OPENERS);
        }
    }

    private static <T> T pick(SplittableRandom r, List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    private static String pad(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }
}
