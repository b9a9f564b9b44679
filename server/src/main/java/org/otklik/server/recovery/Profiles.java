package org.otklik.server.recovery;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.otklik.server.connector.Attachments;
import org.otklik.server.shared.InvalidInput;
import org.otklik.server.shared.NotFound;
import org.otklik.server.shared.Require;
import org.otklik.server.shared.Times;
import org.otklik.server.triage.TriageManagement;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The service's user profiles as agents may see them. The service pushes a whole profile at a time (facts, photos,
 * usual region, recent posts); the posts are not kept, only the language triage reads them as.
 */
@Service
public class Profiles {

    static final int MAX_FACTS = 50;
    static final int MAX_PHOTOS = 10;
    static final int MAX_POSTS = 50;
    /** What a photo may be: a profile's, or one a user sends for recovery (read from its bytes). */
    static final List<String> PHOTO_TYPES = List.of("image/jpeg", "image/png", "image/webp");

    /** One fact about a user; {@code neverReveal}: the service promised never to tell it (e.g. a secret gift's sender). */
    public record Fact(String label, String value, boolean neverReveal) {
    }

    /** A photo as pushed: its bytes in base64. */
    public record PhotoInput(String base64) {
    }

    /** What the service pushes. */
    public record ProfileInput(String displayName, String usualRegion, List<String> recentPosts, List<Fact> facts,
                               List<PhotoInput> photos) {
    }

    /** A profile as agents see it; {@code photos} counts them (they are fetched one by one). */
    public record ProfileView(String id, String displayName, String usualRegion, String postsLanguage,
                              List<Fact> facts, int photos) {
    }

    /** A photo's bytes. */
    public record Photo(String contentType, byte[] data) {
    }

    private final JdbcClient jdbc;
    private final TriageManagement triage;
    private final RecoveryProperties properties;
    private final InstantSource clock;

    Profiles(JdbcClient jdbc, TriageManagement triage, RecoveryProperties properties, InstantSource clock) {
        this.jdbc = jdbc;
        this.triage = triage;
        this.properties = properties;
        this.clock = clock;
    }

    /** Stores (or replaces) a profile; every field checked before anything is written. */
    @Transactional
    public ProfileView put(String profileId, ProfileInput in) {
        String id = Require.text(profileId, "profileId", 100);
        Require.present(in, "body");
        String name = Require.text(in.displayName(), "displayName", 200);
        String region = Require.optionalText(in.usualRegion(), "usualRegion", 64);
        List<String> posts = in.recentPosts() == null ? List.of() : in.recentPosts();
        if (posts.size() > MAX_POSTS) {
            throw new InvalidInput("recentPosts", "recentPosts holds at most " + MAX_POSTS + " posts");
        }
        List<Fact> facts = in.facts() == null ? List.of() : in.facts();
        if (facts.size() > MAX_FACTS) {
            throw new InvalidInput("facts", "facts holds at most " + MAX_FACTS + " facts");
        }
        List<Fact> checkedFacts = new ArrayList<>();
        for (int i = 0; i < facts.size(); i++) {
            Fact f = Require.present(facts.get(i), "facts[" + i + "]");
            checkedFacts.add(new Fact(Require.text(f.label(), "facts[" + i + "].label", 100),
                    Require.text(f.value(), "facts[" + i + "].value", 1000), f.neverReveal()));
        }
        List<Photo> photos = new ArrayList<>();
        List<PhotoInput> photoInputs = in.photos() == null ? List.of() : in.photos();
        if (photoInputs.size() > MAX_PHOTOS) {
            throw new InvalidInput("photos", "photos holds at most " + MAX_PHOTOS + " photos");
        }
        for (int i = 0; i < photoInputs.size(); i++) {
            photos.add(image(Require.present(photoInputs.get(i), "photos[" + i + "]").base64(), "photos[" + i + "]"));
        }
        String postsLanguage = language(posts);
        jdbc.sql("delete from profile_photo where profile_id = ?").param(id).update();
        jdbc.sql("delete from profile_fact where profile_id = ?").param(id).update();
        int updated = jdbc.sql("update profile set display_name = ?, usual_region = ?, posts_lang = ?, updated_at = ?"
                        + " where id = ?").params(name, region, postsLanguage, Times.toDb(clock.instant()), id).update();
        if (updated == 0) {
            jdbc.sql("insert into profile (id, display_name, usual_region, posts_lang, updated_at) values (?, ?, ?, ?, ?)")
                    .params(id, name, region, postsLanguage, Times.toDb(clock.instant())).update();
        }
        for (int i = 0; i < checkedFacts.size(); i++) {
            Fact f = checkedFacts.get(i);
            jdbc.sql("insert into profile_fact (profile_id, position, label, fact_value, never_reveal)"
                    + " values (?, ?, ?, ?, ?)").params(id, i, f.label(), f.value(), f.neverReveal()).update();
        }
        for (int i = 0; i < photos.size(); i++) {
            jdbc.sql("insert into profile_photo (profile_id, position, content_type, data) values (?, ?, ?, ?)")
                    .params(id, i, photos.get(i).contentType(), photos.get(i).data()).update();
        }
        return get(id);
    }

