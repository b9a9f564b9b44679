package org.otklik.text.listening;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How Russians write a Latin brand name in Cyrillic when they read it the English way: «Mail» -> «мейл», «майл»;
 * «Music» -> «мьюзик»; «Yandex» -> «яндекс». Letter-by-letter transliteration ({@code Transliteration}) covers Russian
 * typed in Latin ("sber" -> «сбер»); this covers the other direction, for the terms of a stream. A handful of
 * readings per word, never more than {@link #MAX}.
 */
final class EnglishReading {

    static final int MAX = 6;

    private static final String VOWELS = "aeiouy";

    private EnglishReading() {
    }

    static Set<String> of(String latin) {
        List<StringBuilder> readings = new ArrayList<>(List.of(new StringBuilder()));
        int i = 0;
        while (i < latin.length()) {
            Step step = step(latin, i);
            List<StringBuilder> next = new ArrayList<>();
            for (StringBuilder reading : readings) {
                for (String option : step.options) {
                    if (next.size() < MAX * 4) {
                        next.add(new StringBuilder(reading).append(option));
                    }
                }
            }
            readings = next;
            i += step.length;
        }
        Set<String> out = new LinkedHashSet<>();
        for (StringBuilder reading : readings) {
            if (out.size() < MAX && !reading.isEmpty()) {
                out.add(reading.toString());
            }
        }
        return out;
    }

    private record Step(int length, String... options) {
    }

    private static Step step(String s, int i) {
        char c = s.charAt(i);
        char next = i + 1 < s.length() ? s.charAt(i + 1) : 0;
        boolean last = i == s.length() - 1;
        boolean vowelBefore = i > 0 && VOWELS.indexOf(s.charAt(i - 1)) >= 0;
        boolean vowelAfter = next != 0 && VOWELS.indexOf(next) >= 0;
        String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
        switch (two) {
            case "ph": return new Step(2, "ф");
            case "th": return new Step(2, "т", "з");
            case "sh": return new Step(2, "ш");
            case "ch": return new Step(2, "ч");
            case "ck": return new Step(2, "к");
            case "qu": return new Step(2, "кв");
            case "oo": return new Step(2, "у");
            case "ee", "ea": return new Step(2, "и");
            case "ai", "ay": return new Step(2, "ей", "ай");
            case "ei", "ey": return new Step(2, "ей");
            case "ou": return new Step(2, "ау", "у");
            case "ow": return new Step(2, "оу", "ау");
            case "ya": return new Step(2, "я");
            case "yo": return new Step(2, "йо", "е");
            case "yu": return new Step(2, "ю");
            case "ye": return new Step(2, "е");
            default: break;
        }
        return switch (c) {
            case 'a' -> new Step(1, "а", "е");
            case 'b' -> new Step(1, "б");
            case 'c' -> next == 'e' || next == 'i' || next == 'y' ? new Step(1, "с") : new Step(1, "к");
            case 'd' -> new Step(1, "д");
            case 'e' -> last && i > 0 && !vowelBefore ? new Step(1, "", "е") : new Step(1, "е");
            case 'f' -> new Step(1, "ф");
            case 'g' -> next == 'e' || next == 'i' ? new Step(1, "дж", "г") : new Step(1, "г");
            case 'h' -> new Step(1, "х");
            case 'i' -> new Step(1, "и", "ай");
            case 'j' -> new Step(1, "дж");
            case 'k' -> new Step(1, "к");
            case 'l' -> new Step(1, "л");
            case 'm' -> new Step(1, "м");
            case 'n' -> new Step(1, "н");
            case 'o' -> new Step(1, "о");
            case 'p' -> new Step(1, "п");
            case 'q' -> new Step(1, "к");
            case 'r' -> new Step(1, "р");
            case 's' -> vowelBefore && vowelAfter ? new Step(1, "з", "с") : new Step(1, "с");
            case 't' -> new Step(1, "т");
            case 'u' -> new Step(1, "у", "ью", "а");
            case 'v' -> new Step(1, "в");
            case 'w' -> new Step(1, "в", "у");
            case 'x' -> new Step(1, "кс");
            case 'y' -> i == 0 ? new Step(1, "й") : new Step(1, "и", "ай");
            case 'z' -> new Step(1, "з");
            default -> new Step(1, String.valueOf(c));
        };
    }
}
