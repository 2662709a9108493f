package dev.prefilter.it.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Sits between the SDK and the real HTTP client and injects faults by rule: an HTTP error
 * answer (what a throttled or failing AWS endpoint returns), a delay (a slow dependency), or a
 * broken connection. Everything else goes to the real server, so the SDK's own retry policy,
 * timeouts and error parsing are what is tested.
 */
public final class FaultyHttpClient implements SdkHttpClient {

    /** What a rule does to a request it matches. */
    public sealed interface Fault permits Status, Delay, Disconnect {}

    public record Status(int code, String body) implements Fault {}

    public record Delay(Duration duration) implements Fault {}

    public record Disconnect() implements Fault {}

    /** Matches on the request and its body text; applies its fault at most {@code times} times (negative: always). */
    public static final class Rule {
        final String name;
        final BiPredicate<SdkHttpRequest, String> matches;
        final Fault fault;
        final boolean always;
        final AtomicInteger remaining;
        final AtomicInteger applied = new AtomicInteger();

        public Rule(String name, BiPredicate<SdkHttpRequest, String> matches, Fault fault, int times) {
            this.name = name;
            this.matches = matches;
            this.fault = fault;
            this.always = times < 0;
            this.remaining = new AtomicInteger(Math.max(0, times));
        }

        public int applied() {
            return applied.get();
        }

        @Override
        public String toString() {
            return "rule '" + name + "' (applied " + applied.get() + " times)";
        }

        boolean take(SdkHttpRequest request, String body) {
            if (!matches.test(request, body)) {
                return false;
            }
            if (always || remaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                applied.incrementAndGet();
                return true;
            }
            return false;
        }
    }

    private final SdkHttpClient delegate;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();

    public FaultyHttpClient(SdkHttpClient delegate) {
        this.delegate = delegate;
    }

    public Rule add(Rule rule) {
        rules.add(rule);
        return rule;
    }

    public void clear() {
        rules.clear();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        String body = request.contentStreamProvider()
                .map(p -> {
                    try (InputStream in = p.newStream()) {
                        return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        return "";
                    }
                })
                .orElse("");
        Rule rule = rules.stream()
                .filter(r -> r.take(request.httpRequest(), body))
                .findFirst()
                .orElse(null);
        if (rule == null) {
            return delegate.prepareRequest(request);
        }
        CountDownLatch aborted = new CountDownLatch(1);
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                if (rule.fault instanceof Status s) {
                    byte[] bytes = s.body().getBytes(StandardCharsets.UTF_8);
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder()
                                    .statusCode(s.code())
                                    .putHeader(
                                            "Content-Type",
                                            s.body().startsWith("{") ? "application/x-amz-json-1.0" : "application/xml")
                                    .putHeader("Content-Length", Integer.toString(bytes.length))
                                    .build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
                            .build();
                }
                if (rule.fault instanceof Delay d) {
                    try {
                        if (aborted.await(d.duration().toMillis(), TimeUnit.MILLISECONDS)) {
                            throw new IOException("request aborted by the SDK while the dependency was slow");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while the dependency was slow", e);
                    }
                    return delegate.prepareRequest(request).call();
                }
                throw new IOException("connection reset (injected by rule " + rule.name + ")");
            }

            @Override
            public void abort() {
                aborted.countDown();
            }
        };
    }

    @Override
    public String clientName() {
        return "faulty-" + delegate.clientName();
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** S3's answer when it is overloaded. */
    public static Status s3SlowDown() {
        return new Status(
                503,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>");
    }

    /** S3's answer to an internal error. */
    public static Status s3InternalError() {
        return new Status(
                500,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>InternalError</Code><Message>We encountered an internal error.</Message></Error>");
    }

    /** SQS's (JSON protocol) answer to an internal error. */
    public static Status sqsInternalError() {
        return new Status(500, "{\"__type\":\"com.amazonaws.sqs#InternalError\",\"message\":\"internal error\"}");
    }
}
