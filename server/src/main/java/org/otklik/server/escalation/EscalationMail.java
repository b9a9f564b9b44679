package org.otklik.server.escalation;

import java.util.List;
import org.otklik.server.shared.StateConflict;
import org.otklik.server.sla.SlaProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Plain-text e-mail the way the SLA escalation sends it. Unlike an SLA breach, an agent is waiting for the answer:
 * a mail that cannot go out is refused (409), so the escalation is not recorded as sent when nobody got it.
 */
@Component
class EscalationMail {

    private static final Logger log = LoggerFactory.getLogger(EscalationMail.class);

    private final ObjectProvider<JavaMailSender> mail;
    private final String from;

    EscalationMail(ObjectProvider<JavaMailSender> mail, EscalationProperties properties, SlaProperties sla) {
        this.mail = mail;
        this.from = properties.from() != null ? properties.from() : sla.escalationFrom();
    }

    boolean configured() {
        return mail.getIfAvailable() != null;
    }

    void send(List<String> to, String subject, String text) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            throw new StateConflict("e-mail is not configured (spring.mail.host): the escalation cannot be sent");
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to.toArray(String[]::new));
        message.setSubject(subject);
        message.setText(text);
        try {
            sender.send(message);
        } catch (MailException e) {
            log.warn("escalation: e-mail failed: {}", e.getMessage());
            throw new StateConflict("the e-mail could not be sent, try again later: " + e.getMessage());
        }
    }
}
