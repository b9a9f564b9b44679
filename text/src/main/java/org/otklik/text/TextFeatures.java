package org.otklik.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.tartarus.snowball.ext.RussianStemmer;

/**
 * What a classifier sees of a text: Russian stems (Lucene's Snowball Russian stemmer; negations kept and joined to
 * the next word, "не работает" -> не_работа), stem pairs, character n-grams of the normalised words (which survive
 * typos, masks and other languages), the Cyrillic reading of Latin-typed Russian, the channel, and a few cues a reader
 * notices at once (swearing, question, digits, a year, how long ago, length).
 */
public final class TextFeatures {

    private static final Set<String> NEGATIONS = Set.of("не", "ни", "нет", "без", "ne", "net");
    private static final Set<String> PUBLIC_CHANNELS = Set.of("vk_comment", "ok_comment", "vk_post",
            "telegram_channel_comment", "mention");
    private static final Pattern YEAR = Pattern.compile("\\b(19[89]\\d|20[0-2]\\d)\\b");
    private static final Pattern GREETING = Pattern.compile("^(добрый (день|вечер|утро)|здравствуйте|привет|алло|"
            + "доброе утро|hello|hi|салом|salom|сәлем)[!.,)]*$");

    /**
     * Cues a reader notices at once, as fragments of the normalised text (its Latin-typed words also read as Russian),
     * padded with spaces so that " app " means a whole word. Plain substring search: a regular expression per cue
     * cost more than everything else together.
     */
    private enum Cue {
        AGO("лет назад", "года назад", "год назад", "месяц назад", "месяца назад", "недели назад", "неделю назад",
                "давно", "раньше", "когда-то", "в прошлом", "years ago", "year ago", "back in ", "тому назад"),
        NOW("сейчас", "с утра", "уже час", "уже два часа", "уже 2 часа", "уже 3 часа", "третий день", "второй день",
                "весь день", "сегодня", "прямо сейчас", "right now", "today", "с обеда", "с вечера", "с ночи"),
        URL("http", "www.", ".ru ", ".ru/", ".com"),
        FAILING("не грузит", "не загружа", "не открыва", "не работа", "не запуска", "не отправля", "не обновля",
                "не приход", "не заход", "не вход", "не пуска", "не показыва", "не воспроизвод", "лежит", "легл",
                "упал", "висит", "виснет", "завис", "вылета", "крашит", "тормоз", "тупит", "белый экран",
                "белый лист", "белая страниц", "серый экран", "пустой экран", "ошибк", " 502", " 503", " 504",
                "gateway", "нет соединения", "нет связи", "сбой", "сломал", "не отвечает", "крутится", " down",
                "crash", "won't load", "wont load", "not loading", "white screen", "error", "не працю", "не відкрива",
                "лежить", "ochilmay", "ишламаяпти", "очилмаяпти", "ашылмай", "ачылбай", "жүктелмей", "ishlamay",
                "yuklanmay", "не раб", "не откр", "не груз"),
        APP("приложени", "приложух", "прилож", " app", "айфон", "iphone", "android", "андроид", " ios", "телефон",
                "смартфон", "samsung", "xiaomi", "redmi", "ilova", "тиркеме", "қосымша", "додаток", "мобильн",
                "айфон"),
        SITE("сайт", "браузер", "компьютер", " комп", "ноутбук", "vk.com", "ok.ru", "mail.ru", "website", " site",
                "sayt", "sait", "chrome", "хром", "firefox", "веб-верси", "desktop", "страница входа"),
        OWN_PAGE("моя страниц", "мою страниц", "моей страниц", "мой профиль", "моем профиле", "моём профиле",
                "мой аккаунт", "свою страниц", "свой профиль", "своей страниц", "my page", "my profile",
                "моя сторінка", "мій профіль", "на мою стен", "моя стена"),
        PRAISE("спасиб", "благодар", "круто", "классн", "отличн", "супер", "лучш", "обожа", "кайф", " топ",
                "нравит", "удобн", "рекоменд", "молодц", "умнич", "респект", "восторг", "порадовал", "приятно",
                "love", "great", "awesome", "thanks", "thank you", "дякую", "рахмет", "rahmat", "raxmat", " спс",
                "👍", "❤", "🔥", "😍", "🙏", "💙", "🥰"),
        DISPLEASURE("ужас", "отстой", "кошмар", "бесит", "ненавиж", "хуже", "достал", "задолбал", "надоел", "позор",
                "бред", "помойк", "убог", "тупо", " фу ", "жесть", "дичь", "разочаров", "испортил", "скатил", "👎",
                "😡", "🤬", "😤", "disappoint"),
        CHANGE("сделали", "убрали", "добавили", "ввели", "теперь", "новый", "новая", "новое", "новые", "новую",
                "новой", "обновлени", "редизайн", "подорожал", "подняли цен", "заставля", "зачем ", "кто придумал",
                "кто это придумал", "верните как было", "поменяли", "изменили", "переделали", "запретили",
                "отменили"),
        REQUEST("помогите", "подскажите", "как сделать", "как вернуть", "как включить", "как отключить",
                "как удалить", "как войти", "как зайти", "как поменять", "как сменить", "как восстановить",
                "как убрать", "как найти", "как купить", "как оплатить", "как мне ", "как можно", "что делать",
                "верните", "разблокир", "восстанов", "не могу", "не получается", "почему", "когда вернут",
                "когда починят", "когда ответите", "можно ли", "прошу", "help", "how do i", "how can i", "please",
                "допоможіть", "підкажіть", "yordam", "көмектес");

