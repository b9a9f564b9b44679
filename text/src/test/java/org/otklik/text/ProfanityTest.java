package org.otklik.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProfanityTest {

    private static boolean swears(String text) {
        return !Profanity.find(Normalizer.normalize(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"бл*, опять не работает", "п***ц а не сайт", "какого х** списали", "с*ка ты пожалеешь",
            "это на*балово", "нахуй такое", "ахуеть цены", "мейл ру, долбоёбы", "сраный вк", "blyat ne rabotaet",
            "pizdec polnyi", "ну что за говно", "ебаный сайт", "заебали уже", "йобаний сайт", "fucking useless",
            "f**k this app", "уёбки", "ПИЗДЕЦ", "х@р вам", "еб*ть", "сука опять", "мудаки", "govno a ne prilozhenie",
            "huevo vse eto", "сцуко", "ёпта", "пздц какой то", "нах я сюда зашел", "хули", "ви шо там охуїли"})
    void findsSwearingInPlainMaskedAndTransliteratedForms(String text) {
        assertThat(swears(text)).as(text).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"блин, опять", "фигня какая-то", "капец", "отстой", "похудела на 5 кг", "хулиган в комментах",
            "купила себе подписку", "небо голубое", "учебник", "хлеб", "мудрый совет", "ящик ivan.petrov@mail.ru",
            "пишу на info@salon.ru", "VK.COM* 349.00 RUB", "отель 5*", "язык C#", "ребёнок", "страховка", "хуже некуда",
            "педиатр", "сравнение тарифов", "говорить", "урожай", "сукно", "нахрена столько", "обеспечить",
            "наха, смешно", "наход", "eptа", "сикстинская капелла", "коток"})
    void leavesMildWordsAndLookAlikesAlone(String text) {
        assertThat(swears(text)).as(text).isFalse();
    }

    @Test
    void lookAlikeLatinLettersInsideCyrillicWordsAreRead() {
        assertThat(Normalizer.normalize("пpивeт Мир")).isEqualTo("привет мир");
        assertThat(Normalizer.normalize("помогиииите!!!")).isEqualTo("помогиите!!!");
        assertThat(Normalizer.normalize("Ёлка")).isEqualTo("елка");
    }

    @Test
    void transliteratedRussianIsReadBack() {
        assertThat(Transliteration.toCyrillic("spasibo")).isEqualTo("спасибо");
        assertThat(Transliteration.toCyrillic("zhdu")).isEqualTo("жду");
        assertThat(Transliteration.toCyrillic("shchas")).isEqualTo("щас");
        assertThat(TextFeatures.cyrillize("ne mogu zaiti, pomogite")).isEqualTo("не могу заити, помогите");
    }
}
