package org.otklik.server.shared;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, lets the driver send a JDBC batch of inserts as multi-row inserts ({@code reWriteBatchedInserts}):
 * the inbound writer's and {@link DeferredInserts}' batches then cost the server one statement per 128 rows, not one
 * per row. Generated ids still come back in the rows' order. Set before the pool opens its first connection.
 */
@Component
class PostgresBatches implements BeanPostProcessor {

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
                && pool.getJdbcUrl().startsWith("jdbc:postgresql:")
                && !pool.getDataSourceProperties().containsKey("reWriteBatchedInserts")) {
            pool.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        return bean;
    }
}
