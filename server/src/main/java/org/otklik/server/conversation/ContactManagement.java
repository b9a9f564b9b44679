package org.otklik.server.conversation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.otklik.server.shared.InvalidInput;
import org.otklik.server.shared.NotFound;
import org.otklik.server.shared.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One person across channels. A contact is known by the e-mail and phone its channel gives (an e-mail channel's
 * address) or the user wrote in a message; contacts sharing one are suggested for merging; merged contacts keep their
 * conversations, and each shows the others'. Merging is the agent's decision, never automatic.
 */
@Service
public class ContactManagement {

    private final JdbcClient jdbc;

    ContactManagement(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Row(long id, String channelId, String externalId, String name, boolean vip, String email,
                       String phone, Long mergedInto) {
        long group() {
            return mergedInto == null ? id : mergedInto;
        }
    }

    private Optional<Row> row(long id) {
        return jdbc.sql("select * from contact where id = ?").param(id).query((rs, n) -> new Row(rs.getLong("id"),
                rs.getString("channel_id"), rs.getString("external_id"), rs.getString("name"), rs.getBoolean("vip"),
                rs.getString("email"), rs.getString("phone"),
                rs.getObject("merged_into") == null ? null : rs.getLong("merged_into"))).optional();
    }

    public ContactView get(long id) {
        Row r = row(id).orElseThrow(() -> new NotFound("no contact " + id));
        List<ContactView.Linked> others = new ArrayList<>();
        for (Row o : groupRows(r.group())) {
            if (o.id() != r.id()) {
                others.add(new ContactView.Linked(o.id(), o.channelId(), o.externalId(), o.name(),
                        jdbc.sql("select id from conversation where contact_id = ? order by id desc").param(o.id())
                                .query(Long.class).list()));
            }
        }
        return new ContactView(r.id(), r.channelId(), r.externalId(), r.name(), r.vip(), r.email(), r.phone(),
                r.group(), others);
    }

    private List<Row> groupRows(long group) {
        return jdbc.sql("select * from contact where id = ? or merged_into = ? order by id").params(group, group)
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getString("channel_id"), rs.getString("external_id"),
                        rs.getString("name"), rs.getBoolean("vip"), rs.getString("email"), rs.getString("phone"),
                        rs.getObject("merged_into") == null ? null : rs.getLong("merged_into"))).list();
    }

    /** Records the e-mail or phone a channel knows the contact by (kept when one is already known). */
    public void noteDetails(String channelId, String externalId, String email, String phone) {
        jdbc.sql("update contact set email = coalesce(email, ?), phone = coalesce(phone, ?)"
                        + " where channel_id = ? and external_id = ?")
                .params(normalEmail(email), normalPhone(phone), channelId, externalId).update();
    }

    /** Records an e-mail address or a phone number the user wrote, when the contact has none yet. */
    public void noteFromText(long conversationId, String text) {
        String foundEmail = PersonalData.firstEmail(text).orElse(null);
        String foundPhone = PersonalData.firstRussianPhone(text).orElse(null);
        if (foundEmail != null || foundPhone != null) {
            jdbc.sql("update contact set email = coalesce(email, ?), phone = coalesce(phone, ?)"
                            + " where id = (select contact_id from conversation where id = ?)")
                    .params(normalEmail(foundEmail), normalPhone(foundPhone), conversationId).update();
        }
    }

    /** Contacts of other people (other groups) with this contact's group's e-mail or phone. */
    public List<ContactView> mergeSuggestions(long id) {
        Row r = row(id).orElseThrow(() -> new NotFound("no contact " + id));
        Set<String> emails = new LinkedHashSet<>();
        Set<String> phones = new LinkedHashSet<>();
        for (Row o : groupRows(r.group())) {
            if (o.email() != null) {
                emails.add(o.email());
            }
            if (o.phone() != null) {
                phones.add(o.phone());
            }
        }
        Set<Long> found = new LinkedHashSet<>();
        for (String e : emails) {
            found.addAll(jdbc.sql("select id from contact where email = ?").param(e).query(Long.class).list());
        }
        for (String p : phones) {
            found.addAll(jdbc.sql("select id from contact where phone = ?").param(p).query(Long.class).list());
        }
        List<ContactView> out = new ArrayList<>();
        for (long candidate : found) {
            Row c = row(candidate).orElseThrow();
            if (c.group() != r.group()) {
                out.add(get(candidate));
            }
        }
        return out;
    }

    /** Merges the other contact's person into this one's: both keep their conversations. */
    @Transactional
    public ContactView merge(long id, long otherId) {
        Row r = row(id).orElseThrow(() -> new NotFound("no contact " + id));
        Row other = row(otherId).orElseThrow(() -> new InvalidInput("contactId", "no contact " + otherId));
        if (r.group() == other.group()) {
            return get(id);
        }
        long group = r.group();
        long oldGroup = other.group();
        jdbc.sql("update contact set merged_into = ? where id = ? or merged_into = ?").params(group, oldGroup, oldGroup)
                .update();
        return get(id);
    }

    /** Takes this contact out of its person (its conversations stay its own). */
    @Transactional
    public ContactView unmerge(long id) {
        Row r = row(id).orElseThrow(() -> new NotFound("no contact " + id));
        if (r.mergedInto() == null) {
            // the group's first contact: the next one becomes the others' first
            List<Row> rest = groupRows(id).stream().filter(o -> o.id() != id).toList();
            if (!rest.isEmpty()) {
                long next = rest.getFirst().id();
                jdbc.sql("update contact set merged_into = null where id = ?").param(next).update();
                jdbc.sql("update contact set merged_into = ? where merged_into = ?").params(next, id).update();
            }
        } else {
            jdbc.sql("update contact set merged_into = null where id = ?").param(id).update();
        }
        return get(id);
    }

    static String normalEmail(String email) {
        return email == null || email.isBlank() ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    /** Digits only, Russian numbers as 7XXXXXXXXXX. */
    static String normalPhone(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("[^0-9]", "");
        if (digits.length() == 11 && digits.startsWith("8")) {
            digits = "7" + digits.substring(1);
        }
        return digits.length() >= 10 && digits.length() <= 15 ? digits : null;
    }
}
