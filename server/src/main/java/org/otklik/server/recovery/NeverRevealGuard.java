package org.otklik.server.recovery;

import java.text.Normalizer;
import java.util.Locale;
import org.otklik.server.shared.InvalidInput;
import org.otklik.server.shared.ReplyGuard;
import org.springframework.stereotype.Component;

/**
 * No reply may contain a fact the service promised never to reveal about the conversation's profile, however it is
 * spaced, cased or spelled with ё/е; the refusal names the fact's label, never its value.
 */
@Component
class NeverRevealGuard implements ReplyGuard {

    /** Values shorter than this would match by chance (a one-letter initial, "да"). */
    static final int MIN_LENGTH = 3;

    private final Profiles profiles;

    NeverRevealGuard(Profiles profiles) {
        this.profiles = profiles;
    }

    @Override
    public void check(long conversationId, String text, String field) {
        if (text == null) {
            return;
        }
        String reply = " " + normalised(text) + " ";
        String replyDigits = text.replaceAll("[^0-9]", "");
        for (Profiles.Fact fact : profiles.neverRevealOf(conversationId)) {
            if (reveals(reply, replyDigits, fact.value())) {
                throw new InvalidInput(field, "the reply contains «" + fact.label() + "», which the service promised "
                        + "never to reveal: remove it");
            }
        }
    }

    /**
     * Whole words of the value in the reply, or (a number of 5 digits or more) its digits among the reply's, a
     * Russian phone number without its 7 or 8.
     */
    static boolean reveals(String paddedReply, String replyDigits, String value) {
        String words = normalised(value);
        if (words.length() >= MIN_LENGTH && paddedReply.contains(" " + words + " ")) {
            return true;
        }
        String digits = value.replaceAll("[^0-9]", "");
        if (digits.length() == 11 && (digits.charAt(0) == '7' || digits.charAt(0) == '8')) {
            digits = digits.substring(1); // a Russian number: +7 and 8 are the same line
        }
        return digits.length() >= 5 && replyDigits.contains(digits);
    }

    /** Lower case, ё as е, letters and digits only with single spaces between words. */
    static String normalised(String s) {
        String n = Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).replace('ё', 'е');
        return n.replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
    }
}
