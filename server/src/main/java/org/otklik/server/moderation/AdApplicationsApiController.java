package org.otklik.server.moderation;

import java.time.Instant;
import java.util.List;
import org.otklik.server.agent.AgentIdentity;
import org.otklik.server.channel.ChannelIdentity;
import org.otklik.server.shared.NotAllowed;
import org.otklik.server.shared.NotFound;
import org.otklik.server.shared.Require;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Ad applications over REST: the ad platform (a channel's token) submits and polls its own; moderators (agents'
 * tokens, admin or skill {@code moderation}) read the queue and decide. Routes are guarded by role in the security
 * module; the skill is checked here.
 */
@RestController
@RequestMapping("/api/v1/ad-applications")
class AdApplicationsApiController {

    private final AdModeration moderation;

    AdApplicationsApiController(AdModeration moderation) {
        this.moderation = moderation;
    }

    record DecisionRequest(String decision, String reason, String comment) {
    }

    @PostMapping
    ResponseEntity<AdApplication> submit(@AuthenticationPrincipal ChannelIdentity channel,
                                         @RequestBody NewAdApplication request) {
        AdModeration.Submitted submitted = moderation.submit(channel.channelId(), request);
        return ResponseEntity.status(submitted.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(submitted.application());
    }

    @GetMapping
    List<AdApplication> list(@AuthenticationPrincipal Object caller, @RequestParam(required = false) String status,
                             @RequestParam(required = false) Instant since,
                             @RequestParam(required = false) Integer limit) {
        int max = limit == null ? 100 : Require.range(limit, "limit", 1, 500);
        return moderation.list(channelOf(caller), status, since, max);
    }

    @GetMapping("/{id}")
    AdApplication get(@AuthenticationPrincipal Object caller, @PathVariable long id) {
        String channel = channelOf(caller);
        AdApplication application = moderation.get(id);
        if (channel != null && !channel.equals(application.channelId())) {
            throw new NotFound("no ad application " + id); // another platform's application is not even confirmed
        }
        if (caller instanceof AgentIdentity agent) {
            moderation.viewed(id, agent.id());
        }
        return application;
    }

    @GetMapping("/{id}/steps")
    List<AdModeration.Step> steps(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id) {
        moderation.requireModerator(me.id());
        return moderation.steps(id);
    }

    @PostMapping("/{id}/decision")
    AdApplication decide(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id,
                         @RequestBody DecisionRequest request) {
        moderation.requireModerator(me.id());
        return moderation.decide(id, request.decision(), request.reason(), request.comment(), me.id());
    }

    /** The channel whose applications alone the caller sees; null for a moderator, who sees all. */
    private String channelOf(Object caller) {
        if (caller instanceof ChannelIdentity channel) {
            return channel.channelId();
        }
        if (caller instanceof AgentIdentity agent) {
            moderation.requireModerator(agent.id());
            return null;
        }
        throw new NotAllowed("sign in first");
    }
}
