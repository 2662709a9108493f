package dev.prefilter.local.env;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A loopback proxy in front of S3Mock that gives its conditional writes S3's guarantee. S3Mock
 * checks {@code If-None-Match: *} and {@code If-Match} on PUT, but checks and writes in two steps:
 * two racing writers can both pass the check. S3 (and LocalStack) let exactly one through and
 * answer the others 412 (or 409 while the winner's write is in flight). This gate serialises every
 * write to the same object (PUT, POST, DELETE on one bucket/key), so S3Mock's check and write
 * happen as one step per key; reads and writes to other keys pass untouched and concurrently.
 * Everything else (signatures, headers, status codes, bodies) goes through as it is.
 */
public final class S3WriteGate implements AutoCloseable {

    /** Headers the JDK's HTTP client sets itself and refuses to be given. */
    private static final Set<String> HOP_BY_HOP =
            Set.of("connection", "content-length", "expect", "host", "upgrade", "transfer-encoding", "keep-alive");

    private final HttpServer server;
    private final HttpClient client;
    private final ExecutorService workers;
    private final URI target;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    private S3WriteGate(HttpServer server, HttpClient client, ExecutorService workers, URI target) {
        this.server = server;
        this.client = client;
        this.workers = workers;
        this.target = target;
    }

    public static S3WriteGate start(URI target) throws IOException {
        ExecutorService workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "s3-write-gate");
            t.setDaemon(true);
            return t;
        });
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(workers)
                .build();
        S3WriteGate gate = new S3WriteGate(server, client, workers, target);
        server.createContext("/", gate::handle);
        server.setExecutor(workers);
        server.start();
        return gate;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getRawPath();
            boolean write = !method.equals("GET") && !method.equals("HEAD");
            // bucket/key: a write to an object (not to a bucket) is serialised with every other write to it
            boolean objectWrite = write && path.indexOf('/', 1) > 0 && path.indexOf('/', 1) < path.length() - 1;
            ReentrantLock lock = objectWrite ? locks.computeIfAbsent(path, p -> new ReentrantLock(true)) : null;
            if (lock != null) {
                lock.lock();
            }
            try {
                forward(exchange, method);
            } finally {
                if (lock != null) {
                    lock.unlock();
                }
            }
        }
    }

    private void forward(HttpExchange exchange, String method) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String query = exchange.getRequestURI().getRawQuery();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
                        target.toString() + exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        body.length == 0 && (method.equals("GET") || method.equals("HEAD") || method.equals("DELETE"))
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding to S3Mock", e);
        }
        long length = response.headers().firstValueAsLong("content-length").orElse(-1);
        response.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, List.copyOf(values));
            }
        });
        boolean noBody = method.equals("HEAD") || response.statusCode() == 204 || response.statusCode() == 304;
        try (InputStream in = response.body()) {
            if (noBody) {
                if (method.equals("HEAD") && length >= 0) {
                    exchange.getResponseHeaders().set("Content-Length", Long.toString(length));
                }
                exchange.sendResponseHeaders(response.statusCode(), -1);
                return;
            }
            exchange.sendResponseHeaders(response.statusCode(), length == 0 ? -1 : Math.max(length, 0));
            try (OutputStream out = exchange.getResponseBody()) {
                in.transferTo(out);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
