package org.otklik.server.shared;

import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps PostgreSQL's planner statistics fresh when autovacuum is off. Without them the planner takes a growing table
 * for a small one: the inbound writer's contact lookup for a batch became a scan of the whole channel (30 ms a batch
 * at 87,000 contacts, growing with every message) on an installation with autovacuum off. When autovacuum is on (the
 * default) this does nothing. When it is off, it analyzes every table of Otklik's schema that changed by as much as
 * autovacuum's default threshold would analyze (50 rows and a tenth of the table), checked every
 * {@code otklik.database.statistics-check} (1 minute).
 */
@Component
public class PlannerStatistics {

    private static final Logger log = LoggerFactory.getLogger(PlannerStatistics.class);

    private final JdbcClient jdbc;
    private final boolean needed;

    PlannerStatistics(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        boolean postgres;
        try {
            postgres = "PostgreSQL".equals(JdbcUtils.extractDatabaseMetaData(dataSource,
                    metaData -> metaData.getDatabaseProductName()));
        } catch (Exception e) {
            postgres = false;
        }
        this.needed = postgres && "off".equals(jdbc.sql("show autovacuum").query(String.class).single());
        if (needed) {
            log.warn("database: PostgreSQL's autovacuum is off; Otklik will analyze its own tables as they grow "
                    + "(docs/deployment-postgresql.md)");
        }
    }

    public boolean needed() {
        return needed;
    }

    @Scheduled(fixedDelayString = "${otklik.database.statistics-check:1m}", initialDelayString = "PT15S")
    public void analyzeStale() {
        if (!needed) {
            return;
        }
        List<String> stale = jdbc.sql("""
                        select relname from pg_stat_user_tables
                        where schemaname = current_schema() and n_mod_since_analyze > 50 + 0.1 * n_live_tup""")
                .query(String.class).list();
        for (String table : stale) {
            jdbc.sql("analyze " + quoted(table)).update();
        }
        if (!stale.isEmpty()) {
            log.info("database: analyzed {}", stale);
        }
    }

    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