    /** A photo's bytes checked: base64, not too large, and an image by its first bytes (a declared type proves nothing). */
    Photo image(String base64, String field) {
        String text = Require.text(base64, field, properties.maxPhotoBytes() / 3 * 4 + 8);
        byte[] data;
        try {
            data = Base64.getDecoder().decode(text.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(field, field + " is not base64");
        }
        String type = Attachments.sniff(data);
        if (!PHOTO_TYPES.contains(type)) {
            throw new InvalidInput(field, field + " is not a JPEG, PNG or WebP image (read as " + type + ")");
        }
        return new Photo(type, data);
    }

    /** The language most posts are written in, as triage reads them; null without posts. */
    private String language(List<String> posts) {
        Map<String, Long> byLanguage = posts.stream().filter(p -> p != null && !p.isBlank())
                .map(p -> triage.read(p.length() > 2000 ? p.substring(0, 2000) : p, null).lang())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        return byLanguage.entrySet().stream().max(Map.Entry.<String, Long>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(Map.Entry::getKey).orElse(null);
    }

    public Optional<ProfileView> find(String id) {
        return jdbc.sql("select id, display_name, usual_region, posts_lang from profile where id = ?").param(id)
                .query((rs, n) -> new ProfileView(rs.getString("id"), rs.getString("display_name"),
                        rs.getString("usual_region"), rs.getString("posts_lang"), facts(id), photoCount(id)))
                .optional();
    }

    public ProfileView get(String id) {
        return find(id).orElseThrow(() -> new NotFound("no profile " + id));
    }

    private List<Fact> facts(String id) {
        return jdbc.sql("select label, fact_value, never_reveal from profile_fact where profile_id = ? order by position")
                .param(id).query((rs, n) -> new Fact(rs.getString(1), rs.getString(2), rs.getBoolean(3))).list();
    }

    private int photoCount(String id) {
        return jdbc.sql("select count(*) from profile_photo where profile_id = ?").param(id).query(Integer.class)
                .single();
    }

    public Optional<Photo> photo(String id, int position) {
        return jdbc.sql("select content_type, data from profile_photo where profile_id = ? and position = ?")
                .params(id, position).query((rs, n) -> new Photo(rs.getString(1), rs.getBytes(2))).optional();
    }

    /** The never-reveal facts of the profile a conversation is about. */
    List<Fact> neverRevealOf(long conversationId) {
        return jdbc.sql("""
                select f.label, f.fact_value, f.never_reveal from conversation_profile cp
                join profile_fact f on f.profile_id = cp.profile_id
                where cp.conversation_id = ? and f.never_reveal order by f.position""").param(conversationId)
                .query((rs, n) -> new Fact(rs.getString(1), rs.getString(2), true)).list();
    }

    /** Says which profile a conversation is about (a recovery case, or an agent's link). */
    void link(long conversationId, String profileId) {
        get(profileId);
        jdbc.sql("delete from conversation_profile where conversation_id = ?").param(conversationId).update();
        jdbc.sql("insert into conversation_profile (conversation_id, profile_id, linked_at) values (?, ?, ?)")
                .params(conversationId, profileId, Times.toDb(clock.instant())).update();
    }

    public Optional<String> profileOf(long conversationId) {
        return jdbc.sql("select profile_id from conversation_profile where conversation_id = ?").param(conversationId)
                .query(String.class).optional();
    }
}
