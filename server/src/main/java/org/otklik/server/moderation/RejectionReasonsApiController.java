package org.otklik.server.moderation;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Rejection reason templates: the active ones for agents, all of them and their changes for admins. */
@RestController
@RequestMapping("/api/v1")
class RejectionReasonsApiController {

    private final RejectionReasons reasons;

    RejectionReasonsApiController(RejectionReasons reasons) {
        this.reasons = reasons;
    }

    record ReasonRequest(String key, String title, String text, Boolean active) {
    }

    @GetMapping("/moderation/reasons")
    List<RejectionReason> active() {
        return reasons.active();
    }

    @GetMapping("/admin/moderation/reasons")
    List<RejectionReason> all() {
        return reasons.all();
    }

    @PostMapping("/admin/moderation/reasons")
    ResponseEntity<RejectionReason> create(@RequestBody ReasonRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(reasons.create(request.key(), request.title(), request.text(), request.active()));
    }

    @PutMapping("/admin/moderation/reasons/{key}")
    RejectionReason update(@PathVariable String key, @RequestBody ReasonRequest request) {
        return reasons.update(key, request.title(), request.text(), request.active());
    }
}
