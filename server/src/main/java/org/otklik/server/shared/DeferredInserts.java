package org.otklik.server.shared;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Inserts whose caller needs nothing back (no generated key, no row count): history rows, report feed rows, triage
 * labels. Inside a transaction they are kept until just before it commits and then written as one JDBC batch per
 * statement, so a batch of 200 inbound messages costs one round trip to the database for each kind of row instead of
 * 200. They commit or roll back with the transaction exactly as if written at once; only a read of the same rows
 * later in the same transaction would not see them, and nothing does that. Outside a transaction they are written at
 * once.
 */
@Component
public class DeferredInserts {

    /** The most rows sent in one batch (one network write of bind/execute messages). */
    private static final int CHUNK = 500;

    private final JdbcTemplate jdbc;
    private final Object key = new Object(); // this bean's rows in the transaction's resources

    DeferredInserts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void add(String sql, Object... params) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            jdbc.update(sql, params);
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, List<Object[]>> pending = (Map<String, List<Object[]>>) TransactionSynchronizationManager
                .getResource(key);
        if (pending == null) {
            pending = new LinkedHashMap<>();
            TransactionSynchronizationManager.bindResource(key, pending);
            TransactionSynchronizationManager.registerSynchronization(new Flush(pending));
        }
        pending.computeIfAbsent(sql, s -> new ArrayList<>()).add(params);
    }

    /** Writes a transaction's rows before it commits; keeps them apart while an inner (REQUIRES_NEW) one runs. */
    private final class Flush implements TransactionSynchronization {

        private final Map<String, List<Object[]>> pending;

        Flush(Map<String, List<Object[]>> pending) {
            this.pending = pending;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            pending.forEach((sql, rows) -> {
                for (int from = 0; from < rows.size(); from += CHUNK) {
                    jdbc.batchUpdate(sql, rows.subList(from, Math.min(rows.size(), from + CHUNK)));
                }
            });
            pending.clear();
        }

        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResource(key);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(key, pending);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(key);
        }
    }
}
