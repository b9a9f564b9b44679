package org.otklik.server.listening;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.otklik.server.agent.AgentIdentity;
import org.otklik.server.channel.ChannelIdentity;
import org.otklik.server.shared.InvalidInput;
import org.otklik.server.shared.Require;
import org.otklik.server.triage.Labels;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Listening over REST: posts in from channels, the mentions inbox for agents, streams for admins. */
@RestController
@RequestMapping("/api/v1")
class ListeningApiController {

    static final int MAX_BATCH = 1000;

    private final MentionIngest ingest;
    private final MentionManagement mentions;
    private final StreamManagement streams;
    private final MentionDigests digests;

    ListeningApiController(MentionIngest ingest, MentionManagement mentions, StreamManagement streams,
                           MentionDigests digests) {
        this.ingest = ingest;
        this.mentions = mentions;
        this.streams = streams;
        this.digests = digests;
    }

    record Author(String externalId, String name) {
    }

    record PostRequest(String sourceId, String source, String text, Author author, String url, Instant publishedAt) {
    }

    record BatchRequest(List<PostRequest> posts) {
    }

    // ---- channels (a crawler, later the VK/OK/Telegram adapters) ----

    @PostMapping("/mentions")
    ResponseEntity<MentionReceipt> post(@AuthenticationPrincipal ChannelIdentity channel,
                                        @RequestBody PostRequest request) {
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(ingest.accept(List.of(validated(channel, request, ""))).getFirst());
    }

    @PostMapping("/mentions/batch")
    ResponseEntity<Map<String, Object>> batch(@AuthenticationPrincipal ChannelIdentity channel,
                                              @RequestBody BatchRequest request) {
        List<PostRequest> posts = Require.present(request.posts(), "posts");
        if (posts.isEmpty() || posts.size() > MAX_BATCH) {
            throw new InvalidInput("posts", "posts must hold 1-" + MAX_BATCH + " posts");
        }
        List<MentionIn> in = new ArrayList<>(posts.size());
        for (int i = 0; i < posts.size(); i++) {
            in.add(validated(channel, Require.present(posts.get(i), "posts[" + i + "]"), "posts[" + i + "]."));
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("receipts", ingest.accept(in)));
    }

    /** The public replies agents wrote to this channel's mentions, after a reply id: the channel posts them. */
    @GetMapping("/mentions/outbox")
    List<Map<String, Object>> outbox(@AuthenticationPrincipal ChannelIdentity channel,
                                     @RequestParam(defaultValue = "0") long after,
                                     @RequestParam(required = false) Integer limit) {
        return mentions.outbox(channel.channelId(), after, limit == null ? 100 : Require.range(limit, "limit", 1, 500));
    }

    private static MentionIn validated(ChannelIdentity channel, PostRequest r, String prefix) {
        String sourceId = Require.text(r.sourceId(), prefix + "sourceId", 200);
        String source = r.source() == null ? "mention" : r.source();
        if (!Labels.PUBLIC_SOURCES.contains(source)) {
            throw new InvalidInput(prefix + "source", "source must be one of " + Labels.PUBLIC_SOURCES);
        }
        String text = Require.text(r.text(), prefix + "text", MentionManagement.MAX_TEXT);
        Author author = r.author();
        String authorId = author == null ? null : Require.optionalText(author.externalId(),
                prefix + "author.externalId", 200);
        String authorName = author == null ? null : Require.optionalText(author.name(), prefix + "author.name", 200);
        String url = Require.optionalText(r.url(), prefix + "url", 2000);
        if (url != null && !url.startsWith("https://") && !url.startsWith("http://")) {
            throw new InvalidInput(prefix + "url", "url must be an http(s) link");
        }
        return new MentionIn(channel.channelId(), sourceId, source, text, authorId, authorName, url, r.publishedAt());
    }

    // ---- agents: the mentions inbox ----

    @GetMapping("/mentions")
    List<MentionView> list(@RequestParam(required = false) String stream,
                           @RequestParam(required = false) String status,
                           @RequestParam(required = false) Boolean actionable,
                           @RequestParam(required = false) Integer limit) {
        return mentions.list(stream, status, actionable, limit == null ? 100 : Require.range(limit, "limit", 1, 500));
    }

    @GetMapping("/mentions/{id}")
    MentionView get(@PathVariable long id) {
        return mentions.get(id);
    }

    record ReplyRequest(String text) {
    }

    record MoveRequest(String publicText) {
    }

    record CloseRequest(String reason) {
    }

    @PostMapping("/mentions/{id}/reply")
    MentionView reply(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id,
                      @RequestBody ReplyRequest request) {
        return mentions.reply(id, request.text(), me.id());
    }

    @PostMapping("/mentions/{id}/move-to-private")
    MentionView moveToPrivate(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id,
                              @RequestBody(required = false) MoveRequest request) {
        return mentions.moveToPrivate(id, request == null ? null : request.publicText(), me.id());
    }

    @PostMapping("/mentions/{id}/conversation")
    MentionView convert(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id) {
        return mentions.convert(id, me.id());
    }

    @PostMapping("/mentions/{id}/close")
    MentionView close(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id,
                      @RequestBody CloseRequest request) {
        return mentions.close(id, request.reason(), me.id());
    }

    /** The processed share of actionable mentions per day and per stream. */
    @GetMapping("/mentions/kpi")
    Map<String, Object> kpi(@RequestParam String from, @RequestParam String to) {
        return mentions.processedShare(date(from, "from"), date(to, "to"));
    }

    @GetMapping("/mentions/digests")
    List<MentionDigest> digests(@RequestParam(required = false) Integer limit) {
        return digests.recent(limit == null ? 10 : Require.range(limit, "limit", 1, 100));
    }

    private static LocalDate date(String value, String field) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, field + " must be a date like 2026-11-23");
        }
    }

    // ---- admins: streams ----

    record StreamRequest(String id, String name, List<String> terms, List<String> exclude) {
    }

    @GetMapping("/admin/streams")
    List<ListeningStream> streams() {
        return streams.all();
    }

    @PostMapping("/admin/streams")
    ResponseEntity<ListeningStream> createStream(@RequestBody StreamRequest r) {
        return ResponseEntity.status(HttpStatus.CREATED).body(streams.create(r.id(), r.name(), r.terms(),
                r.exclude()));
    }

    @PutMapping("/admin/streams/{id}")
    ListeningStream updateStream(@PathVariable String id, @RequestBody StreamRequest r) {
        return streams.update(id, r.name(), r.terms(), r.exclude());
    }

    @DeleteMapping("/admin/streams/{id}")
    ResponseEntity<Void> deleteStream(@PathVariable String id) {
        streams.delete(id);
        return ResponseEntity.noContent().build();
    }
}
