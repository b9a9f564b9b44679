package org.otklik.cli;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A database for the commands that read one directly: PostgreSQL by URL, or the embedded one in a data directory. */
final class Databases {

    private Databases() {
    }

    static DataSource open(String dbUrl, String user, String password, Path data) {
        if (dbUrl != null) {
            if (!dbUrl.startsWith("jdbc:postgresql://")) {
                throw new Otklik.UsageError("--db-url must be a PostgreSQL JDBC URL (jdbc:postgresql://HOST:PORT/DB)");
            }
            String pw = password != null ? password : System.getenv("SPRING_DATASOURCE_PASSWORD");
            return new DriverManagerDataSource(dbUrl, user == null ? "postgres" : user, pw == null ? "" : pw);
        }
        Path dir = data == null ? Path.of("data") : data;
        if (!java.nio.file.Files.exists(dir.resolve("otklik.mv.db"))) {
            throw new Otklik.UsageError("no Otklik database in " + dir.toAbsolutePath()
                    + " (give --data DIR, or --db-url for PostgreSQL)");
        }
        return new DriverManagerDataSource("jdbc:h2:file:" + dir.toAbsolutePath().resolve("otklik")
                + ";IFEXISTS=TRUE", "sa", "");
    }
}
