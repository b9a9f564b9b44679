package org.otklik.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.otklik.server.support.Api;
import org.otklik.server.support.TestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The README's first command, {@code ./otklik demo}, and the launcher's refusals, run as a user runs them. */
class LauncherIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private record Run(int exit, List<String> output) {
    }

    private static ProcessBuilder launcher(String... args) {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("otklik").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().put("OTKLIK_NO_BUILD", "1"); // the jar was just packaged; never rebuild inside a build
        return builder;
    }

    private static Run run(String... args) throws Exception {
        Process p = launcher(args).start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(p.waitFor(150, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), lines);
    }

    @Test
    void badArgumentsExitWithTwoAndOneLine() throws Exception {
        for (String[] args : List.of(new String[] {"demo", "--port", "0"}, new String[] {"demo", "--traffic", "x"},
                new String[] {"serve", "--db-url", "jdbc:mysql://h/db"}, new String[] {"launch"},
                new String[] {"serve", "--data", "d", "--db-url", "jdbc:postgresql://h/db"},
                new String[] {"listen", "--streams", "no-such-streams.json", "--in", "x", "--out", "y"},
                new String[] {"listen", "--in", "x", "--out", "y"},
                new String[] {"listen-eval", "--streams", "pom.xml", "--gold", "pom.xml"},
                new String[] {"listen-bench", "--streams", "0"},
                new String[] {"incidents", "--in", "no-such-file.jsonl"},
                new String[] {"report", "--from", "2026-13-01", "--to", "2026-12-01"})) {
            Run run = run(args);
            assertThat(run.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.output()).as(String.join(" ", args)).hasSize(1);
            assertThat(run.output().get(0)).startsWith("otklik: ");
        }
    }

    @Test
    void serveRunsOnPostgresqlAndCreatesTheFirstAdmin() throws Exception {
        int port = ServerProcess.freePort();
        ProcessBuilder builder = launcher("serve", "--port", Integer.toString(port), "--db-url",
                TestDatabase.fresh("serve"), "--db-user", TestDatabase.user());
        builder.environment().put("OTKLIK_BOOTSTRAP_ADMIN_PASSWORD", "first-admin-password");
        Process serve = builder.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(),
                StandardCharsets.UTF_8))) {
            Instant started = Instant.now();
            String line;
            boolean ready = false;
            while (!ready && (line = out.readLine()) != null
                    && Duration.between(started, Instant.now()).toSeconds() < 60) {
                ready = line.startsWith("Otklik is ready: http://localhost:" + port);
            }
            assertThat(ready).as("the ready line").isTrue();
            Api api = new Api(port);
            String admin = api.login("admin", "first-admin-password");
            Api.Response channel = api.post("/api/v1/admin/channels", admin, Map.of("type", "api", "name", "CRM"));
            assertThat(channel.status()).as(channel.body()).isEqualTo(201);
            Api.Response inbound = api.post("/api/v1/inbound", channel.json().get("token").asString(),
                    Map.of("externalId", "s-1", "contact", Map.of("externalId", "u1"), "text", "Здравствуйте"));
            assertThat(inbound.status()).as(inbound.body()).isEqualTo(202);
            assertThat(inbound.json().get("status").asString()).isEqualTo("waiting");
        } finally {
            serve.destroy();
            if (!serve.waitFor(20, TimeUnit.SECONDS)) {
                serve.destroyForcibly();
            }
        }
    }

    @Test
    void demoStartsOnAFreshDataDirectoryWithinSixtySecondsAndServesItsCredentials(@TempDir Path data)
            throws Exception {
        int port = ServerProcess.freePort();
        Instant started = Instant.now();
        Process demo = launcher("demo", "--port", Integer.toString(port), "--data", data.toString(), "--traffic",
                "off").start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(demo.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            String ready = null;
            String login = null;
            while ((line = out.readLine()) != null && Duration.between(started, Instant.now()).toSeconds() < 60) {
                if (line.startsWith("Otklik demo is ready:")) {
                    ready = line;
                }
                if (line.contains("sign in as agent")) {
                    login = line;
                    break;
                }
            }
            Duration startup = Duration.between(started, Instant.now());
            assertThat(ready).as("the ready line").contains("http://localhost:" + port + "/workspace");
            assertThat(login).as("a login").matches(".*sign in as agent \\S+ / \\S+.*");
            assertThat(startup).isLessThan(Duration.ofSeconds(60));

            JsonNode credentials = JsonMapper.builder().build()
                    .readTree(Files.readString(data.resolve("demo-credentials.json")));
            assertThat(credentials.get("url").asString()).isEqualTo("http://localhost:" + port);
            assertThat(credentials.get("agents").size()).isGreaterThanOrEqualTo(2);
            JsonNode agent = credentials.get("agents").get(0);
            assertThat(agent.get("login").asString()).isNotBlank();
            assertThat(agent.get("password").asString()).isNotBlank();
            assertThat(agent.get("skills").size()).isPositive();
            assertThat(credentials.get("admin").get("password").asString()).isNotBlank();

            Api api = new Api(port);
            Api.Response inbound = api.post("/api/v1/inbound", credentials.get("channelToken").asString(),
                    Map.of("externalId", "launcher-1", "contact", Map.of("externalId", "u1", "name", "Лена"),
                            "text", "Здравствуйте, не приходит код"));
            assertThat(inbound.status()).as(inbound.body()).isEqualTo(202);
            String token = api.login(agent.get("login").asString(), agent.get("password").asString());
            assertThat(api.get("/api/v1/agents/me", token).status()).isEqualTo(200);
            assertThat(api.get("/actuator/health", null).body()).contains("UP");
            Api.Response mention = api.post("/api/v1/mentions", credentials.get("channelToken").asString(),
                    Map.of("sourceId", "launcher-post-1", "source", "vk_comment",
                            "text", "Не могу зайти в Одноклассники второй день, пишет ошибка"));
            assertThat(mention.status()).as(mention.body()).isEqualTo(202);
            assertThat(mention.json().get("streams").toString()).as("the demo's streams are seeded").contains("ok");
            assertThat(Files.exists(data.resolve("otklik.mv.db"))).isTrue();
        } finally {
            demo.destroy();
            if (!demo.waitFor(20, TimeUnit.SECONDS)) {
                demo.destroyForcibly();
            }
        }
    }

    @Test
    void listenWritesOneRowPerPostInOrder(@TempDir Path dir) throws Exception {
        Path shared = ROOT.resolve("text/src/test/resources/shared");
        Path out = dir.resolve("matches.jsonl");
        Path in = dir.resolve("posts.jsonl");
        Files.writeString(in, Files.readString(shared.resolve("listening-sample.jsonl")) + "not json\n");
        Run run = run("listen", "--streams", shared.resolve("streams-sample.json").toString(), "--in", in.toString(),
                "--out", out.toString());
        assertThat(run.exit()).as(String.join("\n", run.output())).isZero();
        List<String> inRows = Files.readAllLines(in).stream().filter(l -> !l.isBlank()).toList();
        List<String> outRows = Files.readAllLines(out);
        assertThat(outRows).hasSize(inRows.size());
        JsonNode first = JsonMapper.builder().build().readTree(outRows.get(0));
        assertThat(first.get("id").toString()).isEqualTo(JsonMapper.builder().build().readTree(inRows.get(0))
                .get("id").toString());
        assertThat(first.has("streams")).isTrue();
        assertThat(outRows.get(outRows.size() - 1)).contains("error");
        assertThat(run.output()).anyMatch(l -> l.contains("line " + inRows.size()));
    }

    @Test
    void incidentsOpensOneOnTheOutageDayAndNoneWhenTheOutageIsTakenOut(@TempDir Path dir) throws Exception {
        Path sample = ROOT.resolve("text/src/test/resources/shared/outage-day-sample.jsonl");
        Path out = dir.resolve("incidents.json");
        Run run = run("incidents", "--in", sample.toString(), "--json", out.toString());
        assertThat(run.exit()).as(String.join("\n", run.output())).isZero();
        JsonNode incidents = JsonMapper.builder().build().readTree(Files.readString(out));
        assertThat(incidents).hasSize(1);
        java.time.OffsetDateTime opened = java.time.OffsetDateTime.parse(incidents.get(0).get("opened_at").asString());
        assertThat(opened.toLocalTime()).isBetween(java.time.LocalTime.of(20, 35), java.time.LocalTime.of(20, 45));
        assertThat(incidents.get(0).get("components").get("app").asInt()).isGreaterThan(1000);

        // the same day with the outage's surplus taken out (from 20:30 one outage report in 25 kept, about the usual
        // share of the busier evening's messages): the volume peak alone opens nothing
        Path normal = dir.resolve("normal.jsonl");
        List<String> kept = Files.readAllLines(sample).stream().filter(l -> {
            JsonNode row = JsonMapper.builder().build().readTree(l);
            return row.get("outage").isNull() || row.get("ts").asString().substring(11, 16).compareTo("20:30") < 0
                    || Integer.parseInt(row.get("id").asString().substring(1)) % 25 == 0;
        }).toList();
        Files.write(normal, kept);
        Path none = dir.resolve("none.json");
        assertThat(run("incidents", "--in", normal.toString(), "--json", none.toString()).exit()).isZero();
        assertThat(JsonMapper.builder().build().readTree(Files.readString(none))).isEmpty();

        // without labels, the texts are triaged first, and the outage is still found
        Path unlabelled = dir.resolve("unlabelled.jsonl");
        Files.write(unlabelled, Files.readAllLines(sample).stream()
                .map(l -> l.replaceAll(", \"outage\": (null|\"[a-z]+\")", "")).toList());
        Path triaged = dir.resolve("triaged.json");
        Run triagedRun = run("incidents", "--in", unlabelled.toString(), "--json", triaged.toString());
        assertThat(triagedRun.exit()).as(String.join("\n", triagedRun.output())).isZero();
        JsonNode found = JsonMapper.builder().build().readTree(Files.readString(triaged));
        assertThat(found).hasSize(1);
        assertThat(java.time.OffsetDateTime.parse(found.get(0).get("opened_at").asString()).toLocalTime())
                .isBetween(java.time.LocalTime.of(20, 35), java.time.LocalTime.of(20, 50));
    }
}
