package org.otklik.server.triage.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.otklik.text.Triage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The triage models, trained from the bundled labelled data on a background thread as the server starts (a few
 * seconds), so start-up does not wait for them; the first messages wait at most until they are ready.
 */
@Component
public class TriageModel {

    private static final Logger log = LoggerFactory.getLogger(TriageModel.class);
    private static final Duration READY_WITHIN = Duration.ofSeconds(120);

    private final CompletableFuture<Triage> model = CompletableFuture.supplyAsync(() -> {
        long started = System.nanoTime();
        Triage triage = Triage.bundled();
        log.info("triage models trained on {} labelled texts in {} ms", triage.trainedOn(),
                (System.nanoTime() - started) / 1_000_000);
        return triage;
    }, runnable -> {
        Thread t = new Thread(runnable, "otklik-triage-training");
        t.setDaemon(true);
        t.start();
    });

    public Triage get() {
        try {
            return model.get(READY_WITHIN.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the triage models", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the triage models are not available", e);
        }
    }
}
