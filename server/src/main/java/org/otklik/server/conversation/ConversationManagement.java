package org.otklik.server.conversation;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import org.otklik.engine.lifecycle.CloseReason;
import org.otklik.engine.lifecycle.ConversationState;
import org.otklik.engine.lifecycle.ConversationStatus;
import org.otklik.engine.lifecycle.Lifecycle;
import org.otklik.engine.lifecycle.UserMessageOutcome;
import org.otklik.engine.routing.Priority;
import org.otklik.server.channel.ChannelManagement;
import org.otklik.server.conversation.internal.ContactStore;
import org.otklik.server.conversation.internal.ConversationRow;
import org.otklik.server.conversation.internal.ConversationStore;
import org.otklik.server.conversation.internal.EventLog;
import org.otklik.server.conversation.internal.MessageStore;
import org.otklik.server.shared.NotAllowed;
import org.otklik.server.shared.NotFound;
import org.otklik.server.shared.StateConflict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every step of a conversation's life, applied to the database: each step locks the conversation, asks the engine's
 * {@link Lifecycle} for the next state, stores it with its event row, and publishes the event in the same transaction.
 */
@Service
public class ConversationManagement {

    private static final Logger log = LoggerFactory.getLogger(ConversationManagement.class);
    private static final int RECEIVE_ATTEMPTS = 5;

    private final ConversationStore conversations;
    private final MessageStore messages;
    private final ContactStore contacts;
    private final EventLog eventLog;
    private final ChannelManagement channels;
    private final Lifecycle lifecycle;
    private final LifecycleProperties properties;
    private final ApplicationEventPublisher events;
    private final InstantSource clock;
    private final TransactionTemplate newTransaction;
    private final Duration continuityWindow;

    private final List<org.otklik.server.shared.ReplyGuard> replyGuards;

    ConversationManagement(ConversationStore conversations, MessageStore messages, ContactStore contacts,
                           EventLog eventLog, ChannelManagement channels, LifecycleProperties properties,
                           ApplicationEventPublisher events, InstantSource clock,
                           PlatformTransactionManager transactions,
                           @Value("${otklik.routing.continuity-window:30d}") Duration continuityWindow,
                           List<org.otklik.server.shared.ReplyGuard> replyGuards) {
        this.replyGuards = List.copyOf(replyGuards);
        this.conversations = conversations;
        this.messages = messages;
        this.contacts = contacts;
        this.eventLog = eventLog;
        this.channels = channels;
        this.lifecycle = new Lifecycle(properties.policy(), clock);
        this.properties = properties;
        this.events = events;
        this.clock = clock;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.continuityWindow = continuityWindow;
    }

