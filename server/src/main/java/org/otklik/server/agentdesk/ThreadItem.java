package org.otklik.server.agentdesk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.otklik.server.conversation.MessageView;
import org.otklik.server.conversation.TimelineEntry;

/** One line of the conversation as an agent reads it: a message, or a lifecycle step between messages. */
public record ThreadItem(Instant at, MessageView message, TimelineEntry event) {

    static List<ThreadItem> merge(List<MessageView> messages, List<TimelineEntry> events) {
        List<ThreadItem> items = new ArrayList<>();
        messages.forEach(m -> items.add(new ThreadItem(m.createdAt(), m, null)));
        // the first reply is visible as the reply itself; do not repeat it
        events.stream().filter(e -> !e.type().equals("first_reply"))
                .forEach(e -> items.add(new ThreadItem(e.at(), null, e)));
        items.sort(Comparator.comparing(ThreadItem::at).thenComparing(i -> i.message() == null ? 1 : 0));
        return items;
    }

    public boolean isMessage() {
        return message != null;
    }
}
