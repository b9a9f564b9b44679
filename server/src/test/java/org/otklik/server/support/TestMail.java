package org.otklik.server.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;

/** One GreenMail SMTP server (a real SMTP protocol stand-in) for the tests' shared server, on a free port. */
public final class TestMail {

    public static final String DIGEST_RECIPIENT = "care-leads@otklik.test";
    public static final String ESCALATION_RECIPIENT = "department-lead@otklik.test";
    public static final String REPORT_RECIPIENT = "management@otklik.test";
    public static final String PR_RECIPIENT = "pr@otklik.test";
    public static final String DEVELOPERS_RECIPIENT = "developers@otklik.test";
    public static final String PRODUCT_RECIPIENT = "product@otklik.test";
    private static GreenMail mail;

    private TestMail() {
    }

    public static synchronized GreenMail server() {
        if (mail == null) {
            mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
            mail.start();
        }
        return mail;
    }

    public static int smtpPort() {
        return server().getSmtp().getPort();
    }

    public static List<MimeMessage> received() {
        return Arrays.asList(server().getReceivedMessages());
    }
}
