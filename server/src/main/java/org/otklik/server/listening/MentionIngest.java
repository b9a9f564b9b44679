package org.otklik.server.listening;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.otklik.server.listening.internal.Matchers;
import org.otklik.server.listening.internal.MentionStore;
import org.otklik.server.triage.Labels;
import org.otklik.server.triage.TriageManagement;
import org.otklik.text.listening.StreamMatcher;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The listening pipeline, three stages that each take a post and give the next stage its input: <b>match</b> the
 * post against the streams (stateless), <b>triage</b> the matched ones (stateless), <b>store</b> them as mentions
 * (idempotent on the channel and the post's source id). Here the stages run in-process, one call after another; as
 * each depends on nothing but its input (and the stream set), the same functions can run as a Kafka Streams topology
 * partitioned by post id when one machine no longer keeps up (docs/listening.md).
 */
@Service
public class MentionIngest {

    /** Kinds that need an answer: a real problem, or negativity about a concrete action of the service. */
    public static final Set<String> ACTIONABLE = Set.of("problem", "negative_action");

    /** A post and what the matcher found in it. */
    public record Matched(MentionIn post, Map<String, Set<String>> termsByStream) {
    }

    /** A matched post and what triage read it as. */
    public record Triaged(Matched matched, Labels labels, boolean actionable) {
    }

    private final Matchers matchers;
    private final TriageManagement triage;
    private final MentionStore store;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final InstantSource clock;

    MentionIngest(Matchers matchers, TriageManagement triage, MentionStore store, ApplicationEventPublisher events,
                  TransactionTemplate transactions, InstantSource clock) {
        this.matchers = matchers;
        this.triage = triage;
        this.store = store;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Runs the posts through the three stages; one receipt per post, in order. */
    public List<MentionReceipt> accept(List<MentionIn> posts) {
        List<Matched> matched = match(posts);
        List<MentionReceipt> receipts = new ArrayList<>(posts.size());
        for (Matched m : matched) {
            if (m.termsByStream().isEmpty()) {
                receipts.add(new MentionReceipt(null, false, List.of(), null, false));
            } else {
                receipts.add(store(triage(m)));
            }
        }
        return receipts;
    }

    /** Stage 1: which streams each post mentions (all posts, in order; most mention none). */
    public List<Matched> match(List<MentionIn> posts) {
        List<StreamMatcher.Match> found = matchers.match(posts.stream().map(MentionIn::text).toList());
        List<Matched> out = new ArrayList<>(posts.size());
        for (int i = 0; i < posts.size(); i++) {
            out.add(new Matched(posts.get(i), found.get(i).termsByStream()));
        }
        return out;
    }

    /** Stage 2: what a matched post is (kind, department, private data, profanity, outage, language). */
    public Triaged triage(Matched matched) {
        Labels labels = triage.read(matched.post().text(), matched.post().source());
        return new Triaged(matched, labels, ACTIONABLE.contains(labels.kind()));
    }

    /** Stage 3: the mention stored once; a second delivery of the same post answers the first one's id. */
    public MentionReceipt store(Triaged t) {
        MentionIn post = t.matched().post();
        Optional<Long> existing = store.idOf(post.channelId(), post.sourceId());
        if (existing.isPresent()) {
            return duplicate(existing.get());
        }
        try {
            long id = transactions.execute(status -> {
                long mentionId = store.insert(post, t.labels(), t.actionable(), t.matched().termsByStream(),
                        clock.instant());
                events.publishEvent(new MentionReceived(mentionId, t.matched().termsByStream().keySet(),
                        t.labels().kind(), t.actionable(), t.labels().outage(), clock.instant()));
                return mentionId;
            });
            return new MentionReceipt(id, false, List.copyOf(new java.util.TreeSet<>(
                    t.matched().termsByStream().keySet())), t.labels().kind(), t.actionable());
        } catch (DuplicateKeyException raced) {
            return duplicate(store.idOf(post.channelId(), post.sourceId()).orElseThrow());
        }
    }

    private MentionReceipt duplicate(long id) {
        MentionView m = store.find(id).orElseThrow();
        return new MentionReceipt(id, true, List.copyOf(m.streams().keySet()), m.kind(), m.actionable());
    }
}
