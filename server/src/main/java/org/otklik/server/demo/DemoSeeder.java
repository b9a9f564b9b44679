package org.otklik.server.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.otklik.server.agent.Agent;
import org.otklik.server.agent.AgentManagement;
import org.otklik.server.agent.NewAgent;
import org.otklik.server.agent.Role;
import org.otklik.server.cannedreply.CannedReplies;
import org.otklik.server.channel.Channel;
import org.otklik.server.channel.ChannelManagement;
import org.otklik.server.channel.ChannelType;
import org.otklik.server.channel.CreatedChannel;
import org.otklik.server.shared.Secrets;
import org.otklik.text.FaqIndex;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seeds the demo (idempotently: a second start on the same data keeps everything and only issues fresh passwords and
 * a fresh channel token), writes {@code demo-credentials.json} and prints where to go.
 */
@Component
@ConditionalOnProperty(name = "otklik.demo.enabled", havingValue = "true")
class DemoSeeder {

    static final String API_CHANNEL = "demo-api";
    static final String WIDGET_CHANNEL = "demo-web";
    private static final Set<String> ALL = Set.of("payments", "access", "violations", "other");

    private record DemoAgent(String login, String name, Role role, Set<String> skills, int maxChats) {
    }

    private static final List<DemoAgent> AGENTS = List.of(
            new DemoAgent("anna", "Анна Смирнова", Role.AGENT, Set.of("payments", "other"), 4),
            new DemoAgent("boris", "Борис Кузнецов", Role.AGENT, Set.of("access", "violations"), 4),
            new DemoAgent("vera", "Вера Попова", Role.AGENT, ALL, 2),
            new DemoAgent("admin", "Администратор", Role.ADMIN, ALL, 4));

    private final ChannelManagement channels;
    private final AgentManagement agents;
    private final CannedReplies cannedReplies;
    private final DemoProperties properties;
    private final Environment environment;

    DemoSeeder(ChannelManagement channels, AgentManagement agents, CannedReplies cannedReplies,
               DemoProperties properties, Environment environment) {
        this.channels = channels;
        this.agents = agents;
        this.cannedReplies = cannedReplies;
        this.properties = properties;
        this.environment = environment;
    }

    /** Seeds and returns the credentials (also written to the data directory). */
    DemoCredentials seed() {
        CreatedChannel api = channels.find(API_CHANNEL).isPresent() ? channels.rotateToken(API_CHANNEL)
                : channels.create(API_CHANNEL, ChannelType.API, "REST API (демо)", "other");
        Channel web = channels.find(WIDGET_CHANNEL)
                .orElseGet(() -> channels.create(WIDGET_CHANNEL, ChannelType.WIDGET, "Чат на сайте", "other")
                        .channel());

        List<DemoCredentials.Login> logins = new ArrayList<>();
        DemoCredentials.Login admin = null;
        for (DemoAgent spec : AGENTS) {
            String password = "demo-" + Secrets.newId(5);
            Agent agent = agents.findByLogin(spec.login()).orElse(null);
            if (agent == null) {
                agent = agents.create(new NewAgent(spec.login(), spec.name(), password, spec.role(), spec.skills(),
                        spec.maxChats()));
            } else {
                agents.setPassword(agent.id(), password);
            }
            DemoCredentials.Login login = new DemoCredentials.Login(agent.login(), password,
                    agent.skills().stream().sorted().toList());
            if (spec.role() == Role.ADMIN) {
                admin = login;
            } else {
                logins.add(login);
            }
        }
        if (cannedReplies.all().isEmpty()) {
            DemoScript.CANNED.forEach(c -> cannedReplies.create(c.title(), c.body(), c.department(), c.purpose()));
            FaqIndex.demo().forEach(f -> cannedReplies.create(f.title(), f.body(), f.department(), "faq"));
        }

        String url = "http://localhost:" + environment.getProperty("local.server.port",
                environment.getProperty("server.port", "8080"));
        DemoCredentials credentials = new DemoCredentials(url, API_CHANNEL, api.token(),
                url + "/widget/" + web.widgetKey(), url + "/demo", logins, admin);
        write(credentials);
        return credentials;
    }

    private void write(DemoCredentials credentials) {
        Path dir = properties.dataDir().toAbsolutePath();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "demo-credentials", ".tmp");
            JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
            Files.writeString(tmp, json.writeValueAsString(credentials));
            Files.move(tmp, dir.resolve("demo-credentials.json"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write demo credentials to " + dir, e);
        }
    }

    String widgetKey() {
        return channels.get(WIDGET_CHANNEL).widgetKey();
    }
}
