package org.otklik.server.triage.internal;

import java.util.List;
import java.util.Optional;
import org.otklik.server.cannedreply.CannedReplies;
import org.otklik.server.cannedreply.CannedReply;
import org.otklik.text.FaqIndex;
import org.springframework.stereotype.Component;

/** The FAQ built from canned replies marked {@code faq}, rebuilt whenever canned replies change. */
@Component
public class FaqAnswers {

    private final CannedReplies cannedReplies;
    private volatile FaqIndex index;
    private volatile long builtFrom = -1;

    FaqAnswers(CannedReplies cannedReplies) {
        this.cannedReplies = cannedReplies;
    }

    public FaqIndex index() {
        long version = cannedReplies.version();
        if (index == null || builtFrom != version) {
            List<FaqIndex.Entry> entries = cannedReplies.all().stream().filter(r -> "faq".equals(r.purpose()))
                    .map(r -> new FaqIndex.Entry(r.id(), r.title(), r.body(), r.department())).toList();
            index = FaqIndex.of(entries);
            builtFrom = version;
        }
        return index;
    }

    public Optional<CannedReply> reply(long id) {
        return cannedReplies.find(id);
    }
}
