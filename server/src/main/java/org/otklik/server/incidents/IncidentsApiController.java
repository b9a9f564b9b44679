package org.otklik.server.incidents;

import java.util.List;
import org.otklik.server.agent.AgentIdentity;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Incidents over REST for agents and leads. */
@RestController
@RequestMapping("/api/v1/incidents")
class IncidentsApiController {

    private final Incidents incidents;

    IncidentsApiController(Incidents incidents) {
        this.incidents = incidents;
    }

    record OpenRequest(String title) {
    }

    record TextRequest(String text) {
    }

    @GetMapping
    List<Incidents.IncidentView> list() {
        return incidents.recent(50);
    }

    @GetMapping("/{id}")
    Incidents.IncidentView get(@PathVariable long id) {
        return incidents.get(id);
    }

    @PostMapping
    ResponseEntity<Incidents.IncidentView> open(@AuthenticationPrincipal AgentIdentity me,
                                                @RequestBody OpenRequest request) {
        long id = incidents.open(request.title(), "lead", me.id());
        return ResponseEntity.status(HttpStatus.CREATED).body(incidents.get(id));
    }

    @PostMapping("/{id}/status")
    Incidents.IncidentView status(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id,
                                  @RequestBody TextRequest request) {
        return incidents.status(id, request.text(), me.id());
    }

    @PostMapping("/{id}/resolve")
    Incidents.IncidentView resolve(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id,
                                   @RequestBody TextRequest request) {
        return incidents.resolve(id, request.text(), me.id());
    }
}
