package org.otklik.server.connector;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.otklik.server.connector.email.EmailAdapter;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * E-mail over real IMAP and SMTP (GreenMail): the mailbox is polled by UID, a message is stored once by its
 * Message-ID, HTML is reduced to text, quotes cut, and replies go out by SMTP in the user's thread.
 */
class EmailAdapterIT extends PlatformChannelIT implements ChannelAdapterContract {

    static final String ADDRESS = "support@otklik.test";
    static GreenMail mail;
    static FlakySmtp smtp;
    static GreenMailUser mailbox;

    @Autowired
    EmailAdapter email;

    @BeforeAll
    static void startMail() throws Exception {
        mail = new GreenMail(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort()});
        mail.start();
        mailbox = mail.setUser(ADDRESS, "support", "mail-pass-1");
        smtp = new FlakySmtp(mail.getSmtp().getPort());
    }

    @AfterAll
    static void stopMail() throws Exception {
        smtp.close();
        mail.stop();
    }

    @Override
    public Created channel() {
        return create("email", Map.of("imapHost", "127.0.0.1", "imapPort", Integer.toString(mail.getImap().getPort()),
                "smtpHost", "127.0.0.1", "smtpPort", Integer.toString(smtp.port()), "username", "support",
                "password", "mail-pass-1", "address", ADDRESS, "ssl", "false"));
    }

    @Override
    public ChannelAdapter adapter() {
        return email;
    }

    @Override
    public String contactId(String seed) {
        return "u" + Integer.toHexString(seed.hashCode()) + "@example.test";
    }

    private static MimeMessage letter(String messageId, String from, String subject) throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        m.setFrom(new InternetAddress(from, "Пётр Сергеевич", "UTF-8"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(ADDRESS));
        m.setSubject(subject, "UTF-8");
        return m;
    }

    private void poll(Created channel) {
        pollers.pollOne(channels.get(channel.channelId()));
    }

    @Override
    public void deliver(Created channel, String eventId, String contact, String text) {
        try {
            MimeMessage m = letter("<" + eventId + "@example.test>", contact, "Проблема со входом");
            m.setText(text, "UTF-8");
            m.saveChanges();
            mailbox.deliver(m);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        poll(channel);
    }

    @Override
    public int deliverForged(Created channel, String contact, String text) {
        // e-mail has no webhook: a call to one stores nothing
        return api.postRaw("/webhooks/email/" + channel.channelId(), null, "{\"from\": \"" + contact + "\"}")
                .status();
    }

    @Override
    public void acceptSends(String platformId) {
        smtp.refuse(0);
    }

    @Override
    public void failSends(int times, String platformId) {
        smtp.refuse(times);
    }

    @Override
    public boolean isPlatformId(String recorded, String given) {
        return recorded != null && recorded.matches("<otklik-[0-9]+\\.[0-9a-f]+@otklik\\.test>")
                && Arrays.stream(mail.getReceivedMessages()).anyMatch(m -> {
                    try {
                        return recorded.equals(m.getMessageID());
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                });
    }

    @Override
    public int sendCalls(String contact) {
        return smtp.connections(); // every test's sends succeed in the end: connections are this test's attempts
    }

    @Test
    void htmlIsReducedToTextQuotesAreCutAndTheReplyStaysInTheThread() throws Exception {
        Created channel = channel();
        String contact = contactId("html" + System.nanoTime());
        MimeMessage m = letter("<first-" + contact + ">", contact, "Не приходят письма");
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>Здравствуйте!<script>alert(1)</script> <b>Письма</b> не приходят с утра.</p>"
                + "<img src=x onerror=alert(2)>", "text/html; charset=UTF-8");
        alternative.addBodyPart(html);
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setContent("log line", "text/plain; charset=UTF-8");
        attachment.setFileName("log.txt");
        attachment.setDisposition(jakarta.mail.Part.ATTACHMENT);
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternative);
        mixed.addBodyPart(body);
        mixed.addBodyPart(attachment);
        m.setContent(mixed);
        m.saveChanges();
        mailbox.deliver(m);
        poll(channel);
        String stored = jdbc.queryForObject("select body from message where channel_id = ? and external_id = ?",
                String.class, channel.channelId(), "<first-" + contact + ">");
        assertThat(stored).contains("Здравствуйте!").contains("Письма не приходят с утра.").doesNotContain("<")
                .contains("[вложение: log.txt");
        assertThat(jdbc.queryForList("""
                select a.content_type, a.refused, a.size_bytes from attachment a join message m on m.id = a.message_id
                where m.channel_id = ? and m.external_id = ?""", channel.channelId(), "<first-" + contact + ">"))
                .singleElement().satisfies(row -> {
                    assertThat(row.get("content_type")).isEqualTo("text/plain");
                    assertThat(row.get("refused")).isNull();
                    assertThat(((Number) row.get("size_bytes")).longValue()).isEqualTo(8);
                });
        // the address the mail came from is the contact's e-mail, for merging with the same person elsewhere
        assertThat(jdbc.queryForObject("select email from contact where channel_id = ? and external_id = ?",
                String.class, channel.channelId(), contact)).isEqualTo(contact);

        MimeMessage second = letter("<second-" + contact + ">", contact, "Re: Не приходят письма");
        second.setHeader("In-Reply-To", "<first-" + contact + ">");
        second.setText("Всё ещё не приходят.\n\nВ пн, 23 нояб. Служба поддержки написал:\n> Проверим\n> ваш ящик\n",
                "UTF-8");
        second.saveChanges();
        mailbox.deliver(second);
        poll(channel);
        assertThat(jdbc.queryForObject("select body from message where channel_id = ? and external_id = ?",
                String.class, channel.channelId(), "<second-" + contact + ">")).isEqualTo("Всё ещё не приходят.");

        String agent = onlineAgentToken(channel.department());
        long conversation = jdbc.queryForObject("""
                select c.id from conversation c join contact ct on ct.id = c.contact_id
                where c.channel_id = ? and ct.external_id = ?""", Long.class, channel.channelId(), contact);
        awaitAssigned(agent, conversation);
        assertThat(api.post("/api/v1/conversations/" + conversation + "/replies", agent,
                Map.of("text", "Пётр Сергеевич, проверили: письма снова доходят.")).status()).isEqualTo(201);
        MimeMessage reply = null;
        java.time.Instant until = java.time.Instant.now().plusSeconds(15);
        while (reply == null && java.time.Instant.now().isBefore(until)) {
            for (MimeMessage r : mail.getReceivedMessages()) {
                if (r.getAllRecipients()[0].toString().equals(contact)
                        && String.valueOf(r.getContent()).contains("письма снова доходят")) {
                    reply = r;
                }
            }
            Thread.sleep(200);
        }
        assertThat(reply).isNotNull();
        assertThat(reply.getSubject()).isEqualTo("Re: Не приходят письма");
        assertThat(reply.getHeader("In-Reply-To", null)).isEqualTo("<second-" + contact + ">");
        assertThat(reply.getHeader("References", null)).contains("<first-" + contact + ">")
                .contains("<second-" + contact + ">");
        assertThat(reply.getFrom()[0].toString()).isEqualTo(ADDRESS);
    }
}
