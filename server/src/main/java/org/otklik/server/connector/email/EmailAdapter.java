package org.otklik.server.connector.email;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.jsoup.Jsoup;
import org.otklik.server.channel.ChannelType;
import org.otklik.server.connector.Capability;
import org.otklik.server.connector.ChannelAdapter;
import org.otklik.server.connector.DeliveryFailure;
import org.otklik.server.connector.Incoming;
import org.otklik.server.connector.Outgoing;
import org.otklik.server.connector.PlatformChannel;
import org.otklik.server.connector.UnsupportedCapability;
import org.otklik.server.shared.Secrets;
import org.springframework.stereotype.Component;

/**
 * E-mail: IMAP in (polling the inbox by UID, so nothing is read twice and nothing is skipped), SMTP out. Threads by
 * Message-ID, In-Reply-To and References; plain and HTML bodies (HTML reduced to its text, so no markup ever reaches
 * a page), quoted history cut off, attachments described.
 */
@Component
public class EmailAdapter implements ChannelAdapter {

    private static final int MAX_PER_POLL = 200;
    private final int maxAttachmentRead;

    EmailAdapter(org.otklik.server.connector.AttachmentProperties attachments) {
        // one byte more than the largest file kept: enough to tell a larger one is too large, never more in memory
        this.maxAttachmentRead = (int) Math.min(Integer.MAX_VALUE - 8, attachments.maxBytes() + 1);
    }

