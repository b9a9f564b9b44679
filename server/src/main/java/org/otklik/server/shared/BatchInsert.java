package org.otklik.server.shared;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * Many rows of one insert in one JDBC batch (one round trip to the database), with their generated ids in the order
 * of the rows: for the inbound writer, which stores a batch's new conversations and messages this way.
 */
public final class BatchInsert {

    private BatchInsert() {
    }

    public static List<Long> returningIds(JdbcTemplate jdbc, String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        var keys = new GeneratedKeyHolder();
        jdbc.batchUpdate(con -> con.prepareStatement(sql, new String[] {"id"}), new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                Object[] row = rows.get(i);
                for (int p = 0; p < row.length; p++) {
                    StatementCreatorUtils.setParameterValue(ps, p + 1, SqlTypeValue.TYPE_UNKNOWN, row[p]);
                }
            }

            @Override
            public int getBatchSize() {
                return rows.size();
            }
        }, keys);
        List<Map<String, Object>> generated = keys.getKeyList();
        if (generated.size() != rows.size()) {
            throw new IllegalStateException("expected " + rows.size() + " generated ids, got " + generated.size());
        }
        return generated.stream().map(k -> ((Number) k.values().iterator().next()).longValue()).toList();
    }
}
