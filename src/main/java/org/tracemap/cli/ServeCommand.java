package org.tracemap.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.tracemap.Tracemap;
import org.tracemap.config.TracemapConfig;
import org.tracemap.web.PortInUseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tracemap serve}: the HTTP API, replay and the pipeline, until stopped. */
@Command(name = "serve", description = "Run the web API, replay and the pipeline.")
final class ServeCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    HelpOption help;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ArchiveOptions archive;

    @Option(names = "--port", description = "HTTP port (default from tracemap.server.port: 8080)")
    Integer port;

    @Option(names = "--host", description = "address to listen on (default from tracemap.server.host: 127.0.0.1)")
    String host;

    @Override
    public Integer call() throws Exception {
        Map<String, String> flags = new LinkedHashMap<>();
        if (port != null) flags.put("tracemap.server.port", port.toString());
        if (host != null) flags.put("tracemap.server.host", host);
        TracemapConfig config = archive.config(flags);
        Tracemap tracemap;
        try {
            tracemap = Tracemap.start(config, ArchiveOptions.home(), Tracemap.Mode.SERVER, System.getenv());
        } catch (PortInUseException e) {
            return portInUse(spec, e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                tracemap.close();
            } catch (Exception e) {
                System.err.println("error: shutdown: " + TracemapCommand.oneLine(e));
            } finally {
                stopped.countDown();
            }
        }, "tracemap-shutdown"));
        String url = "http://" + config.string("tracemap.server.host") + ":" + config.string("tracemap.server.port");
        System.out.println("Tracemap is serving " + url + " (archive: " + tracemap.layout().root().toAbsolutePath() + ")");
        System.out.println("Review queue: " + url + "/review");
        if (tracemap.generatedAdminToken() != null) {
            TokenBlock.print(System.out, "Admin token, shown only this once (keep it; sign in with it):", tracemap.generatedAdminToken(),
                    List.of("Lost it? Mint another admin token beside the server (same archive):",
                            "    bin/tracemap users add NAME --role admin --archive " + tracemap.layout().root().toAbsolutePath()));
        }
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** The one line a taken port gets (no stack trace), and exit code 1. */
    static int portInUse(picocli.CommandLine.Model.CommandSpec spec, PortInUseException e) {
        spec.commandLine().getErr().println("error: " + e.getMessage() + "; use --port N");
        return 1;
    }
}