    /**
     * Stores a user's message in the right conversation, exactly once. A repeated delivery (same channel and external
     * id, even from concurrent senders) fails on the unique constraint, rolls back everything it did, and is answered
     * with the ids stored the first time.
     */
    public Received receive(InboundMessage message) {
        for (int attempt = 1; ; attempt++) {
            try {
                return newTransaction.execute(status -> receiveAll(List.of(message)).get(0));
            } catch (DuplicateKeyException e) {
                Optional<MessageView> first = messages.findByExternalId(message.channelId(), Direction.IN,
                        message.externalId());
                if (first.isPresent()) {
                    return Received.duplicate(first.get().conversationId(), first.get().id());
                }
                // a concurrent first message of the same new contact won the insert; try again with it in place
                if (attempt >= RECEIVE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * Stores many new messages inside the caller's transaction, in their order, for writers that store many messages
     * in one transaction (the inbound gateway's batches). Their contacts are found and locked with one query per
     * channel first, and a contact created here is not searched for conversations (it has none). The caller must have
     * checked with {@link #alreadyReceived} that they are new; if one is not after all (another node stored it
     * meanwhile), the unique constraint fails the caller's whole transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Received> receiveAllInTransaction(List<InboundMessage> batch) {
        return receiveAll(batch);
    }

    /** Those of these messages of one channel that were stored before, by external id. */
    public Map<String, Received> alreadyReceived(String channelId, java.util.Collection<String> externalIds) {
        Map<String, Received> found = new java.util.HashMap<>();
        messages.findByExternalIds(channelId, Direction.IN, externalIds)
                .forEach((externalId, m) -> found.put(externalId, Received.duplicate(m.conversationId(), m.id())));
        return found;
    }

    /**
     * One message's part in a batch. {@code row} is its conversation as this message leaves it; a conversation this
     * batch opens has id 0 there until it is inserted, and its {@code opening} step then knows the id.
     */
    private static final class Step {
        final InboundMessage message;
        final UserMessageOutcome outcome;
        final Step opening; // the step that opened the conversation in this batch, or null when it was stored before
        final ConversationRow row;
        long conversationId;
        long messageId;

        Step(InboundMessage message, UserMessageOutcome outcome, Step opening, ConversationRow row) {
            this.message = message;
            this.outcome = outcome;
            this.opening = opening;
            this.row = row;
            this.conversationId = row.id();
        }

        boolean started() {
            return outcome == null || outcome instanceof UserMessageOutcome.StartsNewConversation;
        }

        /** The row with its id, once the batch's new conversations are inserted. */
        ConversationRow stored() {
            return row.withId(opening == null ? conversationId : opening.conversationId);
        }
    }

    /**
     * Stores new messages in the current transaction, in their order. First every message is decided in memory
     * against its contact's conversation as the messages before it left it; then the batch is written with a round
     * trip per kind of row, not per message: contacts locked (one query per channel) and their latest conversations
     * (one), new conversations and the messages (one JDBC batch each), changed conversations (one), history and
     * report rows as the transaction commits ({@link org.otklik.server.shared.DeferredInserts}). Events follow in
     * the messages' order.
     */
    private List<Received> receiveAll(List<InboundMessage> batch) {
        Instant now = clock.instant();
        Map<String, Map<String, ContactStore.Contact>> locked = new HashMap<>();
        Map<String, List<ContactStore.Details>> usersByChannel = new LinkedHashMap<>();
        for (InboundMessage m : batch) {
            usersByChannel.computeIfAbsent(m.channelId(), c -> new ArrayList<>()).add(userOf(m));
        }
        usersByChannel.forEach((channel, users) -> locked.put(channel, contacts.lockOrCreateAll(channel, users, now)));
        Map<Long, ConversationRow> latestStored = conversations.latestOfContacts(locked.values().stream()
                .flatMap(byId -> byId.values().stream()).filter(c -> !c.created()).map(ContactStore.Contact::id)
                .toList());

        Map<Long, Step> latestStep = new HashMap<>(); // by contact: the last step on its conversation in this batch
        List<Step> steps = new ArrayList<>(batch.size());
        for (InboundMessage m : batch) {
            ContactStore.Contact contact = contacts.forMessage(locked.get(m.channelId()), userOf(m));
            Step step = decide(m, contact, latestStep.get(contact.id()), latestStep.containsKey(contact.id()) ? null
                    : latestStored.get(contact.id()), now);
            latestStep.put(contact.id(), step);
            steps.add(step);
        }

        List<Step> opened = steps.stream().filter(Step::started).toList();
        List<Long> conversationIds = conversations.insertAll(opened.stream().map(st -> st.row).toList());
        for (int i = 0; i < opened.size(); i++) {
            opened.get(i).conversationId = conversationIds.get(i);
        }
        List<Long> messageIds = messages.insertAll(steps.stream().map(st -> new MessageStore.NewMessage(
                st.stored().id(), st.message.channelId(), Direction.IN, st.message.externalId(), MessageKind.TEXT,
                st.message.text())).toList(), now);
        for (int i = 0; i < steps.size(); i++) {
            steps.get(i).messageId = messageIds.get(i);
        }
        // a new waiting conversation was inserted as it is; every other step changed a stored row
        conversations.saveAll(steps.stream().filter(st -> !st.started()
                || st.row.state().status() != ConversationStatus.WAITING).map(Step::stored).toList(), now);
        List<Received> received = new ArrayList<>(steps.size());
        for (Step step : steps) {
            tell(step, now);
            received.add(new Received(step.stored().id(), step.messageId, false, step.row.state().status()));
        }
        return received;
    }

    private static ContactStore.Details userOf(InboundMessage m) {
        return new ContactStore.Details(m.contactExternalId(), m.contactName(), m.contactVip(), m.contactRegion());
    }

    /** What a user's message does to their conversation: the one this batch left, or the latest stored, or a new. */
    private Step decide(InboundMessage m, ContactStore.Contact contact, Step earlier, ConversationRow stored,
                        Instant now) {
        ConversationRow latest = earlier != null ? earlier.row : stored;
        Step opening = earlier == null ? null : earlier.opening != null ? earlier.opening
                : earlier.started() ? earlier : null;
        UserMessageOutcome outcome = latest == null ? null : lifecycle.onUserMessage(latest.state());
        if (outcome == null || outcome instanceof UserMessageOutcome.StartsNewConversation) {
            String department = m.department() != null ? m.department()
                    : channels.get(m.channelId()).defaultDepartment();
            ConversationState state = lifecycle.open(department);
            Priority priority = priorityOf(m.urgent(), contact.vip(), false);
            if (m.autoAnswer() != null) {
                state = lifecycle.answerAutomatically(state);
            }
            // continuity: a user whose last conversation closed recently goes back to that agent if they can take it
            Long preferred = latest == null ? null : Optional.of(latest.state())
                    .filter(last -> last.closedAt() != null && !last.closedAt().plus(continuityWindow).isBefore(now))
                    .map(ConversationState::previousAssignee).orElse(null);
            return new Step(m, outcome, null, new ConversationRow(0, m.channelId(), contact.id(), priority, preferred,
                    null, now, null, state));
        }
        if (outcome instanceof UserMessageOutcome.Reopened reopened) {
            return new Step(m, outcome, opening, latest.queuedAgain(reopened.state(),
                    priorityOf(m.urgent(), contact.vip(), true), reopened.state().previousAssignee()));
        }
        return new Step(m, outcome, opening, latest.with(outcome.state()));
    }

    /** The step's history rows and events, once its conversation and message have ids. */
    private void tell(Step step, Instant now) {
        InboundMessage m = step.message;
        ConversationRow conversation = step.stored();
        ConversationState s = conversation.state();
        UserMessageOutcome outcome = step.outcome;
        if (step.started() && s.status() == ConversationStatus.RESOLUTION_PROPOSED) {
            messages.insert(conversation.id(), m.channelId(), Direction.OUT, "faq:" + conversation.id(),
                    MessageKind.TEXT, null, m.autoAnswer().text(), now);
            messages.insert(conversation.id(), m.channelId(), Direction.OUT, "faq-prompt:" + conversation.id(),
                    MessageKind.RESOLUTION_REQUEST, null, m.autoAnswer().prompt(), now);
            eventLog.append(conversation, "auto_answered", now, null, "canned reply " + m.autoAnswer().replyId());
            events.publishEvent(new ConversationAutoAnswered(conversation.id(), m.autoAnswer().replyId(),
                    s.department(), m.channelId(), now));
        } else if (step.started()) {
            recordQueued(conversation, now);
        } else if (outcome instanceof UserMessageOutcome.BackToQueue) {
            eventLog.append(conversation, "returned_to_queue", now, null, "the user wrote after the automatic answer");
            recordQueued(conversation, now);
        } else if (outcome instanceof UserMessageOutcome.Reopened) {
            eventLog.append(conversation, "reopened", now, s.previousAssignee(), null);
            events.publishEvent(new ConversationReopened(conversation.id(), s.previousAssignee(), s.reopenCount(),
                    now));
            recordQueued(conversation, now);
        } else if (outcome instanceof UserMessageOutcome.ReturnedToAgent) {
            eventLog.append(conversation, "returned_to_agent", now, s.assignee(), null);
        }
        events.publishEvent(new MessageReceived(conversation.id(), step.messageId, m.channelId(), s.department(),
                s.assignee(), now));
    }

    private void recordQueued(ConversationRow conversation, Instant now) {
        eventLog.append(conversation, "queued", now, null, conversation.priority().wire());
        events.publishEvent(new ConversationQueued(conversation.id(), conversation.state().department(),
                conversation.channelId(), conversation.state().queuedAt(), conversation.priority(),
                conversation.preferredAgentId()));
    }

    private static Priority priorityOf(boolean urgent, boolean vip, boolean reopened) {
        return urgent ? Priority.URGENT : vip ? Priority.VIP : reopened ? Priority.REOPENED : Priority.NORMAL;
    }

    /**
     * The agent went away before answering: the conversation goes back to its queue, ahead (it keeps its arrival
     * time). Its own transaction; does nothing unless the agent still holds it unanswered.
     *
     * @return false if the conversation was no longer this agent's unanswered one
     */
    public boolean returnToQueue(long conversationId, long agentId) {
        Boolean done = newTransaction.execute(status -> {
            ConversationRow row = conversations.lock(conversationId).orElse(null);
            if (row == null || row.state().status() != ConversationStatus.ASSIGNED || !row.state().isHeldBy(agentId)
                    || row.state().firstReplyAt() != null) {
                return false;
            }
            Instant now = clock.instant();
            ConversationRow back = row.queuedAgain(lifecycle.returnToQueue(row.state()), row.priority(),
                    row.preferredAgentId());
            conversations.save(back, now);
            eventLog.append(back, "requeued", now, agentId, "the agent went away before answering");
            events.publishEvent(new ConversationRequeued(conversationId, agentId, back.state().department(), now));
            return true;
        });
        return Boolean.TRUE.equals(done);
    }

    /**
     * An overflow rule moved a waiting conversation to another department's queue. Its own transaction.
     *
     * @return false if the conversation was no longer waiting
     */
    public boolean moveToDepartment(long conversationId, String department, String reason) {
        Boolean done = newTransaction.execute(status -> {
            ConversationRow row = conversations.lock(conversationId).orElse(null);
            if (row == null || row.state().status() != ConversationStatus.WAITING) {
                return false;
            }
            Instant now = clock.instant();
            String from = row.state().department();
            ConversationRow moved = row.with(lifecycle.moveToDepartment(row.state(), department));
            conversations.save(moved, now);
            eventLog.append(moved, "overflowed", now, null, from + " -> " + department + ": " + reason);
            events.publishEvent(new ConversationOverflowed(conversationId, from, department, now));
            return true;
        });
        return Boolean.TRUE.equals(done);
    }

    /** Marks a contact VIP (their new conversations queue ahead); false if there is no such contact. */
    @Transactional
    public boolean setContactVip(long contactId, boolean vip) {
        return contacts.setVip(contactId, vip);
    }

    /**
     * Routing gives a waiting conversation to an agent. Runs in its own transaction (routing calls it after other
     * transactions commit) and does nothing unless the conversation is still waiting, so it can never assign twice.
     *
     * @return false if the conversation was no longer waiting
     */
    public boolean assign(long conversationId, long agentId, String reason) {
        return assignAll(List.of(new AssignmentToStore(conversationId, agentId, reason))).contains(conversationId);
    }

    /** One of routing's decisions, to store. */
    public record AssignmentToStore(long conversationId, long agentId, String reason) {
    }

    /**
     * Stores routing's decisions in one transaction (a burst's assignments cost one commit, not one each); returns
     * the conversations assigned. One no longer waiting (closed meanwhile) is left out; any other failure stores none.
     */
    public Set<Long> assignAll(List<AssignmentToStore> decisions) {
        Set<Long> done = newTransaction.execute(status -> {
            Set<Long> assigned = new java.util.HashSet<>();
            Instant now = clock.instant();
            // all locked with one query and saved with one batch: a round trip each per dispatch, not per assignment
            Map<Long, ConversationRow> rows = conversations.lockAll(
                    decisions.stream().map(AssignmentToStore::conversationId).toList());
            List<ConversationRow> saved = new ArrayList<>();
            for (AssignmentToStore d : decisions) {
                ConversationRow row = rows.get(d.conversationId());
                if (row == null || row.state().status() != ConversationStatus.WAITING) {
                    continue;
                }
                ConversationRow next = row.assigned(lifecycle.assign(row.state(), d.agentId()), d.reason(), now);
                rows.put(next.id(), next);
                saved.add(next);
            }
            conversations.saveAll(saved, now);
            for (ConversationRow next : saved) {
                long agentId = next.state().assignee();
                eventLog.append(next, "assigned", now, agentId, next.assignmentReason());
                events.publishEvent(new ConversationAssigned(next.id(), agentId, next.state().department(),
                        next.channelId(), next.state().queuedAt(), now, next.assignmentReason()));
                assigned.add(next.id());
            }
            return assigned;
        });
        return done == null ? Set.of() : done;
    }

    /** The assigned agent sends the user one step. */
    @Transactional
    public MessageView reply(long conversationId, long agentId, String text) {
        ConversationRow row = lockHeldBy(conversationId, agentId, "reply");
        replyGuards.forEach(guard -> guard.check(conversationId, text, "text"));
        Instant now = clock.instant();
        boolean first = row.state().firstReplyAt() == null;
        ConversationRow next = row.with(lifecycle.agentReplied(row.state(), agentId));
        MessageView message = messages.insert(conversationId, row.channelId(), Direction.OUT, null, MessageKind.TEXT,
                agentId, text, now);
        conversations.save(next, now);
        if (first) {
            eventLog.append(next, "first_reply", now, agentId, null);
        }
        events.publishEvent(new ReplySent(conversationId, message.id(), agentId, next.state().department(),
                next.channelId(), first, now));
        return message;
    }

    /** The assigned agent proposes that the problem is solved; the user is asked to confirm. */
    @Transactional
    public ConversationView proposeResolution(long conversationId, long agentId) {
        ConversationRow row = lockHeldBy(conversationId, agentId, "propose a resolution");
        Instant now = clock.instant();
        ConversationRow next = row.with(lifecycle.proposeResolution(row.state(), agentId));
        messages.insert(conversationId, row.channelId(), Direction.OUT, null, MessageKind.RESOLUTION_REQUEST,
                agentId, properties.resolutionRequestText(), now);
        conversations.save(next, now);
        eventLog.append(next, "resolution_proposed", now, agentId, null);
        events.publishEvent(new ResolutionProposed(conversationId, agentId, row.channelId(), now));
        return get(conversationId);
    }

    /** The user answers a proposed resolution: confirmed closes the conversation, rejected returns it to the agent. */
    @Transactional
    public ConversationView answerResolution(long conversationId, boolean confirmed) {
        ConversationRow row = conversations.lock(conversationId)
                .orElseThrow(() -> new NotFound("no conversation " + conversationId));
        if (row.state().status() != ConversationStatus.RESOLUTION_PROPOSED) {
            throw new StateConflict("no resolution is waiting for confirmation (the conversation is "
                    + row.state().status().wire() + ")");
        }
        Instant now = clock.instant();
        if (confirmed) {
            close(row, lifecycle.confirmResolution(row.state()), now);
        } else if (row.state().assignee() == null) {
            ConversationRow next = row.with(lifecycle.rejectResolution(row.state()));
            conversations.save(next, now);
            eventLog.append(next, "resolution_rejected", now, null, "the automatic answer did not help");
            recordQueued(next, now);
        } else {
            ConversationRow next = row.with(lifecycle.rejectResolution(row.state()));
            conversations.save(next, now);
            eventLog.append(next, "resolution_rejected", now, next.state().assignee(), null);
            events.publishEvent(new ResolutionRejected(conversationId, next.state().assignee(), row.channelId(), now));
        }
        return get(conversationId);
    }

    /**
     * The user left while waiting (closed the web chat, or the channel says they gave up): the conversation closes as
     * abandoned, leaves its queue, and is counted apart in reports. Only a waiting conversation can be abandoned.
     */
    @Transactional
    public ConversationView abandon(long conversationId) {
        ConversationRow row = conversations.lock(conversationId)
                .orElseThrow(() -> new NotFound("no conversation " + conversationId));
        if (row.state().status() != ConversationStatus.WAITING) {
            throw new StateConflict("only a waiting conversation can be left (this one is "
                    + row.state().status().wire() + ")");
        }
        close(row, lifecycle.abandon(row.state()), clock.instant());
        return get(conversationId);
    }

    /** Closes every proposal left unanswered past the auto-close time; returns how many closed. */
    public int closeOverdueProposals() {
        Instant cutoff = clock.instant().minus(properties.autoCloseAfter());
        int closed = 0;
        for (long id : conversations.proposedBefore(cutoff, 500)) {
            Boolean done = newTransaction.execute(status -> {
                ConversationRow row = conversations.lock(id).orElse(null);
                if (row == null || !lifecycle.isAutoCloseDue(row.state())) {
                    return false;
                }
                close(row, lifecycle.autoClose(row.state()), clock.instant());
                return true;
            });
            if (Boolean.TRUE.equals(done)) {
                closed++;
            }
        }
        if (closed > 0) {
            log.info("auto-closed {} conversations whose proposed resolution went unanswered", closed);
        }
        return closed;
    }

    private void close(ConversationRow row, ConversationState closedState, Instant now) {
        ConversationRow closed = row.with(closedState);
        conversations.save(closed, now);
        CloseReason reason = closedState.closeReason();
        eventLog.append(closed, "closed", now, closedState.previousAssignee(), reason.wire());
        events.publishEvent(new ConversationClosed(row.id(), closedState.previousAssignee(),
                closedState.department(), row.channelId(), reason, now));
    }

    /**
     * Posts one of the system's own messages (wait notice, CSAT request) in its own transaction. The key makes a
     * repeated post (a retried event) a no-op.
     *
     * @return the message, or empty if one with this key was already posted
     */
    public Optional<MessageView> postSystemMessage(long conversationId, MessageKind kind, String text, String key) {
        try {
            return Optional.ofNullable(newTransaction.execute(status -> {
                ConversationView conversation = get(conversationId);
                return messages.insert(conversationId, conversation.channelId(), Direction.OUT, key, kind, null, text,
                        clock.instant());
            }));
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        }
    }

    /** A waiting user is told their place and estimate; {@code notice} counts the notices of this wait. */
    public record WaitNotice(long conversationId, String text, int notice) {
    }

    /**
     * Posts wait notices, many in one transaction (routing tells every new waiting user; one transaction each was a
     * fifth of the server's work under a burst). Each is keyed by the conversation, its wait and the notice's number,
     * so a repeat (after routing rebuilt its state) stores nothing; a batch that meets one is posted one by one.
     */
    public void postWaitNotices(List<WaitNotice> notices) {
        try {
            newTransaction.executeWithoutResult(status -> {
                Instant now = clock.instant();
                Map<Long, ConversationView> found = conversations.views(
                        notices.stream().map(WaitNotice::conversationId).toList());
                messages.insertAll(notices.stream().filter(n -> found.containsKey(n.conversationId())).map(n -> {
                    ConversationView c = found.get(n.conversationId());
                    return new MessageStore.NewMessage(c.id(), c.channelId(), Direction.OUT, waitNoticeKey(c, n),
                            MessageKind.WAIT_NOTICE, n.text());
                }).toList(), now);
            });
        } catch (DuplicateKeyException e) {
            for (WaitNotice n : notices) {
                find(n.conversationId()).ifPresent(c -> postSystemMessage(c.id(), MessageKind.WAIT_NOTICE, n.text(),
                        waitNoticeKey(c, n)));
            }
        }
    }

    private static String waitNoticeKey(ConversationView c, WaitNotice n) {
        return "wait-notice:" + c.id() + ":" + c.queuedAt().toEpochMilli() + ":" + n.notice();
    }

    public Optional<ConversationView> find(long id) {
        return conversations.view(id);
    }

    public ConversationView get(long id) {
        return find(id).orElseThrow(() -> new NotFound("no conversation " + id));
    }

    public List<ConversationView> list(ConversationFilter filter) {
        return conversations.list(filter);
    }

    public List<MessageView> messages(long conversationId, long afterId, int limit) {
        return messages.ofConversation(conversationId, afterId, limit);
    }

    /** The first {@code limit} messages of each of these conversations, oldest first, by conversation. */
    public Map<Long, List<MessageView>> messagesOf(java.util.Collection<Long> conversationIds, int limit) {
        return messages.ofConversations(conversationIds, limit);
    }

    public List<TimelineEntry> timeline(long conversationId) {
        return eventLog.of(conversationId);
    }

    /** The user's latest conversation on a channel (for channels that show the user one thread, like the widget). */
    public Optional<ConversationView> latestOf(String channelId, String contactExternalId) {
        return contacts.find(channelId, contactExternalId).flatMap(conversations::latestOfContact)
                .flatMap(row -> conversations.view(row.id()));
    }

    /** Everything waiting for an agent, for routing to rebuild its queues. */
    public List<ConversationView> waiting() {
        return conversations.waiting();
    }

    /** Open conversations held by an agent, for routing to rebuild agents' loads. */
    public List<ConversationView> held() {
        return conversations.held();
    }

    public Map<ConversationStatus, Long> countByStatus() {
        return conversations.countByStatus();
    }

    private ConversationRow lockHeldBy(long conversationId, long agentId, String step) {
        ConversationRow row = conversations.lock(conversationId)
                .orElseThrow(() -> new NotFound("no conversation " + conversationId));
        ConversationStatus status = row.state().status();
        if (!status.occupiesAgent()) {
            throw new StateConflict("cannot " + step + ": the conversation is " + status.wire());
        }
        if (!row.state().isHeldBy(agentId)) {
            throw new NotAllowed("only the assigned agent can " + step);
        }
        return row;
    }
}
