package org.fanout.engine.probe;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.fanout.engine.strategy.Cancellation;
import org.fanout.engine.strategy.NonBlockingEngine;
import org.fanout.engine.target.Resolver;

/**
 * HTTP checks on the JDK's asynchronous client: one selector thread multiplexes every
 * connection, keep-alive connections are reused, and no thread waits per request. The redirect
 * and HEAD-fallback decisions are {@link HttpSteps}, shared with the blocking {@link HttpProbe}.
 */
public final class AsyncHttpProbe implements NonBlockingEngine<URI, HttpResult> {
    private final HttpProbeConfig config;
    private final Resolver resolver;

    public AsyncHttpProbe(HttpProbeConfig config, Resolver resolver) {
        this.config = config;
        this.resolver = resolver;
    }

    @Override
    public void run(Iterator<URI> targets, int concurrency, Consumer<HttpResult> emit, Cancellation cancel)
            throws InterruptedException {
        Semaphore slots = new Semaphore(concurrency);
        LinkedBlockingQueue<HttpResult> done = new LinkedBlockingQueue<>();
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(config.timeout())
                .build();
        Thread driver = Thread.currentThread();
        Runnable stop = () -> {
            client.shutdownNow();
            driver.interrupt();
        };
        cancel.onCancel(stop);
        // Every future completes by its own timeout; this map is the backstop that still reports a
        // target if one somehow does not, so no result is ever silently missing.
        java.util.concurrent.ConcurrentHashMap<Long, URI> pending = new java.util.concurrent.ConcurrentHashMap<>();
        long started = 0;
        long emitted = 0;
        try {
            while (targets.hasNext() && !cancel.isCancelled()) {
                while (!slots.tryAcquire(20, TimeUnit.MILLISECONDS)) {
                    emitted += drain(done, emit);
                }
                emitted += drain(done, emit);
                URI url = targets.next();
                long id = started++;
                pending.put(id, url);
                checkWithRetries(client, url, config.retries()).whenComplete((r, e) -> {
                    if (pending.remove(id) != null) done.add(r != null ? r : failure(url, e, 0));
                    slots.release();
                });
            }
            long giveUp = System.nanoTime() + config.worstCase().toNanos() + 2_000_000_000L;
            while (emitted < started && !cancel.isCancelled() && System.nanoTime() < giveUp) {
                HttpResult r = done.poll(50, TimeUnit.MILLISECONDS);
                if (r != null) {
                    emit.accept(r);
                    emitted++;
                    emitted += drain(done, emit);
                }
            }
            if (!cancel.isCancelled()) {
                for (Long id : pending.keySet()) {
                    URI url = pending.remove(id);
                    if (url != null) emit.accept(new HttpResult(url.toString(), 0, -1, null, -1, ErrorKinds.TIMEOUT));
                }
                drain(done, emit);
            }
        } catch (InterruptedException e) {
            if (!cancel.isCancelled()) throw e;
        } finally {
            cancel.remove(stop);
            if (cancel.isCancelled()) Thread.interrupted(); // the hook's interrupt has done its job
            client.shutdownNow();
            try {
                client.awaitTermination(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                // A cancel interrupts this thread, and may land only now (the listener or another
                // thread cancelled after the loop's last wait): it was for stopping, which is done.
                if (!cancel.isCancelled()) throw e;
            }
        }
        if (cancel.isCancelled()) Thread.interrupted();
    }

    private static long drain(LinkedBlockingQueue<HttpResult> done, Consumer<HttpResult> emit) {
        long n = 0;
        for (HttpResult r = done.poll(); r != null; r = done.poll()) {
            emit.accept(r);
            n++;
        }
        return n;
    }

    private CompletableFuture<HttpResult> checkWithRetries(HttpClient client, URI url, int retriesLeft) {
        return check(client, url).thenCompose(r -> retriesLeft > 0 && retryable(r)
                ? checkWithRetries(client, url, retriesLeft - 1)
                : CompletableFuture.completedFuture(r));
    }

    private static boolean retryable(HttpResult r) {
        return r.status() == 0 && !ErrorKinds.UNKNOWN_HOST.equals(r.error())
                && !ErrorKinds.TOO_MANY_REDIRECTS.equals(r.error()) && !ErrorKinds.PROTOCOL.equals(r.error());
    }

    /** One whole check of {@code url}; the future never fails, it carries an error kind instead. */
    public CompletableFuture<HttpResult> check(HttpClient client, URI url) {
        long start = System.nanoTime();
        long deadline = start + config.timeout().toNanos();
        return step(client, url, url, config.method(), 0, start, deadline)
                .orTimeout(config.timeout().toMillis() + 250, TimeUnit.MILLISECONDS)
                .exceptionally(e -> failure(url, e, System.nanoTime() - start));
    }

    private CompletableFuture<HttpResult> step(HttpClient client, URI original, URI current, String method,
                                               int redirects, long start, long deadline) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) return CompletableFuture.completedFuture(failure(original, new TimeoutException(), System.nanoTime() - start));
        try {
            resolver.resolve(HttpSteps.hostOf(current)); // classify unknown hosts ourselves, once
        } catch (UnknownHostException e) {
            return CompletableFuture.completedFuture(failure(original, e, System.nanoTime() - start));
        }
        HttpRequest request = HttpRequest.newBuilder(current)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofNanos(remaining))
                .header("User-Agent", HttpProbeConfig.USER_AGENT)
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()).thenCompose(response -> {
            closeBody(response.body()); // only the head matters; closing spares reading the body
            int status = response.statusCode();
            if (HttpSteps.headRefused(method, status)) {
                return step(client, original, current, "GET", redirects, start, deadline);
            }
            if (config.followRedirects() && HttpSteps.isRedirect(status)) {
                URI next = HttpSteps.redirectTarget(current, response.headers().firstValue("location").orElse(null));
                if (next != null) {
                    if (redirects + 1 > config.maxRedirects()) {
                        return CompletableFuture.completedFuture(new HttpResult(original.toString(), 0,
                                System.nanoTime() - start, current.toString(), -1, ErrorKinds.TOO_MANY_REDIRECTS));
                    }
                    return step(client, original, next, method, redirects + 1, start, deadline);
                }
            }
            long length = response.headers().firstValueAsLong("content-length").orElse(-1);
            return CompletableFuture.completedFuture(new HttpResult(original.toString(), status,
                    System.nanoTime() - start, current.toString(), length, null));
        });
    }

    private static void closeBody(InputStream body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // the body was never wanted
        }
    }

    private static HttpResult failure(URI url, Throwable e, long latency) {
        Throwable cause = e;
        while ((cause instanceof java.util.concurrent.CompletionException
                || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String kind = cause instanceof TimeoutException ? ErrorKinds.TIMEOUT : ErrorKinds.ofHttpFailure(cause);
        return new HttpResult(url.toString(), 0, latency, null, -1, kind);
    }
}
