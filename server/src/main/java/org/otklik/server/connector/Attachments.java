package org.otklik.server.connector;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.otklik.server.shared.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Users' attachments: fetched from the platform, checked (size, and the type read from the file's first bytes, since
 * a declared type proves nothing), and kept in the database; a file that fails a check is listed with the reason and
 * its bytes are not kept. Agents download them with headers that keep a browser from running them.
 */
@Service
public class Attachments {

    private static final Logger log = LoggerFactory.getLogger(Attachments.class);

    /** An attachment as agents see it. */
    public record AttachmentView(long id, long messageId, String name, String contentType, long size,
                                 String refused) {
    }

    /** The bytes to download. */
    public record File(String name, String contentType, byte[] data) {
    }

    private final JdbcClient jdbc;
    private final AttachmentProperties properties;
    private final InstantSource clock;

    Attachments(JdbcClient jdbc, AttachmentProperties properties, InstantSource clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** Fetches, checks and keeps the attachments of a stored message. */
    void keep(long messageId, ChannelAdapter adapter, PlatformChannel channel, List<Incoming.Attachment> attachments) {
        for (Incoming.Attachment a : attachments) {
            String name = safeName(a.name());
            byte[] data = null;
            String refused = null;
            String type = a.contentType() == null ? "application/octet-stream" : a.contentType();
            if (a.size() > properties.maxBytes()) {
                refused = "larger than " + properties.maxBytes() / 1024 + " KB";
            } else {
                try {
                    data = adapter.download(channel, a, properties.maxBytes());
                    if (data.length > properties.maxBytes()) {
                        refused = "larger than " + properties.maxBytes() / 1024 + " KB";
                        data = null;
                    } else {
                        type = sniff(data);
                        if (!properties.allowedTypes().contains(type)) {
                            refused = "type " + type + " is not accepted";
                            data = null;
                        }
                    }
                } catch (DeliveryFailure | UnsupportedCapability e) {
                    refused = "could not be fetched: " + e.getMessage();
                    log.info("attachment of message {} not fetched: {}", messageId, e.getMessage());
                }
            }
            store(messageId, name, type, data == null ? Math.max(a.size(), 0) : data.length, data, refused);
        }
    }

    /**
     * Keeps a file a user uploaded straight to Otklik (the web chat), with the same checks as a platform's: refused
     * (with the reason, without its bytes) when too large or of a type not accepted.
     */
    public AttachmentView keepUploaded(long messageId, String fileName, byte[] data) {
        String name = safeName(fileName);
        String type = sniff(data);
        String refused = data.length > properties.maxBytes() ? "larger than " + properties.maxBytes() / 1024 + " KB"
                : properties.allowedTypes().contains(type) ? null : "type " + type + " is not accepted";
        long id = store(messageId, name, type, data.length, refused == null ? data : null, refused);
        return new AttachmentView(id, messageId, name, type, data.length, refused);
    }

    private long store(long messageId, String name, String type, long size, byte[] data, String refused) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                insert into attachment (message_id, name, content_type, size_bytes, sha256, data, refused,
                                        created_at) values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(messageId, name, type, size, data == null ? null : sha256(data), data, refused,
                        Times.toDb(clock.instant()))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public List<AttachmentView> ofMessages(List<Long> messageIds) {
        if (messageIds.isEmpty()) {
            return List.of();
        }
        String in = String.join(",", messageIds.stream().map(i -> "?").toList());
        return jdbc.sql("select id, message_id, name, content_type, size_bytes, refused from attachment"
                        + " where message_id in (" + in + ") order by id").params(List.copyOf(messageIds))
                .query((rs, n) -> new AttachmentView(rs.getLong("id"), rs.getLong("message_id"), rs.getString("name"),
                        rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("refused"))).list();
    }

    /** The conversation an attachment belongs to (for the caller's access check). */
    public Optional<Long> conversationOf(long attachmentId) {
        return jdbc.sql("select m.conversation_id from attachment a join message m on m.id = a.message_id"
                + " where a.id = ?").param(attachmentId).query(Long.class).optional();
    }

    public Optional<File> file(long attachmentId) {
        return jdbc.sql("select name, content_type, data from attachment where id = ? and data is not null")
                .param(attachmentId)
                .query((rs, n) -> new File(rs.getString("name"), rs.getString("content_type"), rs.getBytes("data")))
                .optional();
    }

    /** The type a file really is, from its first bytes. */
    public static String sniff(byte[] d) {
        if (starts(d, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (starts(d, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "image/png";
        }
        if (starts(d, 'G', 'I', 'F', '8')) {
            return "image/gif";
        }
        if (starts(d, 'R', 'I', 'F', 'F') && d.length >= 12 && d[8] == 'W' && d[9] == 'E' && d[10] == 'B'
                && d[11] == 'P') {
            return "image/webp";
        }
        if (starts(d, '%', 'P', 'D', 'F', '-')) {
            return "application/pdf";
        }
        if (starts(d, 'P', 'K', 3, 4)) {
            return "application/zip";
        }
        return isText(d) ? "text/plain" : "application/octet-stream";
    }

    private static boolean starts(byte[] d, int... prefix) {
        if (d.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((d[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Valid UTF-8 without control characters other than tabs and line breaks; and nothing that looks like markup. */
    private static boolean isText(byte[] d) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(d)).toString();
            return text.chars().noneMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')
                    && !text.stripLeading().startsWith("<");
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    static String safeName(String name) {
        String n = name == null || name.isBlank() ? "file" : name.replaceAll("[\\p{Cntrl}/\\\\\"<>]", "_").strip();
        return n.length() > 200 ? n.substring(0, 200) : n;
    }

    private static String sha256(byte[] data) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
