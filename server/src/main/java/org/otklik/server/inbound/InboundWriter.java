package org.otklik.server.inbound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.otklik.server.conversation.ContactManagement;
import org.otklik.server.conversation.ConversationManagement;
import org.otklik.server.conversation.InboundMessage;
import org.otklik.server.conversation.Received;
import org.otklik.server.triage.Labels;
import org.otklik.server.triage.TriageManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores inbound messages in batches: group commit. Requests hand their triaged message to a writer and wait; each
 * writer takes everything waiting (up to {@value #BATCH}) and stores it in one transaction: duplicates found with one
 * query, the contacts locked with one more, then each message with its labels and contact details (the rows nobody
 * reads back, history and labels, go in one JDBC batch each as the transaction commits). A request is answered only
 * after its batch committed, so an acknowledged message is durable. If the batch fails (a duplicate stored by another
 * node in the meantime, a deadlock with it), it is rolled back whole and each of its messages is stored on its own, as
 * one request would.
 *
 * <p>Messages are spread over the writers by contact, so one contact's messages keep their order and never wait for
 * each other's locks in two batches at once.
 */
@Component
class InboundWriter implements DisposableBean {

    static final int BATCH = 256;
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(InboundWriter.class);

    private record Pending(InboundMessage message, Labels labels, CompletableFuture<Received> stored) {
        String key() {
            return message.channelId() + "\u0000" + message.externalId();
        }
    }

    private final ConversationManagement conversations;
    private final TriageManagement triage;
    private final ContactManagement contacts;
    private final TransactionTemplate transaction;
    private final List<BlockingQueue<Pending>> queues = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;

    InboundWriter(ConversationManagement conversations, TriageManagement triage, ContactManagement contacts,
                  PlatformTransactionManager transactions, @Value("${otklik.inbound.writers:2}") int writers) {
        this.conversations = conversations;
        this.triage = triage;
        this.contacts = contacts;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        if (writers < 1 || writers > 16) {
            throw new IllegalArgumentException("otklik.inbound.writers must be 1..16, was " + writers);
        }
        for (int i = 0; i < writers; i++) {
            BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
            queues.add(queue);
            Thread t = new Thread(() -> run(queue), "otklik-inbound-writer-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** Stores the message (exactly once) with its labels; returns once it is committed. */
    Received store(InboundMessage message, Labels labels) {
        if (stopping) {
            throw new IllegalStateException("the server is stopping");
        }
        Pending pending = new Pending(message, labels, new CompletableFuture<>());
        int writer = Math.floorMod((message.channelId() + "\u0000" + message.contactExternalId()).hashCode(),
                queues.size());
        queues.get(writer).add(pending);
        try {
            return pending.stored().get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing an inbound message", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("inbound message not stored within " + ANSWER_WITHIN
                    + " (the database is too slow); the channel should deliver it again");
        }
    }

    private void run(BlockingQueue<Pending> queue) {
        List<Pending> batch = new ArrayList<>(BATCH);
        while (!stopping || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                log.error("inbound: writer failed; its batch is answered with the error", e);
                batch.forEach(p -> p.stored().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        Map<Pending, Received> results;
        try {
            results = transaction.execute(tx -> storeAll(batch));
        } catch (RuntimeException e) {
            log.info("inbound: a batch of {} failed ({}); storing its messages one by one", batch.size(),
                    e.getClass().getSimpleName());
            for (Pending p : batch) {
                try {
                    p.stored().complete(storeAlone(p));
                } catch (RuntimeException failed) {
                    p.stored().completeExceptionally(failed);
                }
            }
            return;
        }
        results.forEach((p, received) -> p.stored().complete(received));
    }

    /** The whole batch in the current transaction. */
    private Map<Pending, Received> storeAll(List<Pending> batch) {
        Map<String, List<String>> idsByChannel = new LinkedHashMap<>();
        for (Pending p : batch) {
            idsByChannel.computeIfAbsent(p.message().channelId(), c -> new ArrayList<>()).add(p.message().externalId());
        }
        Map<String, Received> before = new HashMap<>();
        idsByChannel.forEach((channel, ids) -> conversations.alreadyReceived(channel, ids)
                .forEach((externalId, received) -> before.put(channel + "\u0000" + externalId, received)));
        // the batch's new messages, each once (a repeat within the batch answers as the duplicate of the first)
        Map<String, Pending> fresh = new LinkedHashMap<>();
        for (Pending p : batch) {
            if (!before.containsKey(p.key())) {
                fresh.putIfAbsent(p.key(), p);
            }
        }
        List<Pending> stored = List.copyOf(fresh.values());
        List<Received> receipts = conversations.receiveAllInTransaction(
                stored.stream().map(Pending::message).toList());
        Map<Pending, Received> results = new LinkedHashMap<>();
        for (int i = 0; i < stored.size(); i++) {
            Received r = receipts.get(i);
            afterStored(stored.get(i), r);
            results.put(stored.get(i), r);
            before.put(stored.get(i).key(), Received.duplicate(r.conversationId(), r.messageId()));
        }
        for (Pending p : batch) {
            results.putIfAbsent(p, before.get(p.key()));
        }
        return results;
    }

    /** One message in its own transactions, the way a request did before batches: for the rest of a failed batch. */
    private Received storeAlone(Pending p) {
        Received received = conversations.receive(p.message());
        if (!received.duplicate()) {
            afterStored(p, received);
        }
        return received;
    }

    private void afterStored(Pending p, Received received) {
        triage.record(received.messageId(), received.conversationId(), p.labels());
        contacts.noteFromText(received.conversationId(), p.message().text());
    }

    @Override
    public void destroy() throws InterruptedException {
        stopping = true;
        for (Thread t : threads) {
            t.join(10_000);
        }
    }
}
