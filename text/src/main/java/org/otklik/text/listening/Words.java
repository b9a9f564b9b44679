package org.otklik.text.listening;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.email.UAX29URLEmailTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.otklik.text.Normalizer;
import org.otklik.text.Transliteration;

/**
 * A public post read word by word for matching: Lucene's UAX#29 tokenizer with URL and e-mail recognition finds the
 * words; each word is split into its parts (dotted names «Я.Музыка», CamelCase «СберПрайм», hyphens «Т-Банк», the
 * labels of a domain), normalised (case, ё/э, look-alike letters) and stemmed (Russian and English Snowball; Latin
 * words also in their Cyrillic reading), and marked with what shows that a name is meant: a capital letter inside a
 * sentence, quotes, a hashtag, a domain, or «в/на» before a locative form («на мейле», «в Одноклассниках»). E-mail
 * addresses are not words here: an address at mail.ru does not mention Mail.ru.
 */
public final class Words {

    /** One part of a word: normalised, with its stems (alternatives), Latin or not. */
    public record Part(String normalized, List<String> stems, boolean latin) {
    }

    /**
     * A word of the post.
     *
     * @param parts          one or more parts, each taking one position
     * @param compound       the parts written together (normalised), for a word of several parts; else null
     * @param url            the word is a link or a bare domain
     * @param email          the word is the domain of an e-mail address (its parts are the domain's labels)
     * @param strongEvidence a hashtag or a link: a name for sure
     * @param nameEvidence   written as a name is: capital letter inside a sentence, quotes, CamelCase, or strongly
     * @param placePreposition «в», «во» or «на» when the word is a locative form right after it; else null
     * @param hyphenated     the parts were joined by hyphens («Т-Банк»)
     */
    public record Word(List<Part> parts, String compound, boolean url, boolean email, boolean strongEvidence,
                       boolean nameEvidence, String placePreposition, boolean hyphenated, int start, int end) {

        public String firstNormalized() {
            return parts.getFirst().normalized();
        }
    }

    private static final Set<String> PLACE_PREPOSITIONS = Set.of("в", "во", "на");
    private static final String HYPHENS = "-\u2010\u2011\u2012\u2013\u2014";
    private static final String QUOTES = "«\"“„'‘";

    private record Raw(String text, String type, int start, int end) {
    }

    private Words() {
    }

    public static List<Word> read(String text) {
        return read(text, new Stems());
    }

    static List<Word> read(String text, Stems stems) {
        List<Raw> raws = tokens(text);
        boolean shouting = mostlyUpperCase(text);
        List<Word> words = new ArrayList<>(raws.size());
        int previousEnd = -1;
        Word previous = null;
        for (int i = 0; i < raws.size(); i++) {
            Raw raw = raws.get(i);
            String gap = text.substring(Math.max(previousEnd, 0), raw.start());
            boolean sentenceStart = previousEnd < 0 || endsSentence(gap);
            previousEnd = raw.end();
            if (raw.type().equals("<EMAIL>")) {
                Word domain = emailDomain(raw, raw.text().substring(raw.text().lastIndexOf('@') + 1), stems);
                if (domain != null) {
                    words.add(domain);
                }
                previous = null;
                continue;
            }
            if (raw.type().equals("<URL>") && raw.start() > 0 && text.charAt(raw.start() - 1) == '@') {
                Word domain = emailDomain(raw, raw.text(), stems);
                if (domain != null) {
                    words.add(domain);
                }
                previous = null;
                continue;
            }
            // letters joined by hyphens are one name: Т-Банк, мтс-ка
            List<Raw> group = new ArrayList<>(List.of(raw));
            while (i + 1 < raws.size() && isWordType(raw.type()) && isWordType(raws.get(i + 1).type())
                    && raws.get(i + 1).start() == group.getLast().end() + 1
                    && HYPHENS.indexOf(text.charAt(group.getLast().end())) >= 0) {
                group.add(raws.get(++i));
            }
            previousEnd = group.getLast().end();
            Word word = word(text, group, gap, sentenceStart, shouting, previous, stems);
            if (word != null) {
                words.add(word);
                previous = word;
            }
        }
        return words;
    }

