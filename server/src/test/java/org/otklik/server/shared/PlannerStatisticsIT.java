package org.otklik.server.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.otklik.server.support.PostgresIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** With autovacuum off (as on this project's machines), a table that grew is analyzed by Otklik itself. */
class PlannerStatisticsIT extends PostgresIT {

    @Autowired
    PlannerStatistics statistics;

    @Autowired
    JdbcClient jdbc;

    private boolean analyzed(String table) {
        return jdbc.sql("select last_analyze is not null from pg_stat_user_tables where relname = ?").param(table)
                .query(Boolean.class).single();
    }

    @Test
    void aTableThatGrewIsAnalyzedAndAnUnchangedOneIsNot() throws Exception {
        assumeTrue(statistics.needed(), "autovacuum is on here: PostgreSQL keeps the statistics itself");
        jdbc.sql("create table if not exists stats_grown (id int)").update();
        jdbc.sql("create table if not exists stats_unchanged (id int)").update();
        jdbc.sql("insert into stats_grown select generate_series(1, 500)").update();
        // a backend reports its counts when it is next idle, within seconds
        for (long until = System.nanoTime() + 30_000_000_000L; !analyzed("stats_grown") && System.nanoTime() < until; ) {
            statistics.analyzeStale();
            Thread.sleep(250);
        }
        assertThat(analyzed("stats_grown")).isTrue();
        assertThat(analyzed("stats_unchanged")).isFalse();
    }
}