        private final String[] fragments;

        Cue(String... fragments) {
            this.fragments = fragments;
        }

        boolean in(String padded) {
            for (String f : fragments) {
                if (padded.contains(f)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final Analyzer RUSSIAN = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream stems = new SnowballFilter(source, new RussianStemmer());
            return new TokenStreamComponents(source, stems);
        }
    };

    private TextFeatures() {
    }

    /** A text read once: its normalised form, the swear words in it, and its features. */
    public record Reading(String normalized, List<String> swearWords, List<String> features) {
    }

    /** The features of one text, as strings; the same text and channel always give the same features. */
    public static List<String> extract(String text, String channel) {
        return read(text, channel).features();
    }

    public static Reading read(String text, String channel) {
        String normalized = Normalizer.normalize(text);
        List<String> swearWords = Profanity.find(normalized);
        Set<String> features = new HashSet<>();
        List<String> stems = stems(normalized);
        String cyrillized = cyrillize(normalized);
        if (!cyrillized.equals(normalized)) {
            stems.addAll(stems(cyrillized));
        }
        String previous = null;
        for (String stem : stems) {
            features.add("w:" + stem);
            if (previous != null) {
                features.add((NEGATIONS.contains(previous) ? "n:" : "b:") + previous + "_" + stem);
            }
            previous = stem;
        }
        for (String word : normalized.split("[^\\p{L}\\p{N}*@#$%']+")) {
            if (word.isEmpty() || word.length() > 24) {
                continue;
            }
            String padded = "_" + word + "_";
            for (int n = 3; n <= 5; n++) {
                for (int i = 0; i + n <= padded.length(); i++) {
                    features.add("c:" + padded.substring(i, i + n));
                }
            }
        }
        if (channel != null && !channel.isBlank()) {
            features.add("ch:" + channel);
            features.add(PUBLIC_CHANNELS.contains(channel) ? "ch:public" : "ch:private");
        }
        if (!swearWords.isEmpty()) {
            features.add("cue:swear");
        }
        if (normalized.indexOf('?') >= 0) {
            features.add("cue:question");
        }
        if (normalized.indexOf('!') >= 0) {
            features.add("cue:exclaim");
        }
        if (normalized.chars().anyMatch(Character::isDigit)) {
            features.add("cue:digits");
            if (YEAR.matcher(normalized).find()) {
                features.add("cue:year");
            }
        }
        String readable = " " + (cyrillized.equals(normalized) ? normalized : normalized + " " + cyrillized) + " ";
        for (Cue cue : Cue.values()) {
            if (cue != Cue.APP && cue != Cue.SITE && cue != Cue.OWN_PAGE && cue.in(readable)) {
                features.add("cue:" + cue.name().toLowerCase(Locale.ROOT));
            }
        }
        if (features.contains("cue:failing")) {
            if (Cue.APP.in(readable)) {
                features.add("cue:failing-app");
            }
            if (Cue.SITE.in(readable)) {
                features.add("cue:failing-site");
            }
            if (Cue.OWN_PAGE.in(readable)) {
                features.add("cue:failing-own-page");
            }
        }
        if (normalized.length() < 40 && GREETING.matcher(normalized.strip()).matches()) {
            features.add("cue:greeting-only");
        }
        if (normalized.startsWith("тема:") || normalized.startsWith("subject:")) {
            features.add("cue:email");
        }
        int words = stems.size();
        features.add(words <= 2 ? "len:tiny" : words <= 6 ? "len:short" : words <= 20 ? "len:mid" : "len:long");
        long upper = text.chars().filter(Character::isUpperCase).count();
        long letters = text.chars().filter(Character::isLetter).count();
        if (letters >= 8 && upper * 2 > letters) {
            features.add("cue:caps");
        }
        return new Reading(normalized, swearWords, new ArrayList<>(features));
    }

    private static final Pattern LATIN_WORD = Pattern.compile("[a-z][a-z']*");

    /** Latin-typed words read as Russian; everything else unchanged. */
    static String cyrillize(String normalized) {
        return LATIN_WORD.matcher(normalized).replaceAll(m -> Transliteration.toCyrillic(m.group()));
    }

    static List<String> stems(String text) {
        List<String> stems = new ArrayList<>();
        try (TokenStream ts = RUSSIAN.tokenStream("text", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                stems.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stems;
    }
}
