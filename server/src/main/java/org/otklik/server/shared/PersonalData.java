package org.otklik.server.shared;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds personal data in a text that is about to be made public: phone numbers, e-mail addresses, payment card
 * numbers (by the Luhn check, so an order number is not mistaken for one).
 */
public final class PersonalData {

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,24}");
    /** A Russian number, as people write it: +7 912 345-67-89, 8 (912) 345 67 89. */
    private static final Pattern RUSSIAN_PHONE = Pattern.compile("(?<![0-9])(?:\\+7|8|7)[\\s(-]{0,2}[0-9]{3}"
            + "[\\s)-]{0,2}[0-9]{3}[\\s-]?[0-9]{2}[\\s-]?[0-9]{2}(?![0-9])");
    private static final Pattern PHONE = Pattern.compile(RUSSIAN_PHONE.pattern()
            + "|(?<![0-9])\\+[0-9][0-9\\s()-]{9,16}[0-9](?![0-9])");
    private static final Pattern CARD = Pattern.compile("(?<![0-9])(?:[0-9][\\s-]?){13,19}(?![0-9])");

    private PersonalData() {
    }

    /** The first e-mail address in a text, if any. */
    public static Optional<String> firstEmail(String text) {
        return first(EMAIL, text);
    }

    /** The first Russian phone number in a text, if any. */
    public static Optional<String> firstRussianPhone(String text) {
        return first(RUSSIAN_PHONE, text);
    }

    private static Optional<String> first(Pattern pattern, String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = pattern.matcher(text);
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }

    /** What kind of personal data the text holds (the first found), if any. */
    public static Optional<String> find(String text) {
        if (text == null) {
            return Optional.empty();
        }
        if (EMAIL.matcher(text).find()) {
            return Optional.of("an e-mail address");
        }
        Matcher card = CARD.matcher(text);
        while (card.find()) {
            String digits = card.group().replaceAll("[^0-9]", "");
            if (digits.length() >= 13 && luhn(digits)) {
                return Optional.of("a card number");
            }
        }
        if (PHONE.matcher(text).find()) {
            return Optional.of("a phone number");
        }
        return Optional.empty();
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /**
     * The text with every e-mail address, card number (by the Luhn check) and phone number replaced by a mark of its
     * kind, for text shown outside the support team (a shared conversation, feature-request quotes).
     */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = EMAIL.matcher(text).replaceAll("[e-mail]");
        Matcher card = CARD.matcher(masked);
        StringBuilder out = new StringBuilder();
        while (card.find()) {
            String digits = card.group().replaceAll("[^0-9]", "");
            // keep the separator a greedy match may have swallowed after the number
            String tail = card.group().substring(card.group().stripTrailing().length());
            card.appendReplacement(out, digits.length() >= 13 && luhn(digits)
                    ? Matcher.quoteReplacement("[card]" + tail) : Matcher.quoteReplacement(card.group()));
        }
        card.appendTail(out);
        return PHONE.matcher(out).replaceAll("[phone]");
    }

    /** Refuses a public text with personal data: 400 naming the field, saying what was found and what to do. */
    public static void requireNoneInPublic(String text, String field) {
        find(text).ifPresent(kind -> {
            throw new InvalidInput(field, "a public reply must not contain " + kind
                    + ": everyone can read it. Move the conversation to private messages instead.");
        });
    }
}
