package org.otklik.server.escalation;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.otklik.server.agent.AgentIdentity;
import org.otklik.server.shared.InvalidInput;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Escalations and feature requests over REST, for agents who may see the conversation. */
@RestController
@RequestMapping("/api/v1")
class EscalationApiController {

    private final Escalations escalations;
    private final FeatureRequests featureRequests;

    EscalationApiController(Escalations escalations, FeatureRequests featureRequests) {
        this.escalations = escalations;
        this.featureRequests = featureRequests;
    }

    record EscalateRequest(String to, String note) {
    }

    record TopicRequest(String topic) {
    }

    @PostMapping("/conversations/{id}/escalations")
    ResponseEntity<EscalationView> escalate(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id,
                                            @RequestBody EscalateRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(escalations.escalate(me, id, request.to(), request.note()));
    }

    @GetMapping("/conversations/{id}/escalations")
    List<EscalationView> list(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id) {
        return escalations.ofConversation(me, id);
    }

    @PostMapping("/escalations/{id}/revoke")
    EscalationView revoke(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id) {
        return escalations.revoke(me, id);
    }

    @PostMapping("/conversations/{id}/feature-request")
    FeatureRequests.State tag(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id,
                              @RequestBody TopicRequest request) {
        return featureRequests.tag(me, id, request.topic());
    }

    @GetMapping("/conversations/{id}/feature-request")
    FeatureRequests.State featureRequest(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id) {
        return featureRequests.of(me, id);
    }

    @DeleteMapping("/conversations/{id}/feature-request")
    FeatureRequests.State untag(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id) {
        return featureRequests.untag(me, id);
    }

    @GetMapping("/feature-requests/summary")
    FeatureRequests.Summary summary(@RequestParam(required = false) String month) {
        return featureRequests.summary(month(month, featureRequests));
    }

    static YearMonth month(String value, FeatureRequests featureRequests) {
        if (value == null || value.isBlank()) {
            return featureRequests.currentMonth();
        }
        try {
            return YearMonth.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInput("month", "month must look like 2026-11");
        }
    }
}
