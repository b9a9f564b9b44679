package org.otklik.server.admin;

import java.util.stream.Collectors;
import org.otklik.server.agent.AgentManagement;
import org.otklik.server.agent.NewAgent;
import org.otklik.server.agent.Role;
import org.otklik.server.department.Department;
import org.otklik.server.department.Departments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The first admin of an empty database: created at start from {@code otklik.bootstrap.admin-login} and
 * {@code otklik.bootstrap.admin-password} (e.g. the environment variable OTKLIK_BOOTSTRAP_ADMIN_PASSWORD) when no admin
 * exists yet. Ignored once any admin exists, so the setting can stay in place.
 */
@Component
class AdminBootstrap {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final AgentManagement agents;
    private final Departments departments;
    private final String login;
    private final String password;

    AdminBootstrap(AgentManagement agents, Departments departments,
                   @Value("${otklik.bootstrap.admin-login:admin}") String login,
                   @Value("${otklik.bootstrap.admin-password:}") String password) {
        this.agents = agents;
        this.departments = departments;
        this.login = login;
        this.password = password;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    void createFirstAdmin() {
        if (agents.all().stream().anyMatch(a -> a.role() == Role.ADMIN)) {
            return;
        }
        if (password == null || password.isBlank()) {
            log.warn("no admin exists yet: start once with OTKLIK_BOOTSTRAP_ADMIN_PASSWORD set to create '{}'",
                    login);
            return;
        }
        agents.create(new NewAgent(login, "Администратор", password, Role.ADMIN,
                departments.all().stream().map(Department::code).collect(Collectors.toSet()), 4));
        log.info("created the first admin '{}'", login);
    }
}