    @Override
    public ChannelType type() {
        return ChannelType.EMAIL;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.POLLING, Capability.PRIVATE_MESSAGES);
    }

    @Override
    public Batch poll(PlatformChannel channel, String position) {
        boolean ssl = Boolean.parseBoolean(channel.setting("ssl"));
        String protocol = ssl ? "imaps" : "imap";
        Properties props = new Properties();
        props.put("mail." + protocol + ".connectiontimeout", "10000");
        props.put("mail." + protocol + ".timeout", "20000");
        Session session = Session.getInstance(props);
        try (Store store = session.getStore(protocol)) {
            store.connect(channel.setting("imapHost"), Integer.parseInt(channel.setting("imapPort")),
                    channel.setting("username"), channel.setting("password"));
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                UIDFolder uids = (UIDFolder) inbox;
                long validity = uids.getUIDValidity();
                long last = 0;
                if (position != null) {
                    String[] p = position.split(":");
                    last = Long.parseLong(p[0]) == validity ? Long.parseLong(p[1]) : 0; // a rebuilt mailbox: start over
                }
                Message[] messages = uids.getMessagesByUID(last + 1, UIDFolder.LASTUID);
                List<Incoming> out = new ArrayList<>();
                long next = last;
                for (Message m : messages) {
                    long uid = uids.getUID(m);
                    if (uid <= last) {
                        continue; // IMAP answers the last message for an empty range
                    }
                    if (out.size() == MAX_PER_POLL) {
                        break;
                    }
                    read((MimeMessage) m, uid, validity).ifPresent(out::add);
                    next = Math.max(next, uid);
                }
                return new Batch(out, validity + ":" + next);
            } finally {
                inbox.close(false);
            }
        } catch (MessagingException | IOException e) {
            throw DeliveryFailure.retryable("IMAP " + channel.setting("imapHost") + ": " + e.getMessage());
        }
    }

    java.util.Optional<Incoming> read(MimeMessage m, long uid, long validity)
            throws MessagingException, IOException {
        Address[] from = m.getFrom();
        if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress sender)) {
            return java.util.Optional.empty();
        }
        String messageId = m.getMessageID() != null ? m.getMessageID() : "<uid-" + validity + "-" + uid + "@imap>";
        List<String> references = new ArrayList<>();
        String refs = m.getHeader("References", " ");
        if (refs != null) {
            references.addAll(List.of(refs.trim().split("\\s+")));
        }
        String inReplyTo = m.getHeader("In-Reply-To", null);
        Body body = new Body(maxAttachmentRead);
        body.collect(m);
        return java.util.Optional.of(new Incoming.PrivateMessage(messageId,
                sender.getAddress().toLowerCase(Locale.ROOT), sender.getPersonal(),
                withoutQuotes(body.text()), "email", body.attachments,
                new Incoming.EmailHeaders(messageId, inReplyTo, references, m.getSubject())));
    }

    /** The readable text of a message: text/plain preferred, else HTML as text; attachments listed. */
    private static final class Body {
        private final int maxRead;
        private String plain;
        private String html;
        private final List<Incoming.Attachment> attachments = new ArrayList<>();

        Body(int maxRead) {
            this.maxRead = maxRead;
        }

        void collect(Part part) throws MessagingException, IOException {
            String disposition = part.getDisposition();
            if (Part.ATTACHMENT.equalsIgnoreCase(disposition) || part.getFileName() != null && !part.isMimeType("text/*")) {
                byte[] data;
                try (java.io.InputStream in = part.getInputStream()) {
                    data = in.readNBytes(maxRead);
                }
                attachments.add(new Incoming.Attachment(part.getFileName(), part.getContentType().split(";")[0].trim(),
                        data.length, null, data));
                return;
            }
            if (part.isMimeType("text/plain") && plain == null) {
                plain = String.valueOf(part.getContent());
            } else if (part.isMimeType("text/html") && html == null) {
                html = String.valueOf(part.getContent());
            } else if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    collect(child);
                }
            }
        }

        String text() {
            if (plain != null) {
                return plain;
            }
            return html == null ? "" : Jsoup.parse(html).wholeText();
        }
    }

    /** The new part of a reply: quoted lines and the «... wrote:» line above them dropped. */
    static String withoutQuotes(String text) {
        List<String> kept = new ArrayList<>();
        for (String line : text.replace("\r\n", "\n").split("\n")) {
            if (line.startsWith(">")) {
                if (!kept.isEmpty() && kept.getLast().matches("(?i).*(wrote|написал|написала|пишет)\\s*:\\s*")) {
                    kept.removeLast();
                }
                continue;
            }
            kept.add(line);
        }
        return String.join("\n", kept).strip().replaceAll("\n{3,}", "\n\n");
    }

    @Override
    public Sent send(PlatformChannel channel, Outgoing message) {
        if (message.isPublicReply()) {
            throw new UnsupportedCapability("email", Capability.PUBLIC_REPLIES);
        }
        boolean ssl = Boolean.parseBoolean(channel.setting("ssl"));
        String protocol = ssl ? "smtps" : "smtp";
        Properties props = new Properties();
        props.put("mail." + protocol + ".host", channel.setting("smtpHost"));
        props.put("mail." + protocol + ".port", channel.setting("smtpPort"));
        props.put("mail." + protocol + ".auth", "true");
        props.put("mail." + protocol + ".connectiontimeout", "10000");
        props.put("mail." + protocol + ".timeout", "20000");
        Session session = Session.getInstance(props);
        String address = channel.setting("address");
        String domain = address.substring(address.indexOf('@') + 1);
        String messageId = "<otklik-" + message.deliveryId() + "." + Secrets.newId(6) + "@" + domain + ">";
        try {
            MimeMessage mail = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", messageId);
                }
            };
            mail.setFrom(new InternetAddress(address));
            mail.setRecipient(Message.RecipientType.TO, new InternetAddress(message.recipient(), true));
            Outgoing.EmailThread thread = message.email();
            String subject = thread == null || thread.subject() == null ? "Служба поддержки"
                    : thread.subject().regionMatches(true, 0, "Re:", 0, 3) ? thread.subject() : "Re: " + thread.subject();
            mail.setSubject(subject, "UTF-8");
            if (thread != null && thread.inReplyTo() != null) {
                mail.setHeader("In-Reply-To", thread.inReplyTo());
                mail.setHeader("References", String.join(" ", thread.references()));
            }
            mail.setText(message.text(), "UTF-8");
            try (Transport transport = session.getTransport(protocol)) {
                transport.connect(channel.setting("smtpHost"), Integer.parseInt(channel.setting("smtpPort")),
                        channel.setting("username"), channel.setting("password"));
                mail.saveChanges();
                transport.sendMessage(mail, mail.getAllRecipients());
            }
            return new Sent(messageId);
        } catch (AddressException | SendFailedException e) {
            throw DeliveryFailure.permanent("e-mail to this address is refused: " + e.getMessage());
        } catch (MessagingException e) {
            throw DeliveryFailure.retryable("SMTP " + channel.setting("smtpHost") + ": " + e.getMessage());
        }
    }
}
