package org.otklik.server.triage;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.otklik.server.department.Departments;
import org.otklik.server.shared.InvalidInput;
import org.otklik.server.shared.NotFound;
import org.otklik.server.triage.internal.FaqAnswers;
import org.otklik.server.triage.internal.TriageModel;
import org.otklik.server.triage.internal.TriageStore;
import org.otklik.text.AutoAnswer;
import org.otklik.text.FaqIndex;
import org.otklik.text.TriageResult;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads texts, stores what each inbound message was read as, and takes agents' corrections. */
@Service
public class TriageManagement {

    private final TriageModel model;
    private final TriageStore store;
    private final Departments departments;
    private final ApplicationEventPublisher events;
    private final InstantSource clock;
    private final FaqAnswers faq;
    private final FaqProperties faqProperties;

    TriageManagement(TriageModel model, TriageStore store, Departments departments, ApplicationEventPublisher events,
                     InstantSource clock, FaqAnswers faq, FaqProperties faqProperties) {
        this.faq = faq;
        this.faqProperties = faqProperties;
        this.model = model;
        this.store = store;
        this.departments = departments;
        this.events = events;
        this.clock = clock;
    }

    /** Reads one text; {@code source} is where it was written (see {@link Labels#SOURCES}), if known. */
    public Labels read(String text, String source) {
        TriageResult r = model.get().classify(text, source);
        return new Labels(r.kind(), r.department(), r.isPrivate(), r.profanity(), r.outage(), r.lang(), r.translit(),
                r.confidence(), source);
    }

    /**
     * The department a new conversation should queue in, as triage reads its first message (given for problems and
     * texts that may well be problems); empty if triage sees none.
     */
    public Optional<String> departmentOf(Labels labels) {
        return labels.department() != null && departments.exists(labels.department())
                ? Optional.of(labels.department()) : Optional.empty();
    }

    /** An answer the FAQ may send by itself, when triage and the FAQ match are both sure enough. */
    public Optional<FaqIndex.Match> automaticAnswer(String text, Labels labels) {
        if (!faqProperties.enabled()) {
            return Optional.empty();
        }
        TriageResult read = new TriageResult(labels.kind(), labels.department(), labels.isPrivate(),
                labels.profanity(), labels.outage(), labels.lang(), labels.translit(), labels.confidence());
        return AutoAnswer.decide(read, faq.index(), text, faqProperties.threshold());
    }

    /** The question asked after an automatic answer. */
    public String automaticAnswerPrompt() {
        return faqProperties.prompt();
    }

    @Transactional
    public void record(long messageId, long conversationId, Labels labels) {
        Instant now = clock.instant();
        store.insert(messageId, conversationId, labels, now);
        events.publishEvent(new MessageTriaged(messageId, conversationId, labels.kind(), labels.department(),
                labels.isPrivate(), labels.profanity(), labels.outage(), labels.lang(), labels.source(), now));
    }

    public Optional<MessageLabels> labels(long messageId) {
        return store.find(messageId);
    }

    public List<MessageLabels> labelsOfConversation(long conversationId) {
        return store.ofConversation(conversationId);
    }

    /** An agent says what the message really is; stored as new labelled data and used by the desk from now on. */
    @Transactional
    public MessageLabels correct(long messageId, Labels corrected, long agentId) {
        MessageLabels current = store.find(messageId)
                .orElseThrow(() -> new NotFound("message " + messageId + " was not triaged"));
        if (!Labels.KINDS.contains(corrected.kind())) {
            throw new InvalidInput("kind", "kind must be one of " + Labels.KINDS);
        }
        String department = corrected.department();
        if ("problem".equals(corrected.kind())) {
            departments.requireKnown(department, "department");
        } else if (department != null) {
            throw new InvalidInput("department", "only a problem has a department");
        }
        if (corrected.outage() != null && !Labels.OUTAGES.contains(corrected.outage())) {
            throw new InvalidInput("outage", "outage must be one of " + Labels.OUTAGES + " or null");
        }
        if (corrected.lang() == null || !corrected.lang().matches("[a-z]{2}")) {
            throw new InvalidInput("lang", "lang must be an ISO 639-1 code like ru");
        }
        store.correct(messageId, corrected, agentId, clock.instant());
        return store.find(current.messageId()).orElseThrow();
    }

    /** Agents' corrections as labelled rows in the format of data/triage-sample.jsonl, to train on. */
    public List<Map<String, Object>> corrections() {
        return store.corrections();
    }
}
