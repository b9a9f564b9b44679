package org.otklik.server.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Deferred rows are written once, as their transaction commits, and never when it rolls back. */
class DeferredInsertsTest {

    private static final String INSERT = "insert into row_log (name) values (?)";

    private JdbcTemplate jdbc;
    private DeferredInserts deferred;
    private TransactionTemplate transaction;
    private TransactionTemplate inner;

    @BeforeEach
    void database() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:deferred-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("create table row_log (name varchar(20) not null unique)");
        deferred = new DeferredInserts(jdbc);
        DataSourceTransactionManager manager = new DataSourceTransactionManager(dataSource);
        transaction = new TransactionTemplate(manager);
        inner = new TransactionTemplate(manager);
        inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    private List<String> rows() {
        return jdbc.queryForList("select name from row_log order by name", String.class);
    }

    @Test
    void rowsAreWrittenInOneGoJustBeforeTheTransactionCommits() {
        transaction.executeWithoutResult(status -> {
            deferred.add(INSERT, "a");
            deferred.add(INSERT, "b");
            assertThat(rows()).as("not yet written, inside the transaction").isEmpty();
        });
        assertThat(rows()).containsExactly("a", "b");
    }

    @Test
    void aRolledBackTransactionWritesNothing() {
        transaction.executeWithoutResult(status -> {
            deferred.add(INSERT, "a");
            status.setRollbackOnly();
        });
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            deferred.add(INSERT, "b");
            throw new IllegalStateException("the caller failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(rows()).isEmpty();
    }

    @Test
    void aFailingRowFailsTheCommitAndTheTransactionsOtherWorkWithIt() {
        jdbc.update(INSERT, "taken");
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            jdbc.update(INSERT, "written at once");
            deferred.add(INSERT, "taken");
        })).isInstanceOf(DataIntegrityViolationException.class);
        assertThat(rows()).containsExactly("taken");
    }

    @Test
    void outsideATransactionARowIsWrittenAtOnce() {
        deferred.add(INSERT, "a");
        assertThat(rows()).containsExactly("a");
    }

    @Test
    void anInnerTransactionWritesOnlyItsOwnRows() {
        transaction.executeWithoutResult(status -> {
            deferred.add(INSERT, "outer");
            inner.executeWithoutResult(s -> deferred.add(INSERT, "inner"));
            assertThat(rows()).as("the inner one committed; the outer's row waits for its own commit")
                    .containsExactly("inner");
            deferred.add(INSERT, "outer-after");
        });
        assertThat(rows()).containsExactly("inner", "outer", "outer-after");
    }
}
