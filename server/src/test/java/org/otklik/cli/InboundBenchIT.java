package org.otklik.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.otklik.server.support.PostgresIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine;

/** The load generator against a real server: every message it counts as stored is stored once, and says so. */
class InboundBenchIT extends PostgresIT {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyMessageSentIsStoredOnceAndCounted() {
        String dept = newDepartment();
        TestChannel channel = newApiChannel(dept);
        goOnline(newAgent(50, dept));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new InboundBenchCommand()).execute("--url", "http://127.0.0.1:" + port, "--token",
                    channel.token(), "--rate", "40", "--duration", "2", "--warmup", "1", "--connections", "4",
                    "--contacts", "30");
        } finally {
            System.setOut(out);
        }
        String report = printed.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(report).isZero();
        assertThat(report).contains("stored (202)             80 in").contains("errors                   0 []")
                .contains("latency due -> stored    p50");
        // 40 of warm-up and 80 measured, each stored once, from 30 users in turn (the warm-up has users of its own)
        assertThat(jdbc.queryForObject("select count(*) from message where channel_id = ? and direction = 'IN'",
                Integer.class, channel.id())).isEqualTo(120);
        assertThat(jdbc.queryForObject("select count(distinct c.contact_id) from conversation c where c.channel_id = ?",
                Integer.class, channel.id())).isEqualTo(60);
    }
}
