package org.otklik.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Obscene Russian swearing found by its roots after normalisation, in plain, masked ("бл*", "п***ц", "с*ка") and
 * transliterated ("blyat", "pizdec", "nahuy") forms. Mild words ("блин", "фигня", "капец", "отстой") are not matched.
 * The triage model adds what a lexicon cannot know (abusive insults in context); this is the part that must never
 * miss.
 */
public final class Profanity {

    private static final String PREFIXES = "(?:за|на|по|от|ото|вы|до|про|пере|раз|рас|недо|у|съ|подъ|при|объ|въ|изъ|о|ни|с|а)";

    private static final List<Pattern> ROOTS = List.of(
            Pattern.compile("^" + PREFIXES + "?ху(й|я|е|ю|ї|и[тнл])"),
            Pattern.compile("^(по|на|ни|за|от)ху(й|я|е|ю|и|ї)"),
            Pattern.compile("^хул(и|ь)$"),
            Pattern.compile("^нах$"),
            Pattern.compile("^п(и)?здц"),
            Pattern.compile("^сцу(к|ч)"),
            Pattern.compile("^[её]пт(а|ь|и)?$"),
            Pattern.compile("^қ[ўо]т[ао]қ"),
            Pattern.compile("пи[зс]д"),
            Pattern.compile("^бля(д|т|ть|ха-муха)?"),
            Pattern.compile("^бл[яь]$"),
            Pattern.compile("^" + PREFIXES + "?[её]б(а|у|л|н|т|ш|и|о|ё|ы|к)"),
            Pattern.compile("^[её]б$"),
            Pattern.compile("^с?сук(а|и|у|ой|ам|ами|ах|ин|ины)?$"),
            Pattern.compile("^сучар"),
            Pattern.compile("^сучк"),
            Pattern.compile("^муд(ак|ач|аков|аки|ил|оз|озв|ень)"),
            Pattern.compile("^п[ие]д[оа]?р"),
            Pattern.compile("^п[ие]дрил"),
            Pattern.compile("^залуп"),
            Pattern.compile("^г[ао]ндон"),
            Pattern.compile("^шлюх"),
            Pattern.compile("^дроч"),
            Pattern.compile("^мраз(ь|и|ота|ей)"),
            Pattern.compile("^ублюд"),
            Pattern.compile("^выбляд"),
            Pattern.compile("долб[ао][её]б"),
            Pattern.compile("[её]бан"),
            Pattern.compile("^йоб"),
            Pattern.compile("^долба(н|нн)"),
            Pattern.compile("^(за)?говн"),
            Pattern.compile("^дерьм"),
            Pattern.compile("^(за|об)?сра(н|ть|л)"),
            Pattern.compile("^твар(ь|и|ей|ям)$"),
            Pattern.compile("^сволоч"),
            Pattern.compile("^урод(ы|ов|ина|ины|ам|ами)?$"),
            Pattern.compile("^дебил"),
            Pattern.compile("^(fuck|fucking|fucked|fucker|motherfuck|shit|shitty|bullshit|bitch|asshole|wtf|"
                    + "pizd|pzdc|blyat|blyad|suka|nahu|huy|hui|ebat|eban|ebal|sik(im|tir|iş)|qo'?toq)"));

    /** Every root above contains one of these fragments: a word without any of them needs no closer look. */
    private static final Pattern TRIGGER = Pattern.compile("ху|пи[зс]д|пздц|бл[яь]|[её]б|[её]пт|йоб|сук|суч|сцу|муд|"
            + "п[ие]д|залуп|г[ао]ндон|шлюх|дроч|мраз|ублюд|долб|говн|дерьм|сра|твар|сволоч|урод|дебил|нах|[кқ][ўо]т|"
            + "fuck|shit|bitch|asshole|wtf|pizd|pzdc|bly|suk|nah|huy|hui|eb|sik|toq|[*@#$%]");

    private static final Pattern ADDRESSES = Pattern.compile("\\S+@\\S+\\.\\S+|https?://\\S+|www\\.\\S+|"
            + "\\b[\\w-]+\\.(ru|com|рф|net|org)\\b\\S*");

    private static final Pattern BENIGN = Pattern.compile("^(блин|блинчик|блины|хулиган.*|сукно|ребен.*|учеб.*|себе.*|"
            + "небо|небес.*|хлеб.*|ебург|педал.*|педагог.*|педиатр.*|мудр.*|скипидар|пидж.*|залупа-.*)$");

    private Profanity() {
    }

    /** The swear words of a text (normalised forms), empty if none. */
    public static List<String> find(String normalizedText) {
        List<String> hits = new ArrayList<>();
        if (!TRIGGER.matcher(normalizedText).find() && !TRIGGER.matcher(TextFeatures.cyrillize(normalizedText)).find()) {
            return hits;
        }
        String text = ADDRESSES.matcher(normalizedText).replaceAll(" ");
        for (String token : text.split("[^\\p{L}\\p{N}*@#$%'-]+")) {
            if (token.isEmpty()) {
                continue;
            }
            String word = Transliteration.isLatinWord(token) ? Transliteration.toCyrillic(token) : token;
            if (!TRIGGER.matcher(token).find() && !TRIGGER.matcher(word).find()) {
                continue;
            }
            if (isSwear(word) || isSwear(token) || isMaskedSwear(token)) {
                hits.add(token);
            }
        }
        return hits;
    }

    static boolean isSwear(String word) {
        String letters = word.replace("-", "");
        if (letters.length() < 2 || BENIGN.matcher(letters).matches()) {
            return false;
        }
        for (Pattern root : ROOTS) {
            if (root.matcher(letters).find()) {
                return true;
            }
        }
        return false;
    }

    /**
     * A word with mask characters inside or at its end after at least two letters ("бл*", "п***ц", "х@р", "на*бал"):
     * people mask the words they know are obscene. Handles, e-mail addresses and emphasis markers are not words.
     */
    static boolean isMaskedSwear(String token) {
        if (!Character.isLetter(token.charAt(0))) {
            return false;
        }
        if (!Normalizer.isCyrillic(token.charAt(0))) {
            // Latin masks: only the English ones people actually mask (f**k, sh*t, b*tch)
            return token.matches("(f[*@#$%]+c?k|f[*@#$%]*ck|sh[*@#$%]+t|b[*@#$%]+tch)\\w*");
        }
        int lettersBefore = 0;
        int i = 0;
        while (i < token.length() && Character.isLetter(token.charAt(i))) {
            lettersBefore++;
            i++;
        }
        if (i == token.length() || !Normalizer.isMask(token.charAt(i))) {
            return false;
        }
        while (i < token.length() && Normalizer.isMask(token.charAt(i))) {
            i++;
        }
        int masks = 0;
        for (int k = lettersBefore; k < token.length() && Normalizer.isMask(token.charAt(k)); k++) {
            masks++;
        }
        boolean lettersAfter = i < token.length() && Character.isLetter(token.charAt(i));
        return lettersAfter || lettersBefore >= 2 || masks >= 2;
    }
}