    /** The domain of an e-mail address («ivan@mail.ru», «@mail.ru»): not a mention, but exclusions may name it. */
    private static Word emailDomain(Raw raw, String domain, Stems stems) {
        List<Part> parts = new ArrayList<>();
        for (String label : hostLabels(domain)) {
            String normal = normalizeWord(label);
            if (!normal.isEmpty()) {
                parts.add(part(normal, stems));
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        StringBuilder joined = new StringBuilder();
        parts.forEach(p -> joined.append(p.normalized()));
        return new Word(List.copyOf(parts), joined.toString(), false, true, false, false, null, false,
                raw.start(), raw.end());
    }

    private static Word word(String text, List<Raw> group, String gap, boolean sentenceStart, boolean shouting,
                             Word previous, Stems stems) {
        Raw first = group.getFirst();
        boolean url = first.type().equals("<URL>");
        List<String> pieces = new ArrayList<>();
        boolean camel = false;
        if (url) {
            pieces.addAll(hostLabels(first.text()));
        } else {
            for (Raw raw : group) {
                String t = stripPossessive(raw.text());
                for (String dotted : t.split("[._]+")) {
                    List<String> camelParts = splitCamel(dotted);
                    camel |= camelParts.size() > 1 || hasInnerCapital(dotted);
                    pieces.addAll(camelParts);
                }
            }
        }
        List<Part> parts = new ArrayList<>(pieces.size());
        for (String piece : pieces) {
            String normal = normalizeWord(piece);
            if (!normal.isEmpty()) {
                parts.add(part(normal, stems));
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        String compound = null;
        if (parts.size() > 1) {
            StringBuilder joined = new StringBuilder();
            parts.forEach(p -> joined.append(p.normalized()));
            compound = joined.toString();
        }
        char before = first.start() > 0 ? text.charAt(first.start() - 1) : ' ';
        String trimmedGap = gap.strip();
        boolean quoted = !trimmedGap.isEmpty() && QUOTES.indexOf(trimmedGap.charAt(trimmedGap.length() - 1)) >= 0;
        boolean hashtag = before == '#';
        boolean capital = Character.isUpperCase(first.text().codePointAt(0));
        boolean strongEvidence = url || hashtag;
        boolean nameEvidence = strongEvidence || quoted || camel && !shouting || capital && !sentenceStart && !shouting;
        String last = parts.getLast().normalized();
        boolean place = parts.size() == 1 && previous != null && gap.isBlank()
                && previous.parts().size() == 1 && PLACE_PREPOSITIONS.contains(previous.firstNormalized())
                && last.length() > 3 && (last.endsWith("е") || last.endsWith("ах") || last.endsWith("ях"));
        return new Word(List.copyOf(parts), compound, url, false, strongEvidence, nameEvidence,
                place ? previous.firstNormalized() : null,
                group.size() > 1, first.start(), group.getLast().end());
    }

    static Part part(String normal, Stems stems) {
        List<String> alternatives = new ArrayList<>(2);
        alternatives.add(stems.stem(normal));
        boolean latin = isLatin(normal);
        if (latin) {
            String cyrillic = stems.stem(Transliteration.toCyrillic(normal));
            if (cyrillic.length() >= Math.min(3, normal.length()) && !alternatives.contains(cyrillic)) {
                alternatives.add(cyrillic);
            }
        }
        return new Part(normal, List.copyOf(alternatives), latin);
    }

    /** Lower case, ё and э as е, Latin look-alikes inside Cyrillic words fixed, stretched letters squeezed. */
    public static String normalizeWord(String word) {
        String n = Normalizer.normalize(word).replace('э', 'е');
        StringBuilder out = new StringBuilder(n.length());
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static final ThreadLocal<UAX29URLEmailTokenizer> TOKENIZERS = ThreadLocal.withInitial(() -> {
        UAX29URLEmailTokenizer tokenizer = new UAX29URLEmailTokenizer();
        tokenizer.setMaxTokenLength(StandardTokenizer.MAX_TOKEN_LENGTH_LIMIT);
        return tokenizer;
    });

    private static List<Raw> tokens(String text) {
        List<Raw> raws = new ArrayList<>();
        UAX29URLEmailTokenizer tokenizer = TOKENIZERS.get();
        tokenizer.setReader(new StringReader(text));
        try (tokenizer) {
            CharTermAttribute term = tokenizer.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = tokenizer.addAttribute(OffsetAttribute.class);
            TypeAttribute type = tokenizer.addAttribute(TypeAttribute.class);
            tokenizer.reset();
            while (tokenizer.incrementToken()) {
                raws.add(new Raw(term.toString(), type.type(), offset.startOffset(), offset.endOffset()));
            }
            tokenizer.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return raws;
    }

    private static boolean isWordType(String type) {
        return type.equals("<ALPHANUM>") || type.equals("<NUM>");
    }

    private static List<String> hostLabels(String link) {
        String host = link;
        int scheme = host.indexOf("://");
        if (scheme >= 0) {
            host = host.substring(scheme + 3);
        }
        int end = host.length();
        for (char stop : new char[] {'/', '?', '#', ':'}) {
            int at = host.indexOf(stop);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        host = host.substring(0, end);
        int credentials = host.lastIndexOf('@');
        if (credentials >= 0) {
            host = host.substring(credentials + 1);
        }
        List<String> labels = new ArrayList<>(List.of(host.split("\\.")));
        labels.removeIf(String::isEmpty);
        while (labels.size() > 2 && (labels.getFirst().equalsIgnoreCase("www")
                || labels.getFirst().equalsIgnoreCase("m"))) {
            labels.removeFirst();
        }
        return labels;
    }

    private static String stripPossessive(String token) {
        for (String suffix : new String[] {"'s", "’s", "'S"}) {
            if (token.endsWith(suffix) && token.length() > suffix.length()) {
                return token.substring(0, token.length() - suffix.length());
            }
        }
        return token;
    }

    /**
     * CamelCase parts: a capital after a lower-case letter starts a part (СберПрайм), and so does the last capital
     * of a run of capitals followed by three or more lower-case letters (ВКонтакте, ВКМузыка); «МТСом» stays whole.
     */
    static List<String> splitCamel(String s) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            char p = s.charAt(i - 1);
            boolean lowerToUpper = Character.isLowerCase(p) && Character.isUpperCase(c);
            boolean endOfCapitals = Character.isUpperCase(p) && Character.isUpperCase(c)
                    && lowerRun(s, i + 1) >= 3;
            if (lowerToUpper) {
                parts.add(s.substring(start, i));
                start = i;
            } else if (endOfCapitals) {
                parts.add(s.substring(start, i));
                start = i;
            }
        }
        parts.add(s.substring(start));
        parts.removeIf(String::isEmpty);
        return parts;
    }

    private static int lowerRun(String s, int from) {
        int n = 0;
        while (from + n < s.length() && Character.isLowerCase(s.charAt(from + n))) {
            n++;
        }
        return n;
    }

    private static boolean hasInnerCapital(String s) {
        for (int i = 1; i < s.length(); i++) {
            if (Character.isUpperCase(s.charAt(i)) && Character.isLowerCase(s.charAt(i - 1))) {
                return true;
            }
        }
        return false;
    }

    private static boolean endsSentence(String gap) {
        for (int i = 0; i < gap.length(); i++) {
            char c = gap.charAt(i);
            if (c == '.' || c == '!' || c == '?' || c == '…' || c == '\n' || c == ':' && i == gap.length() - 1) {
                return true;
            }
        }
        return false;
    }

    private static boolean mostlyUpperCase(String text) {
        int upper = 0;
        int letters = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
                if (Character.isUpperCase(c)) {
                    upper++;
                }
            }
        }
        return letters >= 12 && upper * 2 > letters;
    }

    static boolean hasCyrillic(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Normalizer.isCyrillic(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    static boolean isLatin(String s) {
        boolean letter = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z') {
                letter = true;
            } else if (!Character.isDigit(c)) {
                return false;
            }
        }
        return letter;
    }
}
