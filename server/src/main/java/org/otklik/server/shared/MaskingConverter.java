package org.otklik.server.shared;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.regex.Pattern;

/**
 * The {@code %mask} of the log pattern: the log message with personal data and secrets masked, so that no e-mail
 * address, phone number, card number or token is written to the logs in clear, whoever logged it.
 */
public class MaskingConverter extends MessageConverter {

    private static final Pattern EMAIL = Pattern.compile("([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\\.[A-Za-z]{2,24})");
    private static final Pattern PHONE = Pattern.compile("(?<![0-9])(\\+?[78])[\\s(-]{0,2}[0-9]{3}[\\s)-]{0,2}[0-9]{3}"
            + "[\\s-]?[0-9]{2}[\\s-]?([0-9]{2})(?![0-9])");
    private static final Pattern CARD = Pattern.compile("(?<![0-9])[0-9]{4}[\\s-]?[0-9]{4}[\\s-]?[0-9]{4}[\\s-]?"
            + "([0-9]{1,7})(?![0-9])");
    private static final Pattern TOKEN = Pattern.compile("(otk_(?:ch|ag)_|bot[0-9]{1,20}:|access_token=|Bearer )"
            + "[A-Za-z0-9_\\-.]{4,}");

    @Override
    public String convert(ILoggingEvent event) {
        return mask(super.convert(event));
    }

    public static String mask(String message) {
        if (message == null || message.isEmpty()) {
            return message;
        }
        String m = TOKEN.matcher(message).replaceAll("$1****");
        m = EMAIL.matcher(m).replaceAll("$1***@$2");
        m = CARD.matcher(m).replaceAll("**** **** **** $1");
        return PHONE.matcher(m).replaceAll("$1*******$2");
    }
}
