package org.otklik.server.reports.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Adds to the day and hour rollups: an update of the row, or its insert when it is the first of its key. */
@Repository
public class Rollups {

    /** First-response buckets' upper bounds in seconds (the last is open-ended). */
    public static final int[] FRT_BOUNDS = {30, 60, 120, 180, 300, 600, 900, 1800, 3600, 7200, 14400, 28800};

    private final JdbcClient jdbc;
    private final TransactionTemplate savepoint;

    Rollups(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * Runs an insert that may meet a concurrent one: in a savepoint, so that on PostgreSQL the duplicate key does not
     * abort the surrounding transaction. Answers false when the row was there already.
     */
    public boolean insertOnce(Runnable insert) {
        try {
            savepoint.executeWithoutResult(tx -> insert.run());
            return true;
        } catch (DuplicateKeyException already) {
            return false;
        }
    }

    public static int bucket(long seconds) {
        for (int i = 0; i < FRT_BOUNDS.length; i++) {
            if (seconds <= FRT_BOUNDS[i]) {
                return i;
            }
        }
        return FRT_BOUNDS.length;
    }

    /** Starts collecting additions to apply together: one update per rollup row however many events touched it. */
    public Batch batch() {
        return new Batch();
    }

    /**
     * Additions to the rollups gathered over a batch of events. {@link #apply()} writes each touched row once, in a
     * fixed order of keys, so that two projectors (two nodes) can never deadlock on the same rows.
     */
    public final class Batch {

        private record Target(String table, Map<String, Object> key) {
        }

        private final Map<String, Target> targets = new java.util.TreeMap<>();
        private final Map<String, Map<String, Long>> additions = new java.util.HashMap<>();

        private Batch() {
        }

        /** Adds to the day's rollups: by department and channel, by region, and (when an agent did it) by agent. */
        public void day(LocalDate day, String department, String channel, long agent, String region,
                        Map<String, Long> add) {
            add("report_day", keyOf("on_day", day, "department", department, "channel_id", channel), add);
            add("report_region_day", keyOf("on_day", day, "region", region), add);
            if (agent != 0) {
                add("report_agent_day", keyOf("on_day", day, "agent_id", agent, "department", department), add);
            }
        }

        public void hour(LocalDate day, int hour, String department, String channel, Map<String, Long> add) {
            add("report_hour", keyOf("on_day", day, "hour_of_day", hour, "department", department,
                    "channel_id", channel), add);
        }

        private void add(String table, Map<String, Object> key, Map<String, Long> add) {
            String id = table + key;
            targets.putIfAbsent(id, new Target(table, key));
            Map<String, Long> sums = additions.computeIfAbsent(id, k -> new LinkedHashMap<>());
            add.forEach((column, value) -> sums.merge(column, value, Long::sum));
        }

        /** Writes the gathered additions in the current transaction. */
        public void apply() {
            targets.forEach((id, target) -> bump(target.table(), target.key(), additions.get(id)));
            targets.clear();
            additions.clear();
        }
    }

    private static Map<String, Object> keyOf(Object... columnsAndValues) {
        Map<String, Object> key = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            key.put((String) columnsAndValues[i], columnsAndValues[i + 1]);
        }
        return key;
    }

    private void bump(String table, Map<String, Object> key, Map<String, Long> add) {
        List<Object> params = new ArrayList<>();
        StringBuilder set = new StringBuilder();
        add.forEach((column, value) -> {
            set.append(set.isEmpty() ? "" : ", ").append(column).append(" = ").append(column).append(" + ?");
            params.add(value);
        });
        StringBuilder where = new StringBuilder();
        key.forEach((column, value) -> {
            where.append(where.isEmpty() ? "" : " and ").append(column).append(" = ?");
            params.add(value);
        });
        String update = "update " + table + " set " + set + " where " + where;
        if (jdbc.sql(update).params(params).update() == 1) {
            return;
        }
        List<String> columns = new ArrayList<>(key.keySet());
        columns.addAll(add.keySet());
        List<Object> values = new ArrayList<>(key.values());
        values.addAll(add.values());
        boolean inserted = insertOnce(() -> jdbc.sql("insert into " + table + " (" + String.join(", ", columns)
                + ") values (" + String.join(", ", columns.stream().map(c -> "?").toList()) + ")").params(values)
                .update());
        if (!inserted) {
            jdbc.sql(update).params(params).update();
        }
    }
}
