package org.otklik.text.listening;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.TextField;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.MultiMatchingQueries;
import org.apache.lucene.monitor.QueryMatch;
import org.apache.lucene.monitor.TermFilteredPresearcher;
import org.apache.lucene.monitor.TermWeightor;
import org.apache.lucene.util.BytesRef;
import java.util.HashSet;
import org.apache.lucene.search.Query;

/**
 * Finds which streams each post mentions, with Lucene Monitor: every term of every stream is a stored query
 * ({@link StreamQueries}); a batch of posts is turned into tokens ({@link PostTokens}) and Monitor's presearcher
 * picks, for the batch, only the queries whose terms occur in it before running them. Thread-safe: several threads
 * may match batches at once.
 */
public final class StreamMatcher implements Closeable {

    /** The posts Monitor indexes together in one batch. */
    public static final int BATCH = 1024;

    private final Monitor monitor;
    private final FuzzyIndex fuzzy = new FuzzyIndex();
    private final NameForms forms = new NameForms();
    private final ListeningLexicon lexicon;
    private final Map<String, String> termOfQuery = new HashMap<>();
    private final Map<String, String> streamOfQuery = new HashMap<>();
    private final ThreadLocal<PostTokens> tokens;
    private final int streamCount;

    public StreamMatcher(List<Stream> streams) {
        this.lexicon = ListeningLexicon.shared();
        this.streamCount = streams.size();
        Stems stems = new Stems();
        StreamQueries queries = new StreamQueries(stems, lexicon, fuzzy, forms);
        List<MonitorQuery> stored = new ArrayList<>();
        for (Stream stream : streams) {
            for (int i = 0; i < stream.terms().size(); i++) {
                Query q = queries.term(stream.terms().get(i), stream.exclude());
                if (q != null) {
                    String id = stream.id() + "#" + i;
                    stored.add(new MonitorQuery(id, q));
                    termOfQuery.put(id, stream.terms().get(i));
                    streamOfQuery.put(id, stream.id());
                }
            }
        }
        try {
            // the presearcher indexes each query by its rarest part; the context cues and the «от» of «Музыка от
            // Яндекса» are everywhere, so they are never what a query is found by
            Set<BytesRef> everywhere = new HashSet<>();
            everywhere.add(new BytesRef(StreamQueries.CUE));
            everywhere.add(new BytesRef("от"));
            Set<BytesRef> ordinary = new HashSet<>();
            lexicon.commonStems().forEach(c -> ordinary.add(new BytesRef(c)));
            TermWeightor weightor = TermWeightor.combine(TermFilteredPresearcher.DEFAULT_WEIGHTOR,
                    TermWeightor.termWeightor(0.001, everywhere), TermWeightor.termWeightor(0.05, ordinary),
                    TermWeightor.termFreqWeightor(lexicon.stemFrequencies(), 1.0, 0.0));
            monitor = new Monitor(new KeywordAnalyzer(), new TermFilteredPresearcher(weightor, List.of(), Set.of()));
            monitor.register(stored);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        tokens = ThreadLocal.withInitial(() -> new PostTokens(new Stems(), lexicon, fuzzy, forms));
    }

    public int streamCount() {
        return streamCount;
    }

    /** What matched one post: stream id -> the terms of that stream that matched. */
    public record Match(Map<String, Set<String>> termsByStream) {

        public Set<String> streams() {
            return new TreeSet<>(termsByStream.keySet());
        }
    }

    public Match match(String text) {
        return match(List.of(text)).getFirst();
    }

    /** The matches of each text, in order; texts are matched in batches of {@link #BATCH}. */
    public List<Match> match(List<String> texts) {
        List<Match> out = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += BATCH) {
            out.addAll(batch(texts.subList(from, Math.min(texts.size(), from + BATCH))));
        }
        return out;
    }

    private List<Match> batch(List<String> texts) {
        PostTokens maker = tokens.get();
        Document[] docs = new Document[texts.size()];
        for (int i = 0; i < docs.length; i++) {
            Document doc = new Document();
            doc.add(new TextField(StreamQueries.FIELD, PostTokens.stream(maker.of(texts.get(i)))));
            docs[i] = doc;
        }
        MultiMatchingQueries<QueryMatch> matches;
        try {
            matches = monitor.match(docs, QueryMatch.SIMPLE_MATCHER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Match> out = new ArrayList<>(docs.length);
        for (int i = 0; i < docs.length; i++) {
            Collection<QueryMatch> hits = matches.getMatches(i);
            Map<String, Set<String>> byStream = new HashMap<>();
            if (hits != null) {
                for (QueryMatch hit : hits) {
                    byStream.computeIfAbsent(streamOfQuery.get(hit.getQueryId()), k -> new TreeSet<>())
                            .add(termOfQuery.get(hit.getQueryId()));
                }
            }
            out.add(new Match(byStream));
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        monitor.close();
    }
}
