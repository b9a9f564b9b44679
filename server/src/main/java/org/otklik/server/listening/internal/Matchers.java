package org.otklik.server.listening.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.otklik.server.listening.ListeningStream;
import org.otklik.text.listening.Stream;
import org.otklik.text.listening.StreamMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The stream matcher in use: built from the stored streams at the first post, rebuilt when streams change; posts
 * being matched finish on the matcher they started with.
 */
@Component
public class Matchers implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Matchers.class);

    private final StreamStore streams;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private StreamMatcher current;

    Matchers(StreamStore streams) {
        this.streams = streams;
    }

    /** The matches of the texts against the streams stored now. */
    public List<StreamMatcher.Match> match(List<String> texts) {
        lock.readLock().lock();
        try {
            if (current != null) {
                return current.match(texts);
            }
        } finally {
            lock.readLock().unlock();
        }
        rebuild();
        return match(texts);
    }

    /** Builds the matcher again from the stored streams. */
    public void rebuild() {
        List<ListeningStream> stored = streams.all();
        long started = System.nanoTime();
        StreamMatcher next = new StreamMatcher(stored.stream()
                .map(s -> new Stream(s.id(), s.name(), s.terms(), s.exclude())).toList());
        log.info("listening: {} streams ready in {} ms", stored.size(), (System.nanoTime() - started) / 1_000_000);
        StreamMatcher previous;
        lock.writeLock().lock();
        try {
            previous = current;
            current = next;
        } finally {
            lock.writeLock().unlock();
        }
        close(previous);
    }

    @Override
    public void destroy() {
        lock.writeLock().lock();
        try {
            close(current);
            current = null;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private static void close(StreamMatcher matcher) {
        if (matcher != null) {
            try {
                matcher.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
