package org.otklik.server.listening;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.otklik.server.listening.internal.Matchers;
import org.otklik.server.listening.internal.StreamStore;
import org.otklik.server.shared.InvalidInput;
import org.otklik.server.shared.NotFound;
import org.otklik.server.shared.StateConflict;
import org.otklik.text.listening.Stream;
import org.springframework.stereotype.Service;

/** The saved keyword streams: kept in the database, compiled into the matcher whenever they change. */
@Service
public class StreamManagement {

    private final StreamStore store;
    private final Matchers matchers;
    private final InstantSource clock;

    StreamManagement(StreamStore store, Matchers matchers, InstantSource clock) {
        this.store = store;
        this.matchers = matchers;
        this.clock = clock;
    }

    public List<ListeningStream> all() {
        return store.all();
    }

    public ListeningStream get(String id) {
        return store.find(id).orElseThrow(() -> new NotFound("stream " + id + " does not exist"));
    }

    /** @throws InvalidInput naming the field; StateConflict when the id is taken */
    public ListeningStream create(String id, String name, List<String> terms, List<String> exclude) {
        ListeningStream stream = validated(id, name, terms, exclude);
        if (store.find(stream.id()).isPresent()) {
            throw new StateConflict("stream " + stream.id() + " already exists");
        }
        store.insert(stream, clock.instant());
        matchers.rebuild();
        return get(stream.id());
    }

    public ListeningStream update(String id, String name, List<String> terms, List<String> exclude) {
        ListeningStream current = get(id);
        ListeningStream stream = validated(id, name == null ? current.name() : name,
                terms == null ? current.terms() : terms, exclude == null ? current.exclude() : exclude);
        store.update(stream, clock.instant());
        matchers.rebuild();
        return get(id);
    }

    public void delete(String id) {
        if (!store.delete(id)) {
            throw new NotFound("stream " + id + " does not exist");
        }
        matchers.rebuild();
    }

    private static ListeningStream validated(String id, String name, List<String> terms, List<String> exclude) {
        if (id == null || !id.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new InvalidInput("id", "id must be 1-64 letters, digits, '_', '.' or '-'");
        }
        if (name != null && name.length() > 200) {
            throw new InvalidInput("name", "name must be at most 200 characters");
        }
        List<String> cleanTerms = clean(terms, "terms");
        if (cleanTerms.isEmpty()) {
            throw new InvalidInput("terms", "terms must name at least one term");
        }
        List<String> cleanExclude = clean(exclude, "exclude");
        try {
            Stream checked = new Stream(id, name, cleanTerms, cleanExclude);
            return new ListeningStream(checked.id(), checked.name(), checked.terms(), checked.exclude(), null);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage().contains("exclude") ? "exclude" : "terms", e.getMessage());
        }
    }

    private static List<String> clean(List<String> values, String field) {
        List<String> out = new ArrayList<>();
        if (values == null) {
            return out;
        }
        for (String v : values) {
            if (v == null) {
                throw new InvalidInput(field, field + " must not contain null");
            }
            if (!v.isBlank()) {
                out.add(v.strip());
            }
        }
        return out;
    }
}
