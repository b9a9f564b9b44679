package org.otklik.server.recovery;

import java.util.List;
import org.otklik.server.agent.AgentIdentity;
import org.otklik.server.shared.NotFound;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Profiles (pushed by the service with an admin token), recovery cases and their decisions (agents). */
@RestController
@RequestMapping("/api/v1")
class RecoveryApiController {

    private final Profiles profiles;
    private final AccessRecovery recovery;

    RecoveryApiController(Profiles profiles, AccessRecovery recovery) {
        this.profiles = profiles;
        this.recovery = recovery;
    }

    /** The service stores or replaces one of its users' profiles. */
    @PutMapping("/admin/profiles/{profileId}")
    Profiles.ProfileView putProfile(@PathVariable String profileId, @RequestBody Profiles.ProfileInput body) {
        return profiles.put(profileId, body);
    }

    record ProfileLink(String profileId) {
    }

    /** The profile a conversation is about (its never-reveal facts marked). */
    @GetMapping("/conversations/{id}/profile")
    Profiles.ProfileView profileOf(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id) {
        return recovery.profileOf(me, id).orElseThrow(() -> new NotFound("conversation " + id + " has no profile"));
    }

    @PutMapping("/conversations/{id}/profile")
    Profiles.ProfileView link(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id,
                              @RequestBody ProfileLink body) {
        recovery.link(me, id, body == null ? null : body.profileId());
        return recovery.profileOf(me, id).orElseThrow();
    }

    @PostMapping("/conversations/{id}/recovery")
    ResponseEntity<AccessRecovery.CaseView> open(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id,
                                                 @RequestBody ProfileLink body) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(recovery.open(me, id, body == null ? null : body.profileId()));
    }

    @GetMapping("/recovery-cases")
    List<AccessRecovery.CaseView> list(@AuthenticationPrincipal AgentIdentity me,
                                       @RequestParam(required = false) String status) {
        return recovery.list(me, status, 200);
    }

    @GetMapping("/recovery-cases/{id}")
    AccessRecovery.Review review(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id) {
        return recovery.review(me, id);
    }

    record Decision(String decision, String reason) {
    }

    @PostMapping("/recovery-cases/{id}/decision")
    AccessRecovery.CaseView decide(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id,
                                   @RequestBody Decision body) {
        return recovery.decide(me, id, body == null ? null : body.decision(), body == null ? null : body.reason());
    }

    @GetMapping("/recovery-cases/{id}/audit")
    List<AccessRecovery.AuditEntry> audit(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id) {
        recovery.visible(me, id);
        return recovery.audit(id);
    }

    @GetMapping("/recovery-cases/{id}/profile-photos/{position}")
    ResponseEntity<byte[]> profilePhoto(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id,
                                        @PathVariable int position) {
        return RecoveryPageController.image(recovery.profilePhoto(me, id, position));
    }
}
